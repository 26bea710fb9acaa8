/* bd-cli-check-domain.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bounce-doctor-cli check-domain [--format=text|json] [--ip=ADDR]
 *   [--selector=SEL]... [--resolver=URL] [--ca-file=PEM] [--dnsbl=ZONE]...
 *   [--starttls] [--fix] DOMAIN
 * The JSON object is the contract of app/DESIGN.md: every field present, null
 * when unknown.
 */
#define G_LOG_DOMAIN "bd-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "bd-cli.h"
#include "bd-domain-check.h"
#include "bd-domain-fix.h"
#include "bd-cli-check-domain-json.h"
#include "bd-resolver-settings.h"

typedef struct
{
  GMainLoop      *loop;
  BdDomainReport *report;
  GError         *error;
  gint64          started;
} CheckRun;

/* --- text ---------------------------------------------------------------- */

static void append_line (GString *out, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* "  " + the formatted text + a newline */
static void
append_line (GString    *out,
             const char *format,
             ...)
{
  va_list args;

  g_string_append (out, "  ");
  va_start (args, format);
  g_string_append_vprintf (out, format, args);
  va_end (args);
  g_string_append_c (out, '\n');
}

static const char *
severity_label (BdSeverity severity)
{
  switch (severity)
    {
    /* Translators: a finding's severity in the text output */
    case BD_SEVERITY_ERROR: return C_("severity", "error");
    /* Translators: a finding's severity in the text output */
    case BD_SEVERITY_WARNING: return C_("severity", "warning");
    /* Translators: a finding's severity in the text output */
    case BD_SEVERITY_INFO:
    default: return C_("severity", "note");
    }
}

static void
print_findings (GString   *out,
                GPtrArray *findings)
{
  if (findings == NULL || findings->len == 0)
    {
      g_string_append_printf (out, "  %s\n", _("No problems found."));
      return;
    }
  for (guint i = 0; i < findings->len; i++)
    {
      const BdFinding *finding = g_ptr_array_index (findings, i);

      g_string_append_printf (out, "  [%s] %s\n", severity_label (finding->severity), finding->message);
      if (finding->fix)
        /* Translators: precedes the fix of a finding in the text output */
        g_string_append_printf (out, "    %s %s\n", _("Fix:"), finding->fix);
      if (finding->record)
        /* Translators: precedes the DNS record to publish; %1$s is its name, %2$s its type */
        g_string_append_printf (out, "    %s %s %s \"%s\"\n", _("Publish:"), finding->record->name,
                                finding->record->type, finding->record->value);
    }
}

static void
print_tree (GString         *out,
            const BdSpfNode *node,
            guint            depth)
{
  g_string_append_printf (out, "  %*s", depth * 2, "");
  if (node->via)
    g_string_append_printf (out, "%s → ", node->via);
  /* Translators: %1$s is a domain, %2$u a number of DNS look-ups in its SPF record */
  g_string_append_printf (out, ngettext ("%1$s (%2$u look-up)", "%1$s (%2$u look-ups)", node->lookups),
                          node->domain, node->lookups);
  if (node->record == NULL)
    g_string_append_printf (out, " — %s", _("no SPF record"));
  g_string_append_c (out, '\n');
  for (guint i = 0; i < node->children->len; i++)
    print_tree (out, g_ptr_array_index (node->children, i), depth + 1);
}

static void
print_spf (GString        *out,
           BdDomainReport *report)
{
  BdSpfCheck *spf = report->spf;

  g_string_append_printf (out, "\nSPF\n");
  if (spf->record)
    {
      /* Translators: followed by the DNS record */
      g_string_append_printf (out, "  %s %s\n", _("Record:"), spf->record);
      /* Translators: %1$u and %2$u are counts of DNS look-ups (limits 10 and 2) */
      append_line (out, _("DNS look-ups: %1$u of 10; look-ups of names that don’t exist: %2$u of 2"),
                                                              spf->lookups, spf->void_lookups);
      if (spf->tree && spf->tree->record)
        {
          g_string_append_printf (out, "  %s\n", _("Include tree:"));
          print_tree (out, spf->tree, 1);
        }
    }
  if (spf->has_result && spf->matched)
    /* Translators: %1$s is an IP address, %2$s an SPF result (pass, fail…), %3$s the term that decided */
    append_line (out, _("Result for %1$s: %2$s (decided by “%3$s”)"), report->ip,
                 bd_spf_result_to_string (spf->result), spf->matched);
  else if (spf->has_result)
    /* Translators: %1$s is an IP address, %2$s an SPF result (none, neutral, permerror…) */
    append_line (out, _("Result for %1$s: %2$s"), report->ip, bd_spf_result_to_string (spf->result));
  print_findings (out, spf->findings);
}

static void
print_dnssec (GString        *out,
              BdDnssecReport *dnssec)
{
  g_string_append_printf (out, "\nDNSSEC\n");
  if (dnssec->bogus)
    ;   /* the finding says it */
  else if (dnssec->validated)
    append_line (out, "%s", _("Signed, and the signatures validate."));
  else if (dnssec->has_dnskey || dnssec->has_ds)
    /* Translators: %1$s and %2$s are “yes” or “no” */
    append_line (out, _("Keys published: %1$s; DS record at the parent: %2$s"),
                 dnssec->has_dnskey ? _("yes") : _("no"), dnssec->has_ds ? _("yes") : _("no"));
  print_findings (out, dnssec->findings);
}

static void
print_starttls (GString        *out,
                BdDomainReport *report)
{
  if (report->starttls == NULL)
    return;
  g_string_append_printf (out, "\n%s\n", _("Encryption of the mail servers (STARTTLS)"));
  for (guint i = 0; i < report->starttls->len; i++)
    {
      const BdStarttlsResult *result = g_ptr_array_index (report->starttls, i);

      if (result->encrypted)
        {
          g_autofree char *date = result->not_after ? g_date_time_format (result->not_after, "%Y-%m-%d") : g_strdup ("?");
          g_autofree char *names = NULL;

          g_ptr_array_add (result->names, NULL);
          names = g_strjoinv (", ", (char **)result->names->pdata);
          g_ptr_array_remove_index (result->names, result->names->len - 1);
          /* Translators: %1$s is a host, %2$s the names in its certificate, %3$s its expiry date */
          append_line (out, _("%1$s: encrypted; certificate for %2$s, valid until %3$s"), result->host, names, date);
        }
      else
        /* Translators: %s is a host */
        append_line (out, _("%s: not encrypted"), result->host);
    }
  print_findings (out, report->starttls_findings);
}

static char *
report_to_text (BdDomainReport *report)
{
  GString *out = g_string_new (NULL);

  /* Translators: %1$s is a domain, %2$s the resolver's address */
  g_string_append_printf (out, _("Domain check of %1$s (DNS resolver: %2$s)\n"), report->domain, report->resolver);
  if (report->ip)
    /* Translators: %s is an IP address */
    g_string_append_printf (out, _("Sending server: %s\n"), report->ip);

  g_string_append_printf (out, "\nMX\n");
  for (guint i = 0; i < report->mx->records->len; i++)
    g_string_append_printf (out, "  %s\n", (char *)g_ptr_array_index (report->mx->records, i));
  print_findings (out, report->mx->findings);
  print_starttls (out, report);

  print_spf (out, report);

  g_string_append_printf (out, "\nDMARC\n");
  if (report->dmarc->record)
    /* Translators: %1$s is a DNS name, %2$s the DMARC record */
    append_line (out, _("Record at %1$s: %2$s"), report->dmarc->found_at, report->dmarc->record);
  print_findings (out, report->dmarc->findings);

  g_string_append_printf (out, "\nDKIM\n");
  for (guint i = 0; i < report->dkim->len; i++)
    {
      const BdDkimReport *key = g_ptr_array_index (report->dkim, i);

      if (key->selector == NULL)
        {
          print_findings (out, key->findings);
          continue;
        }
      if (key->record && key->key_bits)
        /* Translators: %1$s is a DKIM selector, %2$s a key type (rsa), %3$u its size in bits */
        append_line (out, ngettext ("Selector %1$s: %2$s key, %3$u bit", "Selector %1$s: %2$s key, %3$u bits", key->key_bits),
                     key->selector, key->key_type, key->key_bits);
      else
        /* Translators: %s is a DKIM selector */
        append_line (out, _("Selector %s"), key->selector);
      print_findings (out, key->findings);
    }

  if (report->rdns)
    {
      g_string_append_printf (out, "\n%s\n", _("Reverse DNS of the sending server"));
      for (guint i = 0; i < report->rdns->names->len; i++)
        /* Translators: %1$s is an IP address, %2$s a host name */
        append_line (out, _("%1$s → %2$s"), report->rdns->ip, (char *)report->rdns->names->pdata[i]);
      print_findings (out, report->rdns->findings);
    }
  if (report->ip)
    {
      g_string_append_printf (out, "\n%s\n", _("Blocklists"));
      for (guint i = 0; i < report->dnsbl->len; i++)
        {
          const BdDnsblResult *result = g_ptr_array_index (report->dnsbl, i);
          const char *status = result->status == BD_DNSBL_LISTED ? _("listed")
                               : result->status == BD_DNSBL_UNCHECKABLE ? _("can’t be checked from here")
                               : _("not listed");

          g_string_append_printf (out, "  %s: %s\n", result->list, status);
        }
      print_findings (out, report->dnsbl_findings);
    }
  print_dnssec (out, report->dnssec);

  g_string_append_printf (out, "\nMTA-STS\n");
  if (report->mta_sts->mode)
    /* Translators: %1$s is an MTA-STS mode (enforce, testing, none), %2$lld seconds */
    append_line (out, _("Policy: mode %1$s, kept by senders for %2$lld s"), report->mta_sts->mode,
                 (long long)report->mta_sts->max_age);
  print_findings (out, report->mta_sts->findings);
  g_string_append_printf (out, "\n%s\n", _("SMTP TLS reporting"));
  if (report->tlsrpt->record)
    append_line (out, "%s", report->tlsrpt->record);
  print_findings (out, report->tlsrpt->findings);
  if (report->bimi->record)
    {
      g_string_append_printf (out, "\nBIMI\n");
      append_line (out, "%s", report->bimi->record);
      print_findings (out, report->bimi->findings);
    }
  return g_string_free (out, FALSE);
}

/* --- running ------------------------------------------------------------- */

static void
check_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CheckRun *run = user_data;

  run->report = bd_domain_check_finish (BD_DOH_CLIENT (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  fprintf (stderr, "bounce-doctor-cli check-domain: %s\n", message);
  return BD_CLI_EXIT_USAGE;
}

int
bd_cli_check_domain (int    argc,
                     char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *ip = NULL;
  g_autofree char *resolver = NULL;
  g_autofree char *ca_file = NULL;
  g_auto(GStrv) selectors = NULL;
  g_auto(GStrv) dnsbls = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdResolverSettings) settings = NULL;
  g_autoptr(BdDohClient) client = NULL;
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *output = NULL;
  BdDomainCheckOptions options = { 0 };
  CheckRun run = { 0 };
  gboolean json;
  gboolean fix = FALSE;
  gboolean starttls = FALSE;
  int smtp_port = 25;
  int https_port = 443;
  const GOptionEntry entries[] = {
    /* Translators: the values of --format; keep text and json as they are */
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"), N_("FORMAT") },
    { "ip", 0, 0, G_OPTION_ARG_STRING, &ip, N_("Check this sending IP address against SPF and the blocklists"), N_("ADDRESS") },
    { "selector", 's', 0, G_OPTION_ARG_STRING_ARRAY, &selectors, N_("Check this DKIM selector (repeatable)"), N_("SELECTOR") },
    { "resolver", 'r', 0, G_OPTION_ARG_STRING, &resolver, N_("DNS-over-HTTPS resolver address (default: from the settings)"), N_("URL") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file, N_("Also trust this certificate authority for the resolver"), N_("PEM") },
    { "dnsbl", 0, 0, G_OPTION_ARG_STRING_ARRAY, &dnsbls, N_("Check this blocklist zone instead of the configured ones (repeatable)"), N_("ZONE") },
    { "starttls", 0, 0, G_OPTION_ARG_NONE, &starttls, N_("Also connect to each mail server (port 25) to test its encryption; many home and office networks block that port"), NULL },
    { "smtp-port", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &smtp_port, "SMTP port for --starttls (tests)", "PORT" },
    { "https-port", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &https_port, "HTTPS port of the MTA-STS policy (tests)", "PORT" },
    { "fix", 0, 0, G_OPTION_ARG_NONE, &fix, N_("Print only the message for your hosting company: what is wrong and the exact records to publish"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, N_("DOMAIN") },
    { NULL }
  };

  /* --help: "Usage: bounce-doctor-cli check-domain [OPTION…] DOMAIN", then what it does */
  g_set_prgname ("bounce-doctor-cli check-domain");
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Check a domain’s MX, SPF, DKIM and DMARC records and blocklists"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (format != NULL && g_strcmp0 (format, "text") != 0 && g_strcmp0 (format, "json") != 0)
    {
      /* Translators: %s is what the user gave to --format */
      g_autofree char *message = g_strdup_printf (_("unknown format “%s” (use text or json)"), format);
      return usage_error (context, message);
    }
  json = g_strcmp0 (format, "json") == 0;
  if (json && fix)
    return usage_error (context, _("--fix prints a message for people; use it without --format=json (the JSON findings carry the records)"));
  if (rest == NULL || rest[0] == NULL || rest[1] != NULL)
    return usage_error (context, _("give exactly one domain"));
  if (ip != NULL && (address = g_inet_address_new_from_string (ip)) == NULL)
    {
      /* Translators: %s is what the user gave to --ip */
      g_autofree char *message = g_strdup_printf (_("“%s” is not an IP address"), ip);
      return usage_error (context, message);
    }

  settings = bd_resolver_settings_load ();
  client = bd_doh_client_new (resolver ? resolver : settings->resolver_url, &error);
  if (client == NULL)
    return usage_error (context, error->message);
  if (!bd_doh_client_set_ca_file (client, ca_file ? ca_file : settings->ca_file, &error))
    return usage_error (context, error->message);

  options.domain = g_strstrip (rest[0]);
  if (g_str_has_suffix (options.domain, "."))
    options.domain[strlen (options.domain) - 1] = '\0';
  options.ip = ip;
  options.selectors = selectors ? selectors : settings->selectors;
  options.dnsbls = dnsbls ? dnsbls : settings->dnsbls;
  options.starttls = starttls;
  options.smtp_port = CLAMP (smtp_port, 1, 65535);
  /* a private CA for the resolver is trusted for the probe too */
  options.tls_ca_file = ca_file;
  options.https_port = CLAMP (https_port, 1, 65535);

  run.loop = g_main_loop_new (NULL, FALSE);
  run.started = g_get_monotonic_time ();
  bd_domain_check_async (client, &options, NULL, NULL, NULL, check_done_cb, &run);
  g_main_loop_run (run.loop);
  g_main_loop_unref (run.loop);
  /* BD_TIMING=1: how much of the check ran in parallel (issue 17's speed) */
  if (g_getenv ("BD_TIMING") != NULL)
    fprintf (stderr, "check-domain: %u look-ups sent, their times summed %.0f ms, the whole check %.0f ms\n",
             bd_doh_client_get_n_requests (client), bd_doh_client_get_request_time (client) / 1000.0,
             (g_get_monotonic_time () - run.started) / 1000.0);

  if (run.report == NULL)
    {
      fprintf (stderr, "bounce-doctor-cli check-domain: %s\n", run.error->message);
      g_error_free (run.error);
          return BD_CLI_EXIT_INPUT_ERROR;
    }
  if (fix)
    {
      output = bd_domain_fix_message (run.report);
      if (output == NULL)
        /* Translators: what check-domain --fix prints when there is nothing to fix */
        output = g_strdup_printf (_("Nothing to fix: no problems were found in the email settings of %s."), run.report->domain);
    }
  else
    output = json ? bd_cli_domain_report_to_json (run.report) : report_to_text (run.report);
  printf ("%s\n", output);
  bd_domain_report_free (run.report);
  return BD_CLI_EXIT_OK;
}
