/* bd-reason.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-reason"

#include "config.h"

#include <string.h>

#include "bd-reason.h"

typedef struct
{
  const char    *name;
  BdReasonGroup  group;
} ReasonInfo;

/* Indexed by BdReason; keep in the order of the enum. */
static const ReasonInfo reasons[BD_N_REASONS] = {
  [BD_REASON_UNDEFINED]       = { "undefined",       BD_REASON_GROUP_TEMPORARY },
  [BD_REASON_USERUNKNOWN]     = { "userunknown",     BD_REASON_GROUP_ADDRESS },
  [BD_REASON_HOSTUNKNOWN]     = { "hostunknown",     BD_REASON_GROUP_ADDRESS },
  [BD_REASON_HASMOVED]        = { "hasmoved",        BD_REASON_GROUP_ADDRESS },
  [BD_REASON_SUSPEND]         = { "suspend",         BD_REASON_GROUP_MAILBOX },
  [BD_REASON_MAILBOXFULL]     = { "mailboxfull",     BD_REASON_GROUP_MAILBOX },
  [BD_REASON_EXCEEDLIMIT]     = { "exceedlimit",     BD_REASON_GROUP_MAILBOX },
  [BD_REASON_MESGTOOBIG]      = { "mesgtoobig",      BD_REASON_GROUP_MAILBOX },
  [BD_REASON_FILTERED]        = { "filtered",        BD_REASON_GROUP_MAILBOX },
  [BD_REASON_REJECTED]        = { "rejected",        BD_REASON_GROUP_REFUSED },
  [BD_REASON_BLOCKED]         = { "blocked",         BD_REASON_GROUP_REFUSED },
  [BD_REASON_BADREPUTATION]   = { "badreputation",   BD_REASON_GROUP_REFUSED },
  [BD_REASON_SPAMDETECTED]    = { "spamdetected",    BD_REASON_GROUP_REFUSED },
  [BD_REASON_VIRUSDETECTED]   = { "virusdetected",   BD_REASON_GROUP_REFUSED },
  [BD_REASON_SECURITYERROR]   = { "securityerror",   BD_REASON_GROUP_AUTHENTICATION },
  [BD_REASON_AUTHFAILURE]     = { "authfailure",     BD_REASON_GROUP_AUTHENTICATION },
  [BD_REASON_REQUIREPTR]      = { "requireptr",      BD_REASON_GROUP_AUTHENTICATION },
  [BD_REASON_POLICYVIOLATION] = { "policyviolation", BD_REASON_GROUP_REFUSED },
  [BD_REASON_NOTCOMPLIANTRFC] = { "notcompliantrfc", BD_REASON_GROUP_REFUSED },
  [BD_REASON_CONTENTERROR]    = { "contenterror",    BD_REASON_GROUP_REFUSED },
  [BD_REASON_NORELAYING]      = { "norelaying",      BD_REASON_GROUP_REFUSED },
  [BD_REASON_NOTACCEPT]       = { "notaccept",       BD_REASON_GROUP_ADDRESS },
  [BD_REASON_EXPIRED]         = { "expired",         BD_REASON_GROUP_TEMPORARY },
  [BD_REASON_NETWORKERROR]    = { "networkerror",    BD_REASON_GROUP_TEMPORARY },
  [BD_REASON_TOOMANYCONN]     = { "toomanyconn",     BD_REASON_GROUP_TEMPORARY },
  [BD_REASON_SPEEDING]        = { "speeding",        BD_REASON_GROUP_TEMPORARY },
  [BD_REASON_SYSTEMERROR]     = { "systemerror",     BD_REASON_GROUP_TEMPORARY },
  [BD_REASON_SYSTEMFULL]      = { "systemfull",      BD_REASON_GROUP_TEMPORARY },
  [BD_REASON_MAILERERROR]     = { "mailererror",     BD_REASON_GROUP_TEMPORARY },
  [BD_REASON_SYNTAXERROR]     = { "syntaxerror",     BD_REASON_GROUP_REFUSED },
  [BD_REASON_ONHOLD]          = { "onhold",          BD_REASON_GROUP_TEMPORARY },
  [BD_REASON_DELIVERED]       = { "delivered",       BD_REASON_GROUP_NOT_FAILURE },
  [BD_REASON_VACATION]        = { "vacation",        BD_REASON_GROUP_NOT_FAILURE },
  [BD_REASON_FEEDBACK]        = { "feedback",        BD_REASON_GROUP_NOT_FAILURE },
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
