/* bd-scan-courier.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Courier mail server ("This is a delivery status notification from
 * host, running the Courier mail server"):
 *
 *   Your message to the following recipients cannot be delivered:
 *
 *   <kijitora@example.jp>:
 *       mx.example.jp [192.0.2.45]:
 *   >>> RCPT TO:<kijitora@example.jp>
 *   <<< 550 5.1.1 <kijitora@example.jp>... User unknown
 *
 * A delay notice (Subject "WARNING: delayed mail.") has the same layout
 * under the heading "DELAYS IN DELIVERING YOUR MESSAGE". When Courier
 * gave up before reaching a server, the recipient's block holds its own
 * words instead of a reply: "No such domain.", "DNS lookup failed.".
 *
 * Courier also attaches a delivery report, read first by the decoder.
 */
#define G_LOG_DOMAIN "bd-scan-courier"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-gate.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "The original message follows as a separate attachment",
  "Content-Type: message/delivery-status",
  NULL
};

/* Courier's own words for what went wrong before any server replied. */
static const BdScanWords own_words[] = {
  { "No such domain.", BD_REASON_HOSTUNKNOWN },
  { "This domain's DNS violates RFC 1035.", BD_REASON_SYSTEMERROR },
  { "DNS lookup failed.", BD_REASON_NETWORKERROR },
};

/* Headings and sentences of Courier's report. */
static const char *const report_signs[] = {
  "UNDELIVERABLE MAIL",
  "DELAYS IN DELIVERING YOUR MESSAGE",
  "Your message to the following recipients cannot be delivered",
  "There were temporary problems delivering your message",
  NULL
};

/* A transcript of the session: ">>> RCPT TO:<…>" then "<<< 550 …". */
static gboolean
has_transcript (const char *body)
{
  if (strstr (body, ">>> ") == NULL)
    return FALSE;
  for (const char *p = strstr (body, "<<< "); p != NULL; p = strstr (p + 4, "<<< "))
    {
      if ((p == body || p[-1] == '\n' || p[-1] == ' ' || p[-1] == '\t')
          && g_ascii_isdigit (p[4]) && g_ascii_isdigit (p[5]) && g_ascii_isdigit (p[6]))
        return TRUE;
    }
  return FALSE;
}

/* The From: ("Courier mail server at host"), the Subject: of a failure or
 * of a delay, the text's first lines, or the Message-ID ("<courier.…") with
 * a sign of the report in the text: Courier stamps that Message-ID on all
 * the mail it sends. */
static gboolean
is_courier (const BdScanInput *input)
{
  bd_scan_autofree char *message_id = NULL;

  if (bd_scan_body_has (input, "running the Courier mail server")
      || bd_scan_gate_from_has (input, "Courier mail server at ")
      || bd_scan_gate_subject_has (input, "NOTICE: mail delivery status.")
      || bd_scan_gate_subject_has (input, "WARNING: delayed mail."))
    return TRUE;
  message_id = bd_scan_header (input, "Message-ID");
  if (message_id == NULL || !bd_scan_has_prefix (message_id, "<courier."))
    return FALSE;
  for (guint i = 0; report_signs[i] != NULL; i++)
    if (bd_scan_body_has (input, report_signs[i]))
      return TRUE;
  return has_transcript (input->body);
}

static void
set_own_reason (BdRecipient *r)
{
  bd_scan_reason_from_words (r, own_words, G_N_ELEMENTS (own_words), FALSE);
}

static gboolean
is_recipient_line (const char *line)
{
  return line[0] == '<' && g_str_has_suffix (line, ">:") && strchr (line, '@') != NULL;
}

gboolean
bd_scan_courier (const BdScanInput *input,
                 BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  gboolean delayed;

  if (!is_courier (input))
    return FALSE;

  lines = bd_scan_split_lines (input, stop_markers);
  for (int i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GString) reply = NULL;
      bd_scan_autofree char *host = NULL;
      const char *command = NULL;
      BdRecipient *r;
      int j;

      if (!is_recipient_line (lines[i]))
        continue;
      reply = g_string_new (NULL);
      for (j = i + 1; lines[j] != NULL && lines[j][0] != '\0' && !is_recipient_line (lines[j]); j++)
        {
          const char *text = lines[j] + strspn (lines[j], " \t");

          if (bd_scan_has_prefix (text, ">>> "))
            command = text + 4;
          else if (bd_scan_has_prefix (text, "<<< "))
            bd_scan_append_word (reply, text + 4);
          else if (host == NULL && g_str_has_suffix (text, ":"))
            host = g_strndup (text, strcspn (text, " :"));
          else
            bd_scan_append_word (reply, text);
        }
      r = bd_scan_add (bounce, lines[i], reply->str);
      i = j - 1;
      r->remote_mta = g_steal_pointer (&host);
      if (command != NULL)
        bd_scan_set_command (r, command);
      set_own_reason (r);
    }

  delayed = bd_scan_body_has (input, "DELAYS IN DELIVERING YOUR MESSAGE")
            || bd_scan_gate_subject_has (input, "WARNING: delayed mail.")
            || bd_scan_body_has (input, "DELAYED MAIL") || bd_scan_body_has (input, "has not been delivered yet");
  return bd_scan_finish (bounce, delayed ? BD_KIND_DELAYED : BD_KIND_BOUNCE);
}
