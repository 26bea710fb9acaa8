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
  g_clear_pointer (&report->hosts, g_ptr_array_unref);
  g_clear_pointer (&report->addresses, g_ptr_array_unref);
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

/* The host's first address, "" when it has none; NULL with @error when
 * the resolver failed. */
static char *
host_address (const BdDnsLookup  *lookup,
              const char         *host,
              GCancellable       *cancellable,
              GError            **error)
{
  const guint16 types[] = { BD_DNS_TYPE_A, BD_DNS_TYPE_AAAA };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(BdDnsAnswer) answer = bd_dns_lookup (lookup, host, types[i], cancellable, error);

      if (answer == NULL)
        return NULL;
      if (answer->records->len > 0)
        return g_strdup (((BdDnsRecord *)answer->records->pdata[0])->data);
    }
  return g_strdup ("");
}

/* Loopback, RFC 1918, link-local and unique-local addresses: other
 * servers on the internet can't deliver there. */
static gboolean
is_private (const char *address)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);

  return inet != NULL && (g_inet_address_get_is_loopback (inet) || g_inet_address_get_is_site_local (inet)
                          || g_inet_address_get_is_link_local (inet) || g_inet_address_get_is_any (inet));
}

static gint
compare_preference (gconstpointer a,
                    gconstpointer b)
{
  const BdDnsRecord *ra = *(BdDnsRecord **)a;
  const BdDnsRecord *rb = *(BdDnsRecord **)b;

  return (gint)ra->preference - (gint)rb->preference;
}

/* RFC 5321 §5.1: an MX names a host, whose A/AAAA records are looked up;
 * an alias there is "not permitted" (RFC 2181 §10.3) and an IP address in
 * its place is a name that does not exist. */
static void
check_host (const BdDnsLookup *lookup,
            BdMxReport        *report,
            const char        *domain,
            const char        *host,
            GCancellable      *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdDnsAnswer) cname = NULL;
  g_autofree char *address = NULL;

  g_ptr_array_add (report->hosts, g_strdup (host));
  if (g_hostname_is_ip_address (host))
    {
      g_ptr_array_add (report->addresses, g_strdup (host));
      bd_findings_add (report->findings, "mx-ip-literal", BD_SEVERITY_ERROR, "mx",
                       /* Translators: %1$s is an IP address, %2$s a domain */
                       g_strdup_printf (_("An MX record of %2$s holds the IP address %1$s instead of a host name; other servers look it up as a name, find nothing and can’t deliver."), host, domain),
                       /* Translators: %s is an IP address */
                       g_strdup_printf (_("Give the server a name (an A record such as mail.example.com → %s) and point the MX record at that name."), host));
      return;
    }
  address = host_address (lookup, host, cancellable, &error);
  g_ptr_array_add (report->addresses, g_strdup (address ? address : ""));
  if (address == NULL)
    {
      bd_findings_add_resolver_error (report->findings, "mx", error);
      return;
    }
  if (*address == '\0')
    bd_findings_add (report->findings, "mx-host-unresolvable", BD_SEVERITY_ERROR, "mx",
                     /* Translators: %1$s is a mail server's host name, %2$s the domain */
                     g_strdup_printf (_("The mail server %1$s named in the MX records of %2$s has no IP address."), host, domain),
                     /* Translators: %s is a host name */
                     g_strdup_printf (_("Add an A (or AAAA) record for %s, or point the MX record at a host that exists."), host));
  else if (is_private (address))
    bd_findings_add (report->findings, "mx-host-private", BD_SEVERITY_ERROR, "mx",
                     /* Translators: %1$s is a host name, %2$s an IP address */
                     g_strdup_printf (_("The mail server %1$s has the private address %2$s, which other servers on the internet can’t reach."), host, address),
                     /* Translators: %s is a host name */
                     g_strdup_printf (_("Publish the public IP address of %s in its A record (the address of your internet connection or your mail provider’s server)."), host));

  cname = bd_dns_lookup (lookup, host, BD_DNS_TYPE_CNAME, cancellable, NULL);
  if (cname != NULL && cname->records->len > 0)
    bd_findings_add (report->findings, "mx-cname", BD_SEVERITY_WARNING, "mx",
                     /* Translators: %1$s is a host name, %2$s the name it is an alias of */
                     g_strdup_printf (_("The MX record points at %1$s, which is an alias (CNAME) of %2$s; the standards forbid this and some servers refuse to deliver."), host,
                                      ((BdDnsRecord *)cname->records->pdata[0])->data),
                     /* Translators: %s is a host name */
                     g_strdup_printf (_("Point the MX record straight at %s."), ((BdDnsRecord *)cname->records->pdata[0])->data));
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
  report->hosts = g_ptr_array_new_with_free_func (g_free);
  report->addresses = g_ptr_array_new_with_free_func (g_free);
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
  if (answer->records->len > 1)
    for (guint i = 0; i < answer->records->len; i++)
      if (g_str_equal (((BdDnsRecord *)answer->records->pdata[i])->data, "."))
        {
          /* RFC 7505 §3: a null MX must be the domain's only MX */
          bd_findings_add (report->findings, "mx-null-mixed", BD_SEVERITY_ERROR, "mx",
                           /* Translators: %s is a domain name */
                           g_strdup_printf (_("%s publishes a “null MX” (no email accepted) beside other MX records; senders may treat the domain as accepting no mail at all (RFC 7505)."), domain),
                           g_strdup (_("Delete the MX record that points at “.”, keeping those of your mail servers.")));
          break;
        }
  for (guint i = 0; i < answer->records->len; i++)
    {
      const BdDnsRecord *mx = g_ptr_array_index (answer->records, i);

      if (g_str_equal (mx->data, "."))
        continue;
      check_host (lookup, report, domain, mx->data, cancellable);
    }
  return report;
}
