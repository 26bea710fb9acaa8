/* test-domain-fix.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fix, ready to send: the corrected record of each finding (app/DESIGN.md's
 * `record`), one record per name and kind with every fix applied, and the
 * message for the hosting company; and the reverse DNS of the sending
 * server, whose fix is such a record. Against BIND serving tests/fixtures/dns/
 * over DoH on 127.0.0.1, as test-domain-check.
 */
#include "config.h"

#include <string.h>

#include "bd-domain-check.h"
#include "bd-domain-fix.h"
#include "doh-server.h"

static DohServer bind;

typedef struct
{
  BdDomainReport *report;
  GError         *error;
  gboolean        done;
} Result;

static void
done_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  Result *result = user_data;

  result->report = bd_domain_check_finish (BD_DOH_CLIENT (object), res, &result->error);
  result->done = TRUE;
}

static BdDomainReport *
run (const char *domain,
     const char *ip)
{
  g_autoptr(BdDohClient) client = NULL;
  g_autoptr(GError) error = NULL;
  char *selectors[] = { (char *)"s1", NULL };
  char *dnsbls[] = { (char *)"clean.dnsbl.test", NULL };
  BdDomainCheckOptions options = { (char *)domain, (char *)ip, selectors, dnsbls };
  Result result = { 0 };

  client = bd_doh_client_new (bind.url, &error);
  g_assert_no_error (error);
  bd_doh_client_set_ca_file (client, bind.ca_file, &error);
  g_assert_no_error (error);
  bd_doh_client_set_timeout (client, 15000);
  bd_domain_check_async (client, &options, NULL, NULL, NULL, done_cb, &result);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (result.error);
  return result.report;
}

static const BdFinding *
find (BdDomainReport *report,
      const char     *id)
{
  for (guint i = 0; i < report->findings->len; i++)
    if (g_str_equal (((BdFinding *)report->findings->pdata[i])->id, id))
      return report->findings->pdata[i];
  g_error ("%s: no finding %s", report->domain, id);
  return NULL;
}

static void
assert_record (BdDomainReport *report,
               const char     *id,
               const char     *name,
               const char     *value)
{
  const BdFinding *finding = find (report, id);

  if (value == NULL)
    {
      g_assert_null (finding->record);
      return;
    }
  g_assert_nonnull (finding->record);
  g_assert_cmpstr (finding->record->name, ==, name);
  g_assert_cmpstr (finding->record->type, ==, "TXT");
  g_assert_cmpstr (finding->record->value, ==, value);
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

/* Every finding of the SPF and DMARC areas that has a record to publish,
 * and some that must not (a guess would mislead the hosting company). */
static void
test_records (void)
{
  const struct { const char *domain; const char *ip; const char *id; const char *name; const char *value; } cases[] = {
    { "nospf.bd.test", NULL, "spf-missing", "nospf.bd.test", "v=spf1 mx ~all" },
    { "nospf.bd.test", "192.0.2.99", "spf-missing", "nospf.bd.test", "v=spf1 mx ip4:192.0.2.99 ~all" },
    { "twospf.bd.test", NULL, "spf-multiple", "twospf.bd.test", "v=spf1 ip4:192.0.2.1 -all" },
    { "allpass.bd.test", NULL, "spf-all-pass", "allpass.bd.test", "v=spf1 -all" },
    { "neutral.bd.test", NULL, "spf-all-neutral", "neutral.bd.test", "v=spf1 ~all" },
    { "noall.bd.test", NULL, "spf-no-all", "noall.bd.test", "v=spf1 ip4:192.0.2.1 ~all" },
    { "ptr.bd.test", NULL, "spf-ptr", NULL, NULL },
    { "ptr.bd.test", "192.0.2.99", "spf-ptr", "ptr.bd.test", "v=spf1 ip4:192.0.2.99 -all" },
    { "good.bd.test", "192.0.2.99", "spf-ip-not-permitted", "good.bd.test", "v=spf1 mx ip4:203.0.113.7 ip4:192.0.2.99 -all" },
    { "good.bd.test", "2001:db8::1", "spf-ip-not-permitted", "good.bd.test", "v=spf1 mx ip4:203.0.113.7 ip6:2001:db8::1 -all" },
    { "chain.bd.test", NULL, "spf-too-many-lookups", NULL, NULL },
    { "syntax.bd.test", NULL, "spf-syntax", NULL, NULL },
    { "plain.test", NULL, "dmarc-missing", "_dmarc.plain.test", "v=DMARC1; p=none; rua=mailto:dmarc-reports@plain.test" },
    { "none.bd.test", NULL, "dmarc-policy-none", "_dmarc.none.bd.test", "v=DMARC1; p=quarantine" },
    { "none.bd.test", NULL, "dmarc-no-rua", "_dmarc.none.bd.test", "v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@none.bd.test" },
    { "tworec.bd.test", NULL, "dmarc-multiple", NULL, NULL },
    { "unauth.bd.test", NULL, "dmarc-rua-unauthorized", "unauth.bd.test._report._dmarc.elsewhere.test", "v=DMARC1" },
    { "badsyntax.bd.test", NULL, "dmarc-syntax", NULL, NULL },
    { "nomx.bd.test", NULL, "mx-missing", NULL, NULL },
  };

  if (!need_bind ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BdDomainReport) report = run (cases[i].domain, cases[i].ip);

      g_test_message ("%s %s", cases[i].domain, cases[i].id);
      assert_record (report, cases[i].id, cases[i].name, cases[i].value);
    }
}

/* Two fixes of one record: the list to publish has it once, with both. */
static void
test_one_record_per_name (void)
{
  g_autoptr(BdDomainReport) report = NULL;
  g_autoptr(GPtrArray) records = NULL;
  const BdFixRecord *spf = NULL, *dmarc = NULL;

  if (!need_bind ())
    return;
  report = run ("neutral.bd.test", "192.0.2.99");
  records = bd_domain_fix_records (report);
  /* the SPF record once, with both fixes (beside the TLS-RPT record) */
  for (guint i = 0; i < records->len; i++)
    if (g_str_has_prefix (((BdFixRecord *)records->pdata[i])->value, "v=spf1"))
      {
        g_assert_null (spf);
        spf = records->pdata[i];
      }
  g_assert_nonnull (spf);
  g_assert_cmpstr (spf->value, ==, "v=spf1 ip4:192.0.2.99 ~all");
  g_clear_pointer (&records, g_ptr_array_unref);
  g_clear_pointer (&report, bd_domain_report_free);

  report = run ("none.bd.test", NULL);
  records = bd_domain_fix_records (report);
  for (guint i = 0; i < records->len; i++)
    if (g_str_has_prefix (((BdFixRecord *)records->pdata[i])->value, "v=DMARC1"))
      {
        g_assert_null (dmarc);
        dmarc = records->pdata[i];
      }
  g_assert_nonnull (dmarc);
  g_assert_cmpstr (dmarc->value, ==, "v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@none.bd.test");
}

/* The sending server's PTR and whether it points back (iprev). */
static void
test_rdns (void)
{
  const struct { const char *ip; const char *id; gboolean confirmed; } cases[] = {
    { "192.0.2.41", NULL, TRUE },
    { "192.0.2.42", "rdns-not-confirmed", FALSE },
    { "192.0.2.43", "rdns-missing", FALSE },
    { "192.0.2.44", "rdns-not-confirmed", FALSE },
  };

  if (!need_bind ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BdDomainReport) report = run ("good.bd.test", cases[i].ip);

      g_test_message ("%s", cases[i].ip);
      g_assert_nonnull (report->rdns);
      g_assert_cmpint (report->rdns->confirmed, ==, cases[i].confirmed);
      if (cases[i].id == NULL)
        {
          g_assert_cmpuint (report->rdns->findings->len, ==, 0);
          g_assert_cmpstr (report->rdns->names->pdata[0], ==, "mail.rdns.bd.test");
          continue;
        }
      g_assert_cmpint (find (report, cases[i].id)->severity, ==,
                       g_str_equal (cases[i].id, "rdns-missing") ? BD_SEVERITY_ERROR : BD_SEVERITY_WARNING);
      if (g_str_equal (cases[i].ip, "192.0.2.44"))
        {
          /* the fix is the exact record: the PTR name's A → the IP */
          const BdFinding *finding = find (report, "rdns-not-confirmed");

          g_assert_cmpstr (finding->record->name, ==, "other.rdns.bd.test");
          g_assert_cmpstr (finding->record->type, ==, "A");
          g_assert_cmpstr (finding->record->value, ==, "192.0.2.44");
        }
    }
}

static void
test_message (void)
{
  g_autoptr(BdDomainReport) report = NULL;
  g_autoptr(BdDomainReport) good = NULL;
  g_autofree char *message = NULL;
  g_autofree char *none = NULL;
  const char *spf, *dmarc;

  if (!need_bind ())
    return;
  report = run ("nospf.bd.test", "192.0.2.99");
  message = bd_domain_fix_message (report);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, "nospf.bd.test"));
  /* what is wrong, each problem once, the resolver's note excluded */
  g_assert_nonnull (strstr (message, find (report, "spf-missing")->message));
  g_assert_nonnull (strstr (message, find (report, "mx-missing")->message));
  /* a problem without a record keeps its advice */
  g_assert_nonnull (strstr (message, find (report, "mx-missing")->fix));
  /* the exact records */
  spf = strstr (message, "Name: nospf.bd.test\nType: TXT\nValue: v=spf1 mx ip4:192.0.2.99 ~all\n");
  dmarc = strstr (message, "Name: _dmarc.bd.test");
  g_assert_nonnull (spf);
  g_assert_null (dmarc);   /* bd.test's DMARC record is right: not in the message */
  g_assert_nonnull (strstr (message, bind.url));

  /* nothing wrong: no message */
  good = run ("good.bd.test", "203.0.113.7");
  none = bd_domain_fix_message (good);
  g_assert_null (none);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_message ("no TLS backend: the DoH tests are skipped");
      return g_test_run ();
    }
  doh_server_start (&bind);
  g_test_add_func ("/core/domain-fix/records", test_records);
  g_test_add_func ("/core/domain-fix/one-record-per-name", test_one_record_per_name);
  g_test_add_func ("/core/domain-fix/message", test_message);
  g_test_add_func ("/core/domain-fix/rdns", test_rdns);
  ret = g_test_run ();
  doh_server_stop (&bind);
  return ret;
}
