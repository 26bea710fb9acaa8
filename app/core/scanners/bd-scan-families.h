/* bd-scan-families.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What families built on the same MTA share. The scanners themselves are
 * declared from the one list, bd-scanner-list.h (through bd-scanner.h).
 */
#pragma once

#include "bd-scanner.h"

G_BEGIN_DECLS

/* Readers shared by families built on the same MTA. */
gboolean bd_scan_exim_read  (const BdScanInput *input,
                             BdBounce          *bounce);
gboolean bd_scan_qmail_read (const BdScanInput *input,
                             BdBounce          *bounce);
gboolean bd_scan_sendmail_read (const BdScanInput *input,
                                BdBounce          *bounce);
gboolean bd_scan_exchange_read (const BdScanInput *input,
                                BdBounce          *bounce);
gboolean bd_scan_postfix_read (const BdScanInput *input,
                               BdBounce          *bounce);

G_END_DECLS
