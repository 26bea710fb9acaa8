/* bd-window.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bd-application.h"
#include "bd-diagnosis-view.h"
#include "bd-domain-view.h"
#include "bd-mailbox-view.h"

G_BEGIN_DECLS

#define BD_TYPE_WINDOW (bd_window_get_type ())

G_DECLARE_FINAL_TYPE (BdWindow, bd_window, BD, WINDOW, AdwApplicationWindow)

BdWindow *bd_window_new        (BdApplication  *application);
void      bd_window_open_files (BdWindow       *self,
                                GFile         **files,
                                int             n_files);
BdDiagnosisView *bd_window_get_diagnosis_view (BdWindow *self);
BdMailboxView   *bd_window_get_mailbox_view   (BdWindow *self);
BdDomainView    *bd_window_get_domain_view    (BdWindow *self);

G_END_DECLS
