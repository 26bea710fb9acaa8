/* bd-scan-apachejames.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Apache James:
 *
 *   Error: Invalid user address
 *   Error message below:
 *   550 - Requested action not taken: no such user here
 *   Message details:
 *     Subject: Test message
 *     MAIL FROM: sender@example.com
 *     RCPT TO: kijitora@example.jp
 */
#define G_LOG_DOMAIN "bd-scan-apachejames"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-util.h"

gboolean
bd_scan_apachejames (const BdScanInput *input,
                     BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  g_autoptr(GString) diag = NULL;
  int at, details;

  if (!bd_scan_body_has (input, "Error message below:") || !bd_scan_body_has (input, "Message details:"))
    return FALSE;

  diag = g_string_new (NULL);   /* past the first checks, which most messages fail */
  lines = bd_scan_split_lines (input, NULL);
  at = bd_scan_find_line (lines, 0, "Error message below:");
  details = bd_scan_find_line (lines, at, "Message details:");
  if (at < 0 || details < 0)
    return FALSE;
  for (int i = at + 1; i < details; i++)
    bd_scan_append_word (diag, lines[i]);

  /* "RCPT TO: a@b" names the recipients; "To:" or "CC:" lines do not */
  for (int i = details + 1; lines[i] != NULL && lines[i][0] == ' '; i++)
    {
      const char *text = lines[i] + strspn (lines[i], " ");

      if (bd_scan_has_prefix (text, "RCPT TO:"))
        bd_scan_add (bounce, text + strlen ("RCPT TO:"), diag->str);
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
