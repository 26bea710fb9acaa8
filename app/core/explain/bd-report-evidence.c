/* bd-report-evidence.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Why this reason?": the evidence the classifier, the report readers and
 * the scanners recorded as data (bd-evidence.h), said as a sentence in the
 * user's language. The recorded English form stays in exports and JSON.
 */
#define G_LOG_DOMAIN "bd-report"

#include "config.h"

#include "bd-evidence.h"
#include "bd-report.h"

/**
 * bd_report_describe_evidence:
 * @recipient: a decoded recipient
 *
 * The one place the views, the report and the CLI get "Why this reason?"
 * from.
 *
 * Returns: (transfer full) (nullable): why @recipient got its reason, as
 *   a translated sentence (the server's words quoted as written), or
 *   %NULL when nothing was recorded.
 */
char *
bd_report_describe_evidence (const BdRecipient *recipient)
{
  g_return_val_if_fail (recipient != NULL, NULL);

  return bd_evidence_describe (&recipient->cause);
}
