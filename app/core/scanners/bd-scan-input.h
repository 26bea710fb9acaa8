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

/* Nesting deeper than this is not walked (bd-decoder.h lists the limits). */
#define BD_SCAN_MAX_DEPTH 32

void   bd_scan_input_init       (BdScanInput      *input,
                                 const BdMimePart *message,
                                 const BdMimePart *original);
void   bd_scan_input_clear      (BdScanInput  *input);

char  *bd_scan_input_part_text  (const BdMimePart *part,
                                 gsize            *len);
char  *bd_scan_input_part_text_hinted (const BdMimePart *part,
                                       const char       *fallback,
                                       gsize            *len);
char  *bd_scan_input_strip_html (const char   *html,
                                 gsize         len,
                                 gsize        *out_len);
char  *bd_scan_input_to_utf8    (const char   *text,
                                 gsize         len,
                                 const char   *charset,
                                 gsize        *out_len);

G_END_DECLS
