/* bd-scan-imailserver.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ipswitch IMail Server (X-Mailer: <SMTP32 vN>, Subject "Undeliverable
 * Mail"): one line per address, "Reason text: address", or
 * "undeliverable to address" followed by the remote server's words after
 * a line naming the step that failed ("Body of message generated
 * response:", "Additional RCPT TO generated following response:",
 * "Unexpected response to EHLO/HELO:"…); then "Original message follows."
 */
#define G_LOG_DOMAIN "bd-scan-imailserver"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-gate.h"
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
  bd_scan_autofree char *mailer = NULL;

  /* exactly "Undeliverable Mail": other products add ": subject" */
  if (bd_scan_has_prefix (input->subject, "Undeliverable Mail")
      && input->subject[strspn (input->subject + 18, " ") + 18] == '\0')
    return TRUE;
  /* most bounces have none: asked of the memo first */
  mailer = bd_scan_gate_has_field (input, BD_SCAN_MEMO_HAS_X_MAILER) ? bd_scan_header (input, "X-Mailer") : NULL;
  return mailer != NULL && bd_scan_has_prefix (mailer, "<SMTP32 v");
}

/* The line IMail writes before the remote server's reply names the step
 * of the SMTP session that failed. */
static const struct
{
  const char *intro;
  const char *command;    /* for bd_scan_set_command(); NULL: not known */
} response_intros[] = {
  { "SMTP connection failed,", "initial connection" },
  { "Unexpected connection response from server:", "initial connection" },
  { "Unexpected response to EHLO/HELO:", "EHLO" },
  { "Server response to MAIL FROM:", "MAIL" },
  { "Additional RCPT TO generated following response:", "RCPT" },
  { "DATA command generated response:", "DATA" },
  { "Body of message generated response:", "DATA" },
  { "generated response:", NULL },
  { "following response:", NULL },
};

/* A server's reply is a few lines; more is not a reply. */
#define MAX_REPLY 2000

static int
find_intro (const char *line)
{
  for (guint i = 0; i < G_N_ELEMENTS (response_intros); i++)
    if (strstr (line, response_intros[i].intro) != NULL)
      return i;
  return -1;
}

/* The next recipient's line ends this one's report. */
static gboolean
ends_report (const char *line)
{
  return bd_scan_has_prefix (line, "undeliverable to ") || strstr (line, "Original message follows.") != NULL;
}

/* Fills @r's reply from the lines after the first intro at or after @from
 * (up to a blank line), and the command the intro names. "SMTP connection
 * failed, …" says why on its own line. The search stops at the next
 * "undeliverable to": a recipient without a reply of its own must not take
 * the next one's. */
static void
read_response (char       **lines,
               int          from,
               BdRecipient *r)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (int i = from; lines[i] != NULL && !ends_report (lines[i]); i++)
    {
      int intro = find_intro (lines[i]);

      if (intro < 0)
        continue;
      if (!g_str_has_suffix (lines[i], ":"))
        {
          g_string_append (out, lines[i]);
          g_string_append_c (out, ' ');
        }
      for (int j = i + 1; lines[j] != NULL && lines[j][0] != '\0' && !ends_report (lines[j])
                          && out->len < MAX_REPLY; j++)
        {
          g_string_append (out, lines[j]);
          g_string_append_c (out, ' ');
        }
      bd_scan_set_command (r, response_intros[intro].command);
      break;
    }
  if (out->len > 0)
    bd_scan_set_diagnostic (r, out->str);
}

gboolean
bd_scan_imailserver (const BdScanInput *input,
                     BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;

  if (!is_imail (input))
    return FALSE;

  lines = bd_scan_split_lines (input, stop_markers);
  for (int i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *colon = strrchr (line, ':');
      BdRecipient *r;

      if (bd_scan_has_prefix (line, "undeliverable to "))
        {
          bd_scan_autofree char *address = bd_scan_extract_address (line + strlen ("undeliverable to "));

          if (address == NULL)
            continue;
          r = bd_scan_add (bounce, address, line);
          read_response (lines, i + 1, r);
          continue;
        }
      /* "Unknown user: kijitora@example.com" */
      if (colon == NULL || !bd_scan_is_address (colon + 1) || g_ascii_isspace (line[0])
          || bd_scan_has_prefix (line, "To:") || bd_scan_has_prefix (line, "CC:") || bd_scan_has_prefix (line, "From:"))
        continue;
      r = bd_scan_add (bounce, colon + 1, line);
      for (guint m = 0; m < G_N_ELEMENTS (imail_messages); m++)
        {
          if (bd_scan_has_prefix (line, imail_messages[m].text))
            {
              bd_scan_set_reason (r, imail_messages[m].reason, BD_EVIDENCE_STATED_BY_FORMAT, imail_messages[m].text);
              break;
            }
        }
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
