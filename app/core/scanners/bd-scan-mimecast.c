/* bd-scan-mimecast.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Mimecast (Subject "[Postmaster] Email Delivery Failure"):
 *
 *   An email that you attempted to send to the following address could not
 *   be delivered:
 *   -- kijitora@example.org
 *   The problem appears to be :
 *   -- Recipient email address is possibly incorrect
 *   Additional information follows :
 *   -- 5.4.1 Recipient address rejected: Access denied.
 */
#define G_LOG_DOMAIN "bd-scan-mimecast"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-util.h"

/* The "-- " items under the heading at @at. */
static char *
items_after (char **lines,
             int    at)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (int i = at + 1; at >= 0 && lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0')
        continue;
      if (!bd_scan_has_prefix (lines[i], "-- "))
        break;
      bd_scan_append_word (out, lines[i] + 3);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
bd_scan_mimecast (const BdScanInput *input,
                  BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  bd_scan_autofree char *problem = NULL;
  bd_scan_autofree char *details = NULL;
  bd_scan_autofree char *diagnostic = NULL;
  int at;

  if (!bd_scan_body_has (input, "The problem appears to be :")
      || !bd_scan_body_has (input, "could not be delivered:"))
    return FALSE;

  lines = bd_scan_split_lines (input, NULL);
  problem = items_after (lines, bd_scan_find_line (lines, 0, "The problem appears to be :"));
  details = items_after (lines, bd_scan_find_line (lines, 0, "Additional information follows :"));
  /* the server's words first: they carry the codes */
  diagnostic = g_strconcat (details, problem, NULL);
  at = bd_scan_find_line (lines, 0, "could not be delivered:");
  for (int i = at + 1; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0')
        continue;
      if (!bd_scan_has_prefix (lines[i], "-- "))
        break;
      if (bd_scan_is_address (lines[i] + 3))
        bd_scan_add (bounce, lines[i] + 3, diagnostic);
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
