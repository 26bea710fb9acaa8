/* bd-mailbox-item.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "bd-bounce.h"

G_BEGIN_DECLS

#define BD_TYPE_MAILBOX_ITEM (bd_mailbox_item_get_type ())

G_DECLARE_FINAL_TYPE (BdMailboxItem, bd_mailbox_item, BD, MAILBOX_ITEM, GObject)

BdMailboxItem     *bd_mailbox_item_new           (BdBounce      *bounce,
                                                  guint          recipient_index);
BdBounce          *bd_mailbox_item_get_bounce    (BdMailboxItem *self);
const BdRecipient *bd_mailbox_item_get_recipient (BdMailboxItem *self);
const char        *bd_mailbox_item_get_address   (BdMailboxItem *self);
const char        *bd_mailbox_item_get_reason_label (BdMailboxItem *self);
const char        *bd_mailbox_item_get_date      (BdMailboxItem *self);
char              *bd_mailbox_item_dup_date_label (BdMailboxItem *self);
const char        *bd_mailbox_item_get_subject   (BdMailboxItem *self);
gboolean           bd_mailbox_item_get_hard      (BdMailboxItem *self);
guint              bd_mailbox_item_get_index     (BdMailboxItem *self);
gboolean           bd_mailbox_item_matches       (BdMailboxItem *self,
                                                  const char    *casefolded_needle);

G_END_DECLS
