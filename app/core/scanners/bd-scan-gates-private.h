/* bd-scan-gates-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first questions some scanners ask of a message (its From:, its
 * Subject:, phrases of its body) before reading it, asked in the order
 * that costs least. Here for test-scan-gates, which holds each to the
 * order it replaced.
 */
#pragma once

#include "bd-scanner.h"

G_BEGIN_DECLS

gboolean bd_scan_gate_exim         (const BdScanInput *input);
gboolean bd_scan_gate_sendmail     (const BdScanInput *input);
gboolean bd_scan_gate_yandex       (const BdScanInput *input);
gboolean bd_scan_gate_gmail        (const BdScanInput *input);
gboolean bd_scan_gate_googlegroups (const BdScanInput *input);
gboolean bd_scan_gate_mailru       (const BdScanInput *input);
gboolean bd_scan_gate_gmx          (const BdScanInput *input);
gboolean bd_scan_gate_ezweb        (const BdScanInput *input);
gboolean bd_scan_gate_ses_text     (const BdScanInput *input);
gboolean bd_scan_gate_opensmtpd    (const BdScanInput *input);
gboolean bd_scan_gate_v5sendmail   (const BdScanInput *input);

G_END_DECLS
