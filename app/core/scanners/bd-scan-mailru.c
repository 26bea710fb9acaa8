/* bd-scan-mailru.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Mail.ru (mailer-daemon@corp.mail.ru) runs Exim with a Russian preface
 * ("К сожалению, Ваше письмо не может быть доставлено…") before Exim's
 * English text; both list the failed addresses in Exim's layout.
 */
#define G_LOG_DOMAIN "bd-scan-mailru"

#include "config.h"

#include <string.h>

#include "bd-scan-gates-private.h"
#include "bd-scan-families.h"
#include "bd-scan-gate.h"
#include "bd-scan-util.h"

/* Exim's delay warning, "Warning: message … delayed 24 hours": the
 * addresses listed are still being tried. */
static gboolean
is_delay_warning (const BdScanInput *input)
{
  return (bd_scan_gate_subject_has (input, "Warning: message") && bd_scan_gate_subject_has (input, "delayed"))
         || bd_scan_body_has (input, "No action is required on your part");
}

/* The body's grams first, which answer most at once; then the From:,
 * before the body is searched: Exim's phrase is in many bodies, and its
 * search was wasted on every From: but Mail.ru's. A From: with
 * "@corp.mail.ru" holds "mail.ru": one search answers for both. */
gboolean
bd_scan_gate_mailru (const BdScanInput *input)
{
  return (bd_scan_gate_body_may_have (input, "не может быть доставлено")
          || bd_scan_gate_body_may_have (input, "This message was created automatically by mail delivery software"))
         && bd_scan_gate_from_has (input, "mail.ru")
         && (bd_scan_body_has (input, "не может быть доставлено")
             || bd_scan_body_has (input, "This message was created automatically by mail delivery software"));
}

gboolean
bd_scan_mailru (const BdScanInput *input,
                BdBounce          *bounce)
{
  if (!bd_scan_gate_mailru (input))
    return FALSE;

  if (!bd_scan_exim_read (input, bounce))
    return FALSE;
  return bd_scan_finish (bounce, is_delay_warning (input) ? BD_KIND_DELAYED : BD_KIND_BOUNCE);
}
