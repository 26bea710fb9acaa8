/* bd-scan-opensmtpd.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * OpenSMTPD (Subject "Delivery status notification: error|failed|
 * warning|delayed"):
 *
 *       This is the MAILER-DAEMON, please DO NOT REPLY to this email.
 *
 *       An error has occurred while attempting to deliver a message for
 *       the following list of recipients:
 *
 *   kijitora@example.jp: 550 5.1.1 <kijitora@example.jp>... User unknown
 *
 *       Below is a copy of the original message:
 *
 * A delay says "A message is delayed for more than … for the following
 * list of recipients:" and "this is only a temporary failure report".
 */
#define G_LOG_DOMAIN "bd-scan-opensmtpd"

#include "config.h"

#include <string.h>

#include "bd-scan-gates-private.h"
#include "bd-scan-families.h"
#include "bd-scan-gate.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "Below is a copy of the original message",
  "Below is a copy of the message",
  NULL
};

/* OpenSMTPD's own texts (mta.c, mta_session.c) when no server replied. */
static const BdScanWords smtpd_messages[] = {
  { "Domain does not exist", BD_REASON_HOSTUNKNOWN },
  { "Invalid domain name", BD_REASON_HOSTUNKNOWN },
  { "No MX found for domain", BD_REASON_NOTACCEPT },
  { "Destination seem to reject all mails", BD_REASON_NOTACCEPT },
  { "Network error on destination MXs", BD_REASON_NETWORKERROR },
  { "Temporary failure in MX lookup", BD_REASON_NETWORKERROR },
  { "No MX found for destination", BD_REASON_NETWORKERROR },
  { "No valid route to remote MX", BD_REASON_NETWORKERROR },
  { "No valid route to destination", BD_REASON_NETWORKERROR },
  { "All routes to destination blocked", BD_REASON_NETWORKERROR },
  { "Address family mismatch on destination MXs", BD_REASON_NETWORKERROR },
  { "Could not retrieve source address", BD_REASON_NETWORKERROR },
  { "bad DNS lookup error code", BD_REASON_NETWORKERROR },
  { "Could not retrieve credentials", BD_REASON_SECURITYERROR },
  { "Envelope expired", BD_REASON_EXPIRED },
  { "Loop detected", BD_REASON_CONTENTERROR },
  { "Invalid address", BD_REASON_SYNTAXERROR },
};

static void
set_smtpd_reason (BdRecipient *r)
{
  if (r->reply_code != 0)
    return;
  bd_scan_reason_from_words (r, smtpd_messages, G_N_ELEMENTS (smtpd_messages), FALSE);
}

/* The body's phrase first: the grams answer most at once. */
gboolean
bd_scan_gate_opensmtpd (const BdScanInput *input)
{
  return bd_scan_body_has (input, "This is the MAILER-DAEMON, please DO NOT REPLY")
         && bd_scan_gate_subject_has (input, "Delivery status notification");
}

gboolean
bd_scan_opensmtpd (const BdScanInput *input,
                   BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  gboolean delayed;
  int at;

  if (!bd_scan_gate_opensmtpd (input))
    return FALSE;

  lines = bd_scan_split_lines (input, stop_markers);
  at = bd_scan_find_line (lines, 0, "list of recipients:");
  if (at < 0)
    return FALSE;

  /* "address: reason", unindented, one a line; older versions leave the
   * colon out */
  for (int i = at + 1; lines[i] != NULL; i++)
    {
      const char *space = strchr (lines[i], ' ');
      bd_scan_autofree char *head = NULL;
      BdRecipient *r;

      if (lines[i][0] == ' ' || lines[i][0] == '\0' || space == NULL)
        continue;
      head = g_strndup (lines[i], space - lines[i] - (space[-1] == ':' ? 1 : 0));
      if (!bd_scan_is_address (head))
        continue;
      r = bd_scan_add (bounce, head, space + 1);
      set_smtpd_reason (r);
    }

  delayed = bd_scan_body_has (input, "this is only a temporary failure report")
            || bd_scan_gate_subject_has (input, "notification: delayed")
            || bd_scan_gate_subject_has (input, "notification: warning");
  return bd_scan_finish (bounce, delayed ? BD_KIND_DELAYED : BD_KIND_BOUNCE);
}
