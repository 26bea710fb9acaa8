/* bd-scan-sendmail-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sendmail scanner's line search, for its test.
 */
#pragma once

#include "bd-scanner.h"

G_BEGIN_DECLS

int bd_scan_sendmail_find_lines (const BdScanInput *input,
                                 char             **lines,
                                 guint              n_lines,
                                 const char        *needle,
                                 GArray            *found);

G_END_DECLS
