/* test-mta-sts.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MTA-STS, SMTP TLS reporting and BIMI end to end: BIND over DoH serves
 * tests/fixtures/dns/sts.test.zone, and https-server.h serves the MTA-STS
 * policies over HTTPS with a certificate from the test CA. Bad answers (too
 * large, slow, HTML, redirected, not a policy) each give a clear finding,
 * never a hang, and the rest of the check completes.
 */
#include "config.h"

#include <string.h>

#include "bd-domain-check.h"
#include "doh-server.h"
#include "https-server.h"

static DohServer bind;
static HttpsServer https;

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
run_with_bimi (const char *domain,
               const char *bimi_selector)
{
  g_autoptr(BdDohClient) client = NULL;
  g_autoptr(GError) error = NULL;
  char *selectors[] = { (char *)"s1", NULL };
  BdDomainCheckOptions options = { (char *)domain, NULL, selectors, NULL };
  Result result = { 0 };

  options.https_port = https.port;
  options.smtp_timeout = 2;
  options.tls_ca_file = bind.ca_file;
  options.bimi_selector = (char *)bimi_selector;
  client = bd_doh_client_new (bind.url, &error);
  g_assert_no_error (error);
  bd_doh_client_set_ca_file (client, bind.ca_file, &error);
  g_assert_no_error (error);
  bd_doh_client_set_timeout (client, 15000);
  bd_domain_check_async (client, &options, NULL, NULL, NULL, done_cb, &result);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (result.error);
  g_assert_nonnull (result.report->spf);
  return result.report;
}

static BdDomainReport *
run (const char *domain)
{
  return run_with_bimi (domain, NULL);
}

static const BdFinding *
find (BdDomainReport *report,
      const char     *id)
{
  for (guint i = 0; i < report->findings->len; i++)
    if (g_str_equal (((BdFinding *)report->findings->pdata[i])->id, id))
      return report->findings->pdata[i];
  for (guint i = 0; i < report->findings->len; i++)
    g_test_message ("have %s", ((BdFinding *)report->findings->pdata[i])->id);
  return NULL;
}

static gboolean
need_servers (void)
{
  if (bind.url == NULL)
    {
      g_test_skip (bind.skip_reason);
      return FALSE;
    }
  return TRUE;
}

static void
test_policy_good (void)
{
  g_autoptr(BdDomainReport) report = NULL;

  if (!need_servers ())
    return;
  report = run ("good.sts.test");
  for (guint i = 0; i < report->mta_sts->findings->len; i++)
    g_test_message ("%s", ((BdFinding *)report->mta_sts->findings->pdata[i])->message);
  g_assert_cmpuint (report->mta_sts->findings->len, ==, 0);
  g_assert_cmpstr (report->mta_sts->mode, ==, "enforce");
  g_assert_cmpint (report->mta_sts->max_age, ==, 604800);
  g_assert_cmpstr (report->mta_sts->mx->pdata[0], ==, "mx.good.sts.test");
  g_assert_cmpuint (report->tlsrpt->findings->len, ==, 0);
  g_assert_cmpuint (report->bimi->findings->len, ==, 0);
  g_assert_nonnull (report->bimi->record);
}

/* A message that names a BIMI selector (its BIMI-Selector header) is
 * shown with that record's logo, not default._bimi's (issue 17). */
static void
test_bimi_selector (void)
{
  g_autoptr(BdDomainReport) named = NULL;
  g_autoptr(BdDomainReport) missing = NULL;

  if (!need_servers ())
    return;
  named = run_with_bimi ("good.sts.test", "brand");
  g_assert_nonnull (strstr (named->bimi->record, "https://good.sts.test/brand.svg"));
  g_assert_cmpuint (named->bimi->findings->len, ==, 0);
  /* a selector with no record: none, as for a domain without BIMI */
  missing = run_with_bimi ("good.sts.test", "nosuch");
  g_assert_null (missing->bimi->record);
}

static void
test_policy_cases (void)
{
  const struct { const char *domain; const char *id; BdSeverity severity; const char *words; } cases[] = {
    { "mismatch.sts.test", "mta-sts-mx-mismatch", BD_SEVERITY_ERROR, "mx.mismatch.sts.test" },
    { "testing.sts.test", "mta-sts-testing", BD_SEVERITY_INFO, "testing" },
    { "testing.sts.test", "mta-sts-max-age-short", BD_SEVERITY_WARNING, "3600" },
    { "huge.sts.test", "mta-sts-policy-unavailable", BD_SEVERITY_ERROR, "64 KB" },
    { "slow.sts.test", "mta-sts-policy-unavailable", BD_SEVERITY_ERROR, "mta-sts.slow.sts.test" },
    { "type.sts.test", "mta-sts-policy-unavailable", BD_SEVERITY_ERROR, "text/html" },
    { "redirect.sts.test", "mta-sts-policy-unavailable", BD_SEVERITY_ERROR, "https://www.example.com/mta-sts.txt" },
    { "nocert.sts.test", "mta-sts-policy-unavailable", BD_SEVERITY_ERROR, "not valid for mta-sts.nocert.sts.test" },
    { "invalid.sts.test", "mta-sts-policy-invalid", BD_SEVERITY_ERROR, "STSv1" },
    { "tworecords.sts.test", "mta-sts-record-invalid", BD_SEVERITY_ERROR, "_mta-sts.tworecords.sts.test" },
    { "tlsbad.sts.test", "mta-sts-missing", BD_SEVERITY_INFO, "tlsbad.sts.test" },
    { "tlsbad.sts.test", "tlsrpt-invalid", BD_SEVERITY_WARNING, "_smtp._tls.tlsbad.sts.test" },
    { "bimibad.sts.test", "tlsrpt-missing", BD_SEVERITY_INFO, "_smtp._tls" },
    { "bimibad.sts.test", "bimi-invalid", BD_SEVERITY_WARNING, "default._bimi.bimibad.sts.test" },
    { "biminone.sts.test", "bimi-dmarc-not-enforced", BD_SEVERITY_WARNING, "DMARC" },
  };

  if (!need_servers ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BdDomainReport) report = NULL;
      const BdFinding *finding;

      g_test_message ("%s %s", cases[i].domain, cases[i].id);
      report = run (cases[i].domain);
      finding = find (report, cases[i].id);
      g_assert_nonnull (finding);
      g_assert_cmpint (finding->severity, ==, cases[i].severity);
      if (strstr (finding->message, cases[i].words) == NULL && strstr (finding->fix, cases[i].words) == NULL)
        g_error ("%s: “%s” not in “%s”", cases[i].id, cases[i].words, finding->message);
    }
}

/* The TLS-RPT fix is the exact record. */
static void
test_tlsrpt_record (void)
{
  g_autoptr(BdDomainReport) report = NULL;
  const BdFinding *finding;

  if (!need_servers ())
    return;
  report = run ("tlsbad.sts.test");
  finding = find (report, "tlsrpt-invalid");
  g_assert_cmpstr (finding->record->name, ==, "_smtp._tls.tlsbad.sts.test");
  g_assert_cmpstr (finding->record->value, ==, "v=TLSRPTv1; rua=mailto:tls-reports@tlsbad.sts.test");
}

static void
test_mx_patterns (void)
{
  g_assert_true (bd_mta_sts_mx_matches ("mx.firma.pl", "MX.firma.pl"));
  g_assert_true (bd_mta_sts_mx_matches ("*.firma.pl", "mx1.firma.pl"));
  g_assert_false (bd_mta_sts_mx_matches ("*.firma.pl", "a.mx1.firma.pl"));   /* one label only */
  g_assert_false (bd_mta_sts_mx_matches ("*.firma.pl", "firma.pl"));
  g_assert_false (bd_mta_sts_mx_matches ("mx.firma.pl", "mx.firma.pl.evil"));
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/mta-sts/mx-patterns", test_mx_patterns);
  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    return g_test_run ();
  doh_server_start (&bind);
  if (bind.url != NULL)
    {
      g_autofree char *script = g_test_build_filename (G_TEST_DIST, "make-server-cert.sh", NULL);
      const char *names[] = { "good", "mismatch", "testing", "huge", "slow", "type", "redirect", "invalid" };
      g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *cert = NULL;
      g_autoptr(GError) error = NULL;
      int status;

      g_ptr_array_add (args, g_strdup (script));
      g_ptr_array_add (args, g_strdup (bind.dir));
      g_ptr_array_add (args, g_strdup ("mta-sts.good.sts.test"));
      g_ptr_array_add (args, g_strdup ("30"));
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        g_ptr_array_add (args, g_strdup_printf ("mta-sts.%s.sts.test", names[i]));
      g_ptr_array_add (args, NULL);
      g_spawn_sync (NULL, (char **)args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      cert = g_build_filename (bind.dir, "mta-sts.good.sts.test-30.pem", NULL);
      https_server_start (&https, cert);
    }
  g_test_add_func ("/core/mta-sts/good", test_policy_good);
  g_test_add_func ("/core/mta-sts/bimi-selector", test_bimi_selector);
  g_test_add_func ("/core/mta-sts/cases", test_policy_cases);
  g_test_add_func ("/core/mta-sts/tlsrpt-record", test_tlsrpt_record);
  ret = g_test_run ();
  https_server_stop (&https);
  doh_server_stop (&bind);
  return ret;
}
