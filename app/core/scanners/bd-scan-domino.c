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
#include "bd-scan-gate.h"
#include "bd-scan-util.h"

/* The reason is a sentence or two; more is not Domino's text. */
#define MAX_BECAUSE 2000

static const char *const stop_markers[] = {
  "Content-Type: message/rfc822",
  NULL
};

/* Domino's own sentences, which state the reason; the server writes them
 * in its own language while the layout stays English. */
static const BdScanWords domino_messages[] = {
  { "not listed in Domino Directory", BD_REASON_USERUNKNOWN },
  { "not listed in public Name & Address Book", BD_REASON_USERUNKNOWN },
  { "non répertorié dans l'annuaire Domino", BD_REASON_USERUNKNOWN },
  { "Domino ディレクトリには見つかりません", BD_REASON_USERUNKNOWN },
  { "no such user", BD_REASON_USERUNKNOWN },
  { "Cannot route mail to user", BD_REASON_FILTERED },
  { "Several matches found in Domino Directory", BD_REASON_SYSTEMERROR },
  { "Your message exceeds the", BD_REASON_MESGTOOBIG },
  { "maximum hop count", BD_REASON_NETWORKERROR },
};

static gboolean
is_domino (const BdScanInput *input)
{
  if (!bd_scan_body_has (input, "was not delivered to:") || !bd_scan_body_has (input, "because:"))
    return FALSE;
  /* the mail gateway writes "DELIVERY_FAILURE:" when it encodes the subject */
  return bd_scan_gate_subject_has (input, "DELIVERY FAILURE") || bd_scan_gate_subject_has (input, "DELIVERY_FAILURE")
         || bd_scan_gate_subject_has (input, "DELIVERY REPORT");
}

static void
set_domino_reason (BdRecipient *r)
{
  bd_scan_reason_from_words (r, domino_messages, G_N_ELEMENTS (domino_messages), TRUE);
}

/* The indented lines under "because:", up to the next "was not delivered
 * to:" block, at most MAX_BECAUSE bytes of them. Sets @end to the line
 * where the block's text ended. */
static char *
read_because (char **lines,
              int    why,
              int   *end)
{
  g_autoptr(GString) because = g_string_new (NULL);
  int i;

  for (i = why + 1; lines[i] != NULL; i++)
    {
      gsize room;

      if (lines[i][0] == '\0' && because->len == 0)
        continue;
      if (lines[i][0] != ' ' && lines[i][0] != '\t')
        break;
      if (bd_text_strcasestr (lines[i], "was not delivered to:") != NULL)
        break;
      if (because->len >= MAX_BECAUSE)
        continue;
      room = MAX_BECAUSE - because->len;
      g_string_append_len (because, lines[i], strnlen (lines[i], room));
      g_string_append_c (because, ' ');
    }
  *end = i;
  return g_string_free (g_steal_pointer (&because), FALSE);
}

/* One "was not delivered to: … because: …" block; a message to several
 * recipients that fail for different causes repeats the block.
 * Returns the line after it, or -1 when there is none. */
static int
read_block (char     **lines,
            int        from,
            BdBounce  *bounce)
{
  int to = bd_scan_find_line (lines, from, "was not delivered to:");
  int why = to < 0 ? -1 : bd_scan_find_line (lines, to, "because:");
  bd_scan_autofree char *because = NULL;
  int end;

  if (why < 0)
    return -1;
  because = read_because (lines, why, &end);
  for (int i = to + 1; i < why; i++)
    {
      if (bd_scan_is_address (lines[i]))
        set_domino_reason (bd_scan_add (bounce, lines[i], because));
    }
  return lines[end] == NULL ? -1 : end;
}

gboolean
bd_scan_domino (const BdScanInput *input,
                BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;

  if (!is_domino (input))
    return FALSE;

  lines = bd_scan_split_lines (input, stop_markers);
  for (int at = 0; at >= 0; )
    at = read_block (lines, at, bounce);
  /* newer servers paste the delivery-status fields into the text */
  bd_scan_read_dsn_fields (lines, 0, bounce);
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
