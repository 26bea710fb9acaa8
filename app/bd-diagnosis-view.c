/* bd-diagnosis-view.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The diagnosis of one returned email, for someone who has never heard of
 * SMTP: the headline in large type, the verdict badge, whose move it is,
 * what happened and the steps (per reason, most urgent first); below, one
 * expandable row per recipient and the original message. All of it comes
 * from the diagnosis model (bd-diagnosis.h); this view lays it out.
 */
#define G_LOG_DOMAIN "bd-diagnosis-view"

#include "config.h"

#include <glib/gi18n.h>

#include "bd-classify.h"
#include "bd-diagnosis.h"
#include "bd-diagnosis-view.h"
#include "bd-recipient-row.h"
#include "bd-ui-util.h"
#include "bd-wrap-box.h"

struct _BdDiagnosisView
{
  GtkWidget       parent_instance;

  /* Owned */
  BdBounce       *bounce;
  BdDiagnosis    *diagnosis;        /* of bounce */
  GPtrArray      *recipient_rows;   /* (element-type GtkWidget) borrowed from recipients_group */

  /* Template widgets */
  GtkScrolledWindow    *scroller;
  GtkLabel             *badge;
  GtkLabel             *whose_move;
  GtkLabel             *headline;
  GtkLabel             *what_happened;
  GtkLabel             *provider_note;
  AdwPreferencesGroup  *steps_group;
  GtkBox               *steps_box;
  AdwPreferencesGroup  *recipients_group;
  AdwPreferencesGroup  *original_group;
  AdwActionRow         *original_subject_row;
  AdwActionRow         *original_to_row;
  AdwActionRow         *original_from_row;
  AdwActionRow         *original_date_row;
  AdwExpanderRow       *original_text_row;
  GtkLabel             *original_text;
};

G_DEFINE_FINAL_TYPE (BdDiagnosisView, bd_diagnosis_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BOUNCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The badge says, before anything else, whether resending makes sense. */
static void
update_badge (BdDiagnosisView *self)
{
  /* Translators: a badge; %s is who must act, e.g. “You” or “The recipient” */
  g_autofree char *whose = g_strdup_printf (_("Whose move: %s"), self->diagnosis->whose_move_label);

  for (guint i = 0; i < BD_N_VERDICTS; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->badge), bd_verdict_to_string (i));

  gtk_label_set_label (self->badge, self->diagnosis->verdict_label);
  gtk_widget_add_css_class (GTK_WIDGET (self->badge), bd_verdict_to_string (self->diagnosis->verdict));
  gtk_label_set_label (self->whose_move, whose);
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkWidget *
make_step (guint       number,
           const char *step)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *digits = g_strdup_printf ("%u", number);
  GtkWidget *bullet = gtk_label_new (digits);
  GtkWidget *text = gtk_label_new (step);

  gtk_widget_add_css_class (bullet, "step-number");
  gtk_widget_set_valign (bullet, GTK_ALIGN_START);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (row), bullet);
  gtk_box_append (GTK_BOX (row), text);
  return row;
}

/* A heading over the steps of one reason, when the report has several. */
static GtkWidget *
make_step_title (const char *title)
{
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "step-group-title");
  return label;
}

static void
update_steps (BdDiagnosisView *self)
{
  const GPtrArray *groups = self->diagnosis->step_groups;
  guint n = 0;

  clear_box (self->steps_box);
  for (guint i = 0; i < groups->len; i++)
    {
      const BdStepGroup *group = g_ptr_array_index (groups, i);

      if (group->title != NULL)
        gtk_box_append (self->steps_box, make_step_title (group->title));
      for (guint j = 0; group->steps[j] != NULL; j++, n++)
        gtk_box_append (self->steps_box, make_step (j + 1, group->steps[j]));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->steps_group), n > 0);
}

static void
update_recipients (BdDiagnosisView *self)
{
  for (guint i = 0; i < self->recipient_rows->len; i++)
    adw_preferences_group_remove (self->recipients_group, g_ptr_array_index (self->recipient_rows, i));
  g_ptr_array_set_size (self->recipient_rows, 0);

  for (guint i = 0; i < self->diagnosis->recipients->len; i++)
    {
      GtkWidget *row = bd_recipient_row_new (self->diagnosis, i);

      adw_preferences_group_add (self->recipients_group, row);
      g_ptr_array_add (self->recipient_rows, row);
    }

  /* One recipient: show its details straight away. */
  if (self->recipient_rows->len == 1)
    adw_expander_row_set_expanded (g_ptr_array_index (self->recipient_rows, 0), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->recipients_group), self->recipient_rows->len > 0);
}

static void
set_property_row (AdwActionRow *row,
                  const char   *value)
{
  gtk_widget_set_visible (GTK_WIDGET (row), value != NULL && *value != '\0');
  adw_action_row_set_subtitle (row, value ? value : "");
}

static void
update_original (BdDiagnosisView *self)
{
  const BdDiagnosis *d = self->diagnosis;

  set_property_row (self->original_subject_row, d->original_subject);
  set_property_row (self->original_to_row, d->original_to);
  set_property_row (self->original_from_row, d->original_from);
  set_property_row (self->original_date_row, d->original_date);
  gtk_label_set_label (self->original_text, d->original_excerpt ? d->original_excerpt : "");
  gtk_widget_set_visible (GTK_WIDGET (self->original_text_row), d->original_excerpt != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->original_group),
                          d->original_subject || d->original_to || d->original_from
                          || d->original_date || d->original_excerpt);
}

static void
update (BdDiagnosisView *self)
{
  const BdGuidance *guidance;
  g_autofree char *headline = NULL;

  g_clear_pointer (&self->diagnosis, bd_diagnosis_unref);
  if (self->bounce == NULL)
    return;

  self->diagnosis = bd_diagnosis_new (self->bounce);
  guidance = self->diagnosis->guidance;

  update_badge (self);
  headline = bd_ui_break_addresses (self->diagnosis->summary);
  gtk_label_set_label (self->headline, headline);
  gtk_label_set_label (self->what_happened, guidance->what_happened);
  gtk_label_set_label (self->provider_note, guidance->provider_note ? guidance->provider_note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->provider_note), guidance->provider_note != NULL);
  update_steps (self);
  update_recipients (self);
  update_original (self);

  /* A new bounce starts at the top. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
bd_diagnosis_view_dispose (GObject *object)
{
  BdDiagnosisView *self = (BdDiagnosisView *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BD_TYPE_DIAGNOSIS_VIEW);
  g_clear_pointer (&self->bounce, bd_bounce_unref);
  g_clear_pointer (&self->diagnosis, bd_diagnosis_unref);
  g_clear_pointer (&self->recipient_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (bd_diagnosis_view_parent_class)->dispose (object);
}

static void
bd_diagnosis_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BdDiagnosisView *self = BD_DIAGNOSIS_VIEW (object);

  switch (prop_id)
    {
    case PROP_BOUNCE:
      g_value_set_boxed (value, bd_diagnosis_view_get_bounce (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_diagnosis_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BdDiagnosisView *self = BD_DIAGNOSIS_VIEW (object);

  switch (prop_id)
    {
    case PROP_BOUNCE:
      bd_diagnosis_view_set_bounce (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_diagnosis_view_class_init (BdDiagnosisViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (BD_TYPE_WRAP_BOX);

  object_class->dispose = bd_diagnosis_view_dispose;
  object_class->get_property = bd_diagnosis_view_get_property;
  object_class->set_property = bd_diagnosis_view_set_property;

  properties[PROP_BOUNCE] =
    g_param_spec_boxed ("bounce", NULL, NULL, BD_TYPE_BOUNCE,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bd-diagnosis-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BdDiagnosisView, scroller);
  /* no struct field: looked up by emphasise_domain_check () */
  gtk_widget_class_bind_template_child_full (widget_class, "check_domain_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, BdDiagnosisView, badge);
  gtk_widget_class_bind_template_child (widget_class, BdDiagnosisView, whose_move);
  gtk_widget_class_bind_template_child (widget_class, BdDiagnosisView, headline);
  gtk_widget_class_bind_template_child (widget_class, BdDiagnosisView, what_happened);
  gtk_widget_class_bind_template_child (widget_class, BdDiagnosisView, provider_note);
  gtk_widget_class_bind_template_child (widget_class, BdDiagnosisView, steps_group);
  gtk_widget_class_bind_template_child (widget_class, BdDiagnosisView, steps_box);
  gtk_widget_class_bind_template_child (widget_class, BdDiagnosisView, recipients_group);
  gtk_widget_class_bind_template_child (widget_class, BdDiagnosisView, original_group);
  gtk_widget_class_bind_template_child (widget_class, BdDiagnosisView, original_subject_row);
  gtk_widget_class_bind_template_child (widget_class, BdDiagnosisView, original_to_row);
  gtk_widget_class_bind_template_child (widget_class, BdDiagnosisView, original_from_row);
  gtk_widget_class_bind_template_child (widget_class, BdDiagnosisView, original_date_row);
  gtk_widget_class_bind_template_child (widget_class, BdDiagnosisView, original_text_row);
  gtk_widget_class_bind_template_child (widget_class, BdDiagnosisView, original_text);
}

/* Long addresses are broken between characters to fit a narrow window;
 * a hyphen there would read as part of the address. */
static void
break_without_hyphens (GtkLabel *label)
{
  PangoAttrList *attributes = pango_attr_list_new ();

  pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));
  gtk_label_set_attributes (label, attributes);
  pango_attr_list_unref (attributes);
}

static void
bd_diagnosis_view_init (BdDiagnosisView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->recipient_rows = g_ptr_array_new ();
  break_without_hyphens (self->headline);
  break_without_hyphens (self->original_text);
  bd_ui_label_copy_without_breaks (self->headline);
}

GtkWidget *
bd_diagnosis_view_new (void)
{
  return g_object_new (BD_TYPE_DIAGNOSIS_VIEW, NULL);
}

/**
 * bd_diagnosis_view_get_bounce:
 *
 * Returns: (transfer none) (nullable): the bounce shown
 */
BdBounce *
bd_diagnosis_view_get_bounce (BdDiagnosisView *self)
{
  g_return_val_if_fail (BD_IS_DIAGNOSIS_VIEW (self), NULL);

  return self->bounce;
}

/* Check Sender Domain is the main button only where the sender's domain
 * is the likely cause: failed authentication (SPF, DKIM, DMARC) or a
 * refusal (blocklists, policy). A full mailbox or a mistyped address has
 * nothing to do with it. */
static void
emphasise_domain_check (BdDiagnosisView *self)
{
  GObject *button = gtk_widget_get_template_child (GTK_WIDGET (self), BD_TYPE_DIAGNOSIS_VIEW,
                                                   "check_domain_button");
  BdReasonGroup group = BD_N_REASON_GROUPS;

  if (self->bounce != NULL && self->bounce->recipients->len > 0)
    group = bd_reason_get_group (bd_classify_shown_reason (g_ptr_array_index (self->bounce->recipients, 0)));

  if (group == BD_REASON_GROUP_AUTHENTICATION || group == BD_REASON_GROUP_REFUSED)
    gtk_widget_add_css_class (GTK_WIDGET (button), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (button), "suggested-action");
}

void
bd_diagnosis_view_set_bounce (BdDiagnosisView *self,
                              BdBounce        *bounce)
{
  g_return_if_fail (BD_IS_DIAGNOSIS_VIEW (self));

  if (self->bounce == bounce)
    return;

  g_clear_pointer (&self->bounce, bd_bounce_unref);
  self->bounce = bounce ? bd_bounce_ref (bounce) : NULL;
  update (self);
  emphasise_domain_check (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOUNCE]);
}
