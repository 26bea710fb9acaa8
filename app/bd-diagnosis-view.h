/* bd-diagnosis-view.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bd-bounce.h"

G_BEGIN_DECLS

#define BD_TYPE_DIAGNOSIS_VIEW (bd_diagnosis_view_get_type ())

G_DECLARE_FINAL_TYPE (BdDiagnosisView, bd_diagnosis_view, BD, DIAGNOSIS_VIEW, GtkWidget)

GtkWidget *bd_diagnosis_view_new        (void);
BdBounce  *bd_diagnosis_view_get_bounce (BdDiagnosisView *self);
void       bd_diagnosis_view_set_bounce (BdDiagnosisView *self,
                                         BdBounce        *bounce);

G_END_DECLS
