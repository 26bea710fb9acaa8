/* bd-scan-amazonses.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Amazon SES notifications delivered by e-mail through Amazon SNS
 * (no-reply@sns.amazonaws.com, Subject "AWS Notification Message"): the
 * body is JSON, either the SES event itself or SNS's envelope with the
 * event as a string in "Message":
 *
 *   {"notificationType":"Bounce","bounce":{"bounceType":"Permanent",
 *    "bouncedRecipients":[{"emailAddress":"a@b","action":"failed",
 *    "status":"5.1.1","diagnosticCode":"smtp; 550 5.1.1 user unknown"}],
 *    "reportingMTA":"dsn; a1-2.smtp-out.amazonses.com"}, "mail":{…}}
 *
 * "Delivery" events become delivered reports, "Complaint" events feedback.
 *
 * SES's own delivery reports (headers X-SES-Outgoing or X-AWS-Outgoing)
 * are usually standard and read by the decoder, but their text comes in
 * three templates that this scanner also reads when the report part is
 * missing (flattened by a relay, or pasted as text):
 *
 *   The following message to <a@b> was undeliverable.      (sending, old)
 *   The reason for the problem:
 *   5.1.0 - Unknown address error 550-'5.1.1 user unknown'
 *
 *   An error occurred while trying to deliver the mail to    (sending)
 *   the following recipients:
 *
 *   This message could not be delivered.                     (receiving)
 *
 * each followed, in the text or the report, by Final-Recipient, Status
 * and Diagnostic-Code fields.
 */
#define G_LOG_DOMAIN "bd-scan-amazonses"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "bd-scan-gates-private.h"
#include "bd-scan-families.h"
#include "bd-scan-gate.h"
#include "bd-scan-util.h"

/* JSON larger than this is not a notification. */
#define MAX_JSON (1024 * 1024)

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  node = json_object_get_member (object, name);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  node = json_object_get_member (object, name);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  node = json_object_get_member (object, name);
  return JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* "dsn; a1-2.smtp-out…" → "a1-2.smtp-out…" */
static char *
strip_type (const char *value)
{
  const char *semicolon;

  if (value == NULL)
    return NULL;
  semicolon = strchr (value, ';');
  return g_strstrip (g_strdup (semicolon != NULL ? semicolon + 1 : value));
}

static void
read_bounce (JsonObject *event,
             BdBounce   *bounce)
{
  JsonObject *info = member_object (event, "bounce");
  JsonArray *list = member_array (info, "bouncedRecipients");
  bd_scan_autofree char *reporting = strip_type (member_string (info, "reportingMTA"));
  gboolean transient = g_strcmp0 (member_string (info, "bounceType"), "Transient") == 0;

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *item = json_array_get_object_element (list, i);
      const char *address = member_string (item, "emailAddress");
      const char *status = member_string (item, "status");
      bd_scan_autofree char *diagnostic = strip_type (member_string (item, "diagnosticCode"));
      char code[BD_SCAN_STATUS_MAX];
      BdRecipient *r;

      if (address == NULL)
        continue;
      r = bd_scan_add (bounce, address, NULL);
      if (status != NULL && bd_scan_find_status (status, code))
        r->status = g_strdup (code);
      bd_scan_set_diagnostic (r, diagnostic);
      if (member_string (item, "action") != NULL)
        {
          g_free (r->action);
          r->action = g_ascii_strdown (member_string (item, "action"), -1);
        }
    }
  g_free (bounce->reporting_mta);
  bounce->reporting_mta = g_steal_pointer (&reporting);
  bd_scan_finish (bounce, transient ? BD_KIND_DELAYED : BD_KIND_BOUNCE);
}

static void
read_delivery (JsonObject *event,
               BdBounce   *bounce)
{
  JsonObject *info = member_object (event, "delivery");
  JsonArray *list = member_array (info, "recipients");
  const char *response = member_string (info, "smtpResponse");

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      BdRecipient *r = bd_scan_add (bounce, json_array_get_string_element (list, i), response);

      g_free (r->action);
      r->action = g_strdup ("delivered");
      bd_scan_set_reason (r, BD_REASON_DELIVERED, BD_EVIDENCE_NOTIFICATION_TYPE, "Delivery");
    }
  g_free (bounce->reporting_mta);
  bounce->reporting_mta = g_strdup (member_string (info, "reportingMTA"));
  if (bounce->recipients->len > 0)
    bounce->kind = BD_KIND_DELIVERED;
}

static void
read_complaint (JsonObject *event,
                BdBounce   *bounce)
{
  JsonObject *info = member_object (event, "complaint");
  JsonArray *list = member_array (info, "complainedRecipients");

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *item = json_array_get_object_element (list, i);
      BdRecipient *r = bd_scan_add (bounce, member_string (item, "emailAddress"),
                                    member_string (info, "complaintFeedbackType"));

      g_clear_pointer (&r->action, g_free);
      bd_scan_set_reason (r, BD_REASON_FEEDBACK, BD_EVIDENCE_NOTIFICATION_TYPE, "Complaint");
    }
  if (bounce->recipients->len > 0)
    bounce->kind = BD_KIND_FEEDBACK;
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text,
              gssize      len)
{
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, len, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

/* The first lines of SES's own bounce texts (see the top of the file). */
static const char *const text_markers[] = {
  "The following message to <",
  "An error occurred while trying to deliver the mail",
  "This message could not be delivered.",
  NULL
};

/* SES stamps every message it sends (X-SES-Outgoing, X-AWS-Outgoing), so
 * those headers count only with the delivery-status fields in the text;
 * SES's own MAILER-DAEMON needs nothing more. WorkMail (sent through SES)
 * uses the same opening words and has a scanner of its own. */
gboolean
bd_scan_gate_ses_text (const BdScanInput *input)
{
  bd_scan_autofree char *mailer = NULL;

  /* the rarer first: nearly every From: holds "MAILER-DAEMON@"; the
   * stamps' values do not matter, only that one is there */
  if (!bd_scan_gate_from_has (input, "amazonses.com") || !bd_scan_gate_from_has (input, "MAILER-DAEMON@"))
    {
      if (!bd_scan_gate_has_field (input, BD_SCAN_MEMO_HAS_SES_STAMP))
        return FALSE;
      if (bd_text_strcasestr (input->body, "Final-Recipient:") == NULL)
        return FALSE;
    }
  mailer = bd_scan_header (input, "X-Mailer");
  if (mailer == NULL)
    mailer = bd_scan_header (input, "X-Original-Mailer");
  return mailer == NULL || strstr (mailer, "Amazon WorkMail") == NULL;
}

/* The old template names the recipient in its first line and gives the
 * reason on the lines after "The reason for the problem:". */
static void
read_old_template (char    **lines,
                   int       at,
                   BdBounce *bounce)
{
  int reason = bd_scan_find_line (lines, at + 1, "The reason for the problem:");
  bd_scan_autofree char *diagnostic = NULL;
  bd_scan_autofree char *address = NULL;
  int end;

  if (reason >= 0)
    {
      for (end = reason + 1; lines[end] != NULL && lines[end][0] != '\0'; end++)
        ;
      diagnostic = bd_scan_join_lines (lines, reason + 1, end);
    }
  address = bd_scan_extract_address (lines[at]);
  if (address != NULL)
    bd_scan_add (bounce, address, diagnostic);
}

/* SES reports a generic 5.0.0 (or 5.1.0) and quotes the receiving
 * server in single quotes, whose status says what went wrong. */
static void
prefer_quoted_status (BdRecipient *r)
{
  const char *quote;
  char status[BD_SCAN_STATUS_MAX];

  if (r->diagnostic == NULL || r->status == NULL
      || (!g_str_has_suffix (r->status, ".0.0") && !g_str_has_suffix (r->status, ".1.0")))
    return;
  for (quote = strchr (r->diagnostic, '\''); quote != NULL; quote = strchr (quote + 1, '\''))
    if (g_ascii_isdigit (quote[1]) && quote[2] == '.' && bd_scan_find_status (quote + 1, status))
      {
        g_free (r->status);
        r->status = g_strdup (status);
        return;
      }
}

/* The old template's reason: "5.1.0 - Unknown address error 550-'5.1.1
 * user unknown'". The quoted reply is the receiving server's, so it leads
 * the diagnostic (its codes are the ones read from it), the relay's words
 * following in brackets. */
static void
prefer_quoted_reply (BdRecipient *r)
{
  const char *open, *close;
  bd_scan_autofree char *inner = NULL;
  bd_scan_autofree char *relay = NULL;
  bd_scan_autofree char *text = NULL;
  guint code;

  if (r->diagnostic == NULL || (open = strstr (r->diagnostic, "-'")) == NULL
      || (close = strrchr (open + 2, '\'')) == NULL || open < r->diagnostic + 3)
    return;
  code = bd_scan_find_reply_code (open - 3);
  if (code < 400 || code > 599)
    return;
  inner = g_strndup (open + 2, close - open - 2);
  relay = g_strstrip (g_strndup (r->diagnostic, open - 3 - r->diagnostic));
  g_clear_pointer (&r->status, g_free);
  r->reply_code = 0;
  text = g_strdup_printf ("%u %s (%s)", code, inner, relay);
  bd_scan_set_diagnostic (r, text);
}

/* SES's own texts: the recipients are in the pasted delivery-status
 * fields, or (old template) in the first line. */
static gboolean
read_text (const BdScanInput *input,
           BdBounce          *bounce)
{
  const char *const stop[] = { "Content-Type: message/rfc822", "Content-Type: text/rfc822-headers",
                               "------ This is a copy of the message", NULL };
  bd_scan_autofree char **lines = NULL;
  int at = -1;

  if (!bd_scan_gate_ses_text (input) || !bd_text_contains_any (input->body, text_markers))
    return FALSE;
  lines = bd_scan_split_lines (input, stop);
  for (int i = 0; lines[i] != NULL && at < 0; i++)
    for (guint m = 0; text_markers[m] != NULL && at < 0; m++)
      if (bd_scan_has_prefix (lines[i], text_markers[m]))
        at = i;
  if (at < 0)
    return FALSE;
  if (bd_scan_read_dsn_fields (lines, at + 1, bounce) == 0 && bd_scan_has_prefix (lines[at], text_markers[0]))
    read_old_template (lines, at, bounce);
  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      BdRecipient *r = g_ptr_array_index (bounce->recipients, i);

      prefer_quoted_reply (r);
      prefer_quoted_status (r);
      if (r->diagnostic != NULL && strstr (r->diagnostic, "Delivery expired") != NULL)
        bd_scan_set_reason (r, BD_REASON_EXPIRED, BD_EVIDENCE_STATED_BY_FORMAT, "Delivery expired");
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}

gboolean
bd_scan_amazonses (const BdScanInput *input,
                   BdBounce          *bounce)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonParser) inner = NULL;
  const char *start;
  const char *end;
  JsonObject *event;
  const char *type;

  /* the member first: the body's grams mostly answer it, where looking
   * for a brace read the whole of every body without one */
  if (!bd_scan_body_has (input, "\"notificationType\"") || (start = strchr (input->body, '{')) == NULL)
    return read_text (input, bounce);
  if (!bd_scan_gate_from_has (input, "amazonaws.com") && !bd_scan_gate_from_has (input, "amazonses.com")
      && !bd_scan_body_has (input, "amazonses.com"))
    return FALSE;
  /* the JSON ends before SNS's unsubscribe footer */
  end = strrchr (input->body, '}');
  if (end == NULL || end < start || end - start > MAX_JSON)
    return FALSE;

  parser = json_parser_new ();
  event = parse_object (parser, start, end - start + 1);
  if (event != NULL && member_string (event, "Message") != NULL)
    {
      /* SNS's envelope: the SES event is a string */
      inner = json_parser_new ();
      event = parse_object (inner, member_string (event, "Message"), -1);
    }
  type = member_string (event, "notificationType");
  if (type == NULL)
    type = member_string (event, "eventType");
  if (g_strcmp0 (type, "Bounce") == 0)
    read_bounce (event, bounce);
  else if (g_strcmp0 (type, "Delivery") == 0)
    read_delivery (event, bounce);
  else if (g_strcmp0 (type, "Complaint") == 0)
    read_complaint (event, bounce);
  return bounce->recipients->len > 0;
}
