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

#include "bd-scan-families.h"
#include "bd-scan-util.h"

gboolean
bd_scan_yandex (const BdScanInput *input,
                BdBounce          *bounce)
{
  if (!bd_scan_from_has (input, "@yandex.") && !bd_scan_from_has (input, "@ya.ru"))
    return FALSE;
  if (!bd_scan_body_has (input, "This is the mail system at host"))
    return FALSE;

  if (!bd_scan_postfix_read (input, bounce))
    return FALSE;
  return bd_scan_finish (bounce, bd_scan_body_has (input, "THIS IS A WARNING ONLY")
                                 ? BD_KIND_DELAYED : BD_KIND_BOUNCE);
}
