/* bd-mailbox-view-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the bd-mailbox-view*.c files: the view (scan and progress),
 * -table (columns, search, selection), -summary (counts and the reason
 * chart) and -export (CSV).
 */
#pragma once

#include "bd-diagnosis-view.h"
#include "bd-mailbox-scan.h"
#include "bd-mailbox-summary.h"
#include "bd-mailbox-view.h"
#include "bd-tab-stop.h"

G_BEGIN_DECLS

struct _BdMailboxView
{
  GtkWidget          parent_instance;

  /* Owned */
  BdMailboxScan     *scan;
  GCancellable      *cancellable;
  GCancellable      *reread_cancellable;
  GListStore        *items;            /* (element-type BdMailboxItem): every failed recipient */
  GtkCustomFilter   *filter;
  BdMailboxSummary  *summary;          /* what the rows count (hard, soft, per reason…) */
  int                chart_reason;     /* the reason the chart filters by, or -1 */
  guint              chart_update_id;
  char              *name;             /* the mailbox's file or folder name */
  gboolean           scanning;

  /* Template widgets */
  AdwLeaflet        *leaflet;
  GtkWidget         *table_page;
  GtkWidget         *detail_page;
  GtkRevealer       *progress_revealer;
  GtkLabel          *progress_label;
  GtkProgressBar    *progress_bar;
  GtkButton         *cancel_button;
  GtkLabel          *hard_count;
  GtkLabel          *hard_caption;
  GtkLabel          *soft_count;
  GtkLabel          *soft_caption;
  GtkLabel          *distinct_count;
  GtkLabel          *distinct_caption;
  BdTabStop         *chart_tab_stop;
  GtkListBox        *chart;
  GtkSearchEntry    *search_entry;
  GtkLabel          *shown_count;
  GtkStack          *table_stack;
  AdwStatusPage     *empty_status;
  GtkColumnView     *table;
  GtkStack          *detail_stack;
  BdDiagnosisView   *diagnosis_view;
};

/* The chart's slot for recipients still being retried. */
#define BD_MAILBOX_DELAYED_SLOT BD_MAILBOX_SUMMARY_DELAYED

void bd_mailbox_view_setup_table            (BdMailboxView  *self);
void bd_mailbox_view_refilter               (BdMailboxView  *self);
void bd_mailbox_view_add_bounces            (BdMailboxView  *self,
                                             GPtrArray      *bounces);
void bd_mailbox_view_clear                  (BdMailboxView  *self);
void bd_mailbox_view_update_summary         (BdMailboxView  *self);
void bd_mailbox_view_connect_chart          (BdMailboxView  *self);
void bd_mailbox_view_install_export_action  (GtkWidgetClass *widget_class);
void bd_mailbox_view_update_table_state     (BdMailboxView  *self);
void bd_mailbox_view_emit_shown_changed     (BdMailboxView  *self);
gboolean bd_mailbox_view_is_filtered        (BdMailboxView  *self);

G_END_DECLS
