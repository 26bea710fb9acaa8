/* bd-spf-check.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-domain-check"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-mx-check.h"
#include "bd-spf-check.h"

/* RFC 7208 §3.4: keep the answer under 512 bytes; 450 leaves room */
#define MAX_RECORD_LENGTH 450

void
bd_spf_check_free (BdSpfCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->record);
  g_free (check->corrected);
  g_free (check->matched);
  bd_spf_report_free (check->walk);
  g_clear_pointer (&check->findings, g_ptr_array_unref);
  g_free (check);
}

static gboolean
is_all_term (const char *term)
{
  const char *t = strchr ("+-~?", *term) ? term + 1 : term;

  return g_ascii_strcasecmp (t, "all") == 0;
}

/* Rebuilds @record with @replace_all as its final "all" and @extra inserted
 * before it; NULL arguments keep things as they are. */
static char *
rewrite_record (const char *record,
                const char *extra,
                const char *replace_all)
{
  g_auto(GStrv) terms = g_strsplit (record, " ", -1);
  g_autoptr(GPtrArray) out = g_ptr_array_new ();
  const char *all = NULL;

  for (guint i = 0; terms[i]; i++)
    {
      if (*terms[i] == '\0')
        continue;
      if (is_all_term (terms[i]) || g_ascii_strncasecmp (terms[i], "redirect=", 9) == 0)
        {
          all = terms[i];
          continue;
        }
      if (extra && g_ascii_strcasecmp (terms[i], extra) == 0)
        continue;   /* already there: added once, below */
      g_ptr_array_add (out, terms[i]);
    }
  if (extra)
    g_ptr_array_add (out, (char *)extra);
  if (replace_all)
    g_ptr_array_add (out, (char *)replace_all);
  else if (all)
    g_ptr_array_add (out, (char *)all);
  g_ptr_array_add (out, NULL);
  return g_strjoinv (" ", (char **)out->pdata);
}

char *
bd_spf_record_with_ip (const char *record,
                       const char *ip)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *term = NULL;

  g_return_val_if_fail (record != NULL && ip != NULL, NULL);

  address = g_inet_address_new_from_string (ip);
  term = g_strdup_printf ("%s:%s", address && g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6
                                   ? "ip6" : "ip4", ip);
  return rewrite_record (record, term, NULL);
}

/* One record from several: every mechanism once, then the first "all". */
static char *
merge_records (GPtrArray *records)
{
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *all = NULL;
  g_autoptr(GString) out = g_string_new ("v=spf1");

  for (guint i = 0; i < records->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit ((char *)records->pdata[i] + 6, " ", -1);

      for (guint j = 0; parts[j]; j++)
        {
          gboolean seen = FALSE;

          if (*parts[j] == '\0')
            continue;
          if (is_all_term (parts[j]))
            {
              if (all == NULL)
                all = g_strdup (parts[j]);
              continue;
            }
          for (guint k = 0; k < terms->len; k++)
            seen |= g_ascii_strcasecmp (terms->pdata[k], parts[j]) == 0;
          if (!seen)
            g_ptr_array_add (terms, g_strdup (parts[j]));
        }
    }
  for (guint i = 0; i < terms->len; i++)
    g_string_append_printf (out, " %s", (char *)terms->pdata[i]);
  g_string_append_printf (out, " %s", all ? all : "~all");
  return g_strdup (out->str);
}

/* @record without the terms naming @target with @prefix ("include:",
 * "ptr"), whatever their qualifier. */
static char *
remove_terms (const char *record,
              const char *prefix,
              const char *target)
{
  g_auto(GStrv) terms = g_strsplit (record, " ", -1);
  g_autofree char *wanted = g_strconcat (prefix, target, NULL);
  g_autoptr(GPtrArray) out = g_ptr_array_new ();

  for (guint i = 0; terms[i]; i++)
    {
      const char *bare = strchr ("+-~?", *terms[i]) && *terms[i] ? terms[i] + 1 : terms[i];

      if (*terms[i] == '\0' || g_ascii_strcasecmp (bare, wanted) == 0
          || (target[0] == '\0' && g_ascii_strncasecmp (bare, prefix, strlen (prefix)) == 0))
        continue;
      g_ptr_array_add (out, terms[i]);
    }
  g_ptr_array_add (out, NULL);
  return g_strjoinv (" ", (char **)out->pdata);
}

/* Each fix builds on the ones before it, so the last finding's record
 * carries them all (app/DESIGN.md: the record to publish). Takes @corrected. */
static void
set_fix (BdSpfCheck *check,
         BdFinding  *finding,
         const char *domain,
         char       *corrected)
{
  g_free (check->corrected);
  check->corrected = corrected;
  bd_finding_set_record (finding, domain, "TXT", corrected);
}

static void
add_problem_finding (BdSpfCheck        *check,
                     const BdSpfReport *report,
                     const char        *domain)
{
  const char *detail = report->problem_detail ? report->problem_detail : domain;

  switch (report->problem)
    {
    case BD_SPF_PROBLEM_SYNTAX:
      bd_findings_add (check->findings, "spf-syntax", BD_SEVERITY_ERROR, "spf",
                       /* Translators: %s is the faulty part of an SPF record */
                       g_strdup_printf (_("The SPF record has an error at “%s”, so receivers treat it as broken (permerror)."), detail),
                       g_strdup (_("Correct or remove that part. Mechanisms are separated by single spaces, for example: v=spf1 mx ip4:203.0.113.7 include:_spf.example.com -all")));
      break;
    case BD_SPF_PROBLEM_INCLUDE_NONE:
      {
        g_autofree char *without = remove_terms (check->corrected, "include:", detail);
        BdFinding *finding;

        finding = bd_findings_add (check->findings, "spf-syntax", BD_SEVERITY_ERROR, "spf",
                                   /* Translators: %s is a domain name used in include: or redirect= */
                                   g_strdup_printf (_("The SPF record refers to %s, which has no SPF record, so the whole check fails (permerror)."), detail),
                                   /* Translators: %s is a domain name */
                                   g_strdup_printf (_("Remove the reference to %s or correct its name (check your provider’s help for the right include:)."), detail));
        /* only when the broken include is in the domain's own record */
        if (strcmp (without, check->corrected) != 0)
          set_fix (check, finding, domain, g_steal_pointer (&without));
      }
      break;
    case BD_SPF_PROBLEM_MULTIPLE:
      bd_findings_add (check->findings, "spf-syntax", BD_SEVERITY_ERROR, "spf",
                       /* Translators: %s is a domain name */
                       g_strdup_printf (_("%s, used by this SPF record, publishes several SPF records (permerror)."), detail),
                       g_strdup (_("Its owner must merge them into one record.")));
      break;
    case BD_SPF_PROBLEM_LOOP:
      bd_findings_add (check->findings, "spf-loop", BD_SEVERITY_ERROR, "spf",
                       /* Translators: %s is a domain name */
                       g_strdup_printf (_("The SPF records include each other in a loop (through %s), so the check fails."), detail),
                       g_strdup (_("Remove the include: or redirect= that points back to a record already in the chain.")));
      break;
    case BD_SPF_PROBLEM_DNS:
    case BD_SPF_PROBLEM_TOO_MANY_LOOKUPS:
    case BD_SPF_PROBLEM_VOID_LOOKUPS:
    case BD_SPF_PROBLEM_NONE:
    default:
      break;
    }
}

/* Walks the include tree, each record before its includes (close to the
 * evaluation order): the record where the
 * look-ups pass 10, and every include or redirect target without a
 * record (each is a permerror of its own, RFC 7208 §5.2). */
static void
scan_tree (const BdSpfNode  *node,
           guint            *count,
           const char      **passed_at,
           GPtrArray        *missing)
{
  /* the include or redirect itself costs one look-up in its parent */
  *count += node->lookups;
  if (*count > 10 && *passed_at == NULL)
    *passed_at = node->domain;
  if (node->record == NULL && node->via != NULL)
    g_ptr_array_add (missing, node->domain);
  for (guint i = 0; node->children && i < node->children->len; i++)
    scan_tree (g_ptr_array_index (node->children, i), count, passed_at, missing);
}

static void
add_missing_findings (BdSpfCheck *check,
                      GPtrArray  *missing)
{
  for (guint i = 0; i < missing->len; i++)
    {
      const char *target = g_ptr_array_index (missing, i);

      /* the first one is already reported as the walk's problem */
      if (g_strcmp0 (target, check->walk->problem_detail) == 0)
        continue;
      bd_findings_add (check->findings, "spf-syntax", BD_SEVERITY_ERROR, "spf",
                       g_strdup_printf (_("The SPF record refers to %s, which has no SPF record, so the whole check fails (permerror)."), target),
                       g_strdup_printf (_("Remove the reference to %s or correct its name (check your provider’s help for the right include:)."), target));
    }
}

static void
add_limit_findings (BdSpfCheck *check)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  const char *passed_at = NULL;
  guint count = 0;

  if (check->tree != NULL)
    scan_tree (check->tree, &count, &passed_at, missing);
  add_missing_findings (check, missing);
  if (check->lookups > 10)
    {
      /* Translators: %u is a number of DNS look-ups, more than 10 */
      g_autofree char *count_text = g_strdup_printf (ngettext ("The SPF record needs %u DNS look-up; the limit is 10, so receivers stop with an error (permerror).",
                                                               "The SPF record needs %u DNS look-ups; the limit is 10, so receivers stop with an error (permerror).",
                                                               check->lookups), check->lookups);
      /* Translators: %s is a domain in the SPF include tree */
      g_autofree char *where = passed_at ? g_strdup_printf (_("The limit is passed in the record of %s."), passed_at)
                                         : g_strdup ("");

      bd_findings_add (check->findings, "spf-too-many-lookups", BD_SEVERITY_ERROR, "spf",
                       g_strconcat (count_text, *where ? " " : "", where, NULL),
                       g_strdup (_("Remove include: entries of services you no longer use, replace a and mx with ip4:/ip6: ranges, or ask a provider for a flattened include.")));
    }
  if (check->void_lookups > BD_SPF_MAX_VOID_LOOKUPS)
    bd_findings_add (check->findings, "spf-void-lookups", BD_SEVERITY_ERROR, "spf",
                     /* Translators: %u is a number of look-ups, more than 2 */
                     g_strdup_printf (ngettext ("%u name in the SPF record does not exist; more than 2 is an error (permerror).",
                                                "%u names in the SPF record do not exist; more than 2 is an error (permerror).",
                                                check->void_lookups), check->void_lookups),
                     g_strdup (_("Remove the a:, mx:, exists: and include: entries that point at names with no records.")));
}

static void
add_all_findings (BdSpfCheck *check,
                  const char *domain)
{
  g_auto(GStrv) terms = g_strsplit (check->record, " ", -1);
  const char *all = NULL;
  gboolean redirect = FALSE;

  for (guint i = 0; terms[i]; i++)
    {
      if (is_all_term (terms[i]))
        all = terms[i];
      if (g_ascii_strncasecmp (terms[i], "redirect=", 9) == 0)
        redirect = TRUE;
    }
  if (all && (all[0] == '+' || g_ascii_strcasecmp (all, "all") == 0))
    {
      char *fixed = rewrite_record (check->corrected, NULL, "-all");
      BdFinding *finding;

      finding = bd_findings_add (check->findings, "spf-all-pass", BD_SEVERITY_ERROR, "spf",
                                 g_strdup (_("The SPF record ends in “+all”: it allows every server in the world to send mail as your domain.")),
                                 /* Translators: %s is the corrected SPF record */
                                 g_strdup_printf (_("Publish instead: %s"), fixed));
      set_fix (check, finding, domain, fixed);
    }
  else if (all && all[0] == '?')
    {
      char *fixed = rewrite_record (check->corrected, NULL, "~all");
      BdFinding *finding;

      finding = bd_findings_add (check->findings, "spf-all-neutral", BD_SEVERITY_WARNING, "spf",
                                 g_strdup (_("The SPF record ends in “?all”: it says nothing about servers it doesn’t list, so forged mail is not caught.")),
                                 g_strdup_printf (_("Publish instead: %s"), fixed));
      set_fix (check, finding, domain, fixed);
    }
  else if (all == NULL && !redirect)
    {
      char *fixed = rewrite_record (check->corrected, NULL, "~all");
      BdFinding *finding;

      finding = bd_findings_add (check->findings, "spf-no-all", BD_SEVERITY_WARNING, "spf",
                                 g_strdup (_("The SPF record has no “all” at the end, so servers it doesn’t list get a neutral result.")),
                                 g_strdup_printf (_("Publish instead: %s"), fixed));
      set_fix (check, finding, domain, fixed);
    }
  if (strlen (check->record) > MAX_RECORD_LENGTH)
    bd_findings_add (check->findings, "spf-too-long", BD_SEVERITY_WARNING, "spf",
                     /* Translators: %zu is a number of characters */
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "The SPF record is %zu character long; some receivers fail to fetch answers this large.",
                                                  "The SPF record is %zu characters long; some receivers fail to fetch answers this large.",
                                                  strlen (check->record)),
                                     strlen (check->record)),
                     g_strdup (_("Shorten it: merge ip4: entries into ranges (ip4:198.51.100.0/24) or move them into an include: of your own.")));
}

static void
add_ip_findings (BdSpfCheck *check,
                 const char *domain,
                 const char *ip)
{
  char *fixed = NULL;
  BdFinding *finding;

  if (check->result != BD_SPF_FAIL && check->result != BD_SPF_SOFTFAIL && check->result != BD_SPF_NEUTRAL)
    return;
  fixed = bd_spf_record_with_ip (check->corrected, ip);
  finding = bd_findings_add (check->findings, "spf-ip-not-permitted",
                   check->result == BD_SPF_FAIL ? BD_SEVERITY_ERROR : BD_SEVERITY_WARNING, "spf",
                   /* Translators: %1$s is a domain, %2$s an IP address, %3$s an SPF result such as fail */
                   g_strdup_printf (_("The SPF record of %1$s does not allow %2$s, the server that sent this message (result: %3$s)."),
                                    domain, ip, bd_spf_result_to_string (check->result)),
                   /* Translators: %1$s is an IP address, %2$s the corrected SPF record */
                   g_strdup_printf (_("If %1$s is your mail server, add it: %2$s"), ip, fixed));
  set_fix (check, finding, domain, fixed);
}

/* RFC 7208 §3.1 and §14.1: the SPF RR type (99) is gone; receivers read
 * only TXT, so a type-99 record is at best dead weight and at worst a
 * stale copy that someone keeps editing instead of the TXT one. */
static void
add_spf_type_finding (const BdDnsLookup *lookup,
                      BdSpfCheck        *check,
                      const char        *domain,
                      GCancellable      *cancellable)
{
  g_autoptr(BdDnsAnswer) answer = bd_dns_lookup (lookup, domain, BD_DNS_TYPE_SPF, cancellable, NULL);

  if (answer == NULL || answer->records->len == 0)
    return;
  bd_findings_add (check->findings, "spf-type-deprecated", BD_SEVERITY_WARNING, "spf",
                   /* Translators: %s is a domain */
                   g_strdup_printf (_("%s also publishes a record of the old SPF type, which receivers ignore since RFC 7208; only the TXT record counts."), domain),
                   g_strdup (_("Delete the SPF-type record and keep the TXT record up to date.")));
}

BdSpfCheck *
bd_spf_check (const BdDnsLookup *lookup,
              const char        *domain,
              const char        *ip,
              GCancellable      *cancellable)
{
  g_autoptr(BdSpfCheck) check = g_new0 (BdSpfCheck, 1);
  g_autoptr(BdDnsAnswer) answer = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (lookup != NULL && domain != NULL, NULL);

  check->findings = bd_findings_new ();
  answer = bd_dns_lookup (lookup, domain, BD_DNS_TYPE_TXT, cancellable, &error);
  if (answer == NULL)
    {
      bd_findings_add_resolver_error (check->findings, "spf", error);
      return g_steal_pointer (&check);
    }
  for (guint i = 0; i < answer->records->len; i++)
    if (bd_spf_is_record (((BdDnsRecord *)answer->records->pdata[i])->data))
      g_ptr_array_add (records, ((BdDnsRecord *)answer->records->pdata[i])->data);

  if (records->len == 0)
    {
      BdFinding *finding;

      finding = bd_findings_add (check->findings, "spf-missing", BD_SEVERITY_ERROR, "spf",
                       /* Translators: %s is a domain name */
                       g_strdup_printf (_("%s has no SPF record, so receivers can’t tell which servers may send its mail; many file it as spam."), domain),
                       /* Translators: %s is a domain name; keep the record as it is */
                       g_strdup_printf (_("Publish a TXT record at %s listing your mail servers, for example: v=spf1 mx -all (add the include: your mail provider documents)."), domain));
      /* a start that keeps today's mail flowing: the MX hosts, the server
       * that sent the bounced message, and ~all until the reports are read */
      set_fix (check, finding, domain, ip ? bd_spf_record_with_ip ("v=spf1 mx ~all", ip) : g_strdup ("v=spf1 mx ~all"));
      return g_steal_pointer (&check);
    }
  check->record = g_strdup (records->pdata[0]);
  check->corrected = g_strdup (check->record);
  if (records->len > 1)
    {
      char *merged = merge_records (records);
      BdFinding *finding;

      finding = bd_findings_add (check->findings, "spf-multiple", BD_SEVERITY_ERROR, "spf",
                       /* Translators: %1$u is a number (2 or more), %2$s a domain */
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%2$s publishes %1$u SPF record; there must be exactly one, so every check fails (permerror).",
                                                    "%2$s publishes %1$u SPF records; there must be exactly one, so every check fails (permerror).",
                                                    records->len),
                                        records->len, domain),
                       /* Translators: %s is the merged SPF record */
                       g_strdup_printf (_("Replace them with one record: %s"), merged));
      set_fix (check, finding, domain, merged);
    }

  add_spf_type_finding (lookup, check, domain, cancellable);
  check->walk = bd_spf_check_host (lookup, NULL, domain, NULL, NULL, cancellable);
  check->tree = check->walk->tree;
  check->lookups = check->walk->lookups;
  check->void_lookups = check->walk->void_lookups;
  if (check->walk->problem == BD_SPF_PROBLEM_DNS && check->walk->result == BD_SPF_TEMPERROR)
    {
      g_autoptr(GError) dns_error = g_error_new (BD_DNS_ERROR, BD_DNS_ERROR_SERVER,
                                                 /* Translators: %s is a domain name */
                                                 _("A DNS look-up for the SPF record failed (%s)."),
                                                 check->walk->problem_detail);
      bd_findings_add_resolver_error (check->findings, "spf", dns_error);
    }
  if (records->len == 1)
    add_problem_finding (check, check->walk, domain);
  add_limit_findings (check);
  if (check->walk->uses_ptr)
    {
      BdFinding *finding;

      finding = bd_findings_add (check->findings, "spf-ptr", BD_SEVERITY_WARNING, "spf",
                                 g_strdup (_("The SPF record uses “ptr”, which is slow, unreliable and discouraged (RFC 7208 §5.5); some receivers ignore it.")),
                                 g_strdup (_("Replace ptr with the ip4:/ip6: addresses of your mail servers.")));
      /* the replacement is known only for the server that sent the bounce */
      if (ip != NULL)
        {
          g_autofree char *without = remove_terms (check->corrected, "ptr", "");

          set_fix (check, finding, domain, bd_spf_record_with_ip (without, ip));
        }
    }
  add_all_findings (check, domain);

  if (ip != NULL)
    {
      g_autoptr(BdSpfReport) result = bd_spf_check_host (lookup, ip, domain, NULL, NULL, cancellable);

      check->has_result = TRUE;
      check->result = result->result;
      check->matched = g_strdup (result->matched);
      add_ip_findings (check, domain, ip);
    }
  return g_steal_pointer (&check);
}
