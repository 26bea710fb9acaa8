/* bd-scan-families.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scanner of each mail-server family (one bd-scan-<family>.c each),
 * listed for the table in bd-scanners.c. Add one line per new scanner.
 */
#pragma once

#include "bd-scanner.h"

G_BEGIN_DECLS

#define BD_DECLARE_SCANNER(family) \
  gboolean bd_scan_##family (const BdScanInput *input, BdBounce *bounce)

BD_DECLARE_SCANNER (exim);
BD_DECLARE_SCANNER (gmail);
BD_DECLARE_SCANNER (qmail);
BD_DECLARE_SCANNER (dragonfly);
BD_DECLARE_SCANNER (mailru);
BD_DECLARE_SCANNER (yahoo);
BD_DECLARE_SCANNER (googlegroups);
BD_DECLARE_SCANNER (v5sendmail);
BD_DECLARE_SCANNER (sendmail);
BD_DECLARE_SCANNER (amazonworkmail);
BD_DECLARE_SCANNER (ezweb);
BD_DECLARE_SCANNER (opensmtpd);
BD_DECLARE_SCANNER (exchange2003);
BD_DECLARE_SCANNER (gmx_en);
BD_DECLARE_SCANNER (imailserver);
BD_DECLARE_SCANNER (zoho);
BD_DECLARE_SCANNER (mfilter);
BD_DECLARE_SCANNER (fml);
BD_DECLARE_SCANNER (kddi);
BD_DECLARE_SCANNER (notes);
BD_DECLARE_SCANNER (interscanmss);
BD_DECLARE_SCANNER (x6);
BD_DECLARE_SCANNER (smail);
BD_DECLARE_SCANNER (apachejames);
BD_DECLARE_SCANNER (biglobe);
BD_DECLARE_SCANNER (domino);
BD_DECLARE_SCANNER (einsundeins);
BD_DECLARE_SCANNER (mailmarshal);
BD_DECLARE_SCANNER (verizon);
BD_DECLARE_SCANNER (postfix);
BD_DECLARE_SCANNER (office365);
BD_DECLARE_SCANNER (exchange2007);
BD_DECLARE_SCANNER (amazonses);
BD_DECLARE_SCANNER (courier);
BD_DECLARE_SCANNER (x3);
BD_DECLARE_SCANNER (x1);
BD_DECLARE_SCANNER (mcafee);
BD_DECLARE_SCANNER (barracuda);
BD_DECLARE_SCANNER (mimecast);
BD_DECLARE_SCANNER (sendgrid);
BD_DECLARE_SCANNER (powermta);
BD_DECLARE_SCANNER (messagingserver);
BD_DECLARE_SCANNER (outlook);
BD_DECLARE_SCANNER (surfcontrol);
BD_DECLARE_SCANNER (yandex);
BD_DECLARE_SCANNER (amavis);
BD_DECLARE_SCANNER (mxlogic);

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
