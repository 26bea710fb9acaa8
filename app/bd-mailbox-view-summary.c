/* bd-mailbox-view-summary.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The summary above the table: hard and soft failures, distinct
 * recipients, and a bar per reason in plain words. Choosing a bar shows
 * only those recipients.
 */
#define G_LOG_DOMAIN "bd-mailbox-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bd-classify.h"
#include "bd-mailbox-item.h"
#include "bd-mailbox-view-private.h"
#include "bd-ui-util.h"

#define REASON_KEY "bd-reason"

static const char *
slot_label (guint slot)
{
  if (slot == BD_MAILBOX_DELAYED_SLOT)
    return _("Delayed, still being retried");
  return bd_reason_get_label (slot);
}

static GtkWidget *
chart_row_new (int           slot,
               const char   *label_text,
               guint         count,
               guint         max,
               GtkSizeGroup *labels,
               GtkSizeGroup *numbers)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (label_text);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, MAX (max, 1));
  g_autofree char *count_text = g_strdup_printf ("%u", count);
  GtkWidget *number = gtk_label_new (count_text);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");
  g_autofree char *accessible = NULL;

  gtk_widget_add_css_class (box, "chart-row");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* The label gets its natural width before the bar: a reason is cut
   * only when the window is too narrow for it. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* The column is as wide as the longest label (the size group), up to
   * 40 characters: Polish and German labels are longer than English ones
   * and were cut at 22 (tests/test-labels-fit.c). */
  gtk_label_set_width_chars (GTK_LABEL (label), 16);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_set_tooltip_text (label, label_text);
  /* every bar starts where the widest reason ends */
  gtk_size_group_add_widget (labels, label);
  gtk_widget_set_size_request (bar, 60, -1);
  gtk_widget_set_hexpand (bar, TRUE);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), count);
  /* One colour for every bar: the levels mean nothing here. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_widget_add_css_class (number, "numeric");
  /* all bars end at the same place, whatever the count's width */
  gtk_label_set_xalign (GTK_LABEL (number), 1);
  gtk_size_group_add_widget (numbers, number);

  gtk_widget_add_css_class (check, "chosen-mark");
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), number);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  /* Translators: how a screen reader reads a bar of the reason chart */
  accessible = g_strdup_printf (_("%1$s: %2$u"), label_text, count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data (G_OBJECT (row), REASON_KEY, GINT_TO_POINTER (slot));
  return row;
}

/* The row in use is marked (a tick, a tint, "selected" for screen
 * readers); it is where Tab enters the chart. */
static void
mark_chosen_row (BdMailboxView *self)
{
  GtkWidget *chosen = NULL;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->chart));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      gboolean is_chosen = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), REASON_KEY)) == self->chart_reason;

      if (is_chosen)
        {
          gtk_widget_add_css_class (row, "chosen");
          chosen = row;
        }
      else
        gtk_widget_remove_css_class (row, "chosen");
      gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_SELECTED, is_chosen, -1);
    }

  bd_tab_stop_set_entry (self->chart_tab_stop,
                         chosen ? chosen : gtk_widget_get_first_child (GTK_WIDGET (self->chart)));
}

/* Moving through the chart (Tab, arrows) changes nothing: only a click,
 * Enter or Space on a row filters the table. */
static void
chart_row_activated_cb (BdMailboxView *self,
                        GtkListBoxRow *row,
                        GtkListBox    *chart)
{
  int reason = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), REASON_KEY));

  /* Choosing the reason in use again shows all reasons. */
  self->chart_reason = reason == self->chart_reason ? -1 : reason;
  mark_chosen_row (self);
  bd_mailbox_view_refilter (self);
}

static guint
count (BdMailboxView *self,
       guint          slot)
{
  return bd_mailbox_summary_get_reason_count (self->summary, slot);
}

static GtkWidget *
focused_chart_row (BdMailboxView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->chart)))
    return NULL;
  return focus;
}

static void
rebuild_chart (BdMailboxView *self)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GtkSizeGroup) labels = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  g_autoptr(GtkSizeGroup) numbers = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  GtkWidget *child;
  GtkWidget *focused = focused_chart_row (self);
  int focused_slot = focused ? GPOINTER_TO_INT (g_object_get_data (G_OBJECT (focused), REASON_KEY)) : -2;
  GtkWidget *refocus = NULL;
  guint max = 0, total = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chart))) != NULL)
    gtk_list_box_remove (self->chart, child);

  for (guint slot = 0; slot <= BD_MAILBOX_DELAYED_SLOT; slot++)
    if (count (self, slot) > 0)
      {
        g_array_append_val (order, slot);
        max = MAX (max, count (self, slot));
        total += count (self, slot);
      }

  /* Biggest first: the reason that matters most is on top. */
  for (guint i = 1; i < order->len; i++)
    for (guint j = i; j > 0 && count (self, g_array_index (order, guint, j)) >
                               count (self, g_array_index (order, guint, j - 1)); j--)
      {
        guint tmp = g_array_index (order, guint, j);

        g_array_index (order, guint, j) = g_array_index (order, guint, j - 1);
        g_array_index (order, guint, j - 1) = tmp;
      }

  if (order->len > 1)
    {
      child = chart_row_new (-1, _("All reasons"), total, total, labels, numbers);
      gtk_list_box_append (self->chart, child);
      if (focused_slot == -1)
        refocus = child;
    }

  for (guint i = 0; i < order->len; i++)
    {
      guint slot = g_array_index (order, guint, i);

      child = chart_row_new (slot, slot_label (slot), count (self, slot), max, labels, numbers);
      gtk_list_box_append (self->chart, child);
      if ((int)slot == focused_slot)
        refocus = child;
    }

  mark_chosen_row (self);
  gtk_widget_set_visible (GTK_WIDGET (self->chart), order->len > 0);
  /* Rebuilt while the scan runs: keep a keyboard user's place. */
  if (refocus != NULL)
    gtk_widget_grab_focus (refocus);
}

static gboolean
chart_update_timeout (gpointer user_data)
{
  BdMailboxView *self = user_data;

  self->chart_update_id = 0;
  rebuild_chart (self);
  return G_SOURCE_REMOVE;
}

static void
set_stat (GtkLabel   *count,
          GtkLabel   *caption,
          guint       value,
          const char *text)
{
  g_autofree char *number = g_strdup_printf ("%u", value);

  gtk_label_set_label (count, number);
  gtk_label_set_label (caption, text);
}

void
bd_mailbox_view_update_summary (BdMailboxView *self)
{
  GtkLabel *counts[] = { self->hard_count, self->soft_count, self->distinct_count };
  GtkLabel *captions[] = { self->hard_caption, self->soft_caption, self->distinct_caption };

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      guint n = bd_mailbox_summary_get_count (self->summary, i);

      set_stat (counts[i], captions[i], n, bd_mailbox_summary_caption (i, n));
    }

  /* Rebuilding the chart for every batch would make it flicker. */
  if (self->chart_update_id == 0)
    self->chart_update_id = g_timeout_add (250, chart_update_timeout, self);
}

/**
 * bd_mailbox_view_add_bounces:
 * @bounces: (element-type BdBounce): a batch from the scan
 *
 * Adds a row per failed or delayed recipient; other kinds (auto-replies,
 * success reports, complaints) are not failures and stay out of the table.
 */
void
bd_mailbox_view_add_bounces (BdMailboxView *self,
                             GPtrArray     *bounces)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < bounces->len; i++)
    {
      BdBounce *bounce = g_ptr_array_index (bounces, i);

      if (!bd_mailbox_summary_add (self->summary, bounce))
        continue;
      for (guint j = 0; j < bounce->recipients->len; j++)
        g_ptr_array_add (items, bd_mailbox_item_new (bounce, j));
    }

  g_list_store_splice (self->items, g_list_model_get_n_items (G_LIST_MODEL (self->items)), 0,
                       items->pdata, items->len);
  bd_mailbox_view_update_summary (self);
}

void
bd_mailbox_view_clear (BdMailboxView *self)
{
  g_list_store_remove_all (self->items);
  bd_mailbox_summary_clear (self->summary);
  self->chart_reason = -1;
  gtk_stack_set_visible_child_name (self->detail_stack, "hint");
  gtk_widget_set_visible (self->detail_page, FALSE);
  bd_mailbox_view_update_summary (self);
  bd_mailbox_view_update_table_state (self);
  bd_mailbox_view_emit_shown_changed (self);
}

void
bd_mailbox_view_connect_chart (BdMailboxView *self)
{
  g_signal_connect_object (self->chart, "row-activated", G_CALLBACK (chart_row_activated_cb),
                           self, G_CONNECT_SWAPPED);
}
