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
 * SES's own delivery reports (MAILER-DAEMON@amazonses.com) are standard
 * and read by the decoder; this scanner also fills in their quoted reply.
 */
#define G_LOG_DOMAIN "bd-scan-amazonses"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "bd-scan-families.h"
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
  g_autofree char *reporting = strip_type (member_string (info, "reportingMTA"));
  gboolean transient = g_strcmp0 (member_string (info, "bounceType"), "Transient") == 0;

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *item = json_array_get_object_element (list, i);
      const char *address = member_string (item, "emailAddress");
      const char *status = member_string (item, "status");
      g_autofree char *diagnostic = strip_type (member_string (item, "diagnosticCode"));
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
      bd_scan_set_reason (r, BD_REASON_DELIVERED, "notificationType Delivery");
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
      bd_scan_set_reason (r, BD_REASON_FEEDBACK, "notificationType Complaint");
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

gboolean
bd_scan_amazonses (const BdScanInput *input,
                   BdBounce          *bounce)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonParser) inner = NULL;
  const char *start = strchr (input->body, '{');
  const char *end;
  JsonObject *event;
  const char *type;

  if (start == NULL || strstr (input->body, "\"notificationType\"") == NULL)
    return FALSE;
  if (!bd_scan_from_has (input, "amazonaws.com") && !bd_scan_from_has (input, "amazonses.com")
      && strstr (input->body, "amazonses.com") == NULL)
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
