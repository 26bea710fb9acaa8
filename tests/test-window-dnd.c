/* test-window-dnd.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What mail programs hand the window, delivered to its real drop target
 * and clipboard: a message's bytes (message/rfc822), Thunderbird's
 * mailbox:// URL into a local mbox (as text/uri-list and as
 * text/x-moz-url, UTF-16 as Mozilla writes it), an IMAP message's URL
 * (nothing readable: an error saying what to do), a file list with an
 * Outlook .msg, and pasted text: the visible words of a returned email
 * (read like `bounce-doctor-cli explain -`) or text that is none. The
 * mbox is never written. Built twice, plain and in Polish.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gmime/gmime.h>
#include <string.h>

#include "bd-application.h"
#include "bd-i18n.h"
#include "bd-window.h"
#include "bd-window-dnd.h"
#include "window-test-util.h"

#ifdef BD_TEST_POLISH
# define NOT_BOUNCE_TITLE  "To nie jest wiadomość zwrotna"
# define MESSAGE_TITLE     "Nie można odczytać tej wiadomości"
#elif defined (BD_TEST_UKRAINIAN)
# define NOT_BOUNCE_TITLE  "Це не повернений лист"
# define MESSAGE_TITLE     "Не вдалося прочитати цей лист"
#else
# define NOT_BOUNCE_TITLE  "This Is Not a Returned Email"
# define MESSAGE_TITLE     "This Message Cannot Be Read"
#endif

static GtkStack *
window_stack (Fixture *fixture)
{
  return GTK_STACK (find_widget (GTK_WIDGET (fixture->window), is_page_stack, NULL));
}

static gboolean
is_settled (Fixture *fixture)
{
  const char *page = gtk_stack_get_visible_child_name (window_stack (fixture));

  return g_strcmp0 (page, "results") == 0 || g_strcmp0 (page, "error") == 0;
}

static const char *
headline (Fixture *fixture)
{
  GtkWidget *view = GTK_WIDGET (bd_window_get_diagnosis_view (fixture->window));
  GtkWidget *label = find_widget (view, has_class, "title-1");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_stack (fixture)), ==, "results");
  g_assert_nonnull (label);
  return label_text (label);
}

static AdwStatusPage *
error_page (Fixture *fixture)
{
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_stack (fixture)), ==, "error");
  return ADW_STATUS_PAGE (gtk_stack_get_visible_child (window_stack (fixture)));
}

/* With BD_SCREENSHOT_DIR set, the window as NAME-LANG.png. */
static void
maybe_save_screenshot (Fixture    *fixture,
                       const char *name)
{
  GtkWidget *widget = GTK_WIDGET (fixture->window);
  const char *dir = g_getenv ("BD_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;

  if (dir == NULL)
    return;
  /* the page's cross-fade done, and the last changes on screen */
  for (gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
       g_get_monotonic_time () < end && gtk_stack_get_transition_running (window_stack (fixture));)
    g_main_context_iteration (NULL, FALSE);
  for (gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC; g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, FALSE);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                        &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                             gtk_widget_get_height (widget)));
#ifdef BD_TEST_POLISH
  path = g_strdup_printf ("%s/%s-pl.png", dir, name);
#elif defined (BD_TEST_UKRAINIAN)
  path = g_strdup_printf ("%s/%s-uk.png", dir, name);
#else
  path = g_strdup_printf ("%s/%s-en.png", dir, name);
#endif
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static GtkDropTarget *
drop_target (Fixture *fixture)
{
  GtkWidget *zone = find_widget (GTK_WIDGET (fixture->window), has_class, "drop-zone");
  g_autoptr(GListModel) controllers = NULL;

  g_assert_nonnull (zone);
  controllers = gtk_widget_observe_controllers (zone);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  g_assert_not_reached ();
}

/* Delivers @value to the drop target as GTK does once a drop's data is
 * read, then waits for the window to show what it made of it. */
static void
drop_value (Fixture      *fixture,
            const GValue *value)
{
  GtkDropTarget *target = drop_target (fixture);
  const GType *types;
  gsize n_types;
  gboolean handled = FALSE;
  gboolean accepted = FALSE;

  /* The target takes this type at all */
  types = gtk_drop_target_get_gtypes (target, &n_types);
  for (gsize i = 0; i < n_types; i++)
    accepted |= types[i] == G_VALUE_TYPE (value);
  g_assert_true (accepted);

  g_signal_emit_by_name (target, "drop", value, 10.0, 10.0, &handled);
  g_assert_true (handled);
  wait_until (is_settled, fixture);
}

/* Puts @provider on the clipboard and presses Ctrl+V (win.paste). */
static void
paste (Fixture            *fixture,
       GdkContentProvider *provider)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->window));

  g_assert_true (gdk_clipboard_set_content (clipboard, provider));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.paste", NULL));
  wait_until (is_settled, fixture);
}

static GBytes *
source_file (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("BD_SOURCE_ROOT"), name, NULL);
  char *contents;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (contents, len);
}

/* A message's bytes dropped (message/rfc822) */
static void
test_drop_message_bytes (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GBytes) bytes = source_file ("data/samples/postfix-user-unknown.eml");
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_BYTES);
  g_value_set_boxed (&value, bytes);
  drop_value (fixture, &value);
  g_assert_nonnull (strstr (headline (fixture), "jan.kowalsky@example.com"));
}

/* The same offered as message/rfc822 on the clipboard: read through the
 * window's own deserializer. */
static void
test_paste_message_bytes (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GBytes) bytes = source_file ("data/samples/postfix-user-unknown.eml");
  g_autoptr(GdkContentProvider) provider = gdk_content_provider_new_for_bytes ("message/rfc822", bytes);

  paste (fixture, provider);
  g_assert_nonnull (strstr (headline (fixture), "jan.kowalsky@example.com"));
}

typedef struct
{
  char     *dir;
  char     *path;
  char     *url;      /* mailbox:///…/Inbox?number=OFFSET of the second message */
  char     *sha256;
  GDateTime *mtime;
} Mbox;

static char *
file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, len);
}

static GDateTime *
file_mtime (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  g_assert_nonnull (info);
  return g_file_info_get_modification_date_time (info);
}

/* A Thunderbird local folder: an mbox named "Inbox" in a folder with a
 * space, like "Local Folders"; a gmail bounce, then a postfix one. */
static void
mbox_make (Mbox *mbox)
{
  g_autoptr(GBytes) first = source_file ("data/samples/gmail-unauthenticated.eml");
  g_autoptr(GBytes) second = source_file ("data/samples/postfix-user-unknown.eml");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *escaped = NULL;
  gsize offset;

  /* its own folder: the plain and Polish builds run at the same time */
  mbox->dir = g_dir_make_tmp ("bd-dnd Local Folders-XXXXXX", NULL);
  g_assert_nonnull (mbox->dir);
  mbox->path = g_build_filename (mbox->dir, "Inbox", NULL);
  g_string_append (text, "From - Mon Dec  7 09:00:00 2026\n");
  g_string_append_len (text, g_bytes_get_data (first, NULL), g_bytes_get_size (first));
  g_string_append (text, "\n");
  offset = text->len;
  g_string_append (text, "From - Mon Dec  7 09:05:00 2026\n");
  g_string_append_len (text, g_bytes_get_data (second, NULL), g_bytes_get_size (second));
  g_string_append (text, "\n");
  g_assert_true (g_file_set_contents (mbox->path, text->str, text->len, NULL));

  escaped = g_uri_escape_string (mbox->path, "/", FALSE);
  mbox->url = g_strdup_printf ("mailbox://%s?number=%" G_GSIZE_FORMAT, escaped, offset);
  mbox->sha256 = file_digest (mbox->path);
  mbox->mtime = file_mtime (mbox->path);
}

/* The app never writes to the mailbox. */
static void
mbox_check_and_remove (Mbox *mbox)
{
  g_autofree char *sha256 = file_digest (mbox->path);
  g_autoptr(GDateTime) mtime = file_mtime (mbox->path);
  g_autoptr(GDir) dir = g_dir_open (mbox->dir, 0, NULL);
  guint entries = 0;

  g_assert_cmpstr (sha256, ==, mbox->sha256);
  g_assert_true (g_date_time_equal (mtime, mbox->mtime));
  while (g_dir_read_name (dir) != NULL)
    entries++;
  g_assert_cmpuint (entries, ==, 1);   /* no index, lock or copy left beside it */

  g_remove (mbox->path);
  g_rmdir (mbox->dir);
  g_free (mbox->dir);
  g_free (mbox->path);
  g_free (mbox->url);
  g_free (mbox->sha256);
  g_date_time_unref (mbox->mtime);
}

/* Thunderbird's mailbox:// URL as GTK hands over its text/uri-list. */
static void
test_drop_thunderbird_uri_list (Fixture       *fixture,
                                gconstpointer  data)
{
  Mbox mbox;
  g_autoptr(GFile) file = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  GSList files = { 0 };

  mbox_make (&mbox);
  file = g_file_new_for_uri (mbox.url);
  files.data = file;
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (&files));
  drop_value (fixture, &value);
  g_assert_nonnull (strstr (headline (fixture), "jan.kowalsky@example.com"));
  mbox_check_and_remove (&mbox);
}

/* Its text/x-moz-url (UTF-16, "url\ntitle"), through the deserializer. */
static void
test_paste_thunderbird_moz_url (Fixture       *fixture,
                                gconstpointer  data)
{
  Mbox mbox;
  g_autofree char *text = NULL;
  g_autofree char *utf16 = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkContentProvider) provider = NULL;
  gsize len;

  mbox_make (&mbox);
  text = g_strdup_printf ("%s\nUndelivered Mail Returned to Sender", mbox.url);
  utf16 = g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, &len, NULL);
  bytes = g_bytes_new (utf16, len);
  provider = gdk_content_provider_new_for_bytes ("text/x-moz-url", bytes);
  paste (fixture, provider);
  g_assert_nonnull (strstr (headline (fixture), "jan.kowalsky@example.com"));
  mbox_check_and_remove (&mbox);
}

/* An IMAP message not kept offline: nothing to read, and the error says
 * what to do. */
static void
test_drop_thunderbird_imap (Fixture       *fixture,
                            gconstpointer  data)
{
  const char *urls[] = { "imap://jan@mail.example.com:993/fetch%3EUID%3E/INBOX%3E4242", NULL };
  g_autoptr(BdMessageUrls) offered = bd_message_urls_new (urls);
  g_auto(GValue) value = G_VALUE_INIT;
  AdwStatusPage *page;

  g_value_init (&value, BD_TYPE_MESSAGE_URLS);
  g_value_set_boxed (&value, offered);
  drop_value (fixture, &value);
  page = error_page (fixture);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, MESSAGE_TITLE);
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "Thunderbird"));
}

/* A file list (a file manager, or Evolution's temporary mbox) holding an
 * Outlook NDR item. */
static void
test_drop_file_list_msg (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("BD_SOURCE_ROOT"), "tests", "fixtures", "msg",
                                            "ndr-unicode.msg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_auto(GValue) value = G_VALUE_INIT;
  GSList files = { file, NULL };

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (&files));
  drop_value (fixture, &value);
  g_assert_nonnull (strstr (headline (fixture), "jan.kowalski@example.org"));
  maybe_save_screenshot (fixture, "msg-ndr");
}

/* M1: only the words of a Postfix bounce, as a person selects them in
 * the open message; `explain -` reads them, so must the window. */
static void
test_paste_visible_text (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char text[] =
    "This is the mail system at host mail.example.org.\n\n"
    "I'm sorry to have to inform you that your message could not\n"
    "be delivered to one or more recipients. It's attached below.\n\n"
    "For further assistance, please send mail to postmaster.\n\n"
    "                   The mail system\n\n"
    "<jan.kowalsky@example.com>: host mx.example.com[192.0.2.25] said: 550 5.1.1\n"
    "    <jan.kowalsky@example.com>: Recipient address rejected: User unknown in\n"
    "    virtual mailbox table (in reply to RCPT TO command)\n";
  g_autoptr(GdkContentProvider) provider = gdk_content_provider_new_typed (G_TYPE_STRING, text);

  paste (fixture, provider);
  g_assert_nonnull (strstr (headline (fixture), "jan.kowalsky@example.com"));
}

/* Text that is no returned email: an error worded for a paste. */
static void
test_paste_not_bounce (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GdkContentProvider) provider = gdk_content_provider_new_typed (G_TYPE_STRING,
                                                                           "Dear John,\nsee you on Monday.\n");
  AdwStatusPage *page;

  paste (fixture, provider);
  page = error_page (fixture);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, NOT_BOUNCE_TITLE);
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "Ctrl+A"));
  g_assert_null (strstr (adw_status_page_get_description (page), ".eml"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  if (window_test_init (&argc, &argv) != 0)
    return 0;

#define ADD(path, func) g_test_add (path, Fixture, GINT_TO_POINTER (900), fixture_setup, func, fixture_teardown)
  ADD ("/ui/dnd/drop-message-bytes", test_drop_message_bytes);
  ADD ("/ui/dnd/paste-message-bytes", test_paste_message_bytes);
  ADD ("/ui/dnd/drop-thunderbird-uri-list", test_drop_thunderbird_uri_list);
  ADD ("/ui/dnd/paste-thunderbird-moz-url", test_paste_thunderbird_moz_url);
  ADD ("/ui/dnd/drop-thunderbird-imap", test_drop_thunderbird_imap);
  ADD ("/ui/dnd/drop-file-list-msg", test_drop_file_list_msg);
  ADD ("/ui/dnd/paste-visible-text", test_paste_visible_text);
  ADD ("/ui/dnd/paste-not-bounce", test_paste_not_bounce);
#undef ADD

  status = g_test_run ();
  g_clear_object (&test_app);
  return status;
}
