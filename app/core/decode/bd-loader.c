/* bd-loader.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-loader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-decoder.h"
#include "bd-io-error.h"
#include "bd-loader.h"
#include "bd-mail-url.h"
#include "bd-mailbox.h"
#include "bd-msg.h"

G_DEFINE_QUARK (bd-loader-error-quark, bd_loader_error)

typedef struct
{
  GPtrArray *files;        /* (element-type GFile) */
  GBytes    *bytes;        /* nullable */
  char      *display_name; /* for bytes */
  BdLoaderBytesKind kind;  /* for bytes */
  GStrv      urls;         /* nullable: mail programs' message URLs */
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->files, g_ptr_array_unref);
  g_clear_pointer (&data->urls, g_strfreev);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data->display_name);
  g_free (data);
}

void
bd_load_result_free (BdLoadResult *result)
{
  if (result == NULL)
    return;

  g_free (result->display_name);
  g_clear_object (&result->file);
  g_clear_pointer (&result->bounce, bd_bounce_unref);
  g_clear_error (&result->error);
  g_free (result);
}

/* A message starts with header fields ("Name: value") or an mbox "From "
 * line, and text has no NUL bytes. Anything else is not an email. */
static gboolean
looks_like_email (const char *data,
                  gsize       len)
{
  gsize probe = MIN (len, 4096);
  const char *p = data;

  if (memchr (data, '\0', probe) != NULL)
    return FALSE;

  if (len >= 5 && memcmp (data, "From ", 5) == 0)
    return TRUE;

  /* Skip leading blank lines some programs add when saving. */
  while (p < data + probe && (*p == '\n' || *p == '\r'))
    p++;

  for (const char *q = p; q < data + probe; q++)
    {
      if (*q == ':')
        return q > p;
      if (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r' || (guchar)*q < 33 || (guchar)*q > 126)
        return FALSE;
    }

  return FALSE;
}

static GError *
check_content (const char *name,
               const char *data,
               gsize       len)
{
  if (len == 0)
    /* Translators: %s is a file name */
    return g_error_new (BD_LOADER_ERROR, BD_LOADER_ERROR_EMPTY, _("“%s” is empty."), name);

  if (!looks_like_email (data, len))
    return g_error_new (BD_LOADER_ERROR, BD_LOADER_ERROR_NOT_EMAIL,
                        /* Translators: %s is a file name */
                        _("“%s” is not an email message. Save the returned email from your mail "
                          "program as an .eml file (usually File → Save As) and open that."), name);

  return NULL;
}

/**
 * bd_loader_load_bytes:
 * @bytes: the raw message
 * @display_name: what to call it in messages
 * @file: (nullable): where it came from
 *
 * Decodes one message synchronously (the async variants run this in a
 * worker thread).
 *
 * Returns: (transfer full): the result, with a bounce or an error.
 */
BdLoadResult *
bd_loader_load_bytes (GBytes     *bytes,
                      const char *display_name,
                      GFile      *file)
{
  BdLoadResult *result;
  g_autofree char *source = NULL;
  g_autoptr(GBytes) mime = NULL;
  gsize len;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  result = g_new0 (BdLoadResult, 1);
  result->display_name = g_strdup (display_name);
  result->file = file ? g_object_ref (file) : NULL;

  data = g_bytes_get_data (bytes, &len);
  if (bd_msg_is_msg (data, len))
    {
      g_autoptr(GError) error = NULL;

      /* An Outlook .msg: read as the email it holds. */
      mime = bd_msg_to_mime (data, len, &error);
      if (mime == NULL)
        {
          result->error = g_error_new (BD_LOADER_ERROR, BD_LOADER_ERROR_OUTLOOK_MSG,
                                       /* Translators: the first %s is a file name, the second the reason */
                                       _("“%s” is an Outlook message file (.msg) that cannot be read: %s."),
                                       display_name, error->message);
          return result;
        }
      data = g_bytes_get_data (mime, &len);
    }
  else if ((result->error = check_content (display_name, data, len)) != NULL)
    return result;

  source = file ? g_file_get_path (file) : NULL;
  result->bounce = bd_decoder_decode_bytes (data, len, source ? source : display_name, 0);
  return result;
}

static BdLoadResult *
mailbox_result (GFile      *file,
                const char *name)
{
  BdLoadResult *result = g_new0 (BdLoadResult, 1);

  result->display_name = g_strdup (name);
  result->file = g_object_ref (file);
  result->is_mailbox = TRUE;
  return result;
}

static gboolean
starts_with_from_line (GFile        *file,
                       GCancellable *cancellable)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, NULL);
  char head[5];
  gsize got = 0;

  return stream != NULL &&
         g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &got, cancellable, NULL) &&
         got == sizeof head && memcmp (head, "From ", 5) == 0;
}

static BdLoadResult *
load_file (GFile        *file,
           GCancellable *cancellable)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  BdLoadResult *result;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME "," G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE, cancellable, &error);
  name = info ? g_strdup (g_file_info_get_display_name (info)) : g_file_get_parse_name (file);

  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    return mailbox_result (file, name);

  if (info != NULL && g_file_info_get_size (info) > BD_LOADER_MAX_MESSAGE_SIZE &&
      starts_with_from_line (file, cancellable))
    return mailbox_result (file, name);

  if (info != NULL && g_file_info_get_size (info) > BD_LOADER_MAX_MESSAGE_SIZE)
    {
      result = g_new0 (BdLoadResult, 1);
      result->display_name = g_steal_pointer (&name);
      result->file = g_object_ref (file);
      result->error = g_error_new (BD_LOADER_ERROR, BD_LOADER_ERROR_TOO_BIG,
                                   /* Translators: %s is a file name */
                                   _("“%s” is too big to be a single email. If it is a mailbox, "
                                     "open it with Open Mailbox."), result->display_name);
      return result;
    }

  /* Asked before loading: the rule reads only the first two messages. A
   * file without a path (the samples in the resources) is one email. */
  if (info != NULL && g_file_peek_path (file) != NULL && bd_mailbox_is_mailbox (g_file_peek_path (file), cancellable))
    return mailbox_result (file, name);

  if (error == NULL)
    bytes = g_file_load_bytes (file, cancellable, NULL, &error);

  if (error != NULL)
    {
      result = g_new0 (BdLoadResult, 1);
      result->file = g_object_ref (file);
      result->error = g_error_new (BD_LOADER_ERROR, BD_LOADER_ERROR_UNREADABLE,
                                   /* Translators: the first %s is a file name, the second the system’s reason */
                                   _("Could not read “%s”: %s"), name, bd_io_error_reason (error));
      result->display_name = g_steal_pointer (&name);
      return result;
    }

  return bd_loader_load_bytes (bytes, name, file);
}

static BdLoadResult *
error_result (const char *display_name,
              GError     *error)
{
  BdLoadResult *result = g_new0 (BdLoadResult, 1);

  result->display_name = g_strdup (display_name);
  result->error = error;
  return result;
}

/* A mail program's message URL: a "mailbox:" URL names an mbox file and
 * the offset of the message in it, which is read without writing. */
static BdLoadResult *
load_url (const char   *url,
          GCancellable *cancellable)
{
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GBytes) message = NULL;
  GError *error = NULL;
  goffset offset;

  if (!bd_mail_url_is_message (url))
    {
      g_autoptr(GFile) file = g_file_new_for_uri (url);

      return load_file (file, cancellable);
    }
  if (!bd_mail_url_parse (url, &path, &offset, &error))
    return error_result (url, error);
  name = g_path_get_basename (path);
  /* Thunderbird's one-file-per-message store: the key names no offset. */
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return error_result (name, g_error_new (BD_LOADER_ERROR, BD_LOADER_ERROR_NOT_EMAIL,
                                            _("Your mail program handed over “%s”, which does not say where the "
                                              "message is. Save the message as a file (in Thunderbird: File → "
                                              "Save As → File) and drop that file here."), url));
  if (!bd_mailbox_read_message_at (path, offset, &message, &error))
    return error_result (name, error);
  return bd_loader_load_bytes (message, name, NULL);
}

/* Pasted or dropped text is read as `bounce-doctor-cli explain -` reads
 * it: whatever the decoder finds in it, a header block or not. Only
 * what is no returned email at all gets an error, worded for text. */
BdLoadResult *
bd_loader_load_text (GBytes            *bytes,
                     const char        *display_name,
                     BdLoaderBytesKind  kind)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autofree char *stripped = NULL;
  BdLoadResult *result;
  gboolean pasted = kind == BD_LOADER_TEXT_PASTED;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  if (kind == BD_LOADER_MESSAGE_DROPPED || bd_msg_is_msg (data, len))
    return bd_loader_load_bytes (bytes, display_name, NULL);

  stripped = g_strstrip (g_strndup (data != NULL ? data : "", MIN (len, 64)));
  if (*stripped == '\0')
    return error_result (display_name,
                         g_error_new_literal (BD_LOADER_ERROR, BD_LOADER_ERROR_EMPTY,
                                              pasted ? _("The pasted text is empty.")
                                                     : _("The dropped text is empty.")));

  result = g_new0 (BdLoadResult, 1);
  result->display_name = g_strdup (display_name);
  result->bounce = bd_decoder_decode_bytes (data, len, display_name, 0);
  if (result->bounce->kind != BD_KIND_NOT_BOUNCE)
    return result;

  g_clear_pointer (&result->bounce, bd_bounce_unref);
  result->error = g_error_new_literal (BD_LOADER_ERROR, BD_LOADER_ERROR_NOT_BOUNCE,
                                       pasted
                                       ? _("The pasted text does not look like a returned email. Open the "
                                           "returned email in your mail program, select all of its text "
                                           "(Ctrl+A), copy it and paste it here again — or drag the message "
                                           "from your mail program’s list onto this window.")
                                       : _("The dropped text does not look like a returned email. Drag the "
                                           "message itself from your mail program’s list onto this window."));
  return result;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify)bd_load_result_free);

  if (data->bytes != NULL)
    g_ptr_array_add (results, bd_loader_load_text (data->bytes, data->display_name, data->kind));
  for (guint i = 0; data->urls != NULL && data->urls[i] != NULL; i++)
    g_ptr_array_add (results, load_url (data->urls[i], cancellable));

  for (guint i = 0; data->files != NULL && i < data->files->len; i++)
    {
      if (g_task_return_error_if_cancelled (task))
        return;
      g_ptr_array_add (results, load_file (g_ptr_array_index (data->files, i), cancellable));
    }

  g_task_return_pointer (task, g_steal_pointer (&results), (GDestroyNotify)g_ptr_array_unref);
}

/**
 * bd_loader_load_files_async:
 * @files: (array length=n_files): the files to decode
 *
 * Decodes each file in a worker thread. The result, in the order given,
 * has one #BdLoadResult per file.
 */
void
bd_loader_load_files_async (GFile               **files,
                            guint                 n_files,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (files != NULL || n_files == 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (LoadData, 1);
  data->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (data->files, g_object_ref (files[i]));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bd_loader_load_files_async);
  g_task_set_task_data (task, data, (GDestroyNotify)load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * bd_loader_load_files_finish:
 *
 * Returns: (transfer full) (element-type BdLoadResult): the results
 */
GPtrArray *
bd_loader_load_files_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * bd_loader_load_bytes_async:
 * @bytes: pasted or dropped text, or a dropped message
 * @display_name: what to call it
 * @kind: where it came from (bd_loader_load_text())
 *
 * Reads it in a worker thread; finish with bd_loader_load_files_finish().
 */
void
bd_loader_load_bytes_async (GBytes              *bytes,
                            const char          *display_name,
                            BdLoaderBytesKind    kind,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (bytes != NULL);
  g_return_if_fail (display_name != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (LoadData, 1);
  data->bytes = g_bytes_ref (bytes);
  data->display_name = g_strdup (display_name);
  data->kind = kind;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bd_loader_load_bytes_async);
  g_task_set_task_data (task, data, (GDestroyNotify)load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * bd_loader_load_urls_async:
 * @urls: message URLs a mail program offered (bd-mail-url.h), or file URIs
 *
 * Reads each message in a worker thread, never writing to the mail
 * program's folders; finish with bd_loader_load_files_finish().
 */
void
bd_loader_load_urls_async (const char * const  *urls,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (urls != NULL);

  data = g_new0 (LoadData, 1);
  data->urls = g_strdupv ((char **)urls);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bd_loader_load_urls_async);
  g_task_set_task_data (task, data, (GDestroyNotify)load_data_free);
  g_task_run_in_thread (task, load_thread);
}
