/* bd-loader.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads returned emails for the app, off the main thread: files (dropped,
 * opened, given on the command line) and raw bytes (pasted text, samples).
 * Every input gives one result, a decoded bounce or a translated error that
 * names the input and says what to do, so one bad file never hides the rest.
 */
#pragma once

#include <gio/gio.h>

#include "bd-bounce.h"

G_BEGIN_DECLS

#define BD_LOADER_ERROR (bd_loader_error_quark ())

typedef enum
{
  BD_LOADER_ERROR_UNREADABLE,    /* could not be read at all */
  BD_LOADER_ERROR_OUTLOOK_MSG,   /* an Outlook .msg file that cannot be read */
  BD_LOADER_ERROR_NOT_EMAIL,     /* some other kind of file */
  BD_LOADER_ERROR_TOO_BIG,       /* bigger than one email can sensibly be */
  BD_LOADER_ERROR_EMPTY,
  BD_LOADER_ERROR_NOT_OFFLINE,   /* a mail program's link to a message on a server */
  BD_LOADER_ERROR_NOT_BOUNCE,    /* pasted or dropped text that is not a returned email */
} BdLoaderError;

/* Where raw bytes came from: their messages are worded for it. */
typedef enum
{
  BD_LOADER_TEXT_PASTED,
  BD_LOADER_TEXT_DROPPED,
  BD_LOADER_MESSAGE_DROPPED,     /* a mail program's message/rfc822 bytes */
} BdLoaderBytesKind;

/* One email is decoded whole; anything bigger is surely a mailbox. */
#define BD_LOADER_MAX_MESSAGE_SIZE (64 * 1024 * 1024)

typedef struct
{
  char     *display_name;   /* the file's name, or "Pasted text" */
  GFile    *file;           /* nullable */
  BdBounce *bounce;         /* nullable: set when decoding worked */
  GError   *error;          /* nullable: set when it did not */
  gboolean  is_mailbox;     /* a folder or an mbox of several messages: scan it instead */
} BdLoadResult;

GQuark      bd_loader_error_quark        (void);
void        bd_load_result_free          (BdLoadResult  *result);

BdLoadResult *bd_loader_load_bytes       (GBytes        *bytes,
                                          const char    *display_name,
                                          GFile         *file);
BdLoadResult *bd_loader_load_text        (GBytes        *bytes,
                                          const char    *display_name,
                                          BdLoaderBytesKind kind);

void        bd_loader_load_files_async   (GFile        **files,
                                          guint          n_files,
                                          GCancellable  *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer       user_data);
GPtrArray  *bd_loader_load_files_finish  (GAsyncResult  *result,
                                          GError       **error);

void        bd_loader_load_bytes_async   (GBytes        *bytes,
                                          const char    *display_name,
                                          BdLoaderBytesKind kind,
                                          GCancellable  *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer       user_data);

/* Thunderbird's message URLs (bd-mail-url.h), read-only. */
void        bd_loader_load_urls_async    (const char * const *urls,
                                          GCancellable  *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer       user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdLoadResult, bd_load_result_free)

G_END_DECLS
