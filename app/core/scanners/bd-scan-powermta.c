/* bd-scan-powermta.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PowerMTA ("Hello, this is the mail server on host."):
 *
 *     <kijitora@example.jp>  delivery failed; will not continue trying
 *
 * The server's reply is only in the attached delivery report, which the
 * decoder reads first.
 */
#define G_LOG_DOMAIN "bd-scan-powermta"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-util.h"

gboolean
bd_scan_powermta (const BdScanInput *input,
                  BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  gboolean delayed = TRUE;

  if (!bd_scan_body_has (input, "Hello, this is the mail server on ")
      || !bd_scan_body_has (input, "list of"))
    return FALSE;

  lines = bd_scan_split_lines (input, NULL);
  for (int i = 0; lines[i] != NULL; i++)
    {
      const char *text = lines[i] + strspn (lines[i], " ");
      const char *close = strchr (text, '>');

      if (text == lines[i] || text[0] != '<' || close == NULL || strchr (text, '@') == NULL)
        continue;
      bd_scan_add (bounce, text, close + 1);
      delayed &= strstr (close, "will continue trying") != NULL;
    }
  return bd_scan_finish (bounce, delayed ? BD_KIND_DELAYED : BD_KIND_BOUNCE);
}
