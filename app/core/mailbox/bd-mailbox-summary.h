/* bd-mailbox-summary.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The counts a mailbox's summary shows, kept apart because they count
 * different things: returned emails (messages), failed recipients (one per
 * recipient a report names: the table's rows) split into hard and soft,
 * the different addresses among them, and the recipients per reason.
 * The window and the CLI both count with it.
 */
#pragma once

#include "bd-bounce.h"

G_BEGIN_DECLS

/* The slot of bd_mailbox_summary_get_reason_count () for recipients
 * still being retried, after the reasons. */
#define BD_MAILBOX_SUMMARY_DELAYED BD_N_REASONS

typedef struct _BdMailboxSummary BdMailboxSummary;

/* The summary's three numbers, each with its caption. */
typedef enum
{
  BD_MAILBOX_SUMMARY_HARD,
  BD_MAILBOX_SUMMARY_SOFT,
  BD_MAILBOX_SUMMARY_ADDRESSES,
} BdMailboxSummaryCount;

BdMailboxSummary *bd_mailbox_summary_new              (void);
void              bd_mailbox_summary_free             (BdMailboxSummary *self);
void              bd_mailbox_summary_clear            (BdMailboxSummary *self);
gboolean          bd_mailbox_summary_add              (BdMailboxSummary *self,
                                                       const BdBounce   *bounce);
guint             bd_mailbox_summary_get_messages     (const BdMailboxSummary *self);
guint             bd_mailbox_summary_get_recipients   (const BdMailboxSummary *self);
guint             bd_mailbox_summary_get_hard         (const BdMailboxSummary *self);
guint             bd_mailbox_summary_get_soft         (const BdMailboxSummary *self);
guint             bd_mailbox_summary_get_addresses    (const BdMailboxSummary *self);
guint             bd_mailbox_summary_get_reason_count (const BdMailboxSummary *self,
                                                       guint                   slot);
guint             bd_mailbox_summary_get_count        (const BdMailboxSummary *self,
                                                       BdMailboxSummaryCount   which);
const char       *bd_mailbox_summary_caption          (BdMailboxSummaryCount   which,
                                                       guint                   n);
guint             bd_mailbox_summary_slot             (const BdBounce   *bounce,
                                                       guint             index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdMailboxSummary, bd_mailbox_summary_free)

G_END_DECLS
