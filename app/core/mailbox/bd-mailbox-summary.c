/* bd-mailbox-summary.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-mailbox"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bd-classify.h"
#include "bd-mailbox-summary.h"

struct _BdMailboxSummary
{
  guint       found;                         /* reports of any kind: returned emails */
  guint       hard;
  guint       soft;
  guint       reasons[BD_N_REASONS + 1];     /* the last: still being retried */
  GHashTable *addresses;                     /* casefolded */
};

/* g_utf8_casefold (), which for ASCII is lowering A-Z: almost every
 * address is ASCII, and the Unicode tables cost some 3 K instructions
 * an address. */
static char *
fold_address (const char *address)
{
  for (const char *p = address; *p != '\0'; p++)
    if ((guchar)*p >= 0x80)
      return g_utf8_casefold (address, -1);
  return g_ascii_strdown (address, -1);
}

BdMailboxSummary *
bd_mailbox_summary_new (void)
{
  BdMailboxSummary *self = g_new0 (BdMailboxSummary, 1);

  self->addresses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

void
bd_mailbox_summary_free (BdMailboxSummary *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->addresses);
  g_free (self);
}

void
bd_mailbox_summary_clear (BdMailboxSummary *self)
{
  GHashTable *addresses = self->addresses;

  g_hash_table_remove_all (addresses);
  *self = (BdMailboxSummary) { 0 };
  self->addresses = addresses;
}

/**
 * bd_mailbox_summary_slot:
 *
 * Returns: the reason slot of @bounce's recipient @index: the reason the
 *   diagnosis shows, or %BD_MAILBOX_SUMMARY_DELAYED for a delay warning.
 */
guint
bd_mailbox_summary_slot (const BdBounce *bounce,
                         guint           index)
{
  if (bounce->kind == BD_KIND_DELAYED)
    return BD_MAILBOX_SUMMARY_DELAYED;
  return bd_classify_shown_reason (g_ptr_array_index (bounce->recipients, index));
}

/**
 * bd_mailbox_summary_add:
 *
 * Counts @bounce when it reports a failure or a delay; auto-replies,
 * success reports and complaints are no failure and are not counted.
 *
 * Returns: whether @bounce was counted
 */
gboolean
bd_mailbox_summary_add (BdMailboxSummary *self,
                        const BdBounce   *bounce)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (bounce != NULL, FALSE);

  /* a returned email as the scan counts it (bd-mailbox-scan.c): any report */
  if (bounce->kind != BD_KIND_NOT_BOUNCE)
    self->found++;
  if (bounce->kind != BD_KIND_BOUNCE && bounce->kind != BD_KIND_DELAYED)
    return FALSE;

  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      const BdRecipient *recipient = g_ptr_array_index (bounce->recipients, i);

      self->reasons[bd_mailbox_summary_slot (bounce, i)]++;
      if (recipient->hard)
        self->hard++;
      else
        self->soft++;
      if (recipient->address != NULL)
        g_hash_table_add (self->addresses, fold_address (recipient->address));
    }
  return TRUE;
}

/* Returned emails (messages) found: reports of any kind, as the scan
 * counts them (auto-replies, success reports and complaints too). */
guint
bd_mailbox_summary_get_messages (const BdMailboxSummary *self)
{
  return self->found;
}

/* Failed or delayed recipients: several per message when a report names
 * several, the same address again when it bounced twice. */
guint
bd_mailbox_summary_get_recipients (const BdMailboxSummary *self)
{
  return self->hard + self->soft;
}

guint
bd_mailbox_summary_get_hard (const BdMailboxSummary *self)
{
  return self->hard;
}

guint
bd_mailbox_summary_get_soft (const BdMailboxSummary *self)
{
  return self->soft;
}

/* Different addresses among the recipients, compared without case. */
guint
bd_mailbox_summary_get_addresses (const BdMailboxSummary *self)
{
  return g_hash_table_size (self->addresses);
}

guint
bd_mailbox_summary_get_reason_count (const BdMailboxSummary *self,
                                     guint                   slot)
{
  g_return_val_if_fail (slot <= BD_MAILBOX_SUMMARY_DELAYED, 0);
  return self->reasons[slot];
}

guint
bd_mailbox_summary_get_count (const BdMailboxSummary *self,
                              BdMailboxSummaryCount   which)
{
  switch (which)
    {
    case BD_MAILBOX_SUMMARY_HARD:
      return self->hard;
    case BD_MAILBOX_SUMMARY_SOFT:
      return self->soft;
    case BD_MAILBOX_SUMMARY_ADDRESSES:
    default:
      return g_hash_table_size (self->addresses);
    }
}

/**
 * bd_mailbox_summary_caption:
 *
 * Review m11: the numbers count different things, and say so: failed
 * recipients (a report can name several; hard + soft is every row), and
 * the different addresses among them.
 *
 * Returns: what the number @n of @which counts, in the user's language
 */
const char *
bd_mailbox_summary_caption (BdMailboxSummaryCount which,
                            guint                 n)
{
  switch (which)
    {
    case BD_MAILBOX_SUMMARY_HARD:
      /* Translators: under a big number in the mailbox summary; counts recipients (one
       * returned email can name several), not messages */
      return ngettext ("recipient failed for good: the address will never work",
                       "recipients failed for good: the addresses will never work", n);
    case BD_MAILBOX_SUMMARY_SOFT:
      /* Translators: under a big number in the mailbox summary; counts recipients, not messages */
      return ngettext ("recipient not delivered for now: may work later",
                       "recipients not delivered for now: may work later", n);
    case BD_MAILBOX_SUMMARY_ADDRESSES:
    default:
      /* Translators: under a big number in the mailbox summary: how many different
       * addresses there are among the failed recipients */
      return ngettext ("different address among them", "different addresses among them", n);
    }
}
