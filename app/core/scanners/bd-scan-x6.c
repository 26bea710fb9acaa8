/* bd-scan-x6.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An MTA of unknown name (Sisimai's "X6"), Subject "There was an error
 * sending your mail":
 *
 *   1 error(s):
 *
 *   SMTP Server <mx.example.org> rejected recipient <kijitora@example.org>
 *   (Error following RCPT command). It responded as follows: [550 5.1.1 User unknown]
 *
 * or "The following recipients returned permanent errors: a@b. Reason: …".
 */
#define G_LOG_DOMAIN "bd-scan-x6"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "The attachment contains the original mail headers",
  NULL
};

/* The server's reply is the last "[…]" of the sentence. */
static const char *
bracketed_reply (const char *line)
{
  const char *open = strrchr (line, '[');

  return open != NULL && g_ascii_isdigit (open[1]) ? open + 1 : line;
}

gboolean
bd_scan_x6 (const BdScanInput *input,
            BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  int at;

  if (!bd_scan_has_prefix (input->subject, "There was an error sending your mail"))
    return FALSE;

  lines = bd_scan_split_lines (input, stop_markers);
  at = bd_scan_find_line (lines, 0, "error(s):");
  for (int i = MAX (at, 0) + 1; at >= 0 && lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *rcpt = strstr (line, " recipient <");
      const char *list = strstr (line, "returned permanent errors: ");
      bd_scan_autofree char *reply = NULL;
      BdRecipient *r;

      if (rcpt == NULL && list == NULL)
        continue;
      reply = g_strdup (bracketed_reply (line));
      if (g_str_has_suffix (reply, "]"))
        reply[strlen (reply) - 1] = '\0';
      r = bd_scan_add (bounce, rcpt != NULL ? rcpt : list + strlen ("returned permanent errors: "), reply);
      /* "(Error following RCPT command)", "refused to accept your message (DATA)" */
      if (strstr (line, "following ") != NULL)
        bd_scan_set_command (r, strstr (line, "following ") + strlen ("following "));
      else if (strstr (line, "(DATA)") != NULL)
        bd_scan_set_command (r, "DATA");
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
