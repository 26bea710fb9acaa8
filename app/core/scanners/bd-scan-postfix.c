/* bd-scan-postfix.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Postfix (bounce(8) templates; From "Mail Delivery System", Subject
 * "Undelivered Mail Returned to Sender" or "Delayed Mail (still being
 * retried)"):
 *
 *   This is the mail system at host mx.example.com.
 *   …
 *                      The mail system
 *
 *   <kijitora@example.jp>: host mx.example.jp[192.0.2.1] said: 550 5.1.1
 *       <kijitora@example.jp>: Recipient address rejected: User unknown (in
 *       reply to RCPT TO command)
 *
 * Older versions say "This is the Postfix program at host …", and sites
 * that customise the template name their own program. Postfix
 * attaches a delivery report too, which the decoder reads first; the
 * prose adds the server's words when the report lacks them.
 */
#define G_LOG_DOMAIN "bd-scan-postfix"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "Content-Description: Delivery report",
  "Content-Description: Undelivered Message",
  "Content-Type: message/delivery-status",
  "Content-Type: message/rfc822",
  NULL
};

/* Postfix's own texts when no remote server replied. */
static const BdScanWords postfix_messages[] = {
  { "Host not found, try again", BD_REASON_NETWORKERROR },   /* a DNS failure, not an answer */
  { "Host or domain name not found", BD_REASON_HOSTUNKNOWN },
  { "Name service error for name=", BD_REASON_HOSTUNKNOWN },
  { "unknown user: ", BD_REASON_USERUNKNOWN },
  { "message size exceeds file size limit", BD_REASON_MESGTOOBIG },
};

/* The signature above the entries: "The mail system", "The Postfix
 * program", or a site's own name for it ("The ExampleMail program",
 * "The Postfix on Linux program") in a customised template. */
static gboolean
is_signature (const char *line)
{
  const char *text;

  /* indented: most lines are not, and are let go without a call */
  if (line[0] != ' ' && line[0] != '\t')
    return FALSE;
  text = line + strspn (line, " \t");
  if (!bd_scan_has_prefix (text, "The "))
    return FALSE;
  return strcmp (text, "The mail system") == 0
         || (g_str_has_suffix (text, " program") && strlen (text) < 60);
}

static int
find_signature (char **lines)
{
  for (int i = 0; lines[i] != NULL; i++)
    if (is_signature (lines[i]))
      return i;
  return -1;
}

/* A customised template keeps the Subject: and the shape of the first
 * line: "This is the ExampleMail program at host mx.example.com." */
static gboolean
has_custom_intro (const BdScanInput *input)
{
  const char *intro = bd_scan_body_find (input, "This is the ");
  const char *eol;

  if (intro == NULL || (intro != input->body && intro[-1] != '\n'))
    return FALSE;
  eol = strchr (intro, '\n');
  return (eol == NULL ? strstr (intro, " program") : g_strstr_len (intro, eol - intro, " program")) != NULL;
}

/* A customised template is taken only with its signature line above the
 * entries: the Subject and "This is the … program" (has_custom_intro())
 * alone are too common. */
static gboolean
has_custom_template (const BdScanInput *input)
{
  bd_scan_autofree char **lines = bd_scan_split_lines (input, stop_markers);

  return find_signature (lines) >= 0;
}

static gboolean
has_postfix_subject (const BdScanInput *input)
{
  return bd_scan_subject_has (input, "Undelivered Mail Returned to Sender")
         || bd_scan_subject_has (input, "Delayed Mail");
}

/* The Subject: is asked last: the grams turn most messages away first. */
static gboolean
is_postfix (const BdScanInput *input)
{
  if (!bd_scan_body_has (input, "This is the mail system at host ")
      && !bd_scan_body_has (input, "This is the Postfix program at host "))
    return has_custom_intro (input) && has_postfix_subject (input) && has_custom_template (input);
  return bd_scan_body_has (input, "The mail system") || bd_scan_body_has (input, "The Postfix program")
         || has_postfix_subject (input);
}

/* When Postfix lost the log of what went wrong it says only "--- Delivery
 * report unavailable ---": the returned message's To: is the recipient. */
static void
add_unreported (const BdScanInput *input,
                BdBounce          *bounce)
{
  const BdMimePart *copy;
  bd_scan_autofree char *to = NULL;
  bd_scan_autofree char *address = NULL;

  if (!bd_scan_body_has (input, "--- Delivery report unavailable ---") || input->original == NULL)
    return;
  copy = input->original->message != NULL ? input->original->message : input->original;
  to = bd_mime_header (copy, "To");
  if (to != NULL && (address = bd_scan_extract_address (to)) != NULL)
    bd_scan_add (bounce, address, "--- Delivery report unavailable ---");
}

/* "<addr>: text", "addr: text" or "<addr> (expanded from <alias>): text" */
static char *
entry_address (const char  *line,
               const char **rest)
{
  const char *colon;
  bd_scan_autofree char *head = NULL;

  if (line[0] == ' ' || line[0] == '\t' || line[0] == '\0')
    return NULL;
  colon = strstr (line, ": ");
  if (colon == NULL && g_str_has_suffix (line, ":"))
    colon = line + strlen (line) - 1;
  if (colon == NULL)
    return NULL;
  head = g_strndup (line, colon - line);
  if (strstr (head, " (expanded from ") != NULL)
    *strstr (head, " (expanded from ") = '\0';
  if (!bd_scan_is_address (head))
    return NULL;
  *rest = colon[1] != '\0' ? colon + 2 : colon + 1;
  return bd_scan_extract_address (head);
}

static void
set_postfix_reason (BdRecipient *r)
{
  if (r->reply_code != 0 || r->status != NULL)
    return;
  bd_scan_reason_from_words (r, postfix_messages, G_N_ELEMENTS (postfix_messages), FALSE);
}

/**
 * bd_scan_postfix_read:
 *
 * Reads Postfix's "<address>: reason" paragraphs after "The mail system".
 *
 * Returns: TRUE when at least one recipient was added to @bounce.
 */
gboolean
bd_scan_postfix_read (const BdScanInput *input,
                      BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  g_auto(BdScanText) diag = BD_SCAN_TEXT_UNSET;
  int start;

  lines = bd_scan_split_lines (input, stop_markers);
  start = find_signature (lines);
  for (int i = MAX (start, 0); lines[i] != NULL; i++)
    {
      const char *rest = NULL;
      bd_scan_autofree char *address = entry_address (lines[i], &rest);
      bd_scan_autofree char *host = NULL;
      BdRecipient *r;
      int j;

      if (address == NULL)
        continue;
      bd_scan_text_init (&diag, rest);
      for (j = i + 1; lines[j] != NULL && (lines[j][0] == ' ' || lines[j][0] == '\t'); j++)
        bd_scan_text_append_after_space (&diag, lines[j]);
      i = j - 1;
      if (bd_scan_find_recipient (bounce, address) != NULL)
        continue;
      r = bd_scan_add (bounce, address, diag.str);
      host = r->diagnostic != NULL ? bd_scan_host_in (r->diagnostic) : NULL;
      r->remote_mta = g_steal_pointer (&host);
      set_postfix_reason (r);
    }
  return bounce->recipients->len > 0;
}

gboolean
bd_scan_postfix (const BdScanInput *input,
                 BdBounce          *bounce)
{
  gboolean delayed;

  if (!is_postfix (input))
    return FALSE;
  if (!bd_scan_postfix_read (input, bounce))
    add_unreported (input, bounce);
  if (bounce->recipients->len == 0)
    return FALSE;

  delayed = bd_scan_subject_has (input, "Delayed Mail")
            || bd_scan_body_has (input, "THIS IS A WARNING ONLY");
  return bd_scan_finish (bounce, delayed ? BD_KIND_DELAYED : BD_KIND_BOUNCE);
}
