/* bd-scan-mcafee.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * McAfee Email Gateway (Subject "Delivery Status"):
 *
 *       --- The following addresses had delivery problems ---
 *
 *   <kijitora@example.jp>   (5.1.1 <kijitora@example.jp>... User unknown)
 *
 * The gateway also attaches a delivery report, read first by the decoder.
 */
#define G_LOG_DOMAIN "bd-scan-mcafee"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "Content-Type: message/delivery-status",
  NULL
};

static gboolean
is_directory_miss (const char *text)
{
  static const char *const words[] = { "No such user", "Unknown user", "User not exist", ") unknown." };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (text, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

gboolean
bd_scan_mcafee (const BdScanInput *input,
                BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  int at;

  if (!bd_scan_body_has (input, "--- The following addresses had delivery problems ---"))
    return FALSE;

  lines = bd_scan_split_lines (input, stop_markers);
  at = bd_scan_find_line (lines, 0, "--- The following addresses had delivery problems ---");
  for (int i = at + 1; lines[i] != NULL; i++)
    {
      const char *close = strchr (lines[i], '>');
      const char *open;
      bd_scan_autofree char *reason = NULL;

      if (lines[i][0] != '<' || close == NULL || (open = strchr (close, '(')) == NULL)
        continue;
      BdRecipient *recipient;

      reason = g_strndup (open + 1, strlen (open + 1) - (g_str_has_suffix (open, ")") ? 1 : 0));
      recipient = bd_scan_add (bounce, lines[i], reason);
      /* The gateway checks each address against its directory when it
       * is named: these answers refuse RCPT TO. */
      if (recipient != NULL && is_directory_miss (reason))
        bd_scan_set_command (recipient, "RCPT");
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
