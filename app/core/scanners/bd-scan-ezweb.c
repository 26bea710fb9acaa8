/* bd-scan-ezweb.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * au by KDDI's EZweb (Postmaster@ezweb.ne.jp, Postmaster@au.com; Subject
 * "Mail System Error - Returned Mail"): a Japanese preface, then English:
 *
 *   Each of the following recipients was rejected by a remote
 *   mail server.
 *
 *       Recipient: <kijitora@example.jp>
 *       >>> RCPT TO:<kijitora@example.jp>
 *       <<< 550 <kijitora@example.jp>: User unknown
 *
 * or a fixed sentence ("The user(s) account is disabled.") and the address
 * alone as "<kijitora@ezweb.ne.jp>".
 */
#define G_LOG_DOMAIN "bd-scan-ezweb"

#include "config.h"

#include <string.h>

#include "bd-scan-gates-private.h"
#include "bd-scan-families.h"
#include "bd-scan-gate.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "--------------------------------------------------",
  "Content-Type: message/rfc822",
  NULL
};

/* EZweb's fixed English sentences, which state the reason. */
static const struct
{
  const char *text;
  BdReason    reason;
} ezweb_messages[] = {
  { "The user(s) account is temporarily over quota", BD_REASON_MAILBOXFULL },
  { "The user(s) account is disabled", BD_REASON_SUSPEND },
  { "The user(s) account is temporarily limited", BD_REASON_SUSPEND },
  { "Your message was not delivered within ", BD_REASON_EXPIRED },
};

/* Two signs of au's mail system (its postmaster, its subject, its
 * Received: and Message-ID: host names), or one and its English report.
 * The host names are on every message an au user sends: they count only
 * with the postmaster's From or the bounce Subject. */
gboolean
bd_scan_gate_ezweb (const BdScanInput *input)
{
  bd_scan_autofree char *message_id = NULL;
  bd_scan_autofree char *received = NULL;
  gboolean from_postmaster, bounce_subject;
  guint score = 0;

  /* The domain first: each address holds it, few From: lines do, and
   * most hold "mailer-daemon@", which the full addresses cost reading. */
  from_postmaster = (bd_scan_gate_from_has (input, "@ezweb.ne.jp")
                     && (bd_scan_gate_from_has (input, "Postmaster@ezweb.ne.jp")
                         || bd_scan_gate_from_has (input, "MAILER-DAEMON@ezweb.ne.jp")))
                    || (bd_scan_gate_from_has (input, "@au.com")
                        && (bd_scan_gate_from_has (input, "Postmaster@au.com")
                            || bd_scan_gate_from_has (input, "MAILER-DAEMON@au.com")));
  bounce_subject = g_strcmp0 (input->subject, "Mail System Error - Returned Mail") == 0;
  score = from_postmaster + bounce_subject;
  if (score == 0)
    return FALSE;
  message_id = bd_scan_header (input, "Message-ID");
  received = bd_scan_header (input, "Received");
  score += message_id != NULL && (strstr (message_id, ".ezweb.ne.jp>") != NULL || strstr (message_id, ".au.com>") != NULL);
  score += received != NULL && (strstr (received, "ezweb.ne.jp (EZweb Mail) with") != NULL
                                || strstr (received, ".au.com (") != NULL);
  return score >= 2 || bd_scan_body_has (input, "Each of the following recipients was rejected");
}

/* "<addr>", "<addr>: text" or "    Recipient: <addr>" */
static char *
recipient_in (const char *line)
{
  const char *p = line + strspn (line, " \t");

  if (bd_scan_has_prefix (p, "Recipient: "))
    p += strlen ("Recipient: ");
  if (p[0] != '<' || strchr (p, '@') == NULL || strchr (p, '>') == NULL)
    return NULL;
  return bd_scan_extract_address (p);
}

static const char *
fixed_sentence (char     **lines,
                BdReason  *reason)
{
  for (int i = 0; lines[i] != NULL; i++)
    {
      for (guint m = 0; m < G_N_ELEMENTS (ezweb_messages); m++)
        {
          if (strstr (lines[i], ezweb_messages[m].text) != NULL)
            {
              *reason = ezweb_messages[m].reason;
              return ezweb_messages[m].text;
            }
        }
    }
  return NULL;
}

gboolean
bd_scan_ezweb (const BdScanInput *input,
               BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  BdReason reason = BD_REASON_UNDEFINED;
  gboolean spam_filtered;
  const char *sentence;

  if (!bd_scan_gate_ezweb (input))
    return FALSE;

  lines = bd_scan_split_lines (input, stop_markers);
  sentence = fixed_sentence (lines, &reason);
  {
    bd_scan_autofree char *spasign = bd_scan_header (input, "X-SPASIGN");

    spam_filtered = spasign != NULL && g_ascii_strncasecmp (g_strstrip (spasign), "NG", 2) == 0;
  }
  for (int i = 0; lines[i] != NULL; i++)
    {
      bd_scan_autofree char *address = recipient_in (lines[i]);
      g_autoptr(GString) reply = NULL;
      const char *command = NULL;
      const char *after;
      BdRecipient *r;

      if (address == NULL || bd_scan_find_recipient (bounce, address) != NULL)
        continue;
      reply = g_string_new (NULL);
      after = strstr (lines[i], ">:");
      if (after != NULL)
        g_string_append (reply, after + 2);
      for (int j = i + 1; lines[j] != NULL && lines[j][0] == ' '; j++)
        {
          const char *text = lines[j] + strspn (lines[j], " \t");

          if (bd_scan_has_prefix (text, "<<< "))
            bd_scan_append_word (reply, text + 4);
          else if (bd_scan_has_prefix (text, ">>> "))
            command = text + 4;
        }
      r = bd_scan_add (bounce, address, reply->len > 0 ? reply->str : sentence);
      if (command != NULL)
        bd_scan_set_command (r, command);
      if (r->diagnostic == NULL)
        bd_scan_set_diagnostic (r, "Each of the following recipients was rejected by a remote mail server.");
      if (reason != BD_REASON_UNDEFINED && r->reply_code == 0)
        bd_scan_set_reason (r, reason, BD_EVIDENCE_STATED_BY_FORMAT, sentence);
      /* au's spam filter marks the mail it refused "X-SPASIGN: NG". */
      if (spam_filtered && r->reason == BD_REASON_UNDEFINED)
        bd_scan_set_reason (r, BD_REASON_FILTERED, BD_EVIDENCE_AU_SPAM_FILTER, "X-SPASIGN: NG (au's spam filter)");
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
