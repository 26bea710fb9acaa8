/* test-starttls.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The optional STARTTLS probe of the MX hosts, end to end: BIND over DoH
 * names the MX (mx.tls.bd.test → 127.0.0.1) and smtp-server.h answers on a
 * free port with certificates from the test CA. A server with a good
 * certificate, one for the wrong name, one without STARTTLS, one that never
 * says a word and a port where nothing listens: each gives its finding,
 * never a hang, and the rest of the check completes.
 */
#include "config.h"

#include <string.h>

#include "bd-domain-check.h"
#include "doh-server.h"
#include "smtp-server.h"

static DohServer bind;
static SmtpServer smtp;
static char *good_cert;
static char *wrong_cert;
static char *expiring_cert;

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
run (guint16 port)
{
  g_autoptr(BdDohClient) client = NULL;
  g_autoptr(GError) error = NULL;
  char *selectors[] = { (char *)"s1", NULL };
  BdDomainCheckOptions options = { (char *)"tls.bd.test", NULL, selectors, NULL };
  Result result = { 0 };

  options.starttls = TRUE;
  options.smtp_port = port;
  options.smtp_timeout = 2;
  options.tls_ca_file = bind.ca_file;
  client = bd_doh_client_new (bind.url, &error);
  g_assert_no_error (error);
  bd_doh_client_set_ca_file (client, bind.ca_file, &error);
  g_assert_no_error (error);
  bd_doh_client_set_timeout (client, 15000);
  bd_domain_check_async (client, &options, NULL, NULL, NULL, done_cb, &result);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (result.error);
  /* the rest of the check is there whatever the probe found */
  g_assert_nonnull (result.report->spf);
  g_assert_nonnull (result.report->dmarc);
  return result.report;
}

static const BdFinding *
find_starttls (BdDomainReport *report)
{
  for (guint i = 0; i < report->starttls_findings->len; i++)
    g_test_message ("have %s", ((BdFinding *)report->starttls_findings->pdata[i])->id);
  return report->starttls_findings->len ? report->starttls_findings->pdata[0] : NULL;
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
test_good (void)
{
  g_autoptr(BdDomainReport) report = NULL;
  const BdStarttlsResult *result;

  if (!need_servers ())
    return;
  smtp.mode = SMTP_STARTTLS;
  smtp_server_set_certificate (&smtp, good_cert);
  report = run (smtp.port);
  g_assert_cmpuint (report->starttls->len, ==, 1);
  result = report->starttls->pdata[0];
  g_assert_true (result->reached);
  g_assert_true (result->starttls);
  g_assert_true (result->encrypted);
  g_assert_cmpstr (result->greeting, ==, "220 mx.test ESMTP test server");
  g_assert_cmpuint (result->names->len, ==, 1);
  g_assert_cmpstr (result->names->pdata[0], ==, "mx.tls.bd.test");
  g_assert_nonnull (result->not_after);
  g_assert_cmpint (result->errors, ==, 0);
  g_assert_null (find_starttls (report));
}

static void
test_wrong_name (void)
{
  g_autoptr(BdDomainReport) report = NULL;
  const BdFinding *finding;

  if (!need_servers ())
    return;
  smtp.mode = SMTP_STARTTLS;
  smtp_server_set_certificate (&smtp, wrong_cert);   /* for 127.0.0.1 and localhost */
  report = run (smtp.port);
  finding = find_starttls (report);
  g_assert_nonnull (finding);
  g_assert_cmpstr (finding->id, ==, "mx-tls-certificate");
  g_assert_nonnull (strstr (finding->message, "localhost"));
  g_assert_true (((BdStarttlsResult *)report->starttls->pdata[0])->errors & G_TLS_CERTIFICATE_BAD_IDENTITY);
}

static void
test_expiring (void)
{
  g_autoptr(BdDomainReport) report = NULL;

  if (!need_servers ())
    return;
  smtp.mode = SMTP_STARTTLS;
  smtp_server_set_certificate (&smtp, expiring_cert);
  report = run (smtp.port);
  g_assert_cmpstr (find_starttls (report)->id, ==, "mx-tls-expiring");
  g_assert_nonnull (strstr (find_starttls (report)->message, "mx.tls.bd.test"));
}

static void
test_no_starttls (void)
{
  g_autoptr(BdDomainReport) report = NULL;

  if (!need_servers ())
    return;
  smtp.mode = SMTP_PLAIN;
  report = run (smtp.port);
  g_assert_cmpstr (find_starttls (report)->id, ==, "mx-starttls-missing");
}

static void
test_silent (void)
{
  g_autoptr(BdDomainReport) report = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!need_servers ())
    return;
  smtp.mode = SMTP_SILENT;
  report = run (smtp.port);
  g_assert_cmpstr (find_starttls (report)->id, ==, "mx-smtp-unreachable");
  g_assert_nonnull (strstr (find_starttls (report)->message, "Port 25"));
  /* the 2 s timeout, not a hang */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

static void
test_nothing_listens (void)
{
  g_autoptr(BdDomainReport) report = NULL;

  if (!need_servers ())
    return;
  report = run (1);   /* tcpmux: nothing listens there */
  g_assert_cmpstr (find_starttls (report)->id, ==, "mx-smtp-unreachable");
}

/* Off by default: no connection at all. */
static void
test_off (void)
{
  g_autoptr(BdDohClient) client = NULL;
  g_autoptr(GError) error = NULL;
  char *selectors[] = { (char *)"s1", NULL };
  BdDomainCheckOptions options = { (char *)"tls.bd.test", NULL, selectors, NULL };
  Result result = { 0 };

  if (!need_servers ())
    return;
  client = bd_doh_client_new (bind.url, &error);
  bd_doh_client_set_ca_file (client, bind.ca_file, &error);
  g_assert_no_error (error);
  bd_domain_check_async (client, &options, NULL, NULL, NULL, done_cb, &result);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (result.error);
  g_assert_null (result.report->starttls);
  bd_domain_report_free (result.report);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_message ("no TLS backend: the probe tests are skipped");
      return g_test_run ();
    }
  doh_server_start (&bind);
  if (bind.url != NULL)
    {
      g_autofree char *script = g_test_build_filename (G_TEST_DIST, "make-server-cert.sh", NULL);
      const char *days[] = { "90", "2" };

      for (guint i = 0; i < G_N_ELEMENTS (days); i++)
        {
          const char *argv_cert[] = { script, bind.dir, "mx.tls.bd.test", days[i], NULL };
          g_autoptr(GError) error = NULL;
          int status;

          g_spawn_sync (NULL, (char **)argv_cert, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
          g_assert_no_error (error);
          g_assert_true (g_spawn_check_wait_status (status, NULL));
        }
      good_cert = g_build_filename (bind.dir, "mx.tls.bd.test-90.pem", NULL);
      expiring_cert = g_build_filename (bind.dir, "mx.tls.bd.test-2.pem", NULL);
      wrong_cert = g_build_filename (bind.dir, "server.pem", NULL);
      smtp_server_start (&smtp, good_cert);
    }
  g_test_add_func ("/core/starttls/good", test_good);
  g_test_add_func ("/core/starttls/wrong-name", test_wrong_name);
  g_test_add_func ("/core/starttls/expiring", test_expiring);
  g_test_add_func ("/core/starttls/no-starttls", test_no_starttls);
  g_test_add_func ("/core/starttls/silent", test_silent);
  g_test_add_func ("/core/starttls/nothing-listens", test_nothing_listens);
  g_test_add_func ("/core/starttls/off", test_off);
  ret = g_test_run ();
  smtp_server_stop (&smtp);
  doh_server_stop (&bind);
  g_free (good_cert);
  g_free (wrong_cert);
  g_free (expiring_cert);
  return ret;
}
