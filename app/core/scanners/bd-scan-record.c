/* bd-scan-record.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adding what a scanner read to the result: recipients with their reply,
 * status and reply code, the refused command, the reason a format states
 * itself, and DSN fields that some formats paste into their text.
 */
#define G_LOG_DOMAIN "bd-scan-record"

#include "config.h"

#include <string.h>

#include "bd-scan-util.h"

/* A server's reply is a few lines; longer text is a template's prose or
 * someone's message, shown cut. */
#define MAX_DIAGNOSTIC 2000

/**
 * bd_scan_set_diagnostic:
 * @diagnostic: (nullable): the server's reply, possibly on several lines
 *
 * Stores @diagnostic on one line and fills status and reply code from it
 * when they are still unknown.
 */
void
bd_scan_set_diagnostic (BdRecipient *recipient,
                        const char  *diagnostic)
{
  char status[BD_SCAN_STATUS_MAX];

  g_return_if_fail (recipient != NULL);

  g_clear_pointer (&recipient->diagnostic, g_free);
  if (diagnostic == NULL)
    return;
  recipient->diagnostic = bd_scan_collapse_max (diagnostic, MAX_DIAGNOSTIC);
  if (recipient->diagnostic[0] == '\0')
    {
      g_clear_pointer (&recipient->diagnostic, g_free);
      return;
    }
  if (recipient->status == NULL && bd_scan_find_status (recipient->diagnostic, status))
    recipient->status = g_strdup (status);
  if (recipient->reply_code == 0)
    recipient->reply_code = bd_scan_find_reply_code (recipient->diagnostic);
}

/**
 * bd_scan_add:
 * @address: (nullable): text holding the recipient's address
 * @diagnostic: (nullable): the server's reply
 *
 * Returns: (transfer none): a new failed recipient of @bounce.
 */
BdRecipient *
bd_scan_add (BdBounce   *bounce,
             const char *address,
             const char *diagnostic)
{
  BdRecipient *recipient;

  g_return_val_if_fail (bounce != NULL, NULL);

  /* The address extracted is taken as it is, not copied again. */
  recipient = bd_bounce_add_recipient (bounce, NULL);
  if (address != NULL)
    recipient->address = bd_scan_extract_address (address);
  recipient->action = g_strdup ("failed");
  bd_scan_set_diagnostic (recipient, diagnostic);
  return recipient;
}

/**
 * bd_scan_command_name:
 * @text: what the client sent, e.g. "RCPT TO:<a@b>", "DATA", "end of data"
 *
 * Returns: (nullable): the SMTP command as the classifier names it:
 *   "CONN", "EHLO", "HELO", "MAIL", "RCPT" or "DATA".
 */
const char *
bd_scan_command_name (const char *text)
{
  static const struct { const char *prefix; const char *name; } commands[] = {
    { "RCPT", "RCPT" }, { "MAIL", "MAIL" }, { "DATA", "DATA" }, { "end of data", "DATA" },
    { "BDAT", "DATA" }, { "EHLO", "EHLO" }, { "HELO", "HELO" }, { "initial connection", "CONN" },
  };

  g_return_val_if_fail (text != NULL, NULL);

  text += strspn (text, " \t");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (bd_text_has_prefix_ci (text, commands[i].prefix))
        return commands[i].name;
    }
  return NULL;
}

/* Records which command the server refused, when @text names one. */
void
bd_scan_set_command (BdRecipient *recipient,
                     const char  *text)
{
  const char *name;

  g_return_if_fail (recipient != NULL);

  if (text == NULL || (name = bd_scan_command_name (text)) == NULL)
    return;
  g_free (recipient->command);
  recipient->command = g_strdup (name);
}

/**
 * bd_scan_find_recipient:
 *
 * Returns: (transfer none) (nullable): @bounce's record for @address
 *   (compared case-insensitively), if any.
 */
BdRecipient *
bd_scan_find_recipient (BdBounce   *bounce,
                        const char *address)
{
  g_return_val_if_fail (bounce != NULL, NULL);
  g_return_val_if_fail (address != NULL, NULL);

  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      BdRecipient *r = g_ptr_array_index (bounce->recipients, i);

      if (r->address != NULL && g_ascii_strcasecmp (r->address, address) == 0)
        return r;
    }
  return NULL;
}

/**
 * bd_scan_set_reason:
 * @kind: what states the reason: mostly %BD_EVIDENCE_STATED_BY_FORMAT,
 *   the format's own words
 * @item: (nullable): those words as written, or the kind's item
 *
 * For formats that state the reason in a fixed template of their own.
 */
void
bd_scan_set_reason (BdRecipient    *recipient,
                    BdReason        reason,
                    BdEvidenceKind  kind,
                    const char     *item)
{
  g_return_if_fail (recipient != NULL);

  recipient->reason = reason;
  bd_recipient_set_evidence (recipient, kind, item);
}

/**
 * bd_scan_reason_from_words:
 * @words: (array length=n_words): a scanner's own sentences, in order
 * @ignore_case: whether the sentences are matched case-insensitively
 *
 * Sets @recipient's reason from the first of @words found in its
 * diagnostic, with the sentence as evidence.
 *
 * Returns: whether one was found.
 */
gboolean
bd_scan_reason_from_words (BdRecipient       *recipient,
                           const BdScanWords *words,
                           gsize              n_words,
                           gboolean           ignore_case)
{
  if (recipient->diagnostic == NULL)
    return FALSE;
  for (gsize i = 0; i < n_words; i++)
    {
      const char *text = words[i].text;
      const char *found = ignore_case ? bd_text_strcasestr (recipient->diagnostic, text)
                                      : strstr (recipient->diagnostic, text);

      if (found != NULL)
        {
          bd_scan_set_reason (recipient, words[i].reason, BD_EVIDENCE_STATED_BY_FORMAT, text);
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * bd_scan_prefer_inner_reply:
 *
 * Relays that give up quote the last reply they got in angle brackets:
 * "554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2
 * Connection timed out>". The inner reply is the receiving server's own,
 * so its codes replace the relay's.
 */
void
bd_scan_prefer_inner_reply (BdRecipient *recipient)
{
  const char *inner;
  char status[BD_SCAN_STATUS_MAX];

  g_return_if_fail (recipient != NULL);

  if (recipient->diagnostic == NULL)
    return;
  for (inner = strchr (recipient->diagnostic, '<'); inner != NULL; inner = strchr (inner + 1, '<'))
    {
      if (g_ascii_isdigit (inner[1]) && g_ascii_isdigit (inner[2]) && g_ascii_isdigit (inner[3])
          && inner[4] == ' ' && (inner[1] == '4' || inner[1] == '5'))
        break;
    }
  if (inner == NULL)
    return;
  recipient->reply_code = bd_scan_find_reply_code (inner + 1);
  if (bd_scan_find_status (inner + 1, status))
    {
      bd_recipient_set_status (recipient, status);
    }
}

/* The value of "Name: type; value" with the type dropped. */
static const char *
field_value (const char *line,
             const char *name)
{
  const char *p;
  gsize n = strlen (name);

  if (g_ascii_strncasecmp (line, name, n) != 0 || line[n] != ':')
    return NULL;
  p = line + n + 1;
  if (g_ascii_strcasecmp (name, "Status") != 0 && g_ascii_strcasecmp (name, "Action") != 0
      && strchr (p, ';') != NULL)
    p = strchr (p, ';') + 1;
  return p + strspn (p, " \t");
}

/**
 * bd_scan_read_dsn_fields:
 * @from: the first line to read
 *
 * Reads RFC 3464 per-recipient fields that a format pastes into its text
 * rather than attaching as message/delivery-status: Final-Recipient (or
 * Original-Recipient), Action, Status, Remote-MTA and Diagnostic-Code with
 * its continuation lines.
 *
 * Returns: how many recipients were added to @bounce.
 */
guint
bd_scan_read_dsn_fields (char     **lines,
                         int        from,
                         BdBounce  *bounce)
{
  BdRecipient *r = NULL;
  guint added = 0;

  g_return_val_if_fail (lines != NULL, 0);
  g_return_val_if_fail (bounce != NULL, 0);

  for (int i = 0; lines[i] != NULL; i++)
    {
      const char *v;

      if (i < from)
        continue;
      if ((v = field_value (lines[i], "Final-Recipient")) != NULL
          || ((v = field_value (lines[i], "Original-Recipient")) != NULL && r == NULL))
        {
          bd_scan_autofree char *address = bd_scan_extract_address (v);

          if (address == NULL)
            continue;
          r = bd_scan_find_recipient (bounce, address);
          if (r == NULL)
            {
              r = bd_scan_add (bounce, address, NULL);
              added++;
            }
        }
      else if (r == NULL)
        continue;
      else if ((v = field_value (lines[i], "Action")) != NULL)
        {
          g_free (r->action);
          r->action = g_ascii_strdown (v, -1);
        }
      else if ((v = field_value (lines[i], "Status")) != NULL)
        {
          char status[BD_SCAN_STATUS_MAX];

          if (bd_scan_find_status (v, status))
            {
              bd_recipient_set_status (r, status);
            }
        }
      else if ((v = field_value (lines[i], "Remote-MTA")) != NULL)
        {
          g_free (r->remote_mta);
          r->remote_mta = g_strdup (v);
        }
      else if ((v = field_value (lines[i], "Diagnostic-Code")) != NULL)
        {
          g_autoptr(GString) text = g_string_new (v);

          while (lines[i + 1] != NULL && (lines[i + 1][0] == ' ' || lines[i + 1][0] == '\t'))
            g_string_append (text, lines[++i]);
          bd_scan_set_diagnostic (r, text->str);
        }
    }
  return added;
}

/**
 * bd_scan_finish:
 * @kind: %BD_KIND_BOUNCE or %BD_KIND_DELAYED
 *
 * Sets @bounce's kind (and the recipients' action for a delay) when it
 * has recipients.
 *
 * Returns: TRUE when @bounce has at least one recipient.
 */
gboolean
bd_scan_finish (BdBounce *bounce,
                BdKind    kind)
{
  g_return_val_if_fail (bounce != NULL, FALSE);

  if (bounce->recipients->len == 0)
    return FALSE;

  bounce->kind = kind;
  if (kind == BD_KIND_DELAYED)
    {
      for (guint i = 0; i < bounce->recipients->len; i++)
        {
          BdRecipient *r = g_ptr_array_index (bounce->recipients, i);

          g_free (r->action);
          r->action = g_strdup ("delayed");
        }
    }
  return TRUE;
}
