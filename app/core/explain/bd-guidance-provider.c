/* bd-guidance-provider.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a code means at a given provider. The same status means different
 * things at different providers (Microsoft 365 uses 5.2.2 for the sender's
 * own quota, Gmail for the recipient's full storage), so when we know who
 * answered we say what they mean by it.
 */
#define G_LOG_DOMAIN "bd-guidance"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-classify.h"
#include "bd-guidance-private.h"

typedef enum
{
  PROVIDER_NONE = 0,
  PROVIDER_MICROSOFT,
  PROVIDER_GMAIL,
  PROVIDER_YAHOO,
  PROVIDER_ONET,
  PROVIDER_WP,
  PROVIDER_O2,
  PROVIDER_INTERIA,
  PROVIDER_TONLINE,
  PROVIDER_GMX,
  PROVIDER_SEZNAM,
} Provider;

typedef struct
{
  Provider    provider;
  const char *name;          /* shown to the user; a brand, not translated */
  const char *domains[10];   /* mail domains and server host suffixes */
  const char *scanners[4];   /* BdBounce.mta values of its own scanners */
} ProviderInfo;

static const ProviderInfo providers[] = {
  { PROVIDER_MICROSOFT, "Microsoft 365",
    { "outlook.com", "hotmail.com", "live.com", "msn.com", "office365.com", "outlook.office365.com",
      "protection.outlook.com", "exchangelabs.com", NULL },
    { "office365", "outlook", "microsoft", NULL } },
  { PROVIDER_GMAIL, "Gmail",
    { "gmail.com", "googlemail.com", "google.com", NULL },
    { "gmail", "google", "gsuite", NULL } },
  { PROVIDER_YAHOO, "Yahoo",
    { "yahoo.com", "yahoodns.net", "ymail.com", "yahoo.co.uk", NULL },
    { "yahoo", "yahooinc", NULL } },
  { PROVIDER_ONET, "Onet Poczta",
    { "onet.pl", "op.pl", "onet.eu", "vp.pl", "spoko.pl", "autograf.pl", "buziaczek.pl", NULL },
    { "onet", NULL } },
  { PROVIDER_WP, "Poczta WP",
    { "wp.pl", NULL },
    { "wp", NULL } },
  { PROVIDER_O2, "Poczta o2",
    { "o2.pl", "tlen.pl", "go2.pl", "prokonto.pl", NULL },
    { "o2", NULL } },
  { PROVIDER_INTERIA, "Poczta Interia",
    { "interia.pl", "interia.eu", "interia.com", "poczta.fm", "intmail.pl", NULL },
    { "interia", NULL } },
  { PROVIDER_TONLINE, "T-Online",
    { "t-online.de", NULL },
    { "t-online", "tonline", NULL } },
  { PROVIDER_GMX, "GMX / WEB.DE",
    { "gmx.net", "gmx.de", "gmx.com", "gmx.at", "gmx.ch", "web.de", NULL },
    { "gmx", "webde", "web.de", NULL } },
  { PROVIDER_SEZNAM, "Seznam.cz",
    { "seznam.cz", "email.cz", "post.cz", "spoluzaci.cz", NULL },
    { "seznam", NULL } },
};

/* Whether the host [@host, @host + @len) is @suffix or below it. */
static gboolean
host_matches (const char *host,
              gsize       host_len,
              const char *suffix)
{
  gsize suffix_len = strlen (suffix);

  /* the suffixes are lower case: most fail on their last letter */
  if (host_len < suffix_len || g_ascii_tolower (host[host_len - 1]) != suffix[suffix_len - 1]
      || g_ascii_strncasecmp (host + host_len - suffix_len, suffix, suffix_len) != 0)
    return FALSE;

  return host_len == suffix_len || host[host_len - suffix_len - 1] == '.';
}

static const ProviderInfo *
provider_of (const char *host_or_address)
{
  const char *host = host_or_address;
  gsize host_len;

  if (host == NULL)
    return NULL;
  /* Addresses count by their domain. */
  if (strrchr (host, '@') != NULL)
    host = strrchr (host, '@') + 1;
  host_len = strlen (host);
  while (host_len > 0 && (host[host_len - 1] == '.' || host[host_len - 1] == '>'))
    host_len--;

  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    for (guint j = 0; providers[i].domains[j] != NULL; j++)
      if (host_matches (host, host_len, providers[i].domains[j]))
        return &providers[i];

  return NULL;
}

static const ProviderInfo *
provider_of_scanner (const char *mta)
{
  if (mta == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    for (guint j = 0; providers[i].scanners[j] != NULL; j++)
      if (g_ascii_strcasecmp (mta, providers[i].scanners[j]) == 0)
        return &providers[i];

  return NULL;
}

/* The provider whose server refused the message. */
static const ProviderInfo *
receiving_provider (const BdBounce    *bounce,
                    const BdRecipient *recipient)
{
  const ProviderInfo *info;

  if ((info = provider_of (recipient->remote_mta)) != NULL)
    return info;
  if ((info = provider_of (recipient->address)) != NULL)
    return info;
  return provider_of_scanner (bounce->mta);
}

/* The provider the user sends through. */
static const ProviderInfo *
sending_provider (const BdBounce *bounce)
{
  const ProviderInfo *info;

  if ((info = provider_of (bounce->original->from)) != NULL)
    return info;
  if ((info = provider_of (bounce->reporting_mta)) != NULL)
    return info;
  if ((info = provider_of (bounce->original->sender_host)) != NULL)
    return info;
  return provider_of (bounce->from);
}

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

/* Microsoft's own 5.2.2 is about its user's submission quota; a 5.2.2 it
 * merely relays from another provider's server is that server's. */
static gboolean
is_microsoft_quota (const ProviderInfo *receiver,
                    const BdRecipient  *recipient)
{
  if (!has_status (recipient, "5.2.2"))
    return FALSE;
  if (recipient->diagnostic != NULL && strstr (recipient->diagnostic, "ubmission") != NULL)
    return TRUE;
  /* "STOREDRV.Deliver…QuotaExceeded": the recipient's mailbox, really full */
  if (recipient->diagnostic != NULL && strstr (recipient->diagnostic, "STOREDRV.Deliver") != NULL)
    return FALSE;
  return receiver == NULL || receiver->provider == PROVIDER_MICROSOFT;
}

static char *
note_for_sender (const ProviderInfo *sender,
                 const ProviderInfo *receiver,
                 const BdRecipient  *recipient)
{
  if (sender == NULL)
    return NULL;

  if (sender->provider == PROVIDER_MICROSOFT && is_microsoft_quota (receiver, recipient))
    return g_strdup (_("At Microsoft 365, code 5.2.2 means that your own account has reached its "
                       "sending limit (the number of recipients per day), not that the recipient’s "
                       "mailbox is full. The limit lifts by itself within 24 hours; if you did not send "
                       "many messages, change your password and tell your IT."));

  if ((sender->provider == PROVIDER_ONET || sender->provider == PROVIDER_WP ||
       sender->provider == PROVIDER_O2 || sender->provider == PROVIDER_INTERIA) &&
      (recipient->reason == BD_REASON_SPEEDING || recipient->reason == BD_REASON_EXCEEDLIMIT))
    /* Translators: %s is the name of a Polish webmail service, e.g. “Onet Poczta” */
    return g_strdup_printf (_("%s limits how many messages and recipients you can send in a day. Once "
                              "the limit is reached, sending is blocked for several hours and then "
                              "unlocks by itself. For mailings to many people use a newsletter service."),
                            sender->name);

  return NULL;
}

static char *
note_for_receiver (const ProviderInfo *receiver,
                   const BdRecipient  *recipient)
{
  if (receiver == NULL)
    return NULL;

  switch (receiver->provider)
    {
    case PROVIDER_GMAIL:
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

    case PROVIDER_MICROSOFT:
      if (is_refusal_of_server (recipient->reason))
        return g_strdup (_("Microsoft (Outlook.com, Hotmail and Microsoft 365) keeps its own blocklist. "
                           "Whoever runs your mail server can ask for removal at sender.office.com."));
      break;

    case PROVIDER_YAHOO:
      if (recipient->status != NULL && recipient->status[0] == '4')
        return g_strdup (_("Yahoo temporarily holds back mail from servers that its users have "
                           "complained about. Your server tries again by itself; if it keeps happening, "
                           "tell your email provider."));
      break;

    case PROVIDER_TONLINE:
      if (is_refusal_of_server (recipient->reason))
        return g_strdup (_("T-Online accepts mail only from servers with a proper reverse DNS name and "
                           "a website with the operator’s contact details under that name. Your IT or "
                           "email provider can ask T-Online’s postmaster to unblock the server."));
      break;

    case PROVIDER_GMX:
      if (is_refusal_of_server (recipient->reason))
        return g_strdup (_("GMX and WEB.DE (run by the same company) refuse mail from servers without a "
                           "proper reverse DNS name, from home internet connections and from domains "
                           "that fail the SPF or DKIM check."));
      break;

    case PROVIDER_SEZNAM:
      if (is_refusal_of_server (recipient->reason))
        return g_strdup (_("Seznam.cz decides by the reputation of the sending server. If your server is "
                           "refused again and again, your IT or email provider can ask Seznam’s "
                           "postmaster to review it."));
      break;

    case PROVIDER_NONE:
    case PROVIDER_ONET:
    case PROVIDER_WP:
    case PROVIDER_O2:
    case PROVIDER_INTERIA:
    default:
      break;
    }

  return NULL;
}

/**
 * bd_guidance_provider_reason:
 *
 * Returns: the reason as this provider means it, when that differs from
 * the taxonomy's reading of the code; else @recipient's own reason.
 */
BdReason
bd_guidance_provider_reason (const BdBounce    *bounce,
                             const BdRecipient *recipient)
{
  const ProviderInfo *sender;

  g_return_val_if_fail (bounce != NULL, BD_REASON_UNDEFINED);
  g_return_val_if_fail (recipient != NULL, BD_REASON_UNDEFINED);

  /* "onhold" for words that named no reason: the advice for a failure
   * whose reason is unclear, not "wait, it is held". */
  if (bd_classify_is_unrecognised (recipient))
    return bd_classify_shown_reason (recipient);

  sender = sending_provider (bounce);
  if (sender != NULL && sender->provider == PROVIDER_MICROSOFT
      && (recipient->reason == BD_REASON_MAILBOXFULL || recipient->reason == BD_REASON_EXCEEDLIMIT)
      && is_microsoft_quota (receiving_provider (bounce, recipient), recipient))
    return BD_REASON_SPEEDING;

  return recipient->reason;
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
  const ProviderInfo *receiver;
  char *note;

  g_return_val_if_fail (bounce != NULL, NULL);
  g_return_val_if_fail (recipient != NULL, NULL);

  receiver = receiving_provider (bounce, recipient);
  if ((note = note_for_sender (sending_provider (bounce), receiver, recipient)) != NULL)
    return note;

  return note_for_receiver (receiver, recipient);
}
