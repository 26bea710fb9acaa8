/* bd-scan-util.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a prose scanner uses: looking into its input (From:, Subject:, a
 * header, the body up to the quoted original, split into lines), and
 * collapsing a server's reply onto one line (bd-scan-util.c). It includes
 * the other helpers a scanner needs, so that a scanner includes one header:
 * bd-text.h (case-insensitive search), bd-scan-codes.h (addresses and
 * codes) and bd-scan-record.h (adding recipients).
 */
#pragma once

#include <string.h>

#include "bd-scanner.h"
#include "bd-scan-codes.h"
#include "bd-scan-record.h"
#include "bd-text.h"

G_BEGIN_DECLS

const char  *bd_scan_body_find_len     (const BdScanInput *input,
                                        const char  *needle,
                                        gsize        needle_len);
gboolean     bd_scan_from_has          (const BdScanInput *input,
                                        const char  *needle);
gboolean     bd_scan_from_null_sender  (const BdScanInput *input);
gboolean     bd_scan_subject_has       (const BdScanInput *input,
                                        const char  *needle);
char        *bd_scan_header            (const BdScanInput *input,
                                        const char  *name);
char        *bd_scan_original_to       (const BdScanInput *input);
void         bd_scan_add_addresses     (GPtrArray   *into,
                                        const char  *value);

char       **bd_scan_split_lines       (const BdScanInput *input,
                                        const char  *const *stop_markers);
int          bd_scan_find_line         (char       **lines,
                                        int          from,
                                        const char  *needle);

char        *bd_scan_collapse          (const char  *text);
char        *bd_scan_collapse_max      (const char  *text,
                                        gsize        max);
char        *bd_scan_join_lines        (char       **lines,
                                        int          from,
                                        int          to);

/* Where @needle first is in the body, as strstr() finds it (see
 * bd_scan_body_find_len()); inline, so that the length of a literal
 * needle is the compiler's work. */
static inline const char *
bd_scan_body_find (const BdScanInput *input,
                   const char        *needle)
{
  return bd_scan_body_find_len (input, needle, strlen (needle));
}

static inline gboolean
bd_scan_body_has (const BdScanInput *input,
                  const char        *needle)
{
  return bd_scan_body_find_len (input, needle, strlen (needle)) != NULL;
}

/* g_string_append_printf (@out, "%s ", @word), without the format read
 * and the text measured twice: the scanners join a reply's lines so. */
static inline void
bd_scan_append_word (GString    *out,
                     const char *word)
{
  g_string_append (out, word);
  g_string_append_c (out, ' ');
}

/* g_string_append_printf (@out, " %s", @word), likewise. */
static inline void
bd_scan_append_after_space (GString    *out,
                            const char *word)
{
  g_string_append_c (out, ' ');
  g_string_append (out, word);
}

G_END_DECLS
