/* bd-mailbox-item.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row of the mailbox table: one recipient of one returned email. The
 * properties are what the columns show and sort by.
 */
#define G_LOG_DOMAIN "bd-mailbox-item"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bd-diagnosis.h"
#include "bd-mailbox-item.h"
#include "bd-ui-util.h"

struct _BdMailboxItem
{
  GObject   parent_instance;

  /* Owned */
  BdBounce *bounce;
  guint     index;
  char     *search_text;   /* bd_ui_search_fold()ed, built on first search */
};

G_DEFINE_FINAL_TYPE (BdMailboxItem, bd_mailbox_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ADDRESS,
  PROP_REASON_LABEL,
  PROP_DATE,
  PROP_SUBJECT,
  PROP_HARD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bd_mailbox_item_finalize (GObject *object)
{
  BdMailboxItem *self = (BdMailboxItem *)object;

  g_clear_pointer (&self->bounce, bd_bounce_unref);
  g_free (self->search_text);

  G_OBJECT_CLASS (bd_mailbox_item_parent_class)->finalize (object);
}

static void
bd_mailbox_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BdMailboxItem *self = BD_MAILBOX_ITEM (object);

  switch (prop_id)
    {
    case PROP_ADDRESS:
      g_value_set_string (value, bd_mailbox_item_get_address (self));
      break;

    case PROP_REASON_LABEL:
      g_value_set_string (value, bd_mailbox_item_get_reason_label (self));
      break;

    case PROP_DATE:
      g_value_set_string (value, bd_mailbox_item_get_date (self));
      break;

    case PROP_SUBJECT:
      g_value_set_string (value, bd_mailbox_item_get_subject (self));
      break;

    case PROP_HARD:
      g_value_set_boolean (value, bd_mailbox_item_get_hard (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_mailbox_item_class_init (BdMailboxItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bd_mailbox_item_finalize;
  object_class->get_property = bd_mailbox_item_get_property;

  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL,
                                                  (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_REASON_LABEL] = g_param_spec_string ("reason-label", NULL, NULL, NULL,
                                                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_DATE] = g_param_spec_string ("date", NULL, NULL, NULL,
                                               (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_SUBJECT] = g_param_spec_string ("subject", NULL, NULL, NULL,
                                                  (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_HARD] = g_param_spec_boolean ("hard", NULL, NULL, FALSE,
                                                (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bd_mailbox_item_init (BdMailboxItem *self)
{
}

/**
 * bd_mailbox_item_new:
 * @bounce: a returned email
 * @recipient_index: which of its recipients this row shows
 */
BdMailboxItem *
bd_mailbox_item_new (BdBounce *bounce,
                     guint     recipient_index)
{
  BdMailboxItem *self;

  g_return_val_if_fail (bounce != NULL, NULL);
  g_return_val_if_fail (recipient_index < bounce->recipients->len, NULL);

  self = g_object_new (BD_TYPE_MAILBOX_ITEM, NULL);
  self->bounce = bd_bounce_ref (bounce);
  self->index = recipient_index;
  return self;
}

BdBounce *
bd_mailbox_item_get_bounce (BdMailboxItem *self)
{
  g_return_val_if_fail (BD_IS_MAILBOX_ITEM (self), NULL);

  return self->bounce;
}

const BdRecipient *
bd_mailbox_item_get_recipient (BdMailboxItem *self)
{
  g_return_val_if_fail (BD_IS_MAILBOX_ITEM (self), NULL);

  return g_ptr_array_index (self->bounce->recipients, self->index);
}

const char *
bd_mailbox_item_get_address (BdMailboxItem *self)
{
  const char *address = bd_mailbox_item_get_recipient (self)->address;

  return address ? address : "";
}

const char *
bd_mailbox_item_get_reason_label (BdMailboxItem *self)
{
  return bd_diagnosis_recipient_label (self->bounce, bd_mailbox_item_get_recipient (self));
}

/* ISO 8601, so that sorting the strings sorts the dates. */
const char *
bd_mailbox_item_get_date (BdMailboxItem *self)
{
  g_return_val_if_fail (BD_IS_MAILBOX_ITEM (self), NULL);

  return self->bounce->date ? self->bounce->date : "";
}

char *
bd_mailbox_item_dup_date_label (BdMailboxItem *self)
{
  g_return_val_if_fail (BD_IS_MAILBOX_ITEM (self), NULL);

  return bd_ui_format_date (self->bounce->date);
}

const char *
bd_mailbox_item_get_subject (BdMailboxItem *self)
{
  g_return_val_if_fail (BD_IS_MAILBOX_ITEM (self), NULL);

  if (self->bounce->original->subject != NULL)
    return self->bounce->original->subject;
  return self->bounce->subject ? self->bounce->subject : "";
}

guint
bd_mailbox_item_get_index (BdMailboxItem *self)
{
  g_return_val_if_fail (BD_IS_MAILBOX_ITEM (self), 0);

  return self->index;
}

gboolean
bd_mailbox_item_get_hard (BdMailboxItem *self)
{
  return bd_mailbox_item_get_recipient (self)->hard;
}

gboolean
bd_mailbox_item_matches (BdMailboxItem *self,
                         const char    *casefolded_needle)
{
  g_return_val_if_fail (BD_IS_MAILBOX_ITEM (self), FALSE);
  g_return_val_if_fail (casefolded_needle != NULL, FALSE);

  if (*casefolded_needle == '\0')
    return TRUE;

  if (self->search_text == NULL)
    {
      g_autofree char *text = g_strjoin (" ", bd_mailbox_item_get_address (self),
                                         bd_mailbox_item_get_reason_label (self),
                                         bd_mailbox_item_get_subject (self), NULL);

      self->search_text = bd_ui_search_fold (text);
    }

  return strstr (self->search_text, casefolded_needle) != NULL;
}
