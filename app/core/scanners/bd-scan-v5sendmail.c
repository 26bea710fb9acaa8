/* bd-scan-v5sendmail.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sendmail version 5 and its descendants (Subject "Returned mail: …"):
 * only a session transcript, then "----- Unsent message follows -----"
 * (or "----- No message was collected -----") and the message inline.
 *
 *      ----- Transcript of session follows -----
 *   While talking to mx.example.org:
 *   >>> RCPT To:<kijitora@example.org>
 *   <<< 550 Requested mailbox not found
 *   550 <kijitora@example.org>... User unknown
 */
#define G_LOG_DOMAIN "bd-scan-v5sendmail"

#include "config.h"

#include <string.h>

#include "bd-scan-gates-private.h"
#include "bd-scan-families.h"
#include "bd-scan-gate.h"
#include "bd-scan-util.h"

/* The body's grams first, which answer most at once; then the Subject:,
 * before the body is searched. */
gboolean
bd_scan_gate_v5sendmail (const BdScanInput *input)
{
  return bd_scan_gate_body_may_have (input, "----- Transcript of session follows -----")
         && bd_scan_gate_subject_has (input, "Returned mail: ")
         && bd_scan_body_has (input, "----- Transcript of session follows -----")
         && (bd_scan_body_has (input, "----- Unsent message follows -----")
             || bd_scan_body_has (input, "----- No message was collected -----"));
}

gboolean
bd_scan_v5sendmail (const BdScanInput *input,
                    BdBounce          *bounce)
{
  if (!bd_scan_gate_v5sendmail (input))
    return FALSE;

  if (!bd_scan_sendmail_read (input, bounce))
    return FALSE;
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
