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
void  bd_export_csv_append  (GString        *out,
                             const BdBounce *bounce);

/* The "failed recipients" CSV of a mailbox scan (bd-export-recipients.c):
 * address,reason,status,hard,date,diagnostic — one row per recipient that
 * failed; with @hard_only_unique only hard failures, each address once
 * (compared case-insensitively): the addresses to remove from a list. */
#define BD_EXPORT_RECIPIENTS_HEADER "address,reason,status,hard,date,diagnostic\n"

char     *bd_export_csv_header                (void);
gboolean  bd_export_recipient_failed          (const BdBounce    *bounce,
                                               const BdRecipient *r);
void      bd_export_recipient_row_append      (GString           *out,
                                               const BdBounce    *bounce,
                                               const BdRecipient *r);
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

/* The mailbox table's rows (bd-export-sheet.c): the scripts' format above,
 * or one a spreadsheet opens right in the user's language (UTF-8 BOM, the
 * locale's separator, CRLF, translated columns and labels, local dates). */
typedef enum
{
  BD_CSV_FOR_SCRIPTS,
  BD_CSV_FOR_SPREADSHEETS,
} BdCsvStyle;

typedef struct
{
  const BdBounce *bounce;
  guint           index;   /* of the recipient */
} BdExportRow;

char      bd_export_sheet_separator          (void);
gboolean  bd_export_rows_csv                 (const BdExportRow  *rows,
                                              guint               n_rows,
                                              BdCsvStyle          style,
                                              gboolean            hard_only_unique,
                                              GOutputStream      *out,
                                              GCancellable       *cancellable,
                                              GError            **error);

G_END_DECLS
