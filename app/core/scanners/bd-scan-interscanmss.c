/* bd-scan-interscanmss.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Trend Micro InterScan Messaging Security Suite (From "InterScan MSS",
 * a Japanese or English subject): either the SMTP exchange,
 *
 *   Sent <<< RCPT TO:<kijitora@example.co.jp>
 *   Received >>> 550 5.1.1 <kijitora@example.co.jp>... user unknown
 *
 * or "Reason:  Unable to deliver message to <kijitora@example.jp> …".
 */
#define G_LOG_DOMAIN "bd-scan-interscanmss"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-gate.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "*****     End of message     *****",
  "Content-type: message/rfc822",
  NULL
};

gboolean
bd_scan_interscanmss (const BdScanInput *input,
                      BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  bd_scan_autofree char *address = NULL;

  if (!bd_scan_gate_from_has (input, "InterScan MSS") && !bd_scan_body_has (input, "InterScan Messaging Security Suite"))
    return FALSE;

  lines = bd_scan_split_lines (input, stop_markers);
  for (int i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (bd_scan_has_prefix (line, "Sent <<< RCPT TO:"))
        {
          g_free (address);
          address = bd_scan_extract_address (line);
        }
      else if (bd_scan_has_prefix (line, "Received >>> ") && address != NULL)
        {
          if (bd_scan_find_recipient (bounce, address) == NULL)
            bd_scan_set_command (bd_scan_add (bounce, address, line + strlen ("Received >>> ")), "RCPT");
          g_clear_pointer (&address, g_free);
        }
      else if (bd_scan_has_prefix (line, "Reason:") && strchr (line, '@') != NULL)
        {
          bd_scan_autofree char *rcpt = bd_scan_extract_address (line);

          if (rcpt != NULL && bd_scan_find_recipient (bounce, rcpt) == NULL)
            {
              BdRecipient *r = bd_scan_add (bounce, rcpt, line + strlen ("Reason:"));

              /* InterScan's own sentence when the next hop refused the
               * address (Sisimai reads it the same way). */
              if (r != NULL && strstr (line, "Unable to deliver message to") != NULL)
                bd_scan_set_reason (r, BD_REASON_USERUNKNOWN, BD_EVIDENCE_STATED_BY_FORMAT, "Unable to deliver message to");
            }
        }
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
