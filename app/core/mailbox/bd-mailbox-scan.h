/* bd-mailbox-scan.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One scan of a whole mailbox (an mbox file, a Maildir or a folder) in a
 * worker thread: ordinary mail is skipped by the pre-filter, the rest is
 * decoded, and the delivery reports found come back in file order, in
 * batches, on the main context of the caller of run_async, while the scan
 * runs. Progress properties are notified there too, about ten times a
 * second. The mailbox is only read (bd-mailbox.h).
 */
#pragma once

#include <gio/gio.h>

#include "bd-bounce.h"

G_BEGIN_DECLS

#define BD_TYPE_MAILBOX_SCAN (bd_mailbox_scan_get_type ())
G_DECLARE_FINAL_TYPE (BdMailboxScan, bd_mailbox_scan, BD, MAILBOX_SCAN, GObject)

BdMailboxScan *bd_mailbox_scan_new                (GFile               *location);
void           bd_mailbox_scan_set_flush_interval (BdMailboxScan       *self,
                                                   guint                msec);
guint64        bd_mailbox_scan_get_bytes_done     (BdMailboxScan       *self);
guint64        bd_mailbox_scan_get_bytes_total    (BdMailboxScan       *self);
guint          bd_mailbox_scan_get_messages_read  (BdMailboxScan       *self);
guint          bd_mailbox_scan_get_bounces_found  (BdMailboxScan       *self);
void           bd_mailbox_scan_run_async          (BdMailboxScan       *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean       bd_mailbox_scan_run_finish         (BdMailboxScan       *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

BdBounce      *bd_mailbox_reread_message          (const char          *source,
                                                   goffset              offset,
                                                   GError             **error);

typedef struct
{
  char *label;   /* for display, translated */
  char *path;
} BdMailFolder;

void           bd_mail_folder_free                (BdMailFolder        *folder);
GPtrArray     *bd_mailbox_find_mail_folders       (const char          *home);

G_END_DECLS
