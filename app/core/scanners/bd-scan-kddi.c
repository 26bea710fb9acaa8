/* bd-scan-kddi.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KDDI's au one net / DION mail (no-reply@…dion.ne.jp, …auone-net.jp):
 *
 *   Your mail sent on: Thu, 29 Apr 2013 00:00:00 +0900
 *        Could not be delivered to: <kijitora@example.dion.ne.jp>
 *        As their mailbox is full.
 *
 * The last sentence is one of a few fixed reasons.
 */
#define G_LOG_DOMAIN "bd-scan-kddi"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-gate.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "Content-Type: message/rfc822",
  NULL
};

static const BdScanWords kddi_messages[] = {
  { "As their mailbox is full", BD_REASON_MAILBOXFULL },
  { "Due to the following SMTP relay error", BD_REASON_NORELAYING },
  { "As the remote domain doesnt exist", BD_REASON_HOSTUNKNOWN },
};

static gboolean
is_kddi (const BdScanInput *input)
{
  bd_scan_autofree char *reply_to = bd_scan_header (input, "Reply-To");

  if (bd_scan_gate_from_has (input, ".dion.ne.jp") || bd_scan_gate_from_has (input, "auone-net.jp")
      || (reply_to != NULL && strstr (reply_to, "auone-net.jp") != NULL))
    return TRUE;
  /* "Your mail sent on: …", or for a retried message "Your mail attempted
   * to be delivered on: …" */
  return bd_scan_body_has (input, "Your mail sent on: ")
         || bd_scan_body_has (input, "Your mail attempted to be delivered on: ");
}

/* au's spam filter marks what it refused with "X-SPASIGN: NG": the
 * refusal is about the content, whatever the sentence says. */
static gboolean
is_spam_filtered (const BdScanInput *input)
{
  bd_scan_autofree char *spasign = bd_scan_header (input, "X-SPASIGN");

  return spasign != NULL && g_ascii_strncasecmp (g_strstrip (spasign), "NG", 2) == 0;
}

gboolean
bd_scan_kddi (const BdScanInput *input,
              BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  int at;

  if (!bd_scan_body_has (input, "Could not be delivered to: <"))
    return FALSE;
  if (!is_kddi (input))
    return FALSE;

  lines = bd_scan_split_lines (input, stop_markers);
  for (at = bd_scan_find_line (lines, 0, "Could not be delivered to: <"); at >= 0;
       at = bd_scan_find_line (lines, at + 1, "Could not be delivered to: <"))
    {
      g_autoptr(GString) diag = g_string_new (NULL);
      BdRecipient *r;

      for (int j = at + 1; lines[j] != NULL && lines[j][0] != '\0'
           && strstr (lines[j], "Could not be delivered to:") == NULL && !bd_scan_has_prefix (lines[j], "--"); j++)
        bd_scan_append_word (diag, lines[j]);
      r = bd_scan_add (bounce, strchr (lines[at], '<'), diag->str);
      if (is_spam_filtered (input))
        {
          bd_scan_set_reason (r, BD_REASON_FILTERED, BD_EVIDENCE_AU_SPAM_FILTER, "X-SPASIGN: NG");
          continue;
        }
      bd_scan_reason_from_words (r, kddi_messages, G_N_ELEMENTS (kddi_messages), FALSE);
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
