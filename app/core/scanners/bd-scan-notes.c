/* bd-scan-notes.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lotus Notes' SMTP MTA (Subject "Undeliverable message"):
 *
 *   ------- Failure Reasons  --------
 *   User not listed in public Name & Address Book
 *   kijitora@example.co.jp
 *   ------- Returned Message --------
 *
 * The reason may be in the server's language (Japanese installations).
 */
#define G_LOG_DOMAIN "bd-scan-notes"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "------- Returned Message --------",
  NULL
};

static const struct
{
  const char *text;
  BdReason    reason;
} notes_messages[] = {
  { "User not listed in public Name & Address Book", BD_REASON_USERUNKNOWN },
  { "ディレクトリのリストにありません", BD_REASON_USERUNKNOWN },   /* "not in the directory's list" */
  { "Message has exceeded maximum hop count", BD_REASON_NETWORKERROR },
};

gboolean
bd_scan_notes (const BdScanInput *input,
               BdBounce          *bounce)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) reasons = g_string_new (NULL);
  int at;

  if (strstr (input->body, "------- Failure Reasons  --------") == NULL)
    return FALSE;

  lines = bd_scan_split_lines (input, stop_markers);
  at = bd_scan_find_line (lines, 0, "------- Failure Reasons  --------");
  for (int i = at + 1; lines[i] != NULL; i++)
    {
      BdRecipient *r;

      if (lines[i][0] == '\0')
        continue;
      if (!bd_scan_is_address (lines[i]))
        {
          g_string_append_printf (reasons, "%s ", lines[i]);
          continue;
        }
      r = bd_scan_add (bounce, lines[i], reasons->str);
      for (guint m = 0; r->diagnostic != NULL && m < G_N_ELEMENTS (notes_messages); m++)
        {
          if (strstr (r->diagnostic, notes_messages[m].text) != NULL)
            {
              bd_scan_set_reason (r, notes_messages[m].reason, notes_messages[m].text);
              break;
            }
        }
      g_string_truncate (reasons, 0);
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
