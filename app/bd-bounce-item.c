/* bd-bounce-item.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A returned email as an item of the window's GListStore: BdBounce is a
 * boxed struct (a mailbox scan makes thousands), and a GListModel needs
 * GObjects.
 */
#define G_LOG_DOMAIN "bd-bounce-item"

#include "config.h"

#include <string.h>

#include "bd-bounce-item.h"
#include "bd-diagnosis.h"
#include "bd-report.h"
#include "bd-ui-util.h"

struct _BdBounceItem
{
  GObject   parent_instance;

  /* Owned */
  BdBounce *bounce;
  char     *search_text;   /* bd_ui_search_fold()ed, built on first search */
};

G_DEFINE_FINAL_TYPE (BdBounceItem, bd_bounce_item, G_TYPE_OBJECT)

static void
bd_bounce_item_finalize (GObject *object)
{
  BdBounceItem *self = (BdBounceItem *)object;

  g_clear_pointer (&self->bounce, bd_bounce_unref);
  g_free (self->search_text);

  G_OBJECT_CLASS (bd_bounce_item_parent_class)->finalize (object);
}

static void
bd_bounce_item_class_init (BdBounceItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bd_bounce_item_finalize;
}

static void
bd_bounce_item_init (BdBounceItem *self)
{
}

BdBounceItem *
bd_bounce_item_new (BdBounce *bounce)
{
  BdBounceItem *self;

  g_return_val_if_fail (bounce != NULL, NULL);

  self = g_object_new (BD_TYPE_BOUNCE_ITEM, NULL);
  self->bounce = bd_bounce_ref (bounce);
  return self;
}

/**
 * bd_bounce_item_get_bounce:
 *
 * Returns: (transfer none): the returned email
 */
BdBounce *
bd_bounce_item_get_bounce (BdBounceItem *self)
{
  g_return_val_if_fail (BD_IS_BOUNCE_ITEM (self), NULL);

  return self->bounce;
}

/* What the side list's search looks in: every recipient's address and
 * reason, and the subject. */
static char *
make_search_text (const BdBounce *bounce)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      const BdRecipient *recipient = g_ptr_array_index (bounce->recipients, i);

      g_string_append_printf (text, "%s %s ", recipient->address ? recipient->address : "",
                              bd_diagnosis_recipient_label (bounce, recipient));
    }
  if (bounce->original->subject != NULL)
    g_string_append_printf (text, "%s ", bounce->original->subject);
  if (bounce->subject != NULL)
    g_string_append (text, bounce->subject);
  return bd_ui_search_fold (text->str);
}

/**
 * bd_bounce_item_matches:
 * @needle: search text folded by bd_ui_search_fold(); empty matches everything
 */
gboolean
bd_bounce_item_matches (BdBounceItem *self,
                        const char   *needle)
{
  g_return_val_if_fail (BD_IS_BOUNCE_ITEM (self), FALSE);
  g_return_val_if_fail (needle != NULL, FALSE);

  if (*needle == '\0')
    return TRUE;
  if (self->search_text == NULL)
    self->search_text = make_search_text (self->bounce);
  return strstr (self->search_text, needle) != NULL;
}
