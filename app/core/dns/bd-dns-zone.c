/* bd-dns-zone.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-dns"

#include "config.h"

#include "bd-dns-zone.h"

typedef struct
{
  GPtrArray *records;   /* BdDnsRecord */
  gboolean   timeout;   /* any query with no answer of its type times out */
} Node;

struct _BdDnsZone
{
  GMutex      mutex;
  GHashTable *nodes;    /* normalized name → Node */
};

static void
node_free (Node *node)
{
  g_ptr_array_unref (node->records);
  g_free (node);
}

BdDnsZone *
bd_dns_zone_new (void)
{
  BdDnsZone *zone = g_new0 (BdDnsZone, 1);

  g_mutex_init (&zone->mutex);
  zone->nodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)node_free);
  return zone;
}

void
bd_dns_zone_free (BdDnsZone *zone)
{
  if (zone == NULL)
    return;
  g_hash_table_unref (zone->nodes);
  g_mutex_clear (&zone->mutex);
  g_free (zone);
}

static Node *
ensure_node (BdDnsZone  *zone,
             const char *name)
{
  g_autofree char *key = bd_dns_normalize_name (name);
  Node *node = g_hash_table_lookup (zone->nodes, key);

  if (node == NULL)
    {
      node = g_new0 (Node, 1);
      node->records = g_ptr_array_new_with_free_func ((GDestroyNotify)bd_dns_record_free);
      g_hash_table_insert (zone->nodes, g_steal_pointer (&key), node);
    }
  return node;
}

void
bd_dns_zone_add (BdDnsZone   *zone,
                 const char  *name,
                 BdDnsRecord *record)
{
  g_return_if_fail (zone != NULL && name != NULL && record != NULL);
  g_ptr_array_add (ensure_node (zone, name)->records, record);
}

void
bd_dns_zone_add_timeout (BdDnsZone  *zone,
                         const char *name)
{
  g_return_if_fail (zone != NULL && name != NULL);
  ensure_node (zone, name)->timeout = TRUE;
}

static BdDnsRecord *
record_copy (const BdDnsRecord *record)
{
  BdDnsRecord *copy;

  if (record->type == BD_DNS_TYPE_TXT)
    return bd_dns_record_new_txt (record->ttl, (const char * const *)record->strings);
  copy = bd_dns_record_new (record->type, record->ttl, record->data);
  copy->preference = record->preference;
  return copy;
}

static BdDnsAnswer *
zone_lookup (gpointer       user_data,
             const char    *name,
             guint16        type,
             GCancellable  *cancellable,
             GError       **error)
{
  BdDnsZone *zone = user_data;
  g_autoptr(BdDnsAnswer) answer = NULL;
  g_autofree char *current = bd_dns_normalize_name (name);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&zone->mutex);

  /* Follow CNAMEs a few steps, as a recursive resolver would. */
  for (guint hop = 0; hop < 8; hop++)
    {
      Node *node = g_hash_table_lookup (zone->nodes, current);
      const BdDnsRecord *cname = NULL;

      if (node == NULL)
        return bd_dns_answer_new (BD_DNS_RCODE_NXDOMAIN);

      answer = bd_dns_answer_new (BD_DNS_RCODE_NOERROR);
      for (guint i = 0; i < node->records->len; i++)
        {
          const BdDnsRecord *record = g_ptr_array_index (node->records, i);

          if (record->type == type)
            bd_dns_answer_add (answer, record_copy (record));
          else if (record->type == BD_DNS_TYPE_CNAME)
            cname = record;
        }
      if (answer->records->len > 0)
        return g_steal_pointer (&answer);
      if (node->timeout)
        {
          g_set_error (error, BD_DNS_ERROR, BD_DNS_ERROR_TIMEOUT, "DNS timeout for %s", name);
          return NULL;
        }
      if (cname == NULL || type == BD_DNS_TYPE_CNAME)
        return g_steal_pointer (&answer);
      g_free (current);
      current = bd_dns_normalize_name (cname->data);
      g_clear_pointer (&answer, bd_dns_answer_unref);
    }
  g_set_error (error, BD_DNS_ERROR, BD_DNS_ERROR_SERVER, "CNAME chain too long at %s", name);
  return NULL;
}

void
bd_dns_zone_get_lookup (BdDnsZone   *zone,
                        BdDnsLookup *lookup)
{
  g_return_if_fail (zone != NULL && lookup != NULL);
  lookup->func = zone_lookup;
  lookup->user_data = zone;
}
