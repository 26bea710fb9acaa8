/* bd-scan-amazonworkmail.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Amazon WorkMail (X-Mailer or X-Original-Mailer: Amazon WorkMail, sent
 * through Amazon SES): "An error occurred while trying to deliver the mail
 * to the following recipients:" and a "Technical report:" that pastes the
 * delivery-status fields into the text.
 */
#define G_LOG_DOMAIN "bd-scan-amazonworkmail"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-util.h"

static gboolean
is_workmail (const BdScanInput *input)
{
  bd_scan_autofree char *mailer = bd_scan_header (input, "X-Original-Mailer");

  if (mailer == NULL)
    mailer = bd_scan_header (input, "X-Mailer");
  return mailer != NULL && strstr (mailer, "Amazon WorkMail") != NULL;
}

gboolean
bd_scan_amazonworkmail (const BdScanInput *input,
                        BdBounce          *bounce)
{
  const char *const stop[] = { "Content-Type: message/rfc822", NULL };
  bd_scan_autofree char **lines = NULL;
  int at;

  if (!bd_scan_body_has (input, "Technical report:") || !is_workmail (input))
    return FALSE;

  lines = bd_scan_split_lines (input, stop);
  at = bd_scan_find_line (lines, 0, "Technical report:");
  bd_scan_read_dsn_fields (lines, at + 1, bounce);
  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      BdRecipient *r = g_ptr_array_index (bounce->recipients, i);

      bd_scan_prefer_inner_reply (r);
      if (r->diagnostic != NULL && strstr (r->diagnostic, "Message expired") != NULL)
        bd_scan_set_reason (r, BD_REASON_EXPIRED, BD_EVIDENCE_STATED_BY_FORMAT, "Message expired");
      if (g_strcmp0 (r->action, "delayed") == 0)
        return bd_scan_finish (bounce, BD_KIND_DELAYED);
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
