/* fuzz-zone.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input of the DNS-record fuzz targets as a tiny zone: the first line
 * is the TXT record under test at @first_name; each further line is
 * "NAME TYPE DATA" with TYPE one letter (T TXT, A A, 6 AAAA, M MX, C CNAME,
 * P PTR, X: the name times out). A few fixed records let a, mx and ptr
 * terms find something.
 */
#pragma once

#include "fuzz-common.h"
#include "bd-dns-zone.h"

static inline void
fuzz_zone_add_line (BdDnsZone  *zone,
                    const char *line)
{
  g_auto(GStrv) f = g_strsplit (line, " ", 3);
  const char *strings[2] = { NULL, NULL };
  BdDnsRecord *record;

  if (f[0] == NULL || f[1] == NULL || f[0][0] == '\0')
    return;
  switch (f[1][0])
    {
    case 'A': record = bd_dns_record_new (BD_DNS_TYPE_A, 60, f[2] ? f[2] : ""); break;
    case '6': record = bd_dns_record_new (BD_DNS_TYPE_AAAA, 60, f[2] ? f[2] : ""); break;
    case 'M': record = bd_dns_record_new (BD_DNS_TYPE_MX, 60, f[2] ? f[2] : ""); break;
    case 'C': record = bd_dns_record_new (BD_DNS_TYPE_CNAME, 60, f[2] ? f[2] : ""); break;
    case 'P': record = bd_dns_record_new (BD_DNS_TYPE_PTR, 60, f[2] ? f[2] : ""); break;
    case 'X': bd_dns_zone_add_timeout (zone, f[0]); return;
    default:
      strings[0] = f[2] ? f[2] : "";
      record = bd_dns_record_new_txt (60, strings);
      break;
    }
  bd_dns_zone_add (zone, f[0], record);
}

static inline BdDnsZone *
fuzz_zone_new (const uint8_t *data,
               size_t         size,
               const char    *first_name,
               char         **first_record)
{
  g_autofree char *text = fuzz_strdup (data, size);
  g_auto(GStrv) lines = g_strsplit (text, "\n", 64);
  BdDnsZone *zone = bd_dns_zone_new ();
  const char *fixed[] = {
    "example.com A 192.0.2.1", "example.com 6 2001:db8::1", "example.com M mx.example.com",
    "mx.example.com A 192.0.2.2", "1.2.0.192.in-addr.arpa P example.com",
  };
  const char *strings[2] = { lines[0] ? lines[0] : "", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    fuzz_zone_add_line (zone, fixed[i]);
  bd_dns_zone_add (zone, first_name, bd_dns_record_new_txt (60, strings));
  for (guint i = 1; lines[0] && lines[i]; i++)
    fuzz_zone_add_line (zone, lines[i]);
  *first_record = g_strdup (strings[0]);
  return zone;
}
