/* bd-mailbox-view-export.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export the failed recipients as CSV: all of them, or only the addresses
 * to remove from a mailing list (hard bounces, each address once).
 */
#define G_LOG_DOMAIN "bd-mailbox-view"

#include "config.h"

#include <glib/gi18n.h>

#include "bd-export.h"
#include "bd-mailbox-view-private.h"

#define CHOICE_HARD_ONLY "hard-only"

typedef struct
{
  GPtrArray *bounces;     /* (element-type BdBounce) a snapshot */
  gboolean   hard_only;
} ExportData;

static gpointer
copy_bounce (gconstpointer bounce,
             gpointer      user_data)
{
  return bd_bounce_ref ((BdBounce *)bounce);
}

static void
export_data_free (ExportData *data)
{
  g_ptr_array_unref (data->bounces);
  g_free (data);
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
      !bd_export_failed_recipients_csv (data->bounces, data->hard_only, G_OUTPUT_STREAM (stream),
                                        cancellable, &error) ||
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
    text = g_strdup_printf (_("Could not save “%1$s”: %2$s"), name, error->message);
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
  ExportData *data;
  const char *choice;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (native), CHOICE_HARD_ONLY);

  data = g_new0 (ExportData, 1);
  data->bounces = g_ptr_array_copy (self->bounces, copy_bounce, NULL);
  g_ptr_array_set_free_func (data->bounces, (GDestroyNotify)bd_bounce_unref);
  data->hard_only = g_strcmp0 (choice, "true") == 0;

  task = g_task_new (file, NULL, export_cb, g_object_ref (self));
  g_task_set_source_tag (task, export_response_cb);
  g_task_set_task_data (task, data, (GDestroyNotify)export_data_free);
  g_task_run_in_thread (task, export_thread);
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
