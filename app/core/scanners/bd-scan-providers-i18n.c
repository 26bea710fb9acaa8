/* bd-scan-providers-i18n.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Polish, Czech and German mail providers whose notices are written in
 * their users' language: Onet, Interia, WP, o2, home.pl, nazwa.pl, OVH,
 * Forpsi, Seznam.cz, T-Online, GMX and WEB.DE. Each is recognised by the
 * domain its notice comes from; the text is read by the localized reader,
 * so an English notice from the same provider goes on to the MTA
 * families. The name in the table is the provider's, which lets the
 * guidance add what that provider means by a code.
 */
#define G_LOG_DOMAIN "bd-scan-providers-i18n"

#include "config.h"

#include <string.h>

#include "bd-scan-i18n.h"
#include "bd-scan-util.h"

/* Whether the notice comes from @domains: its From: address, or the
 * Received: header its provider added first. */
static gboolean
comes_from (const BdScanInput  *input,
            const char * const *domains)
{
  g_autofree char *address = bd_scan_extract_address (input->from);
  const char *domain;

  if (address == NULL || (domain = strrchr (address, '@')) == NULL)
    return FALSE;
  domain++;

  for (guint i = 0; domains[i] != NULL; i++)
    {
      gsize len = strlen (domain), suffix = strlen (domains[i]);

      if (len >= suffix && g_ascii_strcasecmp (domain + len - suffix, domains[i]) == 0
          && (len == suffix || domain[len - suffix - 1] == '.'))
        return TRUE;
    }
  return FALSE;
}

#define PROVIDER_SCANNER(func, ...)                                     \
  gboolean                                                              \
  func (const BdScanInput *input,                                       \
        BdBounce          *bounce)                                      \
  {                                                                     \
    static const char * const domains[] = { __VA_ARGS__, NULL };        \
                                                                        \
    return comes_from (input, domains) && bd_scan_localized_read (input, bounce); \
  }

PROVIDER_SCANNER (bd_scan_onet, "onet.pl", "op.pl", "onet.eu", "vp.pl", "poczta.onet.pl")
PROVIDER_SCANNER (bd_scan_interia, "interia.pl", "interia.eu", "interia.com", "poczta.fm")
PROVIDER_SCANNER (bd_scan_wp, "wp.pl")
PROVIDER_SCANNER (bd_scan_o2, "o2.pl", "tlen.pl")
PROVIDER_SCANNER (bd_scan_homepl, "home.pl")
PROVIDER_SCANNER (bd_scan_nazwapl, "nazwa.pl")
PROVIDER_SCANNER (bd_scan_ovh, "ovh.net", "ovh.pl", "ovh.com", "ovh.cz")
PROVIDER_SCANNER (bd_scan_forpsi, "forpsi.com", "forpsi.net", "forpsi.pl", "forpsi.cz")
PROVIDER_SCANNER (bd_scan_seznam, "seznam.cz", "email.cz", "post.cz")
PROVIDER_SCANNER (bd_scan_tonline, "t-online.de")
PROVIDER_SCANNER (bd_scan_gmx, "gmx.net", "gmx.de", "gmx.at", "gmx.ch", "gmx.com")
PROVIDER_SCANNER (bd_scan_webde, "web.de")
