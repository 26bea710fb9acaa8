/* test-export.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JSON writer (bd-export.c) writes strings in runs, 16 bytes tested at
 * a time, into room it reserves itself, and numbers without printf. Each
 * is held here to the plain byte-by-byte form it replaced.
 */
#include "config.h"

#include <string.h>

#include "bd-diagnosis.h"
#include "bd-export.h"
#include "bd-test-util.h"

/* The escaping the writer always did, one byte at a time. */
static char *
reference_json_string (const char *s)
{
  GString *out = g_string_new ("\"");

  for (const char *p = s; *p; p++)
    {
      guchar c = (guchar)*p;

      if (c == '"')
        g_string_append (out, "\\\"");
      else if (c == '\\')
        g_string_append (out, "\\\\");
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

/* The start of the JSON object of a message read from @source at
 * @offset: its first two members, as the writer must write them. */
static char *
expected_start (const char *source,
                const char *offset)
{
  g_autofree char *quoted = reference_json_string (source);

  return g_strdup_printf ("{\"source\": %s, \"offset\": %s, \"kind\": ", quoted, offset);
}

static void
assert_source_written (const char *source)
{
  g_autoptr(BdBounce) bounce = bd_bounce_new (source, 0);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *expected = expected_start (source, "0");

  bd_export_json_append (out, bounce);
  if (!g_str_has_prefix (out->str, expected))
    g_error ("source %s written as %.*s", expected, (int)strlen (expected), out->str);
  g_assert_cmpuint (strlen (out->str), ==, out->len);
}

static void
test_export_json_every_byte (void)
{
  char all[256];

  /* Every byte but NUL, one after the other, and each alone. */
  for (guint i = 1; i < 256; i++)
    all[i - 1] = (char)i;
  all[255] = '\0';
  assert_source_written (all);
  for (guint i = 1; i < 256; i++)
    {
      char one[2] = { (char)i, '\0' };

      assert_source_written (one);
    }
}

/* A byte to escape at every place of strings around the 16-byte steps,
 * so the first and last byte of a step and the bytes after the last
 * whole step are each tested (steps of 32 bytes from 32 on, with AVX2),
 * and of every length the copies of fewer than 16 bytes take (1-3, 4-7
 * and 8-15 bytes, by overlapping moves). */
static void
test_export_json_escape_positions (void)
{
  static const char specials[] = { '"', '\\', '\n', '\r', '\t', 0x01, 0x1f, 0x7f };

  for (guint len = 1; len <= 72; len++)
    for (guint at = 0; at < len; at++)
      for (guint k = 0; k < G_N_ELEMENTS (specials); k++)
        {
          g_autofree char *s = g_strnfill (len, 'a');

          s[at] = specials[k];
          assert_source_written (s);
        }
  /* 0x20 and 0x80 are the bytes just past a control and DEL: plain. */
  assert_source_written ("                 \x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80!");
  assert_source_written ("z\xc5\xbc\xc3\xb3\xc5\x82w \xe2\x80\x94 \xf0\x9f\x93\xa7 UTF-8 stays as it is, byte for byte");
}

/* A long string, with escapes, appended to a buffer that already holds
 * text: the reserved room grows the buffer, and keeps what it held. */
static void
test_export_json_long_string (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(BdBounce) bounce = NULL;
  g_autoptr(GString) out = g_string_new ("already here\n");
  g_autofree char *expected = NULL;

  for (guint i = 0; i < 20000; i++)
    g_string_append (text, i % 7 == 0 ? "line\n\"quoted\"\t" : "plain text ");
  bounce = bd_bounce_new (text->str, 0);
  expected = expected_start (text->str, "0");

  bd_export_json_append (out, bounce);
  g_assert_true (g_str_has_prefix (out->str, "already here\n"));
  g_assert_true (g_str_has_prefix (out->str + strlen ("already here\n"), expected));
  g_assert_cmpuint (strlen (out->str), ==, out->len);
  g_assert_true (g_str_has_suffix (out->str, "}"));
}

static void
assert_offset_written (goffset     offset,
                       const char *written)
{
  g_autoptr(BdBounce) bounce = bd_bounce_new ("m.eml", 0);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *expected = expected_start ("m.eml", written);

  bounce->offset = offset;
  bd_export_json_append (out, bounce);
  g_assert_true (g_str_has_prefix (out->str, expected));
}

static void
test_export_json_numbers (void)
{
  g_autoptr(BdBounce) bounce = bd_bounce_new ("m.eml", 0);
  g_autoptr(GString) out = g_string_new (NULL);
  BdRecipient *r;

  assert_offset_written (0, "0");
  assert_offset_written (7, "7");
  assert_offset_written (10, "10");
  assert_offset_written (1234567890123, "1234567890123");
  assert_offset_written (G_MAXINT64, "9223372036854775807");
  assert_offset_written (-1, "-1");
  assert_offset_written (G_MININT64, "-9223372036854775808");

  bounce->kind = BD_KIND_BOUNCE;
  r = bd_bounce_add_recipient (bounce, "a@example.com");
  r->reply_code = 550;
  r = bd_bounce_add_recipient (bounce, "b@example.com");
  r->reply_code = 0;
  r = bd_bounce_add_recipient (bounce, "c@example.com");
  r->reply_code = G_MAXUINT;
  bd_export_json_append (out, bounce);
  g_assert_nonnull (strstr (out->str, "\"a@example.com\", \"original\": null, \"action\": null, "
                                      "\"status\": null, \"reply_code\": 550, "));
  g_assert_nonnull (strstr (out->str, "\"b@example.com\", \"original\": null, \"action\": null, "
                                      "\"status\": null, \"reply_code\": null, "));
  g_assert_nonnull (strstr (out->str, "\"reply_code\": 4294967295, "));
}

/* The object the writer must write for @bounce, member by member, as the
 * writer did before it reserved room for a whole object at once. */
static void
reference_member (GString    *out,
                  const char *separator,
                  const char *key,
                  const char *value)
{
  g_autofree char *quoted = value != NULL ? reference_json_string (value) : g_strdup ("null");

  g_string_append_printf (out, "%s\"%s\": %s", separator, key, quoted);
}

static void
reference_string_array (GString   *out,
                        GPtrArray *values)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < values->len; i++)
    {
      g_autofree char *quoted = reference_json_string (g_ptr_array_index (values, i));

      g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", quoted);
    }
  g_string_append_c (out, ']');
}

static void
reference_original (GString          *out,
                    const BdOriginal *o)
{
  reference_member (out, "{", "from", o->from);
  g_string_append (out, ", \"to\": ");
  reference_string_array (out, o->to);
  reference_member (out, ", ", "subject", o->subject);
  reference_member (out, ", ", "message_id", o->message_id);
  reference_member (out, ", ", "date", o->date);
  g_string_append (out, ", \"dkim\": [");
  for (guint i = 0; i < o->dkim->len; i++)
    {
      const BdDkimRef *ref = g_ptr_array_index (o->dkim, i);

      reference_member (out, i > 0 ? ", {" : "{", "domain", ref->domain);
      reference_member (out, ", ", "selector", ref->selector);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
  reference_member (out, ", ", "sender_ip", o->sender_ip);
  reference_member (out, ", ", "sender_host", o->sender_host);
  g_string_append_c (out, '}');
}

static void
reference_recipient (GString           *out,
                     const BdRecipient *r)
{
  reference_member (out, "{", "address", r->address);
  reference_member (out, ", ", "original", r->original);
  reference_member (out, ", ", "action", r->action);
  reference_member (out, ", ", "status", r->status);
  if (r->reply_code != 0)
    g_string_append_printf (out, ", \"reply_code\": %u", r->reply_code);
  else
    g_string_append (out, ", \"reply_code\": null");
  reference_member (out, ", ", "diagnostic", r->diagnostic);
  reference_member (out, ", ", "remote_mta", r->remote_mta);
  reference_member (out, ", ", "last_attempt", r->last_attempt);
  reference_member (out, ", ", "will_retry_until", r->will_retry_until);
  reference_member (out, ", ", "reason", bd_reason_to_string (r->reason));
  g_string_append_printf (out, ", \"hard\": %s", r->hard ? "true" : "false");
  reference_member (out, ", ", "evidence", r->evidence);
  g_string_append_c (out, '}');
}

static char *
reference_object (const BdBounce *bounce)
{
  GString *out = g_string_new (NULL);
  g_autofree char *summary = bd_diagnosis_summary (bounce);

  reference_member (out, "{", "source", bounce->source);
  g_string_append_printf (out, ", \"offset\": %" G_GINT64_FORMAT, (gint64)bounce->offset);
  reference_member (out, ", ", "kind", bd_kind_to_string (bounce->kind));
  reference_member (out, ", ", "mta", bounce->mta);
  reference_member (out, ", ", "reporting_mta", bounce->reporting_mta);
  reference_member (out, ", ", "date", bounce->date);
  reference_member (out, ", ", "arrival_date", bounce->arrival_date);
  g_string_append (out, ", \"original\": ");
  reference_original (out, bounce->original);
  g_string_append (out, ", \"recipients\": [");
  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      reference_recipient (out, g_ptr_array_index (bounce->recipients, i));
    }
  g_string_append_c (out, ']');
  reference_member (out, ", ", "note", bounce->note);
  reference_member (out, ", ", "summary", summary);
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

static void
assert_object_written (const BdBounce *bounce)
{
  g_autoptr(GString) out = g_string_new ("before");
  g_autofree char *expected = reference_object (bounce);

  bd_export_json_append (out, bounce);
  g_assert_cmpstr (out->str + strlen ("before"), ==, expected);
  g_assert_cmpuint (strlen (out->str), ==, out->len);
}

static BdDkimRef *
dkim_ref (const char *domain,
          const char *selector)
{
  BdDkimRef *ref = g_new0 (BdDkimRef, 1);

  ref->domain = g_strdup (domain);
  ref->selector = g_strdup (selector);
  return ref;
}

/* Whole objects, every member null or empty and every member set (with
 * escapes, and arrays of none, one and several elements), against the
 * object written member by member. */
static void
test_export_json_whole_object (void)
{
  g_autoptr(BdBounce) bounce = bd_bounce_new ("m.eml", 0);
  g_autofree char *long_text = g_strnfill (300, 'x');
  BdRecipient *r;

  assert_object_written (bounce);
  bounce->offset = 123456;
  bounce->kind = BD_KIND_BOUNCE;
  bounce->mta = g_strdup ("postfix");
  bounce->reporting_mta = g_strdup ("mx.example.com");
  bounce->date = g_strdup ("2026-12-08T00:00:00Z");
  bounce->arrival_date = g_strdup ("");
  bounce->note = g_strdup ("a \"note\"\n");
  bounce->original->from = g_strdup ("a@example.com");
  bounce->original->subject = g_strdup ("tab\there \\ \x01");
  g_ptr_array_add (bounce->original->to, g_strdup ("b@example.com"));
  g_ptr_array_add (bounce->original->dkim, dkim_ref ("example.com", NULL));
  assert_object_written (bounce);

  g_ptr_array_add (bounce->original->to, g_strdup (""));
  g_ptr_array_add (bounce->original->to, g_strdup (long_text));
  g_ptr_array_add (bounce->original->dkim, dkim_ref (NULL, "s1"));
  bounce->original->message_id = g_strdup ("<id@example.com>");
  bounce->original->date = g_strdup (long_text);
  bounce->original->sender_ip = g_strdup ("192.0.2.1");
  bounce->original->sender_host = g_strdup ("h.example.net");
  r = bd_bounce_add_recipient (bounce, "c@example.com");
  assert_object_written (bounce);

  r->original = g_strdup ("rfc822;c@example.com");
  r->action = g_strdup ("failed");
  r->status = g_strdup ("5.1.1");
  r->reply_code = 550;
  r->diagnostic = g_strdup_printf ("550 \"%s\"\r\n", long_text);
  r->remote_mta = g_strdup ("mx.example.org");
  r->last_attempt = g_strdup ("2026-12-08T00:00:00Z");
  r->will_retry_until = g_strdup ("2026-12-09T00:00:00Z");
  r->reason = BD_REASON_USERUNKNOWN;
  r->hard = TRUE;
  bd_recipient_set_evidence (r, BD_EVIDENCE_STATUS, "5.1.1");
  r = bd_bounce_add_recipient (bounce, NULL);
  r->reply_code = G_MAXUINT;
  bounce->offset = G_MININT64;
  assert_object_written (bounce);
}

/* The end of the line @bounce is written as: its summary member. */
static void
assert_summary_written (const BdBounce *bounce)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *summary = bd_diagnosis_summary (bounce);
  g_autofree char *quoted = reference_json_string (summary);
  g_autofree char *expected = g_strdup_printf (", \"summary\": %s}", quoted);

  bd_export_json_append (out, bounce);
  g_assert_true (g_str_has_suffix (out->str, expected));
  g_assert_cmpuint (strlen (out->str), ==, out->len);
}

/* The summary is written into the line unescaped, then escaped in place:
 * an address (the headline names it) of every length up to 64 with one
 * byte to escape at every place (a step apart under ASan), or none, with
 * one and with two recipients (the "n more" sentence), against the
 * summary's own string escaped as before. */
static void
test_export_json_summary_in_place (void)
{
  static const char escapes[] = { 0, '"', '\\', '\n', 0x01, 0x7f };

  for (guint len = 0; len <= 64; len++)
    {
      g_autoptr(BdBounce) bounce = bd_bounce_new ("m.eml", 0);
      BdRecipient *r = bd_bounce_add_recipient (bounce, NULL);

      bounce->kind = BD_KIND_BOUNCE;
      r->reason = BD_REASON_USERUNKNOWN;
      r->address = g_strnfill (len, 'a');
      for (guint e = 0; e < G_N_ELEMENTS (escapes); e++)
        for (guint at = 0; at < len || (at == 0 && e == 0); at += BD_TEST_STEP)
          {
            if (escapes[e] != 0)
              r->address[at] = escapes[e];
            g_ptr_array_set_size (bounce->recipients, 1);
            assert_summary_written (bounce);
            bd_bounce_add_recipient (bounce, "b@example.com");
            assert_summary_written (bounce);
            r->address[at % MAX (len, 1)] = len > 0 ? 'a' : '\0';
            if (escapes[e] == 0)
              break;   /* no escape: one place is enough */
          }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/export/json-every-byte", test_export_json_every_byte);
  test_add_func_each_vector_path ("/core/export/json-escape-positions", test_export_json_escape_positions);
  test_add_func_each_vector_path ("/core/export/json-long-string", test_export_json_long_string);
  g_test_add_func ("/core/export/json-numbers", test_export_json_numbers);
  test_add_func_each_vector_path ("/core/export/json-whole-object", test_export_json_whole_object);
  test_add_func_each_vector_path ("/core/export/json-summary-in-place", test_export_json_summary_in_place);

  return g_test_run ();
}
