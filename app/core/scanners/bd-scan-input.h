/* bd-scan-input.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds the BdScanInput every prose scanner reads (bd-scanner.h): the
 * bounce's From and Subject decoded to UTF-8, and its human-readable body:
 * the text/plain parts (or the text/html ones with the tags stripped)
 * decoded to UTF-8 with LF line ends, skipping the returned message and
 * the machine-readable report parts.
 */
#pragma once

#include "bd-scanner.h"

G_BEGIN_DECLS

void   bd_scan_input_init       (BdScanInput      *input,
                                 const BdMimePart *message,
                                 const BdMimePart *original);
void   bd_scan_input_clear      (BdScanInput  *input);
void   bd_scan_input_give_headers (BdScanInput *input,
                                   char       **from,
                                   char       **subject);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BdScanInput, bd_scan_input_clear)

G_END_DECLS
