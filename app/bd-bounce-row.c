/* bd-bounce-row.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A returned email in the side list: who it was for, the reason's icon,
 * the subject and when it came back, as the diagnosis (bd-diagnosis.h)
 * words them.
 */
#define G_LOG_DOMAIN "bd-bounce-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bd-bounce-row.h"
#include "bd-diagnosis.h"
#include "bd-ui-util.h"

struct _BdBounceRow
{
  AdwActionRow  parent_instance;

  /* Owned */
  BdBounce     *bounce;
  char         *search_text;   /* casefolded: addresses, subject, reason */
};

G_DEFINE_FINAL_TYPE (BdBounceRow, bd_bounce_row, ADW_TYPE_ACTION_ROW)

static char *
make_title (const BdBounce *bounce)
{
  const char *first = bd_ui_first_address (bounce);
  guint others = bounce->recipients->len > 1 ? bounce->recipients->len - 1 : 0;

  if (first == NULL)
    return g_strdup (bounce->kind == BD_KIND_NOT_BOUNCE ? _("Not a returned email") : _("Unknown address"));
  if (others == 0)
    return g_strdup (first);

  /* Translators: %1$s is an email address, %2$u how many other addresses */
  return g_strdup_printf (ngettext ("%1$s and %2$u other", "%1$s and %2$u others", others), first, others);
}

static char *
make_search_text (const BdDiagnosis *d,
                  const char        *subtitle)
{
  GString *search = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (guint i = 0; i < d->recipients->len; i++)
    {
      const BdDiagnosisRecipient *r = g_ptr_array_index (d->recipients, i);

      g_string_append_printf (search, "%s %s ", r->recipient->address ? r->recipient->address : "", r->label);
    }
  g_string_append (search, subtitle);
  text = g_string_free (search, FALSE);
  return g_utf8_casefold (text, -1);
}

static void
fill (BdBounceRow *self)
{
  const BdBounce *bounce = self->bounce;
  g_autoptr(BdDiagnosis) d = bd_diagnosis_new (bounce);
  g_autofree char *title = make_title (bounce);
  const char *subject = d->original_subject ? d->original_subject : bounce->subject;
  g_autofree char *subtitle = NULL;
  GtkWidget *icon = gtk_image_new_from_icon_name (bd_ui_reason_icon_name (d->reason));
  GtkWidget *when = gtk_label_new (d->date);

  /* Translators: a line in the list: %1$s is the reason, %2$s the subject */
  subtitle = subject ? g_strdup_printf (_("%1$s · %2$s"), d->reason_label, subject) : g_strdup (d->reason_label);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 1);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (self), 1);
  /* one line, cut short in a narrow list: the whole address on hover */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), title);

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  d->reason_label, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (self), icon);
  gtk_widget_add_css_class (when, "dim-label");
  gtk_widget_add_css_class (when, "caption");
  gtk_widget_set_visible (when, d->date != NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), when);

  self->search_text = make_search_text (d, subtitle);
}

static void
bd_bounce_row_finalize (GObject *object)
{
  BdBounceRow *self = (BdBounceRow *)object;

  g_clear_pointer (&self->bounce, bd_bounce_unref);
  g_free (self->search_text);

  G_OBJECT_CLASS (bd_bounce_row_parent_class)->finalize (object);
}

static void
bd_bounce_row_class_init (BdBounceRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bd_bounce_row_finalize;
}

static void
bd_bounce_row_init (BdBounceRow *self)
{
}

GtkWidget *
bd_bounce_row_new (BdBounce *bounce)
{
  BdBounceRow *self;

  g_return_val_if_fail (bounce != NULL, NULL);

  self = g_object_new (BD_TYPE_BOUNCE_ROW, NULL);
  self->bounce = bd_bounce_ref (bounce);
  fill (self);
  return GTK_WIDGET (self);
}

/**
 * bd_bounce_row_get_bounce:
 *
 * Returns: (transfer none): the bounce this row shows
 */
BdBounce *
bd_bounce_row_get_bounce (BdBounceRow *self)
{
  g_return_val_if_fail (BD_IS_BOUNCE_ROW (self), NULL);

  return self->bounce;
}

/**
 * bd_bounce_row_matches:
 * @needle: casefolded search text; empty matches everything
 */
gboolean
bd_bounce_row_matches (BdBounceRow *self,
                       const char  *needle)
{
  g_return_val_if_fail (BD_IS_BOUNCE_ROW (self), FALSE);
  g_return_val_if_fail (needle != NULL, FALSE);

  return *needle == '\0' || strstr (self->search_text, needle) != NULL;
}
