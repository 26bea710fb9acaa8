/* bd-scan-providers-i18n.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Polish, Czech and German mail providers whose notices are written in
 * their users' language: Onet, Interia, WP, o2, home.pl, nazwa.pl, OVH,
 * Forpsi, Seznam.cz, T-Online, GMX and WEB.DE. Each is recognised by the
 * domain its notice comes from (the provider registry, bd-provider.h);
 * the text is read by the localized reader, so an English notice from the
 * same provider goes on to the MTA families. The name in the table is the
 * provider's, which lets the guidance add what that provider means by a
 * code.
 */
#define G_LOG_DOMAIN "bd-scan-providers-i18n"

#include "config.h"

#include <string.h>

#include "bd-scan-gate.h"
#include "bd-scan-i18n.h"
#include "bd-provider.h"
#include "bd-scan-memo-private.h"
#include "bd-scan-util.h"

#define BIT(id) (1u << (id))

/* The twelve providers of this file (the table below). */
#define PROVIDERS (BIT (BD_PROVIDER_ONET) | BIT (BD_PROVIDER_INTERIA) | BIT (BD_PROVIDER_WP)      \
                   | BIT (BD_PROVIDER_O2) | BIT (BD_PROVIDER_HOMEPL) | BIT (BD_PROVIDER_NAZWAPL) \
                   | BIT (BD_PROVIDER_OVH) | BIT (BD_PROVIDER_FORPSI) | BIT (BD_PROVIDER_SEZNAM) \
                   | BIT (BD_PROVIDER_TONLINE) | BIT (BD_PROVIDER_GMX) | BIT (BD_PROVIDER_WEBDE))

/* Their names, made once for the process: the registry is constant. */
static const BdScanGateNames *
provider_names (void)
{
  static BdScanGateNames *names;

  if (g_once_init_enter (&names))
    g_once_init_leave (&names, bd_scan_gate_names_new (PROVIDERS));
  return names;
}

/* Whether the notice comes from @id's mail domains: its From: address's
 * providers, looked up once for the twelve scanners (bd-scan-memo.h).
 * Nearly every From: names none of the twelve, which its dots tell at
 * once (bd_scan_gate_from_may_name (), asked once a message too): the
 * address was cut out and looked up for every message. */
static gboolean
comes_from (const BdScanInput *input,
            BdProviderId       id)
{
  /* bd_scan_memo_get_answer (), read in place: eleven of the twelve
   * scanners find it told, and the call cost more than the question */
  BdScanMemoAnswer named = input->memo != NULL ? input->memo->answers[BD_SCAN_MEMO_FROM_NAMES_PROVIDER]
                                               : BD_SCAN_MEMO_UNKNOWN;

  if (named == BD_SCAN_MEMO_UNKNOWN)
    {
      gboolean yes = bd_scan_gate_from_may_name (input, provider_names ());

      bd_scan_memo_set_answer (input, BD_SCAN_MEMO_FROM_NAMES_PROVIDER, yes);
      named = yes ? BD_SCAN_MEMO_YES : BD_SCAN_MEMO_NO;
    }
  return named == BD_SCAN_MEMO_YES && (bd_scan_memo_from_providers (input) >> id & 1) != 0;
}

#define PROVIDER_SCANNER(func, id)                                      \
  gboolean                                                              \
  func (const BdScanInput *input,                                       \
        BdBounce          *bounce)                                      \
  {                                                                     \
    return comes_from (input, id) && bd_scan_localized_read (input, bounce); \
  }

PROVIDER_SCANNER (bd_scan_onet, BD_PROVIDER_ONET)
PROVIDER_SCANNER (bd_scan_interia, BD_PROVIDER_INTERIA)
PROVIDER_SCANNER (bd_scan_wp, BD_PROVIDER_WP)
PROVIDER_SCANNER (bd_scan_o2, BD_PROVIDER_O2)
PROVIDER_SCANNER (bd_scan_homepl, BD_PROVIDER_HOMEPL)
PROVIDER_SCANNER (bd_scan_nazwapl, BD_PROVIDER_NAZWAPL)
PROVIDER_SCANNER (bd_scan_ovh, BD_PROVIDER_OVH)
PROVIDER_SCANNER (bd_scan_forpsi, BD_PROVIDER_FORPSI)
PROVIDER_SCANNER (bd_scan_seznam, BD_PROVIDER_SEZNAM)
PROVIDER_SCANNER (bd_scan_tonline, BD_PROVIDER_TONLINE)
PROVIDER_SCANNER (bd_scan_gmx, BD_PROVIDER_GMX)
PROVIDER_SCANNER (bd_scan_webde, BD_PROVIDER_WEBDE)
