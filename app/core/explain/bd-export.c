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

/* One JSON object or array being written: ", " goes before every member
 * but the first, so the writers below only name their members. */
typedef struct
{
  GString  *out;
  gboolean  started;
} JsonLevel;

static JsonLevel
json_open (GString *out,
           char     bracket)
{
  g_string_append_c (out, bracket);
  return (JsonLevel) { out, FALSE };
}

static void
json_next (JsonLevel *level)
{
  if (level->started)
    g_string_append_len (level->out, ", ", 2);
  level->started = TRUE;
}

static void
json_key (JsonLevel  *level,
          const char *key)
{
  json_next (level);
  g_string_append_c (level->out, '"');
  g_string_append (level->out, key);
  g_string_append_len (level->out, "\": ", 3);
}

/* A nested object or array: as @key's value in an object (@key non-NULL),
 * or as the next element of an array. */
static JsonLevel
json_open_in (JsonLevel  *parent,
              const char *key,
              char        bracket)
{
  if (key != NULL)
    json_key (parent, key);
  else
    json_next (parent);
  return json_open (parent->out, bracket);
}

static void
json_string (JsonLevel  *level,
             const char *key,
             const char *value)
{
  json_key (level, key);
  append_json_string (level->out, value);
}

/* A number, or null for 0 (no reply code). */
static void
json_uint_or_null (JsonLevel  *level,
                   const char *key,
                   guint       value)
{
  json_key (level, key);
  if (value != 0)
    g_string_append_printf (level->out, "%u", value);
  else
    g_string_append_len (level->out, "null", 4);
}

static void
json_string_array (JsonLevel  *level,
                   const char *key,
                   GPtrArray  *values)
{
  JsonLevel array = json_open_in (level, key, '[');

  for (guint i = 0; i < values->len; i++)
    {
      json_next (&array);
      append_json_string (array.out, g_ptr_array_index (values, i));
    }
  g_string_append_c (array.out, ']');
}

static void
append_dkim (JsonLevel       *array,
             const BdDkimRef *ref)
{
  JsonLevel object = json_open_in (array, NULL, '{');

  json_string (&object, "domain", ref->domain);
  json_string (&object, "selector", ref->selector);
  g_string_append_c (object.out, '}');
}

static void
append_original (GString          *out,
                 const BdOriginal *o)
{
  JsonLevel object = json_open (out, '{');
  JsonLevel dkim;

  json_string (&object, "from", o->from);
  json_string_array (&object, "to", o->to);
  json_string (&object, "subject", o->subject);
  json_string (&object, "message_id", o->message_id);
  json_string (&object, "date", o->date);
  dkim = json_open_in (&object, "dkim", '[');
  for (guint i = 0; i < o->dkim->len; i++)
    append_dkim (&dkim, g_ptr_array_index (o->dkim, i));
  g_string_append_c (out, ']');
  json_string (&object, "sender_ip", o->sender_ip);
  json_string (&object, "sender_host", o->sender_host);
  g_string_append_c (out, '}');
}

static void
append_recipient (JsonLevel         *array,
                  const BdRecipient *r)
{
  JsonLevel object = json_open_in (array, NULL, '{');

  json_string (&object, "address", r->address);
  json_string (&object, "original", r->original);
  json_string (&object, "action", r->action);
  json_string (&object, "status", r->status);
  json_uint_or_null (&object, "reply_code", r->reply_code);
  json_string (&object, "diagnostic", r->diagnostic);
  json_string (&object, "remote_mta", r->remote_mta);
  json_string (&object, "last_attempt", r->last_attempt);
  json_string (&object, "will_retry_until", r->will_retry_until);
  json_string (&object, "reason", bd_reason_to_string (r->reason));
  json_key (&object, "hard");
  g_string_append (object.out, r->hard ? "true" : "false");
  json_string (&object, "evidence", r->evidence);
  g_string_append_c (object.out, '}');
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
  JsonLevel object, recipients;

  g_return_if_fail (out != NULL);
  g_return_if_fail (bounce != NULL);

  object = json_open (out, '{');
  json_string (&object, "source", bounce->source);
  json_key (&object, "offset");
  g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64)bounce->offset);
  json_string (&object, "kind", bd_kind_to_string (bounce->kind));
  json_string (&object, "mta", bounce->mta);
  json_string (&object, "reporting_mta", bounce->reporting_mta);
  json_string (&object, "date", bounce->date);
  json_string (&object, "arrival_date", bounce->arrival_date);
  json_key (&object, "original");
  append_original (out, bounce->original);
  recipients = json_open_in (&object, "recipients", '[');
  for (guint i = 0; i < bounce->recipients->len; i++)
    append_recipient (&recipients, g_ptr_array_index (bounce->recipients, i));
  g_string_append_c (out, ']');
  json_string (&object, "note", bounce->note);
  summary = bd_diagnosis_summary (bounce);
  json_string (&object, "summary", summary);
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
