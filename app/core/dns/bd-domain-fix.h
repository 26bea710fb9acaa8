/* bd-domain-fix.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fix, ready to send: the records a domain check says to publish
 * (one per name and type, every fix applied) and a short message in the
 * user's language for the hosting company or IT, listing what is wrong
 * and those exact records. The app and `check-domain --fix` show the same.
 */
#pragma once

#include "bd-domain-check.h"

G_BEGIN_DECLS

/* The records to publish (BdFixRecord, borrowed from @report's findings):
 * for each name and type the last finding's record, which carries the fixes
 * of the ones before it. Empty when nothing needs publishing. */
GPtrArray *bd_domain_fix_records (const BdDomainReport *report);

/* One record as a person reads it: "Name: …\nType: TXT\nValue: …". */
char      *bd_fix_record_to_text (const BdFixRecord *record);

/* The message for the hosting company; NULL when nothing is wrong. */
char      *bd_domain_fix_message (const BdDomainReport *report);

G_END_DECLS
