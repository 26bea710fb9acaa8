/* fuzz-spf.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SPF record parser, and check_host() evaluating it over an in-memory
 * zone (fuzz-zone.h): with an IPv4 and an IPv6 sending address, and
 * without one (the walk that counts look-ups), as the domain check does.
 */
#include "config.h"

#include "fuzz-zone.h"
#include "bd-spf-check.h"
#include "bd-spf-record.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(BdDnsZone) zone = NULL;
  g_autoptr(BdSpfRecord) record = NULL;
  g_autoptr(BdSpfReport) report = NULL;
  g_autoptr(BdSpfCheck) check = NULL;
  g_autofree char *text = NULL;
  g_autofree char *error_term = NULL;
  g_autofree char *fixed = NULL;
  BdDnsLookup lookup;

  fuzz_init_once ();
  if (size > 16 * 1024)
    return 0;
  zone = fuzz_zone_new (data, size, "example.com", &text);
  bd_dns_zone_get_lookup (zone, &lookup);

  bd_spf_is_record (text);
  record = bd_spf_record_parse (text, &error_term);
  report = bd_spf_check_host (&lookup, "2001:db8::7", "example.com", "", "helo.example.com", NULL);
  check = bd_spf_check (&lookup, "example.com", "192.0.2.7", NULL);
  fixed = bd_spf_record_with_ip (text, "192.0.2.7");
  return 0;
}
