/* test-mime-charset.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bd_mime_text_to_utf8()'s fast paths (UTF-8 validated with its ASCII runs
 * skipped, single-byte charsets by table, ASCII in charsets iconv does
 * not know taken as it is,
 * ISO-2022-JP a piece at a time, ...)
 * give what the conversion did before them, which is kept here as the
 * reference: GMime's iconv helpers on the whole text. Compared over edge
 * cases, every byte value and random text.
 */
#include "config.h"

#include <gmime/gmime.h>
#include <string.h>

#include "bd-mime.h"
#include "bd-mime-charset-table.h"
#include "bd-mime-text.h"
#include "bd-test-util.h"

/* --- the reference: bd-mime-text.c as it was at b21fb83 ------------------ */

static gboolean
ref_is_utf8_name (const char *charset)
{
  return g_ascii_strcasecmp (charset, "utf-8") == 0
      || g_ascii_strcasecmp (charset, "utf8") == 0
      || g_ascii_strcasecmp (charset, "us-ascii") == 0
      || g_ascii_strcasecmp (charset, "ascii") == 0;
}

static gboolean
ref_is_ascii_superset (const char *charset)
{
  return g_ascii_strncasecmp (charset, "iso-8859-", 9) == 0
      || g_ascii_strncasecmp (charset, "windows-125", 11) == 0
      || g_ascii_strncasecmp (charset, "cp125", 5) == 0
      || g_ascii_strncasecmp (charset, "koi8-", 5) == 0;
}

static gboolean
ref_is_plain_ascii (const char *text,
                    gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar)text[i] >= 0x80 || text[i] == '\0')
      return FALSE;
  return TRUE;
}

static gboolean
ref_is_utf8_as_is (const char *text,
                   gsize       len,
                   const char *charset)
{
  if ((charset == NULL || ref_is_utf8_name (charset) || ref_is_ascii_superset (charset))
      && ref_is_plain_ascii (text, len))
    return TRUE;
  return (charset == NULL || ref_is_utf8_name (charset)) && g_utf8_validate_len (text, len, NULL);
}

static char *
ref_convert_to_utf8 (const char *text,
                     gsize       len,
                     const char *charset)
{
  char *out = NULL;

  if (charset != NULL && !ref_is_utf8_name (charset))
    {
      iconv_t cd = g_mime_iconv_open ("UTF-8", charset);

      if (cd != (iconv_t) -1)
        {
          out = g_mime_iconv_strndup (cd, text, len);
          g_mime_iconv_close (cd);
          if (out != NULL && !g_utf8_validate (out, -1, NULL))
            g_clear_pointer (&out, g_free);
        }
    }
  if (out == NULL)
    {
      out = g_mime_utils_decode_8bit (NULL, text, len);
      if (out == NULL || !g_utf8_validate (out, -1, NULL))
        {
          char *valid = g_utf8_make_valid (out ? out : text, out ? -1 : (gssize)len);

          g_free (out);
          out = valid;
        }
    }
  return out;
}

/* take_as_utf8 (): @out is @len bytes of our own, NUL after them */
static char *
ref_take_as_utf8 (char       *out,
                  gsize       len,
                  const char *charset,
                  gsize      *out_len)
{
  if (len > 0 && !ref_is_utf8_as_is (out, len, charset))
    {
      char *converted = ref_convert_to_utf8 (out, len, charset);

      g_free (out);
      out = converted;
      len = strlen (out);
    }
  *out_len = bd_mime_normalise_newlines (out, len);
  return out;
}

/* bd_mime_text_to_utf8 (): g_strndup () clears what follows a NUL */
static char *
ref_to_utf8 (const char *text,
             gsize       len,
             const char *charset,
             gsize      *out_len)
{
  return ref_take_as_utf8 (g_strndup (text, len), len, charset, out_len);
}

/* bd_mime_part_text_hinted (): the content as it is, NULs and all */
static char *
ref_part_text (const char *content,
               gsize       len,
               const char *charset,
               gsize      *out_len)
{
  char *copy = g_malloc (len + 1);

  memcpy (copy, content, len);
  copy[len] = '\0';
  return ref_take_as_utf8 (copy, len, charset, out_len);
}

/* --- comparing -------------------------------------------------------- */

static void
assert_as_before (const char *text,
                  gsize       len,
                  const char *charset)
{
  gsize ref_len, len_now;
  g_autofree char *ref = ref_to_utf8 (text, len, charset, &ref_len);
  g_autofree char *now = bd_mime_text_to_utf8 (text, len, charset, &len_now);

  if (ref_len != len_now || memcmp (ref, now, ref_len + 1) != 0)
    {
      g_autofree char *copy = g_strndup (text, len);
      g_autofree char *shown = g_strescape (copy, NULL);

      g_test_message ("%s: \"%s\" gave %zu bytes, before %zu", charset, shown, len_now, ref_len);
    }
  g_assert_cmpmem (now, len_now + 1, ref, ref_len + 1);
}

/* A random string of the pieces in @pieces (NUL-terminated list; "\x01"
 * stands for a random byte below 0x80, "\x02" for one of any value). */
static GByteArray *
random_text (GRand             *rand,
             const char *const *pieces,
             guint              max_pieces)
{
  GByteArray *text = g_byte_array_new ();
  guint n = g_strv_length ((char **)pieces);
  guint count = g_rand_int_range (rand, 0, max_pieces + 1);

  for (guint i = 0; i < count; i++)
    {
      const char *piece = pieces[g_rand_int_range (rand, 0, n)];
      guint8 byte;

      if (strcmp (piece, "\x01") == 0 || strcmp (piece, "\x02") == 0)
        {
          byte = g_rand_int_range (rand, 0, piece[0] == '\x01' ? 0x80 : 0x100);
          g_byte_array_append (text, &byte, 1);
        }
      else
        g_byte_array_append (text, (const guint8 *)piece, strlen (piece));
    }
  return text;
}

/* --- UTF-8 validation, ASCII runs skipped ------------------------------ */

static void assert_part_as_before (const char *body,
                                   gsize       len,
                                   const char *charset);

/* Pieces of (in)valid UTF-8: sequences whole and cut short, overlong,
 * surrogate, past U+10FFFF, noncharacters, stray continuation bytes. */
static const char *const utf8_pieces[] = {
  "\x01", "\x01", "\x02", "a", "plain ASCII text, long enough to fill a block.", "\r\n",
  "\xc3\xa9", "\xc3", "\xe2\x82\xac", "\xe2\x82", "\xf0\x9f\x98\x80", "\xf0\x9f\x98",
  "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xef\xbf\xbe",
  "\x80", "\xbf", "\xff", "\xfe", "\xf8\x88\x80\x80\x80", "\x7f",
  /* each lead's second byte at the edges of its range */
  "\xc1\xbf", "\xc2\x80", "\xdf\xbf", "\xe0\x9f\xbf", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xee\x80\x80",
  "\xf0\x8f\xbf\xbf", "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf", "\xf5\x80\x80\x80", "\xe1\xc0\x80", NULL,
};

static void
assert_utf8_as_before (const char *text,
                       gsize       len)
{
  assert_as_before (text, len, NULL);
  assert_as_before (text, len, "utf-8");
  assert_as_before (text, len, "iso-8859-2");
}

/* Every byte value at every offset of a block and past it. */
static void
test_utf8_bytes (void)
{
  char text[80];

  for (guint c = 0; c < 256; c++)
    for (gsize at = 0; at < sizeof text; at += BD_TEST_STEP)
      {
        memset (text, 'x', sizeof text);
        text[at] = (char)c;
        assert_utf8_as_before (text, sizeof text);
        assert_utf8_as_before (text, at + 1);
      }
}

/* Texts past the 128-byte blocks read with AVX2 where the CPU has it: a
 * NUL, an 8-bit byte, a whole and a cut UTF-8 sequence at every offset of
 * 300 bytes, and every length around the blocks' ends. */
static void
test_utf8_long (void)
{
  static const char *const pieces[] = { "\0", "\x80", "\xc3\xa9", "\xe2\x82" };
  char text[300];

  for (gsize p = 0; p < G_N_ELEMENTS (pieces); p++)
    for (gsize at = 0; at + strlen (pieces[p]) + (p == 0) <= sizeof text; at += (at % 64 < 4 || at % 64 > 60) ? 1 : BD_TEST_STEP)
      {
        memset (text, 'x', sizeof text);
        memcpy (text + at, pieces[p], p == 0 ? 1 : strlen (pieces[p]));
        assert_utf8_as_before (text, sizeof text);
        /* through a part, which keeps what follows a NUL */
        assert_part_as_before (text, sizeof text, "utf-8");
      }
  memset (text, 'y', sizeof text);
  for (gsize len = 100; len <= sizeof text; len++)
    {
      assert_as_before (text, len, NULL);
      text[len - 1] = '\xe9';
      assert_as_before (text, len, NULL);
      text[len - 1] = 'y';
    }
}

static void
test_utf8_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1251);

  for (guint i = 0; i < BD_TEST_ROUNDS (30000); i++)
    {
      g_autoptr(GByteArray) text = random_text (rand, utf8_pieces, 40);

      assert_utf8_as_before (text->len > 0 ? (const char *)text->data : "", text->len);
      if (i % 4 == 0)
        assert_part_as_before (text->len > 0 ? (const char *)text->data : "", text->len, "utf-8");
    }
}

/* A part's body that needs no decoding is copied and looked at in one
 * pass (copy_looking () in bd-mime-text.c: blocks of 128 bytes with AVX2,
 * of 16, the last 16 read again, byte by byte under 16): a CR, a NUL, an
 * 8-bit byte or a UTF-8 sequence at every offset of every length up to
 * 300, each length plain too, against the copy, look and newline
 * normaliser it replaces. */
static void
test_part_copy_lengths (void)
{
  static const char *const pieces[] = { "\r", "\0", "\x80", "\xc3\xa9", "\r\n" };
  char text[300];

  for (gsize len = 0; len <= sizeof text; len++)
    {
      memset (text, 'x', len);
      assert_part_as_before (text, len, "us-ascii");
      for (gsize p = 0; p < G_N_ELEMENTS (pieces); p++)
        {
          gsize n = p == 1 ? 1 : strlen (pieces[p]);

          for (gsize at = 0; at + n <= len; at += (len < 40 || at % 16 < 2 || at % 16 > 13 || at + 20 > len) ? 1 : BD_TEST_STEP)
            {
              memset (text, 'x', len);
              memcpy (text + at, pieces[p], n);
              assert_part_as_before (text, len, p % 2 == 0 ? "utf-8" : "iso-8859-2");
            }
        }
    }
}

/* Random texts of CRs, line ends, NULs and (in)valid UTF-8, some long
 * enough for the 128-byte blocks, through a part. */
static void
test_part_copy_random (void)
{
  static const char *const pieces[] = {
    "\x01", "\r", "\n", "\r\n", "\x80", "\xc3\xa9", "\x02",
    "plain ASCII text, long enough to fill a block or two of the copy.", NULL,
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1252);

  for (guint i = 0; i < BD_TEST_ROUNDS (20000); i++)
    {
      g_autoptr(GByteArray) text = random_text (rand, pieces, i % 2 == 0 ? 12 : 60);

      assert_part_as_before (text->len > 0 ? (const char *)text->data : "", text->len,
                             i % 3 == 0 ? "us-ascii" : i % 3 == 1 ? "utf-8" : "windows-1250");
    }
}

/* bd_mime_part_text_hinted () takes the hint just when the text is not
 * UTF-8, as g_utf8_validate_len () has it. */
static void
assert_hinted_as_before (const char *body,
                         gsize       len)
{
  g_autoptr(GString) message = g_string_new ("Content-Type: text/plain\n\n");
  g_autoptr(BdMimePart) part = NULL;
  g_autofree char *content = NULL;
  g_autofree char *ref = NULL;
  g_autofree char *now = NULL;
  gsize n, ref_len, len_now;

  g_string_append_len (message, body, len);
  part = bd_mime_parse (message->str, message->len, 8);
  content = bd_mime_part_content (part, &n);
  ref = ref_part_text (content, n, g_utf8_validate_len (content, n, NULL) ? NULL : "iso-8859-2", &ref_len);
  now = bd_mime_part_text_hinted (part, "iso-8859-2", &len_now);
  g_assert_cmpmem (now, len_now + 1, ref, ref_len + 1);
}

static void
test_utf8_hinted (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1250);

  for (guint i = 0; i < BD_TEST_ROUNDS (5000); i++)
    {
      g_autoptr(GByteArray) text = random_text (rand, utf8_pieces, 40);

      assert_hinted_as_before (text->len > 0 ? (const char *)text->data : "", text->len);
    }
}

/* --- single-byte charsets by table ------------------------------------ */

static const char *const single_byte_charsets[] = {
  "iso-8859-1", "ISO-8859-1", "iso-8859-2", "iso-8859-3", "iso-8859-4", "iso-8859-5", "iso-8859-6",
  "iso-8859-7", "iso-8859-8", "iso-8859-9", "iso-8859-10", "iso-8859-11", "iso-8859-12", "iso-8859-13",
  "iso-8859-14", "iso-8859-15", "iso-8859-16", "iso-8859-8-i", "windows-1250", "windows-1251",
  "Windows-1252", "windows-1253", "windows-1254", "windows-1255", "windows-1256", "windows-1257",
  "windows-1258", "cp1250", "cp1252", "CP1255", "cp1258", "koi8-r", "KOI8-U", "koi8-t", "koi8-x", NULL,
};

/* bd_mime_part_text_seven_bit () gives the text bd_mime_part_text ()
 * does (@ref), and says it is 7-bit only when it is, and always when the
 * content was plain ASCII that the reference took as it is (@as_is). */
static void
assert_seven_bit_told (const BdMimePart *part,
                       const char       *ref,
                       gsize             ref_len,
                       gboolean          as_is)
{
  gboolean seven_bit = -1;
  gsize len;
  g_autofree char *text = bd_mime_part_text_seven_bit (part, &len, &seven_bit);

  g_assert_cmpmem (text, len + 1, ref, ref_len + 1);
  g_assert_true (seven_bit == TRUE || seven_bit == FALSE);
  if (seven_bit)
    g_assert_true (bd_mime_text_is_seven_bit (ref, ref_len));
  if (as_is)
    g_assert_true (seven_bit);
}

/* Through a part, which keeps what follows a NUL. */
static void
assert_part_as_before (const char *body,
                       gsize       len,
                       const char *charset)
{
  g_autoptr(GString) message = g_string_new (NULL);
  g_autofree char *exact = NULL;
  g_autoptr(BdMimePart) part = NULL;
  g_autofree char *content = NULL;
  g_autofree char *ref = NULL;
  g_autofree char *now = NULL;
  gsize n, ref_len, len_now;

  g_string_printf (message, "Content-Type: text/plain; charset=%s\n\n", charset);
  g_string_append_len (message, body, len);
  /* parsed from a buffer of its own size, so that a read past the
   * body's end is one past the allocation (AddressSanitizer) */
  exact = g_memdup2 (message->str, message->len);
  part = bd_mime_parse (exact, message->len, 8);
  content = bd_mime_part_content (part, &n);
  ref = ref_part_text (content, n, charset, &ref_len);
  now = bd_mime_part_text (part, &len_now);
  g_assert_cmpmem (now, len_now + 1, ref, ref_len + 1);
  assert_seven_bit_told (part, ref, ref_len,
                         ref_is_plain_ascii (content, n) && ref_is_utf8_as_is (content, n, charset));
}

static void
assert_bytes_as_before (const char *charset)
{
  char all[256];

  for (guint c = 0; c < 256; c++)
    {
      char text[] = { 'a', (char)c, 'b', (char)c };
      /* what follows a NUL is cut off, but must convert */
      char after_nul[] = { '\xa1', '\xe9', 'x', '\0', (char)c };

      all[c] = (char)c;
      assert_as_before (text + 1, 1, charset);
      assert_as_before (text, sizeof text, charset);
      assert_as_before (after_nul, sizeof after_nul, charset);
      assert_part_as_before (after_nul, sizeof after_nul, charset);
    }
  assert_as_before (all, sizeof all, charset);
  assert_as_before (all + 1, sizeof all - 1, charset);
  assert_as_before (all + 0x80, 0x80, charset);
}

/* Every byte value, alone, in ASCII and all together; random text, with
 * the combining marks of windows-1255 and -1258 after letters. */
static void
test_single_byte (void)
{
  static const char *const pieces[] = {
    "\x01", "\x02", "\x02", "\x02", "a", "a\xcc", "e\xec", "\xc3\xde", "\xe9\xc4", "\xf9\xd1", "\r\n",
    "a run of plain ASCII longer than sixteen bytes", NULL,
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (8859);

  for (const char *const *charset = single_byte_charsets; *charset != NULL; charset++)
    {
      assert_bytes_as_before (*charset);
      for (guint i = 0; i < BD_TEST_ROUNDS (2000); i++)
        {
          g_autoptr(GByteArray) text = random_text (rand, pieces, 30);

          assert_as_before (text->len > 0 ? (const char *)text->data : "", text->len, *charset);
          if (i % 4 == 0)
            assert_part_as_before (text->len > 0 ? (const char *)text->data : "", text->len, *charset);
        }
    }
}

/* The CLI converts on several threads: a table made while others ask for
 * it too is whole when they use it. */
static gpointer
convert_latin_thread (gpointer data)
{
  const char *charset = data;

  for (guint i = 0; i < 50; i++)
    assert_bytes_as_before (charset);
  return NULL;
}

static void
test_single_byte_threads (void)
{
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("convert", convert_latin_thread, (gpointer)(i % 2 ? "iso-8859-4" : "ISO-8859-4"));
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

/* --- charsets iconv does not know ------------------------------------- */

static const char *const unknown_charsets[] = {
  "unicode-1-1-utf-7", "UFT-8", "x-unknown", "utf-16", "made-up", "", NULL,
};

/* Every byte value, alone and in ASCII, and random text mostly ASCII. */
static void
test_unknown_charsets (void)
{
  static const char *const pieces[] = { "\x01", "\x01", "\x01", "\x01", "\x01", "\x02", "+AKM-", "\r\n", NULL };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (const char *const *charset = unknown_charsets; *charset != NULL; charset++)
    {
      for (guint c = 0; c < 256; c++)
        {
          char text[] = { 'a', (char)c, 'b' };

          assert_as_before (text + 1, 1, *charset);
          assert_as_before (text, sizeof text, *charset);
        }
      for (guint i = 0; i < BD_TEST_ROUNDS (3000); i++)
        {
          g_autoptr(GByteArray) text = random_text (rand, pieces, 30);

          assert_as_before (text->len > 0 ? (const char *)text->data : "", text->len, *charset);
          if (i % 4 == 0 && (*charset)[0] != '\0')
            assert_part_as_before (text->len > 0 ? (const char *)text->data : "", text->len, *charset);
        }
    }
}

/* Text in no charset iconv knows, as GMime reads it (g_mime_utils_decode_8bit
 * (): UTF-8 when iconv reads all of it so, else Latin-1): every lead byte
 * with every second byte around the continuation range, sequences of up
 * to six bytes whole and cut short, NULs among them. */
/* The text of a part in @charset whose content is @len bytes of @body */
static char *
part_text_in (const char *charset,
              const char *body,
              gsize       len)
{
  g_autoptr(GString) message = g_string_new (NULL);
  g_autoptr(BdMimePart) part = NULL;
  gsize text_len;

  g_string_printf (message, "Content-Type: text/plain; charset=%s\n\n", charset);
  g_string_append_len (message, body, len);
  part = bd_mime_parse (message->str, message->len, 8);
  return bd_mime_part_text (part, &text_len);
}

/* A text's byte order mark says how glibc's UTF-16 and UTF-32 converters
 * read what follows, and resetting a descriptor does not forget it: a
 * text without one must convert the same after a text with one as before
 * it, which a descriptor kept from part to part would break. */
static void
test_byte_order_not_kept (void)
{
  static const struct { const char *charset; const char *marked; gsize marked_len; const char *plain; gsize plain_len; } cases[] = {
    { "utf-16", "\xfe\xff\0A\0B", 6, "\0A\0B", 4 },
    { "UTF-16", "\xff\xfe" "A\0B\0", 6, "A\0B\0", 4 },
    { "utf-32", "\0\0\xfe\xff\0\0\0A", 8, "\0\0\0A", 4 },
    { "unicode", "\xfe\xff\0A", 4, "\0A", 2 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *before = part_text_in (cases[i].charset, cases[i].plain, cases[i].plain_len);
      g_autofree char *marked = part_text_in (cases[i].charset, cases[i].marked, cases[i].marked_len);
      g_autofree char *after = part_text_in (cases[i].charset, cases[i].plain, cases[i].plain_len);

      g_assert_cmpstr (after, ==, before);
    }
}

static void
test_unknown_sequences (void)
{
  static const char *const names[] = { NULL, "made-up" };

  for (guint lead = 0x80; lead < 0x100; lead++)
    for (guint second = 0x70; second < 0xc8; second += (BD_TEST_STEP + 1) / 2)
      {
        char text[] = { 'a', (char)lead, (char)second, '\x80', '\x80', '\x80', '\x80', 'z', '\0', '\xe9' };

        for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
          for (gsize n = 2; n <= sizeof text; n++)
            assert_as_before (text, n, names[i]);
      }
}

/* The names that mean UTF-8 or an ASCII superset, in any case, and
 * names a byte longer or shorter, on text that each reading changes. */
static void
test_charset_names (void)
{
  static const char *const names[] = {
    "utf-8", "UTF-8", "Utf-8", "utf8", "UTF8", "us-ascii", "US-ASCII", "Us-Ascii", "ascii", "ASCII",
    "utf-8x", "utf-", "utf", "us-asci", "ascii ", "xascii", "iso-8859-2", "ISO-8859-2", "iso-8859",
    "iso-8859-", "windows-1250", "WINDOWS-1252", "windows-125", "windows-12", "cp1250", "CP1252", "cp125",
    "cp12", "koi8-r", "KOI8-U", "koi8-", "koi8", "iso-2022-jp", "ISO-2022-JP", "Iso-2022-Jp",
    "iso-2022-jpx", "iso-2022-j", "u", "a", "ut", "us", "UFT-8", "ustf-8", "uTF-8", "aSCII", "asc",
  };
  static const char *const texts[] = {
    "plain\r\nASCII", "za\xc5\xbc\xc3\xb3\xc5\x82\xc4\x87", "za\xbf\xf3\xb3\xe6", "\x1b$B0lHL\x1b(B",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    for (gsize j = 0; j < G_N_ELEMENTS (texts); j++)
      {
        assert_as_before (texts[j], strlen (texts[j]), names[i]);
        assert_part_as_before (texts[j], strlen (texts[j]), names[i]);
      }
}

/* --- ISO-2022-JP ------------------------------------------------------ */

static void
test_iso2022jp_cases (void)
{
  static const char *const cases[] = {
    "", "plain ASCII", "line\r\nline\r\n", "\x1b$B0lHL\x1b(B", "ASCII \x1b$B0lHL\x1b(B after",
    "\x1b$B0lHL\x1b(B\x1b$B0lHL\x1b(B", "\x1b(B", "\x1b(Bredundant", "\x1b(J\\~\x1b(B \\~",
    "\x1b$@0lHL\x1b(B", "unterminated \x1b$B0lHL", "odd \x1b$B0lH\x1b(B", "\x1b", "end \x1b(",
    "end \x1b$", "\x1bx unknown", "\x1b$B\x1b$B0l\x1b(B", "\x1b$B\x0e\x0f\x1b(B", "\x0e\x0fshift",
    "\x1b$B0l\r\nHL\x1b(B", "\x1b$B\x7f\x1b(B", "\x1b$B\x21\x21\x1b(B", "\x1b$B\x7e\x7e\x1b(B",
    "\x1b$B0lHL\x1b(Bhigh \xa4\xa2", "high \xa4\xa2 \x1b$B0lHL\x1b(B", "\x1b$B\xa4\xa2\x1b(B",
    "\x1b.A\x1bNA 2 only", "\x1b$(D0l\x1b(B", "\x1b(I1\x1b(B",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      assert_as_before (cases[i], strlen (cases[i]), "iso-2022-jp");
      assert_as_before (cases[i], strlen (cases[i]), "ISO-2022-JP");
    }
  /* NULs in ASCII and in JIS X 0208 */
  assert_as_before ("a\0b", 3, "iso-2022-jp");
  assert_as_before ("\x1b$B0l\0\x1b(B", 8, "iso-2022-jp");
  assert_as_before ("\x1b$B0\0\x1b(B", 7, "iso-2022-jp");
}

/* Every byte value in ASCII and in JIS X 0208, alone and in pairs, and
 * in pairs after the other designations (JIS X 0208-1978, JIS X 0212,
 * JIS X 0201): whatever glibc's converter gives for them is valid UTF-8,
 * which the pieces' conversion takes as it is. */
static void
test_iso2022jp_bytes (void)
{
  static const char *const designations[] = { "\x1b$B", "\x1b$@", "\x1b$(D", "\x1b(J", "\x1b(I" };

  for (guint a = 0; a < 256; a++)
    {
      char one[] = { (char)a, 'x', '\x1b', '$', 'B', (char)a, '0', '\x1b', '(', 'B', (char)a };

      assert_as_before (one, sizeof one, "iso-2022-jp");
      for (guint b = 0x20; b < 0x80; b++)
        for (gsize d = 0; d < G_N_ELEMENTS (designations); d += a % 4 == 0 || d == 0 ? 1 : BD_TEST_STEP)
          {
            g_autofree char *pair = g_strdup_printf ("%s%c%c\x1b(Bx", designations[d], a, b);
            gsize len = strlen (designations[d]) + 6;

            assert_as_before (pair, len, "iso-2022-jp");
          }
    }
}

static void
test_iso2022jp_random (void)
{
  static const char *const pieces[] = {
    "\x01", "\x01", "\x01", "\x02", "ASCII ", "\r\n", "\x1b$B", "\x1b$B", "\x1b(B", "\x1b(B", "\x1b(J",
    "\x1b$@", "\x1b", "\x1b(", "0l", "HL", "%a", "!!", "$\"", "\x7f", "\\~", NULL,
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);

  for (guint i = 0; i < BD_TEST_ROUNDS (50000); i++)
    {
      g_autoptr(GByteArray) text = random_text (rand, pieces, 24);

      assert_as_before (text->len > 0 ? (const char *)text->data : "", text->len, "iso-2022-jp");
      if (i % 4 == 0)
        assert_part_as_before (text->len > 0 ? (const char *)text->data : "", text->len, "iso-2022-jp");
    }
}

/* Names iconv cannot open (a mailbox may hold any number of made-up
 * ones) take no table slot: after more of them than there are slots, a
 * real single-byte charset not yet seen still gets its table. Run in a
 * subprocess, so that no other test has taken slots first. */
static void
test_unknown_names_take_no_slot (void)
{
  if (g_test_subprocess ())
    {
      gsize out_len = 0;
      g_autofree char *converted = NULL;

      for (guint i = 100; i < 200; i++)
        {
          g_autofree char *name = g_strdup_printf ("iso-8859-%u", i);

          g_assert_null (bd_mime_charset_table_convert (name, "a", 1, &out_len));
        }
      converted = bd_mime_charset_table_convert ("iso-8859-2", "\xb1", 1, &out_len);
      g_assert_cmpstr (converted, ==, "ą");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();
  g_test_add_func ("/mime/charset/utf8-bytes", test_utf8_bytes);
  g_test_add_func ("/mime/charset/utf8-random", test_utf8_random);
  test_add_func_each_vector_path ("/mime/charset/utf8-long", test_utf8_long);
  g_test_add_func ("/mime/charset/utf8-hinted", test_utf8_hinted);
  test_add_func_each_vector_path ("/mime/charset/part-copy-lengths", test_part_copy_lengths);
  test_add_func_each_vector_path ("/mime/charset/part-copy-random", test_part_copy_random);
  g_test_add_func ("/mime/charset/single-byte-threads", test_single_byte_threads);
  g_test_add_func ("/mime/charset/single-byte", test_single_byte);
  g_test_add_func ("/mime/charset/unknown", test_unknown_charsets);
  g_test_add_func ("/mime/charset/names", test_charset_names);
  g_test_add_func ("/mime/charset/unknown-sequences", test_unknown_sequences);
  g_test_add_func ("/mime/charset/byte-order-not-kept", test_byte_order_not_kept);
  g_test_add_func ("/mime/charset/unknown-names-take-no-slot", test_unknown_names_take_no_slot);
  g_test_add_func ("/mime/charset/iso-2022-jp-cases", test_iso2022jp_cases);
  g_test_add_func ("/mime/charset/iso-2022-jp-bytes", test_iso2022jp_bytes);
  g_test_add_func ("/mime/charset/iso-2022-jp-random", test_iso2022jp_random);
  return g_test_run ();
}
