/* bd-dnsbl.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-domain-check"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <string.h>

#include "bd-dnsbl.h"

const char * const bd_dnsbl_default_lists[] = {
  "zen.spamhaus.org",
  "bl.spamcop.net",
  "b.barracudacentral.org",
  "psbl.surriel.com",
  NULL,
};

typedef enum { ANSWER_NONE, ANSWER_LISTED, ANSWER_REFUSED, ANSWER_ERROR } Answer;

void
bd_dnsbl_result_free (BdDnsblResult *result)
{
  if (result == NULL)
    return;
  g_free (result->list);
  g_free (result->detail);
  g_free (result);
}

const char *
bd_dnsbl_status_to_string (BdDnsblStatus status)
{
  switch (status)
    {
    case BD_DNSBL_LISTED: return "listed";
    case BD_DNSBL_UNCHECKABLE: return "uncheckable";
    case BD_DNSBL_NOT_LISTED:
    default: return "not-listed";
    }
}

/* 203.0.113.7 → 7.113.0.203.zone; IPv6 as nibbles (RFC 5782 §2.4) */
char *
bd_dnsbl_query_name (const char *ip,
                     const char *zone)
{
  g_autoptr(GInetAddress) address = NULL;
  const guint8 *b;
  GString *name;

  g_return_val_if_fail (ip != NULL && zone != NULL, NULL);

  address = g_inet_address_new_from_string (ip);
  if (address == NULL)
    return NULL;
  b = g_inet_address_to_bytes (address);
  name = g_string_new (NULL);
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
    g_string_printf (name, "%u.%u.%u.%u.", b[3], b[2], b[1], b[0]);
  else
    for (int i = 15; i >= 0; i--)
      g_string_append_printf (name, "%x.%x.", b[i] & 0xf, b[i] >> 4);
  g_string_append (name, zone);
  return g_string_free (name, FALSE);
}

static Answer
ask (const BdDnsLookup  *lookup,
     const char         *ip,
     const char         *zone,
     GCancellable       *cancellable,
     char              **code,
     GError            **error)
{
  g_autofree char *name = bd_dnsbl_query_name (ip, zone);
  g_autoptr(BdDnsAnswer) answer = NULL;
  Answer result = ANSWER_NONE;

  answer = bd_dns_lookup (lookup, name, BD_DNS_TYPE_A, cancellable, error);
  if (answer == NULL)
    return ANSWER_ERROR;
  for (guint i = 0; i < answer->records->len; i++)
    {
      const char *data = ((BdDnsRecord *)answer->records->pdata[i])->data;

      /* 127.255.255.x: "you are querying through a public resolver", "rate
       * limited", … — an error code, not a listing */
      if (g_str_has_prefix (data, "127.255.255."))
        return ANSWER_REFUSED;
      if (g_str_has_prefix (data, "127."))
        {
          result = ANSWER_LISTED;
          if (code && *code == NULL)
            *code = g_strdup (data);
        }
    }
  return result;
}

static BdDnsblResult *
result_new (const char    *zone,
            BdDnsblStatus  status,
            char          *detail)
{
  BdDnsblResult *result = g_new0 (BdDnsblResult, 1);

  result->list = g_strdup (zone);
  result->status = status;
  result->detail = detail;
  return result;
}

static BdDnsblResult *
uncheckable (const char *zone,
             const char *ip,
             char       *detail,
             GPtrArray  *findings)
{
  bd_findings_add (findings, "dnsbl-uncheckable", BD_SEVERITY_INFO, "dnsbl",
                   /* Translators: %1$s is a blocklist, %2$s the reason */
                   g_strdup_printf (_("The blocklist %1$s can’t be checked from here: %2$s"), zone, detail),
                   /* Translators: %1$s is a blocklist, %2$s an IP address */
                   g_strdup_printf (_("Look up %2$s on the website of %1$s instead."), zone, ip));
  return result_new (zone, BD_DNSBL_UNCHECKABLE, detail);
}

static char *
listing_text (const BdDnsLookup *lookup,
              const char        *ip,
              const char        *zone,
              GCancellable      *cancellable)
{
  g_autofree char *name = bd_dnsbl_query_name (ip, zone);
  g_autoptr(BdDnsAnswer) answer = bd_dns_lookup (lookup, name, BD_DNS_TYPE_TXT, cancellable, NULL);

  if (answer == NULL || answer->records->len == 0)
    return NULL;
  return g_strdup (((BdDnsRecord *)answer->records->pdata[0])->data);
}

BdDnsblResult *
bd_dnsbl_check (const BdDnsLookup *lookup,
                const char        *ip,
                const char        *zone,
                GPtrArray         *findings,
                GCancellable      *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *reason = NULL;
  const char *probe_in, *probe_out;
  Answer listed, unlisted, answer;

  g_return_val_if_fail (lookup != NULL && ip != NULL && zone != NULL && findings != NULL, NULL);

  /* the RFC 5782 §5 self-test, through the same resolver, in the address
   * family of the IP (IPv6 lists carry ::FFFF:7F00:2) */
  probe_in = strchr (ip, ':') ? "::ffff:7f00:2" : "127.0.0.2";
  probe_out = strchr (ip, ':') ? "::ffff:7f00:1" : "127.0.0.1";
  listed = ask (lookup, probe_in, zone, cancellable, NULL, &error);
  if (listed == ANSWER_ERROR)
    return uncheckable (zone, ip, g_strdup (error->message), findings);
  if (listed == ANSWER_REFUSED)
    /* Translators: the end of “The blocklist %1$s can’t be checked from here: %2$s” */
    return uncheckable (zone, ip, g_strdup (_("it refuses queries that come through public DNS resolvers.")), findings);
  if (listed != ANSWER_LISTED)
    /* Translators: the end of “The blocklist %1$s can’t be checked from here: %2$s” */
    return uncheckable (zone, ip, g_strdup (_("it fails its self-test (127.0.0.2 is not listed): it may refuse this resolver or be out of service.")), findings);
  unlisted = ask (lookup, probe_out, zone, cancellable, NULL, &error);
  if (unlisted == ANSWER_ERROR)
    return uncheckable (zone, ip, g_strdup (error->message), findings);
  if (unlisted != ANSWER_NONE)
    /* Translators: the end of “The blocklist %1$s can’t be checked from here: %2$s” */
    return uncheckable (zone, ip, g_strdup (_("it fails its self-test (it lists 127.0.0.1, so it would list everyone).")), findings);

  answer = ask (lookup, ip, zone, cancellable, &code, &error);
  if (answer == ANSWER_ERROR)
    return uncheckable (zone, ip, g_strdup (error->message), findings);
  if (answer == ANSWER_REFUSED)
    /* Translators: the end of “The blocklist %1$s can’t be checked from here: %2$s” */
    return uncheckable (zone, ip, g_strdup (_("it refuses queries that come through public DNS resolvers.")), findings);
  if (answer == ANSWER_NONE)
    return result_new (zone, BD_DNSBL_NOT_LISTED, NULL);

  reason = listing_text (lookup, ip, zone, cancellable);
  bd_findings_add (findings, "dnsbl-listed", BD_SEVERITY_ERROR, "dnsbl",
                   /* Translators: %1$s is an IP address, %2$s a blocklist, %3$s its answer (127.0.0.x) */
                   g_strdup_printf (_("The sending server %1$s is on the blocklist %2$s (answer %3$s); many receivers refuse its mail."), ip, zone, code),
                   /* Translators: %s is a blocklist */
                   g_strdup_printf (_("Find out why (a hacked account or an infected computer sending spam is the usual cause), fix it, then request removal on the website of %s."), zone));
  return result_new (zone, BD_DNSBL_LISTED, g_strdup (reason ? reason : code));
}
