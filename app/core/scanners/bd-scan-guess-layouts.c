/* bd-scan-guess-layouts.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layouts of returned mail that no scanner knows and that the last resort
 * (bd-scan-guess.c) reads besides addresses near sentences of failure;
 * each follows a rule of the standards or of the mailers' manuals, cited
 * with it (issue 14: fix the cause, not the sample).
 */
#define G_LOG_DOMAIN "bd-scan-guess"

#include "config.h"

#include <string.h>

#include "bd-phrase-index.h"
#include "bd-scan-guess-private.h"
#include "bd-scan-util.h"

/**
 * bd_scan_guess_is_dsn_field:
 *
 * Returns: TRUE for a delivery-status field pasted into the text (RFC
 *   3464, 2.3), read by bd_scan_guess_read_pasted_fields (), not as the
 *   notice's words.
 */
gboolean
bd_scan_guess_is_dsn_field (const char *line)
{
  static const char *const fields[] = { "Status:", "Action:", "Diagnostic-Code:", "Final-Recipient:", NULL };

  for (guint i = 0; fields[i] != NULL; i++)
    if (g_ascii_strncasecmp (line, fields[i], strlen (fields[i])) == 0)
      return TRUE;
  return FALSE;
}

/**
 * bd_scan_guess_mailer_domain:
 *
 * Returns: (transfer full) (nullable): the domain of the mailer's own
 *   address (MAILER-DAEMON@aol.com gives aol.com), or NULL when the
 *   bounce is not signed by a mailer.
 */
char *
bd_scan_guess_mailer_domain (const BdScanInput *input)
{
  static const char *const mailers[] = { "mailer-daemon@", "postmaster@", NULL };
  bd_scan_autofree char *address = bd_scan_extract_address (input->from);
  bd_scan_autofree char *lowered = address != NULL ? g_ascii_strdown (address, -1) : NULL;

  for (guint i = 0; lowered != NULL && mailers[i] != NULL; i++)
    if (bd_scan_has_prefix (lowered, mailers[i]) && strchr (lowered, '.') != NULL)
      return g_strdup (strchr (lowered, '@') + 1);
  return NULL;
}

/**
 * bd_scan_guess_bare_name:
 * @failing: which lines say something failed
 * @domain: (nullable): the mailer's domain
 *
 * A mailer names its own users by their bare mailbox name: an unqualified
 * address is one of the mailer's domain (Postfix's ADDRESS_REWRITING_README,
 * "transform \"username\" into \"username@example.com\"" with $myorigin;
 * Sendmail qualifies with $j the same way). So a line that holds one bare
 * name, in a list under a failure sentence that ends with a colon ("Your
 * mail to the following recipients could not be delivered because …:"),
 * is that user at the domain of the MAILER-DAEMON that signs the notice.
 *
 * Returns: (transfer full) (nullable): the qualified address.
 */
char *
bd_scan_guess_bare_name (char           **lines,
                         const gboolean  *failing,
                         int              at,
                         const char      *domain)
{
  const char *name = lines[at];
  gsize len;
  int head = at - 1;

  if (domain == NULL)
    return NULL;
  name += strspn (name, " \t");
  len = strlen (name);
  while (len > 0 && (name[len - 1] == ' ' || name[len - 1] == '\t'))
    len--;
  if (len == 0 || len > 64)
    return NULL;
  for (gsize k = 0; k < len; k++)
    if (!g_ascii_isalnum (name[k]) && strchr ("._-+", name[k]) == NULL)
      return NULL;
  /* the list's head: the nearest line above that is not another bare name */
  while (head >= 0 && lines[head][0] != '\0' && strchr (lines[head], ' ') == NULL
         && strchr (lines[head], ':') == NULL)
    head--;
  if (head < 0 || lines[head][0] == '\0' || !failing[head])
    return NULL;
  {
    bd_scan_autofree char *trimmed = g_strchomp (g_strdup (lines[head]));

    if (!g_str_has_suffix (trimmed, ":"))
      return NULL;
  }
  return g_strdup_printf ("%.*s@%s", (int) len, name, domain);
}

/**
 * bd_scan_guess_read_pasted_fields:
 * @notice: the notice's failure lines
 *
 * RFC 3464's per-recipient fields (2.3: Final-Recipient, Action, Status,
 * Diagnostic-Code) in the notice's own text, the report having no
 * message/delivery-status part of its own: XWall writes them under
 * "Delivery status:" in its text and attaches them again as
 * "message/xdelivery-status"; Domino, Amazon WorkMail and SES paste them
 * the same way (their scanners). Read as a report; where the
 * Diagnostic-Code names no cause, the notice's failure lines follow it
 * (the words that name a cause outrank a bare code, issue 14).
 *
 * Returns: TRUE when the fields named a recipient.
 */
gboolean
bd_scan_guess_read_pasted_fields (char       **lines,
                                  const char  *notice,
                                  BdBounce    *bounce)
{
  if (bd_scan_find_line (lines, 0, "Final-Recipient:") < 0 || bd_scan_read_dsn_fields (lines, 0, bounce) == 0)
    return FALSE;
  for (guint i = 0; i < bounce->recipients->len && notice[0] != '\0'; i++)
    {
      BdRecipient *r = g_ptr_array_index (bounce->recipients, i);
      bd_scan_autofree char *lowered = r->diagnostic != NULL ? bd_text_strdown (r->diagnostic, -1) : NULL;
      bd_scan_autofree char *words = NULL;

      if (lowered != NULL && bd_phrases_reason (lowered, NULL) != BD_REASON_UNDEFINED)
        continue;
      words = r->diagnostic != NULL ? g_strconcat (r->diagnostic, " ", notice, NULL) : g_strdup (notice);
      bd_scan_set_diagnostic (r, words);
    }
  return TRUE;
}

/**
 * bd_scan_guess_add_unnamed:
 *
 * A mailer's delivery report whose body was lost or left empty (Sendmail
 * writes "<<< No Message Collected >>>" when the queued text is gone):
 * the header still declares it, a multipart/report of report-type
 * delivery-status (RFC 6522, 3; RFC 3464, 2), so it is a returned email
 * even though it names neither the address nor the reason. Called only
 * for a message signed by a mailer with a subject or an Auto-Submitted of
 * failure; one recipient without an address stands for the unnamed ones.
 *
 * Returns: TRUE when such a recipient was added.
 */
gboolean
bd_scan_guess_add_unnamed (const BdScanInput *input,
                           BdBounce          *bounce)
{
  bd_scan_autofree char *type = NULL;

  if (input->message == NULL || !bd_mime_part_is (input->message, "multipart", "report"))
    return FALSE;
  type = bd_mime_header (input->message, "Content-Type");
  if (type == NULL || bd_text_strcasestr (type, "delivery-status") == NULL)
    return FALSE;
  bd_scan_add (bounce, NULL, NULL);
  return TRUE;
}
