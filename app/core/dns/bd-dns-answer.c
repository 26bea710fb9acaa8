/* bd-dns-answer.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-dns"

#include "config.h"

#include <string.h>

#include "bd-dns-answer.h"

G_DEFINE_QUARK (bd-dns-error-quark, bd_dns_error)

BdDnsRecord *
bd_dns_record_new (guint16     type,
                   guint32     ttl,
                   const char *data)
{
  BdDnsRecord *record = g_new0 (BdDnsRecord, 1);

  record->type = type;
  record->ttl = ttl;
  record->data = g_strdup (data);
  return record;
}

BdDnsRecord *
bd_dns_record_new_txt (guint32             ttl,
                       const char * const *strings)
{
  BdDnsRecord *record = g_new0 (BdDnsRecord, 1);

  record->type = BD_DNS_TYPE_TXT;
  record->ttl = ttl;
  record->strings = g_strdupv ((char **)strings);
  /* RFC 7208 §3.3: the strings are glued together with no separator */
  record->data = g_strjoinv ("", record->strings);
  return record;
}

void
bd_dns_record_free (BdDnsRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->data);
  g_strfreev (record->strings);
  g_free (record);
}

BdDnsAnswer *
bd_dns_answer_new (int rcode)
{
  BdDnsAnswer *answer = g_atomic_rc_box_new0 (BdDnsAnswer);

  answer->rcode = rcode;
  answer->records = g_ptr_array_new_with_free_func ((GDestroyNotify)bd_dns_record_free);
  answer->ttl = G_MAXUINT32;
  return answer;
}

BdDnsAnswer *
bd_dns_answer_ref (BdDnsAnswer *answer)
{
  g_return_val_if_fail (answer != NULL, NULL);
  return g_atomic_rc_box_acquire (answer);
}

static void
answer_clear (gpointer data)
{
  BdDnsAnswer *answer = data;

  g_ptr_array_unref (answer->records);
}

void
bd_dns_answer_unref (BdDnsAnswer *answer)
{
  if (answer != NULL)
    g_atomic_rc_box_release_full (answer, answer_clear);
}

void
bd_dns_answer_add (BdDnsAnswer *answer,
                   BdDnsRecord *record)
{
  g_return_if_fail (answer != NULL);
  g_return_if_fail (record != NULL);

  answer->ttl = MIN (answer->ttl, record->ttl);
  g_ptr_array_add (answer->records, record);
}

/* RFC 7208 §4.6.4: a "void lookup" is NXDOMAIN or an empty answer. */
gboolean
bd_dns_answer_is_void (const BdDnsAnswer *answer)
{
  g_return_val_if_fail (answer != NULL, TRUE);
  return answer->rcode == BD_DNS_RCODE_NXDOMAIN || answer->records->len == 0;
}

/* Lower case, without the final dot: the form the cache and zones key on. */
char *
bd_dns_normalize_name (const char *name)
{
  g_autofree char *lower = NULL;
  gsize len;

  g_return_val_if_fail (name != NULL, NULL);

  lower = g_ascii_strdown (name, -1);
  len = strlen (lower);
  if (len > 1 && lower[len - 1] == '.')
    lower[len - 1] = '\0';
  return g_steal_pointer (&lower);
}

BdDnsAnswer *
bd_dns_lookup (const BdDnsLookup  *lookup,
               const char         *name,
               guint16             type,
               GCancellable       *cancellable,
               GError            **error)
{
  g_return_val_if_fail (lookup != NULL && lookup->func != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return lookup->func (lookup->user_data, name, type, cancellable, error);
}
