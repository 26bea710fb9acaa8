/* bd-scan-guess-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layouts the last resort (bd-scan-guess.c) reads besides addresses
 * near sentences of failure: a mailer's bare user names, delivery-status
 * fields pasted into the text, a report whose body was lost
 * (bd-scan-guess-layouts.c).
 */
#pragma once

#include "bd-scanner.h"

G_BEGIN_DECLS

gboolean  bd_scan_guess_is_dsn_field        (const char        *line);
char     *bd_scan_guess_mailer_domain       (const BdScanInput *input);
char     *bd_scan_guess_bare_name           (char             **lines,
                                             const gboolean    *failing,
                                             int                at,
                                             const char        *domain);
gboolean  bd_scan_guess_read_pasted_fields  (char             **lines,
                                             const char        *notice,
                                             BdBounce          *bounce);
gboolean  bd_scan_guess_add_unnamed         (const BdScanInput *input,
                                             BdBounce          *bounce);

G_END_DECLS
