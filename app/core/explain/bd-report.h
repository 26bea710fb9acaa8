/* bd-report.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A bounce's diagnosis as a report to copy or send to the IT person: plain
 * text or a self-contained HTML page, in the current language, with the
 * same texts as the app: both lay out bd_diagnosis_new()'s model.
 */
#pragma once

#include "bd-bounce.h"

G_BEGIN_DECLS

char *bd_report_to_text (const BdBounce *bounce);
char *bd_report_to_html (const BdBounce *bounce);
char *bd_report_describe_evidence (const BdRecipient *recipient);

G_END_DECLS
