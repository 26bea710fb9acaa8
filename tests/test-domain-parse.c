/* test-domain-parse.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The domain check's parsers and helpers without a server: DKIM key
 * sizes, DMARC tags and the organizational domain, SPF fixes against an
 * in-memory zone, DNSBL query names, and the resolver settings. The check
 * end to end over DoH is test-domain-check.c.
 */
#include "config.h"

#include <string.h>

#include "bd-dns-zone.h"
#include "bd-domain-check.h"
#include "bd-resolver-settings.h"

static void
test_key_bits (void)
{
  /* SEQUENCE { SEQUENCE { OID rsaEncryption, NULL }, BIT STRING { SEQUENCE { INTEGER (0x00 0xC1 + 63 bytes), INTEGER 3 } } } */
  guint8 der[100];
  gsize n = 0;
  const guint8 algo[] = { 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00 };

  der[n++] = 0x30; der[n++] = 15 + 2 + 1 + 2 + 2 + 65 + 3;
  memcpy (der + n, algo, sizeof algo); n += sizeof algo;
  der[n++] = 0x03; der[n++] = 1 + 2 + 2 + 65 + 3; der[n++] = 0;
  der[n++] = 0x30; der[n++] = 2 + 65 + 3;
  der[n++] = 0x02; der[n++] = 65; der[n++] = 0x00; der[n++] = 0xc1;
  memset (der + n, 0xab, 63); n += 63;
  der[n++] = 0x02; der[n++] = 1; der[n++] = 3;
  g_assert_cmpuint (bd_dkim_rsa_key_bits (der, n), ==, 512);
  /* cut anywhere: 0, never a read past the end */
  for (gsize cut = 0; cut < n; cut++)
    g_assert_cmpuint (bd_dkim_rsa_key_bits (der, cut), ==, 0);
  /* a length that claims more than there is */
  der[1] = 0x82;
  g_assert_cmpuint (bd_dkim_rsa_key_bits (der, n), ==, 0);
}

static void
test_dmarc_parse (void)
{
  const struct { const char *record; gboolean ok; } cases[] = {
    { "v=DMARC1; p=none", TRUE },
    { "v=DMARC1;p=reject;pct=100;rua=mailto:a@b.example,mailto:c@d.example!10m", TRUE },
    { "v=DMARC1; p=maybe", FALSE },
    { "p=none; v=DMARC1", FALSE },
    { "v=DMARC1; p=none; pct=101", FALSE },
    { "v=DMARC1; p=none; rua=https://x.example", FALSE },
    { "v=DMARC1; p=none; adkim=x", FALSE },
    { "v=DMARC1", FALSE },
    { "v=DMARC1; p=reject; np=reject; fo=1:d", TRUE },
    { "v=DMARC1; p=reject; np=maybe", FALSE },
    { "v=DMARC1; p=reject; fo=2", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GHashTable) tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autofree char *problem = NULL;

      g_assert_cmpint (bd_dmarc_parse (cases[i].record, tags, &problem), ==, cases[i].ok);
    }
  {
    /* the tags themselves, names in lower case, values as written */
    g_autoptr(GHashTable) tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    g_autofree char *problem = NULL;

    g_assert_true (bd_dmarc_parse ("v=DMARC1; P=reject; sp=none ; pct=50; adkim=s; rua=mailto:a@b.example",
                                   tags, &problem));
    g_assert_null (problem);
    g_assert_cmpstr (g_hash_table_lookup (tags, "v"), ==, "DMARC1");
    g_assert_cmpstr (g_hash_table_lookup (tags, "p"), ==, "reject");
    g_assert_cmpstr (g_hash_table_lookup (tags, "sp"), ==, "none");
    g_assert_cmpstr (g_hash_table_lookup (tags, "pct"), ==, "50");
    g_assert_cmpstr (g_hash_table_lookup (tags, "adkim"), ==, "s");
    g_assert_cmpstr (g_hash_table_lookup (tags, "rua"), ==, "mailto:a@b.example");
    g_assert_cmpuint (g_hash_table_size (tags), ==, 6);
  }
  {
    g_autoptr(GHashTable) tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    g_autofree char *problem = NULL;

    g_assert_false (bd_dmarc_parse ("v=DMARC1; p=reject; sp=maybe", tags, &problem));
    g_assert_cmpstr (problem, ==, "sp");
  }
  {
    g_autofree char *org = bd_dmarc_org_domain ("mail.firma.com.pl");
    g_autofree char *plain = bd_dmarc_org_domain ("firma.pl");

    g_assert_cmpstr (org, ==, "firma.com.pl");
    g_assert_cmpstr (plain, ==, "firma.pl");
  }
}

static void
test_helpers (void)
{
  g_autofree char *v4 = bd_dnsbl_query_name ("203.0.113.7", "bl.example");
  g_autofree char *v6 = bd_dnsbl_query_name ("2001:db8::1", "bl.example");
  g_autofree char *fixed = bd_spf_record_with_ip ("v=spf1 mx ~all", "2001:db8::1");
  g_autofree char *fixed_redirect = bd_spf_record_with_ip ("v=spf1 mx redirect=_spf.example", "192.0.2.1");

  g_assert_cmpstr (v4, ==, "7.113.0.203.bl.example");
  g_assert_cmpstr (v6, ==, "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.bl.example");
  g_assert_cmpstr (fixed, ==, "v=spf1 mx ip6:2001:db8::1 ~all");
  g_assert_cmpstr (fixed_redirect, ==, "v=spf1 mx ip4:192.0.2.1 redirect=_spf.example");

  /* a top-level redirect= replaces the record: its terms decide */
  {
    g_autoptr(BdDnsZone) zone = bd_dns_zone_new ();
    g_autoptr(BdSpfReport) report = NULL;
    BdDnsLookup lookup;

    bd_dns_zone_add (zone, "r.example", bd_dns_record_new_txt (60, (const char *[]) { "v=spf1 redirect=t.example", NULL }));
    bd_dns_zone_add (zone, "t.example", bd_dns_record_new_txt (60, (const char *[]) { "v=spf1 ip4:192.0.2.1 include:u.example -all", NULL }));
    bd_dns_zone_add (zone, "u.example", bd_dns_record_new_txt (60, (const char *[]) { "v=spf1 ip4:192.0.2.2 -all", NULL }));
    bd_dns_zone_get_lookup (zone, &lookup);
    report = bd_spf_check_host (&lookup, "192.0.2.1", "r.example", NULL, NULL, NULL);
    g_assert_cmpint (report->result, ==, BD_SPF_PASS);
    g_assert_cmpstr (report->matched, ==, "ip4:192.0.2.1");
    g_clear_pointer (&report, bd_spf_report_free);
    report = bd_spf_check_host (&lookup, "192.0.2.2", "r.example", NULL, NULL, NULL);
    g_assert_cmpstr (report->matched, ==, "include:u.example");
    g_assert_cmpuint (report->lookups, ==, 2);
    g_assert_cmpuint (report->tree->children->len, ==, 1);
    g_assert_cmpuint (((BdSpfNode *)report->tree->children->pdata[0])->children->len, ==, 1);
  }
}

static void
test_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(BdResolverSettings) defaults = NULL;
  g_autoptr(BdResolverSettings) quad9 = NULL;
  g_autoptr(BdResolverSettings) custom = NULL;
  const char *lists[] = { "bl.example", NULL };

  if (schema == NULL || !g_settings_schema_has_key (schema, "resolver"))
    {
      g_test_skip ("the compiled schema is not in GSETTINGS_SCHEMA_DIR");
      return;
    }
  settings = g_settings_new (APP_ID);
  defaults = bd_resolver_settings_load ();
  g_assert_cmpstr (defaults->resolver_url, ==, BD_DOH_CLOUDFLARE_URL);
  g_assert_null (defaults->ca_file);
  g_assert_null (defaults->selectors);
  g_assert_cmpstr (defaults->dnsbls[0], ==, "zen.spamhaus.org");
  for (guint i = 0; defaults->dnsbls[i]; i++)
    g_assert_null (strstr (defaults->dnsbls[i], "sorbs"));

  g_settings_set_string (settings, "resolver", "quad9");
  quad9 = bd_resolver_settings_load ();
  g_assert_cmpstr (quad9->resolver_url, ==, BD_DOH_QUAD9_URL);

  g_settings_set_string (settings, "resolver", "custom");
  g_settings_set_string (settings, "resolver-url", "https://dns.firma.pl/dns-query");
  g_settings_set_string (settings, "resolver-ca-file", "/etc/firma-ca.pem");
  g_settings_set_strv (settings, "dnsbl-lists", lists);
  custom = bd_resolver_settings_load ();
  g_assert_cmpstr (custom->resolver_url, ==, "https://dns.firma.pl/dns-query");
  g_assert_cmpstr (custom->ca_file, ==, "/etc/firma-ca.pem");
  g_assert_cmpstr (custom->dnsbls[0], ==, "bl.example");
  g_settings_reset (settings, "resolver");
  g_settings_reset (settings, "resolver-url");
  g_settings_reset (settings, "resolver-ca-file");
  g_settings_reset (settings, "dnsbl-lists");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/domain-check/key-bits", test_key_bits);
  g_test_add_func ("/core/domain-check/dmarc-parse", test_dmarc_parse);
  g_test_add_func ("/core/domain-check/helpers", test_helpers);
  g_test_add_func ("/core/domain-check/settings", test_settings);
  return g_test_run ();
}
