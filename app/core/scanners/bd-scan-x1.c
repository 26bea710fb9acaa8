/* bd-scan-x1.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An MTA of unknown name (Sisimai's "X1"), From "Mail Deliver System":
 *
 *   ---The following addresses had delivery errors---
 *
 *   kijitora@example.jp [Connection timed out]
 *
 * Subject "Warning--Could not send mail for past N hours" for a delay, or
 * "Returned mail: …".
 */
#define G_LOG_DOMAIN "bd-scan-x1"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-gate.h"
#include "bd-scan-util.h"

/* Some versions leave out the "---The following addresses…---" rule:
 * the sender's name and the opening sentence tell them. */
static gboolean
is_x1 (const BdScanInput *input)
{
  if (bd_scan_body_has (input, "---The following addresses had delivery errors---"))
    return TRUE;
  return bd_scan_gate_from_has (input, "Mail Deliver System") && bd_scan_gate_subject_has (input, "Returned Mail: ")
         && bd_scan_body_has (input, "The original message was received at ");
}

gboolean
bd_scan_x1 (const BdScanInput *input,
            BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  int at;

  if (!is_x1 (input))
    return FALSE;

  lines = bd_scan_split_lines (input, NULL);
  at = bd_scan_find_line (lines, 0, "---The following addresses had delivery errors---");
  if (at < 0)
    at = bd_scan_find_line (lines, 0, "The original message was received at ");
  for (int i = at + 1; lines[i] != NULL; i++)
    {
      const char *open = strstr (lines[i], " [");
      bd_scan_autofree char *head = NULL;
      bd_scan_autofree char *reason = NULL;

      if (open == NULL || !g_str_has_suffix (lines[i], "]"))
        continue;
      head = g_strndup (lines[i], open - lines[i]);
      if (!bd_scan_is_address (head))
        continue;
      reason = g_strndup (open + 2, strlen (open + 2) - 1);
      bd_scan_add (bounce, head, reason);
    }
  return bd_scan_finish (bounce, bd_scan_gate_subject_has (input, "Warning--") ? BD_KIND_DELAYED : BD_KIND_BOUNCE);
}
