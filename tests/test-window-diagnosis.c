/* test-window-diagnosis.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the diagnosis of one returned email shows in the real window
 * (under Xvfb in CI), for the findings of the usability review about its
 * technical details (m15), and how Preferences marks a resolver address
 * the domain check would refuse (m6).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bd-diagnosis-view.h"
#include "bd-preferences-window.h"
#include "bd-window.h"
#include "window-test-util.h"

static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    {
      g_string_append (out, label_text (widget));
      g_string_append_c (out, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = haystack; (p = strstr (p, needle)) != NULL; p += strlen (needle))
    n++;
  return n;
}

/* m15: WP's report ("Adresat: <addr>" then "Powód: …") shows the server's
 * words once, without the field's name, and no made-up status code
 * (X.0.9NN) a technician could not look up. */
static void
test_wp_details (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("BD_SOURCE_ROOT"), "tests", "fixtures", "i18n",
                                            "wp-pl-userunknown.eml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) text = g_string_new (NULL);
  BdDiagnosisView *view = bd_window_get_diagnosis_view (fixture->window);

  bd_window_open_files (fixture->window, &file, 1);
  wait_until (results_shown, fixture);
  iterate (100);
  g_assert_nonnull (bd_diagnosis_view_get_bounce (view));
  g_assert_cmpstr (((BdRecipient *)g_ptr_array_index (bd_diagnosis_view_get_bounce (view)->recipients, 0))->status,
                   ==, "5.0.911");   /* the JSON keeps it */

  collect_text (GTK_WIDGET (view), text);
  g_test_message ("%s", text->str);
  g_assert_cmpuint (count (text->str, "Powód: podany adres e-mail nie istnieje."), ==, 1);
  g_assert_null (strstr (text->str, "Adresat: Powód"));
  g_assert_null (strstr (text->str, "5.0.911"));
}

static gboolean
is_custom_url_row (GtkWidget     *widget,
                   gconstpointer  data)
{
  return ADW_IS_ENTRY_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                    _("Custom resolver address (https://…/dns-query)")) == 0;
}

/* m6: "not a url" as the custom resolver is marked at once, with the
 * check's reason as the tooltip; a DoH address is not. */
static void
test_custom_resolver_marked (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.bouncedoctor.BounceDoctor");
  GtkWidget *prefs, *row;

  g_settings_set_string (settings, "resolver", "custom");
  prefs = bd_preferences_window_new (GTK_WINDOW (fixture->window));
  gtk_window_present (GTK_WINDOW (prefs));
  iterate (100);
  row = find_widget (prefs, is_custom_url_row, NULL);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_visible (row));

  gtk_editable_set_text (GTK_EDITABLE (row), "not a url");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (row), "https://"));
  gtk_editable_set_text (GTK_EDITABLE (row), "https://127.0.0.1/dns-query");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_null (gtk_widget_get_tooltip_text (row));

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_settings_reset (settings, "resolver");
  g_settings_reset (settings, "resolver-url");
}

int
main (int    argc,
      char **argv)
{
  int status;

  if (window_test_init (&argc, &argv) != 0)
    return 0;

  g_test_add ("/ui/diagnosis/wp-details", Fixture, GINT_TO_POINTER (1200), fixture_setup, test_wp_details,
              fixture_teardown);
  g_test_add ("/ui/diagnosis/custom-resolver-marked", Fixture, GINT_TO_POINTER (1200), fixture_setup,
              test_custom_resolver_marked, fixture_teardown);

  status = g_test_run ();
  g_clear_object (&test_app);
  return status;
}
