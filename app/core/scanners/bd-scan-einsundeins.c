/* bd-scan-einsundeins.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 1&1 / IONOS (mailer-daemon@kundenserver.de and others): Exim's preface
 * in 1&1's own layout,
 *
 *   The following address failed:
 *   kijitora@example.org
 *   For the following reason:
 *   Mail size limit exceeded. For explanation visit
 *   http://postmaster.1and1.com/en/error-messages?ip=%1s
 *   --- The header of the original message is following. ---
 */
#define G_LOG_DOMAIN "bd-scan-einsundeins"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "--- The header of the original message is following. ---",
  "--- The original message is following. ---",
  NULL
};

gboolean
bd_scan_einsundeins (const BdScanInput *input,
                     BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  g_autoptr(GString) reason = NULL;
  int list, why;

  if (!bd_scan_body_has (input, "For the following reason:"))
    return FALSE;

  reason = g_string_new (NULL);   /* past the first checks, which most messages fail */
  lines = bd_scan_split_lines (input, stop_markers);
  list = bd_scan_find_line (lines, 0, "The following address");
  why = bd_scan_find_line (lines, MAX (list, 0), "For the following reason:");
  if (list < 0 || why < 0)
    return FALSE;
  for (int i = why + 1; lines[i] != NULL; i++)
    {
      /* the link to 1&1's explanation is no part of the reason */
      if (bd_scan_has_prefix (lines[i], "http://") || bd_scan_has_prefix (lines[i], "https://"))
        continue;
      bd_scan_append_word (reason, lines[i]);
    }

  for (int i = list + 1; i < why; i++)
    {
      BdRecipient *r;

      if (!bd_scan_is_address (lines[i]))
        continue;
      r = bd_scan_add (bounce, lines[i], reason->str);
      if (r->diagnostic != NULL && strstr (r->diagnostic, "Mail size limit exceeded") != NULL)
        bd_scan_set_reason (r, BD_REASON_MESGTOOBIG, BD_EVIDENCE_STATED_BY_FORMAT, "Mail size limit exceeded");
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
