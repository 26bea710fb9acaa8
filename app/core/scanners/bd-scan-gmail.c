/* bd-scan-gmail.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Gmail's own bounces (mailer-daemon@googlemail.com, before Google moved
 * to standard delivery reports):
 *
 *   Delivery to the following recipient failed permanently:
 *
 *        kijitora@example.jp
 *
 *   Technical details of permanent failure:
 *   Google tried to deliver your message, but it was rejected by the server
 *   for the recipient domain example.jp by mx.example.jp. [192.0.2.1].
 *
 *   The error that the other server returned was:
 *   550 5.1.1 <kijitora@example.jp>... User unknown
 *
 *   ----- Original message -----
 *
 * "has been delayed" instead of "failed permanently" is a warning only.
 */
#define G_LOG_DOMAIN "bd-scan-gmail"

#include "config.h"

#include <string.h>

#include "bd-scan-gates-private.h"
#include "bd-scan-families.h"
#include "bd-scan-lines.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "----- Original message -----",
  "----- Message header follows -----",
  NULL
};

/* Google's own sentences when no remote server gave a reply. */
static const BdScanWords google_messages[] = {
  { "DNS Error: Domain name not found", BD_REASON_HOSTUNKNOWN },
  { "responded with code NXDOMAIN", BD_REASON_HOSTUNKNOWN },
  { "DNS Error: DNS server returned answer with no data", BD_REASON_HOSTUNKNOWN },
  { "DNS Error: Could not contact DNS servers", BD_REASON_EXPIRED },
  { "The recipient server did not accept our requests to connect", BD_REASON_EXPIRED },
  { "Storage quota exceeded", BD_REASON_MAILBOXFULL },
  { "The email account that you tried to reach is over quota", BD_REASON_MAILBOXFULL },
  { "The email account that you tried to reach does not exist", BD_REASON_USERUNKNOWN },
  { "The email account that you tried to reach is disabled", BD_REASON_SUSPEND },
  { "doesn't receive email according to the administrator", BD_REASON_NOTACCEPT },   /* null MX */
  { "because the address couldn't be found", BD_REASON_USERUNKNOWN },
  { "couldn't be found. Check for typos", BD_REASON_HOSTUNKNOWN },   /* "because the domain … couldn't be found" */
};

/* "(state N)": the SMTP stage at which the remote server refused, which
 * tells the reason when the reply carries no specific status code. */
static const struct
{
  guint       state;
  BdReason    reason;
  const char *command;
} google_states[] = {
  { 6, BD_REASON_SYSTEMERROR, "MAIL" },
  { 8, BD_REASON_SYSTEMERROR, NULL },       /* AUTH */
  { 9, BD_REASON_SYSTEMERROR, NULL },       /* AUTH */
  { 12, BD_REASON_NORELAYING, NULL },       /* AUTH */
  { 13, BD_REASON_BLOCKED, "EHLO" },
  { 14, BD_REASON_USERUNKNOWN, "RCPT" },
  { 15, BD_REASON_FILTERED, "DATA" },
  { 17, BD_REASON_FILTERED, "DATA" },
  { 18, BD_REASON_FILTERED, "DATA" },
};

/* "@g" first: each domain starts so, and nearly no other From: has it,
 * one question instead of three. */
static gboolean
from_google (const BdScanInput *input)
{
  return bd_scan_from_has (input, "@g")
         && (bd_scan_from_has (input, "@googlemail.com") || bd_scan_from_has (input, "@gmail.com")
             || bd_scan_from_has (input, "@google.com"));
}

gboolean
bd_scan_gate_gmail (const BdScanInput *input)
{
  /* The long phrase first, which the grams answer at once; "** " is too
   * short for them, and its search reads the whole body of nearly every
   * message: the From: is asked before it. */
  if (bd_scan_body_has (input, "Delivery to the following recipient"))
    return from_google (input);
  return from_google (input) && bd_scan_body_has (input, "** ");
}

/* The remote's own reply: what follows "The error that the other server
 * returned was:", else the whole technical paragraph. */
static char *
technical_details (const BdScanInput *input,
                   char             **lines)
{
  int at = bd_scan_lines_find (input, lines, "Technical details of ");
  bd_scan_autofree char *text = NULL;
  const char *reply;
  int end;

  if (at < 0)
    return NULL;
  for (end = at + 1; lines[end] != NULL && !bd_scan_has_prefix (lines[end], "-----"); end++)
    ;
  text = bd_scan_join_lines (lines, at + 1, end);
  reply = strstr (text, "The error that the other server returned was:");
  if (reply != NULL)
    return g_strstrip (g_strdup (reply + strlen ("The error that the other server returned was:")));
  /* Without the server's reply, the heading is what tells a temporary
   * failure from a permanent one. */
  if (strstr (lines[at], "temporary failure") != NULL)
    {
      bd_scan_autofree char *heading = g_strstrip (g_strdup (lines[at]));

      return g_strdup_printf ("%s %s", heading, text);
    }
  return g_steal_pointer (&text);
}

/* Google writes the server as "HOST. [IP]": "… by mx.example.jp. [192.0.2.1]."
 * or "[(0) mx.example.jp. [192.0.2.1]:25: socket error]". */
static char *
remote_host (char **lines)
{
  for (int i = 0; lines[i] != NULL; i++)
    {
      for (const char *p = strstr (lines[i], ". ["); p != NULL; p = strstr (p + 1, ". ["))
        {
          const char *start = p;

          while (start > lines[i] && start[-1] != ' ')
            start--;
          if (start < p && memchr (start, '.', p - start) != NULL)
            return g_strndup (start, p - start);
        }
    }
  return NULL;
}

static void
set_google_reason (BdRecipient *recipient,
                   gboolean     delayed)
{
  const char *state;

  if (recipient->diagnostic == NULL)
    {
      if (delayed)
        bd_scan_set_reason (recipient, BD_REASON_EXPIRED, BD_EVIDENCE_STATED_BY_FORMAT,
                            "Delivery to the following recipient has been delayed");
      return;
    }
  if (recipient->reply_code == 0
      && bd_scan_reason_from_words (recipient, google_messages, G_N_ELEMENTS (google_messages), FALSE))
    return;
  state = strstr (recipient->diagnostic, "(state ");
  if (state == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (google_states); i++)
    {
      bd_scan_autofree char *evidence = NULL;

      if ((guint)g_ascii_strtoull (state + 7, NULL, 10) != google_states[i].state)
        continue;
      if (google_states[i].command != NULL)
        bd_scan_set_command (recipient, google_states[i].command);
      /* a specific status code says more than the stage */
      if (recipient->status != NULL && !g_str_has_suffix (recipient->status, ".0"))
        return;
      evidence = g_strdup_printf ("(state %u)", google_states[i].state);
      bd_scan_set_reason (recipient, google_states[i].reason, BD_EVIDENCE_STATED_BY_FORMAT, evidence);
      return;
    }
}

/* Today's layout:
 *
 *   ** Address not found **
 *
 *   Your message wasn't delivered to kijitora@example.jp because the
 *   address couldn't be found. …
 *
 *   The response from the remote server was:
 *   550 5.1.1 The email account that you tried to reach does not exist.
 *
 * or "There was a temporary problem delivering your message to …",
 * a warning while Gmail keeps retrying. */
/* The returned copy's To: when it holds exactly one address. */
static char *
only_original_to (const BdScanInput *input)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  const BdMimePart *copy;
  bd_scan_autofree char *to = NULL;

  if (input->original == NULL)
    return NULL;
  copy = input->original->message != NULL ? input->original->message : input->original;
  to = bd_mime_header (copy, "To");
  bd_scan_add_addresses (all, to);
  return all->len == 1 ? g_strdup (g_ptr_array_index (all, 0)) : NULL;
}

static gboolean
read_current (const BdScanInput *input,
              char             **lines,
              BdBounce          *bounce)
{
  bd_scan_autofree char *failed = bd_scan_header (input, "X-Failed-Recipients");
  bd_scan_autofree char *address = NULL;
  g_autoptr(GString) reply = g_string_new (NULL);
  const char *sentence = NULL;
  gboolean delayed = FALSE, from_copy = FALSE;
  BdRecipient *r;
  int at;

  for (int i = 0; lines[i] != NULL && address == NULL; i++)
    {
      const char *to = strstr (lines[i], " delivered to ");

      if (to == NULL)
        to = strstr (lines[i], " delivering your message to ");
      if (to != NULL)
        {
          address = bd_scan_extract_address (to);
          sentence = lines[i];
        }
      delayed |= strstr (lines[i], "There was a temporary problem") != NULL;
    }
  if (address == NULL && failed != NULL)
    address = bd_scan_extract_address (failed);
  /* Google Workspace's "** Message not delivered **" about the sender's
   * own account ('Send mail as', …) names no address: the failed one is
   * the returned copy's To: (go-sisimai lhost/via-googleworkspace.go),
   * when it names one only: of several, which failed is not known. */
  if (address == NULL && bd_scan_has_prefix (lines[0] != NULL ? lines[0] : "", "** "))
    {
      address = only_original_to (input);
      from_copy = address != NULL;
    }
  if (address == NULL)
    return FALSE;

  at = bd_scan_lines_find (input, lines, "The response from the remote server was:");
  if (at < 0)
    at = bd_scan_lines_find (input, lines, "The response was:");
  for (int i = at + 1; at >= 0 && lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0' && reply->len > 0)
        break;
      bd_scan_append_word (reply, lines[i]);
    }
  /* Without a sentence naming the address, the notice's own words name
   * the cause ("You're sending this from a different address or alias
   * using the 'Send mail as' feature"): they go before the reply. */
  if (from_copy)
    {
      bd_scan_autofree char *words = bd_scan_join_lines (lines, 1, at >= 0 ? at : (int)g_strv_length (lines));

      g_string_prepend (reply, " ");
      g_string_prepend (reply, words);
    }
  r = bd_scan_add (bounce, address, reply->len > 0 ? reply->str : sentence);
  set_google_reason (r, delayed);
  return bd_scan_finish (bounce, delayed ? BD_KIND_DELAYED : BD_KIND_BOUNCE);
}

gboolean
bd_scan_gmail (const BdScanInput *input,
               BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  bd_scan_autofree char *details = NULL;
  bd_scan_autofree char *host = NULL;
  gboolean delayed;
  int at;

  if (!bd_scan_gate_gmail (input))
    return FALSE;

  lines = bd_scan_split_lines (input, stop_markers);
  at = bd_scan_lines_find (input, lines, "Delivery to the following recipient");
  if (at < 0)
    return read_current (input, lines, bounce);
  delayed = bd_text_strcasestr (lines[at], "delayed") != NULL;
  details = technical_details (input, lines);
  host = remote_host (lines);

  for (int i = at + 1; lines[i] != NULL; i++)
    {
      BdRecipient *recipient;

      if (lines[i][0] == '\0')
        continue;
      if (lines[i][0] != ' ' || !bd_scan_is_address (lines[i]))
        break;
      recipient = bd_scan_add (bounce, lines[i], details);
      recipient->remote_mta = g_strdup (host);
      set_google_reason (recipient, delayed);
    }
  return bd_scan_finish (bounce, delayed ? BD_KIND_DELAYED : BD_KIND_BOUNCE);
}
