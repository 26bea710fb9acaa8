/* bd-mta-sts.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-domain-check"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "bd-mta-sts.h"
#include "bd-mx-check.h"

/* RFC 8461 §3.3: "a maximum size (e.g. 64 KB)" for the policy */
#define MAX_POLICY 65536
/* §3.2: max_age up to 31557600 s; under a day gives senders little */
#define MAX_AGE_LIMIT 31557600
#define MAX_AGE_SHORT 86400

void
bd_mta_sts_report_free (BdMtaStsReport *report)
{
  if (report == NULL)
    return;
  g_free (report->record);
  g_free (report->policy_url);
  g_free (report->policy);
  g_free (report->mode);
  g_clear_pointer (&report->mx, g_ptr_array_unref);
  g_clear_pointer (&report->findings, g_ptr_array_unref);
  g_free (report);
}

/* §4.1: "*.example.com" matches one leftmost label; otherwise equality,
 * case-insensitive. */
gboolean
bd_mta_sts_mx_matches (const char *pattern,
                       const char *host)
{
  g_return_val_if_fail (pattern != NULL && host != NULL, FALSE);

  if (g_str_has_prefix (pattern, "*."))
    {
      const char *dot = strchr (host, '.');

      return dot != NULL && dot != host && g_ascii_strcasecmp (dot + 1, pattern + 2) == 0;
    }
  return g_ascii_strcasecmp (pattern, host) == 0;
}

static void
add_fetch_finding (BdMtaStsReport *report,
                   const char     *detail)
{
  bd_findings_add (report->findings, "mta-sts-policy-unavailable", BD_SEVERITY_ERROR, "mta-sts",
                   /* Translators: %1$s is a URL, %2$s why it could not be read */
                   g_strdup_printf (_("The domain announces MTA-STS, but its policy at %1$s can’t be used: %2$s. Senders then ignore MTA-STS, and some report errors."),
                                    report->policy_url, detail),
                   g_strdup (_("Serve the policy as plain text (text/plain) over HTTPS with a valid certificate, directly (no redirect), or remove the _mta-sts TXT record.")));
}

/* §3.2: "key: value" lines; version first, mode, max_age, mx repeated. */
static gboolean
parse_policy (BdMtaStsReport *report,
              const char     *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean version = FALSE;

  for (guint i = 0; lines[i]; i++)
    {
      char *colon = strchr (lines[i], ':');
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      g_strchomp (lines[i]);   /* CRLF line ends */
      if (*lines[i] == '\0')
        continue;
      if (colon == NULL)
        return FALSE;
      key = g_strstrip (g_strndup (lines[i], colon - lines[i]));
      value = g_strstrip (g_strdup (colon + 1));
      if (g_str_equal (key, "version"))
        version = g_str_equal (value, "STSv1");
      else if (g_str_equal (key, "mode"))
        report->mode = g_strdup (value);
      else if (g_str_equal (key, "mx"))
        g_ptr_array_add (report->mx, g_strdup (value));
      else if (g_str_equal (key, "max_age"))
        {
          char *end;

          report->max_age = g_ascii_strtoll (value, &end, 10);
          if (*value == '\0' || *end != '\0' || report->max_age < 0 || report->max_age > MAX_AGE_LIMIT)
            return FALSE;
        }
    }
  return version && report->mode != NULL && report->max_age >= 0
         && (g_str_equal (report->mode, "enforce") || g_str_equal (report->mode, "testing")
             || g_str_equal (report->mode, "none"))
         && (report->mx->len > 0 || g_str_equal (report->mode, "none"));
}

typedef struct
{
  GTlsDatabase *database;
  const char   *host;
  GTlsCertificateFlags errors;
} Verify;

/* libsoup checks the certificate against the address it connects to (the
 * remote-connectable); the name that matters is the policy host's, so the
 * chain is verified here against that name (RFC 8461 §3.3: a valid
 * certificate for mta-sts.DOMAIN). */
static gboolean
accept_certificate_cb (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  Verify *verify = user_data;
  g_autoptr(GSocketConnectable) identity = g_network_address_new (verify->host, 443);
  g_autoptr(GTlsDatabase) fallback = NULL;
  GTlsDatabase *database = verify->database;

  if (database == NULL)
    database = fallback = g_tls_backend_get_default_database (g_tls_backend_get_default ());
  verify->errors = g_tls_database_verify_chain (database, certificate, G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                                identity, NULL, G_TLS_DATABASE_VERIFY_NONE, NULL, NULL);
  return verify->errors == 0;
}

/* GET the policy: no redirects, text/plain, at most MAX_POLICY bytes. */
static char *
fetch_policy (BdMtaStsReport        *report,
              const char            *address,
              const BdMtaStsOptions *options,
              GCancellable          *cancellable,
              char                 **detail)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) remote = g_inet_socket_address_new (inet, options->https_port ? options->https_port : 443);
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) message = soup_message_new ("GET", report->policy_url);
  g_autoptr(GInputStream) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *buffer = g_malloc (MAX_POLICY + 1);
  const char *type;
  gsize size = 0;
  Verify verify = { options->database, NULL, 0 };

  verify.host = g_uri_get_host (soup_message_get_uri (message));
  /* the address from the chosen resolver, the name for TLS and Host: */
  session = soup_session_new_with_options ("remote-connectable", remote,
                                           "timeout", options->timeout ? options->timeout : 10,
                                           "idle-timeout", options->timeout ? options->timeout : 10,
                                           "user-agent", "BounceDoctor/" PACKAGE_VERSION, NULL);
  if (options->database != NULL)
    soup_session_set_tls_database (session, options->database);
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  g_signal_connect (message, "accept-certificate", G_CALLBACK (accept_certificate_cb), &verify);
  body = soup_session_send (session, message, cancellable, &error);
  if (body == NULL && verify.errors != 0)
    {
      /* Translators: an MTA-STS policy problem; %s is a host name */
      *detail = g_strdup_printf (_("the web server’s certificate is not valid for %s"), verify.host);
      return NULL;
    }
  if (body == NULL)
    {
      *detail = g_strdup (error->message);
      return NULL;
    }
  if (SOUP_STATUS_IS_REDIRECTION (soup_message_get_status (message)))
    {
      /* Translators: an MTA-STS policy problem; %s is where it redirects */
      *detail = g_strdup_printf (_("it redirects to %s, which the standard forbids"),
                                 soup_message_headers_get_one (soup_message_get_response_headers (message), "Location"));
      return NULL;
    }
  if (soup_message_get_status (message) != SOUP_STATUS_OK)
    {
      /* Translators: an MTA-STS policy problem; %u is an HTTP status such as 404 */
      *detail = g_strdup_printf (_("the web server answered with HTTP status %u"), soup_message_get_status (message));
      return NULL;
    }
  type = soup_message_headers_get_content_type (soup_message_get_response_headers (message), NULL);
  if (g_strcmp0 (type, "text/plain") != 0)
    {
      /* Translators: an MTA-STS policy problem; %s is a content type such as text/html */
      *detail = g_strdup_printf (_("it is sent as “%s”, not as plain text (text/plain)"), type ? type : "?");
      return NULL;
    }
  if (!g_input_stream_read_all (body, buffer, MAX_POLICY + 1, &size, cancellable, &error))
    {
      *detail = g_strdup (error->message);
      return NULL;
    }
  if (size > MAX_POLICY)
    {
      /* Translators: an MTA-STS policy problem; %u is a size in kilobytes */
      *detail = g_strdup_printf (_("it is larger than %u KB"), MAX_POLICY / 1024);
      return NULL;
    }
  buffer[size] = '\0';
  if (!g_utf8_validate (buffer, size, NULL) || strlen (buffer) != size)
    {
      *detail = g_strdup (_("it is not text"));
      return NULL;
    }
  return g_steal_pointer (&buffer);
}

static void
add_policy_findings (BdMtaStsReport *report,
                     const char     *domain,
                     GPtrArray      *mx_hosts)
{
  if (g_str_equal (report->mode, "testing"))
    bd_findings_add (report->findings, "mta-sts-testing", BD_SEVERITY_INFO, "mta-sts",
                     g_strdup (_("The MTA-STS policy is in “testing” mode: senders report problems but still deliver without verified encryption.")),
                     g_strdup (_("When the TLS reports show no failures, change “mode: testing” to “mode: enforce” in the policy and give the _mta-sts record a new id.")));
  for (guint i = 0; mx_hosts && i < mx_hosts->len && !g_str_equal (report->mode, "none"); i++)
    {
      const char *host = g_ptr_array_index (mx_hosts, i);
      gboolean covered = FALSE;

      for (guint j = 0; j < report->mx->len && !covered; j++)
        covered = bd_mta_sts_mx_matches (report->mx->pdata[j], host);
      if (!covered)
        bd_findings_add (report->findings, "mta-sts-mx-mismatch",
                         g_str_equal (report->mode, "enforce") ? BD_SEVERITY_ERROR : BD_SEVERITY_WARNING, "mta-sts",
                         /* Translators: %1$s is a mail server's host name, %2$s a domain */
                         g_strdup_printf (_("The mail server %1$s is not among the “mx:” lines of the MTA-STS policy of %2$s; senders that enforce the policy won’t deliver to it."), host, domain),
                         /* Translators: %s is a host name */
                         g_strdup_printf (_("Add “mx: %s” to the policy (and give the _mta-sts record a new id)."), host));
    }
  if (report->max_age < MAX_AGE_SHORT && !g_str_equal (report->mode, "none"))
    bd_findings_add (report->findings, "mta-sts-max-age-short", BD_SEVERITY_WARNING, "mta-sts",
                     /* Translators: %lld is a number of seconds */
                     g_strdup_printf (_("The MTA-STS policy’s max_age is %lld seconds: senders forget it within a day, which leaves room for a downgrade."), (long long)report->max_age),
                     g_strdup (_("Use a max_age of at least a week (604800), as RFC 8461 recommends weeks.")));
}

/* _mta-sts.DOMAIN: exactly one "v=STSv1; id=…" (RFC 8461 §3.1). */
static gboolean
read_record (const BdDnsLookup *lookup,
             BdMtaStsReport    *report,
             const char        *domain,
             GCancellable      *cancellable)
{
  g_autofree char *name = g_strconcat ("_mta-sts.", domain, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BdDnsAnswer) answer = bd_dns_lookup (lookup, name, BD_DNS_TYPE_TXT, cancellable, &error);
  guint found = 0;

  if (answer == NULL)
    {
      bd_findings_add_resolver_error (report->findings, "mta-sts", error);
      return FALSE;
    }
  for (guint i = 0; i < answer->records->len; i++)
    {
      const char *text = ((BdDnsRecord *)answer->records->pdata[i])->data;

      if (g_str_has_prefix (text, "v=STSv1"))
        {
          found++;
          g_free (report->record);
          report->record = g_strdup (text);
        }
    }
  if (found == 0)
    {
      bd_findings_add (report->findings, "mta-sts-missing", BD_SEVERITY_INFO, "mta-sts",
                       /* Translators: %s is a domain */
                       g_strdup_printf (_("%s has no MTA-STS policy, so senders deliver to it encrypted only if nobody on the way interferes."), domain),
                       g_strdup (_("Optional: publish an MTA-STS policy (a _mta-sts TXT record and a policy file on https://mta-sts.your-domain/.well-known/mta-sts.txt); your mail provider may host it for you.")));
      return FALSE;
    }
  if (found > 1 || strstr (report->record, "id=") == NULL)
    {
      bd_findings_add (report->findings, "mta-sts-record-invalid", BD_SEVERITY_ERROR, "mta-sts",
                       /* Translators: %s is a DNS name */
                       g_strdup_printf (_("The MTA-STS record at %s is not valid (there must be exactly one, with an id=), so senders ignore the policy."), name),
                       g_strdup (_("Publish one TXT record such as: v=STSv1; id=20260101T000000")));
      return FALSE;
    }
  return TRUE;
}

BdMtaStsReport *
bd_mta_sts_check (const BdDnsLookup     *lookup,
                  const char            *domain,
                  GPtrArray             *mx_hosts,
                  const BdMtaStsOptions *options,
                  GCancellable          *cancellable)
{
  g_autoptr(BdMtaStsReport) report = g_new0 (BdMtaStsReport, 1);
  g_autofree char *host = g_strconcat ("mta-sts.", domain, NULL);
  g_autoptr(BdDnsAnswer) address = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (lookup != NULL && domain != NULL && options != NULL, NULL);

  report->mx = g_ptr_array_new_with_free_func (g_free);
  report->findings = bd_findings_new ();
  report->max_age = -1;
  if (!read_record (lookup, report, domain, cancellable))
    return g_steal_pointer (&report);

  report->policy_url = options->https_port && options->https_port != 443
                       ? g_strdup_printf ("https://%s:%u/.well-known/mta-sts.txt", host, options->https_port)
                       : g_strdup_printf ("https://%s/.well-known/mta-sts.txt", host);
  /* the policy host's address through the same resolver as the rest */
  address = bd_dns_lookup (lookup, host, BD_DNS_TYPE_A, cancellable, NULL);
  if (address == NULL || address->records->len == 0)
    {
      /* Translators: an MTA-STS policy problem; %s is a host name */
      g_autofree char *why = g_strdup_printf (_("%s has no address"), host);

      add_fetch_finding (report, why);
      return g_steal_pointer (&report);
    }
  report->policy = fetch_policy (report, ((BdDnsRecord *)address->records->pdata[0])->data, options,
                                 cancellable, &detail);
  if (report->policy == NULL)
    {
      add_fetch_finding (report, detail);
      return g_steal_pointer (&report);
    }
  if (!parse_policy (report, report->policy))
    {
      bd_findings_add (report->findings, "mta-sts-policy-invalid", BD_SEVERITY_ERROR, "mta-sts",
                       /* Translators: %s is a URL */
                       g_strdup_printf (_("The MTA-STS policy at %s is not valid (it needs “version: STSv1”, a mode, max_age and mx lines), so senders ignore it."), report->policy_url),
                       g_strdup (_("Correct the policy file; a valid one reads:\nversion: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 604800")));
      return g_steal_pointer (&report);
    }
  add_policy_findings (report, domain, mx_hosts);
  return g_steal_pointer (&report);
}
