/* bd-scan-fml.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fml, the Japanese mailing-list manager (X-MLServer: fml …), refusing a
 * post: "You are not a member of this mailing list <list@example.org>.",
 * "Duplicated Message-ID in <list@example.org>." (a loop) and the like.
 * The refused address is the list's.
 */
#define G_LOG_DOMAIN "bd-scan-fml"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-gate.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "Original mail as follows:",
  NULL
};

/* fml's own sentences, which state the reason. */
static const struct
{
  const char *text;
  BdReason    reason;
} fml_messages[] = {
  { "You are not a member of this mailing list", BD_REASON_REJECTED },
  { "NOT MEMBER article from ", BD_REASON_REJECTED },
  { "reject mail from ", BD_REASON_REJECTED },
  { "Spam mail from a spammer is rejected", BD_REASON_REJECTED },
  { "Duplicated Message-ID", BD_REASON_SYSTEMERROR },
  { "has detected a loop condition", BD_REASON_SYSTEMERROR },
  { "Loop Back Warning:", BD_REASON_SYSTEMERROR },
  { "Security alert:", BD_REASON_SECURITYERROR },
};

gboolean
bd_scan_fml (const BdScanInput *input,
             BdBounce          *bounce)
{
  bd_scan_autofree char *server = NULL;
  bd_scan_autofree char **lines = NULL;

  /* most bounces have no such field: asked of the memo first */
  if (!bd_scan_gate_has_field (input, BD_SCAN_MEMO_HAS_X_MLSERVER)
      || (server = bd_scan_header (input, "X-MLServer")) == NULL || !bd_scan_has_prefix (server, "fml "))
    return FALSE;

  lines = bd_scan_split_lines (input, stop_markers);
  for (int i = 0; lines[i] != NULL; i++)
    {
      for (guint m = 0; m < G_N_ELEMENTS (fml_messages); m++)
        {
          BdRecipient *r;

          if (strstr (lines[i], fml_messages[m].text) == NULL || strchr (lines[i], '@') == NULL)
            continue;
          r = bd_scan_add (bounce, strchr (lines[i], '<') != NULL ? strchr (lines[i], '<') : lines[i], lines[i]);
          bd_scan_set_reason (r, fml_messages[m].reason, BD_EVIDENCE_STATED_BY_FORMAT, fml_messages[m].text);
          return bd_scan_finish (bounce, BD_KIND_BOUNCE);
        }
    }
  return FALSE;
}
