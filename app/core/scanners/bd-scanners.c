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
#include "bd-scan-i18n.h"

/* One line per family. The first lines test cheap, specific markers
 * (a provider's From: or Subject:); generic MTAs come last. */
static const BdScanner scanners[] = {
  /* Providers */
  { "onet", bd_scan_onet },
  { "interia", bd_scan_interia },
  { "wp", bd_scan_wp },
  { "o2", bd_scan_o2 },
  { "homepl", bd_scan_homepl },
  { "nazwapl", bd_scan_nazwapl },
  { "ovh", bd_scan_ovh },
  { "forpsi", bd_scan_forpsi },
  { "seznam", bd_scan_seznam },
  { "tonline", bd_scan_tonline },
  { "gmx", bd_scan_gmx },
  { "webde", bd_scan_webde },
  { "zoho", bd_scan_zoho },
  { "mfilter", bd_scan_mfilter },
  { "fml", bd_scan_fml },
  { "kddi", bd_scan_kddi },
  { "einsundeins", bd_scan_einsundeins },
  { "office365", bd_scan_office365 },
  { "amazonses", bd_scan_amazonses },
  { "yandex", bd_scan_yandex },
  { "mxlogic", bd_scan_mxlogic },
  /* Localized templates of Exchange, qmail and Postfix (bd-scan-i18n.h) */
  { "office365", bd_scan_office365_i18n },
  { "exchange2007", bd_scan_exchange_i18n },
  { "qmail", bd_scan_qmail_pl },
  { "postfix", bd_scan_postfix_i18n },
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
  { "imailserver", bd_scan_imailserver },
  { "notes", bd_scan_notes },
  { "interscanmss", bd_scan_interscanmss },
  { "x6", bd_scan_x6 },
  { "apachejames", bd_scan_apachejames },
  { "smail", bd_scan_smail },
  { "biglobe", bd_scan_biglobe },
  { "domino", bd_scan_domino },
  { "mailmarshal", bd_scan_mailmarshal },
  { "verizon", bd_scan_verizon },
  { "postfix", bd_scan_postfix },
  { "exchange2007", bd_scan_exchange2007 },
  { "courier", bd_scan_courier },
  { "x3", bd_scan_x3 },
  { "x1", bd_scan_x1 },
  { "mcafee", bd_scan_mcafee },
  { "barracuda", bd_scan_barracuda },
  { "mimecast", bd_scan_mimecast },
  { "sendgrid", bd_scan_sendgrid },
  { "powermta", bd_scan_powermta },
  { "messagingserver", bd_scan_messagingserver },
  { "outlook", bd_scan_outlook },
  { "surfcontrol", bd_scan_surfcontrol },
  { "amavis", bd_scan_amavis },
  /* Last: Polish, German or Czech prose no family claimed */
  { "localized", bd_scan_localized },
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
