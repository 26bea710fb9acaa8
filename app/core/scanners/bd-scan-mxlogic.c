/* bd-scan-mxlogic.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * McAfee SaaS Email Protection, formerly MX Logic (relays named
 * mxl_mta): Exim's report with one line per address,
 *
 *     <kijitora@example.jp>: 550 5.1.1 <kijitora@example.jp>: User unknown
 *
 * then "Included is a copy of the message header:".
 */
#define G_LOG_DOMAIN "bd-scan-mxlogic"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-gate.h"
#include "bd-scan-util.h"

gboolean
bd_scan_mxlogic (const BdScanInput *input,
                 BdBounce          *bounce)
{
  if (!bd_scan_body_has (input, "Included is a copy of the message header:"))
    return FALSE;
  if (!bd_scan_body_has (input, "(mxl_mta-") && !bd_scan_gate_from_has (input, ".mxlogic.")
      && !bd_scan_gate_from_has (input, ".mxl"))
    return FALSE;

  if (!bd_scan_exim_read (input, bounce))
    return FALSE;
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
