/* bd-scan-yahoo.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Yahoo! Mail (and Yahoo! JAPAN, and relays built on the same qmail
 * templates): Subject "Failure Notice",
 *
 *   Sorry, we were unable to deliver your message to the following address.
 *
 *   <kijitora@example.org>:
 *   Remote host said: 550 5.1.1 <kijitora@example.org>... User unknown [RCPT_TO]
 *
 *   --- Below this line is a copy of the message.
 */
#define G_LOG_DOMAIN "bd-scan-yahoo"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-util.h"

/* Yahoo tags the reply with the command it answered: "[RCPT_TO]",
 * "[MAIL_FROM]", "[DATA]" (on the reply's line or the next one). */
static void
set_yahoo_command (BdRecipient *r)
{
  const char *tag = r->diagnostic != NULL ? strrchr (r->diagnostic, '[') : NULL;

  if (tag != NULL && g_ascii_isupper (tag[1]) && strchr (tag, ']') != NULL)
    bd_scan_set_command (r, tag + 1);
}

gboolean
bd_scan_yahoo (const BdScanInput *input,
               BdBounce          *bounce)
{
  if (!bd_scan_body_has (input, "Sorry, we were unable to deliver your message to the following address"))
    return FALSE;
  if (!bd_scan_qmail_read (input, bounce))
    return FALSE;

  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      BdRecipient *r = g_ptr_array_index (bounce->recipients, i);

      set_yahoo_command (r);
      /* Yahoo's own words when the domain has no mail server */
      if (r->diagnostic != NULL && strstr (r->diagnostic, "No mx record found for domain") != NULL)
        bd_scan_set_reason (r, BD_REASON_NOTACCEPT, BD_EVIDENCE_STATED_BY_FORMAT, "No mx record found for domain");
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
