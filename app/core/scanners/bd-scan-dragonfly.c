/* bd-scan-dragonfly.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DragonFly Mail Agent (dma), also used by small BSD and Linux hosts:
 *
 *   This is the DragonFly Mail Agent v0.13 at df.example.jp.
 *
 *   There was an error delivering your mail to <kijitora@example.com>.
 *
 *   mx.example.com [192.0.2.1] did not like our RCPT TO:
 *   550 5.1.1 <kijitora@example.com>: Recipient address rejected: User unknown
 *
 *   Message headers follow.
 *
 * One recipient per bounce. "Could not deliver for the last N seconds.
 * Giving up." is dma's own expiry.
 */
#define G_LOG_DOMAIN "bd-scan-dragonfly"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "Message headers follow.",
  "Original message follows.",
  NULL
};

#define ERROR_LINE "There was an error delivering your mail to "

/* "mx.example.com [192.0.2.1] did not like our RCPT TO:" */
static char *
remote_host (const char *line)
{
  const char *end;

  if (strstr (line, " did not like our ") == NULL)
    return NULL;
  end = line + strcspn (line, " [");
  return end > line ? g_strndup (line, end - line) : NULL;
}

gboolean
bd_scan_dragonfly (const BdScanInput *input,
                   BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  g_auto(BdScanText) diag = BD_SCAN_TEXT_UNSET;
  bd_scan_autofree char *host = NULL;
  BdRecipient *recipient;
  int at;

  if (!bd_scan_body_has (input, "This is the DragonFly Mail Agent"))
    return FALSE;

  lines = bd_scan_split_lines (input, stop_markers);
  at = bd_scan_find_line (lines, 0, ERROR_LINE);
  if (at < 0)
    return FALSE;

  bd_scan_text_init (&diag, NULL);
  for (int i = at + 1; lines[i] != NULL; i++)
    {
      if (host == NULL)
        host = remote_host (lines[i]);
      bd_scan_text_append_word (&diag, lines[i]);
    }

  /* found case-insensitively: strstr() could miss it (NULL + offset) */
  recipient = bd_scan_add (bounce, bd_text_strcasestr (lines[at], ERROR_LINE) + strlen (ERROR_LINE), diag.str);
  recipient->remote_mta = g_steal_pointer (&host);
  if (recipient->diagnostic != NULL && strstr (recipient->diagnostic, "Could not deliver for the last ") != NULL)
    bd_scan_set_reason (recipient, BD_REASON_EXPIRED, BD_EVIDENCE_STATED_BY_FORMAT, "Could not deliver for the last");
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
