/* bd-scan-lines.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bd-scanner.h"

G_BEGIN_DECLS

int bd_scan_lines_find_all (const BdScanInput *input,
                            char             **lines,
                            const char        *needle,
                            GArray            *found);
int bd_scan_lines_find     (const BdScanInput *input,
                            char             **lines,
                            const char        *needle);

G_END_DECLS
