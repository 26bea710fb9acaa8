/* bd-mailbox.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads messages from what a user points at: one .eml, an mbox (split on
 * "From " lines, ">From " unescaped, byte offsets kept), a Maildir (cur/
 * and new/, Maildir++ and KMail sub-folders), a directory (recursed in
 * name order, symlink loops detected), a Thunderbird folder tree (mbox
 * files beside .msf indexes, .sbd/ sub-folders) or "-" for standard input.
 *
 * Read-only: files are opened O_RDONLY (O_NOATIME when allowed), never
 * written, never locked. Streamed: a window of a few MB slides over an
 * mbox; it grows only to hold one message, at most BD_MAILBOX_MAX_MESSAGE.
 * With %BD_MAILBOX_READ_SKIP_NON_BOUNCES, messages that the header
 * pre-filter (bd-mailbox-filter.h) rules out are dropped as they stream by
 * and handed to the callback as data NULL, length 0; so are messages
 * Thunderbird marked deleted (X-Mozilla-Status expunged) but has not
 * compacted away yet. %BD_MAILBOX_READ_SKIP_NON_BOUNCES_IN_MAILBOXES does
 * the same only inside a mailbox (an mbox file, or any file in a folder):
 * a single .eml given on its own is always decoded.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BD_MAILBOX_ERROR (bd_mailbox_error_quark ())

typedef enum
{
  BD_MAILBOX_ERROR_LOOP,       /* a directory contains itself */
  BD_MAILBOX_ERROR_NOT_MAIL,   /* not a regular file or directory */
  BD_MAILBOX_ERROR_NO_MESSAGE, /* no message starts at the offset asked for */
  BD_MAILBOX_ERROR_OUTLOOK_MSG, /* an Outlook .msg file that cannot be read */
} BdMailboxError;

GQuark bd_mailbox_error_quark (void);

/* Messages bigger than this are cut: the report is at the start. */
#define BD_MAILBOX_MAX_MESSAGE (16 * 1024 * 1024)

/* @data is borrowed for the call only; NULL (and @len 0) for a message the
 * pre-filter skipped. Return FALSE to stop reading. */
typedef gboolean (*BdMailboxMessageFunc)  (const char *source,
                                           goffset     offset,
                                           const char *data,
                                           gsize       len,
                                           gpointer    user_data);
/* One input could not be read; the others still are. */
typedef void     (*BdMailboxErrorFunc)    (const char   *source,
                                           const GError *error,
                                           gpointer      user_data);
/* @bytes more bytes of input were read. */
typedef void     (*BdMailboxProgressFunc) (guint64   bytes,
                                           gpointer  user_data);

typedef enum
{
  BD_MAILBOX_READ_DEFAULT           = 0,
  BD_MAILBOX_READ_SKIP_NON_BOUNCES  = 1 << 0,
  BD_MAILBOX_READ_SKIP_NON_BOUNCES_IN_MAILBOXES = 1 << 1,
} BdMailboxReadFlags;

typedef struct
{
  BdMailboxReadFlags     flags;
  BdMailboxMessageFunc   message_func;
  BdMailboxErrorFunc     error_func;      /* nullable */
  BdMailboxProgressFunc  progress_func;   /* nullable */
  GCancellable          *cancellable;     /* nullable: checked between reads and messages */
  gpointer               user_data;
} BdMailboxReadOptions;

gboolean bd_mailbox_read              (const char                 *path,
                                       BdMailboxMessageFunc        message_func,
                                       BdMailboxErrorFunc          error_func,
                                       gpointer                    user_data);
gboolean bd_mailbox_read_with_options (const char                 *path,
                                       const BdMailboxReadOptions *options);
gboolean bd_mailbox_is_mailbox         (const char                 *path,
                                       GCancellable               *cancellable);
guint64  bd_mailbox_measure           (const char                 *path,
                                       GCancellable               *cancellable);
gboolean bd_mailbox_read_message_at   (const char                 *source,
                                       goffset                     offset,
                                       GBytes                    **message,
                                       GError                    **error);

G_END_DECLS
