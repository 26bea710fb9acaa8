/* bd-scan-surfcontrol.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SurfControl (Websense) e-mail filter:
 *
 *   Your message could not be sent.
 *   A transcript of the attempts to send the message follows.
 *   The number of attempts made: 1
 *   Addressed To: kijitora@example.org
 *
 *   Thu, 29 Apr 2009 23:34:45 +0900
 *   Failed to send to identified host,
 *   kijitora@example.org: [192.0.2.244], 554 Service currently unavailable
 *   --- Message non-deliverable.
 */
#define G_LOG_DOMAIN "bd-scan-surfcontrol"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-util.h"

gboolean
bd_scan_surfcontrol (const BdScanInput *input,
                     BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;

  if (!bd_scan_body_has (input, "A transcript of the attempts to send the message follows")
      || !bd_scan_body_has (input, "Addressed To: "))
    return FALSE;

  lines = bd_scan_split_lines (input, NULL);
  for (int i = 0; lines[i] != NULL; i++)
    {
      const char *colon = strstr (lines[i], ": [");
      bd_scan_autofree char *head = NULL;
      const char *reply;

      if (colon == NULL)
        continue;
      head = g_strndup (lines[i], colon - lines[i]);
      if (!bd_scan_is_address (head) || bd_scan_find_recipient (bounce, head) != NULL)
        continue;
      /* "a@b: [192.0.2.244], 554 Service currently unavailable" */
      reply = strstr (colon, "], ");
      bd_scan_add (bounce, head, reply != NULL ? reply + 3 : colon + 2);
    }
  if (bounce->recipients->len == 0)
    {
      int at = bd_scan_find_line (lines, 0, "Addressed To: ");

      if (at >= 0)
        /* found case-insensitively: strstr() could miss it (NULL + 14) */
        bd_scan_add (bounce, bd_text_strcasestr (lines[at], "Addressed To: ") + 14, "Your message could not be sent.");
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
