/* bd-dnssec-check.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The states, as DNSSEC defines them (RFC 4033 §5, RFC 4035 §4.3):
 * secure (DS at the parent, keys, AD set), bogus (DS at the parent but the
 * resolver answers SERVFAIL: signatures expired or not matching), an
 * island (keys but no DS: nothing vouches for them, RFC 4035 §4.3
 * "insecure") and unsigned. The bogus test is the one resolvers' own
 * tools use: the parent's DS answer validates while the child's fails.
 */
#define G_LOG_DOMAIN "bd-domain-check"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bd-dnssec-check.h"
#include "bd-mx-check.h"

void
bd_dnssec_report_free (BdDnssecReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->ds, g_ptr_array_unref);
  g_clear_pointer (&report->findings, g_ptr_array_unref);
  g_free (report);
}

static void
add_bogus (BdDnssecReport *report,
           const char     *domain)
{
  bd_findings_add (report->findings, "dnssec-bogus", BD_SEVERITY_ERROR, "dnssec",
                   /* Translators: %s is a domain name */
                   g_strdup_printf (_("The DNSSEC signatures of %s don’t validate: resolvers that check them (Google, Cloudflare, most providers) answer “server failure” for every name in it, so mail to and from the domain bounces as “domain not found”."), domain),
                   g_strdup (_("Ask your DNS host to re-sign the zone (signatures may have expired or the keys changed); if DNSSEC was turned off there, remove the DS record at your domain registrar.")));
}

static void
add_state_findings (BdDnssecReport *report,
                    const char     *domain)
{
  if (report->has_dnskey && !report->has_ds)
    bd_findings_add (report->findings, "dnssec-no-ds", BD_SEVERITY_WARNING, "dnssec",
                     /* Translators: %s is a domain name */
                     g_strdup_printf (_("%s is signed with DNSSEC, but its registry has no DS record for it, so nothing vouches for the signatures and they protect nothing."), domain),
                     g_strdup (_("Ask your DNS host for the DS record of the domain’s key and publish it at your domain registrar, or turn DNSSEC off at the DNS host.")));
  else if (!report->has_dnskey && !report->has_ds)
    bd_findings_add (report->findings, "dnssec-unsigned", BD_SEVERITY_INFO, "dnssec",
                     /* Translators: %s is a domain name */
                     g_strdup_printf (_("%s is not signed with DNSSEC. Mail works without it, but its answers can be forged on the way, and DANE (encrypted delivery that can’t be downgraded) needs it."), domain),
                     g_strdup (_("If your DNS host offers DNSSEC, turn it on there; it publishes the DS record at the registrar or tells you what to publish.")));
  else if (report->has_ds && !report->validated)
    bd_findings_add (report->findings, "dnssec-not-validated", BD_SEVERITY_INFO, "dnssec",
                     /* Translators: %s is a domain name */
                     g_strdup_printf (_("%s is signed with DNSSEC, but the chosen resolver did not confirm the signatures (it may not check DNSSEC), so whether they are valid is not known."), domain),
                     g_strdup (_("Check again with a resolver that validates DNSSEC, such as Cloudflare, Google or Quad9 (Preferences).")));
}

BdDnssecReport *
bd_dnssec_check (const BdDnsLookup *lookup,
                 const char        *domain,
                 GCancellable      *cancellable)
{
  g_autoptr(BdDnssecReport) report = g_new0 (BdDnssecReport, 1);
  g_autoptr(BdDnsAnswer) ds = NULL;
  g_autoptr(BdDnsAnswer) keys = NULL;
  g_autoptr(GError) ds_error = NULL;
  g_autoptr(GError) key_error = NULL;

  g_return_val_if_fail (lookup != NULL && domain != NULL, NULL);

  report->ds = g_ptr_array_new_with_free_func (g_free);
  report->findings = bd_findings_new ();

  /* the DS answer comes from the parent zone, so it validates even when
   * the child's signatures are broken */
  ds = bd_dns_lookup (lookup, domain, BD_DNS_TYPE_DS, cancellable, &ds_error);
  keys = bd_dns_lookup (lookup, domain, BD_DNS_TYPE_DNSKEY, cancellable, &key_error);
  if (ds == NULL)
    {
      bd_findings_add_resolver_error (report->findings, "dnssec", ds_error);
      return g_steal_pointer (&report);
    }
  for (guint i = 0; i < ds->records->len; i++)
    g_ptr_array_add (report->ds, g_strdup (((BdDnsRecord *)ds->records->pdata[i])->data));
  report->has_ds = ds->records->len > 0;
  if (keys == NULL)
    {
      if (report->has_ds && g_error_matches (key_error, BD_DNS_ERROR, BD_DNS_ERROR_SERVER))
        {
          report->bogus = TRUE;
          add_bogus (report, domain);
        }
      else
        bd_findings_add_resolver_error (report->findings, "dnssec", key_error);
      return g_steal_pointer (&report);
    }
  report->has_dnskey = keys->records->len > 0;
  report->validated = report->has_ds && keys->authenticated;
  if (!report->has_dnskey && !report->has_ds)
    {
      /* not a zone's apex (mail.firma.pl): its answers tell whether the
       * zone above it is signed */
      g_autoptr(BdDnsAnswer) mx = bd_dns_lookup (lookup, domain, BD_DNS_TYPE_MX, cancellable, NULL);

      report->validated = mx != NULL && mx->authenticated;
      if (report->validated)
        return g_steal_pointer (&report);
    }
  add_state_findings (report, domain);
  return g_steal_pointer (&report);
}
