/* fuzz-dmarc.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The DMARC tag-list parser, and the DMARC check over an in-memory zone
 * (fuzz-zone.h) where the input is the record at _dmarc.example.com and
 * its further lines may publish rua authorizations or other records.
 */
#include "config.h"

#include "fuzz-zone.h"
#include "bd-dmarc.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(BdDnsZone) zone = NULL;
  g_autoptr(GHashTable) tags = NULL;
  g_autoptr(BdDmarcReport) report = NULL;
  g_autoptr(BdDmarcReport) sub = NULL;
  g_autofree char *text = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *org = NULL;
  BdDnsLookup lookup;

  fuzz_init_once ();
  if (size > 16 * 1024)
    return 0;
  zone = fuzz_zone_new (data, size, "_dmarc.example.com", &text);
  bd_dns_zone_get_lookup (zone, &lookup);

  tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  bd_dmarc_parse (text, tags, &problem);
  org = bd_dmarc_org_domain (text);
  report = bd_dmarc_check (&lookup, "example.com", NULL);
  /* the organizational-domain fallback */
  sub = bd_dmarc_check (&lookup, "mail.sub.example.com", NULL);
  return 0;
}
