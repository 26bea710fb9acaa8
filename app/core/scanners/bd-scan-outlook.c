/* bd-scan-outlook.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Outlook.com / Hotmail's legacy notifications (postmaster@…hotmail…,
 * "Delivery Status Notification (Failure)"), also written by Windows'
 * SMTP service:
 *
 *   This is an automatically generated Delivery Status Notification.
 *
 *   Delivery to the following recipients failed.
 *
 *          kijitora@example.jp
 *
 * The reply is in the attached delivery report, read first by the decoder.
 */
#define G_LOG_DOMAIN "bd-scan-outlook"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "Content-Type: message/delivery-status",
  NULL
};

gboolean
bd_scan_outlook (const BdScanInput *input,
                 BdBounce          *bounce)
{
  g_auto(GStrv) lines = NULL;
  gboolean delayed;
  int at;

  if (strstr (input->body, "This is an automatically generated Delivery Status Notification") == NULL)
    return FALSE;
  if (strstr (input->body, "Delivery to the following recipients failed.") == NULL
      && strstr (input->body, "Delivery to the following recipients has been delayed.") == NULL)
    return FALSE;

  lines = bd_scan_split_lines (input, stop_markers);
  at = bd_scan_find_line (lines, 0, "Delivery to the following recipients");
  /* the body has it, but a stop marker may end the lines before it */
  if (at < 0)
    return FALSE;
  delayed = strstr (lines[at], "delayed") != NULL;
  for (int i = at + 1; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0')
        continue;
      if (lines[i][0] != ' ' || !bd_scan_is_address (lines[i]))
        break;
      bd_scan_add (bounce, lines[i], NULL);
    }
  return bd_scan_finish (bounce, delayed ? BD_KIND_DELAYED : BD_KIND_BOUNCE);
}
