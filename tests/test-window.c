/* test-window.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens the real main window (under Xvfb in CI) and checks what a user
 * sees. Built twice: plain, and with BD_TEST_POLISH under LANGUAGE=pl.
 */
#include "config.h"

#include <adwaita.h>
#include <gmime/gmime.h>

#include "bd-application.h"
#include "bd-i18n.h"
#include "bd-window.h"

#ifdef BD_TEST_POLISH
# define EMPTY_TITLE "Upuść tutaj wiadomość zwrotną"
#else
# define EMPTY_TITLE "Drop a Returned Email Here"
#endif

typedef struct
{
  BdApplication *app;      /* borrowed: one application for the whole program */
  BdWindow      *window;
} Fixture;

static BdApplication *test_app;

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
wait_for_mapped (GtkWidget *widget)
{
  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->app = test_app;
  fixture->window = bd_window_new (fixture->app);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_for_mapped (GTK_WIDGET (fixture->window));
}

static void
fixture_teardown (Fixture       *fixture,
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
  GtkWidget *status_page = find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_STATUS_PAGE);

  g_assert_nonnull (status_page);
  g_assert_true (gtk_widget_is_drawable (status_page));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status_page)), ==, EMPTY_TITLE);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Bounce Doctor");
}

static void
test_window_actions (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *app_actions[] = { "quit", "about" };
  g_auto(GStrv) quit_accels = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (app_actions); i++)
    g_assert_true (g_action_map_lookup_action (G_ACTION_MAP (fixture->app), app_actions[i]));

  /* The shortcuts window is loaded from the resources by GtkApplication. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture->window)));

  quit_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app), "app.quit");
  g_assert_cmpstr (quit_accels[0], ==, "<Control>q");
}

static void
test_window_drop_target (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *status_page = find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_STATUS_PAGE);
  GtkWidget *zone = gtk_widget_get_parent (status_page);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (zone);
  gboolean has_drop_target = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      has_drop_target |= GTK_IS_DROP_TARGET (controller);
    }

  g_assert_true (has_drop_target);
  g_assert_true (gtk_widget_has_css_class (zone, "drop-zone"));
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

  /* A private instance: a test must never hand its work to a running app. */
  test_app = bd_application_new ();
  g_application_set_flags (G_APPLICATION (test_app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (test_app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/ui/window/empty-state", Fixture, NULL, fixture_setup, test_window_empty_state, fixture_teardown);
  g_test_add ("/ui/window/actions", Fixture, NULL, fixture_setup, test_window_actions, fixture_teardown);
  g_test_add ("/ui/window/drop-target", Fixture, NULL, fixture_setup, test_window_drop_target, fixture_teardown);

  status = g_test_run ();
  g_clear_object (&test_app);
  return status;
}
