/* bd-window-dnd.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drops and paste: files (a file manager, Evolution's drag, which hands
 * over a temporary mbox file as text/uri-list: mail/message-list.c,
 * ml_drag_types and em_utils_selection_set_urilist), a mail program's
 * message bytes (message/rfc822), Thunderbird's message URLs (bd-mail-url.h),
 * and text: the raw source or only the visible words of a returned email,
 * read as `bounce-doctor-cli explain -` reads them (bd_loader_load_text()).
 * Nothing is ever written: a mailbox:// URL is read at its offset.
 */
#define G_LOG_DOMAIN "bd-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bd-loader.h"
#include "bd-mail-url.h"
#include "bd-window-dnd.h"
#include "bd-window-private.h"

/* A message dragged out of a mail program is seldom bigger; the loader
 * refuses bigger files too (BD_LOADER_MAX_MESSAGE_SIZE). */
#define MAX_DROPPED (BD_LOADER_MAX_MESSAGE_SIZE)

G_DEFINE_BOXED_TYPE (BdMessageUrls, bd_message_urls, bd_message_urls_copy, bd_message_urls_free)

BdMessageUrls *
bd_message_urls_new (const char * const *urls)
{
  BdMessageUrls *self = g_new0 (BdMessageUrls, 1);

  self->urls = g_strdupv ((char **)urls);
  return self;
}

BdMessageUrls *
bd_message_urls_copy (const BdMessageUrls *urls)
{
  return bd_message_urls_new ((const char * const *)urls->urls);
}

void
bd_message_urls_free (BdMessageUrls *urls)
{
  g_strfreev (urls->urls);
  g_free (urls);
}

/* --- Deserializers ------------------------------------------------------ */

static void
spliced_cb (GObject      *stream,
            GAsyncResult *result,
            gpointer      user_data)
{
  GdkContentDeserializer *deserializer = user_data;
  GOutputStream *out = gdk_content_deserializer_get_task_data (deserializer);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (stream), result, &error) < 0)
    {
      gdk_content_deserializer_return_error (deserializer, error);
      return;
    }
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  if (g_bytes_get_size (bytes) > MAX_DROPPED)
    {
      gdk_content_deserializer_return_error (deserializer,
                                             g_error_new_literal (G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                                                                  "too large"));
      return;
    }

  if (gdk_content_deserializer_get_gtype (deserializer) == G_TYPE_BYTES)
    g_value_set_boxed (gdk_content_deserializer_get_value (deserializer), bytes);
  else
    {
      g_autoptr(BdMessageUrls) urls = g_new0 (BdMessageUrls, 1);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      gsize len;
      const char *data = g_bytes_get_data (bytes, &len);
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;

      /* Mozilla's text/x-moz-url is UTF-16: "url\ntitle", per item. */
      if (len >= 2 && memchr (data, '\0', len) != NULL)
        text = g_convert (data, len, "UTF-8", "UTF-16LE", NULL, NULL, NULL);
      else
        text = g_strndup (data, len);
      lines = g_strsplit (text != NULL ? text : "", "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_strstrip (lines[i]);
          if (bd_mail_url_is_message (lines[i]) || g_str_has_prefix (lines[i], "file:"))
            g_strv_builder_add (builder, lines[i]);
        }
      urls->urls = g_strv_builder_end (builder);
      g_value_set_boxed (gdk_content_deserializer_get_value (deserializer), urls);
    }
  gdk_content_deserializer_return_success (deserializer);
}

/* Reads the whole offer into memory, for either GType. */
static void
read_all_deserializer (GdkContentDeserializer *deserializer)
{
  GOutputStream *out = g_memory_output_stream_new_resizable ();

  gdk_content_deserializer_set_task_data (deserializer, out, g_object_unref);
  g_output_stream_splice_async (out, gdk_content_deserializer_get_input_stream (deserializer),
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                gdk_content_deserializer_get_priority (deserializer),
                                gdk_content_deserializer_get_cancellable (deserializer),
                                spliced_cb, deserializer);
}

void
bd_window_dnd_init (void)
{
  static gsize done;

  if (!g_once_init_enter (&done))
    return;
  gdk_content_register_deserializer ("message/rfc822", G_TYPE_BYTES, read_all_deserializer, NULL, NULL);
  gdk_content_register_deserializer ("text/x-moz-url", BD_TYPE_MESSAGE_URLS, read_all_deserializer, NULL, NULL);
  gdk_content_register_deserializer ("_NETSCAPE_URL", BD_TYPE_MESSAGE_URLS, read_all_deserializer, NULL, NULL);
  g_once_init_leave (&done, 1);
}

/* --- Loading what came --------------------------------------------------- */

static void
load_bytes (BdWindow          *self,
            GBytes            *bytes,
            const char        *display_name,
            BdLoaderBytesKind  kind)
{
  bd_window_begin_loading (self);
  bd_loader_load_bytes_async (bytes, display_name, kind, self->cancellable,
                              bd_window_load_files_cb, g_object_ref (self));
}

static void
load_urls (BdWindow           *self,
           const char * const *urls)
{
  if (urls == NULL || urls[0] == NULL)
    {
      bd_window_show_toast (self, _("Your mail program offered nothing Bounce Doctor can read. Save the "
                                    "message as a file and drop that file here."));
      return;
    }
  bd_window_begin_loading (self);
  bd_loader_load_urls_async (urls, self->cancellable, bd_window_load_files_cb, g_object_ref (self));
}

/* The files of a drop or a paste; a mail program's message URL among them
 * (Thunderbird offers its mailbox:// URL as text/uri-list too) is read as
 * such. */
static void
files_from_gdk_file_list (BdWindow   *self,
                          GdkFileList *list)
{
  GSList *files = gdk_file_list_get_files (list);
  g_autoptr(GPtrArray) plain = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) urls = g_strv_builder_new ();
  g_auto(GStrv) url_list = NULL;

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *uri = g_file_get_uri (l->data);

      if (bd_mail_url_is_message (uri))
        g_strv_builder_add (urls, uri);
      else
        g_ptr_array_add (plain, l->data);
    }
  g_slist_free (files);

  url_list = g_strv_builder_end (urls);
  if (url_list[0] != NULL)
    load_urls (self, (const char * const *)url_list);
  if (plain->len > 0)
    bd_window_open_files (self, (GFile **)plain->pdata, plain->len);
}

/* Text: a message URL on its own, or the words of a returned email. */
static void
load_text (BdWindow          *self,
           const char        *text,
           BdLoaderBytesKind  kind)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autoptr(GBytes) bytes = NULL;

  if (bd_mail_url_is_message (stripped) && strchr (stripped, '\n') == NULL)
    {
      const char *urls[] = { stripped, NULL };

      load_urls (self, urls);
      return;
    }
  bytes = g_bytes_new (text, strlen (text));
  load_bytes (self, bytes, kind == BD_LOADER_TEXT_PASTED ? _("Pasted text") : _("Dropped text"), kind);
}

/* One value of any type the window takes, from a drop or the clipboard. */
static gboolean
take_value (BdWindow          *self,
            const GValue      *value,
            BdLoaderBytesKind  text_kind)
{
  if (G_VALUE_HOLDS (value, G_TYPE_BYTES) && g_value_get_boxed (value) != NULL)
    load_bytes (self, g_value_get_boxed (value),
                text_kind == BD_LOADER_TEXT_PASTED ? _("Pasted email") : _("Dropped email"),
                BD_LOADER_MESSAGE_DROPPED);
  else if (G_VALUE_HOLDS (value, BD_TYPE_MESSAGE_URLS) && g_value_get_boxed (value) != NULL)
    load_urls (self, (const char * const *)((BdMessageUrls *)g_value_get_boxed (value))->urls);
  else if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) && g_value_get_boxed (value) != NULL)
    files_from_gdk_file_list (self, g_value_get_boxed (value));
  else if (G_VALUE_HOLDS (value, G_TYPE_STRING) && g_value_get_string (value) != NULL)
    load_text (self, g_value_get_string (value), text_kind);
  else
    return FALSE;
  return TRUE;
}

/* --- Drop ---------------------------------------------------------------- */

static gboolean
drop_target_drop_cb (BdWindow      *self,
                     const GValue  *value,
                     double         x,
                     double         y,
                     GtkDropTarget *target)
{
  return take_value (self, value, BD_LOADER_TEXT_DROPPED);
}

/* In order of preference: what a mail program offers for a message beats
 * the text it offers beside it. */
void
bd_window_setup_drop_target (BdWindow *self)
{
  GType types[] = { G_TYPE_BYTES, BD_TYPE_MESSAGE_URLS, GDK_TYPE_FILE_LIST, G_TYPE_STRING };
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);

  bd_window_dnd_init ();
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_target_drop_cb), self, G_CONNECT_SWAPPED);
  /* GTK adds :drop(active) to the widget holding the target: the whole
   * window lights up while a file is dragged over it. */
  gtk_widget_add_controller (self->drop_highlight, GTK_EVENT_CONTROLLER (target));
}

/* --- Paste --------------------------------------------------------------- */

static void
paste_value_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (object), result, &error);

  if (value == NULL || !take_value (self, value, BD_LOADER_TEXT_PASTED))
    bd_window_show_toast (self, _("The clipboard holds no returned email"));
}

/* Files copied in the file manager, a message copied in a mail program, or
 * text: a message's source, or the words of a returned email. */
void
bd_window_paste_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  const GType preferred[] = { GDK_TYPE_FILE_LIST, G_TYPE_BYTES, BD_TYPE_MESSAGE_URLS, G_TYPE_STRING };
  BdWindow *self = BD_WINDOW (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  g_autoptr(GdkContentFormats) formats = NULL;

  bd_window_dnd_init ();
  formats = gdk_content_formats_union_deserialize_gtypes (gdk_content_formats_ref (gdk_clipboard_get_formats (clipboard)));
  for (guint i = 0; i < G_N_ELEMENTS (preferred); i++)
    if (gdk_content_formats_contain_gtype (formats, preferred[i]))
      {
        gdk_clipboard_read_value_async (clipboard, preferred[i], G_PRIORITY_DEFAULT,
                                        self->cancellable, paste_value_cb, g_object_ref (self));
        return;
      }
  bd_window_show_toast (self, _("The clipboard holds no returned email"));
}

/**
 * bd_window_error_title:
 * @failures: (element-type BdLoadResult): what could not be read
 *
 * Returns: the error page's title, worded for pasted or dropped text and
 * mail programs' messages when no file failed.
 */
const char *
bd_window_error_title (GPtrArray *failures)
{
  gboolean text = TRUE;

  for (guint i = 0; i < failures->len; i++)
    {
      const BdLoadResult *result = g_ptr_array_index (failures, i);

      if (result->file != NULL)
        return ngettext ("This File Cannot Be Read", "These Files Cannot Be Read", failures->len);
      text &= g_error_matches (result->error, BD_LOADER_ERROR, BD_LOADER_ERROR_NOT_BOUNCE)
              || g_error_matches (result->error, BD_LOADER_ERROR, BD_LOADER_ERROR_EMPTY);
    }
  return text ? _("This Is Not a Returned Email") : _("This Message Cannot Be Read");
}
