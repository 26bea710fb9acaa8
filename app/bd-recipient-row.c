/* bd-recipient-row.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One failed (or delayed, or delivered) recipient: the address and the
 * reason in plain words; expanded, the technical details a mail
 * administrator asks for, and "Why this reason?" — the evidence.
 */
#define G_LOG_DOMAIN "bd-recipient-row"

#include "config.h"

#include <glib/gi18n.h>

#include "bd-classify.h"
#include "bd-recipient-row.h"
#include "bd-report.h"
#include "bd-ui-util.h"

struct _BdRecipientRow
{
  AdwExpanderRow  parent_instance;

  /* Owned */
  BdBounce       *bounce;
};

G_DEFINE_FINAL_TYPE (BdRecipientRow, bd_recipient_row, ADW_TYPE_EXPANDER_ROW)

static void
add_detail (BdRecipientRow *self,
            const char     *title,
            const char     *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "detail-row");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
}

static void
fill (BdRecipientRow    *self,
      const BdRecipient *recipient)
{
  g_autofree char *reply_code = NULL;
  g_autofree char *when = NULL;
  g_autofree char *retry = NULL;
  g_autofree char *evidence = bd_report_describe_evidence (recipient);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 recipient->address ? recipient->address : _("Unknown address"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), bd_report_recipient_label (self->bounce, recipient));
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (self),
                               gtk_image_new_from_icon_name (bd_ui_reason_icon_name (bd_classify_shown_reason (recipient))));

  if (recipient->reply_code != 0)
    reply_code = g_strdup_printf ("%u", recipient->reply_code);
  when = bd_ui_format_date (recipient->last_attempt);
  retry = bd_ui_format_date (recipient->will_retry_until);

  add_detail (self, _("Why this reason?"), evidence);
  add_detail (self, _("Status code"), recipient->status);
  add_detail (self, _("Server reply code"), reply_code);
  add_detail (self, _("What the server said"), recipient->diagnostic);
  add_detail (self, _("Receiving server"), recipient->remote_mta);
  add_detail (self, _("Reported by"), self->bounce->reporting_mta);
  add_detail (self, _("Last attempt"), when);
  add_detail (self, _("Retried until"), retry);
  add_detail (self, _("Originally addressed to"), recipient->original);
}

static void
bd_recipient_row_dispose (GObject *object)
{
  BdRecipientRow *self = (BdRecipientRow *)object;

  g_clear_pointer (&self->bounce, bd_bounce_unref);

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
 * @bounce: the message the recipient belongs to
 * @recipient: (transfer none): one of @bounce's recipients
 */
GtkWidget *
bd_recipient_row_new (BdBounce          *bounce,
                      const BdRecipient *recipient)
{
  BdRecipientRow *self;

  g_return_val_if_fail (bounce != NULL, NULL);
  g_return_val_if_fail (recipient != NULL, NULL);

  self = g_object_new (BD_TYPE_RECIPIENT_ROW, NULL);
  self->bounce = bd_bounce_ref (bounce);
  fill (self, recipient);
  return GTK_WIDGET (self);
}
