/* test-window.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens the real main window (under Xvfb in CI), feeds it returned emails
 * through the same code path as a drop, and checks what a user sees. Built
 * three times: plain, with BD_TEST_POLISH under LANGUAGE=pl and with
 * BD_TEST_UKRAINIAN under LANGUAGE=uk.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gmime/gmime.h>
#include <string.h>

#include "bd-application.h"
#include "bd-test-util.h"
#include "doh-server.h"
#include "bd-diagnosis-view.h"
#include "bd-domain-view.h"
#include "bd-mailbox-view.h"
#include "bd-i18n.h"
#include "bd-recipient-row.h"
#include "bd-window.h"
#include "window-test-util.h"

#ifdef BD_TEST_POLISH
# define EMPTY_TITLE       "Upuść tutaj wiadomość zwrotną"
# define BADGE_FAILED      "Nie dostarczono — wyślij po usunięciu przyczyny"
# define BADGE_HARD        "Trwały błąd dostarczenia"
# define BADGE_RETRYING    "Ponawiane — nie wysyłaj jeszcze raz"
# define ERROR_TITLE       "Nie można odczytać tego pliku"
#elif defined (BD_TEST_UKRAINIAN)
# define EMPTY_TITLE       "Перетягніть сюди повернений лист"
# define BADGE_FAILED      "Не доставлено — виправте й надішліть"
# define BADGE_HARD        "Остаточно не доставлено"
# define BADGE_RETRYING    "Ще в дорозі — не надсилайте знову"
# define ERROR_TITLE       "Не вдалося прочитати цей файл"
#else
# define EMPTY_TITLE       "Drop a Returned Email Here"
# define BADGE_FAILED      "Not delivered — resend once fixed"
# define BADGE_HARD        "Failed for good"
# define BADGE_RETRYING    "Still being retried — don’t resend"
# define ERROR_TITLE       "This File Cannot Be Read"
#endif

static void
count_visible (GtkWidget *root,
               GType      type,
               guint     *n)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_is_visible (root))
    (*n)++;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_visible (child, type, n);
}

/* The window's stack of pages: empty, loading, error, results. */
static GtkStack *
window_stack_of (GtkWidget *window)
{
  GtkWidget *stack = find_widget (window, is_page_stack, NULL);

  return stack ? GTK_STACK (stack) : NULL;
}

static GtkStack *
window_stack (Fixture *fixture)
{
  return window_stack_of (GTK_WIDGET (fixture->window));
}

static gboolean
is_settled (Fixture *fixture)
{
  const char *page = gtk_stack_get_visible_child_name (window_stack (fixture));

  return g_strcmp0 (page, "results") == 0 || g_strcmp0 (page, "error") == 0;
}

/* Opens fixtures through bd_window_open_files(), the path of drops, the
 * Open dialog and the command line alike. */
static void
open_fixtures (Fixture     *fixture,
               const char  *first,
               ...)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    {
      g_autofree char *path = g_build_filename (g_getenv ("BD_SOURCE_ROOT"), name, NULL);

      g_ptr_array_add (files, g_file_new_for_path (path));
    }
  va_end (args);

  bd_window_open_files (fixture->window, (GFile **)files->pdata, files->len);
  wait_until (is_settled, fixture);
}

static const char *
label_with_class (Fixture    *fixture,
                  const char *css_class)
{
  GtkWidget *view = GTK_WIDGET (bd_window_get_diagnosis_view (fixture->window));
  GtkWidget *label = find_widget (view, has_class, css_class);

  g_assert_nonnull (label);
  return label_text (label);
}

static guint
visible_recipient_rows (Fixture *fixture)
{
  guint n = 0;

  count_visible (GTK_WIDGET (bd_window_get_diagnosis_view (fixture->window)), BD_TYPE_RECIPIENT_ROW, &n);
  return n;
}

/* The window at its default size (window-test-util's set-up sets one). */
static void
default_window_setup (Fixture       *fixture,
                      gconstpointer  data)
{
  fixture->window = bd_window_new (test_app);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_until (is_mapped, fixture);
}

static void
default_window_teardown (Fixture       *fixture,
                         gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_window_empty_state (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *status_page = find_widget (GTK_WIDGET (fixture->window), is_type,
                                        GSIZE_TO_POINTER (ADW_TYPE_STATUS_PAGE));

  g_assert_nonnull (status_page);
  g_assert_true (gtk_widget_is_drawable (status_page));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status_page)), ==, EMPTY_TITLE);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Bounce Doctor");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (bd_window_get_diagnosis_view (fixture->window))));
}

static void
test_window_actions (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *app_actions[] = { "quit", "about" };
  g_auto(GStrv) quit_accels = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (app_actions); i++)
    g_assert_true (g_action_map_lookup_action (G_ACTION_MAP (test_app), app_actions[i]));

  /* The shortcuts window is loaded from the resources by GtkApplication. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture->window)));

  quit_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (test_app), "app.quit");
  g_assert_cmpstr (quit_accels[0], ==, "<Control>q");

  /* Nothing to copy before a bounce is shown: the action is there and
   * does nothing harmful. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.copy-report", NULL);
}

static void
test_window_drop_target (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *zone = find_widget (GTK_WIDGET (fixture->window), has_class, "drop-zone");
  g_autoptr(GListModel) controllers = NULL;
  gboolean has_drop_target = FALSE;

  g_assert_nonnull (zone);
  controllers = gtk_widget_observe_controllers (zone);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      has_drop_target |= GTK_IS_DROP_TARGET (controller);
    }

  g_assert_true (has_drop_target);
}

static void
test_window_user_unknown (Fixture       *fixture,
                          gconstpointer  data)
{
  open_fixtures (fixture, "data/samples/postfix-user-unknown.eml", NULL);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_stack (fixture)), ==, "results");
  g_assert_nonnull (strstr (label_with_class (fixture, "title-1"), "jan.kowalsky@example.com"));
  g_assert_cmpstr (label_with_class (fixture, "badge"), ==, BADGE_HARD);
  g_assert_cmpuint (visible_recipient_rows (fixture), ==, 1);
}

static void
test_window_delayed (Fixture       *fixture,
                     gconstpointer  data)
{
  open_fixtures (fixture, "data/samples/delayed-connection-timeout.eml", NULL);

  g_assert_cmpstr (label_with_class (fixture, "badge"), ==, BADGE_RETRYING);
  g_assert_nonnull (strstr (label_with_class (fixture, "title-1"), "zamowienia@hurtownia.example.com"));
}

static void
test_window_several (Fixture       *fixture,
                     gconstpointer  data)
{
  guint rows = 0;

  open_fixtures (fixture,
                 "data/samples/gmail-unauthenticated.eml",
                 "data/samples/qmail-pl-skrzynka-pelna.eml",
                 "data/samples/office365-pl-adresat-nieznany.eml",
                 NULL);

  count_visible (GTK_WIDGET (fixture->window), GTK_TYPE_LIST_BOX_ROW, &rows);
  /* three in the side list, plus the recipient rows of the one shown */
  g_assert_cmpuint (rows - visible_recipient_rows (fixture), >=, 3);
  g_assert_nonnull (strstr (label_with_class (fixture, "title-1"), "klient@gmail.com"));
  g_assert_cmpstr (label_with_class (fixture, "badge"), ==, BADGE_FAILED);
}

static void
test_window_not_an_email (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *error_page;

  open_fixtures (fixture, "data/icons/hicolor/scalable/apps/io.github.bouncedoctor.BounceDoctor.svg", NULL);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_stack (fixture)), ==, "error");
  error_page = gtk_stack_get_visible_child (window_stack (fixture));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (error_page)), ==, ERROR_TITLE);
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (error_page)),
                            "io.github.bouncedoctor.BounceDoctor.svg"));
}

/* A small mbox made of the samples, opened like a dropped file: the loader
 * sees several messages and hands it to the mailbox page. */
static void
test_window_mailbox (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char *samples[] = {
    "postfix-user-unknown.eml", "gmail-unauthenticated.eml", "delayed-connection-timeout.eml",
    "office365-pl-adresat-nieznany.eml", "qmail-pl-skrzynka-pelna.eml",
  };
  g_autoptr(GString) mbox = g_string_new (NULL);
  g_autofree char *dir = g_dir_make_tmp ("bd-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "Inbox", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GListModel *model;

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *sample = g_build_filename (g_getenv ("BD_SOURCE_ROOT"), "data", "samples", samples[i], NULL);
      g_autofree char *contents = NULL;

      g_assert_true (g_file_get_contents (sample, &contents, NULL, NULL));
      test_mbox_append (mbox, contents);
    }
  g_assert_true (g_file_set_contents (path, mbox->str, mbox->len, NULL));

  bd_window_open_files (fixture->window, &file, 1);
  wait_until (mailbox_finished, fixture);

  model = bd_mailbox_view_get_model (bd_window_get_mailbox_view (fixture->window));
  /* every failed or delayed recipient of the five samples */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  g_assert_cmpuint (bd_mailbox_view_get_messages_read (bd_window_get_mailbox_view (fixture->window)), ==, 5);

  g_remove (path);
  g_rmdir (dir);
}

static gboolean
domain_check_done (Fixture *fixture)
{
  return !bd_domain_view_is_checking (bd_window_get_domain_view (fixture->window));
}

/* "Check Sender Domain" fills in the sender's domain and runs the check;
 * with a resolver that refuses connections it must end with an error,
 * never hang. */
static void
test_window_check_sender_domain (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.bouncedoctor.BounceDoctor");
  GtkWidget *domain_view;

  g_settings_set_string (settings, "resolver", "custom");
  g_settings_set_string (settings, "resolver-url", "https://127.0.0.1:9/dns-query");

  open_fixtures (fixture, "data/samples/postfix-user-unknown.eml", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.check-sender-domain", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_stack (fixture)), ==, "domain");

  domain_view = GTK_WIDGET (bd_window_get_domain_view (fixture->window));
  wait_until (domain_check_done, fixture);
  g_assert_nonnull (find_widget (domain_view, has_class, "title-1"));

  g_settings_reset (settings, "resolver");
  g_settings_reset (settings, "resolver-url");
}

/* With BD_SCREENSHOT_DIR set (make screenshots), saves what the window
 * shows as NAME-LANG.png: the states only a test can reach, such as a
 * domain check against the test DoH server. */
static void
maybe_save_screenshot_of (GtkWidget  *widget,
                          const char *name)
{
  const char *dir = g_getenv ("BD_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (dir == NULL)
    return;

  /* let the last changes reach the screen, and a page change finish its
   * crossfade (on a busy machine it can take longer than a second) */
  for (gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC; g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, FALSE);
  for (GtkStack *stack = GTK_IS_WINDOW (widget) ? window_stack_of (widget) : NULL;
       stack != NULL && gtk_stack_get_transition_running (stack);)
    g_main_context_iteration (NULL, TRUE);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                        &GRAPHENE_RECT_INIT (0, 0, width, height));
#ifdef BD_TEST_POLISH
  file = g_strdup_printf ("%s-pl.png", name);
#elif defined (BD_TEST_UKRAINIAN)
  file = g_strdup_printf ("%s-uk.png", name);
#else
  file = g_strdup_printf ("%s-en.png", name);
#endif
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
maybe_save_screenshot (Fixture    *fixture,
                       const char *name)
{
  maybe_save_screenshot_of (GTK_WIDGET (fixture->window), name);
}

static gboolean
preferences_shown (Fixture *fixture)
{
  return find_toplevel (ADW_TYPE_PREFERENCES_WINDOW) != NULL;
}

static gboolean
mailbox_chooser_shown (Fixture *fixture)
{
  return find_toplevel (g_type_from_name ("BdMailboxChooser")) != NULL;
}

/* Preferences and Open Mailbox open as dialogs over the window. */
static void
test_window_dialogs (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *dialog;

  g_action_group_activate_action (G_ACTION_GROUP (test_app), "preferences", NULL);
  wait_until (preferences_shown, fixture);
  dialog = find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->window));
  maybe_save_screenshot_of (dialog, "preferences");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-mailbox", NULL));
  wait_until (mailbox_chooser_shown, fixture);
  dialog = find_toplevel (g_type_from_name ("BdMailboxChooser"));
  maybe_save_screenshot_of (dialog, "open-mailbox");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The whole domain check against a real DoH server (BIND on 127.0.0.1,
 * trusted through the resolver settings' own CA file). */
static void
test_window_domain_check_bind (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.bouncedoctor.BounceDoctor");
  DohServer server = { 0 };

  doh_server_start (&server);
  if (server.url == NULL)
    {
      g_test_skip (server.skip_reason);
      doh_server_stop (&server);
      return;
    }

  g_settings_set_string (settings, "resolver", "custom");
  g_settings_set_string (settings, "resolver-url", server.url);
  g_settings_set_string (settings, "resolver-ca-file", server.ca_file);
  g_settings_set_strv (settings, "dnsbl-lists", (const char *[]) { "bl.dnsbl.test", NULL });

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 1000);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.domain-check", NULL);
  bd_domain_view_check (bd_window_get_domain_view (fixture->window), "chain.bd.test", NULL, "203.0.113.7");
  wait_until (domain_check_done, fixture);

  /* MX, SPF, DKIM, DMARC and the blocklists (an IP was given) */
  g_assert_cmpuint (bd_domain_view_get_n_areas (bd_window_get_domain_view (fixture->window)), >=, 5);
  maybe_save_screenshot (fixture, "domain");

  g_settings_reset (settings, "resolver");
  g_settings_reset (settings, "resolver-url");
  g_settings_reset (settings, "resolver-ca-file");
  g_settings_reset (settings, "dnsbl-lists");
  doh_server_stop (&server);
}

/* Flaky test-window-uk (SIGTRAP): work still running in a thread when
 * the window goes (a test's tear-down, or the user closing it) ends with
 * its callback on a disposed view. Each case destroys the window while
 * one is in flight; a GLib critical from that callback is fatal here. */
static gboolean
scan_started (Fixture *fixture)
{
  return bd_mailbox_view_is_scanning (bd_window_get_mailbox_view (fixture->window));
}

static void
destroy_window_and_wait (Fixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  iterate (1500);   /* the threads finish, their callbacks run */
}

static void
test_window_close_while_scanning (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("bd-window-XXXXXX", NULL);
  g_autofree char *path = test_write_samples_mbox (dir);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  bd_window_open_files (fixture->window, &file, 1);
  wait_until (scan_started, fixture);
  destroy_window_and_wait (fixture);
  g_remove (path);
  g_rmdir (dir);
}

static void
test_window_close_while_rereading (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("bd-window-XXXXXX", NULL);
  g_autofree char *path = test_write_samples_mbox (dir);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GListModel *model;

  bd_window_open_files (fixture->window, &file, 1);
  wait_until (mailbox_finished, fixture);
  model = bd_mailbox_view_get_model (bd_window_get_mailbox_view (fixture->window));
  /* the full diagnosis is read again from the mailbox, in a thread */
  g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), 0, TRUE));
  destroy_window_and_wait (fixture);
  g_remove (path);
  g_rmdir (dir);
}

static void
test_window_close_while_checking (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.bouncedoctor.BounceDoctor");

  g_settings_set_string (settings, "resolver", "custom");
  g_settings_set_string (settings, "resolver-url", "https://127.0.0.1:9/dns-query");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.domain-check", NULL);
  bd_domain_view_check (bd_window_get_domain_view (fixture->window), "example.com", NULL, NULL);
  g_assert_true (bd_domain_view_is_checking (bd_window_get_domain_view (fixture->window)));
  destroy_window_and_wait (fixture);
  g_settings_reset (settings, "resolver");
  g_settings_reset (settings, "resolver-url");
}

static void
closed_window_teardown (Fixture       *fixture,
                        gconstpointer  data)
{
  g_assert_null (fixture->window);
}

int
main (int    argc,
      char **argv)
{
  int status;

  /* a private instance: a test must never hand its work to a running app */
  if (window_test_init (&argc, &argv) != 0)
    return 0;

#define ADD(path, func) g_test_add (path, Fixture, NULL, default_window_setup, func, default_window_teardown)
  ADD ("/ui/window/empty-state", test_window_empty_state);
  ADD ("/ui/window/actions", test_window_actions);
  ADD ("/ui/window/drop-target", test_window_drop_target);
  ADD ("/ui/window/user-unknown", test_window_user_unknown);
  ADD ("/ui/window/delayed", test_window_delayed);
  ADD ("/ui/window/several", test_window_several);
  ADD ("/ui/window/not-an-email", test_window_not_an_email);
  ADD ("/ui/window/mailbox", test_window_mailbox);
  ADD ("/ui/window/check-sender-domain", test_window_check_sender_domain);
  ADD ("/ui/window/domain-check-bind", test_window_domain_check_bind);
  ADD ("/ui/window/dialogs", test_window_dialogs);
#undef ADD
#define ADD(path, func) g_test_add (path, Fixture, NULL, default_window_setup, func, closed_window_teardown)
  ADD ("/ui/window/close-while-scanning", test_window_close_while_scanning);
  ADD ("/ui/window/close-while-rereading", test_window_close_while_rereading);
  ADD ("/ui/window/close-while-checking", test_window_close_while_checking);
#undef ADD

  status = g_test_run ();
  g_clear_object (&test_app);
  return status;
}
