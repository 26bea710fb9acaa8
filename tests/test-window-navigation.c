/* test-window-navigation.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How a user gets around the real window (under Xvfb in CI): opening a
 * diagnosis from the list in a narrow window, the report actions and the
 * Back button of the mailbox page, where the focus goes, Tab through the
 * reason chart, and exporting what the table shows. Each test names the
 * finding of the usability review it guards (B1, M2…). Tab is sent as
 * GTK's own Tab handling does it: gtk_widget_child_focus() on the window.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gmime/gmime.h>
#include <string.h>

#include "bd-application.h"
#include "bd-bounce-row.h"
#include "bd-diagnosis-view.h"
#include "bd-domain-view.h"
#include "bd-i18n.h"
#include "bd-mailbox-view.h"
#include "bd-window.h"

typedef struct
{
  BdWindow *window;
  char     *dir;    /* a temporary folder for the mailbox and exports */
} Fixture;

static BdApplication *test_app;

typedef gboolean (*WidgetTest) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find_widget (GtkWidget     *root,
             WidgetTest     test,
             gconstpointer  data)
{
  if (test (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, test, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
has_class (GtkWidget     *widget,
           gconstpointer  css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

static gboolean
has_action (GtkWidget     *widget,
            gconstpointer  action)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

static void
iterate (guint ms)
{
  for (gint64 end = g_get_monotonic_time () + ms * 1000; g_get_monotonic_time () < end;)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
wait_until (gboolean (*done) (Fixture *), Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (fixture))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static GtkWidget *
focus_of (Fixture *fixture)
{
  return gtk_root_get_focus (GTK_ROOT (fixture->window));
}

static gboolean
focus_is_in (Fixture   *fixture,
             GtkWidget *widget)
{
  GtkWidget *focus = focus_of (fixture);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static gboolean
is_mapped (Fixture *fixture)
{
  return gtk_widget_get_mapped (GTK_WIDGET (fixture->window));
}

static gboolean
is_page_stack (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "results") != NULL;
}

static const char *
window_page (Fixture *fixture)
{
  GtkWidget *stack = find_widget (GTK_WIDGET (fixture->window), is_page_stack, NULL);

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static GtkWidget *
back_button (Fixture *fixture)
{
  GtkWidget *button = find_widget (GTK_WIDGET (fixture->window), has_action, "win.back");

  g_assert_nonnull (button);
  return button;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  int width = GPOINTER_TO_INT (data);

  fixture->dir = g_dir_make_tmp ("bd-navigation-XXXXXX", NULL);
  fixture->window = bd_window_new (test_app);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_until (is_mapped, fixture);
  iterate (100);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_remove (file);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* dialogs left open by a failed assertion go too */
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* ---- the side list of several returned emails ---- */

static gboolean
results_shown (Fixture *fixture)
{
  return g_strcmp0 (window_page (fixture), "results") == 0;
}

static void
open_samples (Fixture *fixture)
{
  static const char *names[] = {
    "gmail-unauthenticated.eml", "qmail-pl-skrzynka-pelna.eml", "office365-pl-adresat-nieznany.eml",
  };
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (g_getenv ("BD_SOURCE_ROOT"), "data", "samples", names[i], NULL);

      g_ptr_array_add (files, g_file_new_for_path (path));
    }
  bd_window_open_files (fixture->window, (GFile **)files->pdata, files->len);
  wait_until (results_shown, fixture);
  iterate (200);
}

static AdwLeaflet *
results_leaflet (Fixture *fixture)
{
  GtkWidget *stack = find_widget (GTK_WIDGET (fixture->window), is_page_stack, NULL);
  GtkWidget *page = gtk_stack_get_child_by_name (GTK_STACK (stack), "results");

  g_assert_true (ADW_IS_LEAFLET (page));
  return ADW_LEAFLET (page);
}

static gboolean
is_bounce_list (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LIST_BOX (widget) && BD_IS_BOUNCE_ROW (gtk_widget_get_first_child (widget));
}

static gboolean
results_folded (Fixture *fixture)
{
  return adw_leaflet_get_folded (results_leaflet (fixture));
}

/* B1: in a narrow window a row of the list must open its diagnosis, and
 * Back must return to the list. Activating the row is what a click, a
 * tap, Enter and Space all do. */
static void
test_narrow_row_opens_diagnosis (Fixture       *fixture,
                                 gconstpointer  data)
{
  AdwLeaflet *leaflet;
  GtkWidget *list, *row;
  BdDiagnosisView *diagnosis = bd_window_get_diagnosis_view (fixture->window);

  open_samples (fixture);
  wait_until (results_folded, fixture);
  leaflet = results_leaflet (fixture);
  list = find_widget (GTK_WIDGET (fixture->window), is_bounce_list, NULL);
  g_assert_nonnull (list);
  g_assert_false (adw_leaflet_get_visible_child (leaflet) == GTK_WIDGET (diagnosis));
  g_assert_false (gtk_widget_get_visible (back_button (fixture)));

  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
  g_assert_true (BD_IS_BOUNCE_ROW (row));
  gtk_widget_activate (row);
  iterate (100);

  g_assert_true (adw_leaflet_get_visible_child (leaflet) == GTK_WIDGET (diagnosis));
  g_assert_true (bd_diagnosis_view_get_bounce (diagnosis) == bd_bounce_row_get_bounce (BD_BOUNCE_ROW (row)));
  g_assert_true (gtk_widget_get_visible (back_button (fixture)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL));
  iterate (100);
  g_assert_false (adw_leaflet_get_visible_child (leaflet) == GTK_WIDGET (diagnosis));
  g_assert_false (gtk_widget_get_visible (back_button (fixture)));
}

/* ---- the mailbox page ---- */

static gboolean
mailbox_finished (Fixture *fixture)
{
  return !bd_mailbox_view_is_scanning (bd_window_get_mailbox_view (fixture->window)) &&
         g_strcmp0 (window_page (fixture), "mailbox") == 0;
}

static gboolean
chart_built (Fixture *fixture)
{
  GtkWidget *chart = find_widget (GTK_WIDGET (bd_window_get_mailbox_view (fixture->window)), has_class, "reason-chart");

  return gtk_widget_get_visible (chart) && gtk_list_box_get_row_at_index (GTK_LIST_BOX (chart), 2) != NULL;
}

/* An mbox of the five samples (five failed or delayed recipients), opened
 * like a dropped file. */
static BdMailboxView *
open_mailbox (Fixture *fixture)
{
  g_autoptr(GString) mbox = g_string_new (NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "Inbox", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GDir) samples = NULL;
  g_autofree char *samples_dir = g_build_filename (g_getenv ("BD_SOURCE_ROOT"), "data", "samples", NULL);
  const char *name;

  samples = g_dir_open (samples_dir, 0, NULL);
  g_assert_nonnull (samples);
  while ((name = g_dir_read_name (samples)) != NULL)
    {
      g_autofree char *sample = g_build_filename (samples_dir, name, NULL);
      g_autofree char *contents = NULL;

      g_assert_true (g_file_get_contents (sample, &contents, NULL, NULL));
      g_string_append (mbox, "From MAILER-DAEMON Fri Nov 27 10:00:00 2026\n");
      g_string_append (mbox, contents);
      g_string_append (mbox, "\n");
    }
  g_assert_true (g_file_set_contents (path, mbox->str, mbox->len, NULL));

  bd_window_open_files (fixture->window, &file, 1);
  wait_until (mailbox_finished, fixture);
  wait_until (chart_built, fixture);   /* rebuilt at most every 250 ms */
  iterate (100);
  g_assert_cmpuint (g_list_model_get_n_items (bd_mailbox_view_get_model (bd_window_get_mailbox_view (fixture->window))),
                    ==, 5);
  return bd_window_get_mailbox_view (fixture->window);
}

static gboolean
recipient_shown (Fixture *fixture)
{
  return bd_mailbox_view_get_bounce (bd_window_get_mailbox_view (fixture->window)) != NULL;
}

static void
pick_recipient (Fixture *fixture,
                guint    position)
{
  GListModel *model = bd_mailbox_view_get_model (bd_window_get_mailbox_view (fixture->window));

  g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), position, TRUE));
  wait_until (recipient_shown, fixture);
  iterate (100);
}

static GtkWidget *
mailbox_button (Fixture    *fixture,
                const char *action)
{
  GtkWidget *button = find_widget (GTK_WIDGET (bd_window_get_mailbox_view (fixture->window)), has_action, action);

  g_assert_nonnull (button);
  return button;
}

static char *
clipboard_text (Fixture *fixture)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->window));
  GdkContentProvider *content = gdk_clipboard_get_content (clipboard);
  g_auto(GValue) value = G_VALUE_INIT;

  if (content == NULL)
    return NULL;
  g_value_init (&value, G_TYPE_STRING);
  if (!gdk_content_provider_get_value (content, &value, NULL))
    return NULL;
  return g_value_dup_string (&value);
}

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

static AdwLeaflet *
mailbox_leaflet (Fixture *fixture)
{
  return ADW_LEAFLET (find_widget (GTK_WIDGET (bd_window_get_mailbox_view (fixture->window)),
                                   is_type, GSIZE_TO_POINTER (ADW_TYPE_LEAFLET)));
}

static gboolean
mailbox_folded (Fixture *fixture)
{
  return adw_leaflet_get_folded (mailbox_leaflet (fixture));
}

static gboolean
mailbox_table_page_shown (Fixture *fixture)
{
  GtkWidget *view = GTK_WIDGET (bd_window_get_mailbox_view (fixture->window));
  GtkWidget *table = find_widget (view, is_type, GSIZE_TO_POINTER (GTK_TYPE_COLUMN_VIEW));

  return gtk_widget_is_ancestor (table, adw_leaflet_get_visible_child (mailbox_leaflet (fixture)));
}

static gboolean
mailbox_diagnosis_mapped (Fixture *fixture)
{
  GtkWidget *view = GTK_WIDGET (bd_window_get_mailbox_view (fixture->window));

  return gtk_widget_get_mapped (find_widget (view, is_type, GSIZE_TO_POINTER (BD_TYPE_DIAGNOSIS_VIEW)));
}

/* M3: in a narrow mailbox, a picked recipient's diagnosis fills the window
 * and the header has a Back button that returns to the table. */
static void
test_narrow_mailbox_back (Fixture       *fixture,
                          gconstpointer  data)
{
  BdMailboxView *view = open_mailbox (fixture);
  GtkWidget *diagnosis = find_widget (GTK_WIDGET (view), is_type, GSIZE_TO_POINTER (BD_TYPE_DIAGNOSIS_VIEW));

  wait_until (mailbox_folded, fixture);
  g_assert_false (gtk_widget_get_visible (back_button (fixture)));
  pick_recipient (fixture, 1);

  g_assert_true (gtk_widget_is_ancestor (diagnosis, adw_leaflet_get_visible_child (mailbox_leaflet (fixture))));
  g_assert_true (gtk_widget_get_visible (back_button (fixture)));
  /* nothing in the diagnosis took the focus and selected its text */
  g_assert_false (focus_is_in (fixture, diagnosis));

  gtk_widget_activate (back_button (fixture));
  wait_until (mailbox_table_page_shown, fixture);   /* a button activated by key clicks after 250 ms */
  g_assert_false (gtk_widget_get_visible (back_button (fixture)));
}

/* M9: side by side, picking the first recipient keeps the focus in the
 * table (so Down goes to the next recipient), and the headline of the
 * diagnosis is not selected. */
static void
test_first_pick_keeps_focus (Fixture       *fixture,
                             gconstpointer  data)
{
  BdMailboxView *view = open_mailbox (fixture);
  GtkWidget *table = find_widget (GTK_WIDGET (view), is_type, GSIZE_TO_POINTER (GTK_TYPE_COLUMN_VIEW));
  GtkWidget *diagnosis = find_widget (GTK_WIDGET (view), is_type, GSIZE_TO_POINTER (BD_TYPE_DIAGNOSIS_VIEW));
  GtkWidget *headline;
  int start, end;

  g_assert_false (mailbox_folded (fixture));
  g_assert_true (gtk_widget_grab_focus (table));
  g_assert_true (focus_is_in (fixture, table));

  pick_recipient (fixture, 0);
  wait_until (mailbox_diagnosis_mapped, fixture);
  g_assert_true (focus_is_in (fixture, table));
  headline = find_widget (diagnosis, has_class, "title-1");
  g_assert_nonnull (headline);
  g_assert_false (gtk_label_get_selection_bounds (GTK_LABEL (headline), &start, &end));

  pick_recipient (fixture, 1);
  g_assert_true (focus_is_in (fixture, table));
}

static GtkWidget *
mailbox_chart (Fixture *fixture)
{
  GtkWidget *chart = find_widget (GTK_WIDGET (bd_window_get_mailbox_view (fixture->window)), has_class, "reason-chart");

  g_assert_nonnull (chart);
  return chart;
}

static guint
rows_shown (Fixture *fixture)
{
  return g_list_model_get_n_items (bd_mailbox_view_get_model (bd_window_get_mailbox_view (fixture->window)));
}

/* M8: Tab enters the reason chart and leaves it in one step each way,
 * and passing through changes no filter; activating a row (click, Enter,
 * Space) filters; Tab back into the chart lands on the row in use. */
static void
test_chart_one_tab_stop (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *chart, *search, *row;
  guint tabs = 0;

  open_mailbox (fixture);
  chart = mailbox_chart (fixture);
  search = find_widget (GTK_WIDGET (bd_window_get_mailbox_view (fixture->window)), is_type,
                        GSIZE_TO_POINTER (GTK_TYPE_SEARCH_ENTRY));

  gtk_root_set_focus (GTK_ROOT (fixture->window), NULL);
  while (!focus_is_in (fixture, chart))
    {
      g_assert_cmpuint (++tabs, <, 15);
      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD));
    }
  g_assert_cmpuint (rows_shown (fixture), ==, 5);

  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD));
  g_assert_true (focus_is_in (fixture, search));
  g_assert_cmpuint (rows_shown (fixture), ==, 5);

  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_BACKWARD));
  g_assert_true (focus_is_in (fixture, chart));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_BACKWARD));
  g_assert_false (focus_is_in (fixture, chart));
  g_assert_cmpuint (rows_shown (fixture), ==, 5);

  /* the third row is a single reason ("All reasons" comes first) */
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (chart), 2));
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  g_assert_cmpuint (rows_shown (fixture), <, 5);

  g_assert_true (gtk_widget_grab_focus (search));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_BACKWARD));
  g_assert_true (focus_is_in (fixture, row));
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

/* ---- export (M4) ---- */

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

static gboolean
chooser_shown (Fixture *fixture)
{
  return find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

static char *export_path;

/* GTK's chooser changes folder asynchronously. */
static gboolean
chooser_in_folder (Fixture *fixture)
{
  GtkWidget *dialog = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (dialog));

  return folder != NULL && g_strcmp0 (g_file_peek_path (folder), fixture->dir) == 0;
}

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

/* Walks the Tab chain from the start of the window until it wraps and
 * says whether each of @wanted (widgets, or their descendants) took the
 * focus on the way. */
static void
assert_tab_reaches (Fixture    *fixture,
                    GtkWidget **wanted,
                    guint       n_wanted)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  g_autofree gboolean *reached = g_new0 (gboolean, n_wanted);

  gtk_root_set_focus (GTK_ROOT (fixture->window), NULL);
  for (guint step = 0; step < 80; step++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD))
        gtk_root_set_focus (GTK_ROOT (fixture->window), NULL);   /* GtkWindow wraps like this */
      focus = focus_of (fixture);
      if (focus == NULL)
        continue;
      if (g_ptr_array_find (seen, focus, NULL))
        break;
      g_ptr_array_add (seen, focus);
      /* never something the user cannot see (a hidden page) */
      g_assert_true (gtk_widget_get_mapped (focus));
      for (guint i = 0; i < n_wanted; i++)
        reached[i] |= focus == wanted[i] || gtk_widget_is_ancestor (focus, wanted[i]);
    }

  for (guint i = 0; i < n_wanted; i++)
    {
      if (!reached[i])
        g_test_message ("not reached by Tab: %s (%u stops)", G_OBJECT_TYPE_NAME (wanted[i]), seen->len);
      g_assert_true (reached[i]);
    }
  /* one stop per control, not per row: the whole window in a few dozen */
  g_assert_cmpuint (seen->len, <, 40);
}

/* Every page can be used from the keyboard: Tab reaches its controls. */
static void
test_focus_chain_of_each_page (Fixture       *fixture,
                               gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  BdMailboxView *view;
  GtkWidget *wanted[4];

  wanted[0] = find_widget (window, has_action, "win.open");
  wanted[1] = find_widget (window, has_action, "win.try-samples");
  assert_tab_reaches (fixture, wanted, 2);

  open_samples (fixture);
  wanted[0] = find_widget (window, is_bounce_list, NULL);
  wanted[1] = find_widget (GTK_WIDGET (bd_window_get_diagnosis_view (fixture->window)), has_action, "win.copy-report");
  assert_tab_reaches (fixture, wanted, 2);

  view = open_mailbox (fixture);
  pick_recipient (fixture, 0);
  wanted[0] = mailbox_chart (fixture);
  wanted[1] = find_widget (GTK_WIDGET (view), is_type, GSIZE_TO_POINTER (GTK_TYPE_SEARCH_ENTRY));
  wanted[2] = find_widget (GTK_WIDGET (view), is_type, GSIZE_TO_POINTER (GTK_TYPE_COLUMN_VIEW));
  wanted[3] = mailbox_button (fixture, "win.save-report");
  assert_tab_reaches (fixture, wanted, 4);
  g_assert_cmpuint (rows_shown (fixture), ==, 5);   /* Tab applied no filter */

  g_assert_true (gtk_widget_activate_action (window, "win.domain-check", NULL));
  iterate (300);
  wanted[0] = find_widget (GTK_WIDGET (bd_window_get_domain_view (fixture->window)), is_type,
                           GSIZE_TO_POINTER (GTK_TYPE_EDITABLE));
  wanted[1] = back_button (fixture);
  assert_tab_reaches (fixture, wanted, 2);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  bd_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);
  g_mime_init ();

  test_app = bd_application_new ();
  g_application_set_flags (G_APPLICATION (test_app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (test_app), NULL, &error);
  g_assert_no_error (error);

#define NARROW GINT_TO_POINTER (360)
#define WIDE   GINT_TO_POINTER (1200)
#define ADD(path, width, func) g_test_add (path, Fixture, width, fixture_setup, func, fixture_teardown)
  ADD ("/ui/navigation/narrow-row-opens-diagnosis", NARROW, test_narrow_row_opens_diagnosis);
  ADD ("/ui/navigation/mailbox-report-actions", WIDE, test_mailbox_report_actions);
  ADD ("/ui/navigation/narrow-mailbox-back", NARROW, test_narrow_mailbox_back);
  ADD ("/ui/navigation/first-pick-keeps-focus", WIDE, test_first_pick_keeps_focus);
  ADD ("/ui/navigation/chart-one-tab-stop", WIDE, test_chart_one_tab_stop);
  ADD ("/ui/navigation/search-folds-diacritics", WIDE, test_search_folds_diacritics);
  ADD ("/ui/navigation/export-what-is-shown", WIDE, test_export_what_is_shown);
  ADD ("/ui/navigation/save-report-as-text", WIDE, test_save_report_as_text);
  ADD ("/ui/navigation/focus-chain-of-each-page", WIDE, test_focus_chain_of_each_page);
#undef ADD

  status = g_test_run ();
  g_clear_pointer (&export_path, g_free);
  g_clear_object (&test_app);
  return status;
}
