/* bd-tlsrpt-bimi.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-domain-check"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-mx-check.h"
#include "bd-tlsrpt-bimi.h"

void
bd_txt_area_report_free (BdTxtAreaReport *report)
{
  if (report == NULL)
    return;
  g_free (report->record);
  g_clear_pointer (&report->findings, g_ptr_array_unref);
  g_free (report);
}

/* The TXT record at @name starting with @version; FALSE on a resolver error. */
static gboolean
fetch (const BdDnsLookup *lookup,
       BdTxtAreaReport   *report,
       const char        *area,
       const char        *name,
       const char        *version,
       GCancellable      *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdDnsAnswer) answer = bd_dns_lookup (lookup, name, BD_DNS_TYPE_TXT, cancellable, &error);

  if (answer == NULL)
    {
      bd_findings_add_resolver_error (report->findings, area, error);
      return FALSE;
    }
  for (guint i = 0; i < answer->records->len && report->record == NULL; i++)
    if (g_str_has_prefix (((BdDnsRecord *)answer->records->pdata[i])->data, version))
      report->record = g_strdup (((BdDnsRecord *)answer->records->pdata[i])->data);
  return TRUE;
}

/* The value of tag @tag in a "k=v; k=v" record, stripped; NULL when absent. */
static char *
tag_value (const char *record,
           const char *tag)
{
  g_auto(GStrv) parts = g_strsplit (record, ";", -1);

  for (guint i = 0; parts[i]; i++)
    {
      char *eq = strchr (parts[i], '=');

      if (eq == NULL)
        continue;
      *eq = '\0';
      if (g_ascii_strcasecmp (g_strstrip (parts[i]), tag) == 0)
        return g_strstrip (g_strdup (eq + 1));
    }
  return NULL;
}

/* RFC 8460 §3: rua= is one or more mailto: or https: URIs, comma-separated. */
static gboolean
rua_valid (const char *rua)
{
  g_auto(GStrv) uris = g_strsplit (rua, ",", -1);

  if (*rua == '\0')
    return FALSE;
  for (guint i = 0; uris[i]; i++)
    {
      const char *uri = g_strstrip (uris[i]);

      if (!(g_str_has_prefix (uri, "mailto:") && strchr (uri, '@')) && !g_str_has_prefix (uri, "https://"))
        return FALSE;
    }
  return TRUE;
}

BdTxtAreaReport *
bd_tlsrpt_check (const BdDnsLookup *lookup,
                 const char        *domain,
                 GCancellable      *cancellable)
{
  g_autoptr(BdTxtAreaReport) report = g_new0 (BdTxtAreaReport, 1);
  g_autofree char *name = g_strconcat ("_smtp._tls.", domain, NULL);
  g_autofree char *rua = NULL;
  g_autofree char *fixed = g_strdup_printf ("v=TLSRPTv1; rua=mailto:tls-reports@%s", domain);
  BdFinding *finding;

  report->findings = bd_findings_new ();
  if (!fetch (lookup, report, "tlsrpt", name, "v=TLSRPTv1", cancellable))
    return g_steal_pointer (&report);
  if (report->record == NULL)
    {
      finding = bd_findings_add (report->findings, "tlsrpt-missing", BD_SEVERITY_INFO, "tlsrpt",
                                 g_strdup (_("The domain asks for no SMTP TLS reports (no _smtp._tls record), so you won’t hear when senders fail to deliver to it encrypted.")),
                                 /* Translators: %1$s is a DNS name, %2$s the record */
                                 g_strdup_printf (_("Publish a TXT record at %1$s: %2$s"), name, fixed));
      bd_finding_set_record (finding, name, "TXT", fixed);
      return g_steal_pointer (&report);
    }
  rua = tag_value (report->record, "rua");
  if (rua == NULL || !rua_valid (rua))
    {
      finding = bd_findings_add (report->findings, "tlsrpt-invalid", BD_SEVERITY_WARNING, "tlsrpt",
                                 /* Translators: %s is a DNS name */
                                 g_strdup_printf (_("The SMTP TLS reporting record at %s has no valid rua= (a mailto: or https: address), so no reports are sent."), name),
                                 g_strdup_printf (_("Publish a TXT record at %1$s: %2$s"), name, fixed));
      bd_finding_set_record (finding, name, "TXT", fixed);
    }
  return g_steal_pointer (&report);
}

/* BIMI §4.2: l= is empty (no logo) or one https URL; a= empty or https. */
static gboolean
url_valid (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL || *url == '\0')
    return TRUE;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  return uri != NULL && g_strcmp0 (g_uri_get_scheme (uri), "https") == 0 && g_uri_get_host (uri) != NULL
         && *g_uri_get_host (uri) != '\0';
}

BdTxtAreaReport *
bd_bimi_check (const BdDnsLookup *lookup,
               const char        *domain,
               const char        *selector,
               const char        *dmarc_policy,
               GCancellable      *cancellable)
{
  g_autoptr(BdTxtAreaReport) report = g_new0 (BdTxtAreaReport, 1);
  g_autofree char *name = g_strdup_printf ("%s._bimi.%s", selector ? selector : "default", domain);
  g_autofree char *logo = NULL;
  g_autofree char *authority = NULL;

  report->findings = bd_findings_new ();
  /* BIMI is optional: no record, no finding */
  if (!fetch (lookup, report, "bimi", name, "v=BIMI1", cancellable) || report->record == NULL)
    return g_steal_pointer (&report);
  logo = tag_value (report->record, "l");
  authority = tag_value (report->record, "a");
  if (!url_valid (logo) || !url_valid (authority) || (logo && g_str_has_suffix (logo, ".svg") == FALSE && *logo))
    bd_findings_add (report->findings, "bimi-invalid", BD_SEVERITY_WARNING, "bimi",
                     /* Translators: %s is a DNS name */
                     g_strdup_printf (_("The BIMI record at %s is not valid: l= must be an https:// address of an SVG logo and a= an https:// address of its certificate, so no logo is shown."), name),
                     g_strdup (_("Correct the record, for example: v=BIMI1; l=https://example.com/logo.svg; a=https://example.com/vmc.pem")));
  /* BIMI §3: receivers show the logo only under p=quarantine or reject */
  if (g_strcmp0 (dmarc_policy, "quarantine") != 0 && g_strcmp0 (dmarc_policy, "reject") != 0)
    bd_findings_add (report->findings, "bimi-dmarc-not-enforced", BD_SEVERITY_WARNING, "bimi",
                     g_strdup (_("The domain publishes a BIMI logo, but its DMARC policy is not “quarantine” or “reject”, so no receiver shows the logo.")),
                     g_strdup (_("Tighten the DMARC policy to p=quarantine or p=reject once the reports show your own mail passes.")));
  return g_steal_pointer (&report);
}
