/* bd-cli-text.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plain-language explanation of one decoded message, in the current
 * locale: the diagnosis the app shows (bd-diagnosis.h) — the headline, the
 * verdict, what happened, whose move it is and the steps for every reason
 * — then, per recipient, its reason and the technical details an IT person
 * asks for.
 */
#define G_LOG_DOMAIN "bd-cli"

#include "config.h"

/* gi18n-lib's _() is g_dgettext (), as in the core: it knows once and for
 * all when the locale has no translation, where gettext () looks it up
 * again for every string (some 1.7 K instructions each, ten a message). */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-cli-text.h"
#include "bd-diagnosis.h"

/* @indent, @text and a line end: the lines with no words of their own
 * are put together without a printf. */
static void
append_line (GString    *out,
             const char *indent,
             const char *text)
{
  g_string_append (out, indent);
  g_string_append (out, text);
  g_string_append_c (out, '\n');
}

/* g_string_append_printf (@out, @format, @value) for a translated
 * @format of one value: one with a lone "%s" and no other '%' is put
 * together by hand (printf costs more than the rest of the line), any
 * other, such as "%1$s", is left to printf. */
static void
append_filled (GString    *out,
               const char *format,
               const char *value)
{
  const char *at = strchr (format, '%');

  /* printf for anything else, a missing value too (it prints "(null)") */
  if (value == NULL || at == NULL || at[1] != 's' || strchr (at + 2, '%') != NULL)
    {
      g_string_append_printf (out, format, value);
      return;
    }
  g_string_append_len (out, format, at - format);
  g_string_append (out, value);
  g_string_append (out, at + 2);
}

/* A numbered step. Every shipped language keeps the English form, which
 * is put together by hand (printf's numbered arguments cost some 2 K
 * instructions a line); a translation that words it otherwise is still
 * printf's. */
static void
append_step (GString    *out,
             guint       number,
             const char *step)
{
  /* Translators: a numbered step; %1$u is its number, %2$s the step */
  const char *format = _("    %1$u. %2$s\n");
  char digits[16];
  gsize n = 0;

  if (strcmp (format, "    %1$u. %2$s\n") != 0)
    {
      g_string_append_printf (out, format, number, step);
      return;
    }
  do
    digits[sizeof digits - ++n] = '0' + number % 10;
  while ((number /= 10) != 0);
  g_string_append (out, "    ");
  g_string_append_len (out, digits + sizeof digits - n, n);
  g_string_append (out, ". ");
  g_string_append (out, step);
  g_string_append_c (out, '\n');
}

static void
print_steps (GString           *out,
             const BdDiagnosis *d)
{
  append_line (out, "  ", _("What to do:"));
  for (guint i = 0; i < d->step_groups->len; i++)
    {
      const BdStepGroup *group = g_ptr_array_index (d->step_groups, i);

      /* Several reasons: each one's steps under its own heading. */
      if (group->title != NULL)
        append_line (out, "    ", group->title);
      for (guint j = 0; group->steps[j] != NULL; j++)
        {
          if (group->title != NULL)
            g_string_append (out, "  ");
          append_step (out, j + 1, group->steps[j]);
        }
    }
}

static void
print_note (GString    *out,
            const char *note)
{
  /* Translators: %s is what a mail provider means by its code */
  append_filled (out, _("  Good to know: %s\n"), note);
}

static void
print_message (GString           *out,
               const BdDiagnosis *d)
{
  append_line (out, "", d->summary);
  /* Translators: %s is a verdict such as “Failed for good” */
  append_filled (out, _("  Verdict: %s\n"), d->verdict_label);
  /* Translators: %s is two or three sentences explaining what happened */
  append_filled (out, _("  What happened: %s\n"), d->guidance->what_happened);
  /* Translators: %s is who has to act, e.g. “The recipient” */
  append_filled (out, _("  Whose move: %s\n"), d->whose_move_label);
  print_steps (out, d);
  if (d->guidance->provider_note != NULL)
    print_note (out, d->guidance->provider_note);
}

static void
print_detail (GString        *out,
              const BdDetail *detail)
{
  g_autofree char *line = bd_detail_to_string (detail);

  append_line (out, "  ", line);
}

static void
print_recipient (GString                    *out,
                 const BdDiagnosis          *d,
                 const BdDiagnosisRecipient *r)
{
  const char *note = r->guidance->provider_note;

  /* Translators: %s is an email address */
  append_filled (out, _("Recipient: %s\n"), r->address);
  /* Translators: %1$s is the reason in a few words, %2$s its machine name
   * for scripts (e.g. userunknown) */
  g_string_append_printf (out, _("  Reason: %1$s (%2$s)\n"), r->label, bd_reason_to_string (r->recipient->reason));
  for (guint i = 0; i < r->details->len; i++)
    print_detail (out, &g_array_index (r->details, BdDetail, i));
  /* The speaking recipient's note is already under the steps. */
  if (note != NULL && g_strcmp0 (note, d->guidance->provider_note) != 0)
    print_note (out, note);
}

/**
 * bd_cli_append_text:
 * @out: the text to append to
 * @bounce: a decoded message
 *
 * Appends the explanation of @bounce, ending with a blank line.
 */
void
bd_cli_append_text (GString        *out,
                    const BdBounce *bounce)
{
  g_autoptr(BdDiagnosis) d = NULL;

  g_return_if_fail (out != NULL);
  g_return_if_fail (bounce != NULL);

  d = bd_diagnosis_new (bounce);
  if (bounce->offset > 0)
    /* Translators: %1$s is a file name, %2$lld a byte offset in it */
    g_string_append_printf (out, _("%1$s (at byte %2$lld)\n"), bounce->source, (long long)bounce->offset);
  else
    append_line (out, "", bounce->source);

  print_message (out, d);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < d->recipients->len; i++)
    print_recipient (out, d, g_ptr_array_index (d->recipients, i));

  if (d->original_subject != NULL)
    /* Translators: %s is the subject of the message that was returned */
    append_filled (out, _("Your message: “%s”\n"), d->original_subject);
  g_string_append_c (out, '\n');
}

/**
 * bd_cli_append_mailbox_summary:
 * @messages: how many messages were read from @path
 *
 * After a mailbox's reports, the window's summary in the same words:
 * messages read and returned emails found, then the recipients failed
 * for good and for now, and the different addresses among them.
 */
void
bd_cli_append_mailbox_summary (GString                *out,
                               const char             *path,
                               guint                   messages,
                               const BdMailboxSummary *summary)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *read_text = NULL;
  g_autofree char *found_text = NULL;
  guint found = bd_mailbox_summary_get_messages (summary);

  /* Translators: part of “1 234 messages read, 56 returned emails found” */
  read_text = g_strdup_printf (ngettext ("%u message read", "%u messages read", messages), messages);
  found_text = g_strdup_printf (ngettext ("%u returned email found", "%u returned emails found", found), found);
  /* Translators: %1$s is a mailbox's name, %2$s “N messages read”, %3$s “N returned emails found” */
  g_string_append_printf (out, _("%1$s: %2$s, %3$s"), name, read_text, found_text);
  g_string_append_c (out, '\n');
  for (guint i = BD_MAILBOX_SUMMARY_HARD; i <= BD_MAILBOX_SUMMARY_ADDRESSES; i++)
    {
      guint n = bd_mailbox_summary_get_count (summary, i);

      g_string_append_printf (out, "  %u %s\n", n, bd_mailbox_summary_caption (i, n));
    }
}
