/* bd-scan-sendgrid.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SendGrid ("This is an automatically generated message from SendGrid."):
 * one line per recipient, fields separated by " : ",
 *
 *   user:000000:<kijitora@example.jp> : 192.0.2.250 : mx.example.jp:[192.0.2.153] : 550 5.1.1 … in RCPT TO
 *
 * SendGrid attaches a delivery report too, read first by the decoder.
 */
#define G_LOG_DOMAIN "bd-scan-sendgrid"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-util.h"

gboolean
bd_scan_sendgrid (const BdScanInput *input,
                  BdBounce          *bounce)
{
  const char *const stop[] = { "Content-Type: message/delivery-status", NULL };
  bd_scan_autofree char **lines = NULL;

  if (!bd_scan_body_has (input, "This is an automatically generated message from SendGrid"))
    return FALSE;

  lines = bd_scan_split_lines (input, stop);
  for (int i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      guint n;
      BdRecipient *r;
      const char *last;

      if (strstr (lines[i], " : ") == NULL || strchr (lines[i], '@') == NULL)
        continue;
      fields = g_strsplit (lines[i], " : ", 5);
      n = g_strv_length (fields);
      if (n < 2 || strchr (fields[0], '<') == NULL)
        continue;
      last = fields[n - 1];
      r = bd_scan_add (bounce, strchr (fields[0], '<'), last);
      if (n >= 4)
        r->remote_mta = g_strndup (fields[2], strcspn (fields[2], ":["));
      /* "… in RCPT TO", "… in DATA" */
      if (g_strrstr (last, " in ") != NULL)
        bd_scan_set_command (r, g_strrstr (last, " in ") + 4);
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
