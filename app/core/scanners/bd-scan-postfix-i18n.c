/* bd-scan-postfix-i18n.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Postfix with a translated bounce template (bounce_template_file), as
 * Polish, German and Czech hosting companies configure it:
 *
 *   To jest system pocztowy serwera mail.example.pl.
 *   Niestety, nie udało się dostarczyć Twojej wiadomości do jednego lub
 *   kilku adresatów. …
 *
 *   <jan.kowalski@example.pl>: host mx.example.pl[192.0.2.25] said: 550 5.1.1
 *       <jan.kowalski@example.pl>: Recipient address rejected: User unknown
 *       (in reply to RCPT TO command)
 *
 * Only the template is translated: the per-recipient lines are Postfix's
 * own, so the reason comes from the remote server's words.
 */
#define G_LOG_DOMAIN "bd-scan-postfix-i18n"

#include "config.h"

#include <string.h>

#include "bd-scan-i18n.h"
#include "bd-scan-util.h"

static const char *const template_markers[] = {
  "To jest system pocztowy",
  "system pocztowy serwera",
  "Dies ist das Mailsystem",
  "Mailsystem auf dem Rechner",
  "Toto je poštovní systém",
  "poštovní systém serveru",
  NULL
};

static const char *const postfix_markers[] = {
  "(in reply to ", "said: ", "Diagnostic-Code:", "(w odpowiedzi na ", "(als Antwort auf ",
  NULL
};

/* What each template marker above contains: two or three searches let
 * most messages go instead of six, and an ASCII body cannot hold the
 * Czech one. */
static gboolean
has_template_root (const BdScanInput *input)
{
  return bd_scan_body_has (input, "system pocztowy") || bd_scan_body_has (input, "Mailsystem")
         || (!input->body_is_ascii && bd_scan_body_has (input, "poštovní systém"));
}

gboolean
bd_scan_postfix_i18n (const BdScanInput *input,
                      BdBounce          *bounce)
{
  gboolean template = FALSE, postfix = FALSE;

  if (!has_template_root (input))
    return FALSE;
  for (guint i = 0; template_markers[i] != NULL && !template; i++)
    template = bd_scan_body_has (input, template_markers[i]);
  for (guint i = 0; postfix_markers[i] != NULL && !postfix; i++)
    postfix = bd_scan_body_has (input, postfix_markers[i]);
  if (!template || !postfix)
    return FALSE;

  return bd_scan_localized_read (input, bounce);
}
