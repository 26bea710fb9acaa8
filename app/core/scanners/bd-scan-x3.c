/* bd-scan-x3.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An MTA of unknown name (Sisimai's "X3"), Subject "Delivery status
 * notification":
 *
 *         This is an automatically generated Delivery Status Notification.
 *
 *   Delivery to the following recipients failed permanently:
 *
 *      * kijitora@example.jp
 *
 * ("… was aborted after N second(s):" likewise). The reason, if any, is
 * only in the attached report.
 */
#define G_LOG_DOMAIN "bd-scan-x3"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-util.h"

gboolean
bd_scan_x3 (const BdScanInput *input,
            BdBounce          *bounce)
{
  g_auto(GStrv) lines = NULL;
  int at;

  if (!bd_scan_subject_has (input, "Delivery status notification")
      || strstr (input->body, "This is an automatically generated Delivery Status Notification") == NULL)
    return FALSE;

  lines = bd_scan_split_lines (input, NULL);
  at = bd_scan_find_line (lines, 0, "Delivery to the following recipients");
  for (int i = at + 1; at >= 0 && lines[i] != NULL; i++)
    {
      const char *text = lines[i] + strspn (lines[i], " ");

      if (g_str_has_prefix (text, "* ") && bd_scan_is_address (text + 2))
        bd_scan_add (bounce, text + 2, NULL);
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
