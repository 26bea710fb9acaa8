/* bd-export.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * BdBounce to the formats of the command-line contract (design.md): one
 * JSON object per message (every field present, null when absent) and CSV
 * rows, one per recipient.
 */
#pragma once

#include "bd-bounce.h"

G_BEGIN_DECLS

#define BD_EXPORT_CSV_HEADER "source,offset,kind,recipient,status,reply_code,reason,hard,diagnostic\n"

void  bd_export_json_append (GString        *out,
                             const BdBounce *bounce);
char *bd_export_json        (const BdBounce *bounce);
void  bd_export_csv_append  (GString        *out,
                             const BdBounce *bounce);
char *bd_export_summary     (const BdBounce *bounce);

G_END_DECLS
