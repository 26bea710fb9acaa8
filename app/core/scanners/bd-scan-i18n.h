/* bd-scan-i18n.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scanners for bounces written in Polish, German and Czech: the Polish
 * qmail template, localized Exchange / Microsoft 365 reports, translated
 * Postfix templates and the providers' own texts. Many of them come
 * without a machine-readable part, so the prose decides. The scanners are
 * declared from the one list, bd-scanner-list.h; here is what they share.
 */
#pragma once

#include "bd-scanner.h"

G_BEGIN_DECLS

/* The shared reader of localized prose (bd-scan-localized.c): every
 * address named before the quoted original, with the lines that explain
 * it. Returns FALSE unless the text says, in one of our languages, that a
 * message was not delivered. */
gboolean bd_scan_localized_read  (const BdScanInput *input,
                                  BdBounce          *bounce);
gboolean bd_scan_localized_is_bounce (const BdScanInput *input);

G_END_DECLS
