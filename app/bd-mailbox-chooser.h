/* bd-mailbox-chooser.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BD_TYPE_MAILBOX_CHOOSER (bd_mailbox_chooser_get_type ())

G_DECLARE_FINAL_TYPE (BdMailboxChooser, bd_mailbox_chooser, BD, MAILBOX_CHOOSER, AdwWindow)

GtkWidget *bd_mailbox_chooser_new (GtkWindow *parent);

G_END_DECLS
