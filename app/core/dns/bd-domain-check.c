/* bd-domain-check.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each area runs in its own thread, so their DNS queries go out in
 * parallel; the DoH client serves them all from its main context.
 */
#define G_LOG_DOMAIN "bd-domain-check"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-domain-check.h"

typedef struct
{
  const BdDnsLookup          *lookup;
  const BdDomainCheckOptions *options;
  GCancellable               *cancellable;
  BdDomainReport             *report;
  BdDomainCheckProgress       progress;
  gpointer                    progress_data;
  GMainContext               *context;
  GMutex                      mutex;
  guint                       done;
  guint                       n_areas;
} Run;

typedef struct
{
  BdDomainCheckProgress progress;
  gpointer              data;
  const char           *area;
  double                fraction;
} ProgressCall;

void
bd_domain_report_free (BdDomainReport *report)
{
  if (report == NULL)
    return;
  g_free (report->domain);
  g_free (report->resolver);
  g_free (report->ip);
  bd_mx_report_free (report->mx);
  bd_spf_check_free (report->spf);
  bd_dmarc_report_free (report->dmarc);
  bd_dnssec_report_free (report->dnssec);
  g_clear_pointer (&report->starttls, g_ptr_array_unref);
  g_clear_pointer (&report->starttls_findings, g_ptr_array_unref);
  bd_rdns_report_free (report->rdns);
  bd_mta_sts_report_free (report->mta_sts);
  bd_txt_area_report_free (report->tlsrpt);
  bd_txt_area_report_free (report->bimi);
  g_clear_pointer (&report->dkim, g_ptr_array_unref);
  g_clear_pointer (&report->dnsbl, g_ptr_array_unref);
  g_clear_pointer (&report->dnsbl_findings, g_ptr_array_unref);
  g_clear_pointer (&report->findings, g_ptr_array_unref);
  g_free (report);
}

static gboolean
progress_cb (gpointer user_data)
{
  ProgressCall *call = user_data;

  call->progress (call->area, call->fraction, call->data);
  return G_SOURCE_REMOVE;
}

static void
area_done (Run        *run,
           const char *area)
{
  ProgressCall *call;
  guint done;

  g_mutex_lock (&run->mutex);
  done = ++run->done;
  g_mutex_unlock (&run->mutex);
  if (run->progress == NULL)
    return;
  call = g_new0 (ProgressCall, 1);
  call->progress = run->progress;
  call->data = run->progress_data;
  call->area = area;
  call->fraction = done / (double)run->n_areas;
  if (run->context)
    g_main_context_invoke_full (run->context, G_PRIORITY_DEFAULT, progress_cb, call, g_free);
  else
    {
      progress_cb (call);
      g_free (call);
    }
}

typedef struct
{
  Run              *run;
  const char       *host;
  const char       *address;
  GTlsDatabase     *database;
  BdStarttlsResult *result;
} Probe;

static gpointer
probe_thread (gpointer data)
{
  Probe *probe = data;
  const BdDomainCheckOptions *options = probe->run->options;

  probe->result = bd_starttls_probe (probe->host, probe->address, options->smtp_port ? options->smtp_port : 25,
                                     probe->database, options->smtp_timeout ? options->smtp_timeout : 10,
                                     probe->run->cancellable);
  return NULL;
}

/* Every MX host at once: a silent server costs one timeout, not one each. */
static void
probe_hosts (Run *run)
{
  BdMxReport *mx = run->report->mx;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autofree Probe *probes = g_new0 (Probe, mx->hosts->len);
  g_autofree GThread **threads = g_new0 (GThread *, mx->hosts->len);
  guint16 port = run->options->smtp_port ? run->options->smtp_port : 25;

  if (run->options->tls_ca_file != NULL)
    database = g_tls_file_database_new (run->options->tls_ca_file, NULL);
  for (guint i = 0; i < mx->hosts->len; i++)
    {
      probes[i] = (Probe) { run, mx->hosts->pdata[i], mx->addresses->pdata[i], database, NULL };
      if (*(char *)mx->addresses->pdata[i] != '\0')
        threads[i] = g_thread_new ("bd-starttls", probe_thread, &probes[i]);
    }
  for (guint i = 0; i < mx->hosts->len; i++)
    {
      if (threads[i] == NULL)
        continue;
      g_thread_join (threads[i]);
      bd_starttls_add_findings (run->report->starttls_findings, probes[i].result, port);
      g_ptr_array_add (run->report->starttls, probes[i].result);
    }
}

static gpointer
mx_thread (gpointer data)
{
  Run *run = data;

  g_autoptr(GTlsDatabase) database = NULL;
  BdMtaStsOptions sts = { run->options->https_port, run->options->smtp_timeout, NULL };

  run->report->mx = bd_mx_check (run->lookup, run->options->domain, run->cancellable);
  /* the policy's mx patterns are checked against the real MX hosts */
  if (run->options->tls_ca_file != NULL)
    database = g_tls_file_database_new (run->options->tls_ca_file, NULL);
  sts.database = database;
  run->report->mta_sts = bd_mta_sts_check (run->lookup, run->options->domain, run->report->mx->hosts,
                                           &sts, run->cancellable);
  if (run->options->starttls)
    {
      run->report->starttls = g_ptr_array_new_with_free_func ((GDestroyNotify)bd_starttls_result_free);
      probe_hosts (run);
    }
  area_done (run, "mx");
  return NULL;
}

static gpointer
spf_thread (gpointer data)
{
  Run *run = data;

  run->report->spf = bd_spf_check (run->lookup, run->options->domain, run->options->ip, run->cancellable);
  area_done (run, "spf");
  return NULL;
}

static gpointer
dmarc_thread (gpointer data)
{
  Run *run = data;

  run->report->dmarc = bd_dmarc_check (run->lookup, run->options->domain, run->cancellable);
  /* BIMI needs the DMARC policy */
  run->report->bimi = bd_bimi_check (run->lookup, run->options->domain, run->options->bimi_selector,
                                     run->report->dmarc->policy,
                                     run->cancellable);
  area_done (run, "dmarc");
  return NULL;
}

typedef struct
{
  Run          *run;
  const char   *selector;
  gboolean      explicit_selector;
  BdDkimReport *report;
} DkimJob;

static gpointer
dkim_job_thread (gpointer data)
{
  DkimJob *job = data;

  job->report = bd_dkim_check (job->run->lookup, job->run->options->domain, job->selector,
                               job->explicit_selector, job->run->cancellable);
  return NULL;
}

/* Every selector at once: a dozen guessed selectors cost one round trip,
 * not twelve (they were the check's longest chain). */
static gpointer
dkim_thread (gpointer data)
{
  Run *run = data;
  gboolean explicit_selectors = run->options->selectors && run->options->selectors[0];
  const char * const *selectors = explicit_selectors ? (const char * const *)run->options->selectors
                                                     : bd_dkim_common_selectors;
  guint n = g_strv_length ((char **)selectors);
  g_autofree DkimJob *jobs = g_new0 (DkimJob, n);
  g_autofree GThread **threads = g_new0 (GThread *, n);

  for (guint i = 0; i < n; i++)
    {
      jobs[i] = (DkimJob) { run, selectors[i], explicit_selectors, NULL };
      threads[i] = g_thread_new ("bd-dkim", dkim_job_thread, &jobs[i]);
    }
  for (guint i = 0; i < n; i++)
    {
      BdDkimReport *dkim;

      g_thread_join (threads[i]);
      dkim = jobs[i].report;
      /* guessed selectors that don't exist are not worth a row */
      if (!explicit_selectors && dkim->record == NULL && dkim->findings->len == 0)
        bd_dkim_report_free (dkim);
      else
        g_ptr_array_add (run->report->dkim, dkim);
    }
  if (!explicit_selectors && run->report->dkim->len == 0)
    {
      BdDkimReport *none = g_new0 (BdDkimReport, 1);
      g_autofree char *list = g_strjoinv (", ", (char **)bd_dkim_common_selectors);

      none->findings = bd_findings_new ();
      bd_findings_add (none->findings, "dkim-missing", BD_SEVERITY_WARNING, "dkim",
                       /* Translators: %s is a list of DKIM selectors */
                       g_strdup_printf (_("No DKIM key was found under the usual selectors (%s)."), list),
                       g_strdup (_("Check with the selector from the s= field of a DKIM-Signature of your own mail; if there is none, turn on DKIM signing at your mail provider.")));
      g_ptr_array_add (run->report->dkim, none);
    }
  area_done (run, "dkim");
  return NULL;
}

static gpointer
dnsbl_thread (gpointer data)
{
  Run *run = data;
  const char * const *lists = run->options->dnsbls ? (const char * const *)run->options->dnsbls
                                                   : bd_dnsbl_default_lists;

  /* the reverse DNS of the same address, in the same thread */
  if (run->options->ip != NULL)
    run->report->rdns = bd_rdns_check (run->lookup, run->options->ip, run->cancellable);
  if (run->options->ip != NULL)
    for (guint i = 0; lists[i] && !g_cancellable_is_cancelled (run->cancellable); i++)
      g_ptr_array_add (run->report->dnsbl,
                       bd_dnsbl_check (run->lookup, run->options->ip, lists[i],
                                       run->report->dnsbl_findings, run->cancellable));
  area_done (run, "dnsbl");
  return NULL;
}

static gpointer
dnssec_thread (gpointer data)
{
  Run *run = data;

  run->report->dnssec = bd_dnssec_check (run->lookup, run->options->domain, run->cancellable);
  run->report->tlsrpt = bd_tlsrpt_check (run->lookup, run->options->domain, run->cancellable);
  area_done (run, "dnssec");
  return NULL;
}

static void
collect (GPtrArray *all,
         GPtrArray *findings)
{
  for (guint i = 0; findings && i < findings->len; i++)
    g_ptr_array_add (all, bd_finding_ref (g_ptr_array_index (findings, i)));
}

static BdDomainReport *
run_areas (const BdDnsLookup          *lookup,
           const BdDomainCheckOptions *options,
           GCancellable               *cancellable,
           BdDomainCheckProgress       progress,
           gpointer                    progress_data,
           GMainContext               *context)
{
  GThreadFunc areas[] = { mx_thread, spf_thread, dmarc_thread, dkim_thread, dnsbl_thread, dnssec_thread };
  GThread *threads[G_N_ELEMENTS (areas)];
  Run run = { lookup, options, cancellable, NULL, progress, progress_data };
  BdDomainReport *report;

  report = g_new0 (BdDomainReport, 1);
  report->domain = g_strdup (options->domain);
  report->ip = g_strdup (options->ip);
  report->dkim = g_ptr_array_new_with_free_func ((GDestroyNotify)bd_dkim_report_free);
  report->dnsbl = g_ptr_array_new_with_free_func ((GDestroyNotify)bd_dnsbl_result_free);
  report->dnsbl_findings = bd_findings_new ();
  report->starttls_findings = bd_findings_new ();
  report->findings = bd_findings_new ();
  run.report = report;
  run.context = context;
  run.n_areas = G_N_ELEMENTS (areas);
  g_mutex_init (&run.mutex);

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    threads[i] = g_thread_new ("bd-domain-check", areas[i], &run);
  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    g_thread_join (threads[i]);
  g_mutex_clear (&run.mutex);

  collect (report->findings, report->mx->findings);
  collect (report->findings, report->starttls_findings);
  collect (report->findings, report->spf->findings);
  collect (report->findings, report->dmarc->findings);
  for (guint i = 0; i < report->dkim->len; i++)
    collect (report->findings, ((BdDkimReport *)report->dkim->pdata[i])->findings);
  if (report->rdns)
    collect (report->findings, report->rdns->findings);
  collect (report->findings, report->dnsbl_findings);
  collect (report->findings, report->dnssec->findings);
  collect (report->findings, report->mta_sts->findings);
  collect (report->findings, report->tlsrpt->findings);
  collect (report->findings, report->bimi->findings);
  return report;
}

/* --- async, over a DoH client ------------------------------------------- */

typedef struct
{
  BdDomainCheckOptions  options;
  BdDohClient          *client;
  BdDomainCheckProgress progress;
  gpointer              progress_data;
  GMainContext         *context;
} TaskData;

static void
task_data_free (TaskData *data)
{
  g_free (data->options.domain);
  g_free (data->options.ip);
  g_strfreev (data->options.selectors);
  g_strfreev (data->options.dnsbls);
  g_free (data->options.tls_ca_file);
  g_free (data->options.bimi_selector);
  g_clear_object (&data->client);
  g_main_context_unref (data->context);
  g_free (data);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TaskData *data = task_data;
  BdDnsLookup lookup;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdDnsAnswer) probe = NULL;
  BdDomainReport *report;

  bd_doh_client_get_lookup (data->client, &lookup);
  /* one probe first: no network means one clear error, not 30 findings;
   * a resolver that answers SERVFAIL (a DNSSEC-bogus domain) is reached,
   * and the areas say what failed */
  probe = bd_dns_lookup (&lookup, data->options.domain, BD_DNS_TYPE_MX, cancellable, &error);
  if (probe == NULL && !g_error_matches (error, BD_DNS_ERROR, BD_DNS_ERROR_SERVER))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  report = run_areas (&lookup, &data->options, cancellable, data->progress, data->progress_data,
                      data->context);
  report->resolver = g_strdup (bd_doh_client_get_url (data->client));
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      bd_domain_report_free (report);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, report, (GDestroyNotify)bd_domain_report_free);
}

void
bd_domain_check_async (BdDohClient                *client,
                       const BdDomainCheckOptions *options,
                       GCancellable               *cancellable,
                       BdDomainCheckProgress       progress,
                       gpointer                    progress_data,
                       GAsyncReadyCallback         callback,
                       gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (BD_IS_DOH_CLIENT (client));
  g_return_if_fail (options != NULL && options->domain != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, bd_domain_check_async);
  data = g_new0 (TaskData, 1);
  data->options.domain = g_strdup (options->domain);
  data->options.ip = g_strdup (options->ip);
  data->options.selectors = g_strdupv (options->selectors);
  data->options.dnsbls = g_strdupv (options->dnsbls);
  data->options.starttls = options->starttls;
  data->options.smtp_port = options->smtp_port;
  data->options.smtp_timeout = options->smtp_timeout;
  data->options.tls_ca_file = g_strdup (options->tls_ca_file);
  data->options.https_port = options->https_port;
  data->options.bimi_selector = g_strdup (options->bimi_selector);
  data->client = g_object_ref (client);
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, data, (GDestroyNotify)task_data_free);
  g_task_run_in_thread (task, check_thread);
}

BdDomainReport *
bd_domain_check_finish (BdDohClient   *client,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (BD_IS_DOH_CLIENT (client), NULL);
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
