/* test-spf-suite.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The RFC 7208 test suite (../shared/conformance/spf/, JSON copy) against
 * bd_spf_check_host() and an in-memory zone. Zone data follows pyspf's test
 * harness: type SPF records are served as TXT when the name has no TXT
 * entry (we are a TXT-only implementation, as RFC 7208 requires), and
 * "TIMEOUT" makes any query with no answer of its type time out.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "bd-dns-zone.h"
#include "bd-spf.h"

static guint n_run, n_pass;
static GString *failures;

static void
add_txt (BdDnsZone *zone,
         const char *name,
         JsonNode  *value)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new ();

  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (strings, (char *)json_array_get_string_element (array, i));
    }
  else
    g_ptr_array_add (strings, (char *)json_node_get_string (value));
  g_ptr_array_add (strings, NULL);
  bd_dns_zone_add (zone, name, bd_dns_record_new_txt (300, (const char * const *)strings->pdata));
}

static void
load_name (BdDnsZone  *zone,
           const char *name,
           JsonArray  *records)
{
  gboolean has_txt = FALSE;

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonNode *entry = json_array_get_element (records, i);

      if (JSON_NODE_HOLDS_OBJECT (entry) && json_object_has_member (json_node_get_object (entry), "TXT"))
        has_txt = TRUE;
    }
  /* the name exists even when it has no record of any type we serve:
   * a record of type 0, which no query asks for */
  bd_dns_zone_add (zone, name, bd_dns_record_new (0, 300, ""));
  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonNode *entry = json_array_get_element (records, i);
      JsonObject *object;
      JsonNode *value;
      const char *type;

      if (JSON_NODE_HOLDS_VALUE (entry))
        continue;   /* "TIMEOUT", handled below */
      object = json_node_get_object (entry);
      type = json_object_get_members (object)->data;
      value = json_object_get_member (object, type);
      if (JSON_NODE_HOLDS_VALUE (value) && g_strcmp0 (json_node_get_string (value), "NONE") == 0)
        continue;
      if (strcmp (type, "TXT") == 0 || (strcmp (type, "SPF") == 0 && !has_txt))
        add_txt (zone, name, value);
      else if (strcmp (type, "MX") == 0)
        {
          JsonArray *mx = json_node_get_array (value);
          BdDnsRecord *record = bd_dns_record_new (BD_DNS_TYPE_MX, 300, json_array_get_string_element (mx, 1));

          record->preference = json_array_get_int_element (mx, 0);
          bd_dns_zone_add (zone, name, record);
        }
      else if (strcmp (type, "A") == 0 || strcmp (type, "AAAA") == 0
               || strcmp (type, "PTR") == 0 || strcmp (type, "CNAME") == 0)
        {
          guint16 t = type[0] == 'A' ? (type[1] ? BD_DNS_TYPE_AAAA : BD_DNS_TYPE_A)
                      : type[0] == 'P' ? BD_DNS_TYPE_PTR : BD_DNS_TYPE_CNAME;

          bd_dns_zone_add (zone, name, bd_dns_record_new (t, 300, json_node_get_string (value)));
        }
    }
}

static gboolean
has_timeout (JsonArray *records)
{
  for (guint i = 0; i < json_array_get_length (records); i++)
    if (JSON_NODE_HOLDS_VALUE (json_array_get_element (records, i)))
      return TRUE;
  return FALSE;
}

static BdDnsZone *
load_zone (JsonObject *zonedata)
{
  BdDnsZone *zone = bd_dns_zone_new ();
  g_autoptr(GList) names = json_object_get_members (zonedata);

  for (GList *l = names; l; l = l->next)
    {
      JsonArray *records = json_object_get_array_member (zonedata, l->data);

      load_name (zone, l->data, records);
      if (has_timeout (records))
        bd_dns_zone_add_timeout (zone, l->data);
    }
  return zone;
}

static gboolean
result_ok (JsonNode   *expected,
           const char *got)
{
  if (JSON_NODE_HOLDS_ARRAY (expected))
    {
      JsonArray *array = json_node_get_array (expected);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (g_strcmp0 (json_array_get_string_element (array, i), got) == 0)
          return TRUE;
      return FALSE;
    }
  return g_strcmp0 (json_node_get_string (expected), got) == 0;
}

static void
run_scenario (JsonObject *scenario)
{
  g_autoptr(BdDnsZone) zone = load_zone (json_object_get_object_member (scenario, "zonedata"));
  JsonObject *tests = json_object_get_object_member (scenario, "tests");
  g_autoptr(GList) names = json_object_get_members (tests);
  BdDnsLookup lookup;

  bd_dns_zone_get_lookup (zone, &lookup);
  for (GList *l = names; l; l = l->next)
    {
      JsonObject *test = json_object_get_object_member (tests, l->data);
      const char *mailfrom = json_object_get_string_member (test, "mailfrom");
      const char *helo = json_object_get_string_member (test, "helo");
      const char *host = json_object_get_string_member (test, "host");
      const char *at = strrchr (mailfrom, '@');
      const char *domain = (*mailfrom && at) ? at + 1 : helo;
      g_autoptr(BdSpfReport) report = NULL;
      const char *got;

      report = bd_spf_check_host (&lookup, host, domain, mailfrom, helo, NULL);
      got = bd_spf_result_to_string (report->result);
      n_run++;
      if (result_ok (json_object_get_member (test, "result"), got))
        n_pass++;
      else
        g_string_append_printf (failures, "%s: got %s (%s)\n", (char *)l->data, got,
                                report->problem_detail ? report->problem_detail : "");
    }
}

/* Runs every scenario of the suite given as JSON text. */
static void
run_suite (char  *text,
           gsize  length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *scenarios;

  /* C strings can't hold the NUL of the "a-null"/"mx-null" records; the
   * DoH client turns a NUL inside a TXT string into U+001A as well, so the
   * record stays invalid, as the suite wants. */
  for (char *p = strstr (text, "\\u0000"); p; p = strstr (p, "\\u0000"))
    memcpy (p, "\\u001a", 6);
  json_parser_load_from_data (parser, text, length, &error);
  g_assert_no_error (error);
  n_run = n_pass = 0;
  failures = g_string_new (NULL);
  scenarios = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (scenarios); i++)
    run_scenario (json_array_get_object_element (scenarios, i));

  g_test_message ("RFC 7208 suite: %u of %u tests pass", n_pass, n_run);
  if (failures->len)
    g_test_message ("failures:\n%s", failures->str);
  g_assert_cmpuint (n_run, ==, 203);
  g_assert_cmpuint (n_pass, ==, n_run);
  g_string_free (failures, TRUE);
}

/* BD_SHARED_DIR names another copy of ../shared. */
static char *
suite_path (const char *name)
{
  const char *shared = g_getenv ("BD_SHARED_DIR");

  if (shared != NULL && *shared)
    return g_build_filename (shared, "conformance", "spf", name, NULL);
  return g_build_filename (g_getenv ("BD_SOURCE_ROOT"), "..", "shared",
                           "conformance", "spf", name, NULL);
}

static void
test_suite_json (void)
{
  g_autofree char *path = suite_path ("rfc7208-tests.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("../shared/conformance/spf is absent");
      return;
    }
  g_file_get_contents (path, &text, &length, &error);
  g_assert_no_error (error);
  run_suite (text, length);
}

/* The YAML copy (as pyspf ships it), read through Python's yaml module:
 * skipped when that is not installed. */
static void
test_suite_yaml (void)
{
  g_autofree char *path = suite_path ("rfc7208-tests.yml");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = {
    "python3", "-c",
    "import sys, json, yaml\n"
    "docs = [d for d in yaml.safe_load_all(open(sys.argv[1], encoding='utf-8')) if d]\n"
    "json.dump(docs, sys.stdout)\n",
    NULL, NULL,
  };
  int status;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("../shared/conformance/spf is absent");
      return;
    }
  argv[3] = path;
  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &text, &err, &status, NULL)
      || !g_spawn_check_wait_status (status, NULL))
    {
      g_test_skip ("python3 with the yaml module is needed to read the YAML copy");
      return;
    }
  run_suite (text, strlen (text));
}

/* Random records built from real and broken terms, macros included: the
 * evaluator gives a result, never a crash or a hang. */
static void
test_fuzz (void)
{
  static const char *terms[] = {
    "a", "mx", "ptr", "-all", "~all", "?all", "+all", "include:x.example", "include:%{d}",
    "exists:%{i}.%{l1r-}.e.example", "ip4:192.0.2.0/24", "ip6:2001:db8::/32", "a:x.example/24//64",
    "redirect=x.example", "exp=%{d}", "mx:%{o}", "a/33", "ip4:1.2.3", "include:", "%{", "%{d99999}",
    "exists:%{ir}.%{v}._spf.%{d2}", "a:%{h}.%{p}", "foo=bar", "x:y", "ptr:%{d1}", "  ", "%%", "%_%-",
    "include:loop.example", "redirect=%{d}", "mx:nomx.example", "a:void.example",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (4408);

  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr(GString) record = g_string_new ("v=spf1");
      g_autoptr(BdDnsZone) zone = bd_dns_zone_new ();
      g_autoptr(BdSpfReport) with_ip = NULL;
      g_autoptr(BdSpfReport) walk = NULL;
      guint n = g_rand_int_range (rand, 0, 8);
      BdDnsLookup lookup;

      bd_dns_zone_add (zone, "x.example", bd_dns_record_new_txt (60, (const char *[]) { "v=spf1 a mx include:loop.example -all", NULL }));
      bd_dns_zone_add (zone, "loop.example", bd_dns_record_new_txt (60, (const char *[]) { "v=spf1 include:x.example ?all", NULL }));
      bd_dns_zone_add (zone, "x.example", bd_dns_record_new (BD_DNS_TYPE_A, 60, "192.0.2.1"));
      bd_dns_zone_add (zone, "x.example", bd_dns_record_new (BD_DNS_TYPE_MX, 60, "x.example"));
      bd_dns_zone_add (zone, "4.3.2.1.in-addr.arpa", bd_dns_record_new (BD_DNS_TYPE_PTR, 60, "x.example"));
      for (guint j = 0; j < n; j++)
        g_string_append_printf (record, " %s", terms[g_rand_int_range (rand, 0, G_N_ELEMENTS (terms))]);
      bd_dns_zone_add (zone, "fuzz.example", bd_dns_record_new_txt (60, (const char *[]) { record->str, NULL }));
      bd_dns_zone_get_lookup (zone, &lookup);

      with_ip = bd_spf_check_host (&lookup, "1.2.3.4", "fuzz.example", "user@fuzz.example", "helo.example", NULL);
      walk = bd_spf_check_host (&lookup, NULL, "fuzz.example", NULL, NULL, NULL);
      g_assert_cmpint (with_ip->result, <=, BD_SPF_PERMERROR);
      g_assert_cmpuint (walk->lookups, <=, 61);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/spf/rfc7208-suite-json", test_suite_json);
  g_test_add_func ("/core/spf/rfc7208-suite-yaml", test_suite_yaml);
  g_test_add_func ("/core/spf/fuzz", test_fuzz);
  return g_test_run ();
}
