/* bd-scan-imailserver.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ipswitch IMail Server (X-Mailer: <SMTP32 vN>, Subject "Undeliverable
 * Mail"): one line per address, "Reason text: address", or
 * "undeliverable to address" followed by the remote server's words after
 * "… generated response:"; then "Original message follows."
 */
#define G_LOG_DOMAIN "bd-scan-imailserver"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "Original message follows.",
  NULL
};

/* IMail's own reason texts, at the start of the line. */
static const struct
{
  const char *text;
  BdReason    reason;
} imail_messages[] = {
  { "Unknown user", BD_REASON_USERUNKNOWN },
  { "Invalid final delivery userid", BD_REASON_USERUNKNOWN },
  { "User mailbox exceeds allowed size", BD_REASON_MAILBOXFULL },
  { "Unknown host", BD_REASON_HOSTUNKNOWN },
  { "Requested action not taken: virus detected", BD_REASON_VIRUSDETECTED },
  { "Delivery failed ", BD_REASON_EXPIRED },   /* "Delivery failed 20 attempts" */
};

static gboolean
is_imail (const BdScanInput *input)
{
  g_autofree char *mailer = NULL;

  /* exactly "Undeliverable Mail": other products add ": subject" */
  if (g_str_has_prefix (input->subject, "Undeliverable Mail")
      && input->subject[strspn (input->subject + 18, " ") + 18] == '\0')
    return TRUE;
  mailer = bd_scan_header (input, "X-Mailer");
  return mailer != NULL && g_str_has_prefix (mailer, "<SMTP32 v");
}

/* The remote server's reply: the lines after "… generated response:". */
static char *
server_response (char **lines,
                 int    from)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (int i = from; lines[i] != NULL; i++)
    {
      if (!g_str_has_suffix (lines[i], "generated response:") && !g_str_has_suffix (lines[i], "following response:")
          && strstr (lines[i], "response to MAIL FROM:") == NULL && strstr (lines[i], "response from server:") == NULL)
        continue;
      for (int j = i + 1; lines[j] != NULL && lines[j][0] != '\0'; j++)
        g_string_append_printf (out, "%s ", lines[j]);
      break;
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

gboolean
bd_scan_imailserver (const BdScanInput *input,
                     BdBounce          *bounce)
{
  g_auto(GStrv) lines = NULL;

  if (!is_imail (input))
    return FALSE;

  lines = bd_scan_split_lines (input, stop_markers);
  for (int i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *colon = strrchr (line, ':');
      BdRecipient *r;

      if (g_str_has_prefix (line, "undeliverable to "))
        {
          g_autofree char *response = server_response (lines, i + 1);

          r = bd_scan_add (bounce, line + strlen ("undeliverable to "), response != NULL ? response : line);
          continue;
        }
      /* "Unknown user: kijitora@example.com" */
      if (colon == NULL || !bd_scan_is_address (colon + 1) || g_ascii_isspace (line[0])
          || g_str_has_prefix (line, "To:") || g_str_has_prefix (line, "CC:") || g_str_has_prefix (line, "From:"))
        continue;
      r = bd_scan_add (bounce, colon + 1, line);
      for (guint m = 0; m < G_N_ELEMENTS (imail_messages); m++)
        {
          if (g_str_has_prefix (line, imail_messages[m].text))
            {
              bd_scan_set_reason (r, imail_messages[m].reason, imail_messages[m].text);
              break;
            }
        }
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
