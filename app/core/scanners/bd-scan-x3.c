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
 * ("… was aborted after N second(s):" likewise). The reason follows the
 * addresses when the report gives one, in one of three forms:
 *
 *   SMTP:RCPT host 192.0.2.1: 553 5.3.0 <kijitora@example.jp>... Unknown
 *   Routing: Could not find a gateway for kijitora@example.jp
 *   Diagnostic-Code: smtp; 550 5.1.1 User unknown
 *
 * and is often only in the attached report.
 */
#define G_LOG_DOMAIN "bd-scan-x3"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-gate.h"
#include "bd-scan-util.h"

/* The reason line, for the address listed before it. */
static void
read_reason (BdRecipient *r,
             const char  *line)
{
  if (bd_scan_has_prefix (line, "SMTP:"))
    {
      const char *space = strchr (line, ' ');

      if (space == NULL)
        return;
      bd_scan_set_command (r, line + strlen ("SMTP:"));
      bd_scan_set_diagnostic (r, space + 1);
    }
  else if (bd_scan_has_prefix (line, "Routing: "))
    bd_scan_set_diagnostic (r, line + strlen ("Routing: "));
  else if (bd_text_has_prefix_ci (line, "Diagnostic-Code: smtp;"))
    {
      const char *reply = line + strlen ("Diagnostic-Code: smtp;");

      bd_scan_set_diagnostic (r, reply + strspn (reply, " "));
    }
}

gboolean
bd_scan_x3 (const BdScanInput *input,
            BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  BdRecipient *last = NULL;
  int at;

  if (!bd_scan_gate_subject_has (input, "Delivery status notification")
      || !bd_scan_body_has (input, "This is an automatically generated Delivery Status Notification"))
    return FALSE;

  lines = bd_scan_split_lines (input, NULL);
  at = bd_scan_find_line (lines, 0, "Delivery to the following recipients");
  for (int i = at + 1; at >= 0 && lines[i] != NULL; i++)
    {
      const char *text = lines[i] + strspn (lines[i], " ");

      if (bd_scan_has_prefix (text, "* ") && bd_scan_is_address (text + 2))
        last = bd_scan_add (bounce, text + 2, NULL);
      else if (last != NULL && text == lines[i])
        read_reason (last, text);
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
