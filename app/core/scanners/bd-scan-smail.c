/* bd-scan-smail.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Smail (and the MTAs that copied its report), Subject "mail failed,
 * returning to sender":
 *
 *   |------------------------- Message log follows: -------------------------|
 *    no valid recipients were found for this message
 *   |------------------------- Failed addresses follow: ---------------------|
 *    kijitora@example.com ... unknown host
 *   |------------------------- Message text follows: ------------------------|
 *
 * Each failed address is followed by " ... " and the reason. Deutsche
 * Telekom's fork (t-online.de, From Mailer-Daemon@t-online.de) writes the
 * address alone in angle brackets and the server's reply indented on the
 * next line, and ends with "Message header follows:" (go-sisimai
 * lhost/via-deutschetelekom.go, BSD-2-Clause, which quotes the layout):
 *
 *   |------------------------- Failed addresses follow: ---------------------|
 *    <example@t-online.de>
 *      552 5.2.2 <example@t-online.de> Quota exceeded (mailbox for user is full)
 *   |------------------------- Message header follows: ----------------------|
 */
#define G_LOG_DOMAIN "bd-scan-smail"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "Message text follows:",
  "Message header follows:",
  NULL
};

/* "|----- Title: -----|" */
static gboolean
is_section_line (const char *line)
{
  return bd_scan_has_prefix (line, "|---") && g_str_has_suffix (line, "|");
}

gboolean
bd_scan_smail (const BdScanInput *input,
               BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  int at;

  if (!bd_scan_body_has (input, "Failed addresses follow:"))
    return FALSE;

  lines = bd_scan_split_lines (input, stop_markers);
  at = bd_scan_find_line (lines, 0, "Failed addresses follow:");
  if (at < 0 || !is_section_line (lines[at]))
    return FALSE;
  for (int i = at + 1; lines[i] != NULL && !is_section_line (lines[i]); i++)
    {
      const char *line = lines[i] + strspn (lines[i], " \t");
      const char *dots = strstr (line, " ... ");
      bd_scan_autofree char *address = NULL;

      /* Telekom: " <address>" alone, the reply on the next line */
      if (dots == NULL && line[0] == '<' && g_str_has_suffix (line, ">") && strchr (line, ' ') == NULL
          && lines[i + 1] != NULL && !is_section_line (lines[i + 1]) && lines[i + 1][0] != '\0')
        {
          i++;
          bd_scan_add (bounce, line, lines[i] + strspn (lines[i], " \t"));
          continue;
        }
      if (dots == NULL)
        continue;
      address = g_strndup (line, dots - line);
      bd_scan_add (bounce, address, dots + strlen (" ... "));
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
