/* test-cli-check-domain.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bounce-doctor-cli check-domain as a script would run it: the JSON
 * contract of app/DESIGN.md (every field present), the text output in English
 * and Polish, and the exit statuses. The resolver is BIND 9.18 over DoH on
 * 127.0.0.1 (start-doh-server.sh), trusted with --ca-file.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "bd-test-util.h"
#include "doh-server.h"

static DohServer bind;

/* check-domain with its arguments, NULL-terminated, after @language. */
static void
run_cli (CliRun     *run,
         const char *language,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *asan = NULL;
  const char *asan_now = g_getenv ("ASAN_OPTIONS");
  const char *extra_env[3] = { "ASAN_OPTIONS", NULL, NULL };
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (char *)"check-domain");
  va_start (ap, language);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  /* Under ASan, LeakSanitizer crashes at exit on the dynamic TLS that the
   * dlopen'ed GnuTLS module leaves in a GLib worker thread ("Tracer caught
   * signal 11"): no leak check in the child. test-domain-check runs the
   * same code in-process with the leak check on. */
  asan = g_strconcat (asan_now ? asan_now : "", asan_now ? ":" : "", "detect_leaks=0", NULL);
  extra_env[1] = asan;
  cli_run_argv (run, language, NULL, extra_env, (const char *const *)args->pdata);
}

static gboolean
need_bind (void)
{
  if (bind.url == NULL)
    {
      g_test_skip (bind.skip_reason);
      return FALSE;
    }
  return TRUE;
}

static void
assert_members (JsonObject  *object,
                const char **names)
{
  g_assert_cmpuint (json_object_get_size (object), ==, g_strv_length ((char **)names));
  for (guint i = 0; names[i]; i++)
    if (!json_object_has_member (object, names[i]))
      g_error ("member %s missing", names[i]);
}

static gboolean
has_finding (JsonArray  *findings,
             const char *id)
{
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);
      const char *members[] = { "id", "severity", "area", "message", "fix", "record", NULL };

      assert_members (finding, members);
      if (g_str_equal (json_object_get_string_member (finding, "id"), id))
        return TRUE;
    }
  return FALSE;
}

static void
test_json (void)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *resolver = NULL;
  JsonObject *root, *spf, *dkim, *dnsbl;
  const char *top[] = { "domain", "resolver", "ip", "mx", "spf", "dmarc", "dkim", "dnsbl", "dnssec", "starttls", "reverse_dns", "mta_sts", "tls_rpt", "bimi", "findings", NULL };
  const char *dnssec_members[] = { "signed", "ds", "validated", "bogus", "findings", NULL };
  const char *spf_members[] = { "record", "lookups", "void_lookups", "result", "matched", "findings", NULL };
  const char *dmarc_members[] = { "record", "found_at", "policy", "findings", NULL };
  const char *dkim_members[] = { "selector", "record", "key_type", "key_bits", "findings", NULL };
  const char *dnsbl_members[] = { "list", "status", "detail", NULL };

  if (!need_bind ())
    return;
  ca = g_strdup_printf ("--ca-file=%s", bind.ca_file);
  resolver = g_strdup_printf ("--resolver=%s", bind.url);
  run_cli (&run, "en", "--format=json", resolver, ca, "--ip=192.0.2.99", "--selector=k1024",
           "--dnsbl=bl.dnsbl.test", "--dnsbl=spamhaus.dnsbl.test", "good.bd.test", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  assert_members (root, top);
  g_assert_cmpstr (json_object_get_string_member (root, "domain"), ==, "good.bd.test");
  g_assert_cmpstr (json_object_get_string_member (root, "resolver"), ==, bind.url);
  g_assert_cmpstr (json_object_get_string_member (root, "ip"), ==, "192.0.2.99");

  spf = json_object_get_object_member (root, "spf");
  assert_members (spf, spf_members);
  g_assert_cmpstr (json_object_get_string_member (spf, "result"), ==, "fail");
  g_assert_cmpstr (json_object_get_string_member (spf, "matched"), ==, "-all");
  g_assert_cmpint (json_object_get_int_member (spf, "lookups"), ==, 1);
  assert_members (json_object_get_object_member (root, "dmarc"), dmarc_members);
  assert_members (json_object_get_object_member (root, "dnssec"), dnssec_members);

  dkim = json_array_get_object_element (json_object_get_array_member (root, "dkim"), 0);
  assert_members (dkim, dkim_members);
  g_assert_cmpint (json_object_get_int_member (dkim, "key_bits"), ==, 1024);

  dnsbl = json_array_get_object_element (json_object_get_array_member (root, "dnsbl"), 1);
  assert_members (dnsbl, dnsbl_members);
  g_assert_cmpstr (json_object_get_string_member (dnsbl, "status"), ==, "uncheckable");

  g_assert_true (has_finding (json_object_get_array_member (root, "findings"), "spf-ip-not-permitted"));
  g_assert_true (has_finding (json_object_get_array_member (root, "findings"), "dkim-weak-key"));
  g_assert_true (has_finding (json_object_get_array_member (root, "findings"), "dnsbl-uncheckable"));
  g_assert_false (has_finding (json_object_get_array_member (root, "findings"), "dnsbl-listed"));
}

static void
test_json_nulls (void)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *resolver = NULL;
  JsonObject *root;

  if (!need_bind ())
    return;
  ca = g_strdup_printf ("--ca-file=%s", bind.ca_file);
  resolver = g_strdup_printf ("--resolver=%s", bind.url);
  run_cli (&run, "en", "--format=json", resolver, ca, "--selector=s1", "plain.test", NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_null_member (root, "ip"));
  g_assert_true (json_object_get_null_member (root, "reverse_dns"));
  g_assert_true (json_object_get_null_member (json_object_get_object_member (root, "spf"), "record"));
  g_assert_true (json_object_get_null_member (json_object_get_object_member (root, "spf"), "result"));
  g_assert_true (json_object_get_null_member (json_object_get_object_member (root, "dmarc"), "policy"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "dnsbl")), ==, 0);
  g_assert_true (has_finding (json_object_get_array_member (root, "findings"), "mx-missing"));
  g_assert_true (has_finding (json_object_get_array_member (root, "findings"), "spf-missing"));
  g_assert_true (has_finding (json_object_get_array_member (root, "findings"), "dmarc-missing"));
  g_assert_true (has_finding (json_object_get_array_member (root, "findings"), "dkim-missing"));
}

static void
test_text (void)
{
  g_auto(CliRun) en = { 0 };
  g_auto(CliRun) pl = { 0 };
  g_autofree char *ca = NULL;
  g_autofree char *resolver = NULL;

  if (!need_bind ())
    return;
  ca = g_strdup_printf ("--ca-file=%s", bind.ca_file);
  resolver = g_strdup_printf ("--resolver=%s", bind.url);
  run_cli (&en, "en", resolver, ca, "--selector=s1", "chain.bd.test", NULL);
  g_assert_cmpint (en.status, ==, 0);
  g_assert_nonnull (strstr (en.out, "include:c1.bd.test → c1.bd.test (2 look-ups)"));
  g_assert_nonnull (strstr (en.out, "The SPF record needs 12 DNS look-ups"));

  run_cli (&pl, "pl", resolver, ca, "--selector=s1", "chain.bd.test", NULL);
  g_assert_cmpint (pl.status, ==, 0);
  g_assert_nonnull (strstr (pl.out, "Rekord SPF wymaga 12 zapytań DNS"));
  g_assert_nonnull (strstr (pl.out, "(2 zapytania DNS)"));
}

/* --fix: the message for the hosting company, with the exact record, in
 * the user's language; the JSON finding carries the same record. */
static void
test_fix (void)
{
  g_auto(CliRun) en = { 0 };
  g_auto(CliRun) pl = { 0 };
  g_auto(CliRun) json = { 0 };
  g_auto(CliRun) good = { 0 };
  g_auto(CliRun) both = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *resolver = NULL;
  JsonArray *findings;
  gboolean seen = FALSE;

  if (!need_bind ())
    return;
  ca = g_strdup_printf ("--ca-file=%s", bind.ca_file);
  resolver = g_strdup_printf ("--resolver=%s", bind.url);
  run_cli (&en, "en", resolver, ca, "--selector=s1", "--ip=192.0.2.99", "--fix", "neutral.bd.test", NULL);
  g_assert_cmpint (en.status, ==, 0);
  g_assert_true (g_str_has_prefix (en.out, "Hello,"));
  g_assert_nonnull (strstr (en.out, "The SPF record ends in “?all”"));
  g_assert_nonnull (strstr (en.out, "Name: neutral.bd.test\nType: TXT\nValue: v=spf1 ip4:192.0.2.99 ~all\n"));

  run_cli (&pl, "pl", resolver, ca, "--selector=s1", "--ip=192.0.2.99", "--fix", "neutral.bd.test", NULL);
  g_assert_cmpint (pl.status, ==, 0);
  g_assert_true (g_str_has_prefix (pl.out, "Dzień dobry,"));
  g_assert_nonnull (strstr (pl.out, "Nazwa: neutral.bd.test\nTyp: TXT\nWartość: v=spf1 ip4:192.0.2.99 ~all\n"));

  run_cli (&json, "en", resolver, ca, "--selector=s1", "--ip=192.0.2.99", "--format=json", "neutral.bd.test", NULL);
  g_assert_cmpint (json.status, ==, 0);
  json_parser_load_from_data (parser, json.out, -1, &error);
  g_assert_no_error (error);
  findings = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);
      JsonObject *record;

      if (!g_str_equal (json_object_get_string_member (finding, "id"), "spf-ip-not-permitted"))
        continue;
      record = json_object_get_object_member (finding, "record");
      g_assert_cmpstr (json_object_get_string_member (record, "name"), ==, "neutral.bd.test");
      g_assert_cmpstr (json_object_get_string_member (record, "type"), ==, "TXT");
      g_assert_cmpstr (json_object_get_string_member (record, "value"), ==, "v=spf1 ip4:192.0.2.99 ~all");
      seen = TRUE;
    }
  g_assert_true (seen);

  run_cli (&good, "en", resolver, ca, "--selector=s1", "--ip=203.0.113.7", "--fix", "good.bd.test", NULL);
  g_assert_cmpint (good.status, ==, 0);
  g_assert_true (g_str_has_prefix (good.out, "Nothing to fix"));
  run_cli (&both, "en", "--fix", "--format=json", "good.bd.test", NULL);
  g_assert_cmpint (both.status, ==, 2);
}

static void
test_errors (void)
{
  g_auto(CliRun) no_domain = { 0 };
  g_auto(CliRun) bad_format = { 0 };
  g_auto(CliRun) bad_ip = { 0 };
  g_auto(CliRun) http = { 0 };
  g_auto(CliRun) unreachable = { 0 };
  g_auto(CliRun) untrusted = { 0 };
  g_autofree char *resolver = NULL;

  run_cli (&no_domain, "en", NULL);
  g_assert_cmpint (no_domain.status, ==, 2);
  run_cli (&bad_format, "en", "--format=csv", "firma.pl", NULL);
  g_assert_cmpint (bad_format.status, ==, 2);
  g_assert_nonnull (strstr (bad_format.err, "“csv”"));
  run_cli (&bad_ip, "en", "--ip=300.1.1.1", "firma.pl", NULL);
  g_assert_cmpint (bad_ip.status, ==, 2);
  run_cli (&http, "en", "--resolver=http://127.0.0.1/dns-query", "firma.pl", NULL);
  g_assert_cmpint (http.status, ==, 2);
  g_assert_nonnull (strstr (http.err, "https://"));

  /* nothing listens on port 1: a clear message and exit 1, no hang */
  run_cli (&unreachable, "en", "--resolver=https://127.0.0.1:1/dns-query", "firma.pl", NULL);
  g_assert_cmpint (unreachable.status, ==, 1);
  g_assert_nonnull (strstr (unreachable.err, "Cannot reach the DNS resolver 127.0.0.1"));

  if (!need_bind ())
    return;
  /* the test CA is not trusted unless given */
  resolver = g_strdup_printf ("--resolver=%s", bind.url);
  run_cli (&untrusted, "pl", resolver, "good.bd.test", NULL);
  g_assert_cmpint (untrusted.status, ==, 1);
  g_assert_nonnull (strstr (untrusted.err, "nie potwierdził swojej tożsamości"));
}

/* Issue 17: every look-up of a check goes over one HTTP/2 connection
 * (BIND's DoH speaks only HTTP/2; libsoup multiplexes the requests as
 * streams). libsoup's own debug log names each frame's connection and
 * stream, "[C1-S3]": one connection, many streams. */
static void
test_one_connection (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *ca = NULL;
  g_autofree char *resolver = NULL;
  g_autoptr(GRegex) frame = g_regex_new ("\\[C([0-9]+)-S([0-9]+)\\]", 0, 0, NULL);
  g_autoptr(GHashTable) connections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) streams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *log = NULL;
  const char *env[] = { "G_MESSAGES_DEBUG", "libsoup-http2", "ASAN_OPTIONS", "detect_leaks=0", NULL };
  const char *args[] = { "check-domain", NULL, NULL, "good.bd.test", NULL };

  if (!need_bind ())
    return;
  ca = g_strdup_printf ("--ca-file=%s", bind.ca_file);
  resolver = g_strdup_printf ("--resolver=%s", bind.url);
  args[1] = resolver;
  args[2] = ca;
  cli_run_argv (&run, "en", NULL, env, args);
  g_assert_cmpint (run.status, ==, 0);
  log = g_strconcat (run.out, run.err, NULL);
  for (g_regex_match (frame, log, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_hash_table_add (connections, g_match_info_fetch (match, 1));
      g_hash_table_add (streams, g_match_info_fetch (match, 0));
    }
  g_assert_cmpuint (g_hash_table_size (connections), ==, 1);
  g_assert_cmpuint (g_hash_table_size (streams), >=, 10);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  doh_server_start (&bind);
  g_test_add_func ("/cli/check-domain/json", test_json);
  g_test_add_func ("/cli/check-domain/json-nulls", test_json_nulls);
  g_test_add_func ("/cli/check-domain/text", test_text);
  g_test_add_func ("/cli/check-domain/fix", test_fix);
  g_test_add_func ("/cli/check-domain/errors", test_errors);
  g_test_add_func ("/cli/check-domain/one-http2-connection", test_one_connection);
  ret = g_test_run ();
  doh_server_stop (&bind);
  return ret;
}
