/* bd-cli-text.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plain-language explanation of one decoded message, in the current
 * locale: exactly the guidance texts the app shows (bd-guidance.h) — the
 * headline, what happened, whose move it is and the steps — then, per
 * recipient, the technical details an IT person asks for.
 */
#define G_LOG_DOMAIN "bd-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "bd-cli-text.h"
#include "bd-guidance.h"
#include "bd-report.h"

static void
print_guidance (GString          *out,
                const BdGuidance *guidance)
{
  g_string_append_printf (out, "  %s\n", guidance->headline);
  /* Translators: %s is two or three sentences explaining what happened */
  g_string_append_printf (out, _("  What happened: %s\n"), guidance->what_happened);
  /* Translators: %s is who has to act, e.g. “The recipient” */
  g_string_append_printf (out, _("  Whose move: %s\n"), guidance->whose_move_label);
  g_string_append_printf (out, "  %s\n", _("What to do:"));
  for (guint i = 0; guidance->steps[i] != NULL; i++)
    /* Translators: a numbered step; %1$u is its number, %2$s the step */
    g_string_append_printf (out, _("    %1$u. %2$s\n"), i + 1, guidance->steps[i]);
  if (guidance->provider_note != NULL)
    /* Translators: %s is what a mail provider means by its code */
    g_string_append_printf (out, _("  Good to know: %s\n"), guidance->provider_note);
}

static void
print_details (GString           *out,
               const BdBounce    *bounce,
               const BdRecipient *r)
{
  if (r->status != NULL || r->reply_code != 0)
    {
      g_autofree char *code = r->reply_code ? g_strdup_printf ("%u", r->reply_code) : g_strdup ("–");

      /* Translators: %1$s is an enhanced status code such as 5.1.1, %2$s an SMTP reply code such as 550 */
      g_string_append_printf (out, _("  Codes: status %1$s, reply %2$s\n"), r->status ? r->status : "–", code);
    }
  if (r->remote_mta != NULL)
    /* Translators: %s is the host name of the server that answered */
    g_string_append_printf (out, _("  Receiving server: %s\n"), r->remote_mta);
  if (r->diagnostic != NULL)
    /* Translators: %s is the receiving server's reply, quoted */
    g_string_append_printf (out, _("  The server said: “%s”\n"), r->diagnostic);
  if (r->evidence != NULL)
    {
      g_autofree char *why = bd_report_describe_evidence (r);

      /* Translators: %1$s is the reason in a few words, %2$s the sentence saying what decided it;
       * %3$s the reason's machine name for scripts (e.g. userunknown) */
      g_string_append_printf (out, _("  Why this reason: %1$s. %2$s (%3$s)\n"), bd_report_recipient_label (bounce, r),
               why, bd_reason_to_string (r->reason));
    }
}

static void
print_recipient (GString           *out,
                 const BdBounce    *bounce,
                 const BdRecipient *r)
{
  g_autoptr(BdGuidance) guidance = bd_guidance_for_recipient (bounce, r);

  /* Translators: %s is an email address */
  g_string_append_printf (out, _("Recipient: %s\n"), r->address ? r->address : _("(unknown)"));
  print_guidance (out, guidance);
  print_details (out, bounce, r);
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
  g_autofree char *summary = NULL;

  g_return_if_fail (out != NULL);
  g_return_if_fail (bounce != NULL);

  summary = bd_guidance_summary (bounce);
  if (bounce->offset > 0)
    /* Translators: %1$s is a file name, %2$lld a byte offset in it */
    g_string_append_printf (out, _("%1$s (at byte %2$lld)\n"), bounce->source, (long long)bounce->offset);
  else
    g_string_append_printf (out, "%s\n", bounce->source);
  /* With one recipient the summary is its headline, printed below. */
  if (bounce->recipients->len != 1)
    g_string_append_printf (out, "%s\n\n", summary);

  if (bounce->recipients->len == 0)
    {
      g_autoptr(BdGuidance) guidance = bd_guidance_for_recipient (bounce, NULL);

      print_guidance (out, guidance);
    }
  for (guint i = 0; i < bounce->recipients->len; i++)
    print_recipient (out, bounce, g_ptr_array_index (bounce->recipients, i));

  if (bounce->original->subject != NULL)
    /* Translators: %s is the subject of the message that was returned */
    g_string_append_printf (out, _("Your message: “%s”\n"), bounce->original->subject);
  g_string_append_c (out, '\n');
}
