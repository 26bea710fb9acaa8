/* bd-mailbox-chooser.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Open Mailbox": the mail folders found on this computer (Thunderbird
 * profiles, Evolution and KMail Maildirs) so nobody has to hunt for hidden
 * folders, plus a way to pick any mbox file or folder. Emits "chosen".
 */
#define G_LOG_DOMAIN "bd-mailbox-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "bd-mailbox-chooser.h"
#include "bd-mailbox-scan.h"

struct _BdMailboxChooser
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *found_group;
};

G_DEFINE_FINAL_TYPE (BdMailboxChooser, bd_mailbox_chooser, ADW_TYPE_WINDOW)

enum {
  SIGNAL_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
choose (BdMailboxChooser *self,
        GFile            *location)
{
  g_signal_emit (self, signals[SIGNAL_CHOSEN], 0, location);
  gtk_window_close (GTK_WINDOW (self));
}

static void
folder_row_activated_cb (BdMailboxChooser *self,
                         AdwActionRow     *row)
{
  const char *path = g_object_get_data (G_OBJECT (row), "bd-path");
  g_autoptr(GFile) file = g_file_new_for_path (path);

  choose (self, file);
}

static void
native_response_cb (BdMailboxChooser     *self,
                    int                   response,
                    GtkFileChooserNative *native)
{
  g_autoptr(GtkFileChooserNative) owned = native;
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  choose (self, file);
}

static void
pick (BdMailboxChooser     *self,
      GtkFileChooserAction  action,
      const char           *title)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, _("_Open"), _("_Cancel"));
  g_signal_connect_object (native, "response", G_CALLBACK (native_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
pick_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  pick (BD_MAILBOX_CHOOSER (widget), GTK_FILE_CHOOSER_ACTION_OPEN, _("Choose a Mailbox File"));
}

static void
pick_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  pick (BD_MAILBOX_CHOOSER (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("Choose a Mail Folder"));
}

static void
fill_found (BdMailboxChooser *self)
{
  g_autoptr(GPtrArray) folders = bd_mailbox_find_mail_folders (g_get_home_dir ());

  for (guint i = 0; i < folders->len; i++)
    {
      const BdMailFolder *folder = g_ptr_array_index (folders, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), folder->label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder->path);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "bd-path", g_strdup (folder->path), g_free);
      g_signal_connect_object (row, "activated", G_CALLBACK (folder_row_activated_cb), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->found_group, row);
    }

  if (folders->len == 0)
    adw_preferences_group_set_description (self->found_group,
                                           _("No Thunderbird, Evolution or KMail mail folders were found in your home folder."));
}

static void
bd_mailbox_chooser_class_init (BdMailboxChooserClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[SIGNAL_CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bd-mailbox-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, BdMailboxChooser, found_group);
  gtk_widget_class_install_action (widget_class, "chooser.pick-file", NULL, pick_file_action);
  gtk_widget_class_install_action (widget_class, "chooser.pick-folder", NULL, pick_folder_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bd_mailbox_chooser_init (BdMailboxChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_found (self);
}

GtkWidget *
bd_mailbox_chooser_new (GtkWindow *parent)
{
  return g_object_new (BD_TYPE_MAILBOX_CHOOSER,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
}
