/* bd-rdns-check.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-domain-check"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bd-dnsbl.h"
#include "bd-mx-check.h"
#include "bd-rdns-check.h"

/* RFC 8601 §3 (iprev, after RFC 7208 §5.5): look at ten names at most */
#define MAX_NAMES 10

void
bd_rdns_report_free (BdRdnsReport *report)
{
  if (report == NULL)
    return;
  g_free (report->ip);
  g_free (report->query);
  g_clear_pointer (&report->names, g_ptr_array_unref);
  g_clear_pointer (&report->findings, g_ptr_array_unref);
  g_free (report);
}

/* Does @name have @address among its A (or AAAA) records? */
static gboolean
resolves_to (const BdDnsLookup *lookup,
             const char        *name,
             GInetAddress      *address,
             GCancellable      *cancellable)
{
  guint16 type = g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6 ? BD_DNS_TYPE_AAAA : BD_DNS_TYPE_A;
  g_autoptr(BdDnsAnswer) answer = bd_dns_lookup (lookup, name, type, cancellable, NULL);

  for (guint i = 0; answer && i < answer->records->len; i++)
    {
      g_autoptr(GInetAddress) other = g_inet_address_new_from_string (((BdDnsRecord *)answer->records->pdata[i])->data);

      if (other && g_inet_address_equal (other, address))
        return TRUE;
    }
  return FALSE;
}

BdRdnsReport *
bd_rdns_check (const BdDnsLookup *lookup,
               const char        *ip,
               GCancellable      *cancellable)
{
  g_autoptr(BdRdnsReport) report = g_new0 (BdRdnsReport, 1);
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (ip);
  g_autoptr(BdDnsAnswer) answer = NULL;
  g_autoptr(GError) error = NULL;
  BdFinding *finding;

  g_return_val_if_fail (lookup != NULL && ip != NULL, NULL);

  report->ip = g_strdup (ip);
  report->names = g_ptr_array_new_with_free_func (g_free);
  report->findings = bd_findings_new ();
  if (address == NULL)
    return g_steal_pointer (&report);
  report->query = bd_dnsbl_query_name (ip, g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6
                                           ? "ip6.arpa" : "in-addr.arpa");
  answer = bd_dns_lookup (lookup, report->query, BD_DNS_TYPE_PTR, cancellable, &error);
  if (answer == NULL)
    {
      bd_findings_add_resolver_error (report->findings, "rdns", error);
      return g_steal_pointer (&report);
    }
  for (guint i = 0; i < answer->records->len && i < MAX_NAMES; i++)
    {
      const char *name = ((BdDnsRecord *)answer->records->pdata[i])->data;

      g_ptr_array_add (report->names, g_strdup (name));
      report->confirmed |= !report->confirmed && resolves_to (lookup, name, address, cancellable);
    }
  if (report->names->len == 0)
    {
      bd_findings_add (report->findings, "rdns-missing", BD_SEVERITY_ERROR, "rdns",
                       /* Translators: %s is an IP address */
                       g_strdup_printf (_("The sending server %s has no reverse DNS (PTR) record; Gmail, Microsoft and many others refuse or junk mail from such servers."), ip),
                       /* Translators: %s is an IP address */
                       g_strdup_printf (_("Ask whoever gave you the address %s (your internet or hosting provider) to set its PTR record to your mail server’s name, a name that points back to it."), ip));
      return g_steal_pointer (&report);
    }
  if (report->confirmed)
    return g_steal_pointer (&report);
  finding = bd_findings_add (report->findings, "rdns-not-confirmed", BD_SEVERITY_WARNING, "rdns",
                             /* Translators: %1$s is an IP address, %2$s a host name */
                             g_strdup_printf (_("The reverse DNS of %1$s names %2$s, but that name does not point back to %1$s, so receivers that check “forward-confirmed” reverse DNS treat the server as unidentified."),
                                              ip, (char *)report->names->pdata[0]),
                             /* Translators: %1$s is a host name, %2$s an IP address */
                             g_strdup_printf (_("Add an A record %1$s → %2$s, or have the PTR record changed to a name that points to %2$s."),
                                              (char *)report->names->pdata[0], ip));
  bd_finding_set_record (finding, report->names->pdata[0],
                         g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6 ? "AAAA" : "A", ip);
  return g_steal_pointer (&report);
}
