/* bd-report.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The diagnosis (bd-diagnosis.h) laid out as a report for the IT person:
 * plain text to copy, or a self-contained HTML page to save. Everything
 * said here was decided by the diagnosis; this file only formats it.
 */
#define G_LOG_DOMAIN "bd-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-diagnosis.h"
#include "bd-report.h"

static void
append_labelled (GString    *out,
                 const char *indent,
                 const char *label,
                 const char *value)
{
  BdDetail detail = { label, (char *)value };
  g_autofree char *line = bd_detail_to_string (&detail);

  g_string_append_printf (out, "%s%s\n", indent, line);
}

/* The original message's fields, labelled as the window labels them. */
static void
for_each_original (const BdDiagnosis *d,
                   void             (*append) (GString *, const char *, const char *),
                   GString           *out)
{
  const char *labels[] = { C_("email", "Subject"), C_("email", "From"), C_("email", "To"), C_("email", "Sent") };
  const char *values[] = { d->original_subject, d->original_from, d->original_to, d->original_date };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (values[i] != NULL && *values[i] != '\0')
      append (out, labels[i], values[i]);
}

static gboolean
has_original (const BdDiagnosis *d)
{
  return d->original_subject || d->original_from || d->original_to || d->original_date;
}

static char *
whose_move_line (const BdDiagnosis *d)
{
  /* Translators: %s is who must act, e.g. “The recipient” or “You” */
  return g_strdup_printf (_("Whose move: %s"), d->whose_move_label);
}

static char *
date_line (const BdDiagnosis *d)
{
  /* Translators: %s is the date the returned email (or report) arrived */
  return d->date ? g_strdup_printf (_("Received: %s"), d->date) : NULL;
}

static void
text_steps (GString           *out,
            const BdDiagnosis *d)
{
  g_string_append_printf (out, "%s\n", _("What to do:"));
  for (guint i = 0; i < d->step_groups->len; i++)
    {
      const BdStepGroup *group = g_ptr_array_index (d->step_groups, i);

      if (group->title != NULL)
        g_string_append_printf (out, "%s\n", group->title);
      for (guint j = 0; group->steps[j] != NULL; j++)
        g_string_append_printf (out, "  %u. %s\n", j + 1, group->steps[j]);
    }
  g_string_append_c (out, '\n');
}

static void
text_original_field (GString    *out,
                     const char *label,
                     const char *value)
{
  append_labelled (out, "  ", label, value);
}

static void
text_begin (GString           *out,
            const BdDiagnosis *d)
{
  g_string_append_printf (out, "%s\n\n", d->summary);
}

static void
text_verdict (GString           *out,
              const BdDiagnosis *d,
              const char        *date)
{
  g_string_append_printf (out, "%s\n", d->verdict_label);
  if (date != NULL)
    g_string_append_printf (out, "%s\n", date);
}

static void
text_explanation (GString          *out,
                  const BdGuidance *guidance,
                  const char       *whose)
{
  g_string_append_printf (out, "\n%s\n\n%s\n\n", guidance->what_happened, whose);
  if (guidance->provider_note != NULL)
    g_string_append_printf (out, "%s\n\n", guidance->provider_note);
}

static void
text_recipient (GString                    *out,
                const BdDiagnosisRecipient *r)
{
  g_string_append_printf (out, "%s\n", r->address);
  append_labelled (out, "  ", _("Reason"), r->label);
  for (guint j = 0; j < r->details->len; j++)
    {
      const BdDetail *detail = &g_array_index (r->details, BdDetail, j);

      append_labelled (out, "  ", detail->label, detail->value);
    }
  g_string_append_c (out, '\n');
}

static void
text_original (GString           *out,
               const BdDiagnosis *d)
{
  g_string_append_printf (out, "%s\n", _("Your Original Message"));
  for_each_original (d, text_original_field, out);
}

static void
append_escaped (GString    *out,
                const char *format,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append_printf (out, format, escaped);
}

static void
html_row (GString    *out,
          const char *label,
          const char *value)
{
  append_escaped (out, "<tr><th>%s</th>", label);
  append_escaped (out, "<td>%s</td></tr>\n", value);
}

/* Badge colours close to the app's light style; every pair passes WCAG AA
 * for small bold text (4.5:1): 6.1, 6.1, 6.4, 6.3, 9.0 and 5.7:1. */
static const char html_style[] =
  "<style>body{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.5;padding:0 1em}"
  "th{text-align:left;padding-right:1em;vertical-align:top;color:#555}"
  "td{vertical-align:top;word-break:break-word}"
  "section{border-top:1px solid #ccc;margin-top:1.5em}"
  ".badge{display:inline-block;border-radius:1em;padding:.1em .8em;font-weight:bold;font-size:smaller}"
  ".failed{background:#fbe3e4;color:#a51d2d}.not-delivered{background:#fbe3e4;color:#a51d2d}"
  ".retrying{background:#fdf0d5;color:#7a4d00}.complaint{background:#fde6d5;color:#8f3a00}"
  ".backscatter{background:#ebebed;color:#3d3d45}.not-failure{background:#dff4e6;color:#1b6b38}"
  "</style>\n";

static void
html_head (GString           *out,
           const BdDiagnosis *d)
{
  g_string_append (out, "<!DOCTYPE html>\n");
  /* Translators: the language code of this translation, for HTML reports */
  append_escaped (out, "<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", C_("html lang", "en"));
  append_escaped (out, "<title>%s</title>\n", d->summary);
  g_string_append (out, html_style);
  g_string_append (out, "</head>\n<body>\n");
  append_escaped (out, "<h1>%s</h1>\n", d->summary);
}

static void
html_steps (GString           *out,
            const BdDiagnosis *d)
{
  append_escaped (out, "<h2>%s</h2>\n", _("What to do"));
  for (guint i = 0; i < d->step_groups->len; i++)
    {
      const BdStepGroup *group = g_ptr_array_index (d->step_groups, i);

      if (group->title != NULL)
        append_escaped (out, "<h3>%s</h3>\n", group->title);
      g_string_append (out, "<ol>\n");
      for (guint j = 0; group->steps[j] != NULL; j++)
        append_escaped (out, "<li>%s</li>\n", group->steps[j]);
      g_string_append (out, "</ol>\n");
    }
}

static void
html_recipient (GString                    *out,
                const BdDiagnosisRecipient *r)
{
  append_escaped (out, "<section>\n<h2>%s</h2>\n<table>\n", r->address);
  html_row (out, _("Reason"), r->label);
  for (guint j = 0; j < r->details->len; j++)
    {
      const BdDetail *detail = &g_array_index (r->details, BdDetail, j);

      html_row (out, detail->label, detail->value);
    }
  g_string_append (out, "</table>\n</section>\n");
}

static void
html_verdict (GString           *out,
              const BdDiagnosis *d,
              const char        *date)
{
  g_string_append_printf (out, "<p><span class=\"badge %s\">", bd_verdict_to_string (d->verdict));
  append_escaped (out, "%s</span></p>\n", d->verdict_label);
  if (date != NULL)
    append_escaped (out, "<p>%s</p>\n", date);
}

static void
html_explanation (GString          *out,
                  const BdGuidance *guidance,
                  const char       *whose)
{
  append_escaped (out, "<p>%s</p>\n", guidance->what_happened);
  append_escaped (out, "<p><strong>%s</strong></p>\n", whose);
  if (guidance->provider_note != NULL)
    append_escaped (out, "<p><em>%s</em></p>\n", guidance->provider_note);
}

static void
html_original (GString           *out,
               const BdDiagnosis *d)
{
  append_escaped (out, "<section>\n<h2>%s</h2>\n<table>\n", _("Your Original Message"));
  for_each_original (d, html_row, out);
  g_string_append (out, "</table>\n</section>\n");
}

static void
html_end (GString *out)
{
  g_string_append (out, "</body>\n</html>\n");
}

/* How one layout writes each piece of the report. The pieces and their
 * order are write_report()'s, the same in every layout. */
typedef struct
{
  void (*begin)       (GString *out, const BdDiagnosis *d);
  void (*verdict)     (GString *out, const BdDiagnosis *d, const char *date);
  void (*explanation) (GString *out, const BdGuidance *guidance, const char *whose);
  void (*steps)       (GString *out, const BdDiagnosis *d);
  void (*recipient)   (GString *out, const BdDiagnosisRecipient *r);
  void (*original)    (GString *out, const BdDiagnosis *d);
  void (*end)         (GString *out);   /* nullable */
} ReportLayout;

static const ReportLayout text_layout = {
  text_begin, text_verdict, text_explanation, text_steps, text_recipient, text_original, NULL,
};

static const ReportLayout html_layout = {
  html_head, html_verdict, html_explanation, html_steps, html_recipient, html_original, html_end,
};

static char *
write_report (const BdBounce     *bounce,
              const ReportLayout *layout)
{
  g_autoptr(BdDiagnosis) d = bd_diagnosis_new (bounce);
  g_autofree char *whose = whose_move_line (d);
  g_autofree char *date = date_line (d);
  GString *out = g_string_new (NULL);

  layout->begin (out, d);
  layout->verdict (out, d, date);
  layout->explanation (out, d->guidance, whose);
  layout->steps (out, d);
  for (guint i = 0; i < d->recipients->len; i++)
    layout->recipient (out, g_ptr_array_index (d->recipients, i));
  if (has_original (d))
    layout->original (out, d);
  if (layout->end != NULL)
    layout->end (out);
  return g_string_free (out, FALSE);
}

/**
 * bd_report_to_text:
 *
 * Returns: (transfer full): the diagnosis as plain text
 */
char *
bd_report_to_text (const BdBounce *bounce)
{
  g_return_val_if_fail (bounce != NULL, NULL);

  return write_report (bounce, &text_layout);
}

/**
 * bd_report_to_html:
 *
 * Returns: (transfer full): the diagnosis as a self-contained HTML page
 */
char *
bd_report_to_html (const BdBounce *bounce)
{
  g_return_val_if_fail (bounce != NULL, NULL);

  return write_report (bounce, &html_layout);
}
