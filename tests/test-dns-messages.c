/* test-dns-messages.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DNS messages without a server: malformed and random wire messages
 * (RFC 1035) and JSON answers straight into the parsers, the queries we
 * build, and the DoH client's choice of wire format (RFC 8484) or JSON
 * API from its URL. The client against real servers is test-doh-client.c.
 */
#include "config.h"

#include <string.h>

#include "bd-dns-wire.h"
#include "bd-doh-client.h"

static void
test_wire_malformed (void)
{
  /* header: id 0, QR, 1 question, 1 answer */
  static const guint8 loop[] = {
    0, 0, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0,
    0xc0, 12,                       /* the question name points at itself */
    0, 16, 0, 1,
  };
  static const guint8 truncated[] = {
    0, 0, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0,
    1, 'a', 0, 0, 16, 0, 1,
    0xc0, 12, 0, 16, 0, 1, 0, 0, 1, 44, 0, 20, 5, 'h', 'e',   /* rdata cut short */
  };
  static const guint8 bad_txt[] = {
    0, 0, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0,
    1, 'a', 0, 0, 16, 0, 1,
    0xc0, 12, 0, 16, 0, 1, 0, 0, 1, 44, 0, 3, 9, 'h', 'e',    /* string longer than rdata */
  };
  static const guint8 query_only[] = { 0, 0, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0 };
  const struct { const guint8 *data; gsize len; } cases[] = {
    { loop, sizeof loop }, { truncated, sizeof truncated }, { bad_txt, sizeof bad_txt },
    { query_only, sizeof query_only }, { loop, 5 }, { NULL, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BdDnsAnswer) answer = bd_dns_wire_parse (cases[i].data, cases[i].len, BD_DNS_TYPE_TXT, &error);

      g_assert_error (error, BD_DNS_ERROR, BD_DNS_ERROR_MALFORMED);
      g_assert_null (answer);
    }
}

/* A valid answer, then thousands of mutations of it: each gives an answer
 * or an error, never a crash (run it under ASan). */
static void
test_wire_fuzz (void)
{
  static const guint8 valid[] = {
    0, 0, 0x81, 0x80, 0, 1, 0, 2, 0, 0, 0, 0,
    4, 't', 'e', 's', 't', 0, 0, 16, 0, 1,
    0xc0, 12, 0, 16, 0, 1, 0, 0, 1, 44, 0, 6, 5, 'h', 'e', 'l', 'l', 'o',
    0xc0, 12, 0, 15, 0, 1, 0, 0, 1, 44, 0, 4, 0, 10, 0xc0, 12,
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7208);

  for (guint i = 0; i < 5000; i++)
    {
      guint8 copy[sizeof valid + 8];
      gsize length = sizeof valid;
      guint changes = g_rand_int_range (rand, 1, 4);
      g_autoptr(GError) error = NULL;
      g_autoptr(BdDnsAnswer) answer = NULL;

      memcpy (copy, valid, sizeof valid);
      for (guint j = 0; j < changes; j++)
        copy[g_rand_int_range (rand, 0, sizeof valid)] = g_rand_int_range (rand, 0, 256);
      if (g_rand_boolean (rand))
        length = g_rand_int_range (rand, 0, sizeof valid + 1);
      answer = bd_dns_wire_parse (copy, length, g_rand_boolean (rand) ? BD_DNS_TYPE_TXT : BD_DNS_TYPE_MX, &error);
      g_assert_true ((answer == NULL) == (error != NULL));
    }
}

static void
test_wire_query (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *encoded = bd_dns_wire_build_query ("example.com", BD_DNS_TYPE_A, &error);
  g_autofree char *bad = NULL;

  g_assert_no_error (error);
  /* RFC 8484 §4.1.1's example, id 0 and RD set, and AD (RFC 6840 §5.7:
   * the validating resolver says whether it checked the signatures) */
  g_assert_cmpstr (encoded, ==, "AAABIAABAAAAAAAAB2V4YW1wbGUDY29tAAABAAE");
  bad = bd_dns_wire_build_query ("a..b", BD_DNS_TYPE_A, &error);
  g_assert_error (error, BD_DNS_ERROR, BD_DNS_ERROR_INVALID);
  g_assert_null (bad);
}

static void
test_json_malformed (void)
{
  const char *bodies[] = {
    "", "[]", "null", "{}", "{\"Status\":\"0\"}", "{\"Status\":{}}", "{\"Status\":[1]}",
    "{\"Status\":2}", "{\"Status\":0,\"Answer\":{}}", "{\"Status\":0,\"Answer\":[1]}",
    "{\"Status\":0,\"Answer\":[{\"type\":\"16\",\"data\":\"x\"}]}",
    "{\"Status\":0,\"Answer\":[{\"type\":16,\"data\":16}]}",
    "{\"Status\":0,\"Answer\":[{\"type\":16}]}",
    "{\"Status\":0,\"Answer\":[{\"type\":15,\"data\":\"mx.example.\"}]}",
    "{\"Status\":0,\"Answer\":[{\"type\":1,\"data\":\"300.1.1.1\"}]}",
    "{\"Status\":0,\"Answer\":[{\"type\":16,\"data\":\"\\\"unterminated\"}]}",
  };
  const guint16 types[] = { BD_DNS_TYPE_TXT, BD_DNS_TYPE_TXT, BD_DNS_TYPE_TXT, BD_DNS_TYPE_TXT,
                            BD_DNS_TYPE_TXT, BD_DNS_TYPE_TXT, BD_DNS_TYPE_TXT, BD_DNS_TYPE_TXT,
                            BD_DNS_TYPE_TXT, BD_DNS_TYPE_TXT, BD_DNS_TYPE_TXT, BD_DNS_TYPE_TXT,
                            BD_DNS_TYPE_TXT, BD_DNS_TYPE_MX, BD_DNS_TYPE_A, BD_DNS_TYPE_TXT };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BdDnsAnswer) answer = bd_dns_json_parse (bodies[i], strlen (bodies[i]), types[i], &error);

      /* an unterminated quoted string is read up to its end, not refused */
      if (i == G_N_ELEMENTS (bodies) - 1)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (((BdDnsRecord *)answer->records->pdata[0])->data, ==, "unterminated");
          continue;
        }
      g_assert_nonnull (error);
      g_assert_true (error->domain == BD_DNS_ERROR);
      g_assert_null (answer);
    }
}

/* The AD flag of the JSON API (Google's and Cloudflare's "AD": true) and
 * a DS record as Google writes it. */
static void
test_json_ad (void)
{
  const char *secure = "{\"Status\":0,\"AD\":true,\"Answer\":[{\"name\":\"firma.pl.\",\"type\":43,\"TTL\":60,"
                       "\"data\":\"2371 13 2 c988ec42\"}]}";
  const char *insecure = "{\"Status\":0,\"AD\":false,\"Answer\":[]}";
  const char *odd = "{\"Status\":0,\"AD\":\"yes\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(BdDnsAnswer) a = bd_dns_json_parse (secure, strlen (secure), BD_DNS_TYPE_DS, &error);
  g_autoptr(BdDnsAnswer) b = bd_dns_json_parse (insecure, strlen (insecure), BD_DNS_TYPE_DS, &error);
  g_autoptr(BdDnsAnswer) c = bd_dns_json_parse (odd, strlen (odd), BD_DNS_TYPE_DS, &error);

  g_assert_no_error (error);
  g_assert_true (a->authenticated);
  g_assert_cmpstr (((BdDnsRecord *)a->records->pdata[0])->data, ==, "2371 13 2 c988ec42");
  g_assert_false (b->authenticated);
  g_assert_false (c->authenticated);
}

static void
test_protocol_choice (void)
{
  const struct { const char *url; BdDohProtocol protocol; } cases[] = {
    { "https://cloudflare-dns.com/dns-query", BD_DOH_PROTOCOL_WIRE },
    { "https://cloudflare-dns.com/dns-query?ct=application/dns-json", BD_DOH_PROTOCOL_JSON },
    { "https://dns.google/resolve", BD_DOH_PROTOCOL_JSON },
    { "https://dns.google/dns-query", BD_DOH_PROTOCOL_WIRE },
  };
  const char *bad[] = { "http://dns.example/dns-query", "dns.example", "https://", "" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BdDohClient) client = bd_doh_client_new (cases[i].url, &error);

      g_assert_no_error (error);
      g_assert_cmpint (bd_doh_client_get_protocol (client), ==, cases[i].protocol);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BdDohClient) client = bd_doh_client_new (bad[i], &error);

      g_assert_error (error, BD_DNS_ERROR, BD_DNS_ERROR_INVALID);
      g_assert_null (client);
    }
}

static void
test_json_split (void)
{
  g_auto(GStrv) quoted = bd_dns_json_split_txt ("\"a \\\"b\\\"\" \"c\\059\\\\\"");
  g_auto(GStrv) plain = bd_dns_json_split_txt ("v=spf1 -all");

  g_assert_cmpuint (g_strv_length (quoted), ==, 2);
  g_assert_cmpstr (quoted[0], ==, "a \"b\"");
  g_assert_cmpstr (quoted[1], ==, "c;\\");
  g_assert_cmpstr (plain[0], ==, "v=spf1 -all");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/dns/wire-malformed", test_wire_malformed);
  g_test_add_func ("/core/dns/wire-query", test_wire_query);
  g_test_add_func ("/core/dns/wire-fuzz", test_wire_fuzz);
  g_test_add_func ("/core/dns/json-txt", test_json_split);
  g_test_add_func ("/core/dns/json-malformed", test_json_malformed);
  g_test_add_func ("/core/dns/json-ad", test_json_ad);
  g_test_add_func ("/core/doh/protocol-choice", test_protocol_choice);
  return g_test_run ();
}
