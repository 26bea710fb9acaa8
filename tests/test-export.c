/* test-export.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JSON writer (bd-export.c) writes strings in runs, 16 bytes tested at
 * a time, into room it reserves itself, and numbers without printf. Each
 * is held here to the plain byte-by-byte form it replaced.
 */
#include "config.h"

#include <string.h>

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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/export/json-every-byte", test_export_json_every_byte);
  test_add_func_each_vector_path ("/core/export/json-escape-positions", test_export_json_escape_positions);
  test_add_func_each_vector_path ("/core/export/json-long-string", test_export_json_long_string);
  g_test_add_func ("/core/export/json-numbers", test_export_json_numbers);

  return g_test_run ();
}
