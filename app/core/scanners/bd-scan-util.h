/* bd-scan-util.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small text helpers shared by the prose scanners: case-insensitive
 * searching, splitting the bounce text into lines up to the quoted original,
 * pulling an address, an enhanced status code ("5.1.1") or an SMTP reply
 * code (550) out of a server's reply, and adding recipient records.
 */
#pragma once

#include "bd-scanner.h"

G_BEGIN_DECLS

#define BD_SCAN_STATUS_MAX 16

/* g_utf8_strdown(), without its per-character Unicode walk when @text is
 * plain ASCII (nearly always: server replies). */
char        *bd_scan_strdown           (const char  *text,
                                        gssize       len);
const char  *bd_scan_strcasestr        (const char  *haystack,
                                        const char  *needle);
gboolean     bd_scan_has_prefix_ci     (const char  *text,
                                        const char  *prefix);
gboolean     bd_scan_contains_any      (const char  *text,
                                        const char  *const *needles);

gboolean     bd_scan_from_has          (const BdScanInput *input,
                                        const char  *needle);
gboolean     bd_scan_subject_has       (const BdScanInput *input,
                                        const char  *needle);
gboolean     bd_scan_body_has          (const BdScanInput *input,
                                        const char  *needle);
char        *bd_scan_header            (const BdScanInput *input,
                                        const char  *name);

char       **bd_scan_split_lines       (const BdScanInput *input,
                                        const char  *const *stop_markers);
int          bd_scan_find_line         (char       **lines,
                                        int          from,
                                        const char  *needle);

char        *bd_scan_extract_address   (const char  *text);
gboolean     bd_scan_is_address        (const char  *text);
gboolean     bd_scan_find_status       (const char  *text,
                                        char         status[BD_SCAN_STATUS_MAX]);
guint        bd_scan_find_reply_code   (const char  *text);
char        *bd_scan_collapse          (const char  *text);
char        *bd_scan_collapse_max      (const char  *text,
                                        gsize        max);
char        *bd_scan_join_lines        (char       **lines,
                                        int          from,
                                        int          to);
char        *bd_scan_host_in           (const char  *text);

BdRecipient *bd_scan_add               (BdBounce    *bounce,
                                        const char  *address,
                                        const char  *diagnostic);
const char  *bd_scan_command_name      (const char  *text);
void         bd_scan_set_command       (BdRecipient *recipient,
                                        const char  *text);
void         bd_scan_refused_early     (BdRecipient *recipient);
BdRecipient *bd_scan_find_recipient    (BdBounce    *bounce,
                                        const char  *address);
void         bd_scan_set_diagnostic    (BdRecipient *recipient,
                                        const char  *diagnostic);
void         bd_scan_set_reason        (BdRecipient *recipient,
                                        BdReason     reason,
                                        const char  *evidence);
void         bd_scan_prefer_inner_reply (BdRecipient *recipient);

/* A sentence a server writes and the reason it names: a scanner's table
 * for bd_scan_reason_from_words (). */
typedef struct
{
  const char *text;
  BdReason    reason;
} BdScanWords;

gboolean     bd_scan_reason_from_words (BdRecipient       *recipient,
                                        const BdScanWords *words,
                                        gsize              n_words,
                                        gboolean           ignore_case);
guint        bd_scan_read_dsn_fields   (char       **lines,
                                        int          from,
                                        BdBounce    *bounce);
gboolean     bd_scan_finish            (BdBounce    *bounce,
                                        BdKind       kind);

G_END_DECLS
