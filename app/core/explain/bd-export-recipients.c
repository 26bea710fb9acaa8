/* bd-export-recipients.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CSV a small-office admin takes away from a mailbox scan: who could
 * not be reached and why, or only the addresses to remove from a mailing
 * list (hard failures, each address once).
 */
#define G_LOG_DOMAIN "bd-export"

#include "config.h"

#include <string.h>

#include "bd-export.h"

#define HEADER BD_EXPORT_RECIPIENTS_HEADER

/**
 * bd_export_recipient_failed:
 *
 * Returns: whether @r of @bounce failed for good or for now (not delayed,
 *   not delivered) and has an address
 */
gboolean
bd_export_recipient_failed (const BdBounce    *bounce,
                            const BdRecipient *r)
{
  return bounce->kind == BD_KIND_BOUNCE
         && r->address != NULL
         && (r->action == NULL || g_ascii_strcasecmp (r->action, "failed") == 0);
}

/**
 * bd_export_csv_header:
 *
 * Returns: (transfer full): the header line of the failed-recipients CSV,
 *   with its "\n"
 */
char *
bd_export_csv_header (void)
{
  return g_strdup (HEADER);
}

/**
 * bd_export_failed_recipients_append:
 * @hard_only: only hard failures
 * @seen: (nullable): lower-cased addresses already written; when given,
 *   each address is written once and added to it
 *
 * Appends one row per recipient of @bounce that failed.
 */
void
bd_export_failed_recipients_append (GString        *out,
                                    const BdBounce *bounce,
                                    gboolean        hard_only,
                                    GHashTable     *seen)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (bounce != NULL);

  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      const BdRecipient *r = g_ptr_array_index (bounce->recipients, i);

      if (!bd_export_recipient_failed (bounce, r) || (hard_only && !r->hard))
        continue;
      if (seen != NULL && !g_hash_table_add (seen, g_utf8_casefold (r->address, -1)))
        continue;
      bd_export_recipient_row_append (out, bounce, r);
    }
}

/**
 * bd_export_recipient_row_append:
 *
 * Appends @r of @bounce as one row of the failed-recipients CSV (RFC 4180
 * quoting, only where needed).
 */
void
bd_export_recipient_row_append (GString           *out,
                                const BdBounce    *bounce,
                                const BdRecipient *r)
{
  bd_export_append_csv_field (out, r->address);
  g_string_append_printf (out, ",%s,", bd_reason_to_string (r->reason));
  bd_export_append_csv_field (out, r->status);
  g_string_append (out, r->hard ? ",true," : ",false,");
  bd_export_append_csv_field (out, bounce->date != NULL ? bounce->date : r->last_attempt);
  g_string_append_c (out, ',');
  bd_export_append_csv_field (out, r->diagnostic);
  g_string_append_c (out, '\n');
}

/**
 * bd_export_failed_recipients_csv:
 * @bounces: (element-type BdBounce): what a scan found, in order
 * @hard_only_unique: only the addresses to remove from a mailing list
 * @out: where the header and the rows are written (not closed)
 *
 * Returns: %TRUE when everything was written.
 */
gboolean
bd_export_failed_recipients_csv (GPtrArray      *bounces,
                                 gboolean        hard_only_unique,
                                 GOutputStream  *out,
                                 GCancellable   *cancellable,
                                 GError        **error)
{
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GString) buffer = g_string_new (HEADER);

  g_return_val_if_fail (bounces != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (hard_only_unique)
    seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < bounces->len; i++)
    {
      bd_export_failed_recipients_append (buffer, g_ptr_array_index (bounces, i), hard_only_unique, seen);
      if (buffer->len < 64 * 1024 && i + 1 < bounces->len)
        continue;
      if (!g_output_stream_write_all (out, buffer->str, buffer->len, NULL, cancellable, error))
        return FALSE;
      g_string_truncate (buffer, 0);
    }
  if (buffer->len > 0)
    return g_output_stream_write_all (out, buffer->str, buffer->len, NULL, cancellable, error);
  return TRUE;
}
