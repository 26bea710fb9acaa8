/* bd-scan-domino.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * IBM/HCL Domino (Subject "DELIVERY FAILURE: …"):
 *
 *   Your message
 *     Subject: Test
 *   was not delivered to:
 *     kijitora@example.jp
 *   because:
 *     User some.name (kijitora@example.jp) not listed in Domino Directory
 */
#define G_LOG_DOMAIN "bd-scan-domino"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "Content-Type: message/rfc822",
  NULL
};

/* Domino's own sentences, which state the reason. */
static const struct
{
  const char *text;
  BdReason    reason;
} domino_messages[] = {
  { "not listed in Domino Directory", BD_REASON_USERUNKNOWN },
  { "not listed in public Name & Address Book", BD_REASON_USERUNKNOWN },
  { "no such user", BD_REASON_USERUNKNOWN },
  { "Your message exceeds the", BD_REASON_MESGTOOBIG },
  { "maximum hop count", BD_REASON_NETWORKERROR },
};

gboolean
bd_scan_domino (const BdScanInput *input,
                BdBounce          *bounce)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) because = g_string_new (NULL);
  int to, why;

  if (strstr (input->body, "was not delivered to:") == NULL || strstr (input->body, "because:") == NULL)
    return FALSE;
  if (!bd_scan_subject_has (input, "DELIVERY FAILURE") && !bd_scan_subject_has (input, "DELIVERY REPORT"))
    return FALSE;

  lines = bd_scan_split_lines (input, stop_markers);
  to = bd_scan_find_line (lines, 0, "was not delivered to:");
  why = bd_scan_find_line (lines, to, "because:");
  if (to < 0 || why < 0)
    return FALSE;
  for (int i = why + 1; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0' && because->len == 0)
        continue;
      if (lines[i][0] != ' ' && lines[i][0] != '\t')
        break;
      g_string_append_printf (because, "%s ", lines[i]);
    }

  for (int i = to + 1; i < why; i++)
    {
      BdRecipient *r;

      if (!bd_scan_is_address (lines[i]))
        continue;
      r = bd_scan_add (bounce, lines[i], because->str);
      for (guint m = 0; r->diagnostic != NULL && m < G_N_ELEMENTS (domino_messages); m++)
        {
          if (bd_scan_strcasestr (r->diagnostic, domino_messages[m].text) != NULL)
            {
              bd_scan_set_reason (r, domino_messages[m].reason, domino_messages[m].text);
              break;
            }
        }
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
