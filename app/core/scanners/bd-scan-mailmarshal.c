/* bd-scan-mailmarshal.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Trustwave (Marshal) MailMarshal SMTP (Subject "Undeliverable Mail: …"):
 *
 *   Your message:
 *      From:    sender@example.com
 *      Subject: Nyaan
 *   Could not be delivered because of
 *   550 5.1.1 User unknown
 *   The following recipients were affected:
 *       kijitora@example.com
 *   Additional Information
 *   ======================
 *   Remote-MTA:     <203.0.113.2>
 */
#define G_LOG_DOMAIN "bd-scan-mailmarshal"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-util.h"

static char *
field (char      **lines,
       const char *name)
{
  int at = bd_scan_find_line (lines, 0, name);
  const char *p;

  if (at < 0 || !bd_scan_has_prefix (lines[at], name))
    return NULL;
  p = lines[at] + strlen (name);
  p += strspn (p, " \t<");
  return g_strndup (p, strcspn (p, ">"));
}

gboolean
bd_scan_mailmarshal (const BdScanInput *input,
                     BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  g_autoptr(GString) cause = NULL;
  bd_scan_autofree char *remote = NULL;
  int why, list;

  if (!bd_scan_body_has (input, "Could not be delivered because of")
      || !bd_scan_body_has (input, "The following recipients were affected:"))
    return FALSE;

  cause = g_string_new (NULL);   /* past the first checks, which most messages fail */
  lines = bd_scan_split_lines (input, NULL);
  why = bd_scan_find_line (lines, 0, "Could not be delivered because of");
  list = bd_scan_find_line (lines, why, "The following recipients were affected:");
  if (why < 0 || list < 0)
    return FALSE;
  for (int i = why + 1; i < list; i++)
    bd_scan_append_word (cause, lines[i]);
  remote = field (lines, "Remote-MTA:");

  for (int i = list + 1; lines[i] != NULL && (lines[i][0] == ' ' || lines[i][0] == '\0'); i++)
    {
      BdRecipient *r;

      if (!bd_scan_is_address (lines[i]))
        continue;
      r = bd_scan_add (bounce, lines[i], cause->str);
      r->remote_mta = g_strdup (remote);
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
