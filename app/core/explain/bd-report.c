/* bd-report.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-guidance.h"
#include "bd-classify.h"
#include "bd-report.h"

/**
 * bd_report_recipient_label:
 *
 * Returns: (transfer none): a few words for a recipient's state: the
 *   reason, or that delivery is still being retried.
 */
const char *
bd_report_recipient_label (const BdBounce    *bounce,
                           const BdRecipient *recipient)
{
  g_return_val_if_fail (bounce != NULL, NULL);
  g_return_val_if_fail (recipient != NULL, NULL);

  /* A delayed message has not failed yet, whatever the classifier
   * expects to happen if the retries run out. */
  if (bounce->kind == BD_KIND_DELAYED)
    return _("Delayed, still being retried");

  return bd_reason_get_label (bd_classify_shown_reason (recipient));
}

/* Label and value of one technical detail; NULL values are left out. */
typedef struct
{
  const char *label;
  char       *value;
} Detail;

static void
details_clear (Detail *details,
               guint   n)
{
  for (guint i = 0; i < n; i++)
    g_free (details[i].value);
}

/* The technical details of a recipient, in the order the app shows them. */
static guint
recipient_details (const BdBounce    *bounce,
                   const BdRecipient *recipient,
                   Detail             out[8])
{
  guint n = 0;

  /* @val once only: it allocates (evaluated twice, the first copy leaked) */
#define ADD(lbl, val) G_STMT_START { char *v_ = (val); if (v_ != NULL) { out[n].label = (lbl); out[n].value = v_; n++; } } G_STMT_END
  ADD (_("Reason"), g_strdup (bd_report_recipient_label (bounce, recipient)));
  ADD (_("Why this reason?"), bd_report_describe_evidence (recipient));
  ADD (_("Status code"), g_strdup (recipient->status));
  ADD (_("Server reply code"), recipient->reply_code ? g_strdup_printf ("%u", recipient->reply_code) : NULL);
  ADD (_("What the server said"), g_strdup (recipient->diagnostic));
  ADD (_("Receiving server"), g_strdup (recipient->remote_mta));
  ADD (_("Reported by"), g_strdup (bounce->reporting_mta));
  ADD (_("Last attempt"), g_strdup (recipient->last_attempt));
#undef ADD

  return n;
}

static BdGuidance *
main_guidance (const BdBounce *bounce)
{
  if (bounce->recipients->len > 0)
    return bd_guidance_for_recipient (bounce, g_ptr_array_index (bounce->recipients, 0));

  return bd_guidance_for_reason (bounce->kind, BD_REASON_UNDEFINED, NULL);
}

/**
 * bd_report_to_text:
 *
 * Returns: (transfer full): the diagnosis as plain text
 */
char *
bd_report_to_text (const BdBounce *bounce)
{
  g_autoptr(BdGuidance) guidance = NULL;
  g_autofree char *summary = NULL;
  GString *out;

  g_return_val_if_fail (bounce != NULL, NULL);

  guidance = main_guidance (bounce);
  summary = bd_guidance_summary (bounce);
  out = g_string_new (NULL);

  g_string_append_printf (out, "%s\n\n%s\n\n", summary, guidance->what_happened);
  /* Translators: %s is who must act, e.g. “The recipient” or “You” */
  g_string_append_printf (out, _("Whose move: %s"), guidance->whose_move_label);
  g_string_append (out, "\n\n");
  if (guidance->provider_note != NULL)
    g_string_append_printf (out, "%s\n\n", guidance->provider_note);

  if (guidance->steps != NULL && guidance->steps[0] != NULL)
    {
      g_string_append_printf (out, "%s\n", _("What to do:"));
      for (guint i = 0; guidance->steps[i] != NULL; i++)
        g_string_append_printf (out, "  %u. %s\n", i + 1, guidance->steps[i]);
      g_string_append_c (out, '\n');
    }

  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      const BdRecipient *recipient = g_ptr_array_index (bounce->recipients, i);
      Detail details[8];
      guint n = recipient_details (bounce, recipient, details);

      g_string_append_printf (out, "%s\n", recipient->address ? recipient->address : _("Unknown address"));
      for (guint j = 0; j < n; j++)
        g_string_append_printf (out, "  %s: %s\n", details[j].label, details[j].value);
      g_string_append_c (out, '\n');
      details_clear (details, n);
    }

  if (bounce->original->subject != NULL)
    {
      /* Translators: %s is the subject of the email that came back */
      g_string_append_printf (out, _("Original message: “%s”"), bounce->original->subject);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static void
append_escaped (GString    *out,
                const char *format,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append_printf (out, format, escaped);
}

/**
 * bd_report_to_html:
 *
 * Returns: (transfer full): the diagnosis as a self-contained HTML page
 */
char *
bd_report_to_html (const BdBounce *bounce)
{
  g_autoptr(BdGuidance) guidance = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *whose = NULL;
  GString *out;

  g_return_val_if_fail (bounce != NULL, NULL);

  guidance = main_guidance (bounce);
  summary = bd_guidance_summary (bounce);
  /* Translators: %s is who must act, e.g. “The recipient” or “You” */
  whose = g_strdup_printf (_("Whose move: %s"), guidance->whose_move_label);
  out = g_string_new ("<!DOCTYPE html>\n");

  /* Translators: the language code of this translation, for HTML reports */
  append_escaped (out, "<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", C_("html lang", "en"));
  append_escaped (out, "<title>%s</title>\n", summary);
  g_string_append (out, "<style>body{font-family:sans-serif;max-width:46em;margin:2em auto;"
                        "line-height:1.5;padding:0 1em}th{text-align:left;padding-right:1em;"
                        "vertical-align:top;color:#555}td{word-break:break-word}"
                        "section{border-top:1px solid #ccc;margin-top:1.5em}</style>\n"
                        "</head>\n<body>\n");
  append_escaped (out, "<h1>%s</h1>\n", summary);
  append_escaped (out, "<p>%s</p>\n", guidance->what_happened);
  append_escaped (out, "<p><strong>%s</strong></p>\n", whose);
  if (guidance->provider_note != NULL)
    append_escaped (out, "<p><em>%s</em></p>\n", guidance->provider_note);

  if (guidance->steps != NULL && guidance->steps[0] != NULL)
    {
      append_escaped (out, "<h2>%s</h2>\n<ol>\n", _("What to do"));
      for (guint i = 0; guidance->steps[i] != NULL; i++)
        append_escaped (out, "<li>%s</li>\n", guidance->steps[i]);
      g_string_append (out, "</ol>\n");
    }

  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      const BdRecipient *recipient = g_ptr_array_index (bounce->recipients, i);
      Detail details[8];
      guint n = recipient_details (bounce, recipient, details);

      append_escaped (out, "<section>\n<h2>%s</h2>\n<table>\n",
                      recipient->address ? recipient->address : _("Unknown address"));
      for (guint j = 0; j < n; j++)
        {
          append_escaped (out, "<tr><th>%s</th>", details[j].label);
          append_escaped (out, "<td>%s</td></tr>\n", details[j].value);
        }
      g_string_append (out, "</table>\n</section>\n");
      details_clear (details, n);
    }

  if (bounce->original->subject != NULL)
    {
      g_autofree char *line = NULL;

      /* Translators: %s is the subject of the email that came back */
      line = g_strdup_printf (_("Original message: “%s”"), bounce->original->subject);
      append_escaped (out, "<section><p>%s</p></section>\n", line);
    }

  g_string_append (out, "</body>\n</html>\n");
  return g_string_free (out, FALSE);
}
