/* test-labels-fit.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing cut or wrapped that should not be, in the language the test
 * runs in (meson runs it in English, Polish, German and Ukrainian): at the window's
 * default size, each label of the mailbox's reason chart and each badge
 * of a diagnosis gets at least its natural width, the width of its text
 * on one line. A real window under Xvfb, like test-window.c.
 */
#include "config.h"

#include <adwaita.h>
#include <gmime/gmime.h>
#include <glib/gstdio.h>

#include "bd-application.h"
#include "bd-bounce-row.h"
#include "bd-test-util.h"
#include "bd-i18n.h"
#include "bd-mailbox-view.h"
#include "bd-window.h"

typedef struct
{
  BdWindow *window;
} Fixture;

static BdApplication *test_app;

typedef gboolean (*WidgetTest) (GtkWidget *widget, gconstpointer data);

static void
collect (GtkWidget     *root,
         WidgetTest     test,
         gconstpointer  data,
         GPtrArray     *found)
{
  if (test (root, data))
    g_ptr_array_add (found, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, test, data, found);
}

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
is_visible_badge (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "badge") && gtk_widget_is_drawable (widget);
}

static void
wait_until (gboolean (*done) (Fixture *), Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (fixture))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Lets the window lay itself out and draw, as a user would see it. */
static void
settle (void)
{
  for (gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 2; g_get_monotonic_time () < end;)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
is_mapped (Fixture *fixture)
{
  return gtk_widget_get_mapped (GTK_WIDGET (fixture->window));
}

/* The width the label's text needs on one line, in the label's own font,
 * against the width the label got. Returns FALSE (and says why) when the
 * text was cut or wrapped. */
static gboolean
label_fits (GtkLabel *label,
            GString  *report)
{
  const char *text = gtk_label_get_text (label);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (label), text);
  int natural, allocated = gtk_widget_get_width (GTK_WIDGET (label));

  pango_layout_get_pixel_size (layout, &natural, NULL);
  g_test_message ("“%s”: needs %d px, has %d px", text, natural, allocated);
  g_assert_cmpint (allocated, >, 0);
  if (natural <= allocated)
    return TRUE;

  g_test_message ("NOT FITTING: “%s” needs %d px but has %d px", text, natural, allocated);
  g_string_append_printf (report, "%s“%s”", report->len ? ", " : "", text);
  return FALSE;
}

static gboolean
has_class (GtkWidget     *widget,
           gconstpointer  css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

/* A badge that wraps to a second line must push the headline down, not
 * be drawn over it. */
static gboolean
badge_above_headline (GtkWidget *badge,
                      GtkWidget *view,
                      GString   *report)
{
  g_autoptr(GPtrArray) headlines = g_ptr_array_new ();
  graphene_rect_t badge_box, headline_box;

  collect (view, has_class, "title-1", headlines);
  g_assert_cmpuint (headlines->len, ==, 1);
  g_assert_true (gtk_widget_compute_bounds (badge, view, &badge_box));
  g_assert_true (gtk_widget_compute_bounds (headlines->pdata[0], view, &headline_box));
  if (badge_box.origin.y + badge_box.size.height <= headline_box.origin.y)
    return TRUE;

  g_test_message ("NOT FITTING: “%s” ends at y = %.0f, below the headline's top (%.0f)",
                  gtk_label_get_text (GTK_LABEL (badge)), badge_box.origin.y + badge_box.size.height,
                  headline_box.origin.y);
  g_string_append_printf (report, "%s“%s” over the headline", report->len ? ", " : "",
                          gtk_label_get_text (GTK_LABEL (badge)));
  return FALSE;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  int width, height;

  /* the default size, from the settings' defaults (960 × 720) */
  fixture->window = bd_window_new (test_app);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_until (is_mapped, fixture);
  gtk_window_get_default_size (GTK_WINDOW (fixture->window), &width, &height);
  g_test_message ("window %d × %d", width, height);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
results_shown (Fixture *fixture)
{
  /* the mailbox view is a page of the window's stack, beside the results */
  GtkWidget *stack = gtk_widget_get_parent (GTK_WIDGET (bd_window_get_mailbox_view (fixture->window)));
  const char *page = gtk_stack_get_visible_child_name (GTK_STACK (stack));

  return g_strcmp0 (page, "results") == 0;
}

static gboolean
mailbox_finished (Fixture *fixture)
{
  BdMailboxView *view = bd_window_get_mailbox_view (fixture->window);
  GtkWidget *stack = gtk_widget_get_parent (GTK_WIDGET (view));
  g_autoptr(GPtrArray) bars = g_ptr_array_new ();

  if (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "mailbox") != 0 ||
      bd_mailbox_view_get_messages_read (view) == 0 || bd_mailbox_view_is_scanning (view))
    return FALSE;
  /* the chart is redrawn on a timer after the scan */
  collect (GTK_WIDGET (view), is_type, GSIZE_TO_POINTER (GTK_TYPE_LEVEL_BAR), bars);
  return bars->len > 0;
}

/* Every badge of every sample's diagnosis, shown beside the list of the
 * samples as after dropping them all at once. */
static void
test_fit_badges (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (g_getenv ("BD_SOURCE_ROOT"), "data", "samples", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();
  g_autoptr(GString) report = g_string_new (NULL);
  g_autoptr(GDir) samples = g_dir_open (dir, 0, NULL);
  GtkListBox *list = NULL;
  guint checked = 0;

  g_assert_nonnull (samples);
  for (const char *name; (name = g_dir_read_name (samples)) != NULL;)
    g_ptr_array_add (files, g_file_new_build_filename (dir, name, NULL));
  bd_window_open_files (fixture->window, (GFile **)files->pdata, files->len);
  wait_until (results_shown, fixture);
  settle ();

  collect (GTK_WIDGET (fixture->window), is_type, GSIZE_TO_POINTER (GTK_TYPE_LIST_BOX), lists);
  for (guint i = 0; i < lists->len && list == NULL; i++)
    if (BD_IS_BOUNCE_ROW (gtk_list_box_get_row_at_index (lists->pdata[i], 0)))
      list = lists->pdata[i];
  g_assert_nonnull (list);

  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      g_autoptr(GPtrArray) badges = g_ptr_array_new ();

      gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, i));
      settle ();
      collect (GTK_WIDGET (bd_window_get_diagnosis_view (fixture->window)), is_visible_badge, NULL, badges);
      g_assert_cmpuint (badges->len, >=, 2);
      for (guint j = 0; j < badges->len; j++, checked++)
        {
          label_fits (badges->pdata[j], report);
          badge_above_headline (badges->pdata[j], GTK_WIDGET (bd_window_get_diagnosis_view (fixture->window)), report);
        }
    }

  g_test_message ("%u badges of %u samples measured; the diagnosis is %d px wide", checked, files->len,
                  gtk_widget_get_width (GTK_WIDGET (bd_window_get_diagnosis_view (fixture->window))));
  g_assert_cmpuint (checked, >=, 2 * files->len);
  if (report->len > 0)
    g_test_fail_printf ("badges wrapped at the default window size: %s", report->str);
}

/* Appends every .eml under @dir (recursing) to @mbox as mbox messages. */
static void
append_emls (GString    *mbox,
             const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);

  for (const char *name; d != NULL && (name = g_dir_read_name (d)) != NULL;)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (g_strcmp0 (name, "fuzz") != 0)
            append_emls (mbox, path);
          continue;
        }
      if (!g_str_has_suffix (name, ".eml") || !g_file_get_contents (path, &contents, NULL, NULL))
        continue;
      test_mbox_append (mbox, contents);
    }
}

/* The reason chart of a mailbox with every sample and test fixture: as
 * many reasons as the fixtures cover, each label on its full width. */
static void
test_fit_reason_chart (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GString) mbox = g_string_new (NULL);
  g_autoptr(GString) report = g_string_new (NULL);
  g_autoptr(GPtrArray) bars = g_ptr_array_new ();
  g_autofree char *dir = g_dir_make_tmp ("bd-fit-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "Inbox", NULL);
  g_autofree char *samples = g_build_filename (g_getenv ("BD_SOURCE_ROOT"), "data", "samples", NULL);
  g_autofree char *fixtures = g_build_filename (g_getenv ("BD_SOURCE_ROOT"), "tests", "fixtures", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  append_emls (mbox, samples);
  append_emls (mbox, fixtures);
  g_assert_true (g_file_set_contents (path, mbox->str, mbox->len, NULL));

  bd_window_open_files (fixture->window, &file, 1);
  wait_until (mailbox_finished, fixture);
  settle ();

  /* each chart row is a label, its bar and the count */
  collect (GTK_WIDGET (bd_window_get_mailbox_view (fixture->window)), is_type,
           GSIZE_TO_POINTER (GTK_TYPE_LEVEL_BAR), bars);
  g_test_message ("%u reason bars; the chart is %d px wide", bars->len,
                  bars->len ? gtk_widget_get_width (gtk_widget_get_parent (bars->pdata[0])) : 0);
  g_assert_cmpuint (bars->len, >=, 10);
  for (guint i = 0; i < bars->len; i++)
    {
      GtkWidget *label = gtk_widget_get_prev_sibling (bars->pdata[i]);

      g_assert_true (GTK_IS_LABEL (label));
      label_fits (GTK_LABEL (label), report);
    }

  g_remove (path);
  g_rmdir (dir);
  if (report->len > 0)
    g_test_fail_printf ("reason labels cut at the default window size: %s", report->str);
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

  g_test_add ("/ui/fit/badges", Fixture, NULL, fixture_setup, test_fit_badges, fixture_teardown);
  g_test_add ("/ui/fit/reason-chart", Fixture, NULL, fixture_setup, test_fit_reason_chart, fixture_teardown);

  status = g_test_run ();
  g_clear_object (&test_app);
  return status;
}
