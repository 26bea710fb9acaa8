/* bd-scan-verizon.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Verizon Wireless' picture-message gateway (MMSC NDR Administrator,
 * …@vzwpix.com / vtext.com):
 *
 *   Message could not be delivered to mobile.
 *   Error: No valid recipients for this MM
 *
 * The phone's address is in the "To:" of the quoted original message.
 */
#define G_LOG_DOMAIN "bd-scan-verizon"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-util.h"

gboolean
bd_scan_verizon (const BdScanInput *input,
                 BdBounce          *bounce)
{
  g_auto(GStrv) lines = NULL;
  int error, original;

  if (strstr (input->body, "Message could not be delivered to mobile") == NULL)
    return FALSE;

  lines = bd_scan_split_lines (input, NULL);
  error = bd_scan_find_line (lines, 0, "Error: ");
  original = bd_scan_find_line (lines, 0, "Original Message:");
  for (int i = MAX (original, 0); original >= 0 && lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      BdRecipient *r;

      if (!g_str_has_prefix (lines[i], "To:") || strchr (lines[i], '@') == NULL)
        continue;
      r = bd_scan_add (bounce, lines[i] + 3, error >= 0 ? lines[error] + strlen ("Error: ") : NULL);
      if (r->diagnostic != NULL && strstr (r->diagnostic, "No valid recipients") != NULL)
        bd_scan_set_reason (r, BD_REASON_USERUNKNOWN, "No valid recipients for this MM");
      break;
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
