/* bd-window-actions.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window's menu items, buttons and shortcuts do.
 */
#define G_LOG_DOMAIN "bd-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bd-io-error.h"
#include "bd-mailbox-chooser.h"
#include "bd-report.h"
#include "bd-sender.h"
#include "bd-window-private.h"

#define SAMPLES_PATH RESOURCE_BASE "/samples"

static BdBounce *
current_bounce (BdWindow *self)
{
  if (self->page == BD_WINDOW_PAGE_MAILBOX)
    return bd_mailbox_view_get_bounce (self->mailbox_view);
  if (self->page != BD_WINDOW_PAGE_RESULTS)
    return NULL;

  return bd_diagnosis_view_get_bounce (self->diagnosis_view);
}

void
bd_window_update_actions (BdWindow *self)
{
  BdBounce *bounce = current_bounce (self);
  gboolean has_bounce = bounce != NULL;
  gboolean mailbox = self->page == BD_WINDOW_PAGE_MAILBOX ||
                     (self->page == BD_WINDOW_PAGE_DOMAIN && self->page_before_domain == BD_WINDOW_PAGE_MAILBOX);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-report", has_bounce);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-report", has_bounce);
  /* Without a copy of the message the sender is unknown: the domain page
   * then asks for it rather than the button being greyed out unexplained. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check-sender-domain", has_bounce);
  /* The way back to the start is named for what is open (ui/bd-window.ui). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-mailbox", mailbox);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-messages",
                                 self->page != BD_WINDOW_PAGE_EMPTY && !mailbox);
}

static void
open_response_cb (BdWindow             *self,
                  int                   response,
                  GtkFileChooserNative *native)
{
  g_autoptr(GtkFileChooserNative) owned = native;
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    g_ptr_array_add (array, g_list_model_get_item (files, i));

  bd_window_open_files (self, (GFile **)array->pdata, array->len);
}

static GtkFileFilter *
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_type,
            const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  if (pattern != NULL)
    gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
  return filter;   /* the chooser holds it */
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Open Returned Email"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  add_filter (GTK_FILE_CHOOSER (native), _("Email messages"), "message/rfc822", "*.eml");
  add_filter (GTK_FILE_CHOOSER (native), _("Outlook messages"), "application/vnd.ms-outlook", "*.msg");
  add_filter (GTK_FILE_CHOOSER (native), _("All files"), NULL, "*");

  g_signal_connect_object (native, "response", G_CALLBACK (open_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* The samples are compiled into the resources, so they work installed or
 * not; the loader reads resource:// files like any other. */
static void
try_samples_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);
  g_auto(GStrv) names = g_resources_enumerate_children (SAMPLES_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *uri = g_strconcat ("resource://" SAMPLES_PATH "/", names[i], NULL);

      g_ptr_array_add (files, g_file_new_for_uri (uri));
    }

  bd_window_open_files (self, (GFile **)files->pdata, files->len);
  /* Review m10: five diagnoses appear with nothing saying they are not
   * the user's own returned mail. */
  bd_window_show_toast (self, _("These are examples, not your own mail"));
}

static void
copy_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);
  BdBounce *bounce = current_bounce (self);
  g_autofree char *text = NULL;

  if (bounce == NULL)
    return;

  text = bd_report_to_text (bounce);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  bd_window_show_toast (self, _("Report copied"));
}

static void
save_report_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (object));

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %1$s is a file name, %2$s the system's reason */
      text = g_strdup_printf (_("Could not save “%1$s”: %2$s"), name, bd_io_error_reason (error));
      bd_window_show_toast (self, text);
      return;
    }

  {
    /* Translators: %s is a file name */
    g_autofree char *text = g_strdup_printf (_("Report saved as “%s”"), name);

    bd_window_show_toast (self, text);
  }
}

#define TEXT_FILTER_KEY "bd-plain-text"

/* The file and its format: the type chosen in the dialog decides, and the
 * name's extension follows it ("report.html" saved as plain text becomes
 * "report.txt"); a name typed with .txt is text whatever the type. */
static GFile *
report_file (GtkFileChooser *chooser,
             gboolean       *as_text)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);
  GtkFileFilter *filter = gtk_file_chooser_get_filter (chooser);   /* borrowed */
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GFile) parent = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *renamed = NULL;
  gboolean text_chosen = filter != NULL && g_object_get_data (G_OBJECT (filter), TEXT_FILTER_KEY) != NULL;

  *as_text = text_chosen || g_str_has_suffix (name, ".txt");
  if (!text_chosen || !g_str_has_suffix (name, ".html"))
    return g_steal_pointer (&file);

  parent = g_file_get_parent (file);
  stem = g_strndup (name, strlen (name) - strlen (".html"));
  renamed = g_strconcat (stem, ".txt", NULL);
  return g_file_get_child (parent, renamed);
}

static void
save_response_cb (BdWindow             *self,
                  int                   response,
                  GtkFileChooserNative *native)
{
  g_autoptr(GtkFileChooserNative) owned = native;
  g_autoptr(GFile) file = NULL;
  BdBounce *bounce = current_bounce (self);
  gboolean as_text;
  char *contents;

  if (response != GTK_RESPONSE_ACCEPT || bounce == NULL)
    return;

  file = report_file (GTK_FILE_CHOOSER (native), &as_text);
  contents = as_text ? bd_report_to_text (bounce) : bd_report_to_html (bounce);

  g_file_replace_contents_bytes_async (file, g_bytes_new_take (contents, strlen (contents)), NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, self->cancellable,
                                       save_report_cb, g_object_ref (self));
}

static void
save_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Save Report"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  /* Translators: the suggested file name of a saved report; keep .html */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), _("bounce-report.html"));
  add_filter (GTK_FILE_CHOOSER (native), _("Web page (.html)"), "text/html", "*.html");
  g_object_set_data (G_OBJECT (add_filter (GTK_FILE_CHOOSER (native), _("Plain text (.txt)"), "text/plain", "*.txt")),
                     TEXT_FILTER_KEY, GINT_TO_POINTER (TRUE));

  g_signal_connect_object (native, "response", G_CALLBACK (save_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  bd_window_clear_results (BD_WINDOW (widget));
}

static void
mailbox_chooser_chosen_cb (BdWindow         *self,
                           GFile            *location,
                           BdMailboxChooser *chooser)
{
  bd_window_open_mailbox (self, location);
}

static void
open_mailbox_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);
  GtkWidget *chooser = bd_mailbox_chooser_new (GTK_WINDOW (self));

  g_signal_connect_object (chooser, "chosen", G_CALLBACK (mailbox_chooser_chosen_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (chooser));
}

static void
domain_check_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  bd_window_show_domain_check (BD_WINDOW (widget));
}

static void
check_sender_domain_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);
  BdBounce *bounce = current_bounce (self);
  const char *domain = bd_bounce_get_sender_domain (bounce);

  bd_window_show_domain_check (self);
  if (domain == NULL)
    {
      bd_window_show_toast (self, _("No copy of your message here: type the domain you send from"));
      return;
    }

  bd_domain_view_set_bimi_selector (self->domain_view, domain, bd_bounce_get_bimi_selector (bounce));
  bd_domain_view_check (self->domain_view, domain, bd_bounce_get_dkim_selector (bounce, domain),
                        bounce->original->sender_ip);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);

  if (self->page == BD_WINDOW_PAGE_MAILBOX)
    {
      bd_mailbox_view_go_back (self->mailbox_view);
      return;
    }

  if (self->page == BD_WINDOW_PAGE_DOMAIN)
    {
      bd_window_set_page (self, self->page_before_domain);
      return;
    }

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->search_button)))
    return;

  gtk_toggle_button_set_active (self->search_button, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* The whole of a message a toast could only show the start of. */
static void
show_message_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (widget), NULL,
                                              g_variant_get_string (parameter, NULL));

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
help_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/bd-help-window.ui");
  GtkWindow *help = GTK_WINDOW (gtk_builder_get_object (builder, "help_window"));

  gtk_window_set_transient_for (help, GTK_WINDOW (widget));
  gtk_window_present (help);
}

void
bd_window_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-mailbox", NULL, open_mailbox_action);
  gtk_widget_class_install_action (widget_class, "win.paste", NULL, bd_window_paste_action);
  gtk_widget_class_install_action (widget_class, "win.domain-check", NULL, domain_check_action);
  gtk_widget_class_install_action (widget_class, "win.check-sender-domain", NULL, check_sender_domain_action);
  gtk_widget_class_install_action (widget_class, "win.try-samples", NULL, try_samples_action);
  gtk_widget_class_install_action (widget_class, "win.copy-report", NULL, copy_report_action);
  gtk_widget_class_install_action (widget_class, "win.save-report", NULL, save_report_action);
  gtk_widget_class_install_action (widget_class, "win.close-messages", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "win.close-mailbox", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-message", "s", show_message_action);
  gtk_widget_class_install_action (widget_class, "win.help", NULL, help_action);

  /* Window-level bindings run after the focused widget had its chance,
   * so Ctrl+V still pastes into the search entry. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.open-mailbox", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "win.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.copy-report", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save-report", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.domain-check", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "win.help", NULL);
}
