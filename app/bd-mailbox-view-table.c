/* bd-mailbox-view-table.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table of failed recipients: sortable columns, search and the
 * reason filter, and the diagnosis of the selected row, re-read from the
 * mailbox at its offset (the scan keeps no messages in memory).
 */
#define G_LOG_DOMAIN "bd-mailbox-view"

#include "config.h"

#include <glib/gi18n.h>

#include "bd-classify.h"
#include "bd-diagnosis.h"
#include "bd-mailbox-item.h"
#include "bd-mailbox-view-private.h"
#include "bd-ui-util.h"

typedef enum
{
  COLUMN_DATE,
  COLUMN_RECIPIENT,
  COLUMN_REASON,
  COLUMN_HARD,
  COLUMN_SUBJECT,
} Column;

/* Characters each column asks for (least, natural): the address is what
 * the admin is looking for, so it gets the most; an address cut short
 * keeps its domain (ellipsized in the middle). */
static const struct { guint min, nat; } column_chars[] = {
  [COLUMN_DATE]      = { 0, 0 },
  [COLUMN_RECIPIENT] = { 22, 34 },
  [COLUMN_REASON]    = { 12, 26 },
  [COLUMN_HARD]      = { 6, 8 },
  [COLUMN_SUBJECT]   = { 8, 24 },
};

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (label),
                                     column == COLUMN_RECIPIENT ? GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_MIDDLE
                                                                : GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (label), column_chars[column].min);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (label), column_chars[column].nat);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_list_item_set_child (list_item, label);
}

/* The verdict, coloured as the diagnosis' badge (ui/style.css). */
static void
set_verdict (GtkInscription *label,
             BdMailboxItem  *item)
{
  BdVerdict verdict = bd_verdict_for_recipient (bd_mailbox_item_get_bounce (item),
                                                bd_mailbox_item_get_recipient (item));

  for (guint i = 0; i < BD_N_VERDICTS; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), bd_verdict_to_string (i));
  gtk_widget_add_css_class (GTK_WIDGET (label), "verdict");
  gtk_widget_add_css_class (GTK_WIDGET (label), bd_verdict_to_string (verdict));
  gtk_inscription_set_text (label, bd_verdict_get_short_label (verdict));
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  BdMailboxItem *item = gtk_list_item_get_item (list_item);
  GtkInscription *label = GTK_INSCRIPTION (gtk_list_item_get_child (list_item));
  g_autofree char *date = NULL;

  switch ((Column)GPOINTER_TO_INT (user_data))
    {
    case COLUMN_DATE:
      date = bd_mailbox_item_dup_date_label (item);
      gtk_inscription_set_text (label, date);
      break;

    case COLUMN_RECIPIENT:
      gtk_inscription_set_text (label, bd_mailbox_item_get_address (item));
      break;

    case COLUMN_REASON:
      gtk_inscription_set_text (label, bd_mailbox_item_get_reason_label (item));
      break;

    case COLUMN_HARD:
      set_verdict (label, item);
      break;

    case COLUMN_SUBJECT:
    default:
      gtk_inscription_set_text (label, bd_mailbox_item_get_subject (item));
      break;
    }
}

static void
add_column (BdMailboxView *self,
            Column         column,
            const char    *title,
            const char    *property,
            gboolean       expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;
  GtkExpression *expression = gtk_property_expression_new (BD_TYPE_MAILBOX_ITEM, NULL, property);
  GtkSorter *sorter;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (column));

  if (column == COLUMN_HARD)
    sorter = GTK_SORTER (gtk_numeric_sorter_new (expression));
  else
    sorter = GTK_SORTER (gtk_string_sorter_new (expression));

  view_column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_expand (view_column, expand);
  if (column == COLUMN_DATE)
    gtk_column_view_column_set_fixed_width (view_column, 150);
  if (column == COLUMN_HARD)   /* the verdict's short label, e.g. “Not sent by you” */
    gtk_column_view_column_set_fixed_width (view_column, 140);
  gtk_column_view_append_column (self->table, view_column);
  g_object_unref (sorter);
}

static gboolean
filter_item (gpointer item,
             gpointer user_data)
{
  BdMailboxView *self = user_data;
  BdMailboxItem *row = item;
  g_autofree char *needle = bd_ui_search_fold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  if (self->chart_reason >= 0)
    {
      int slot = bd_mailbox_summary_slot (bd_mailbox_item_get_bounce (row), bd_mailbox_item_get_index (row));

      if (slot != self->chart_reason)
        return FALSE;
    }

  return bd_mailbox_item_matches (row, g_strstrip (needle));
}

void
bd_mailbox_view_refilter (BdMailboxView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  /* the count beside the search, also when no row came or went */
  bd_mailbox_view_update_table_state (self);
}

static void
search_changed_cb (BdMailboxView  *self,
                   GtkSearchEntry *entry)
{
  bd_mailbox_view_refilter (self);
  /* New results start at the top, not where the old ones were scrolled. */
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->table)), 0);
}

static void
shown_items_changed_cb (BdMailboxView *self,
                        guint          position,
                        guint          removed,
                        guint          added,
                        GListModel    *model)
{
  bd_mailbox_view_update_table_state (self);
}

static void
reread_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BdMailboxView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdBounce) bounce = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (bounce == NULL)
    {
      g_signal_emit_by_name (self, "toast", error->message);
      return;
    }

  bd_diagnosis_view_set_bounce (self->diagnosis_view, bounce);
  gtk_stack_set_visible_child_name (self->detail_stack, "diagnosis");
  gtk_widget_set_visible (self->detail_page, TRUE);
  /* Side by side, the focus stays in the table so that arrows keep
   * moving through the recipients; folded, the diagnosis takes the
   * whole window. */
  bd_ui_show_leaflet_page (self->leaflet, self->detail_page);
  bd_mailbox_view_emit_shown_changed (self);
}

static void
reread_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BdBounce *row_bounce = task_data;
  GError *error = NULL;
  BdBounce *bounce = bd_mailbox_reread_message (row_bounce->source, row_bounce->offset, &error);

  if (bounce == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bounce, (GDestroyNotify)bd_bounce_unref);
}

/* The table holds only what the summary needs; the full diagnosis
 * (original message included) comes from the mailbox itself. */
static void
selection_changed_cb (BdMailboxView     *self,
                      guint              position,
                      guint              n_items,
                      GtkSingleSelection *selection)
{
  BdMailboxItem *item = gtk_single_selection_get_selected_item (selection);
  g_autoptr(GTask) task = NULL;

  if (item == NULL)
    return;

  if (self->reread_cancellable != NULL)
    g_cancellable_cancel (self->reread_cancellable);
  g_clear_object (&self->reread_cancellable);
  self->reread_cancellable = g_cancellable_new ();

  task = g_task_new (NULL, self->reread_cancellable, reread_cb, g_object_ref (self));
  g_task_set_source_tag (task, selection_changed_cb);
  g_task_set_task_data (task, bd_bounce_ref (bd_mailbox_item_get_bounce (item)), (GDestroyNotify)bd_bounce_unref);
  g_task_run_in_thread (task, reread_thread);
}

void
bd_mailbox_view_setup_table (BdMailboxView *self)
{
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;
  GtkSingleSelection *selection;

  /* The address first: in a narrow window it is what stays in view. */
  add_column (self, COLUMN_RECIPIENT, _("Recipient"), "address", TRUE);
  add_column (self, COLUMN_REASON, _("Reason"), "reason-label", TRUE);
  add_column (self, COLUMN_DATE, _("Date"), "date", FALSE);
  /* Translators: column title: hard (permanent) or soft (temporary) failure */
  add_column (self, COLUMN_HARD, C_("column", "Verdict"), "hard", FALSE);
  add_column (self, COLUMN_SUBJECT, _("Subject"), "subject", TRUE);

  self->filter = gtk_custom_filter_new (filter_item, self, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                        GTK_FILTER (g_object_ref (self->filter)));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered),
                                    g_object_ref (gtk_column_view_get_sorter (self->table)));
  selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->table, GTK_SELECTION_MODEL (selection));

  g_signal_connect_object (selection, "selection-changed", G_CALLBACK (selection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (selection, "items-changed", G_CALLBACK (shown_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb),
                           self, G_CONNECT_SWAPPED);
  bd_mailbox_view_connect_chart (self);
  g_object_unref (selection);
}
