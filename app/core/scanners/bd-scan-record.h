/* bd-scan-record.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adding what a scanner read to the result: recipients with their reply,
 * status and reply code, the refused command, the reason a format states
 * itself, and DSN fields that some formats paste into their text
 * (bd-scan-record.c).
 */
#pragma once

#include "bd-bounce.h"
#include "bd-evidence.h"

G_BEGIN_DECLS

BdRecipient *bd_scan_add               (BdBounce    *bounce,
                                        const char  *address,
                                        const char  *diagnostic);
const char  *bd_scan_command_name      (const char  *text);
void         bd_scan_set_command       (BdRecipient *recipient,
                                        const char  *text);
BdRecipient *bd_scan_find_recipient    (BdBounce    *bounce,
                                        const char  *address);
void         bd_scan_set_diagnostic    (BdRecipient *recipient,
                                        const char  *diagnostic);
void         bd_scan_set_reason        (BdRecipient    *recipient,
                                        BdReason        reason,
                                        BdEvidenceKind  kind,
                                        const char     *item);
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
