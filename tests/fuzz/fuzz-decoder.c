/* fuzz-decoder.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One message from bytes, as the CLI and the app read it: decoded, then
 * written out the ways a user sees it (JSON, CSV, text and HTML report).
 */
#include "config.h"

#include "fuzz-common.h"
#include "bd-decoder.h"
#include "bd-export.h"
#include "bd-report.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(BdBounce) bounce = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *html = NULL;

  fuzz_init_once ();
  bounce = bd_decoder_decode_bytes ((const char *)data, size, "fuzz", 0);
  bd_export_json_append (out, bounce);
  bd_export_csv_append (out, bounce);
  text = bd_report_to_text (bounce);
  html = bd_report_to_html (bounce);
  return 0;
}
