/* bd-reason.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reason taxonomy of app/DESIGN.md. The machine names are
 * Sisimai's, so that our JSON interoperates with its users.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  BD_REASON_UNDEFINED = 0,
  BD_REASON_USERUNKNOWN,
  BD_REASON_HOSTUNKNOWN,
  BD_REASON_HASMOVED,
  BD_REASON_SUSPEND,
  BD_REASON_MAILBOXFULL,
  BD_REASON_EXCEEDLIMIT,
  BD_REASON_MESGTOOBIG,
  BD_REASON_FILTERED,
  BD_REASON_REJECTED,
  BD_REASON_BLOCKED,
  BD_REASON_BADREPUTATION,
  BD_REASON_SPAMDETECTED,
  BD_REASON_VIRUSDETECTED,
  BD_REASON_SECURITYERROR,
  BD_REASON_AUTHFAILURE,
  BD_REASON_REQUIREPTR,
  BD_REASON_POLICYVIOLATION,
  BD_REASON_NOTCOMPLIANTRFC,
  BD_REASON_CONTENTERROR,
  BD_REASON_NORELAYING,
  BD_REASON_NOTACCEPT,
  BD_REASON_EXPIRED,
  BD_REASON_NETWORKERROR,
  BD_REASON_TOOMANYCONN,
  BD_REASON_SPEEDING,
  BD_REASON_SYSTEMERROR,
  BD_REASON_SYSTEMFULL,
  BD_REASON_MAILERERROR,
  BD_REASON_SYNTAXERROR,
  BD_REASON_ONHOLD,
  BD_REASON_DELIVERED,
  BD_REASON_VACATION,
  BD_REASON_FEEDBACK,
  BD_N_REASONS
} BdReason;

/* The plain headings the UI groups reasons under. */
typedef enum
{
  BD_REASON_GROUP_ADDRESS = 0,     /* the address is wrong */
  BD_REASON_GROUP_MAILBOX,         /* the recipient's mailbox cannot take it */
  BD_REASON_GROUP_REFUSED,         /* the receiving server refused your server or message */
  BD_REASON_GROUP_AUTHENTICATION,  /* your domain's authentication failed */
  BD_REASON_GROUP_TEMPORARY,       /* a temporary or network problem */
  BD_REASON_GROUP_NOT_FAILURE,     /* not a failure */
  BD_N_REASON_GROUPS
} BdReasonGroup;

const char    *bd_reason_to_string   (BdReason     reason);
BdReason       bd_reason_from_string (const char  *name);
BdReasonGroup  bd_reason_get_group   (BdReason     reason);
const char    *bd_reason_get_label   (BdReason     reason);
gboolean       bd_reason_is_hard     (BdReason     reason,
                                      guint        reply_code,
                                      const char  *status);

G_END_DECLS
