/* window-test-util.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window tests share, compiled once (tests/window-test-util.c):
 * a real window per test, finding widgets, waiting for the main loop,
 * and opening the samples or an mbox of them as a user would.
 */
#pragma once

#include <adwaita.h>

#include "bd-application.h"
#include "bd-mailbox-view.h"
#include "bd-window.h"

typedef struct
{
  BdWindow *window;
  char     *dir;    /* a temporary folder for the mailbox and exports */
} Fixture;

typedef gboolean (*WidgetTest) (GtkWidget *widget, gconstpointer data);

extern BdApplication *test_app;

int window_test_init (int *argc, char ***argv);
GtkWidget *find_widget (GtkWidget *root, WidgetTest test, gconstpointer data);
gboolean is_type (GtkWidget *widget, gconstpointer type);
gboolean has_class (GtkWidget *widget, gconstpointer css_class);
gboolean has_action (GtkWidget *widget, gconstpointer action);
void iterate (guint ms);
void wait_until (gboolean (*done) (Fixture *), Fixture *fixture);
GtkWidget *focus_of (Fixture *fixture);
gboolean focus_is_in (Fixture *fixture, GtkWidget *widget);
gboolean is_mapped (Fixture *fixture);
gboolean is_page_stack (GtkWidget *widget, gconstpointer data);
const char *window_page (Fixture *fixture);
GtkWidget *back_button (Fixture *fixture);
void fixture_setup (Fixture *fixture, gconstpointer data);
void fixture_teardown (Fixture *fixture, gconstpointer data);
gboolean results_shown (Fixture *fixture);
void open_samples (Fixture *fixture);
AdwLeaflet *results_leaflet (Fixture *fixture);
gboolean is_bounce_list (GtkWidget *widget, gconstpointer data);
gboolean results_folded (Fixture *fixture);
gboolean mailbox_finished (Fixture *fixture);
gboolean chart_built (Fixture *fixture);
BdMailboxView *open_mailbox (Fixture *fixture);
gboolean recipient_shown (Fixture *fixture);
void pick_recipient (Fixture *fixture, guint position);
GtkWidget *mailbox_button (Fixture *fixture, const char *action);
char *clipboard_text (Fixture *fixture);
AdwLeaflet *mailbox_leaflet (Fixture *fixture);
gboolean mailbox_folded (Fixture *fixture);
gboolean mailbox_table_page_shown (Fixture *fixture);
gboolean mailbox_diagnosis_mapped (Fixture *fixture);
GtkWidget *mailbox_chart (Fixture *fixture);
guint rows_shown (Fixture *fixture);
GtkWidget *find_toplevel (GType type);
gboolean chooser_shown (Fixture *fixture);
gboolean chooser_in_folder (Fixture *fixture);
const char *label_text (GtkWidget *label);
