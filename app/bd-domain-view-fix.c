/* bd-domain-view-fix.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fix, ready to send: after the areas, the records to publish, each
 * with a Copy button, and "Write to your hosting company": the message
 * that lists what is wrong and those records (the same text as
 * `check-domain --fix`), with a Copy Message button.
 */
#define G_LOG_DOMAIN "bd-domain-view"

#include "config.h"

#include <glib/gi18n.h>

#include "bd-domain-fix.h"
#include "bd-domain-view-private.h"

static void
copy_message_cb (GtkButton *button,
                 gpointer   user_data)
{
  const char *text = g_object_get_data (G_OBJECT (button), "bd-text");

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), text);
  gtk_button_set_label (button, _("Copied"));
}

/* The message, selectable, with a labelled button: people who can't edit
 * DNS paste it into a support ticket or an email. */
static GtkWidget *
message_row_new (const char *message)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("Message for your hosting company or IT"));
  GtkWidget *text = gtk_label_new (message);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("Copy _Message"));

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "caption-heading");
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_widget_set_name (text, "fix-message");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "pill");
  g_object_set_data_full (G_OBJECT (button), "bd-text", g_strdup (message), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (copy_message_cb), NULL);

  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), button);
  gtk_widget_add_css_class (box, "fix-message-row");   /* its margins: ui/style.css */
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

void
bd_domain_view_add_fix (BdDomainView         *self,
                        const BdDomainReport *report)
{
  g_autofree char *message = bd_domain_fix_message (report);
  g_autoptr(GPtrArray) records = NULL;
  GtkWidget *expander;
  GtkWidget *icon;

  if (message == NULL)
    return;

  expander = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Write to Your Hosting Company"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander),
                                 _("What is wrong and the exact records to publish, ready to paste into a support ticket or an email"));
  icon = gtk_image_new_from_icon_name ("mail-send-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("The fix"), -1);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (expander), icon);

  records = bd_domain_fix_records (report);
  for (guint i = 0; i < records->len; i++)
    {
      const BdFixRecord *record = g_ptr_array_index (records, i);
      g_autofree char *title = NULL;

      /* Translators: %1$s is a DNS type (TXT, MX), %2$s a DNS name */
      title = g_strdup_printf (_("%1$s record to publish at %2$s"), record->type, record->name);
      bd_domain_view_add_text_row (ADW_EXPANDER_ROW (expander), title, record->value, TRUE);
    }
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), message_row_new (message));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);

  adw_preferences_group_add (self->results_group, expander);
  g_ptr_array_add (self->area_rows, expander);
}
