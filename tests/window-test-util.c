/* window-test-util.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gmime/gmime.h>
#include <string.h>

#include "bd-bounce-row.h"
#include "bd-diagnosis-view.h"
#include "bd-i18n.h"
#include "bd-mailbox-view.h"
#include "bd-test-util.h"
#include "window-test-util.h"

BdApplication *test_app;

/* Returns 0 when the tests can run; else prints the TAP skip line. */
int
window_test_init (int    *argc,
                  char ***argv)
{
  g_autoptr(GError) error = NULL;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return -1;
    }

  bd_i18n_init ();
  gtk_test_init (argc, argv, NULL);
  g_mime_init ();

  test_app = bd_application_new ();
  g_application_set_flags (G_APPLICATION (test_app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (test_app), NULL, &error);
  g_assert_no_error (error);
  return 0;
}

GtkWidget *
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

gboolean
is_type (GtkWidget     *widget,
         gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

gboolean
has_class (GtkWidget     *widget,
           gconstpointer  css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

gboolean
has_action (GtkWidget     *widget,
            gconstpointer  action)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

void
iterate (guint ms)
{
  for (gint64 end = g_get_monotonic_time () + ms * 1000; g_get_monotonic_time () < end;)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

void
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

GtkWidget *
focus_of (Fixture *fixture)
{
  return gtk_root_get_focus (GTK_ROOT (fixture->window));
}

gboolean
focus_is_in (Fixture   *fixture,
             GtkWidget *widget)
{
  GtkWidget *focus = focus_of (fixture);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

gboolean
is_mapped (Fixture *fixture)
{
  return gtk_widget_get_mapped (GTK_WIDGET (fixture->window));
}

gboolean
is_page_stack (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "results") != NULL;
}

const char *
window_page (Fixture *fixture)
{
  GtkWidget *stack = find_widget (GTK_WIDGET (fixture->window), is_page_stack, NULL);

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

GtkWidget *
back_button (Fixture *fixture)
{
  GtkWidget *button = find_widget (GTK_WIDGET (fixture->window), has_action, "win.back");

  g_assert_nonnull (button);
  return button;
}

void
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

void
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

gboolean
results_shown (Fixture *fixture)
{
  return g_strcmp0 (window_page (fixture), "results") == 0;
}

void
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

AdwLeaflet *
results_leaflet (Fixture *fixture)
{
  GtkWidget *stack = find_widget (GTK_WIDGET (fixture->window), is_page_stack, NULL);
  GtkWidget *page = gtk_stack_get_child_by_name (GTK_STACK (stack), "results");

  g_assert_true (ADW_IS_LEAFLET (page));
  return ADW_LEAFLET (page);
}

gboolean
is_bounce_list (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LIST_BOX (widget) && BD_IS_BOUNCE_ROW (gtk_widget_get_first_child (widget));
}

gboolean
results_folded (Fixture *fixture)
{
  return adw_leaflet_get_folded (results_leaflet (fixture));
}

gboolean
mailbox_finished (Fixture *fixture)
{
  return !bd_mailbox_view_is_scanning (bd_window_get_mailbox_view (fixture->window)) &&
         g_strcmp0 (window_page (fixture), "mailbox") == 0;
}

gboolean
chart_built (Fixture *fixture)
{
  GtkWidget *chart = find_widget (GTK_WIDGET (bd_window_get_mailbox_view (fixture->window)), has_class, "reason-chart");

  return gtk_widget_get_visible (chart) && gtk_list_box_get_row_at_index (GTK_LIST_BOX (chart), 2) != NULL;
}

/* An mbox of the five samples (five failed or delayed recipients), opened
 * like a dropped file. */
BdMailboxView *
open_mailbox (Fixture *fixture)
{
  g_autofree char *path = test_write_samples_mbox (fixture->dir);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  bd_window_open_files (fixture->window, &file, 1);
  wait_until (mailbox_finished, fixture);
  wait_until (chart_built, fixture);   /* rebuilt at most every 250 ms */
  iterate (100);
  g_assert_cmpuint (g_list_model_get_n_items (bd_mailbox_view_get_model (bd_window_get_mailbox_view (fixture->window))),
                    ==, 5);
  return bd_window_get_mailbox_view (fixture->window);
}

gboolean
recipient_shown (Fixture *fixture)
{
  return bd_mailbox_view_get_bounce (bd_window_get_mailbox_view (fixture->window)) != NULL;
}

void
pick_recipient (Fixture *fixture,
                guint    position)
{
  GListModel *model = bd_mailbox_view_get_model (bd_window_get_mailbox_view (fixture->window));

  g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), position, TRUE));
  wait_until (recipient_shown, fixture);
  iterate (100);
}

GtkWidget *
mailbox_button (Fixture    *fixture,
                const char *action)
{
  GtkWidget *button = find_widget (GTK_WIDGET (bd_window_get_mailbox_view (fixture->window)), has_action, action);

  g_assert_nonnull (button);
  return button;
}

char *
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

AdwLeaflet *
mailbox_leaflet (Fixture *fixture)
{
  return ADW_LEAFLET (find_widget (GTK_WIDGET (bd_window_get_mailbox_view (fixture->window)),
                                   is_type, GSIZE_TO_POINTER (ADW_TYPE_LEAFLET)));
}

gboolean
mailbox_folded (Fixture *fixture)
{
  return adw_leaflet_get_folded (mailbox_leaflet (fixture));
}

gboolean
mailbox_table_page_shown (Fixture *fixture)
{
  GtkWidget *view = GTK_WIDGET (bd_window_get_mailbox_view (fixture->window));
  GtkWidget *table = find_widget (view, is_type, GSIZE_TO_POINTER (GTK_TYPE_COLUMN_VIEW));

  return gtk_widget_is_ancestor (table, adw_leaflet_get_visible_child (mailbox_leaflet (fixture)));
}

gboolean
mailbox_diagnosis_mapped (Fixture *fixture)
{
  GtkWidget *view = GTK_WIDGET (bd_window_get_mailbox_view (fixture->window));

  return gtk_widget_get_mapped (find_widget (view, is_type, GSIZE_TO_POINTER (BD_TYPE_DIAGNOSIS_VIEW)));
}

GtkWidget *
mailbox_chart (Fixture *fixture)
{
  GtkWidget *chart = find_widget (GTK_WIDGET (bd_window_get_mailbox_view (fixture->window)), has_class, "reason-chart");

  g_assert_nonnull (chart);
  return chart;
}

guint
rows_shown (Fixture *fixture)
{
  return g_list_model_get_n_items (bd_mailbox_view_get_model (bd_window_get_mailbox_view (fixture->window)));
}

GtkWidget *
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

gboolean
chooser_shown (Fixture *fixture)
{
  return find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

/* GTK's chooser changes folder asynchronously. */
gboolean
chooser_in_folder (Fixture *fixture)
{
  GtkWidget *dialog = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (dialog));

  return folder != NULL && g_strcmp0 (g_file_peek_path (folder), fixture->dir) == 0;
}


/* What the user reads in @label: its text without the invisible break
 * marks (U+200B) that let an address wrap at '@' and '.'. Owned by the
 * label. */
const char *
label_text (GtkWidget *label)
{
  g_auto(GStrv) parts = g_strsplit (gtk_label_get_text (GTK_LABEL (label)), "\xe2\x80\x8b", -1);
  char *plain = g_strjoinv ("", parts);

  g_object_set_data_full (G_OBJECT (label), "test-label-text", plain, g_free);
  return plain;
}
