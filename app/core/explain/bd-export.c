/* bd-export.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hand-written writers: a mailbox scan exports hundreds of thousands of
 * records, and building a JsonNode tree for each would cost more than
 * decoding them.
 */
#define G_LOG_DOMAIN "bd-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-diagnosis.h"
#include "bd-export.h"

static void
append_json_string (GString    *out,
                    const char *s)
{
  static const char hex[] = "0123456789abcdef";
  const char *run;

  if (s == NULL)
    {
      g_string_append_len (out, "null", 4);
      return;
    }
  g_string_append_c (out, '"');
  run = s;
  for (const char *p = s; *p; p++)
    {
      guchar c = (guchar)*p;

      if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
        continue;
      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"': g_string_append_len (out, "\\\"", 2); break;
        case '\\': g_string_append_len (out, "\\\\", 2); break;
        case '\n': g_string_append_len (out, "\\n", 2); break;
        case '\r': g_string_append_len (out, "\\r", 2); break;
        case '\t': g_string_append_len (out, "\\t", 2); break;
        default:
          g_string_append_len (out, "\\u00", 4);
          g_string_append_c (out, hex[c >> 4]);
          g_string_append_c (out, hex[c & 0xf]);
        }
    }
  g_string_append_len (out, run, strlen (run));
  g_string_append_c (out, '"');
}

static void
append_key (GString    *out,
            const char *key,
            const char *value)
{
  g_string_append_c (out, '"');
  g_string_append (out, key);
  g_string_append_len (out, "\": ", 3);
  append_json_string (out, value);
}

static void
append_original (GString          *out,
                 const BdOriginal *o)
{
  g_string_append (out, "{");
  append_key (out, "from", o->from);
  g_string_append (out, ", \"to\": [");
  for (guint i = 0; i < o->to->len; i++)
    {
      if (i > 0)
        g_string_append_len (out, ", ", 2);
      append_json_string (out, g_ptr_array_index (o->to, i));
    }
  g_string_append (out, "], ");
  append_key (out, "subject", o->subject);
  g_string_append (out, ", ");
  append_key (out, "message_id", o->message_id);
  g_string_append (out, ", ");
  append_key (out, "date", o->date);
  g_string_append (out, ", \"dkim\": [");
  for (guint i = 0; i < o->dkim->len; i++)
    {
      const BdDkimRef *ref = g_ptr_array_index (o->dkim, i);

      g_string_append (out, i > 0 ? ", {" : "{");
      append_key (out, "domain", ref->domain);
      g_string_append (out, ", ");
      append_key (out, "selector", ref->selector);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "], ");
  append_key (out, "sender_ip", o->sender_ip);
  g_string_append (out, ", ");
  append_key (out, "sender_host", o->sender_host);
  g_string_append_c (out, '}');
}

static void
append_recipient (GString           *out,
                  const BdRecipient *r)
{
  g_string_append_c (out, '{');
  append_key (out, "address", r->address);
  g_string_append (out, ", ");
  append_key (out, "original", r->original);
  g_string_append (out, ", ");
  append_key (out, "action", r->action);
  g_string_append (out, ", ");
  append_key (out, "status", r->status);
  if (r->reply_code != 0)
    g_string_append_printf (out, ", \"reply_code\": %u, ", r->reply_code);
  else
    g_string_append (out, ", \"reply_code\": null, ");
  append_key (out, "diagnostic", r->diagnostic);
  g_string_append (out, ", ");
  append_key (out, "remote_mta", r->remote_mta);
  g_string_append (out, ", ");
  append_key (out, "last_attempt", r->last_attempt);
  g_string_append (out, ", ");
  append_key (out, "will_retry_until", r->will_retry_until);
  g_string_append (out, ", ");
  append_key (out, "reason", bd_reason_to_string (r->reason));
  g_string_append (out, r->hard ? ", \"hard\": true, " : ", \"hard\": false, ");
  append_key (out, "evidence", r->evidence);
  g_string_append_c (out, '}');
}

/**
 * bd_export_json_append:
 * @out: where to append one JSON object, without a line end
 */
void
bd_export_json_append (GString        *out,
                       const BdBounce *bounce)
{
  g_autofree char *summary = NULL;

  g_return_if_fail (out != NULL);
  g_return_if_fail (bounce != NULL);

  g_string_append_c (out, '{');
  append_key (out, "source", bounce->source);
  g_string_append_printf (out, ", \"offset\": %" G_GINT64_FORMAT ", ", (gint64)bounce->offset);
  append_key (out, "kind", bd_kind_to_string (bounce->kind));
  g_string_append (out, ", ");
  append_key (out, "mta", bounce->mta);
  g_string_append (out, ", ");
  append_key (out, "reporting_mta", bounce->reporting_mta);
  g_string_append (out, ", ");
  append_key (out, "date", bounce->date);
  g_string_append (out, ", ");
  append_key (out, "arrival_date", bounce->arrival_date);
  g_string_append (out, ", \"original\": ");
  append_original (out, bounce->original);
  g_string_append (out, ", \"recipients\": [");
  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      if (i > 0)
        g_string_append_len (out, ", ", 2);
      append_recipient (out, g_ptr_array_index (bounce->recipients, i));
    }
  g_string_append (out, "], ");
  append_key (out, "note", bounce->note);
  summary = bd_diagnosis_summary (bounce);
  g_string_append (out, ", ");
  append_key (out, "summary", summary);
  g_string_append_c (out, '}');
}

/**
 * bd_export_append_csv_field:
 * @s: (nullable): the value; %NULL leaves the field empty
 *
 * Appends @s as one RFC 4180 field, quoted only when it must be.
 */
void
bd_export_append_csv_field (GString    *out,
                            const char *s)
{
  if (s == NULL)
    return;
  if (strpbrk (s, ",\"\r\n") == NULL && s[0] != ' ' && (s[0] == '\0' || s[strlen (s) - 1] != ' '))
    {
      g_string_append (out, s);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = s; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * bd_export_csv_append:
 *
 * Appends one row per recipient (see %BD_EXPORT_CSV_HEADER), each ending
 * in CRLF-free "\n".
 */
void
bd_export_csv_append (GString        *out,
                      const BdBounce *bounce)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (bounce != NULL);

  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      const BdRecipient *r = g_ptr_array_index (bounce->recipients, i);

      bd_export_append_csv_field (out, bounce->source);
      g_string_append_printf (out, ",%" G_GINT64_FORMAT ",%s,", (gint64)bounce->offset,
                              bd_kind_to_string (bounce->kind));
      bd_export_append_csv_field (out, r->address);
      g_string_append_c (out, ',');
      bd_export_append_csv_field (out, r->status);
      g_string_append_c (out, ',');
      if (r->reply_code != 0)
        g_string_append_printf (out, "%u", r->reply_code);
      g_string_append_printf (out, ",%s,%s,", bd_reason_to_string (r->reason),
                              r->hard ? "true" : "false");
      bd_export_append_csv_field (out, r->diagnostic);
      g_string_append_c (out, '\n');
    }
}
