/* bd-dmarc.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-domain-check"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "bd-dmarc.h"
#include "bd-mx-check.h"

void
bd_dmarc_report_free (BdDmarcReport *report)
{
  if (report == NULL)
    return;
  g_free (report->record);
  g_free (report->found_at);
  g_free (report->policy);
  g_clear_pointer (&report->tags, g_hash_table_unref);
  g_clear_pointer (&report->findings, g_ptr_array_unref);
  g_free (report);
}

static gboolean
is_policy (const char *value)
{
  return g_strcmp0 (value, "none") == 0 || g_strcmp0 (value, "quarantine") == 0
      || g_strcmp0 (value, "reject") == 0;
}

static gboolean
is_uint (const char *value,
         guint64     max)
{
  guint64 n;

  return value[0] != '\0' && g_ascii_string_to_unsigned (value, 10, 0, max, &n, NULL);
}

static gboolean
uris_valid (const char *value)
{
  g_auto(GStrv) uris = g_strsplit (value, ",", -1);

  for (guint i = 0; uris[i]; i++)
    if (!g_str_has_prefix (g_strstrip (uris[i]), "mailto:") || strchr (uris[i], '@') == NULL)
      return FALSE;
  return TRUE;
}

/* RFC 7489 §6.3 fo=: "0", "1", "d" or "s", colon-separated */
static gboolean
fo_valid (const char *value)
{
  g_auto(GStrv) options = g_strsplit (value, ":", -1);

  for (guint i = 0; options[i]; i++)
    {
      const char *option = g_strstrip (options[i]);

      if (!g_str_equal (option, "0") && !g_str_equal (option, "1") && !g_str_equal (option, "d")
          && !g_str_equal (option, "s"))
        return FALSE;
    }
  return options[0] != NULL;
}

gboolean
bd_dmarc_parse (const char  *record,
                GHashTable  *tags,
                char       **problem)
{
  g_auto(GStrv) parts = NULL;
  const char *value;

  g_return_val_if_fail (record != NULL && tags != NULL && problem != NULL, FALSE);

  parts = g_strsplit (record, ";", -1);
  for (guint i = 0; parts[i]; i++)
    {
      char *eq, *name, *val;

      /* strip first: g_strstrip() moves the text */
      if (g_strstrip (parts[i])[0] == '\0')
        continue;
      eq = strchr (parts[i], '=');
      if (eq == NULL)
        {
          *problem = g_strdup (parts[i]);
          return FALSE;
        }
      *eq = '\0';
      name = g_strstrip (parts[i]);
      val = g_strstrip (eq + 1);
      if ((i == 0) != g_str_equal (name, "v"))
        {
          *problem = g_strdup (name);
          return FALSE;
        }
      g_hash_table_replace (tags, g_ascii_strdown (name, -1), g_strdup (val));
    }
  if (g_strcmp0 (g_hash_table_lookup (tags, "v"), "DMARC1") != 0)
    {
      *problem = g_strdup ("v");
      return FALSE;
    }
  if (!is_policy (g_hash_table_lookup (tags, "p")))
    {
      *problem = g_strdup ("p");
      return FALSE;
    }
  if ((value = g_hash_table_lookup (tags, "sp")) && !is_policy (value))
    *problem = g_strdup ("sp");
  else if ((value = g_hash_table_lookup (tags, "pct")) && !is_uint (value, 100))
    *problem = g_strdup ("pct");
  else if ((value = g_hash_table_lookup (tags, "adkim")) && !g_str_equal (value, "r") && !g_str_equal (value, "s"))
    *problem = g_strdup ("adkim");
  else if ((value = g_hash_table_lookup (tags, "aspf")) && !g_str_equal (value, "r") && !g_str_equal (value, "s"))
    *problem = g_strdup ("aspf");
  else if ((value = g_hash_table_lookup (tags, "ri")) && !is_uint (value, G_MAXUINT32))
    *problem = g_strdup ("ri");
  else if ((value = g_hash_table_lookup (tags, "rua")) && !uris_valid (value))
    *problem = g_strdup ("rua");
  else if ((value = g_hash_table_lookup (tags, "ruf")) && !uris_valid (value))
    *problem = g_strdup ("ruf");
  /* np: the policy for names that don't exist (DMARCbis, RFC 9091) */
  else if ((value = g_hash_table_lookup (tags, "np")) && !is_policy (value))
    *problem = g_strdup ("np");
  else if ((value = g_hash_table_lookup (tags, "fo")) && !fo_valid (value))
    *problem = g_strdup ("fo");
  return *problem == NULL;
}

char *
bd_dmarc_org_domain (const char *domain)
{
  const char *base, *last, *p;

  g_return_val_if_fail (domain != NULL, NULL);

  /* libsoup's list reads past the end of a name that is not UTF-8
   * (GLib's IDN check; found by the dmarc fuzz target): such a name gets
   * the rule below only */
  if (g_utf8_validate (domain, -1, NULL))
    {
      base = soup_tld_get_base_domain (domain, NULL);
      if (base != NULL)
        return g_strdup (base);
      if (soup_tld_domain_is_public_suffix (domain))
        return g_strdup (domain);
    }
  /* RFC 7489 §3.2: a TLD the list doesn't know gets the implicit "*"
   * rule, so the organizational domain is the last two labels */
  last = strrchr (domain, '.');
  if (last == NULL)
    return g_strdup (domain);
  p = last;
  while (p > domain && p[-1] != '.')
    p--;
  return g_strdup (p);
}

/* The DMARC records at _dmarc.@domain; NULL with @error on a DNS failure. */
static GPtrArray *
fetch_records (const BdDnsLookup  *lookup,
               const char         *domain,
               GCancellable       *cancellable,
               GError            **error)
{
  g_autofree char *name = g_strconcat ("_dmarc.", domain, NULL);
  g_autoptr(BdDnsAnswer) answer = bd_dns_lookup (lookup, name, BD_DNS_TYPE_TXT, cancellable, error);
  GPtrArray *records;

  if (answer == NULL)
    return NULL;
  records = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < answer->records->len; i++)
    {
      const BdDnsRecord *txt = g_ptr_array_index (answer->records, i);
      const char *p = txt->data;

      /* §6.6.3: records not starting with "v=DMARC1" are discarded */
      while (*p == ' ')
        p++;
      if (g_ascii_strncasecmp (p, "v=dmarc1", 8) == 0)
        g_ptr_array_add (records, g_strdup (txt->data));
    }
  return records;
}

/* §7.1: an address outside the organizational domain must authorize it. */
static void
check_rua (const BdDnsLookup *lookup,
           BdDmarcReport     *report,
           const char        *domain,
           const char        *rua,
           GCancellable      *cancellable)
{
  g_auto(GStrv) uris = g_strsplit (rua, ",", -1);
  g_autofree char *own_org = bd_dmarc_org_domain (domain);

  for (guint i = 0; uris[i]; i++)
    {
      const char *at = strrchr (uris[i], '@');
      g_autofree char *target = NULL;
      g_autofree char *target_org = NULL;
      g_autofree char *name = NULL;
      g_autoptr(BdDnsAnswer) answer = NULL;
      g_autoptr(GError) error = NULL;
      gboolean authorized = FALSE;
      BdFinding *finding;
      char *bang;

      if (at == NULL)
        continue;
      target = g_ascii_strdown (at + 1, -1);
      if ((bang = strchr (target, '!')) != NULL)   /* mailto:a@b!10m size limit */
        *bang = '\0';
      target_org = bd_dmarc_org_domain (target);
      if (g_ascii_strcasecmp (target_org, own_org) == 0)
        continue;
      name = g_strdup_printf ("%s._report._dmarc.%s", domain, target);
      answer = bd_dns_lookup (lookup, name, BD_DNS_TYPE_TXT, cancellable, &error);
      if (answer == NULL)
        {
          bd_findings_add_resolver_error (report->findings, "dmarc", error);
          continue;
        }
      for (guint j = 0; j < answer->records->len; j++)
        if (g_str_has_prefix (((BdDnsRecord *)answer->records->pdata[j])->data, "v=DMARC1"))
          authorized = TRUE;
      if (authorized)
        continue;
      finding = bd_findings_add (report->findings, "dmarc-rua-unauthorized", BD_SEVERITY_WARNING, "dmarc",
                                 /* Translators: %1$s is a domain receiving reports, %2$s the checked domain */
                                 g_strdup_printf (_("DMARC reports go to %1$s, which has not published that it accepts reports for %2$s, so receivers will not send them."), target, domain),
                                 /* Translators: %s is a DNS name; keep the record text as it is */
                                 g_strdup_printf (_("Ask the owner of that domain to publish a TXT record “v=DMARC1” at %s."), name));
      /* RFC 7489 §7.1: the minimal authorising record */
      bd_finding_set_record (finding, name, "TXT", "v=DMARC1");
    }
}

/* As checkdmarc warns: an enforcing p= that leaves subdomains at sp=none
 * (forgers simply use a subdomain), and pct= below 100 (the policy applies
 * to only part of the failing mail, RFC 7489 §6.3). */
static void
add_strength_findings (BdDmarcReport *report)
{
  const char *p = g_hash_table_lookup (report->tags, "p");
  const char *sp = g_hash_table_lookup (report->tags, "sp");
  const char *pct = g_hash_table_lookup (report->tags, "pct");

  if (g_strcmp0 (p, "none") != 0 && g_strcmp0 (sp, "none") == 0)
    bd_findings_add (report->findings, "dmarc-subdomains-none", BD_SEVERITY_WARNING, "dmarc",
                     /* Translators: %s is a DMARC policy (quarantine or reject) */
                     g_strdup_printf (_("The DMARC policy is “%s”, but sp=none leaves every subdomain unprotected: forgers can send as anything.your-domain."), p),
                     g_strdup (_("Remove sp=none (subdomains then follow p=), or set sp=quarantine.")));
  if (pct != NULL && atoi (pct) < 100 && g_strcmp0 (p, "none") != 0)
    bd_findings_add (report->findings, "dmarc-pct-partial", BD_SEVERITY_INFO, "dmarc",
                     /* Translators: %s is a percentage (0–99) */
                     g_strdup_printf (_("pct=%s: the DMARC policy applies to only that share of the failing mail; the rest is delivered as if there were no policy."), pct),
                     g_strdup (_("Raise pct to 100 (or remove it) once the reports show your own mail passes.")));
}

static void
add_policy_findings (const BdDnsLookup *lookup,
                     BdDmarcReport     *report,
                     const char        *domain,
                     const char        *record_domain,
                     const char        *policy_tag,
                     GCancellable      *cancellable)
{
  const char *rua = g_hash_table_lookup (report->tags, "rua");
  g_autofree char *corrected = g_strdup (report->record);
  BdFinding *finding;

  if (g_strcmp0 (report->policy, "none") == 0)
    {
      /* the tag that set the policy: sp= for a subdomain (RFC 7489 §6.3) */
      g_autofree char *pattern = g_strdup_printf ("\\b%s\\s*=\\s*none", policy_tag);
      g_autofree char *tightened = g_strdup_printf ("%s=quarantine", policy_tag);
      /* raw: a record is bytes from DNS, not always UTF-8 */
      GRegex *regex = g_regex_new (pattern, G_REGEX_RAW, 0, NULL);
      char *replaced = g_regex_replace_literal (regex, report->record, -1, 0, tightened, 0, NULL);

      g_regex_unref (regex);
      if (replaced != NULL)
        {
          g_free (corrected);
          corrected = replaced;
        }
      finding = bd_findings_add (report->findings, "dmarc-policy-none", BD_SEVERITY_WARNING, "dmarc",
                                 /* Translators: %s is a domain name */
                                 g_strdup_printf (_("The DMARC policy of %s is “none”: forged messages in its name are still delivered."), domain),
                                 /* Translators: %s is the corrected DMARC record */
                                 g_strdup_printf (_("When the reports show that your own mail passes, tighten the policy: %s"), corrected));
      bd_finding_set_record (finding, report->found_at, "TXT", corrected);
    }
  add_strength_findings (report);
  if (rua == NULL || *rua == '\0')
    {
      g_autofree char *base = g_strdup (corrected);
      const char *end = g_strchomp (base);

      /* each fix builds on the one before: the last record carries both */
      g_free (corrected);
      corrected = g_strdup_printf ("%s%s rua=mailto:dmarc-reports@%s", end,
                                   g_str_has_suffix (end, ";") ? "" : ";", record_domain);
      finding = bd_findings_add (report->findings, "dmarc-no-rua", BD_SEVERITY_INFO, "dmarc",
                                 g_strdup (_("The DMARC record asks for no aggregate reports (no rua=), so you won’t learn who sends mail in your domain’s name.")),
                                 /* Translators: %1$s is the current record, %2$s a domain */
                                 g_strdup_printf (_("Add a report address: %1$s; rua=mailto:dmarc-reports@%2$s"), report->record, record_domain));
      bd_finding_set_record (finding, report->found_at, "TXT", corrected);
    }
  else
    check_rua (lookup, report, record_domain, rua, cancellable);
}

BdDmarcReport *
bd_dmarc_check (const BdDnsLookup *lookup,
                const char        *domain,
                GCancellable      *cancellable)
{
  g_autoptr(BdDmarcReport) report = g_new0 (BdDmarcReport, 1);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *org = bd_dmarc_org_domain (domain);
  g_autofree char *problem = NULL;
  const char *record_domain = domain;
  const char *policy_tag;
  gboolean at_org = FALSE;

  g_return_val_if_fail (lookup != NULL && domain != NULL, NULL);

  report->tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  report->findings = bd_findings_new ();

  records = fetch_records (lookup, domain, cancellable, &error);
  if (records != NULL && records->len == 0 && g_ascii_strcasecmp (org, domain) != 0)
    {
      /* §6.6.3: fall back to the organizational domain */
      g_clear_pointer (&records, g_ptr_array_unref);
      records = fetch_records (lookup, org, cancellable, &error);
      record_domain = org;
      at_org = TRUE;
    }
  if (records == NULL)
    {
      bd_findings_add_resolver_error (report->findings, "dmarc", error);
      return g_steal_pointer (&report);
    }
  if (records->len == 0)
    {
      g_autofree char *at = g_strconcat ("_dmarc.", org, NULL);

      g_autofree char *value = g_strdup_printf ("v=DMARC1; p=none; rua=mailto:dmarc-reports@%s", org);
      BdFinding *finding;

      finding = bd_findings_add (report->findings, "dmarc-missing", BD_SEVERITY_WARNING, "dmarc",
                       /* Translators: %s is a domain name */
                       g_strdup_printf (_("%s has no DMARC record: receivers can’t tell what to do with forged mail in its name, and large providers such as Gmail may refuse bulk mail."), domain),
                       /* Translators: %1$s is a DNS name, %2$s a domain; keep the record as it is */
                       g_strdup_printf (_("Publish a TXT record at %1$s: v=DMARC1; p=none; rua=mailto:dmarc-reports@%2$s"), at, org));
      /* p=none first (RFC 7489 §6.7 deployment): watch the reports, then tighten */
      bd_finding_set_record (finding, at, "TXT", value);
      return g_steal_pointer (&report);
    }
  report->record = g_strdup (g_ptr_array_index (records, 0));
  report->found_at = g_strconcat ("_dmarc.", record_domain, NULL);
  if (records->len > 1)
    {
      /* no record to publish: which one the owner meant is theirs to say */
      bd_findings_add (report->findings, "dmarc-multiple", BD_SEVERITY_ERROR, "dmarc",
                       /* Translators: %s is a DNS name */
                       g_strdup_printf (_("There are several DMARC records at %s, so receivers ignore all of them."), report->found_at),
                       g_strdup (_("Delete all but one DMARC record.")));
      return g_steal_pointer (&report);
    }
  if (!bd_dmarc_parse (report->record, report->tags, &problem))
    {
      bd_findings_add (report->findings, "dmarc-syntax", BD_SEVERITY_ERROR, "dmarc",
                       /* Translators: %1$s is a DNS name, %2$s a DMARC tag such as p or pct */
                       g_strdup_printf (_("The DMARC record at %1$s is invalid (tag “%2$s”), so receivers ignore it."), report->found_at, problem),
                       g_strdup (_("Correct the record; a valid one looks like: v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@example.com")));
      return g_steal_pointer (&report);
    }
  /* sp= applies to subdomains found through the organizational domain */
  policy_tag = at_org && g_hash_table_lookup (report->tags, "sp") ? "sp" : "p";
  report->policy = g_strdup (g_hash_table_lookup (report->tags, policy_tag));
  add_policy_findings (lookup, report, domain, record_domain, policy_tag, cancellable);
  return g_steal_pointer (&report);
}
