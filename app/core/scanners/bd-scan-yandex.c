/* bd-scan-yandex.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Yandex Mail (mailer-daemon@yandex.ru, "Недоставленное сообщение"): a
 * Russian preface between rows of asterisks, then Postfix's English
 * report ("This is the mail system at host yandex.ru." and the
 * "<address>: reason" paragraphs).
 */
#define G_LOG_DOMAIN "bd-scan-yandex"

#include "config.h"

#include <string.h>

#include "bd-scan-gates-private.h"
#include "bd-scan-families.h"
#include "bd-scan-gate.h"
#include "bd-scan-util.h"

/* The body's grams first, which answer most at once; then the From:,
 * before the body is searched: Postfix's phrase is in many bodies, and
 * its search was wasted on every From: but Yandex's. */
gboolean
bd_scan_gate_yandex (const BdScanInput *input)
{
  return bd_scan_gate_body_may_have (input, "This is the mail system at host")
         && (bd_scan_gate_from_has (input, "@yandex.") || bd_scan_gate_from_has (input, "@ya.ru"))
         && bd_scan_body_has (input, "This is the mail system at host");
}

gboolean
bd_scan_yandex (const BdScanInput *input,
                BdBounce          *bounce)
{
  if (!bd_scan_gate_yandex (input))
    return FALSE;

  if (!bd_scan_postfix_read (input, bounce))
    return FALSE;
  return bd_scan_finish (bounce, bd_scan_body_has (input, "THIS IS A WARNING ONLY")
                                 ? BD_KIND_DELAYED : BD_KIND_BOUNCE);
}
