/* bd-scan-mfilter.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Digital Arts m-FILTER (X-Mailer: m-FILTER, Subject "failure notice"): a
 * Japanese preface, the failed addresses one a line, then
 *
 *   -------server message
 *   550 5.1.1 <kijitora@example.jp>: Recipient address rejected: User unknown
 *   -------SMTP command
 *   DATA
 *   -------original message
 */
#define G_LOG_DOMAIN "bd-scan-mfilter"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-gate.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "-------original message",
  "-------original mail info",
  NULL
};

gboolean
bd_scan_mfilter (const BdScanInput *input,
                 BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  g_autoptr(GString) reply = NULL;
  int at, command;

  if (!bd_scan_body_has (input, "-------server message"))
    return FALSE;
  {
    bd_scan_autofree char *mailer = bd_scan_gate_has_field (input, BD_SCAN_MEMO_HAS_X_MAILER)
                              ? bd_scan_header (input, "X-Mailer") : NULL;

    if ((mailer == NULL || strstr (mailer, "m-FILTER") == NULL) && !bd_scan_body_has (input, "m-FILTER"))
      return FALSE;
  }

  reply = g_string_new (NULL);   /* past the first checks, which most messages fail */
  lines = bd_scan_split_lines (input, stop_markers);
  at = bd_scan_find_line (lines, 0, "-------server message");
  for (int i = at + 1; lines[i] != NULL && !bd_scan_has_prefix (lines[i], "-------"); i++)
    bd_scan_append_word (reply, lines[i]);

  command = bd_scan_find_line (lines, at, "-------SMTP command");
  for (int i = 0; i < at; i++)
    {
      BdRecipient *r;

      if (!bd_scan_is_address (lines[i]))
        continue;
      r = bd_scan_add (bounce, lines[i], reply->str);
      if (command >= 0 && lines[command + 1] != NULL)
        bd_scan_set_command (r, lines[command + 1]);
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
