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
  g_autofree char *accessible = NULL;

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* The column is as wide as the longest label (the size group), up to
   * 40 characters: Polish and German labels are longer than English ones
   * and were cut at 22 (tests/test-labels-fit.c). */
  gtk_label_set_width_chars (GTK_LABEL (label), 16);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_size_group_add_widget (labels, label);
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

  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), number);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  /* Translators: how a screen reader reads a bar of the reason chart */
  accessible = g_strdup_printf (_("%1$s: %2$u"), label_text, count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data (G_OBJECT (row), REASON_KEY, GINT_TO_POINTER (slot));
  return row;
}

static void
chart_row_selected_cb (BdMailboxView *self,
                       GtkListBoxRow *row,
                       GtkListBox    *chart)
{
  int reason = row ? GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), REASON_KEY)) : -1;

  if (reason == self->chart_reason)
    return;

  self->chart_reason = reason;
  bd_mailbox_view_refilter (self);
}

static void
rebuild_chart (BdMailboxView *self)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GtkSizeGroup) labels = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  g_autoptr(GtkSizeGroup) numbers = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  GtkWidget *child;
  GtkWidget *selected = NULL;
  guint max = 0, total = 0;

  g_signal_handlers_block_by_func (self->chart, chart_row_selected_cb, self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chart))) != NULL)
    gtk_list_box_remove (self->chart, child);

  for (guint slot = 0; slot <= BD_MAILBOX_DELAYED_SLOT; slot++)
    if (self->reason_counts[slot] > 0)
      {
        g_array_append_val (order, slot);
        max = MAX (max, self->reason_counts[slot]);
        total += self->reason_counts[slot];
      }

  /* Biggest first: the reason that matters most is on top. */
  for (guint i = 1; i < order->len; i++)
    for (guint j = i; j > 0 && self->reason_counts[g_array_index (order, guint, j)] >
                               self->reason_counts[g_array_index (order, guint, j - 1)]; j--)
      {
        guint tmp = g_array_index (order, guint, j);

        g_array_index (order, guint, j) = g_array_index (order, guint, j - 1);
        g_array_index (order, guint, j - 1) = tmp;
      }

  if (order->len > 1)
    {
      child = chart_row_new (-1, _("All reasons"), total, total, labels, numbers);
      gtk_list_box_append (self->chart, child);
      selected = child;
    }

  for (guint i = 0; i < order->len; i++)
    {
      guint slot = g_array_index (order, guint, i);

      child = chart_row_new (slot, slot_label (slot), self->reason_counts[slot], max, labels, numbers);
      gtk_list_box_append (self->chart, child);
      if ((int)slot == self->chart_reason)
        selected = child;
    }

  if (selected != NULL)
    gtk_list_box_select_row (self->chart, GTK_LIST_BOX_ROW (selected));
  gtk_widget_set_visible (GTK_WIDGET (self->chart), order->len > 0);
  g_signal_handlers_unblock_by_func (self->chart, chart_row_selected_cb, self);
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
  guint distinct = g_hash_table_size (self->recipients_seen);

  set_stat (self->hard_count, self->hard_caption, self->hard_total,
            /* Translators: under a big number in the mailbox summary */
            ngettext ("hard failure: the address will never work",
                      "hard failures: the addresses will never work", self->hard_total));
  set_stat (self->soft_count, self->soft_caption, self->soft_total,
            /* Translators: under a big number in the mailbox summary */
            ngettext ("soft failure: may work later", "soft failures: may work later", self->soft_total));
  set_stat (self->distinct_count, self->distinct_caption, distinct,
            /* Translators: under a big number in the mailbox summary */
            ngettext ("distinct recipient", "distinct recipients", distinct));

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

      if (bounce->kind != BD_KIND_BOUNCE && bounce->kind != BD_KIND_DELAYED)
        continue;

      g_ptr_array_add (self->bounces, bd_bounce_ref (bounce));
      for (guint j = 0; j < bounce->recipients->len; j++)
        {
          const BdRecipient *recipient = g_ptr_array_index (bounce->recipients, j);
          guint slot = bounce->kind == BD_KIND_DELAYED ? BD_MAILBOX_DELAYED_SLOT : bd_classify_shown_reason (recipient);

          g_ptr_array_add (items, bd_mailbox_item_new (bounce, j));
          self->reason_counts[slot]++;
          if (recipient->hard)
            self->hard_total++;
          else
            self->soft_total++;
          if (recipient->address != NULL)
            g_hash_table_add (self->recipients_seen, g_utf8_casefold (recipient->address, -1));
        }
    }

  g_list_store_splice (self->items, g_list_model_get_n_items (G_LIST_MODEL (self->items)), 0,
                       items->pdata, items->len);
  bd_mailbox_view_update_summary (self);
}

void
bd_mailbox_view_clear (BdMailboxView *self)
{
  g_list_store_remove_all (self->items);
  g_ptr_array_set_size (self->bounces, 0);
  memset (self->reason_counts, 0, sizeof (guint) * (BD_N_REASONS + 1));
  g_hash_table_remove_all (self->recipients_seen);
  self->hard_total = self->soft_total = 0;
  self->chart_reason = -1;
  gtk_stack_set_visible_child_name (self->detail_stack, "hint");
  bd_mailbox_view_update_summary (self);
}

void
bd_mailbox_view_connect_chart (BdMailboxView *self)
{
  g_signal_connect_object (self->chart, "row-selected", G_CALLBACK (chart_row_selected_cb),
                           self, G_CONNECT_SWAPPED);
}
