/* bd-mailbox-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared between the mailbox walker (bd-mailbox.c) and the stream readers
 * (bd-mailbox-stream.c): one Reader per bd_mailbox_read*() call.
 */
#pragma once

#include "bd-mailbox.h"

G_BEGIN_DECLS

typedef struct
{
  const BdMailboxReadOptions *options;
  GHashTable                 *visited;     /* "dev:ino" of directories seen */
  GByteArray                 *scratch;     /* an unescaped copy of one message */
  char                       *buf;         /* the window, reused from file to file */
  gsize                       cap;
  guint64                     measured;    /* bytes, when only measuring */
  gboolean                    measuring;
  gboolean                    ok;
  gboolean                    stopped;
  gboolean                    first_only;  /* re-reading one message */
  guint                       folder_depth; /* > 0 while reading a folder's files */
} BdMailboxReader;

void     bd_mailbox_reader_init    (BdMailboxReader            *reader,
                                    const BdMailboxReadOptions *options);
void     bd_mailbox_reader_clear   (BdMailboxReader            *reader);
gboolean bd_mailbox_reader_stopped (BdMailboxReader            *reader);
/* An Outlook .msg file is read whole up to this size (bd-mailbox-stream.c). */
#define BD_MAILBOX_MAX_MSG_FILE (64 * 1024 * 1024)

/* Reports @error (taken) for @path and marks the read as not ok. */
void     bd_mailbox_report_error   (BdMailboxReader            *reader,
                                    const char                 *path,
                                    GError                     *error);
void     bd_mailbox_report_errno   (BdMailboxReader            *reader,
                                    const char                 *path,
                                    int                         saved_errno);
/* Reads @fd from its current position (@base), as an mbox when it starts
 * with "From ", else as one message. @size is the file's size, 0 when
 * unknown (a pipe). */
void     bd_mailbox_read_stream    (BdMailboxReader            *reader,
                                    const char                 *source,
                                    int                         fd,
                                    goffset                     base,
                                    goffset                     size);

G_END_DECLS
