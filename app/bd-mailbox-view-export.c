/* bd-mailbox-view-export.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export the table as CSV: the rows the search and the chart show (or,
 * when they hide some, all of them if the user asks), for a spreadsheet
 * or for scripts, optionally only the addresses to remove from a mailing
 * list (hard bounces, each address once).
 */
#define G_LOG_DOMAIN "bd-mailbox-view"

#include "config.h"

#include <glib/gi18n.h>

#include "bd-export.h"
#include "bd-io-error.h"
#include "bd-mailbox-item.h"
#include "bd-mailbox-view-private.h"

#define CHOICE_HARD_ONLY "hard-only"
#define CHOICE_ROWS      "rows"
#define CHOICE_FORMAT    "format"

typedef struct
{
  GArray     *rows;       /* (element-type BdExportRow), each holding a ref on its bounce */
  BdCsvStyle  style;
  gboolean    hard_only;
} ExportData;

static void
export_data_free (ExportData *data)
{
  for (guint i = 0; i < data->rows->len; i++)
    bd_bounce_unref ((BdBounce *)g_array_index (data->rows, BdExportRow, i).bounce);
  g_array_unref (data->rows);
  g_free (data);
}

/* A snapshot of @model's rows: the scan may go on adding to the table
 * while the export runs in its thread. */
static GArray *
snapshot_rows (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);
  GArray *rows = g_array_sized_new (FALSE, FALSE, sizeof (BdExportRow), n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BdMailboxItem) item = g_list_model_get_item (model, i);
      BdExportRow row = { bd_bounce_ref (bd_mailbox_item_get_bounce (item)), bd_mailbox_item_get_index (item) };

      g_array_append_val (rows, row);
    }
  return rows;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  stream = g_file_replace (G_FILE (source_object), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                           cancellable, &error);
  if (stream == NULL ||
      !bd_export_rows_csv ((BdExportRow *)(void *)data->rows->data, data->rows->len, data->style,
                           data->hard_only, G_OUTPUT_STREAM (stream), cancellable, &error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BdMailboxView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (object));
  g_autofree char *text = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    /* Translators: %1$s is a file name, %2$s the system's reason */
    text = g_strdup_printf (_("Could not save “%1$s”: %2$s"), name, bd_io_error_reason (error));
  else
    /* Translators: %s is a file name */
    text = g_strdup_printf (_("Saved “%s”"), name);

  g_signal_emit_by_name (self, "toast", text);
}

static void
export_response_cb (BdMailboxView        *self,
                    int                   response,
                    GtkFileChooserNative *native)
{
  g_autoptr(GtkFileChooserNative) owned = native;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (native);
  ExportData *data;
  gboolean all;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  file = gtk_file_chooser_get_file (chooser);
  all = g_object_get_data (G_OBJECT (chooser), CHOICE_ROWS) != NULL &&
        g_strcmp0 (gtk_file_chooser_get_choice (chooser, CHOICE_ROWS), "all") == 0;

  data = g_new0 (ExportData, 1);
  data->rows = snapshot_rows (all ? G_LIST_MODEL (self->items) : bd_mailbox_view_get_model (self));
  data->style = g_strcmp0 (gtk_file_chooser_get_choice (chooser, CHOICE_FORMAT), "scripts") == 0
                ? BD_CSV_FOR_SCRIPTS : BD_CSV_FOR_SPREADSHEETS;
  data->hard_only = g_strcmp0 (gtk_file_chooser_get_choice (chooser, CHOICE_HARD_ONLY), "true") == 0;

  task = g_task_new (file, NULL, export_cb, g_object_ref (self));
  g_task_set_source_tag (task, export_response_cb);
  g_task_set_task_data (task, data, (GDestroyNotify)export_data_free);
  g_task_run_in_thread (task, export_thread);
}

/* Offered only when the search or the chart hides rows; what is shown is
 * what the user expects by default. */
static void
add_rows_choice (BdMailboxView  *self,
                 GtkFileChooser *chooser)
{
  guint shown = g_list_model_get_n_items (bd_mailbox_view_get_model (self));
  guint all = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  g_autofree char *shown_label = NULL;
  g_autofree char *all_label = NULL;

  if (!bd_mailbox_view_is_filtered (self))
    return;

  /* Translators: an export option; %u is how many rows the table shows */
  shown_label = g_strdup_printf (ngettext ("The %u row shown", "The %u rows shown", shown), shown);
  /* Translators: an export option; %u is how many rows there are without search or filter */
  all_label = g_strdup_printf (ngettext ("All %u row", "All %u rows", all), all);
  gtk_file_chooser_add_choice (chooser, CHOICE_ROWS, _("Rows"),
                               (const char *[]) { "shown", "all", NULL },
                               (const char *[]) { shown_label, all_label, NULL });
  gtk_file_chooser_set_choice (chooser, CHOICE_ROWS, "shown");
  g_object_set_data (G_OBJECT (chooser), CHOICE_ROWS, GINT_TO_POINTER (TRUE));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BdMailboxView *self = BD_MAILBOX_VIEW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (widget);

  native = gtk_file_chooser_native_new (_("Export Failed Recipients"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  /* Translators: the suggested file name of the export; keep .csv */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), _("failed-recipients.csv"));
  gtk_file_filter_set_name (filter, _("Spreadsheet (.csv)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  add_rows_choice (self, GTK_FILE_CHOOSER (native));
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (native), CHOICE_FORMAT, _("Format"),
                               (const char *[]) { "spreadsheet", "scripts", NULL },
                               (const char *[]) { _("For spreadsheets (Excel, LibreOffice)"),
                                                  _("For scripts (UTF-8, commas, English column names)"),
                                                  NULL });
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (native), CHOICE_FORMAT, "spreadsheet");
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (native), CHOICE_HARD_ONLY,
                               _("Only addresses to remove from a mailing list (hard bounces, each once)"),
                               NULL, NULL);

  g_signal_connect_object (native, "response", G_CALLBACK (export_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
bd_mailbox_view_install_export_action (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "mailbox.export", NULL, export_action);
}
