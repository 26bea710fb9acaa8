/* bd-cli-text.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plain-language explanation of one decoded message, in the current
 * locale. Kept to one entry point so that the fuller guidance texts can
 * replace its insides without touching the callers.
 */
#define G_LOG_DOMAIN "bd-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "bd-cli-text.h"
#include "bd-export.h"

static const char *
group_heading (BdReasonGroup group)
{
  switch (group)
    {
    case BD_REASON_GROUP_ADDRESS:
      return _("The address is wrong");
    case BD_REASON_GROUP_MAILBOX:
      return _("The recipient’s mailbox cannot take it");
    case BD_REASON_GROUP_REFUSED:
      return _("The receiving server refused your server or message");
    case BD_REASON_GROUP_AUTHENTICATION:
      return _("Your domain’s authentication failed");
    case BD_REASON_GROUP_TEMPORARY:
      return _("A temporary or network problem");
    case BD_REASON_GROUP_NOT_FAILURE:
    default:
      return _("Not a failure");
    }
}

static void
print_recipient (FILE              *out,
                 const BdRecipient *r)
{
  /* Translators: %s is an email address */
  fprintf (out, _("Recipient: %s\n"), r->address ? r->address : _("(unknown)"));
  /* Translators: %1$s is a plain heading such as “The address is wrong”, %2$s the reason's machine name */
  fprintf (out, _("  What happened: %1$s (%2$s)\n"),
           group_heading (bd_reason_get_group (r->reason)), bd_reason_to_string (r->reason));
  if (r->reason != BD_REASON_DELIVERED && r->reason != BD_REASON_VACATION
      && r->reason != BD_REASON_FEEDBACK)
    fprintf (out, "  %s\n", r->hard ? _("Permanent: this address will not work, do not send to it again.")
                                    : _("Not permanent: the address itself may be fine."));
  if (r->status != NULL || r->reply_code != 0)
    {
      g_autofree char *code = r->reply_code ? g_strdup_printf ("%u", r->reply_code) : g_strdup ("–");

      /* Translators: %1$s is an enhanced status code such as 5.1.1, %2$s an SMTP reply code such as 550 */
      fprintf (out, _("  Codes: status %1$s, reply %2$s\n"), r->status ? r->status : "–", code);
    }
  if (r->diagnostic != NULL)
    /* Translators: %s is the receiving server's reply, quoted */
    fprintf (out, _("  The server said: “%s”\n"), r->diagnostic);
  if (r->evidence != NULL)
    /* Translators: %s is what decided the reason, e.g. “status 5.1.1” */
    fprintf (out, _("  Why this reason: %s\n"), r->evidence);
}

/**
 * bd_cli_print_text:
 * @out: where to write
 * @bounce: a decoded message
 *
 * Writes the explanation of @bounce, ending with a blank line.
 */
void
bd_cli_print_text (FILE           *out,
                   const BdBounce *bounce)
{
  g_autofree char *summary = NULL;

  g_return_if_fail (out != NULL);
  g_return_if_fail (bounce != NULL);

  summary = bd_export_summary (bounce);
  if (bounce->offset > 0)
    /* Translators: %1$s is a file name, %2$lld a byte offset in it */
    fprintf (out, _("%1$s (at byte %2$lld)\n"), bounce->source, (long long)bounce->offset);
  else
    fprintf (out, "%s\n", bounce->source);
  fprintf (out, "%s\n", summary);
  for (guint i = 0; i < bounce->recipients->len; i++)
    print_recipient (out, g_ptr_array_index (bounce->recipients, i));
  if (bounce->original->subject != NULL)
    /* Translators: %s is the subject of the message that was returned */
    fprintf (out, _("Your message: “%s”\n"), bounce->original->subject);
  fputc ('\n', out);
}
