/* bd-mailbox-view.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A whole mailbox at once, for small-office IT: a progress bar while the
 * scan runs (results appear as they are found), a summary — hard and soft
 * failures, distinct recipients, a bar per reason that doubles as a filter
 * — and a sortable, searchable table of failed recipients. Selecting a row
 * re-reads that one message from the mailbox and shows its diagnosis.
 */
#define G_LOG_DOMAIN "bd-mailbox-view"

#include "config.h"

#include <glib/gi18n.h>

#include "bd-diagnosis-view.h"
#include "bd-mailbox-item.h"
#include "bd-mailbox-scan.h"
#include "bd-mailbox-view.h"
#include "bd-mailbox-view-private.h"

G_DEFINE_FINAL_TYPE (BdMailboxView, bd_mailbox_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_TOAST,
  SIGNAL_FINISHED,
  SIGNAL_SHOWN_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_progress (BdMailboxView *self)
{
  guint64 done = self->scan ? bd_mailbox_scan_get_bytes_done (self->scan) : 0;
  guint64 total = self->scan ? bd_mailbox_scan_get_bytes_total (self->scan) : 0;
  guint messages = self->scan ? bd_mailbox_scan_get_messages_read (self->scan) : 0;
  guint found = self->scan ? bd_mailbox_scan_get_bounces_found (self->scan) : 0;
  g_autofree char *done_text = g_format_size (done);
  g_autofree char *total_text = g_format_size (total);
  g_autofree char *bytes = NULL;
  g_autofree char *label = NULL;
  g_autofree char *read_text = NULL;
  g_autofree char *found_text = NULL;

  /* Translators: progress of a mailbox scan, e.g. “120 MB of 1.1 GB” */
  bytes = g_strdup_printf (_("%1$s of %2$s"), done_text, total_text);
  gtk_progress_bar_set_text (self->progress_bar, bytes);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double)done / total : 0.0);

  /* Translators: part of “1 234 messages read, 56 returned emails found” */
  read_text = g_strdup_printf (ngettext ("%u message read", "%u messages read", messages), messages);
  found_text = g_strdup_printf (ngettext ("%u returned email found", "%u returned emails found", found), found);
  /* Translators: %1$s is a mailbox's name, %2$s “N messages read”, %3$s “N returned emails found” */
  label = g_strdup_printf (_("%1$s: %2$s, %3$s"), self->name ? self->name : "", read_text, found_text);
  gtk_label_set_label (self->progress_label, label);
}

static void
scan_notify_cb (BdMailboxView *self,
                GParamSpec    *pspec,
                BdMailboxScan *scan)
{
  update_progress (self);
}

static void
scan_file_error_cb (BdMailboxView *self,
                    const char    *message,
                    BdMailboxScan *scan)
{
  g_signal_emit (self, signals[SIGNAL_TOAST], 0, message);
}

static void
scan_batch_cb (BdMailboxView *self,
               GPtrArray     *bounces,
               BdMailboxScan *scan)
{
  bd_mailbox_view_add_bounces (self, bounces);
}

static void
scan_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(BdMailboxView) self = user_data;
  g_autoptr(GError) error = NULL;

  bd_mailbox_scan_run_finish (BD_MAILBOX_SCAN (object), result, &error);
  update_progress (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mailbox.cancel", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
  self->scanning = FALSE;

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, signals[SIGNAL_TOAST], 0, error->message);

  bd_mailbox_view_update_table_state (self);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0,
                 g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
}

static void
leaflet_notify_cb (BdMailboxView *self,
                   GParamSpec    *pspec,
                   AdwLeaflet    *leaflet)
{
  bd_mailbox_view_emit_shown_changed (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  bd_mailbox_view_cancel (BD_MAILBOX_VIEW (widget));
}

static void
bd_mailbox_view_dispose (GObject *object)
{
  BdMailboxView *self = (BdMailboxView *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  /* a recipient being read again must not be shown once the view is gone */
  if (self->reread_cancellable != NULL)
    g_cancellable_cancel (self->reread_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), BD_TYPE_MAILBOX_VIEW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->reread_cancellable);
  if (self->scan != NULL)
    g_signal_handlers_disconnect_by_data (self->scan, self);
  g_clear_object (&self->scan);
  g_clear_object (&self->items);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->summary, bd_mailbox_summary_free);
  g_clear_handle_id (&self->chart_update_id, g_source_remove);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (bd_mailbox_view_parent_class)->dispose (object);
}

static void
bd_mailbox_view_class_init (BdMailboxViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bd_mailbox_view_dispose;

  /* Something to tell the user without stopping them (a file that could
   * not be read, the export saved): the window shows it as a toast. */
  signals[SIGNAL_TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                           NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  /* The diagnosis shown, or the page of a folded view, changed: the
   * window's report actions and Back button depend on both. */
  signals[SIGNAL_SHOWN_CHANGED] = g_signal_new ("shown-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (BD_TYPE_DIAGNOSIS_VIEW);
  g_type_ensure (BD_TYPE_TAB_STOP);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bd-mailbox-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BdMailboxView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, BdMailboxView, table_page);
  gtk_widget_class_bind_template_child (widget_class, BdMailboxView, detail_page);
  gtk_widget_class_bind_template_child (widget_class, BdMailboxView, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, BdMailboxView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, BdMailboxView, shown_count);
  gtk_widget_class_bind_template_child (widget_class, BdMailboxView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, BdMailboxView, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, BdMailboxView, hard_count);
  gtk_widget_class_bind_template_child (widget_class, BdMailboxView, hard_caption);
  gtk_widget_class_bind_template_child (widget_class, BdMailboxView, soft_count);
  gtk_widget_class_bind_template_child (widget_class, BdMailboxView, soft_caption);
  gtk_widget_class_bind_template_child (widget_class, BdMailboxView, distinct_count);
  gtk_widget_class_bind_template_child (widget_class, BdMailboxView, distinct_caption);
  gtk_widget_class_bind_template_child (widget_class, BdMailboxView, chart_tab_stop);
  gtk_widget_class_bind_template_child (widget_class, BdMailboxView, chart);
  gtk_widget_class_bind_template_child (widget_class, BdMailboxView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BdMailboxView, table_stack);
  gtk_widget_class_bind_template_child (widget_class, BdMailboxView, empty_status);
  gtk_widget_class_bind_template_child (widget_class, BdMailboxView, table);
  gtk_widget_class_bind_template_child (widget_class, BdMailboxView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, BdMailboxView, diagnosis_view);

  gtk_widget_class_install_action (widget_class, "mailbox.cancel", NULL, cancel_action);
  bd_mailbox_view_install_export_action (widget_class);
}

static void
bd_mailbox_view_init (BdMailboxView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_list_store_new (BD_TYPE_MAILBOX_ITEM);
  self->summary = bd_mailbox_summary_new ();
  self->chart_reason = -1;

  bd_mailbox_view_setup_table (self);
  bd_mailbox_view_update_summary (self);
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (leaflet_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::visible-child", G_CALLBACK (leaflet_notify_cb),
                           self, G_CONNECT_SWAPPED);
}

/* Says why the table is empty: nothing matches the search or the chosen
 * reason, or the mailbox holds no mail, or no returned email. Export is
 * offered only when there are rows to export. */
/* m8: while a search or a chosen reason hides rows, how many are left. */
static void
update_shown_count (BdMailboxView *self,
                    guint          shown,
                    guint          all)
{
  g_autofree char *text = NULL;
  gboolean filtered = bd_mailbox_view_is_filtered (self) && all > 0;

  gtk_widget_set_visible (GTK_WIDGET (self->shown_count), filtered);
  if (!filtered)
    return;
  /* Translators: beside the mailbox's search field: %1$u recipients shown of %2$u; the
   * plural follows %2$u */
  text = g_strdup_printf (ngettext ("%1$u of %2$u shown", "%1$u of %2$u shown", all), shown, all);
  gtk_label_set_label (self->shown_count, text);
}

void
bd_mailbox_view_update_table_state (BdMailboxView *self)
{
  guint shown = g_list_model_get_n_items (bd_mailbox_view_get_model (self));
  guint all = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint read = bd_mailbox_view_get_messages_read (self);
  g_autofree char *text = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mailbox.export", shown > 0);
  update_shown_count (self, shown, all);
  if (shown > 0 || (all == 0 && self->scanning) || self->scan == NULL)
    {
      gtk_stack_set_visible_child_name (self->table_stack, "table");
      return;
    }

  if (all > 0)
    {
      adw_status_page_set_title (self->empty_status, _("No Matching Recipients"));
      text = g_strdup (_("No failed recipient matches the search or the chosen reason."));
    }
  else if (read == 0)
    {
      adw_status_page_set_title (self->empty_status, _("No Mail Here"));
      /* Translators: %s is the name of the folder or file that was opened */
      text = g_strdup_printf (_("“%s” holds no email messages. Open a mailbox file (mbox), a Maildir or a folder of saved messages."),
                              self->name ? self->name : "");
    }
  else
    {
      adw_status_page_set_title (self->empty_status, _("No Returned Emails"));
      /* Translators: shown when a mailbox was read but held no bounces */
      text = g_strdup_printf (ngettext ("%u message read: none of them is a returned email about a failed delivery.",
                                        "%u messages read: none of them is a returned email about a failed delivery.",
                                        read), read);
    }
  adw_status_page_set_description (self->empty_status, text);
  gtk_stack_set_visible_child_name (self->table_stack, "empty");
}

/**
 * bd_mailbox_view_is_filtered:
 *
 * Returns: whether a search or a reason hides some of the rows
 */
gboolean
bd_mailbox_view_is_filtered (BdMailboxView *self)
{
  return g_list_model_get_n_items (bd_mailbox_view_get_model (self)) !=
         g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

void
bd_mailbox_view_emit_shown_changed (BdMailboxView *self)
{
  g_signal_emit (self, signals[SIGNAL_SHOWN_CHANGED], 0);
}

/**
 * bd_mailbox_view_scan:
 * @location: an mbox file, a Maildir or a folder of messages
 *
 * Starts reading @location (read-only) and fills the table as bounces are
 * found. Anything shown before is cleared.
 */
void
bd_mailbox_view_scan (BdMailboxView *self,
                      GFile         *location)
{
  g_return_if_fail (BD_IS_MAILBOX_VIEW (self));
  g_return_if_fail (G_IS_FILE (location));

  bd_mailbox_view_cancel (self);
  bd_mailbox_view_clear (self);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->scan != NULL)
    g_signal_handlers_disconnect_by_data (self->scan, self);
  g_clear_object (&self->scan);
  self->scan = bd_mailbox_scan_new (location);
  g_free (self->name);
  self->name = g_file_get_basename (location);

  g_signal_connect_object (self->scan, "notify::bytes-done", G_CALLBACK (scan_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scan, "notify::messages-read", G_CALLBACK (scan_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scan, "bounces-found-batch", G_CALLBACK (scan_batch_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scan, "file-error", G_CALLBACK (scan_file_error_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mailbox.cancel", TRUE);
  self->scanning = TRUE;
  update_progress (self);
  bd_mailbox_scan_run_async (self->scan, self->cancellable, scan_cb, g_object_ref (self));
}

void
bd_mailbox_view_cancel (BdMailboxView *self)
{
  g_return_if_fail (BD_IS_MAILBOX_VIEW (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

gboolean
bd_mailbox_view_is_scanning (BdMailboxView *self)
{
  g_return_val_if_fail (BD_IS_MAILBOX_VIEW (self), FALSE);

  return self->scanning;
}

/**
 * bd_mailbox_view_get_bounce:
 *
 * Returns: (transfer none) (nullable): the bounce whose diagnosis is shown
 */
BdBounce *
bd_mailbox_view_get_bounce (BdMailboxView *self)
{
  g_return_val_if_fail (BD_IS_MAILBOX_VIEW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->detail_stack), "diagnosis") != 0)
    return NULL;
  return bd_diagnosis_view_get_bounce (self->diagnosis_view);
}

/**
 * bd_mailbox_view_get_model:
 *
 * Returns: (transfer none): the rows as shown (filtered and sorted)
 */
GListModel *
bd_mailbox_view_get_model (BdMailboxView *self)
{
  g_return_val_if_fail (BD_IS_MAILBOX_VIEW (self), NULL);

  return G_LIST_MODEL (gtk_column_view_get_model (self->table));
}

guint
bd_mailbox_view_get_messages_read (BdMailboxView *self)
{
  g_return_val_if_fail (BD_IS_MAILBOX_VIEW (self), 0);

  return self->scan ? bd_mailbox_scan_get_messages_read (self->scan) : 0;
}

gboolean
bd_mailbox_view_can_go_back (BdMailboxView *self)
{
  g_return_val_if_fail (BD_IS_MAILBOX_VIEW (self), FALSE);

  return adw_leaflet_get_folded (self->leaflet) &&
         adw_leaflet_get_visible_child (self->leaflet) == self->detail_page;
}

gboolean
bd_mailbox_view_go_back (BdMailboxView *self)
{
  g_return_val_if_fail (BD_IS_MAILBOX_VIEW (self), FALSE);

  if (!bd_mailbox_view_can_go_back (self))
    return FALSE;
  adw_leaflet_set_visible_child (self->leaflet, self->table_page);
  gtk_widget_grab_focus (GTK_WIDGET (self->table));
  return TRUE;
}
