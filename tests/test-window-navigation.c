/* test-window-navigation.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How a user gets around the real window (under Xvfb in CI): opening a
 * diagnosis from the list in a narrow window, the Back button of the
 * mailbox page, where the focus goes, and Tab through the reason chart and
 * every page (the mailbox's actions: test-window-mailbox.c). Each test names the
 * finding of the usability review it guards (B1, M2…). Tab is sent as
 * GTK's own Tab handling does it: gtk_widget_child_focus() on the window.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "bd-bounce-row.h"
#include "bd-diagnosis-view.h"
#include "bd-domain-view.h"
#include "bd-mailbox-view.h"
#include "bd-window.h"
#include "window-test-util.h"

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

/* m6: Ctrl+D opens the Domain check with the typing going to its Domain
 * field, from any page (here: a diagnosis, the focus in the header). */
static void
test_domain_check_takes_typing (Fixture       *fixture,
                                gconstpointer  data)
{
  GtkWidget *domain_row;

  open_samples (fixture);
  g_assert_true (gtk_widget_grab_focus (find_widget (GTK_WIDGET (fixture->window), has_action, "win.open")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.domain-check", NULL));
  iterate (300);
  domain_row = find_widget (GTK_WIDGET (bd_window_get_domain_view (fixture->window)), is_type,
                            GSIZE_TO_POINTER (ADW_TYPE_ENTRY_ROW));
  g_assert_nonnull (domain_row);
  g_assert_true (focus_is_in (fixture, domain_row));
}

static gboolean
has_label (GtkWidget     *widget,
           gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

/* m10: the samples say they are examples, not the user's own mail. */
static void
test_samples_say_examples (Fixture       *fixture,
                           gconstpointer  data)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.try-samples", NULL));
  wait_until (results_shown, fixture);
  iterate (100);
  g_assert_nonnull (find_widget (GTK_WIDGET (fixture->window), has_label,
                                 g_dgettext (GETTEXT_PACKAGE, "These are examples, not your own mail")));
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
  ADD ("/ui/navigation/narrow-row-opens-diagnosis", NARROW, test_narrow_row_opens_diagnosis);
  ADD ("/ui/navigation/narrow-mailbox-back", NARROW, test_narrow_mailbox_back);
  ADD ("/ui/navigation/first-pick-keeps-focus", WIDE, test_first_pick_keeps_focus);
  ADD ("/ui/navigation/chart-one-tab-stop", WIDE, test_chart_one_tab_stop);
  ADD ("/ui/navigation/focus-chain-of-each-page", WIDE, test_focus_chain_of_each_page);
  ADD ("/ui/navigation/samples-say-examples", WIDE, test_samples_say_examples);
  ADD ("/ui/navigation/domain-check-takes-typing", WIDE, test_domain_check_takes_typing);
#undef ADD

  status = g_test_run ();
  g_clear_object (&test_app);
  return status;
}
