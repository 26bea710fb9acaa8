/* bd-guidance-provider.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a code means at a given provider, as advice. The same status
 * means different things at different providers (Microsoft 365 uses 5.2.2
 * for the sender's own quota, Gmail for the recipient's full storage):
 * the classifier decides the reason (bd-classify-provider.c), and here we
 * add what that provider's users should know. Providers are recognised by
 * the registry (bd-provider.h).
 */
#define G_LOG_DOMAIN "bd-guidance"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-guidance-private.h"
#include "bd-provider.h"

static gboolean
has_status (const BdRecipient *recipient,
            const char        *status)
{
  return recipient->status != NULL && g_str_equal (recipient->status, status);
}

static gboolean
is_refusal_of_server (BdReason reason)
{
  return reason == BD_REASON_BLOCKED || reason == BD_REASON_BADREPUTATION ||
         reason == BD_REASON_REQUIREPTR || reason == BD_REASON_SPAMDETECTED ||
         reason == BD_REASON_REJECTED || reason == BD_REASON_AUTHFAILURE;
}

/* The classifier decided that a 5.2.2 reported to a Microsoft 365 sender
 * is its own sending quota (bd-classify-provider.c): say what that means. */
static char *
note_for_sender (const BdProvider  *sender,
                 const BdRecipient *recipient)
{
  if (sender == NULL)
    return NULL;

  if (sender->id == BD_PROVIDER_MICROSOFT && has_status (recipient, "5.2.2")
      && recipient->reason == BD_REASON_SPEEDING)
    return g_strdup (_("At Microsoft 365, code 5.2.2 means that your own account has reached its "
                       "sending limit (the number of recipients per day), not that the recipient’s "
                       "mailbox is full. The limit lifts by itself within 24 hours; if you did not send "
                       "many messages, change your password and tell your IT."));

  if ((sender->id == BD_PROVIDER_ONET || sender->id == BD_PROVIDER_WP ||
       sender->id == BD_PROVIDER_O2 || sender->id == BD_PROVIDER_INTERIA) &&
      (recipient->reason == BD_REASON_SPEEDING || recipient->reason == BD_REASON_EXCEEDLIMIT))
    /* Translators: %s is the name of a Polish webmail service, e.g. “Onet Poczta” */
    return g_strdup_printf (_("%s limits how many messages and recipients you can send in a day. Once "
                              "the limit is reached, sending is blocked for several hours and then "
                              "unlocks by itself. For mailings to many people use a newsletter service."),
                            sender->name);

  return NULL;
}

static char *
note_for_receiver (const BdProvider  *receiver,
                   const BdRecipient *recipient)
{
  if (receiver == NULL)
    return NULL;

  switch (receiver->id)
    {
    case BD_PROVIDER_GOOGLE:
      if (has_status (recipient, "5.7.26"))
        return g_strdup (_("Gmail refuses messages that pass neither the SPF nor the DKIM check of your "
                           "domain (code 5.7.26): it could not tell whether the message was forged. "
                           "Gmail also requires a DMARC record from anyone who sends many messages. "
                           "Ask whoever manages your domain to add what the Domain check finds missing."));
      if (has_status (recipient, "5.2.2") || recipient->reason == BD_REASON_MAILBOXFULL)
        return g_strdup (_("At Gmail, a full mailbox means the recipient’s Google storage is full; it "
                           "is shared with their Google Drive and Google Photos files."));
      if (has_status (recipient, "4.2.1"))
        return g_strdup (_("Gmail says the recipient is getting too much mail too fast. It is "
                           "temporary: your server will try again by itself."));
      if (is_refusal_of_server (recipient->reason))
        return g_strdup (_("Gmail decides by the reputation of your domain and your server. Whoever "
                           "manages your domain can watch it in Google Postmaster Tools "
                           "(postmaster.google.com)."));
      break;

    case BD_PROVIDER_MICROSOFT:
      if (is_refusal_of_server (recipient->reason))
        return g_strdup (_("Microsoft (Outlook.com, Hotmail and Microsoft 365) keeps its own blocklist. "
                           "Whoever runs your mail server can ask for removal at sender.office.com."));
      break;

    case BD_PROVIDER_YAHOO:
      if (recipient->status != NULL && recipient->status[0] == '4')
        return g_strdup (_("Yahoo temporarily holds back mail from servers that its users have "
                           "complained about. Your server tries again by itself; if it keeps happening, "
                           "tell your email provider."));
      break;

    case BD_PROVIDER_TONLINE:
      if (is_refusal_of_server (recipient->reason))
        return g_strdup (_("T-Online accepts mail only from servers with a proper reverse DNS name and "
                           "a website with the operator’s contact details under that name. Your IT or "
                           "email provider can ask T-Online’s postmaster to unblock the server."));
      break;

    case BD_PROVIDER_GMX:
    case BD_PROVIDER_WEBDE:
      if (is_refusal_of_server (recipient->reason))
        return g_strdup (_("GMX and WEB.DE (run by the same company) refuse mail from servers without a "
                           "proper reverse DNS name, from home internet connections and from domains "
                           "that fail the SPF or DKIM check."));
      break;

    case BD_PROVIDER_SEZNAM:
      if (is_refusal_of_server (recipient->reason))
        return g_strdup (_("Seznam.cz decides by the reputation of the sending server. If your server is "
                           "refused again and again, your IT or email provider can ask Seznam’s "
                           "postmaster to review it."));
      break;

    default:
      break;
    }

  return NULL;
}

/**
 * bd_guidance_provider_note:
 *
 * Returns: (transfer full) (nullable): what this provider means by the
 * code, translated, or %NULL when we know nothing particular.
 */
char *
bd_guidance_provider_note (const BdBounce    *bounce,
                           const BdRecipient *recipient)
{
  char *note;

  g_return_val_if_fail (bounce != NULL, NULL);
  g_return_val_if_fail (recipient != NULL, NULL);

  if ((note = note_for_sender (bd_provider_sending (bounce), recipient)) != NULL)
    return note;

  return note_for_receiver (bd_provider_receiving (bounce, recipient), recipient);
}
