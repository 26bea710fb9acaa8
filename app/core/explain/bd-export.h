/* bd-export.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * BdBounce to the formats of the command-line contract (app/DESIGN.md): one
 * JSON object per message (every field present, null when absent) and CSV
 * rows, one per recipient.
 */
#pragma once

#include <gio/gio.h>

#include "bd-bounce.h"

G_BEGIN_DECLS

#define BD_EXPORT_CSV_HEADER "source,offset,kind,recipient,status,reply_code,reason,hard,diagnostic\n"

void  bd_export_json_append (GString        *out,
                             const BdBounce *bounce);
char *bd_export_json        (const BdBounce *bounce);
void  bd_export_csv_append  (GString        *out,
                             const BdBounce *bounce);
char *bd_export_summary     (const BdBounce *bounce);

/* The "failed recipients" CSV of a mailbox scan (bd-export-recipients.c):
 * address,reason,status,hard,date,diagnostic — one row per recipient that
 * failed; with @hard_only_unique only hard failures, each address once
 * (compared case-insensitively): the addresses to remove from a list. */
char     *bd_export_csv_header                (void);
void      bd_export_failed_recipients_append  (GString        *out,
                                               const BdBounce *bounce,
                                               gboolean        hard_only,
                                               GHashTable     *seen);
gboolean  bd_export_failed_recipients_csv     (GPtrArray      *bounces,
                                               gboolean        hard_only_unique,
                                               GOutputStream  *out,
                                               GCancellable   *cancellable,
                                               GError        **error);

void      bd_export_append_csv_field         (GString        *out,
                                              const char     *s);

G_END_DECLS
