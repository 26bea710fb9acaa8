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

/* A reason is a sentence or two; more is not Notes' text. */
#define MAX_REASONS 2000

static const char *const stop_markers[] = {
  "------- Returned Message --------",
  NULL
};

static const BdScanWords notes_messages[] = {
  { "User not listed in public Name & Address Book", BD_REASON_USERUNKNOWN },
  { "ディレクトリのリストにありません", BD_REASON_USERUNKNOWN },   /* "not in the directory's list" */
  { "Message has exceeded maximum hop count", BD_REASON_NETWORKERROR },
};

static void
set_notes_reason (BdRecipient *r)
{
  bd_scan_reason_from_words (r, notes_messages, G_N_ELEMENTS (notes_messages), FALSE);
}

/* Some reports give the reason alone, without the address: the returned
 * message's "To:" names the recipient then. */
static void
add_from_returned (const BdScanInput *input,
                   BdBounce          *bounce,
                   const char        *reasons)
{
  const char *returned = bd_scan_body_find (input, "------- Returned Message --------");
  const char *to, *end;
  bd_scan_autofree char *line = NULL;
  bd_scan_autofree char *header = NULL;

  if (returned == NULL || (returned = strchr (returned, '\n')) == NULL)
    return;
  /* only the returned message's header block: its text is someone's */
  returned += strspn (returned, "\n");
  end = strstr (returned, "\n\n");
  header = end != NULL ? g_strndup (returned - 1, end - returned + 1) : g_strdup (returned - 1);
  to = strstr (header, "\nTo:");
  if (to == NULL)
    return;
  to += strlen ("\nTo:");
  line = g_strndup (to, strcspn (to, "\r\n"));
  if (bd_scan_is_address (line))
    set_notes_reason (bd_scan_add (bounce, line, reasons));
}

gboolean
bd_scan_notes (const BdScanInput *input,
               BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  g_autoptr(GString) reasons = NULL;
  int at;

  /* the number of spaces before the dashes varies between versions */
  if (!bd_scan_body_has (input, "------- Failure Reasons "))
    return FALSE;

  reasons = g_string_new (NULL);   /* past the first checks, which most messages fail */
  lines = bd_scan_split_lines (input, stop_markers);
  at = bd_scan_find_line (lines, 0, "------- Failure Reasons ");
  /* past the lines read, or after the returned message's marker */
  if (at < 0)
    return FALSE;
  for (int i = at + 1; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0')
        continue;
      if (!bd_scan_is_address (lines[i]))
        {
          if (reasons->len < MAX_REASONS)
            {
              g_string_append_len (reasons, lines[i], strnlen (lines[i], MAX_REASONS - reasons->len));
              g_string_append_c (reasons, ' ');
            }
          continue;
        }
      set_notes_reason (bd_scan_add (bounce, lines[i], reasons->str));
      g_string_truncate (reasons, 0);
    }
  if (bounce->recipients->len == 0)
    add_from_returned (input, bounce, reasons->str);
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
