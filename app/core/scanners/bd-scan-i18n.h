/* bd-scan-i18n.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scanners for bounces written in Polish, German and Czech: the Polish
 * qmail template, localized Exchange / Microsoft 365 reports, translated
 * Postfix templates and the providers' own texts. Many of them come
 * without a machine-readable part, so the prose decides.
 */
#pragma once

#include "bd-scanner.h"

G_BEGIN_DECLS

gboolean bd_scan_qmail_pl        (const BdScanInput *input, BdBounce *bounce);
gboolean bd_scan_office365_i18n  (const BdScanInput *input, BdBounce *bounce);
gboolean bd_scan_exchange_i18n   (const BdScanInput *input, BdBounce *bounce);
gboolean bd_scan_postfix_i18n    (const BdScanInput *input, BdBounce *bounce);
gboolean bd_scan_localized       (const BdScanInput *input, BdBounce *bounce);

/* Providers recognised by their own domain, read as localized prose. */
gboolean bd_scan_onet            (const BdScanInput *input, BdBounce *bounce);
gboolean bd_scan_interia         (const BdScanInput *input, BdBounce *bounce);
gboolean bd_scan_wp              (const BdScanInput *input, BdBounce *bounce);
gboolean bd_scan_o2              (const BdScanInput *input, BdBounce *bounce);
gboolean bd_scan_homepl          (const BdScanInput *input, BdBounce *bounce);
gboolean bd_scan_nazwapl         (const BdScanInput *input, BdBounce *bounce);
gboolean bd_scan_ovh             (const BdScanInput *input, BdBounce *bounce);
gboolean bd_scan_forpsi          (const BdScanInput *input, BdBounce *bounce);
gboolean bd_scan_seznam          (const BdScanInput *input, BdBounce *bounce);
gboolean bd_scan_tonline         (const BdScanInput *input, BdBounce *bounce);
gboolean bd_scan_gmx             (const BdScanInput *input, BdBounce *bounce);
gboolean bd_scan_webde           (const BdScanInput *input, BdBounce *bounce);

/* The shared reader of localized prose (bd-scan-localized.c): every
 * address named before the quoted original, with the lines that explain
 * it. Returns FALSE unless the text says, in one of our languages, that a
 * message was not delivered. */
gboolean bd_scan_localized_read  (const BdScanInput *input,
                                  BdBounce          *bounce);
gboolean bd_scan_localized_is_bounce (const BdScanInput *input);

G_END_DECLS
