/* bd-scan-biglobe.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * BIGLOBE (postmaster@biglobe.ne.jp, "Returned mail: …"):
 *
 *      ----- The following addresses had delivery problems -----
 *   kijitora@biglobe.ne.jp
 *      ----- Non-delivered information -----
 *   The number of messages in recipient's mailbox exceeded the local limit.
 */
#define G_LOG_DOMAIN "bd-scan-biglobe"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "Content-Type: message/rfc822",
  NULL
};

static const BdScanWords biglobe_messages[] = {
  { "The number of messages in recipient's mailbox exceeded the local limit", BD_REASON_MAILBOXFULL },
  { "The user's mailbox is full", BD_REASON_MAILBOXFULL },
  /* said of an address the recipient's filter refuses, not a missing one */
  { "Mail Delivery Failed... User unknown", BD_REASON_FILTERED },
};

gboolean
bd_scan_biglobe (const BdScanInput *input,
                 BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  g_autoptr(GString) info = NULL;
  int list, at;

  if (!bd_scan_body_has (input, "----- Non-delivered information -----"))
    return FALSE;

  info = g_string_new (NULL);   /* past the first checks, which most messages fail */
  lines = bd_scan_split_lines (input, stop_markers);
  list = bd_scan_find_line (lines, 0, "----- The following addresses had delivery problems -----");
  at = bd_scan_find_line (lines, 0, "----- Non-delivered information -----");
  if (list < 0 || at < list)
    return FALSE;
  for (int i = at + 1; lines[i] != NULL && !bd_scan_has_prefix (lines[i], "--"); i++)
    bd_scan_append_word (info, lines[i]);

  for (int i = list + 1; i < at; i++)
    {
      BdRecipient *r;

      if (!bd_scan_is_address (lines[i]))
        continue;
      r = bd_scan_add (bounce, lines[i], info->str);
      bd_scan_reason_from_words (r, biglobe_messages, G_N_ELEMENTS (biglobe_messages), FALSE);
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
