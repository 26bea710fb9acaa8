/* bd-scan-gmx.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GMX and mail.com (MAILER-DAEMON@mail.gmx.com, Subject "Mail delivery
 * failed: returning message to sender"), in English: Exim's preface,
 * then its own layout, one block per address:
 *
 *   "kijitora@example.jp":
 *   SMTP error from remote server after RCPT command:
 *   host: mx.example.jp
 *   5.1.1 <kijitora@example.jp>... User Unknown
 *
 * or "<address>", a blank line, "Reason:" and the reason. The German
 * templates of GMX and WEB.DE are read by bd-scan-providers-i18n.c.
 */
#define G_LOG_DOMAIN "bd-scan-gmx"

#include "config.h"

#include <string.h>

#include "bd-scan-gates-private.h"
#include "bd-scan-families.h"
#include "bd-scan-gate.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "--- The header of the original message is following. ---",
  "--- The original message is following. ---",
  "------ This is a copy of the message",
  NULL
};

/* "\"kijitora@example.jp\":" or "<kijitora@example.jp>" alone on a line */
static char *
recipient_in (const char *line)
{
  gsize len = strlen (line);

  if (len < 5)
    return NULL;
  if ((line[0] == '"' && g_str_has_suffix (line, "\":")) || (line[0] == '<' && line[len - 1] == '>'))
    return bd_scan_extract_address (line);
  return NULL;
}

#define GMX_MARKER "--- The header of the original message is following. ---"

/* GMX sends from gmx.net, gmx.de, gmx.com … Its mailer-daemon's From is
 * enough with Exim's preface; any other From (a GMX user's, a relay's)
 * needs GMX's own marker in the text. X-GMX-Antispam alone proves
 * nothing: GMX stamps it on all mail delivered into its mailboxes, other
 * servers' bounces included. */
static gboolean
from_gmx (const BdScanInput *input)
{
  return bd_scan_gate_from_has (input, "@mail.gmx.") || bd_scan_gate_from_has (input, "gmx.net")
         || bd_scan_gate_from_has (input, "@gmx.");
}

/* The From: is asked only once the body's grams say that it may match:
 * they answer most at once. Exim's phrase is in many bodies, so its
 * search waits for the From:. */
gboolean
bd_scan_gate_gmx (const BdScanInput *input)
{
  bd_scan_autofree char *antispam = NULL;

  if (bd_scan_body_has (input, GMX_MARKER))
    {
      if (from_gmx (input))
        return TRUE;
      antispam = bd_scan_header (input, "X-GMX-Antispam");
      return antispam != NULL;
    }
  return bd_scan_gate_body_may_have (input, "This message was created automatically by mail delivery software")
         && from_gmx (input) && bd_scan_gate_from_has (input, "mailer-daemon@")
         && bd_scan_body_has (input, "This message was created automatically by mail delivery software");
}

gboolean
bd_scan_gmx_en (const BdScanInput *input,
                BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  BdRecipient *r = NULL;
  g_autoptr(GString) diag = NULL;

  if (!bd_scan_gate_gmx (input))
    return FALSE;

  diag = g_string_new (NULL);   /* past the first checks, which most messages fail */
  lines = bd_scan_split_lines (input, stop_markers);
  for (int i = 0; ; i++)
    {
      bd_scan_autofree char *address = lines[i] != NULL ? recipient_in (lines[i]) : NULL;

      if (r != NULL && (lines[i] == NULL || address != NULL))
        {
          bd_scan_set_diagnostic (r, diag->str);
          if (r->diagnostic != NULL && strstr (r->diagnostic, "retry timeout exceeded") != NULL)
            bd_scan_set_reason (r, BD_REASON_EXPIRED, BD_EVIDENCE_STATED_BY_FORMAT, "delivery retry timeout exceeded");
          g_string_truncate (diag, 0);
          r = NULL;
        }
      if (lines[i] == NULL)
        break;
      if (address != NULL)
        {
          r = bd_scan_add (bounce, address, NULL);
          continue;
        }
      if (r == NULL || lines[i][0] == '\0' || strcmp (lines[i], "Reason:") == 0)
        continue;
      /* "SMTP error from remote server after RCPT command:" */
      if (bd_scan_has_prefix (lines[i], "SMTP error from remote server after "))
        bd_scan_set_command (r, lines[i] + strlen ("SMTP error from remote server after "));
      if (bd_scan_has_prefix (lines[i], "host: "))
        {
          g_free (r->remote_mta);
          r->remote_mta = g_strdup (lines[i] + strlen ("host: "));
        }
      bd_scan_append_word (diag, lines[i]);
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
