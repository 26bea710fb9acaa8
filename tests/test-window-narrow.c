/* test-window-narrow.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A phone-size window (360 px, GNOME's narrowest) under GTK's default
 * decoration layout (minimise, maximise, close): the real window must
 * shrink to it on every page, with every action still in reach.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "bd-bounce-row.h"
#include "bd-diagnosis-view.h"
#include "bd-window.h"
#include "window-test-util.h"

static int
min_width (GtkWidget *widget)
{
  int min = 0, nat = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  return min;
}

/* GTK's own default (gtksettings.c): what Xvfb and a desktop without a
 * settings daemon get. GNOME's "appmenu:close" leaves more room. */
static void
use_default_decoration_layout (void)
{
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "menu:minimize,maximize,close", NULL);
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (menu, i);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) section = g_menu_link_iter_get_value (links);

          if (menu_has_action (section, action))
            return TRUE;
        }
    }
  return FALSE;
}

/* A shortcut of the window's class (gtk_widget_class_add_binding_action)
 * that runs @action. */
static gboolean
has_shortcut (GtkWidget  *window,
              const char *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (window);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *run = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_NAMED_ACTION (run) &&
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (run)), action) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

static GtkWidget *
header_bar (Fixture *fixture)
{
  GtkWidget *header = find_widget (GTK_WIDGET (fixture->window), is_type, GSIZE_TO_POINTER (ADW_TYPE_HEADER_BAR));

  g_assert_nonnull (header);
  return header;
}

static GMenuModel *
primary_menu (Fixture *fixture)
{
  GtkWidget *button = find_widget (header_bar (fixture), is_type, GSIZE_TO_POINTER (GTK_TYPE_MENU_BUTTON));

  g_assert_nonnull (button);
  return gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
}

/* Every header button the narrow window hides is still in the main menu
 * and has a shortcut; returns how many were hidden. */
static guint
assert_hidden_buttons_reachable (Fixture   *fixture,
                                 GtkWidget *root)
{
  guint hidden = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      const char *action = GTK_IS_ACTIONABLE (child) ? gtk_actionable_get_action_name (GTK_ACTIONABLE (child)) : NULL;

      if (action != NULL && !gtk_widget_get_visible (child) && g_strcmp0 (action, "win.back") != 0)
        {
          g_test_message ("hidden: %s", action);
          g_assert_true (menu_has_action (primary_menu (fixture), action));
          g_assert_true (has_shortcut (GTK_WIDGET (fixture->window), action));
          hidden++;
        }
      hidden += assert_hidden_buttons_reachable (fixture, child);
    }
  return hidden;
}

/* Three returned emails at 360 px, a diagnosis open (so Back shows too):
 * the window's minimum fits, and what left the header is in the menu. */
static void
test_several_fit (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *list, *row;

  use_default_decoration_layout ();
  open_samples (fixture);
  wait_until (results_folded, fixture);
  list = find_widget (GTK_WIDGET (fixture->window), is_bounce_list, NULL);
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
  gtk_widget_activate (row);
  iterate (200);
  g_assert_true (gtk_widget_get_visible (back_button (fixture)));

  g_assert_cmpint (min_width (GTK_WIDGET (fixture->window)), <=, 360);
  g_assert_cmpuint (assert_hidden_buttons_reachable (fixture, header_bar (fixture)), >, 0);

  /* and the list, with its Search button */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL));
  iterate (200);
  g_assert_cmpint (min_width (GTK_WIDGET (fixture->window)), <=, 360);
}

/* A mailbox at 360 px: its table page asks for 360 px, and nothing
 * around it may add to that (the drop zone's dashed line was a 2 px
 * border on each side: 364 px). What the window's frame adds depends on
 * the window manager, so the content is measured. */
static void
test_mailbox_fits (Fixture       *fixture,
                   gconstpointer  data)
{
  use_default_decoration_layout ();
  open_mailbox (fixture);
  wait_until (mailbox_folded, fixture);
  g_assert_cmpint (min_width (adw_application_window_get_content (ADW_APPLICATION_WINDOW (fixture->window))), <=, 360);
  pick_recipient (fixture, 1);
  g_assert_cmpint (min_width (adw_application_window_get_content (ADW_APPLICATION_WINDOW (fixture->window))), <=, 360);
}

/* A wide window keeps every header button. */
static void
test_wide_keeps_buttons (Fixture       *fixture,
                         gconstpointer  data)
{
  use_default_decoration_layout ();
  open_samples (fixture);
  g_assert_cmpuint (assert_hidden_buttons_reachable (fixture, header_bar (fixture)), ==, 0);

  /* narrowed by the user, then widened again */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 800);
  iterate (300);
  g_assert_cmpint (min_width (GTK_WIDGET (fixture->window)), <=, 360);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 800);
  iterate (300);
  g_assert_cmpuint (assert_hidden_buttons_reachable (fixture, header_bar (fixture)), ==, 0);
}

static void
open_sample (Fixture    *fixture,
             const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("BD_SOURCE_ROOT"), "data", "samples", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  bd_window_open_files (fixture->window, &file, 1);
  wait_until (results_shown, fixture);
  iterate (300);
}

static gboolean
is_word_char (const char *p)
{
  return g_unichar_isalnum (g_utf8_get_char (p));
}

/* Review m9: at 360 px the headline's address broke mid-word
 * ("m.dabrowski@examp" / "le.com"). Every line of the headline now starts
 * at a space or a mark of the address ('@', '.'), never inside a word;
 * and a copy of it has no invisible break marks in it. */
static void
test_address_wraps_at_marks (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkWidget *view, *headline;
  PangoLayout *layout;
  const char *text;
  guint lines = 0;
  g_autofree char *copied = NULL;

  open_sample (fixture, "office365-pl-adresat-nieznany.eml");
  view = GTK_WIDGET (bd_window_get_diagnosis_view (fixture->window));
  headline = find_widget (view, has_class, "title-1");
  g_assert_nonnull (strstr (label_text (headline), "m.dabrowski@example.com"));

  layout = gtk_label_get_layout (GTK_LABEL (headline));
  text = pango_layout_get_text (layout);
  for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next, lines++)
    {
      const PangoLayoutLine *line = l->data;
      const char *start = text + line->start_index;

      if (line->start_index == 0)
        continue;
      g_test_message ("line starts: %.12s", start);
      g_assert_false (is_word_char (g_utf8_prev_char (start)) && is_word_char (start));
    }
  g_assert_cmpuint (lines, >, 1);   /* it does wrap at this width */

  /* what the context menu's Copy does (Ctrl+C emits the same signal) */
  gtk_label_select_region (GTK_LABEL (headline), 0, -1);
  g_assert_true (gtk_widget_activate_action (headline, "clipboard.copy", NULL));
  copied = clipboard_text (fixture);
  g_assert_cmpstr (copied, ==, label_text (headline));
  g_assert_null (strstr (copied, "\xe2\x80\x8b"));
}

static gboolean
preferences_shown (Fixture *fixture)
{
  return find_toplevel (ADW_TYPE_PREFERENCES_WINDOW) != NULL;
}

static GtkWidget *blocklists_field;

/* as high as its lines need, at the width it has */
static gboolean
blocklists_laid_out (Fixture *fixture)
{
  GtkWidget *dialog = find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
  int height = 0;

  gtk_widget_measure (blocklists_field, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (blocklists_field),
                      NULL, &height, NULL, NULL);
  return gtk_widget_get_width (dialog) <= 370 && height > 0 && gtk_widget_get_height (blocklists_field) == height;
}

/* Review m6: in Preferences at 360 px the blocklists were cut
 * ("psbl.surrie"). The field wraps, so its last character is in view, and
 * what is typed there is saved. */
static void
test_blocklists_in_view (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.bouncedoctor.BounceDoctor");
  const char *lists[] = { "zen.spamhaus.org", "bl.spamcop.net", "b.barracudacentral.org",
                          "psbl.surriel.com", "dnsbl-1.uceprotect.net", NULL };
  g_auto(GStrv) saved = NULL;
  GtkWidget *dialog, *field;
  GtkTextBuffer *buffer;
  GtkTextIter end;
  GdkRectangle where;
  int x, y;

  g_settings_set_strv (settings, "dnsbl-lists", lists);
  g_action_group_activate_action (G_ACTION_GROUP (test_app), "preferences", NULL);
  wait_until (preferences_shown, fixture);
  dialog = find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 700);

  field = blocklists_field = find_widget (dialog, is_type, GSIZE_TO_POINTER (GTK_TYPE_TEXT_VIEW));
  g_assert_nonnull (field);
  /* 360 and the frame of a non-composited X; the field laid out at that
   * width (wait_until fails after 20 s) */
  wait_until (blocklists_laid_out, fixture);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (field), &end, &where);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (field), GTK_TEXT_WINDOW_WIDGET, where.x, where.y, &x, &y);
  g_assert_cmpint (x, <=, gtk_widget_get_width (field));
  g_assert_cmpint (y, <, gtk_widget_get_height (field));

  gtk_text_buffer_insert (buffer, &end, ",\nbl.example.net, ", -1);
  saved = g_settings_get_strv (settings, "dnsbl-lists");
  g_assert_cmpuint (g_strv_length (saved), ==, 6);
  g_assert_cmpstr (saved[5], ==, "bl.example.net");
  g_settings_reset (settings, "dnsbl-lists");
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
  ADD ("/ui/narrow/several-fit", NARROW, test_several_fit);
  ADD ("/ui/narrow/wide-keeps-buttons", WIDE, test_wide_keeps_buttons);
  ADD ("/ui/narrow/mailbox-fits", NARROW, test_mailbox_fits);
  ADD ("/ui/narrow/address-wraps-at-marks", NARROW, test_address_wraps_at_marks);
  ADD ("/ui/narrow/blocklists-in-view", NARROW, test_blocklists_in_view);
#undef ADD

  status = g_test_run ();
  g_clear_object (&test_app);
  return status;
}
