/* bd-mailbox.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads messages from what a user points at: one .eml, an mbox (split on
 * "From " lines, ">From " unescaped, byte offsets kept), a Maildir (cur/
 * and new/), a directory (recursed in name order, symlink loops detected)
 * or "-" for standard input. Read-only (O_RDONLY) and streamed: an mbox is
 * never held in memory whole, only one message at a time.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BD_MAILBOX_ERROR (bd_mailbox_error_quark ())

typedef enum
{
  BD_MAILBOX_ERROR_LOOP,       /* a directory contains itself */
  BD_MAILBOX_ERROR_NOT_MAIL,   /* not a regular file or directory */
} BdMailboxError;

GQuark bd_mailbox_error_quark (void);

/* Messages bigger than this are cut: the report is at the start. */
#define BD_MAILBOX_MAX_MESSAGE (64 * 1024 * 1024)

/* @data is borrowed for the call only. Return FALSE to stop reading. */
typedef gboolean (*BdMailboxMessageFunc) (const char *source,
                                          goffset     offset,
                                          const char *data,
                                          gsize       len,
                                          gpointer    user_data);
/* One input could not be read; the others still are. */
typedef void     (*BdMailboxErrorFunc)   (const char   *source,
                                          const GError *error,
                                          gpointer      user_data);

gboolean bd_mailbox_read (const char           *path,
                          BdMailboxMessageFunc  message_func,
                          BdMailboxErrorFunc    error_func,
                          gpointer              user_data);

G_END_DECLS
