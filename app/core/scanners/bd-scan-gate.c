/* bd-scan-gate.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * First questions that several of the scanners' answers share, asked
 * in one pass where they were asked one by one (bd-scan-gate.h).
 */
#define G_LOG_DOMAIN "bd-scan-gate"

#include "config.h"

#include <string.h>

#include "bd-scan-gate.h"

/**
 * bd_scan_gate_collapse_prose:
 * @stop_marker: the text that starts the quoted original message
 *
 * Returns: (transfer full): bd_scan_join_lines () of all of
 *   bd_scan_split_lines (@input, { @stop_marker, NULL }): the body up to
 *   @stop_marker on one line, collapsed at once: the lines were cut,
 *   trimmed and joined only to be collapsed.
 */
char *
bd_scan_gate_collapse_prose (const BdScanInput *input,
                             const char        *stop_marker)
{
  const char *stop = bd_scan_body_find (input, stop_marker);
  g_autofree char *text = NULL;

  /* a line of the split ends at the stop or at the first NUL, as the
   * body's strlen () does */
  if (stop == NULL)
    return bd_scan_collapse (input->body);
  text = g_strndup (input->body, stop - input->body);
  return bd_scan_collapse (text);
}
