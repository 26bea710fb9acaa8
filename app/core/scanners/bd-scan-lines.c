/* bd-scan-lines.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lines of a scanner's body (bd_scan_split_lines()) that hold a
 * phrase, found by one search of the body rather than a search of each
 * line.
 */
#include "config.h"

#include <string.h>

#include "bd-scan-lines.h"
#include "bd-scan-util.h"
#include "bd-text.h"

/**
 * bd_scan_lines_find_all:
 * @lines: bd_scan_split_lines() of @input (any stop markers)
 * @needle: looked for without case
 * @found: (nullable): where the indices of all the lines holding @needle
 *   go, ascending
 *
 * bd_scan_find_line (@lines, 0, @needle), and with @found all the lines
 * it would find in turn, by searching @input's body once instead of each
 * line in a call of its own: a line is the text between two line feeds
 * of the body (the last one allowed holds the rest), trimmed, so every
 * line holding @needle is where the body holds it. Each place found in
 * the body is only a candidate, asked of its line as bd_scan_find_line()
 * asks it (the trimmed blanks, a stop marker or a NUL may cut it off).
 *
 * Returns: the first line holding @needle, or -1.
 */
int
bd_scan_lines_find_all (const BdScanInput *input,
                        char             **lines,
                        const char        *needle,
                        GArray            *found)
{
  gsize needle_len = strlen (needle);
  /* the lines end at the body's first NUL: an input made by hand whose
   * length stops short of it is searched to it */
  gsize body_len = input->body[input->body_len] == '\0' ? input->body_len : strlen (input->body);
  const char *end = input->body + body_len;
  const char *counted = input->body;
  guint feeds = 0;
  guint n_lines = 0;   /* counted at the first place found: most needles are not there */
  int first = -1;

  g_return_val_if_fail (needle_len > 0, -1);

  for (const char *hit = bd_text_find_ci_len (input->body, body_len, needle, needle_len);
       hit != NULL;
       hit = bd_text_find_ci_len (hit + 1, end - hit - 1, needle, needle_len))
    {
      guint line;

      if (n_lines == 0 && (n_lines = g_strv_length (lines)) == 0)
        break;

      for (const char *feed; (feed = memchr (counted, '\n', hit - counted)) != NULL; counted = feed + 1)
        feeds++;
      counted = hit;
      line = MIN (feeds, n_lines - 1);
      if (line == (guint)first || (found != NULL && found->len > 0 && line == g_array_index (found, guint, found->len - 1)))
        continue;
      if (bd_scan_find_line (lines + line, 0, needle) == 0)
        {
          if (first < 0)
            first = (int)line;
          if (found == NULL)
            return first;
          g_array_append_val (found, line);
        }
      /* the last line holds every place after it */
      if (line == n_lines - 1)
        break;
    }
  return first;
}

/**
 * bd_scan_lines_find:
 *
 * Returns: bd_scan_find_line (@lines, 0, @needle) for the lines split
 *   from @input's body (bd_scan_lines_find_all()).
 */
int
bd_scan_lines_find (const BdScanInput *input,
                    char             **lines,
                    const char        *needle)
{
  return bd_scan_lines_find_all (input, lines, needle, NULL);
}
