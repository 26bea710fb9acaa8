/* bd-domain-fix.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-domain-check"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-domain-fix.h"

/* Findings that are about the check itself, not about the domain. */
static gboolean
is_for_hosting (const BdFinding *finding)
{
  return g_strcmp0 (finding->area, "resolver") != 0 && g_strcmp0 (finding->id, "resolver-error") != 0;
}

static gboolean
is_worth_sending (const BdFinding *finding)
{
  return is_for_hosting (finding)
         && (finding->severity >= BD_SEVERITY_WARNING || finding->record != NULL);
}

/* Two TXT records are of the same kind when they start with the same
 * version tag ("v=spf1", "v=DMARC1", "v=STSv1"…): a domain has one SPF
 * record beside its other TXT records (RFC 7208 §3.2). */
static gboolean
same_txt_kind (const char *a,
               const char *b)
{
  gsize la = strcspn (a, " ;");
  gsize lb = strcspn (b, " ;");

  return la == lb && g_ascii_strncasecmp (a, b, la) == 0;
}

GPtrArray *
bd_domain_fix_records (const BdDomainReport *report)
{
  GPtrArray *records = g_ptr_array_new ();

  g_return_val_if_fail (report != NULL, records);

  for (guint i = 0; i < report->findings->len; i++)
    {
      const BdFinding *finding = g_ptr_array_index (report->findings, i);
      gboolean replaced = FALSE;

      if (finding->record == NULL || !is_for_hosting (finding))
        continue;
      for (guint j = 0; j < records->len && !replaced; j++)
        {
          const BdFixRecord *seen = g_ptr_array_index (records, j);

          if (g_ascii_strcasecmp (seen->name, finding->record->name) == 0
              && g_strcmp0 (seen->type, finding->record->type) == 0
              && (g_strcmp0 (seen->type, "TXT") != 0
                  || same_txt_kind (seen->value, finding->record->value)))
            {
              records->pdata[j] = finding->record;
              replaced = TRUE;
            }
        }
      if (!replaced)
        g_ptr_array_add (records, finding->record);
    }
  return records;
}

char *
bd_fix_record_to_text (const BdFixRecord *record)
{
  g_return_val_if_fail (record != NULL, NULL);

  /* Translators: how one DNS record to publish is written out; keep the
   * three lines; %1$s is a DNS name, %2$s a type (TXT, MX), %3$s the value */
  return g_strdup_printf (_("Name: %1$s\nType: %2$s\nValue: %3$s"),
                          record->name, record->type, record->value);
}

static void
append_problems (GString              *out,
                 const BdDomainReport *report)
{
  guint n = 0;

  for (guint i = 0; i < report->findings->len; i++)
    {
      const BdFinding *finding = g_ptr_array_index (report->findings, i);

      if (!is_worth_sending (finding))
        continue;
      g_string_append_printf (out, "%u. %s\n", ++n, finding->message);
      /* a finding with a record is fixed by the records listed below */
      if (finding->record == NULL && finding->fix != NULL)
        g_string_append_printf (out, "   %s\n", finding->fix);
    }
}

char *
bd_domain_fix_message (const BdDomainReport *report)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) records = NULL;
  gboolean any = FALSE;

  g_return_val_if_fail (report != NULL, NULL);

  /* notes alone (no TLS reports asked for…) are not worth a message; with
   * a real problem, their records come along */
  for (guint i = 0; i < report->findings->len && !any; i++)
    any = is_worth_sending (g_ptr_array_index (report->findings, i))
          && ((BdFinding *)g_ptr_array_index (report->findings, i))->severity >= BD_SEVERITY_WARNING;
  if (!any)
    return NULL;

  /* Translators: the start of the message for the hosting company or IT */
  g_string_append_printf (out, "%s\n\n", _("Hello,"));
  g_string_append_printf (out,
                          /* Translators: %s is a domain */
                          _("I checked the email settings of the domain %s. These problems need changes to its DNS records or its mail server:"),
                          report->domain);
  g_string_append (out, "\n\n");
  append_problems (out, report);

  records = bd_domain_fix_records (report);
  if (records->len > 0)
    {
      g_string_append_printf (out, "\n%s\n",
                              ngettext ("Please publish this DNS record. It replaces the record of the same kind at that name (for example the existing SPF record), if there is one; other records stay as they are:",
                                        "Please publish these DNS records. Each replaces the record of the same kind at that name (for example the existing SPF record), if there is one; other records stay as they are:",
                                        records->len));
      for (guint i = 0; i < records->len; i++)
        {
          g_autofree char *text = bd_fix_record_to_text (g_ptr_array_index (records, i));

          g_string_append_printf (out, "\n%s\n", text);
        }
    }
  g_string_append_c (out, '\n');
  if (report->resolver != NULL)
    {
      /* Translators: %s is the address of a DNS-over-HTTPS resolver */
      g_string_append_printf (out, _("(Checked with Bounce Doctor through the DNS resolver %s.)"), report->resolver);
      g_string_append (out, "\n\n");
    }
  /* Translators: the end of the message for the hosting company or IT */
  g_string_append_printf (out, "%s\n", _("Thank you."));
  return g_string_free (g_steal_pointer (&out), FALSE);
}
