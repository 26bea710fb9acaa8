/* bd-scan-zoho.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Zoho Mail (mailer-daemon@mail.zoho.com, X-Mailer: Zoho Mail):
 *
 *   This message was created automatically by mail delivery software.
 *   A message that you sent could not be delivered to one or more of its
 *   recipients. This is a permanent error.
 *   kijitora@example.jp Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <…>... User Unknown
 *
 * and its delay warning:
 *
 *   [Status: Error, Address: <kijitora@example.jp>, ResponseCode 421, , Host not reachable.]
 *   Message will be retried for 4 more day(s)
 */
#define G_LOG_DOMAIN "bd-scan-zoho"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "Received:from ",
  "Received: from ",
  NULL
};

static gboolean
is_zoho (const BdScanInput *input)
{
  bd_scan_autofree char *mailer = NULL;

  /* Zoho's own stamp, whatever the sender address */
  if (bd_scan_has_header (input, "X-ZohoMail"))
    return TRUE;
  if (bd_scan_from_has (input, "@mail.zoho.") || bd_scan_from_has (input, "@zoho.com"))
    return TRUE;
  mailer = bd_scan_header (input, "X-Mailer");
  return mailer != NULL && strstr (mailer, "Zoho Mail") != NULL;
}

/* "[Status: Error, Address: <a@b>, ResponseCode 421, , Host not reachable.]" */
static void
read_status_line (BdBounce   *bounce,
                  const char *line)
{
  const char *address = strstr (line, "Address: ");
  const char *code = strstr (line, "ResponseCode ");
  bd_scan_autofree char *text = NULL;
  BdRecipient *r;

  if (address == NULL)
    return;
  text = g_strndup (line + 1, strlen (line) - (g_str_has_suffix (line, "]") ? 2 : 1));
  r = bd_scan_add (bounce, address + strlen ("Address: "), code != NULL ? code + strlen ("ResponseCode ") : text);
  bd_scan_set_diagnostic (r, text);
  if (code != NULL)
    r->reply_code = (guint)g_ascii_strtoull (code + strlen ("ResponseCode "), NULL, 10);
  /* Zoho's words when it gave up retrying a server it never reached */
  if (strstr (line, "Host not reachable") != NULL)
    bd_scan_set_reason (r, BD_REASON_EXPIRED, BD_EVIDENCE_STATED_BY_FORMAT, "Host not reachable");
}

gboolean
bd_scan_zoho (const BdScanInput *input,
              BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  gboolean delayed;

  if (!bd_scan_body_has (input, "ERROR_CODE :") && !bd_scan_body_has (input, "[Status: "))
    return FALSE;
  if (!is_zoho (input))
    return FALSE;

  lines = bd_scan_split_lines (input, stop_markers);
  for (int i = 0; lines[i] != NULL; i++)
    {
      const char *code = strstr (lines[i], "ERROR_CODE :");
      const char *space = strchr (lines[i], ' ');
      bd_scan_autofree char *head = NULL;
      g_autoptr(GString) diag = NULL;

      if (bd_scan_has_prefix (lines[i], "[Status: "))
        {
          read_status_line (bounce, lines[i]);
          continue;
        }
      if (code == NULL || space == NULL || space > code)
        continue;
      head = g_strndup (lines[i], space - lines[i]);
      if (!bd_scan_is_address (head))
        continue;
      /* the reply may wrap onto the next lines */
      diag = g_string_new (space + 1);
      for (int j = i + 1; lines[j] != NULL && lines[j][0] != '\0' && strstr (lines[j], "ERROR_CODE :") == NULL; j++)
        bd_scan_append_after_space (diag, lines[j]);
      bd_scan_add (bounce, head, diag->str);
    }

  delayed = bd_scan_subject_has (input, "(Delay)") || bd_scan_body_has (input, "THIS IS A WARNING MESSAGE ONLY");
  return bd_scan_finish (bounce, delayed ? BD_KIND_DELAYED : BD_KIND_BOUNCE);
}
