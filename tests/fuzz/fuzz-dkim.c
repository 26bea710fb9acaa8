/* fuzz-dkim.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The DKIM key-record parser and its check over an in-memory zone
 * (fuzz-zone.h: the input is the record at s1._domainkey.example.com),
 * and the DER reader of RSA keys on the raw input bytes.
 */
#include "config.h"

#include "fuzz-zone.h"
#include "bd-dkim-record.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(BdDnsZone) zone = NULL;
  g_autoptr(BdDkimReport) report = NULL;
  g_autoptr(BdDkimReport) parsed = g_new0 (BdDkimReport, 1);
  g_autofree char *text = NULL;
  BdDnsLookup lookup;

  fuzz_init_once ();
  if (size > 16 * 1024)
    return 0;
  parsed->findings = bd_findings_new ();
  bd_dkim_rsa_key_bits (data, size);
  zone = fuzz_zone_new (data, size, "s1._domainkey.example.com", &text);
  bd_dns_zone_get_lookup (zone, &lookup);

  bd_dkim_record_parse (text, parsed);
  report = bd_dkim_check (&lookup, "example.com", "s1", TRUE, NULL);
  return 0;
}
