/* bd-scanners.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one table of prose scanners, tried in this order. Put specific
 * formats (a provider's own wording) before the generic MTA families whose
 * phrases they may also contain.
 */
#define G_LOG_DOMAIN "bd-scanners"

#include "config.h"

#include "bd-scan-families.h"

/* One line per family. The first lines test cheap, specific markers
 * (a provider's From: or Subject:); generic MTAs come last. */
static const BdScanner scanners[] = {
  /* Providers */
  { "gmail", bd_scan_gmail },
  { "gmx", bd_scan_gmx_en },
  { "mailru", bd_scan_mailru },
  { "yahoo", bd_scan_yahoo },
  { "googlegroups", bd_scan_googlegroups },
  { "amazonworkmail", bd_scan_amazonworkmail },
  { "ezweb", bd_scan_ezweb },
  /* MTAs */
  { "exim", bd_scan_exim },
  { "qmail", bd_scan_qmail },
  { "dragonfly", bd_scan_dragonfly },
  { "v5sendmail", bd_scan_v5sendmail },
  { "sendmail", bd_scan_sendmail },
  { "opensmtpd", bd_scan_opensmtpd },
  { "exchange2003", bd_scan_exchange2003 },
  { NULL, NULL },
};

/**
 * bd_scanners_get:
 * @n_scanners: (out): how many entries the table has
 *
 * Returns: (transfer none) (array length=n_scanners): the scanner table.
 */
const BdScanner *
bd_scanners_get (guint *n_scanners)
{
  g_return_val_if_fail (n_scanners != NULL, NULL);

  *n_scanners = G_N_ELEMENTS (scanners) - 1;
  return scanners;
}
