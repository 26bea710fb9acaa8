/* bd-recipient-row.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One failed (or delayed, or delivered) recipient: the address and the
 * reason in plain words; expanded, the technical details a mail
 * administrator asks for, and "Why this reason?" — the evidence. The
 * diagnosis decided all of it; the row lays it out.
 */
#define G_LOG_DOMAIN "bd-recipient-row"

#include "config.h"

#include <glib/gi18n.h>

#include "bd-recipient-row.h"
#include "bd-ui-util.h"

struct _BdRecipientRow
{
  AdwExpanderRow  parent_instance;

  /* Owned */
  BdDiagnosis    *diagnosis;
};

G_DEFINE_FINAL_TYPE (BdRecipientRow, bd_recipient_row, ADW_TYPE_EXPANDER_ROW)

static void
add_detail (BdRecipientRow *self,
            const BdDetail *detail)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), detail->label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail->value);
  gtk_widget_add_css_class (row, "detail-row");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
}

static void
fill (BdRecipientRow             *self,
      const BdDiagnosisRecipient *recipient)
{
  GtkWidget *icon = gtk_image_new_from_icon_name (bd_ui_reason_icon_name (recipient->reason));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), recipient->address);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), recipient->label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, recipient->label, -1);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (self), icon);

  for (guint i = 0; i < recipient->details->len; i++)
    add_detail (self, &g_array_index (recipient->details, BdDetail, i));
}

static void
bd_recipient_row_dispose (GObject *object)
{
  BdRecipientRow *self = (BdRecipientRow *)object;

  g_clear_pointer (&self->diagnosis, bd_diagnosis_unref);

  G_OBJECT_CLASS (bd_recipient_row_parent_class)->dispose (object);
}

static void
bd_recipient_row_class_init (BdRecipientRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = bd_recipient_row_dispose;
}

static void
bd_recipient_row_init (BdRecipientRow *self)
{
}

/**
 * bd_recipient_row_new:
 * @diagnosis: the diagnosis of the message
 * @index: which of its recipients to show
 */
GtkWidget *
bd_recipient_row_new (BdDiagnosis *diagnosis,
                      guint        index)
{
  BdRecipientRow *self;

  g_return_val_if_fail (diagnosis != NULL, NULL);
  g_return_val_if_fail (index < diagnosis->recipients->len, NULL);

  self = g_object_new (BD_TYPE_RECIPIENT_ROW, NULL);
  self->diagnosis = bd_diagnosis_ref (diagnosis);
  fill (self, g_ptr_array_index (diagnosis->recipients, index));
  return GTK_WIDGET (self);
}
