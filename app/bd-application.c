/* bd-application.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Single instance: a second `bounce-doctor FILE…` (or a double-click in the
 * file manager) hands its files to the window that is already open.
 */
#define G_LOG_DOMAIN "bd-application"

#include "config.h"

#include <glib/gi18n.h>

#include "bd-application.h"
#include "bd-preferences-window.h"
#include "bd-window.h"

struct _BdApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (BdApplication, bd_application, ADW_TYPE_APPLICATION)

static BdWindow *
get_or_create_window (BdApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (bd_window_new (self));

  return BD_WINDOW (window);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  BdApplication *self = user_data;

  g_application_quit (G_APPLICATION (self));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  BdApplication *self = user_data;
  static const char *developers[] = { "The Bounce Doctor authors", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", "Bounce Doctor",
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Find out why your email came back and what to do about it"),
                         "developer-name", "The Bounce Doctor authors",
                         "developers", developers,
                         "website", "https://github.com/bouncedoctor/bounce-doctor",
                         "issue-url", "https://github.com/bouncedoctor/bounce-doctor/issues",
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 The Bounce Doctor authors",
                         NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  BdApplication *self = user_data;
  GtkWidget *window = bd_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)));

  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
};

static void
bd_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_or_create_window (BD_APPLICATION (app))));
}

static void
bd_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  BdWindow *window = get_or_create_window (BD_APPLICATION (app));

  bd_window_open_files (window, files, n_files);
  gtk_window_present (GTK_WINDOW (window));
}

static void
bd_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (bd_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
}

static void
bd_application_class_init (BdApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = bd_application_activate;
  app_class->open = bd_application_open;
  app_class->startup = bd_application_startup;
}

static void
bd_application_init (BdApplication *self)
{
}

BdApplication *
bd_application_new (void)
{
  return g_object_new (BD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}
