/* bd-scan-barracuda.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Barracuda Spam Firewall / Email Security Gateway (Subject
 * "**Message you sent blocked by our bulk email filter**"):
 *
 *   Your message to: kijitora@example.org
 *   was blocked by our Spam Firewall. The email you sent with the following
 *   subject has NOT BEEN DELIVERED:
 */
#define G_LOG_DOMAIN "bd-scan-barracuda"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-gate.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "Content-Type: message/delivery-status",
  NULL
};

gboolean
bd_scan_barracuda (const BdScanInput *input,
                   BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;

  if (!bd_scan_body_has (input, "was blocked by our Spam Firewall")
      && !bd_scan_gate_subject_has (input, "blocked by our bulk email filter"))
    return FALSE;

  lines = bd_scan_split_lines (input, stop_markers);
  for (int i = 0; lines[i] != NULL; i++)
    {
      if (!bd_scan_has_prefix (lines[i], "Your message to:") || strchr (lines[i], '@') == NULL)
        continue;
      bd_scan_add (bounce, lines[i] + strlen ("Your message to:"), lines[i + 1] != NULL ? lines[i + 1] : NULL);
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
