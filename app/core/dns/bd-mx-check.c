/* bd-mx-check.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-domain-check"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bd-mx-check.h"

void
bd_mx_report_free (BdMxReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->records, g_ptr_array_unref);
  g_clear_pointer (&report->findings, g_ptr_array_unref);
  g_free (report);
}

void
bd_findings_add_resolver_error (GPtrArray    *findings,
                                const char   *area,
                                const GError *error)
{
  bd_findings_add (findings, "resolver-error", BD_SEVERITY_ERROR, area,
                   g_strdup (error->message),
                   g_strdup (_("Try again later, or choose another DNS resolver in Preferences.")));
}

static gboolean
host_resolves (const BdDnsLookup  *lookup,
               const char         *host,
               GCancellable       *cancellable,
               GError            **error)
{
  const guint16 types[] = { BD_DNS_TYPE_A, BD_DNS_TYPE_AAAA };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(BdDnsAnswer) answer = bd_dns_lookup (lookup, host, types[i], cancellable, error);

      if (answer == NULL)
        return FALSE;
      if (answer->records->len > 0)
        return TRUE;
    }
  return FALSE;
}

static gint
compare_preference (gconstpointer a,
                    gconstpointer b)
{
  const BdDnsRecord *ra = *(BdDnsRecord **)a;
  const BdDnsRecord *rb = *(BdDnsRecord **)b;

  return (gint)ra->preference - (gint)rb->preference;
}

BdMxReport *
bd_mx_check (const BdDnsLookup *lookup,
             const char        *domain,
             GCancellable      *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdDnsAnswer) answer = NULL;
  BdMxReport *report;

  g_return_val_if_fail (lookup != NULL && domain != NULL, NULL);

  report = g_new0 (BdMxReport, 1);
  report->records = g_ptr_array_new_with_free_func (g_free);
  report->findings = bd_findings_new ();

  answer = bd_dns_lookup (lookup, domain, BD_DNS_TYPE_MX, cancellable, &error);
  if (answer == NULL)
    {
      bd_findings_add_resolver_error (report->findings, "mx", error);
      return report;
    }
  g_ptr_array_sort (answer->records, compare_preference);
  for (guint i = 0; i < answer->records->len; i++)
    {
      const BdDnsRecord *mx = g_ptr_array_index (answer->records, i);

      g_ptr_array_add (report->records, g_strdup_printf ("%u %s%s", mx->preference, mx->data,
                                                         g_str_equal (mx->data, ".") ? "" : "."));
    }

  if (answer->records->len == 0)
    {
      bd_findings_add (report->findings, "mx-missing", BD_SEVERITY_ERROR, "mx",
                       /* Translators: %s is a domain name */
                       g_strdup_printf (_("%s has no MX record, so other mail servers don’t know where to deliver its mail."), domain),
                       /* Translators: %s is a domain name; keep the DNS record as it is */
                       g_strdup_printf (_("Publish an MX record pointing at your mail server, for example: %s. MX 10 mail.%s."), domain, domain));
      return report;
    }
  if (answer->records->len == 1 && g_str_equal (((BdDnsRecord *)answer->records->pdata[0])->data, "."))
    {
      bd_findings_add (report->findings, "mx-null", BD_SEVERITY_WARNING, "mx",
                       /* Translators: %s is a domain name */
                       g_strdup_printf (_("%s publishes a “null MX”: it says it receives no email at all (RFC 7505)."), domain),
                       g_strdup (_("If this domain should receive email, replace the null MX with the MX record of your mail server.")));
      return report;
    }
  for (guint i = 0; i < answer->records->len; i++)
    {
      const BdDnsRecord *mx = g_ptr_array_index (answer->records, i);

      if (g_str_equal (mx->data, "."))
        continue;
      if (host_resolves (lookup, mx->data, cancellable, &error))
        continue;
      if (error != NULL)
        {
          bd_findings_add_resolver_error (report->findings, "mx", error);
          return report;
        }
      bd_findings_add (report->findings, "mx-host-unresolvable", BD_SEVERITY_ERROR, "mx",
                       /* Translators: %1$s is a mail server's host name, %2$s the domain */
                       g_strdup_printf (_("The mail server %1$s named in the MX records of %2$s has no IP address."), mx->data, domain),
                       /* Translators: %s is a host name */
                       g_strdup_printf (_("Add an A (or AAAA) record for %s, or point the MX record at a host that exists."), mx->data));
    }
  return report;
}
