/* bd-mailbox-view.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bd-bounce.h"

G_BEGIN_DECLS

#define BD_TYPE_MAILBOX_VIEW (bd_mailbox_view_get_type ())

G_DECLARE_FINAL_TYPE (BdMailboxView, bd_mailbox_view, BD, MAILBOX_VIEW, GtkWidget)

void       bd_mailbox_view_scan          (BdMailboxView *self,
                                          GFile         *location);
void       bd_mailbox_view_cancel        (BdMailboxView *self);
gboolean   bd_mailbox_view_is_scanning   (BdMailboxView *self);
BdBounce  *bd_mailbox_view_get_bounce    (BdMailboxView *self);
GListModel *bd_mailbox_view_get_model    (BdMailboxView *self);
guint      bd_mailbox_view_get_messages_read (BdMailboxView *self);
gboolean   bd_mailbox_view_go_back       (BdMailboxView *self);
gboolean   bd_mailbox_view_can_go_back   (BdMailboxView *self);

G_END_DECLS
