/* bd-scan-codes.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pulling the machine-meaningful bits out of a server's words: addresses,
 * host names, enhanced status codes (RFC 3463) and SMTP reply codes
 * (bd-scan-codes.c).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BD_SCAN_STATUS_MAX 16

char        *bd_scan_extract_address   (const char  *text);
gboolean     bd_scan_is_address        (const char  *text);
gboolean     bd_scan_find_status       (const char  *text,
                                        char         status[BD_SCAN_STATUS_MAX]);
guint        bd_scan_find_reply_code   (const char  *text);
char        *bd_scan_host_in           (const char  *text);

G_END_DECLS
