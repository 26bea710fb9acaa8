/* bd-scan-qmail.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * qmail (qmail-send.c): "Hi. This is the qmail-send program at host." and
 * one paragraph per address:
 *
 *   <kijitora@example.jp>:
 *   192.0.2.1 does not like recipient.
 *   Remote host said: 550 5.1.1 <kijitora@example.jp>... User unknown
 *   Giving up on 192.0.2.1.
 *
 * then "--- Below this line is a copy of the message." Subject: failure
 * notice. Forks (netqmail, qmail-ldap, vpopmail, s/qmail) keep the layout.
 */
#define G_LOG_DOMAIN "bd-scan-qmail"

#include "config.h"

#include <string.h>

#include "bd-phrase-index.h"
#include "bd-scan-families.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "--- Below this line is a copy of the message",
  "--- Enclosed is a copy of the message",
  "--- Below this line is the original bounce",
  "--- Original message follows.",
  NULL
};

/* qmail's own fixed sentences (qmail-local.c, qmail-remote.c and the
 * qmail-ldap patch), which state the reason whatever the codes say. */
static const BdScanWords qmail_messages[] = {
  { "Sorry, no mailbox here by that name", BD_REASON_USERUNKNOWN },
  { "Mailaddress is administratively disabled", BD_REASON_SUSPEND },
  { "Mailaddress is administrativley disabled", BD_REASON_SUSPEND },
  { "The message exeeded the maximum size the user accepts", BD_REASON_EXCEEDLIMIT },
  { "Sorry, I couldn't find any host named", BD_REASON_HOSTUNKNOWN },
  { "Sorry, I couldn't find any host by that name", BD_REASON_HOSTUNKNOWN },
  { "Unable to contact LDAP server", BD_REASON_SYSTEMERROR },
  { "Temporary failure in LDAP lookup", BD_REASON_SYSTEMERROR },
  { "Timeout while performing search on LDAP server", BD_REASON_SYSTEMERROR },
  { "Automatic homedir creator crashed", BD_REASON_SYSTEMERROR },
};

/* Hosting providers' qmail builds replace "Hi. This is the qmail-send
 * program" with an introduction of their own, some translated. */
static const char *const provider_intros[] = {
  "unable to deliver your message to the following addresses",
  "Su mensaje no pudo ser entregado",
  "This is the machine generated message from mail service",
  "This is the mail delivery agent at",
  "Unfortunately, your mail was not delivered to the following address:",
  "Your mail message to the following address",
  "Your message to the following addresses",
  "We're sorry.",
  NULL
};

/* The subject or the Received: line qmail-send gives its bounces. */
static gboolean
received_for_bounce (const BdScanInput *input)
{
  bd_scan_autofree char *value = NULL;
  bd_scan_autofree char *received = NULL;

  if (input->message == NULL)
    return FALSE;
  value = bd_mime_header (input->message, "Received");
  /* Collapsing only joins blanks, so the words without blanks are there
   * before it: most messages are let go without the copy. */
  if (value == NULL || strstr (value, "bounce)") == NULL || strstr (value, "(qmail") == NULL)
    return FALSE;
  received = bd_scan_collapse (value);
  return strstr (received, "invoked for bounce)") != NULL && strstr (received, "(qmail ") != NULL;
}

static gboolean
has_qmail_envelope (const BdScanInput *input)
{
  if (received_for_bounce (input))
    return TRUE;
  return g_strcmp0 (input->subject, "failure notice") == 0
         || bd_scan_subject_has (input, "Permanent Delivery Failure");
}

static gboolean
is_qmail (const BdScanInput *input)
{
  /* qmail's own greetings: each asked of the body's runs first
   * (bd_scan_body_has()), which "qmail" alone, short, hardly is */
  if (bd_scan_body_has (input, "This is the qmail-send program")
      || bd_scan_body_has (input, "Hi. This is the qmail"))
    return TRUE;
  /* the qmail-based MTA of Yahoo! and others: "Message from example.com." */
  if (bd_scan_body_has (input, "Unable to deliver message to the following address")
      && bd_scan_body_has (input, "--- Original message follows."))
    return TRUE;
  if (!has_qmail_envelope (input))
    return FALSE;
  return bd_scan_body_has (input, "--- Below this line is a copy of the message")
         || bd_scan_body_has (input, "--- Original message follows.")
         || bd_text_contains_any (input->body, provider_intros);
}

/* "<addr>:" alone on its line opens a paragraph; some forks write
 * "To: <addr>:". */
static gboolean
is_recipient_line (const char *line)
{
  gsize len;

  /* "<" or "To:" first: most lines are let go here, without a call */
  if (line[0] != '<' && line[0] != 't' && line[0] != 'T')
    return FALSE;
  if (bd_text_has_prefix_ci (line, "To:"))
    line += 3 + strspn (line + 3, " ");
  len = strlen (line);
  return line[0] == '<' && len > 3 && strchr (line, '@') != NULL
         && (g_str_has_suffix (line, ">:") || strstr (line, ">: ") != NULL);
}

/* qmail-remote names the server in "Giving up on HOST.", "Connected to
 * HOST but …" or "HOST does not like recipient." / "HOST failed …". */
static char *
remote_host (const char *text)
{
  const char *p = strstr (text, "Giving up on ");
  const char *end;

  if (p != NULL)
    p += strlen ("Giving up on ");
  else if ((p = strstr (text, "Connected to ")) != NULL)
    p += strlen ("Connected to ");
  else if (strstr (text, " does not like recipient") != NULL || strstr (text, " failed ") != NULL)
    p = text;
  else
    return NULL;
  end = p + strcspn (p, " ");
  if (memchr (p, '.', end - p) == NULL)
    return NULL;
  while (end > p && end[-1] == '.')
    end--;
  return end > p ? g_strndup (p, end - p) : NULL;
}

/* qmail-remote's fixed sentences name the refused command. */
static const struct
{
  const char *text;
  const char *command;
} qmail_commands[] = {
  { " does not like recipient.", "RCPT" },
  { " but sender was rejected.", "MAIL" },
  { " but my name was rejected.", "EHLO" },
  { " but greeting failed.", "initial connection" },
  { " failed on DATA command.", "DATA" },
  { " failed after I sent the message.", "DATA" },
  /* qmail-remote-fallback patch: the furthest any MX got */
  { "most progress was RCPT", "RCPT" },
  { "most progress was MAIL", "MAIL" },
  { "most progress was DATA", "DATA" },
};

static void
set_qmail_command (BdRecipient *recipient)
{
  for (guint i = 0; i < G_N_ELEMENTS (qmail_commands); i++)
    {
      if (strstr (recipient->diagnostic, qmail_commands[i].text) != NULL)
        {
          bd_scan_set_command (recipient, qmail_commands[i].command);
          return;
        }
    }
}

/* The reason the remote server's own words ("Remote host said: …") give,
 * without qmail's sentence around them. */
static BdReason
remote_words_reason (const BdRecipient *recipient,
                     const char       **phrase)
{
  const char *said = strstr (recipient->diagnostic, "Remote host said:");
  const char *end;
  bd_scan_autofree char *lowered = NULL;

  if (said == NULL)
    return BD_REASON_UNDEFINED;
  /* qmail's closing sentences are not the server's */
  if ((end = strstr (said, " Giving up on ")) == NULL)
    end = strstr (said, " I'm not going to try again");
  lowered = bd_text_strdown (said, end != NULL ? end - said : -1);
  return bd_phrases_reason (lowered, phrase);
}

/* "Connected to HOST but sender was rejected.": the envelope sender was
 * refused, so words about an address or a domain concern the sender, not
 * the recipient. Words naming another cause (reputation, rate) stand. */
static void
set_sender_rejected (BdRecipient *recipient)
{
  BdReason said = remote_words_reason (recipient, NULL);

  if (said == BD_REASON_UNDEFINED || said == BD_REASON_USERUNKNOWN || said == BD_REASON_HOSTUNKNOWN)
    bd_scan_set_reason (recipient, BD_REASON_REJECTED, BD_EVIDENCE_STATED_BY_FORMAT, "but sender was rejected");
}

/* "HOST does not like recipient." then "this message has been in the
 * queue too long": the server kept refusing with 4xx until qmail-send gave
 * up, so qmail's sentence says nothing about the address. The server's
 * words tell the cause (a full mailbox), else it is left open. */
static void
set_on_hold (BdRecipient *recipient)
{
  const char *phrase = NULL;
  BdReason said = remote_words_reason (recipient, &phrase);

  if (said != BD_REASON_UNDEFINED)
    bd_scan_set_reason (recipient, said, BD_EVIDENCE_STATED_BY_FORMAT, phrase);
  else
    bd_scan_set_reason (recipient, BD_REASON_ONHOLD, BD_EVIDENCE_REFUSED_UNTIL_EXPIRED, NULL);
}

static void
set_qmail_reason (BdRecipient *recipient)
{
  if (bd_scan_reason_from_words (recipient, qmail_messages, G_N_ELEMENTS (qmail_messages), FALSE))
    return;
  if (g_strcmp0 (recipient->command, "MAIL") == 0)
    {
      set_sender_rejected (recipient);
      return;
    }
  if (strstr (recipient->diagnostic, " does not like recipient.") != NULL
      && strstr (recipient->diagnostic, "this message has been in the queue too long") != NULL)
    {
      set_on_hold (recipient);
      return;
    }
  /* qmail-send gives up after queuelifetime; only the final words when
   * nothing more specific was said */
  if (recipient->status == NULL && recipient->reply_code == 0
      && strstr (recipient->diagnostic, "this message has been in the queue too long") != NULL)
    bd_scan_set_reason (recipient, BD_REASON_EXPIRED, BD_EVIDENCE_STATED_BY_FORMAT, "this message has been in the queue too long");
}

/**
 * bd_scan_qmail_read:
 *
 * Reads qmail's "<address>:" paragraphs in @input's body, up to the
 * copy of the message.
 *
 * Returns: TRUE when at least one recipient was added to @bounce.
 */
gboolean
bd_scan_qmail_read (const BdScanInput *input,
                    BdBounce          *bounce)
{
  bd_scan_autofree char **lines = bd_scan_split_lines (input, stop_markers);
  g_auto(BdScanText) diag = BD_SCAN_TEXT_UNSET;

  for (int i = 0; lines[i] != NULL; i++)
    {
      BdRecipient *recipient;
      int j;

      if (!is_recipient_line (lines[i]))
        continue;
      bd_scan_text_init (&diag, strstr (lines[i], ">:") + 2);
      for (j = i + 1; lines[j] != NULL && lines[j][0] != '\0' && !is_recipient_line (lines[j]); j++)
        bd_scan_text_append_after_space (&diag, lines[j]);
      recipient = bd_scan_add (bounce, lines[i], diag.str);
      if (recipient->diagnostic != NULL)
        {
          recipient->remote_mta = remote_host (recipient->diagnostic);
          set_qmail_command (recipient);
          set_qmail_reason (recipient);
        }
      i = j - 1;
    }
  return bounce->recipients->len > 0;
}

gboolean
bd_scan_qmail (const BdScanInput *input,
               BdBounce          *bounce)
{
  gboolean delayed;

  if (!is_qmail (input) || !bd_scan_qmail_read (input, bounce))
    return FALSE;

  /* qmail-send's warning: "I'm still trying" without a final failure */
  delayed = bd_scan_body_has (input, "This is a warning message")
            && !bd_scan_body_has (input, "I'm not going to try again");
  return bd_scan_finish (bounce, delayed ? BD_KIND_DELAYED : BD_KIND_BOUNCE);
}
