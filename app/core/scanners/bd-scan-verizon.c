/* bd-scan-verizon.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Verizon Wireless' picture-message gateway (MMSC NDR Administrator,
 * …@vzwpix.com / vtext.com):
 *
 *   Message could not be delivered to mobile.
 *   Error: No valid recipients for this MM
 *
 * The phone's address is in the "To:" of the quoted original message.
 *
 * The text-message gateway (post_master@vtext.com) repeats the envelope
 * instead, and the reply after it:
 *
 *   Error: Message could not be delivered to the following recipient.
 *       MAIL FROM: <neko@example.jp>
 *       RCPT TO: 2025550123@vtext.com
 *   550 - Requested action not taken: no such user here
 */
#define G_LOG_DOMAIN "bd-scan-verizon"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-gate.h"
#include "bd-scan-util.h"

/* "550 - Requested action …": the gateway's reply line */
static gboolean
is_vtext_reply (const char *line)
{
  return g_ascii_isdigit (line[0]) && g_ascii_isdigit (line[1]) && g_ascii_isdigit (line[2])
         && bd_scan_has_prefix (line + 3, " - ");
}

static gboolean
has_address (const char *text)
{
  bd_scan_autofree char *address = bd_scan_extract_address (text);

  return address != NULL;
}

static gboolean
read_vtext (const BdScanInput *input,
            BdBounce          *bounce)
{
  bd_scan_autofree char **lines = bd_scan_split_lines (input, NULL);
  const char *reply = NULL;
  int error = bd_scan_find_line (lines, 0, "Error: ");

  if (error < 0)
    return FALSE;
  for (int i = error + 1; lines[i] != NULL && reply == NULL; i++)
    reply = is_vtext_reply (lines[i]) ? lines[i] : NULL;
  for (int i = error + 1; lines[i] != NULL; i++)
    {
      const char *text = lines[i] + strspn (lines[i], " \t");
      bd_scan_autofree char *address = NULL;
      BdRecipient *r;

      if (text == lines[i] || !bd_scan_has_prefix (text, "RCPT TO: "))
        continue;
      /* "RCPT TO: 2025550123": a number without the gateway's domain */
      address = bd_scan_extract_address (text + strlen ("RCPT TO: "));
      if (address == NULL)
        continue;
      r = bd_scan_add (bounce, address, reply);
      if (r->diagnostic != NULL && strstr (r->diagnostic, "no such user here") != NULL)
        bd_scan_set_reason (r, BD_REASON_USERUNKNOWN, BD_EVIDENCE_STATED_BY_FORMAT, "Requested action not taken: no such user here");
    }
  return bounce->recipients->len > 0;
}

gboolean
bd_scan_verizon (const BdScanInput *input,
                 BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  int error, original;

  if (bd_scan_gate_from_has (input, "post_master@vtext.com"))
    return read_vtext (input, bounce) && bd_scan_finish (bounce, BD_KIND_BOUNCE);
  if (!bd_scan_body_has (input, "Message could not be delivered to mobile"))
    return FALSE;

  lines = bd_scan_split_lines (input, NULL);
  error = bd_scan_find_line (lines, 0, "Error: ");
  original = bd_scan_find_line (lines, 0, "Original Message:");
  for (int i = MAX (original, 0); original >= 0 && lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      BdRecipient *r;

      if (!bd_scan_has_prefix (lines[i], "To:") || strchr (lines[i], '@') == NULL
          || !has_address (lines[i] + 3))
        continue;
      r = bd_scan_add (bounce, lines[i] + 3, error >= 0 ? lines[error] + strlen ("Error: ") : NULL);
      if (r->diagnostic != NULL && strstr (r->diagnostic, "No valid recipients") != NULL)
        bd_scan_set_reason (r, BD_REASON_USERUNKNOWN, BD_EVIDENCE_STATED_BY_FORMAT, "No valid recipients for this MM");
      break;
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
