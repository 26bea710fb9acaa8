/* test-window-mailbox.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a user does with a mailbox in the real window (under Xvfb in CI):
 * the report actions of a picked recipient, the summary's counts, search
 * and its count, exporting what the table shows, saving a report, the
 * sender's domain, and closing the mailbox. Each test names the finding
 * of the usability review it guards (M2, m11…).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "bd-diagnosis-view.h"
#include "bd-domain-view.h"
#include "bd-mailbox-item.h"
#include "bd-mailbox-view.h"
#include "bd-window.h"
#include "window-test-util.h"

/* M2: picking a recipient enables Copy Report, Save Report and Check
 * Sender Domain, and Copy Report copies that recipient's report. */
static void
test_mailbox_report_actions (Fixture       *fixture,
                             gconstpointer  data)
{
  BdMailboxView *view = open_mailbox (fixture);
  g_autofree char *copied = NULL;
  BdBounce *bounce;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (fixture->window)), "EMPTY");
  pick_recipient (fixture, 0);
  bounce = bd_mailbox_view_get_bounce (view);

  g_assert_true (gtk_widget_is_sensitive (mailbox_button (fixture, "win.copy-report")));
  g_assert_true (gtk_widget_is_sensitive (mailbox_button (fixture, "win.save-report")));
  g_assert_true (gtk_widget_is_sensitive (mailbox_button (fixture, "win.check-sender-domain")));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.copy-report", NULL);
  copied = clipboard_text (fixture);
  g_assert_nonnull (copied);
  g_assert_cmpstr (copied, !=, "EMPTY");
  g_assert_nonnull (strstr (copied, ((BdRecipient *)g_ptr_array_index (bounce->recipients, 0))->address));
}

/* Search without diacritics: "pazdziernik" finds "październik". */
static void
test_search_folds_diacritics (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *search;

  open_mailbox (fixture);
  search = find_widget (GTK_WIDGET (bd_window_get_mailbox_view (fixture->window)), is_type,
                        GSIZE_TO_POINTER (GTK_TYPE_SEARCH_ENTRY));
  gtk_editable_set_text (GTK_EDITABLE (search), "PAZDZIERNIK");
  g_signal_emit_by_name (search, "search-changed");
  iterate (50);
  g_assert_cmpuint (rows_shown (fixture), ==, 1);
}

static void
collect_stats (GtkWidget *widget,
               GPtrArray *found)
{
  if (gtk_widget_has_css_class (widget, "stat"))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_stats (child, found);
}

static void
assert_stat (GtkWidget  *stat,
             guint       value,
             const char *caption)
{
  g_autofree char *number = g_strdup_printf ("%u", value);
  GtkWidget *count = gtk_widget_get_first_child (stat);

  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count)), ==, number);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_next_sibling (count))), ==, caption);
}

/* m11: the summary's numbers say what they count: failed recipients
 * (hard + soft = every row of the table), and different addresses. */
static void
test_summary_counts (Fixture       *fixture,
                     gconstpointer  data)
{
  BdMailboxView *view = open_mailbox (fixture);
  GListModel *items = bd_mailbox_view_get_model (view);
  g_autoptr(GHashTable) addresses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) stats = g_ptr_array_new ();
  guint hard = 0, soft = 0;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (items, i);
      BdMailboxItem *item = GTK_IS_TREE_LIST_ROW (object) ? NULL : (BdMailboxItem *)object;

      g_assert_nonnull (item);
      if (bd_mailbox_item_get_hard (item))
        hard++;
      else
        soft++;
      g_hash_table_add (addresses, g_utf8_casefold (bd_mailbox_item_get_address (item), -1));
    }
  g_assert_cmpuint (hard, >, 0);
  g_assert_cmpuint (soft, >, 0);

  collect_stats (GTK_WIDGET (view), stats);
  g_assert_cmpuint (stats->len, ==, 3);
  assert_stat (g_ptr_array_index (stats, 0), hard,
               ngettext ("recipient failed for good: the address will never work",
                         "recipients failed for good: the addresses will never work", hard));
  assert_stat (g_ptr_array_index (stats, 1), soft,
               ngettext ("recipient not delivered for now: may work later",
                         "recipients not delivered for now: may work later", soft));
  assert_stat (g_ptr_array_index (stats, 2), g_hash_table_size (addresses),
               ngettext ("different address among them", "different addresses among them",
                         g_hash_table_size (addresses)));
}

/* m8: while the search hides rows, "N of M shown" says how many are left. */
static void
test_search_shows_count (Fixture       *fixture,
                         gconstpointer  data)
{
  BdMailboxView *view = open_mailbox (fixture);
  GtkWidget *search = find_widget (GTK_WIDGET (view), is_type, GSIZE_TO_POINTER (GTK_TYPE_SEARCH_ENTRY));
  GtkWidget *count = find_widget (GTK_WIDGET (view), has_class, "shown-count");
  g_autofree char *expected = g_strdup_printf (ngettext ("%1$u of %2$u shown", "%1$u of %2$u shown", 5), 1, 5);

  g_assert_true (GTK_IS_LABEL (count));
  g_assert_false (gtk_widget_get_visible (count));
  gtk_editable_set_text (GTK_EDITABLE (search), "pazdziernik");
  g_signal_emit_by_name (search, "search-changed");
  iterate (50);
  g_assert_cmpuint (rows_shown (fixture), ==, 1);
  g_assert_true (gtk_widget_get_visible (count));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count)), ==, expected);

  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_signal_emit_by_name (search, "search-changed");
  iterate (50);
  g_assert_cmpuint (rows_shown (fixture), ==, 5);
  g_assert_false (gtk_widget_get_visible (count));
}

/* m10: the way out of a mailbox is called Close the Mailbox; the menu's
 * Close the Messages (for opened files) does nothing there. */
static void
test_close_the_mailbox (Fixture       *fixture,
                        gconstpointer  data)
{
  open_mailbox (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.close-messages", NULL);
  iterate (50);
  g_assert_cmpstr (window_page (fixture), ==, "mailbox");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.close-mailbox", NULL));
  iterate (50);
  g_assert_cmpstr (window_page (fixture), ==, "empty");
  /* and nothing is left to close */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.close-mailbox", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.close-messages", NULL);
  iterate (50);
  g_assert_cmpstr (window_page (fixture), ==, "empty");
}

static gboolean
domain_check_done (Fixture *fixture)
{
  return !bd_domain_view_is_checking (bd_window_get_domain_view (fixture->window));
}

/* m3: a report without a copy of the message (WP sends none) still
 * names the sender in its own To:, so Check Sender Domain fills in that
 * domain rather than asking for it. */
static void
test_sender_domain_from_own_to (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.bouncedoctor.BounceDoctor");
  g_autofree char *path = g_build_filename (g_getenv ("BD_SOURCE_ROOT"), "tests", "fixtures", "i18n",
                                            "wp-pl-userunknown.eml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *domain_view, *domain_row;

  g_settings_set_string (settings, "resolver", "custom");
  g_settings_set_string (settings, "resolver-url", "https://127.0.0.1:9/dns-query");
  bd_window_open_files (fixture->window, &file, 1);
  wait_until (results_shown, fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.check-sender-domain", NULL));
  g_assert_cmpstr (window_page (fixture), ==, "domain");

  domain_view = GTK_WIDGET (bd_window_get_domain_view (fixture->window));
  domain_row = find_widget (domain_view, is_type, GSIZE_TO_POINTER (GTK_TYPE_EDITABLE));
  g_assert_nonnull (domain_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (domain_row)), ==, "example.pl");
  wait_until (domain_check_done, fixture);

  g_settings_reset (settings, "resolver");
  g_settings_reset (settings, "resolver-url");
}

/* ---- export (M4) ---- */

static char *export_path;

static gboolean
export_written (Fixture *fixture)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (export_path, &contents, NULL, NULL) && strchr (contents, '\n') != NULL;
}

static void
collect_choice_dropdowns (GtkWidget *widget,
                          GPtrArray *found)
{
  if (GTK_IS_DROP_DOWN (widget) && GTK_IS_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (widget))))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_choice_dropdowns (child, found);
}

/* Picks the export's options in the dialog as a user does: rows (when
 * offered; the first choice) and format (the next), each by position. */
static void
choose_options (GtkWidget *dialog,
                int        rows_index,
                gboolean   for_scripts)
{
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();
  guint format = rows_index >= 0 ? 1 : 0;

  collect_choice_dropdowns (dialog, dropdowns);
  g_assert_cmpuint (dropdowns->len, ==, format + 1);
  if (rows_index >= 0)
    gtk_drop_down_set_selected (g_ptr_array_index (dropdowns, 0), rows_index);
  gtk_drop_down_set_selected (g_ptr_array_index (dropdowns, format), for_scripts ? 1 : 0);
}

/* Exports through the real dialog (GTK's own, without a portal) and
 * returns the number of lines written, header included. */
static guint
export_lines (Fixture    *fixture,
              const char *rows_choice,
              gboolean    for_scripts,
              const char *name,
              char      **contents_out)
{
  GtkWidget *dialog;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_clear_pointer (&export_path, g_free);
  export_path = g_build_filename (fixture->dir, name, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bd_window_get_mailbox_view (fixture->window)),
                                             "mailbox.export", NULL));
  wait_until (chooser_shown, fixture);
  dialog = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  /* The chooser opens in the working folder, and what it returns is
   * relative to it (GtkFileChooserNative keeps its own folder, so the
   * dialog's cannot be changed from here). */
  wait_until (chooser_in_folder, fixture);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  choose_options (dialog, rows_choice ? g_strcmp0 (rows_choice, "all") == 0 : -1, for_scripts);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  wait_until (export_written, fixture);

  g_assert_true (g_file_get_contents (export_path, &contents, NULL, NULL));
  if (contents_out != NULL)
    *contents_out = g_strdup (contents);
  lines = g_strsplit (g_strchomp (contents), "\n", -1);
  return g_strv_length (lines);
}

/* M4: with a reason chosen in the chart, Export writes the rows shown
 * unless the user asks for all of them. */
static void
test_export_what_is_shown (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *scripts = NULL;
  g_autofree char *sheet = NULL;
  GtkWidget *row;
  guint shown;

  g_assert_cmpint (g_chdir (fixture->dir), ==, 0);
  open_mailbox (fixture);
  g_assert_cmpuint (export_lines (fixture, NULL, TRUE, "unfiltered.csv", &scripts), ==, 1 + 5);
  g_assert_true (g_str_has_prefix (scripts, "address,reason,status,hard,date,diagnostic\n"));

  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (mailbox_chart (fixture)), 1));
  gtk_widget_activate (row);
  shown = rows_shown (fixture);
  g_assert_cmpuint (shown, <, 5);

  g_assert_cmpuint (export_lines (fixture, "shown", TRUE, "shown.csv", NULL), ==, 1 + shown);
  g_assert_cmpuint (export_lines (fixture, "all", TRUE, "all.csv", NULL), ==, 1 + 5);

  /* M5: for a spreadsheet, a UTF-8 BOM, CRLF, and in Polish ';' */
  g_assert_cmpuint (export_lines (fixture, "all", FALSE, "sheet.csv", &sheet), ==, 1 + 5);
  g_assert_true (g_str_has_prefix (sheet, "\xEF\xBB\xBF"));
  g_assert_nonnull (strstr (sheet, "\r\n"));
#ifdef BD_TEST_POLISH
  g_assert_true (g_str_has_prefix (sheet, "\xEF\xBB\xBF" "Data;Adresat;"));
#elif defined (BD_TEST_UKRAINIAN)
  g_assert_true (g_str_has_prefix (sheet, "\xEF\xBB\xBF" "Дата;Одержувач;"));
#else
  g_assert_true (g_str_has_prefix (sheet, "\xEF\xBB\xBF" "Date,Recipient,"));
#endif
  g_assert_cmpint (g_chdir (cwd), ==, 0);
}

static gboolean
text_report_written (Fixture *fixture)
{
  return g_file_test (export_path, G_FILE_TEST_EXISTS);
}

static void
collect_filter_dropdowns (GtkWidget *widget,
                          GPtrArray *found)
{
  GListModel *model = GTK_IS_DROP_DOWN (widget) ? gtk_drop_down_get_model (GTK_DROP_DOWN (widget)) : NULL;

  if (model != NULL && g_list_model_get_item_type (model) == GTK_TYPE_FILE_FILTER)
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_filter_dropdowns (child, found);
}

/* Save Report with "Plain text (.txt)" chosen as the type writes text,
 * under a .txt name, though the suggested name ended in .html. */
static void
test_save_report_as_text (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *path = g_build_filename (g_getenv ("BD_SOURCE_ROOT"), "data", "samples",
                                            "postfix-user-unknown.eml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();
  g_autofree char *contents = NULL;
  GtkWidget *dialog;

  g_assert_cmpint (g_chdir (fixture->dir), ==, 0);
  bd_window_open_files (fixture->window, &file, 1);
  wait_until (results_shown, fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save-report", NULL));
  wait_until (chooser_shown, fixture);
  dialog = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  wait_until (chooser_in_folder, fixture);
  collect_filter_dropdowns (dialog, dropdowns);
  g_assert_cmpuint (dropdowns->len, ==, 1);
  gtk_drop_down_set_selected (g_ptr_array_index (dropdowns, 0), 1);   /* Plain text (.txt) */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "report.html");

  g_clear_pointer (&export_path, g_free);
  export_path = g_build_filename (fixture->dir, "report.txt", NULL);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  wait_until (text_report_written, fixture);
  iterate (200);
  g_assert_true (g_file_get_contents (export_path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "<html"));
  g_assert_nonnull (strstr (contents, "jan.kowalsky@example.com"));
  g_assert_cmpint (g_chdir (cwd), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  int status;

  if (window_test_init (&argc, &argv) != 0)
    return 0;

#define NARROW GINT_TO_POINTER (360)
#define WIDE   GINT_TO_POINTER (1200)
#define ADD(path, width, func) g_test_add (path, Fixture, width, fixture_setup, func, fixture_teardown)
  ADD ("/ui/mailbox/report-actions", WIDE, test_mailbox_report_actions);
  ADD ("/ui/mailbox/search-folds-diacritics", WIDE, test_search_folds_diacritics);
  ADD ("/ui/mailbox/export-what-is-shown", WIDE, test_export_what_is_shown);
  ADD ("/ui/mailbox/save-report-as-text", WIDE, test_save_report_as_text);
  ADD ("/ui/mailbox/summary-counts", WIDE, test_summary_counts);
  ADD ("/ui/mailbox/search-shows-count", WIDE, test_search_shows_count);
  ADD ("/ui/mailbox/close-the-mailbox", WIDE, test_close_the_mailbox);
  ADD ("/ui/mailbox/sender-domain-from-own-to", WIDE, test_sender_domain_from_own_to);
#undef ADD

  status = g_test_run ();
  g_clear_pointer (&export_path, g_free);
  g_clear_object (&test_app);
  return status;
}
