/* bd-reason.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-reason"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-reason.h"

typedef struct
{
  const char    *name;
  BdReasonGroup  group;
  const char    *label;   /* a few plain words for lists and tables */
} ReasonInfo;

/* Indexed by BdReason; keep in the order of the enum. */
static const ReasonInfo reasons[BD_N_REASONS] = {
  [BD_REASON_UNDEFINED]       = { "undefined",       BD_REASON_GROUP_TEMPORARY, N_("Unknown problem") },
  [BD_REASON_USERUNKNOWN]     = { "userunknown",     BD_REASON_GROUP_ADDRESS, N_("Address does not exist") },
  [BD_REASON_HOSTUNKNOWN]     = { "hostunknown",     BD_REASON_GROUP_ADDRESS, N_("Domain does not exist") },
  [BD_REASON_HASMOVED]        = { "hasmoved",        BD_REASON_GROUP_ADDRESS, N_("Recipient has moved") },
  [BD_REASON_SUSPEND]         = { "suspend",         BD_REASON_GROUP_MAILBOX, N_("Mailbox suspended") },
  [BD_REASON_MAILBOXFULL]     = { "mailboxfull",     BD_REASON_GROUP_MAILBOX, N_("Mailbox full") },
  [BD_REASON_EXCEEDLIMIT]     = { "exceedlimit",     BD_REASON_GROUP_MAILBOX, N_("Over the recipient’s size limit") },
  [BD_REASON_MESGTOOBIG]      = { "mesgtoobig",      BD_REASON_GROUP_MAILBOX, N_("Message too big") },
  [BD_REASON_FILTERED]        = { "filtered",        BD_REASON_GROUP_MAILBOX, N_("Refused by the recipient’s filter") },
  [BD_REASON_REJECTED]        = { "rejected",        BD_REASON_GROUP_REFUSED, N_("Sender refused") },
  [BD_REASON_BLOCKED]         = { "blocked",         BD_REASON_GROUP_REFUSED, N_("Your server is blocked") },
  [BD_REASON_BADREPUTATION]   = { "badreputation",   BD_REASON_GROUP_REFUSED, N_("Poor sender reputation") },
  [BD_REASON_SPAMDETECTED]    = { "spamdetected",    BD_REASON_GROUP_REFUSED, N_("Treated as spam") },
  [BD_REASON_VIRUSDETECTED]   = { "virusdetected",   BD_REASON_GROUP_REFUSED, N_("Virus suspected") },
  [BD_REASON_SECURITYERROR]   = { "securityerror",   BD_REASON_GROUP_AUTHENTICATION, N_("Security check failed") },
  [BD_REASON_AUTHFAILURE]     = { "authfailure",     BD_REASON_GROUP_AUTHENTICATION, N_("Authentication failed (SPF, DKIM, DMARC)") },
  [BD_REASON_REQUIREPTR]      = { "requireptr",      BD_REASON_GROUP_AUTHENTICATION, N_("Your server has no reverse DNS") },
  [BD_REASON_POLICYVIOLATION] = { "policyviolation", BD_REASON_GROUP_REFUSED, N_("Against the recipient’s policy") },
  [BD_REASON_NOTCOMPLIANTRFC] = { "notcompliantrfc", BD_REASON_GROUP_REFUSED, N_("Message format rejected") },
  [BD_REASON_CONTENTERROR]    = { "contenterror",    BD_REASON_GROUP_REFUSED, N_("Content rejected") },
  [BD_REASON_NORELAYING]      = { "norelaying",      BD_REASON_GROUP_REFUSED, N_("Relaying refused") },
  [BD_REASON_NOTACCEPT]       = { "notaccept",       BD_REASON_GROUP_ADDRESS, N_("Domain accepts no email") },
  [BD_REASON_EXPIRED]         = { "expired",         BD_REASON_GROUP_TEMPORARY, N_("Gave up after retrying") },
  [BD_REASON_NETWORKERROR]    = { "networkerror",    BD_REASON_GROUP_TEMPORARY, N_("Network problem") },
  [BD_REASON_TOOMANYCONN]     = { "toomanyconn",     BD_REASON_GROUP_TEMPORARY, N_("Too many connections") },
  [BD_REASON_SPEEDING]        = { "speeding",        BD_REASON_GROUP_TEMPORARY, N_("Sending too fast") },
  [BD_REASON_SYSTEMERROR]     = { "systemerror",     BD_REASON_GROUP_TEMPORARY, N_("Server error") },
  [BD_REASON_SYSTEMFULL]      = { "systemfull",      BD_REASON_GROUP_TEMPORARY, N_("Server out of space") },
  [BD_REASON_MAILERERROR]     = { "mailererror",     BD_REASON_GROUP_TEMPORARY, N_("Recipient’s delivery program failed") },
  [BD_REASON_SYNTAXERROR]     = { "syntaxerror",     BD_REASON_GROUP_REFUSED, N_("Protocol error") },
  [BD_REASON_ONHOLD]          = { "onhold",          BD_REASON_GROUP_TEMPORARY, N_("Held for review") },
  [BD_REASON_DELIVERED]       = { "delivered",       BD_REASON_GROUP_NOT_FAILURE, N_("Delivered") },
  [BD_REASON_VACATION]        = { "vacation",        BD_REASON_GROUP_NOT_FAILURE, N_("Automatic reply") },
  [BD_REASON_FEEDBACK]        = { "feedback",        BD_REASON_GROUP_NOT_FAILURE, N_("Spam complaint") },
};

/**
 * bd_reason_to_string:
 *
 * Returns: (transfer none): the machine name ("userunknown"), never %NULL.
 */
const char *
bd_reason_to_string (BdReason reason)
{
  g_return_val_if_fail (reason < BD_N_REASONS, "undefined");

  return reasons[reason].name;
}

/**
 * bd_reason_from_string:
 *
 * Returns: the reason with that machine name, or %BD_REASON_UNDEFINED.
 */
BdReason
bd_reason_from_string (const char *name)
{
  g_return_val_if_fail (name != NULL, BD_REASON_UNDEFINED);

  for (guint i = 0; i < BD_N_REASONS; i++)
    if (strcmp (reasons[i].name, name) == 0)
      return (BdReason)i;

  return BD_REASON_UNDEFINED;
}

BdReasonGroup
bd_reason_get_group (BdReason reason)
{
  g_return_val_if_fail (reason < BD_N_REASONS, BD_REASON_GROUP_TEMPORARY);

  return reasons[reason].group;
}

/**
 * bd_reason_is_hard:
 * @reply_code: the SMTP reply code, or 0 when unknown
 * @status: (nullable): the enhanced status code ("5.1.1")
 *
 * A hard bounce means "this address will never work": resending is pointless
 * and a mailing list should drop it. The rule is the design's: userunknown,
 * hostunknown and hasmoved always; notaccept only with a permanent 5xx code.
 */
gboolean
bd_reason_is_hard (BdReason    reason,
                   guint       reply_code,
                   const char *status)
{
  g_return_val_if_fail (reason < BD_N_REASONS, FALSE);

  switch (reason)
    {
    case BD_REASON_USERUNKNOWN:
    case BD_REASON_HOSTUNKNOWN:
    case BD_REASON_HASMOVED:
      return TRUE;

    case BD_REASON_NOTACCEPT:
      return (reply_code >= 500 && reply_code < 600) || (status != NULL && status[0] == '5');

    default:
      return FALSE;
    }
}

/**
 * bd_reason_get_label:
 *
 * Returns: (transfer none): a few translated words ("Mailbox full") for
 *   lists, tables and charts.
 */
const char *
bd_reason_get_label (BdReason reason)
{
  g_return_val_if_fail (reason < BD_N_REASONS, _("Unknown problem"));

  return _(reasons[reason].label);
}
