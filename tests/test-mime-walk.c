/* test-mime-walk.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fast paths that walk header blocks and lines (16 bytes at a time
 * where SSE2 is) give what the code they replaced gave: each is run next
 * to that code, kept here as the reference, over edge cases and random
 * input made of the bytes they look for.
 */
#define _GNU_SOURCE   /* memmem, the reference */
#include "config.h"

#include <gmime/gmime.h>
#include <string.h>

#include "bd-bounce.h"
#include "bd-decoder-private.h"
#include "bd-dsn.h"
#include "bd-mime.h"
#include "bd-original.h"
#include "bd-mime-params.h"
#include "bd-mime-private.h"
#include "bd-mime-text.h"
#include "bd-text.h"
#include "bd-mime-walk.h"
#include "bd-test-util.h"

/* @len bytes of @text in a block of exactly that size (one byte for
 * none, never NULL), so that ASan sees any read past them. */
static char *
exact_copy (const char *text,
            gsize       len)
{
  char *copy = g_malloc (len > 0 ? len : 1);

  if (len > 0)
    memcpy (copy, text, len);
  return copy;
}

/* --- bd_mime_unfold ----------------------------------------------------- */

/* The reference: bd_mime_unfold () before its one-pass copy. */
static char *
unfold_reference (const char *raw,
                  gsize       len)
{
  const char *end = raw + len;
  char *out, *q;

  while (raw < end && g_ascii_isspace (*raw))
    raw++;
  while (end > raw && g_ascii_isspace (end[-1]))
    end--;
  out = q = g_malloc (end - raw + 1);
  if (memchr (raw, '\r', end - raw) != NULL || memchr (raw, '\0', end - raw) != NULL)
    {
      for (; raw < end; raw++)
        if (*raw != '\n' && *raw != '\r' && *raw != '\0')
          *q++ = *raw;
    }
  else
    {
      while (raw < end)
        {
          const char *nl = memchr (raw, '\n', end - raw);
          const char *stop = nl != NULL ? nl : end;

          memcpy (q, raw, stop - raw);
          q += stop - raw;
          if (nl == NULL)
            break;
          raw = nl + 1;
        }
    }
  *q = '\0';
  return out;
}

/* bd_mime_unfold_in () into buffers of sizes around the value's, each
 * allocated to its exact size (so that memcheck or ASan sees a write past
 * it): the same value, in the buffer when @len fits it, else on the heap. */
static void
check_unfold_in (const char *raw,
                 gsize       len,
                 const char *want)
{
  const gsize sizes[] = { 1, 2, 8, 16, 17, 33, BD_MIME_UNFOLD_ROOM, len, len + 1, len + 2 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      gsize size = MAX (sizes[i], 1), got_len = 0;
      g_autofree char *buf = g_malloc (size);
      g_autofree char *heap = NULL;
      const char *got = bd_mime_unfold_in (raw, len, buf, size, &heap, &got_len);

      g_assert_cmpstr (got, ==, want);
      g_assert_cmpuint (got_len, ==, strlen (want));
      g_assert_true (got == (heap != NULL ? heap : buf));
      if (len < size)
        g_assert_null (heap);
    }
}

static void
check_unfold (const char *raw,
              gsize       len)
{
  g_autofree char *copy = exact_copy (raw, len);
  g_autofree char *got = bd_mime_unfold (copy, len);
  g_autofree char *want = unfold_reference (copy, len);
  gsize got_len;
  g_autofree char *with_len = bd_mime_unfold_len (copy, len, &got_len);

  g_assert_cmpstr (got, ==, want);
  g_assert_cmpstr (with_len, ==, want);
  g_assert_cmpuint (got_len, ==, strlen (want));
  check_unfold_in (copy, len, want);
}

static void
test_unfold_edges (void)
{
  static const char *const cases[] = {
    "", " ", "\n", "a", " a ", "text/plain", "text/plain;\n charset=utf-8",
    "0123456789abcdef", "0123456789abcde\n", "\n0123456789abcdef", "0123456789abcdef\n ",
    "0123456789abcdef0", "0123456789abcdef\n0", "0123456789abcdefghijklmnopqrstu\n v",
    "a\r\n b\r\n c", "v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com;\n\ts=sel; h=from:to;\n\tbh=abc=",
    "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n", "x\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\ny",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_unfold (cases[i], strlen (cases[i]));
  /* with NUL bytes */
  check_unfold ("abc\0def", 7);
  check_unfold ("0123456789abcdef\0g", 18);
  check_unfold ("0123456789\0bcdefghij\0lmnop", 26);
}

static void
test_unfold_random (void)
{
  static const char alphabet[] = { 'a', 'b', ' ', '\t', '\n', '\r', '\0', ';', '=', '\v' };
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);

  for (guint i = 0; i < BD_TEST_ROUNDS (20000); i++)
    {
      gsize len = g_rand_int_range (rand, 0, 70);
      g_autofree char *text = test_random_text_of_length (rand, alphabet, g_rand_int_range (rand, 1, sizeof alphabet + 1), len);

      check_unfold (text, len);
    }
}

/* --- bd_mime_walk_header_marks ----------------------------------------- */

/* What the tests it replaced gave: a search for 8-bit bytes and
 * strstr () for "=?" (on a copy made a string, the bytes not NUL). */
static guint
header_marks_reference (const char *text,
                        gsize       len)
{
  g_autofree char *string = g_strndup (text, len);

  return (bd_mime_text_is_seven_bit (text, len) ? 0 : BD_MIME_WALK_EIGHT_BIT)
         | (strstr (string, "=?") != NULL ? BD_MIME_WALK_ENCODED_WORD : 0);
}

static void
check_header_marks (const char *text,
                    gsize       len)
{
  /* an exact copy, so that a read past the value shows under ASan */
  g_autofree char *copy = exact_copy (text, len);

  g_assert_cmpuint (bd_mime_walk_header_marks (copy, len), ==, header_marks_reference (copy, len));
}

/* An 8-bit byte, '=', '?' and "=?" at every place of values of every
 * length up to 40 (either side of a block, the padded copy and the last
 * overlapping block), among text that is none of them. */
static void
test_header_marks_places (void)
{
  static const char *const marks[] = { "\x80", "\xff", "=", "?", "=?", "?=" };

  for (gsize len = 0; len <= 40; len++)
    {
      g_autofree char *text = g_strnfill (len, 'a');

      check_header_marks (text, len);
      for (guint m = 0; m < G_N_ELEMENTS (marks); m++)
        for (gsize at = 0; at + strlen (marks[m]) <= len; at++)
          {
            g_autofree char *marked = g_strnfill (len, 'a');

            memcpy (marked + at, marks[m], strlen (marks[m]));
            check_header_marks (marked, len);
          }
    }
}

static void
test_header_marks_random (void)
{
  static const char alphabet[] = { 'a', '=', '?', ' ', '\x7f', '\x80', '\xc3', '\xff' };
  g_autoptr(GRand) rand = g_rand_new_with_seed (31);

  for (guint i = 0; i < 50000; i++)
    {
      gsize len = g_rand_int_range (rand, 0, 80);
      /* a few of the letters, so that some values have none of the marks */
      g_autofree char *text = test_random_text_of_length (rand, alphabet, g_rand_int_range (rand, 1, sizeof alphabet + 1), len);

      check_header_marks (text, len);
    }
}

/* --- bd_mime_walk_find_blank_line -------------------------------------- */

static void
check_blank_line (const char *text,
                  gsize       len)
{
  g_autofree char *copy = exact_copy (text, len);

  g_assert_true (bd_mime_walk_find_blank_line (copy, len) == memmem (copy, len, "\n\n", 2));
}

static void
test_blank_line_edges (void)
{
  static const char *const cases[] = {
    "", "\n", "\n\n", "a\n\n", "a\nb\nc", "0123456789abcde\n\n", "0123456789abcdef\n\n",
    "0123456789abcd\n\n", "0123456789abcdef0123456789abcde\n\nx", "0123456789abcdef\n",
    "\n0123456789abcdef\n", "From: a\nTo: b\nSubject: c\n\nbody\n\nmore",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_blank_line (cases[i], strlen (cases[i]));
}

static void
test_blank_line_random (void)
{
  static const char alphabet[] = { 'a', '\n', ':', ' ' };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20);

  for (guint i = 0; i < BD_TEST_ROUNDS (20000); i++)
    {
      gsize len = g_rand_int_range (rand, 0, 80);
      g_autofree char *text = NULL;

      /* mostly text, with a line end here and there */
      text = test_random_text_of_length (rand, alphabet, 2, len);
      for (gsize k = 0; k < len; k++)
        if (text[k] == '\n' && g_rand_int_range (rand, 0, 3) != 0)
          text[k] = alphabet[g_rand_int_range (rand, 2, 4)];
      check_blank_line (text, len);
    }
}

/* --- bd_mime_walk_find_pair_long -------------------------------------- */

/* Against memmem (), which it replaces for long texts: lengths 0 to 200
 * around the end of an allocation, pairs anywhere, the 64- and 32-byte
 * steps and the tail all met. */
static void
test_find_pair_long_random (void)
{
  static const char alphabet[] = { 'a', '-', '\n', '\n', '-' };
  g_autoptr(GRand) rand = g_rand_new_with_seed (30);

  for (gsize len = 0; len <= 200; len++)
    for (guint i = 0; i < BD_TEST_ROUNDS (60); i++)
      {
        g_autofree char *text = test_random_text_of_length (rand, alphabet, sizeof alphabet, len);
        g_autofree char *copy = NULL;

        /* mostly no pair, or one or two anywhere */
        for (gsize k = 0; k < len; k++)
          if (text[k] != 'a' && g_rand_int_range (rand, 0, len / 4 + 1) != 0)
            text[k] = 'a';
        copy = exact_copy (text, len);
        for (gsize from = 0; from <= len; from += 1 + len / 8)
          g_assert_true (bd_mime_walk_find_pair_long (copy + from, len - from, '\n', '-')
                         == memmem (copy + from, len - from, "\n-", 2));
      }
}

/* --- bd_mime_walk_field_colon ------------------------------------------ */

/* The reference: the splitter's field_colon_name () before the name was
 * read first, on the line [@p, @eol). */
static gboolean
all_name_chars_reference (const char *p,
                          gsize       n)
{
  for (; n > 0; p++, n--)
    if ((guchar)(*p - '!') > '~' - '!')
      return FALSE;
  return TRUE;
}

static const char *
field_colon_reference (const char  *p,
                       const char  *eol,
                       const char **name_end)
{
  const char *colon = memchr (p, ':', eol - p);
  const char *q;

  if (colon == NULL)
    return NULL;
  q = colon;
  while (q > p && (q[-1] == ' ' || q[-1] == '\t'))
    q--;
  if (q == p || !all_name_chars_reference (p, q - p))
    return NULL;
  *name_end = q;
  return colon;
}

static void
check_field_colon (const char *text,
                   gsize       len)
{
  g_autofree char *copy = exact_copy (text, len);
  const char *end = copy + len;
  const char *nl = memchr (copy, '\n', len);
  const char *want_end = NULL, *got_end = NULL;
  const char *want = field_colon_reference (copy, nl != NULL ? nl : end, &want_end);
  const char *got = bd_mime_walk_field_colon (copy, end, &got_end);

  g_assert_true (got == want);
  if (want != NULL)
    g_assert_true (got_end == want_end);
}

static void
test_field_colon_edges (void)
{
  static const char *const cases[] = {
    "", ":", " :", "a:", "a :", "a\t: b", "a b: c", "Subject: x", "Subject:", "Subject",
    "Content-Transfer-Encoding: 7bit", "X-Very-Long-Field-Name-Here: v", "X-Very-Long-Field-Name-Here",
    "0123456789abcdef:", "0123456789abcde :", "0123456789abcdef \t :", "a\n: b", "a\nb: c",
    "\xc3\xa9t\xc3\xa9: x", "caf\xc3\xa9: x", "a\x7f: x", "name=\"a:b\"", "boundary=x",
    "0123456789abcdef0123456789abcdef:x", "0123456789abcdef0123456789abcde\x80:x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_field_colon (cases[i], strlen (cases[i]));
  check_field_colon ("a\0b: c", 6);
}

static void
test_field_colon_random (void)
{
  /* name characters first, then what stops a name */
  static const char alphabet[] = { 'a', 'Z', '-', '~', '!', ':', ' ', '\t', '\n', '\x7f', '\x80', '\0', '\xff', ' ' - 1 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (21);

  for (guint i = 0; i < BD_TEST_ROUNDS (50000); i++)
    {
      gsize len = g_rand_int_range (rand, 0, 50);
      g_autofree char *text = test_random_text_of_length (rand, alphabet, 5, len);

      /* a few stops in the name characters, at random places */
      for (guint k = g_rand_int_range (rand, 0, 4); k > 0 && len > 0; k--)
        text[g_rand_int_range (rand, 0, len)] = alphabet[g_rand_int_range (rand, 5, sizeof alphabet)];
      check_field_colon (text, len);
    }
}

/* --- bd_mime_strip_html ------------------------------------------------- */

static inline gboolean
ref_tag_is (const char *tag,
        gsize       len,
        const char *name)
{
  gsize n;

  /* The first letter inline (case folded by its 0x20 bit) before any
   * call: every tag is tried against two dozen names. */
  if (len == 0 || (tag[0] | 0x20) != (name[0] | 0x20))
    return FALSE;
  n = strlen (name);
  return len >= n && g_ascii_strncasecmp (tag, name, n) == 0
      && (len == n || !g_ascii_isalnum (tag[n]));
}

/* "&#8217;" or "&#x27;" at @p: the character, and where the reference
 * ends; 0 when it is none (or names no character text may hold). */
static gunichar
ref_read_char_ref (const char  *p,
               const char  *end,
               const char **after)
{
  gboolean hex = p + 2 < end && (p[2] == 'x' || p[2] == 'X');
  const char *q = p + (hex ? 3 : 2);
  guint32 c = 0;
  guint digits = 0;

  if (p + 2 >= end || p[1] != '#')
    return 0;
  for (; q < end && digits <= 8 && (hex ? g_ascii_isxdigit (*q) : g_ascii_isdigit (*q)); q++, digits++)
    c = c * (hex ? 16 : 10) + (hex ? (guint32)g_ascii_xdigit_value (*q) : (guint32)(*q - '0'));
  if (digits == 0 || digits > 8 || q >= end || *q != ';'
      || c == 0 || c >= 0x110000 || (c >= 0xd800 && c <= 0xdfff))
    return 0;
  *after = q + 1;
  return c;
}

static const char *
ref_append_entity (GString    *out,
               const char *p,
               const char *end)
{
  /* The ones bounces and mail programs write; &shy; is a hyphenation hint. */
  static const struct { const char *name; const char *text; } entities[] = {
    { "nbsp;", " " }, { "amp;", "&" }, { "lt;", "<" }, { "gt;", ">" },
    { "quot;", "\"" }, { "apos;", "'" }, { "rsquo;", "’" }, { "lsquo;", "‘" },
    { "rdquo;", "”" }, { "ldquo;", "“" }, { "bdquo;", "„" }, { "ndash;", "–" }, { "mdash;", "—" },
    { "hellip;", "…" }, { "laquo;", "«" }, { "raquo;", "»" }, { "shy;", "" },
  };
  const char *after;
  gunichar c;

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      gsize n;

      /* the first letter inline (case folded by its 0x20 bit), before
       * any call: an '&' is tried against every name */
      if (end - p < 2 || (p[1] | 0x20) != entities[i].name[0])
        continue;
      n = strlen (entities[i].name);
      if ((gsize)(end - p) > n && g_ascii_strncasecmp (p + 1, entities[i].name, n) == 0)
        {
          g_string_append (out, entities[i].text);
          return p + 1 + n;
        }
    }
  if ((c = ref_read_char_ref (p, end, &after)) != 0)
    {
      g_string_append_unichar (out, c);
      return after;
    }
  g_string_append_c (out, '&');
  return p + 1;
}

/* The longest tag name looked for ("/blockquote"), and room for it. */
#define REF_TAG_KEY_SIZE 16

/* The name of the tag [@tag, @tag + @len) as ref_tag_is() matches names: an
 * optional '/', then the letters and digits after it, in lower case; ""
 * when longer than any name looked for. Read once per tag: each was
 * compared with two dozen names. */
static void
ref_read_tag_key (const char *tag,
              gsize       len,
              char        key[REF_TAG_KEY_SIZE])
{
  gsize n = 0, i = 0;

  if (len > 0 && tag[0] == '/')
    key[n++] = tag[i++];
  for (; i < len && g_ascii_isalnum (tag[i]); i++)
    {
      if (n == REF_TAG_KEY_SIZE - 1)
        {
          key[0] = '\0';
          return;
        }
      key[n++] = tag[i] | 0x20;   /* lower case, for letters and digits alike */
    }
  key[n] = '\0';
}

/* Whether the key is @name (of two bytes at least, with its NUL); the
 * first two compared inline, as most tags are none of the names. */
static inline gboolean
ref_key_is (const char *key,
        const char *name)
{
  return key[0] == name[0] && key[1] == name[1] && (name[1] == '\0' || strcmp (key + 2, name + 2) == 0);
}

/* Block tags: the text after them starts a line of its own. */
static gboolean
ref_is_block_tag (const char *key)
{
  static const char *const tags[] = {
    "p", "/p", "div", "/div", "tr", "/tr", "li", "/li", "table", "/table", "h1", "/h1", "h2", "/h2",
    "h3", "/h3", "blockquote", "/blockquote", "hr", "pre", "/pre",
  };

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    if (ref_key_is (key, tags[i]))
      return TRUE;
  return FALSE;
}

static void
ref_drop_trailing_blanks (GString *out)
{
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
}

/* Ends the line: a blank at its end is dropped. */
static void
ref_break_line (GString *out)
{
  ref_drop_trailing_blanks (out);
  g_string_append_c (out, '\n');
}

/* Makes the next text start a line, as blocks do; at the start of the
 * text, nothing. Paragraphs count as blocks: Outlook writes every line as
 * one (with no margin), and an empty line as one holding only &nbsp;. */
static void
ref_start_line (GString *out)
{
  gsize len = out->len;

  ref_drop_trailing_blanks (out);
  if (out->len == 0)
    return;
  if (out->str[out->len - 1] != '\n' || out->len < len)
    g_string_append_c (out, '\n');
}

/* The bytes a run of plain text stops at: markup, entities, white space. */
static const gboolean ref_ends_text_run[256] = {
  ['<'] = TRUE, ['&'] = TRUE, [' '] = TRUE, ['\t'] = TRUE, ['\n'] = TRUE, ['\r'] = TRUE,
};

/**
 * strip_html_reference:
 *
 * Returns: (transfer full): the text of an HTML document as a browser
 * lays it out: tags dropped, a line break at <br> and at block ends, white
 * space (line ends in the source included) made one space except in
 * <pre>, scripts and styles skipped, the common entities decoded.
 */
char *
strip_html_reference (const char *html,
                      gsize       len,
                      gsize      *out_len)
{
  GString *out = g_string_sized_new (len / 2 + 16);
  const char *p = html, *end = html + len;
  gboolean pre = FALSE;

  g_return_val_if_fail (html != NULL || len == 0, NULL);

  while (p < end)
    {
      if (*p == '<')
        {
          const char *close = memchr (p, '>', end - p);
          const char *tag = p + 1;
          char key[REF_TAG_KEY_SIZE];

          if (close == NULL)
            break;
          ref_read_tag_key (tag, close - tag, key);
          if (ref_key_is (key, "script") || ref_key_is (key, "style"))
            {
              const char *stop = g_strstr_len (close, end - close, "</");

              while (stop != NULL && !(ref_tag_is (stop + 2, end - stop - 2, "script")
                                       || ref_tag_is (stop + 2, end - stop - 2, "style")))
                stop = g_strstr_len (stop + 2, end - stop - 2, "</");
              close = stop ? memchr (stop, '>', end - stop) : NULL;
              if (close == NULL)
                break;
            }
          else if (ref_key_is (key, "br"))
            ref_break_line (out);
          else if (ref_is_block_tag (key))
            {
              if (ref_key_is (key, "pre") || ref_key_is (key, "/pre"))
                pre = tag[0] != '/';
              ref_start_line (out);
            }
          else if ((ref_key_is (key, "/td") || ref_key_is (key, "/th"))
                   && out->len > 0 && out->str[out->len - 1] != '\n' && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          p = close + 1;
          continue;
        }
      if (*p == '&')
        {
          p = ref_append_entity (out, p, end);
          continue;
        }
      if (!pre && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        {
          /* a run of white space is one space, none at a line start */
          if (out->len > 0 && out->str[out->len - 1] != '\n' && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          p++;
          continue;
        }
      /* Plain text up to the next byte handled above, in one copy. */
      {
        const char *run = p;

        while (p < end && !ref_ends_text_run[(guchar)*p])
          p++;
        if (p == run)
          p++;   /* white space inside <pre> */
        g_string_append_len (out, run, p - run);
      }
    }
  if (out_len != NULL)
    *out_len = out->len;
  return g_string_free (out, FALSE);
}

static void
check_html (const char *html,
            gsize       len)
{
  g_autofree char *copy = exact_copy (html, len);
  gsize got_len, want_len;
  g_autofree char *got = bd_mime_strip_html (copy, len, &got_len);
  g_autofree char *want = strip_html_reference (copy, len, &want_len);

  g_assert_cmpmem (got, got_len, want, want_len);
}

/* Pieces of HTML that the stripper treats apart, to be put together at
 * random: tags of each kind, entities, white space, words, NUL. */
static const char *const html_pieces[] = {
  "<p>", "</p>", "<P class=x>", "<br>", "<BR/>", "</br>", "<pre>", "</pre>", "<PRE>", "<div>", "</div>",
  "<td>", "</td>", "</th>", "</TH>", "<tr>", "</tr>", "<table>", "</table>", "<li>", "</li>", "<h1>", "</h3>",
  "<h4>", "<hr>", "</hr>", "<blockquote>", "</blockquote>", "<script>", "</script>", "<style type=x>",
  "</style>", "</scripts>", "<span>", "</span>", "<averyveryverylongtagname>", "<>", "</>", "<", ">", "</",
  "&amp;", "&nbsp;", "&NBSP;", "&#65;", "&#x263A;", "&#0;", "&bogus;", "&", "&rsquo;", "&shy;",
  " ", " ", " ", "  ", "\n", "\r\n", "\t", " \n ", "x", "word", "words and more words here",
  "0123456789abcdefghij", "\xc3\xa9t\xc3\xa9", "a b c d e f g h i j k l", "\0",
  /* indentation, longer than a block */
  "\n            ", "\r\n\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t", "                                ",
};

static void
test_html_edges (void)
{
  static const char *const cases[] = {
    "", "a", " a ", "a  b", "a \n b", "a <br> b", "<p>a</p><p>b</p>", "<pre> a  b\n c </pre> d  e",
    "x<script>a</b>c</script>y", "x<style>a</style y", "x<script>never closed", "<td>a</td><td>b</td>",
    "one two three four five six seven eight nine ten", "0123456789abcde  0123456789abcdef",
    "0123456789abcdef 0123456789abcdef  x", "a&amp;b&#66;c&#x43;d", "<a", "&", "word ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_html (cases[i], strlen (cases[i]));
  check_html ("a\0b <p>c\0 d</p>", 15);
  /* a second space (or another stop) at every place, on both sides of
   * a block's end among them */
  for (guint i = 1; i < 48; i++)
    for (const char *stop = " \t\n\r<&"; *stop != '\0'; stop++)
      {
        g_autoptr(GString) html = g_string_new ("ab cd ef gh ij kl mn op qr st uv wx yz ab cd ef gh");

        g_string_insert_c (html, i, *stop);
        check_html (html->str, html->len);
      }
  check_html ("<script>a\0</script>b</script>c", 30);
}

static void
test_html_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (22);

  for (guint i = 0; i < BD_TEST_ROUNDS (20000); i++)
    {
      g_autoptr(GString) html = g_string_new (NULL);

      for (guint k = g_rand_int_range (rand, 0, 30); k > 0; k--)
        {
          const char *piece = html_pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (html_pieces))];

          /* "\0" stands for a NUL byte */
          g_string_append_len (html, piece, *piece == '\0' ? 1 : (gssize)strlen (piece));
        }
      check_html (html->str, html->len);
    }
}

/* --- bd_mime_plain_message_id: atext by table ------------------------- */

/* The reference: the address reader before atext was a table. */
/* RFC 5322 atext: the characters of an atom. Letters and digits, nearly
 * every byte of an address, are tested first by their ranges. */
static gboolean
ref_is_atext (char c)
{
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
    return TRUE;
  switch (c)
    {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-':
    case '/': case '=': case '?': case '^': case '_': case '`': case '{': case '|': case '}':
    case '~':
      return TRUE;
    default:
      return FALSE;
    }
}

/* Past the dot-atom at @p ("a.b.c"), or NULL when there is none or it has
 * a leading, trailing or doubled dot (which GMime drops or refuses). */
static const char *
ref_skip_dot_atom (const char *p)
{
  for (;;)
    {
      const char *atom = p;

      while (ref_is_atext (*p))
        p++;
      if (p == atom)
        return NULL;
      if (*p != '.')
        return p;
      p++;
    }
}

/* Whether a label of the domain [@p, @end) starts with "xn--": GMime
 * turns such a domain into Unicode. */
static gboolean
ref_has_idn_label (const char *p,
               const char *end)
{
  /* Labels start at @p and after each dot: the dots are looked for
   * (memchr), not every byte tested as a label's start. */
  for (const char *label = p; label != NULL && label < end;)
    {
      const char *dot = memchr (label, '.', end - label);

      if (end - label >= 4 && (label[0] | 0x20) == 'x' && g_ascii_strncasecmp (label, "xn--", 4) == 0)
        return TRUE;
      label = dot != NULL ? dot + 1 : NULL;
    }
  return FALSE;
}

/* Past the addr-spec at @p, "local@domain" with both parts dot-atoms, or
 * NULL. */
static const char *
ref_skip_plain_addr_spec (const char *p)
{
  const char *domain;

  p = ref_skip_dot_atom (p);
  if (p == NULL || *p != '@')
    return NULL;
  domain = p + 1;
  p = ref_skip_dot_atom (domain);
  if (p == NULL || ref_has_idn_label (domain, p))
    return NULL;
  return p;
}

static char *
message_id_reference (const char *value)
{
  const char *stop;

  if (value[0] != '<' || (stop = ref_skip_plain_addr_spec (value + 1)) == NULL || stop[0] != '>' || stop[1] != '\0')
    return NULL;
  return g_strndup (value + 1, stop - (value + 1));
}

static void
check_message_id (const char *value)
{
  g_autofree char *got = bd_mime_plain_message_id (value);
  g_autofree char *want = message_id_reference (value);

  g_assert_cmpstr (got, ==, want);
}

/* Every byte in the local part and in the domain, at its start, middle
 * and end. */
static void
test_message_id_bytes (void)
{
  static const char *const forms[] = { "<%sb@example.com>", "<a%sb@example.com>", "<a%s@example.com>",
                                       "<ab@%sexample.com>", "<ab@exa%smple.com>", "<ab@example.com%s>" };

  for (guint c = 1; c < 256; c++)
    for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
      {
        char byte[2] = { (char)c, '\0' };
        g_autofree char *value = g_strdup_printf (forms[i], byte);

        check_message_id (value);
      }
}

/* --- bd_mime_walk_copy_newlines ---------------------------------------- */

static void
check_copy_newlines (const char *text,
                     gsize       len)
{
  g_autofree char *copy = exact_copy (text, len);
  g_autofree char *got = g_malloc (len + 1);
  g_autofree char *want = g_malloc (len + 1);
  gsize got_len = bd_mime_walk_copy_newlines (got, copy, len);
  gsize want_len;

  /* the reference: a copy, normalised in place */
  if (len > 0)
    memcpy (want, copy, len);
  want_len = bd_mime_normalise_newlines (want, len);
  g_assert_cmpmem (got, got_len, want, want_len);
}

static void
test_copy_newlines_edges (void)
{
  static const char *const cases[] = {
    "", "\r", "\n", "\r\n", "\n\r", "\r\r\n", "a\r\nb", "0123456789abcde\r\n", "0123456789abcdef\r\n",
    "0123456789abcde\r", "0123456789abcdef\r", "0123456789abcdefghijklmnopqrstu\r\nv",
    "\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n", "\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_copy_newlines (cases[i], strlen (cases[i]));
  check_copy_newlines ("a\0\r\nb\0", 6);
}

static void
test_copy_newlines_random (void)
{
  static const char alphabet[] = { 'a', 'b', '\n', '\r', '\0' };
  g_autoptr(GRand) rand = g_rand_new_with_seed (23);

  for (guint i = 0; i < BD_TEST_ROUNDS (20000); i++)
    {
      gsize len = g_rand_int_range (rand, 0, 80);
      g_autofree char *text = test_random_text_of_length (rand, alphabet, 2, len);

      /* mostly text, with line ends of either kind here and there */
      for (guint k = g_rand_int_range (rand, 0, 6); k > 0 && len > 0; k--)
        text[g_rand_int_range (rand, 0, len)] = alphabet[g_rand_int_range (rand, 2, sizeof alphabet)];
      check_copy_newlines (text, len);
    }
}

/* --- bd_mime_walk_has_prefix_ci ----------------------------------------- */

/* Every byte at every place of the prefix, and texts ending early. */
static void
test_prefix_ci_bytes (void)
{
  static const char lower[] = "content-type:";
  const gsize n = sizeof lower - 1;

  for (guint c = 0; c < 256; c++)
    for (gsize i = 0; i < n; i++)
      {
        char text[sizeof lower];

        memcpy (text, "CoNtEnT-TyPe:", sizeof lower);
        text[i] = (char)c;
        g_assert_cmpint (bd_mime_walk_has_prefix_ci (text, lower, n), ==,
                         g_ascii_strncasecmp (text, lower, n) == 0);
      }
}

/* --- bd_mime_walk_equal_ci --------------------------------------------- */

static void
test_equal_ci_random (void)
{
  /* letters of both cases and the bytes next to them, so that the case
   * folding of every letter and only of letters is tried */
  static const char alphabet[] = { 'a', 'A', 'z', 'Z', '@', '[', '`', '{', 'm', 'M', '0', '\x80', '\xc1', '\xe1' };
  g_autoptr(GRand) rand = g_rand_new_with_seed (24);

  for (guint i = 0; i < BD_TEST_ROUNDS (50000); i++)
    {
      g_autofree char *a = test_random_text_of_length (rand, alphabet, sizeof alphabet, g_rand_int_range (rand, 0, 6));
      g_autofree char *b = test_random_text_of_length (rand, alphabet, sizeof alphabet, g_rand_int_range (rand, 0, 6));

      g_assert_cmpint (bd_mime_walk_equal_ci (a, b), ==, g_ascii_strcasecmp (a, b) == 0);
      /* the same text in another case: equal */
      g_free (b);
      b = g_ascii_strup (a, -1);
      g_assert_cmpint (bd_mime_walk_equal_ci (a, b), ==, g_ascii_strcasecmp (a, b) == 0);
    }
  for (guint c = 1; c < 256; c++)
    for (guint d = 1; d < 256; d++)
      {
        char a[] = { 'x', (char)c, '\0' }, b[] = { 'X', (char)d, '\0' };

        g_assert_cmpint (bd_mime_walk_equal_ci (a, b), ==, g_ascii_strcasecmp (a, b) == 0);
      }
}

/* --- bd_mime_names_equal ----------------------------------------------- */

static void
assert_names_equal_as_glib (const char *a,
                            const char *b,
                            gsize       n)
{
  g_assert_cmpint (bd_mime_names_equal (a, b, n), ==, g_ascii_strncasecmp (a, b, n) == 0);
}

/* The word compare (4 to 16 bytes) against GLib's: every byte of every
 * length made every other byte in turn, so a difference in each word,
 * and in the bytes the two words overlap, is tried. */
static void
test_names_equal_bytes (void)
{
  static const char base[] = "Content-Transfer-Encoding";

  for (gsize n = 1; n < sizeof base; n++)
    for (gsize i = 0; i < n; i++)
      for (guint c = 1; c < 256; c++)
        {
          char b[sizeof base];

          memcpy (b, base, sizeof base);
          b[i] = (char)c;
          assert_names_equal_as_glib (base, b, n);
          assert_names_equal_as_glib (b, base, n);
        }
}

static void
test_names_equal_random (void)
{
  static const char alphabet[] = { 'a', 'A', 'z', 'Z', '@', '[', '`', '{', '-', 'm', 'M', '0', '\x80', '\xc1', '\xe1' };
  g_autoptr(GRand) rand = g_rand_new_with_seed (29);

  for (guint i = 0; i < 100000; i++)
    {
      gsize n = g_rand_int_range (rand, 1, 21);
      g_autofree char *a = test_random_text_of_length (rand, alphabet, sizeof alphabet, n);
      g_autofree char *b = test_random_text_of_length (rand, alphabet, sizeof alphabet, n);

      assert_names_equal_as_glib (a, b, n);
      /* the same name in another case, then with one byte changed */
      g_free (b);
      b = g_rand_boolean (rand) ? g_ascii_strup (a, -1) : g_strdup (a);
      assert_names_equal_as_glib (a, b, n);
      b[g_rand_int_range (rand, 0, n)] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet)];
      assert_names_equal_as_glib (a, b, n);
    }
}

/* --- bd_mime_parameters ------------------------------------------------ */

typedef struct
{
  char *name;      /* lower case, with any "*N" and "*" */
  char *value;     /* unquoted, still percent-encoded when extended */
} RefParam;

static void
ref_param_clear (RefParam *param)
{
  g_free (param->name);
  g_free (param->value);
}

/* Past a quoted string that starts at @p ('"'). */
static const char *
ref_skip_quoted (const char *p)
{
  for (p++; *p != '\0' && *p != '"'; p++)
    if (*p == '\\' && p[1] != '\0')
      p++;
  return *p == '"' ? p + 1 : p;
}

/* The next ';' outside quotes, or the end. */
static const char *
ref_next_semicolon (const char *p)
{
  while (*p != '\0' && *p != ';')
    p = *p == '"' ? ref_skip_quoted (p) : p + 1;
  return p;
}

static const char *
ref_skip_blanks (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* One "name=value" parameter as written: the name as is, the value
 * still quoted when @quoted. */
typedef struct
{
  const char *name;
  gsize       name_len;
  const char *value;   /* after the opening quote when quoted */
  gsize       value_len;
  gboolean    quoted;
} RefRawParam;

/* Reads the parameter after the ';' at *@p and moves *@p to the next ';'
 * outside quotes, or the end. A piece without a name or '=' is skipped.
 * Returns FALSE when *@p is at the end. */
static gboolean
ref_next_param (const char **p,
            RefRawParam    *param)
{
  const char *q = *p;

  while (*q == ';')
    {
      param->name = q = ref_skip_blanks (q + 1);
      while (*q != '\0' && *q != '=' && *q != ';' && *q != ' ' && *q != '\t')
        q++;
      param->name_len = q - param->name;
      q = ref_skip_blanks (q);
      if (*q != '=' || param->name_len == 0)
        {
          q = ref_next_semicolon (q);
          continue;
        }
      q = ref_skip_blanks (q + 1);
      param->quoted = *q == '"';
      if (param->quoted)
        {
          param->value = ++q;
          for (; *q != '\0' && *q != '"'; q++)
            if (*q == '\\' && q[1] != '\0')
              q++;
          param->value_len = q - param->value;
          if (*q == '"')
            q++;
        }
      else
        {
          param->value = q;
          while (*q != '\0' && *q != ';' && *q != ' ' && *q != '\t')
            q++;
          param->value_len = q - param->value;
        }
      *p = ref_next_semicolon (q);
      return TRUE;
    }
  *p = q;
  return FALSE;
}

/* The value, unquoted. */
static char *
ref_param_value (const RefRawParam *param)
{
  char *out, *o;

  if (!param->quoted)
    return g_strndup (param->value, param->value_len);
  out = o = g_malloc (param->value_len + 1);
  for (gsize i = 0; i < param->value_len; i++)
    {
      if (param->value[i] == '\\' && i + 1 < param->value_len)
        i++;
      *o++ = param->value[i];
    }
  *o = '\0';
  return out;
}

/* Whether the parameter is @name (lower case), its own name case folded. */
static gboolean
ref_param_is (const RefRawParam *param,
          const char     *name)
{
  gsize i;

  for (i = 0; i < param->name_len; i++)
    if (name[i] == '\0' || g_ascii_tolower (param->name[i]) != name[i])
      return FALSE;
  return name[i] == '\0';
}

static GArray *
ref_split_params (const char *value)
{
  GArray *params = g_array_new (FALSE, FALSE, sizeof (RefParam));
  const char *p = ref_next_semicolon (value);
  RefRawParam raw;

  g_array_set_clear_func (params, (GDestroyNotify)ref_param_clear);
  while (ref_next_param (&p, &raw))
    {
      RefParam param;

      param.name = g_ascii_strdown (raw.name, raw.name_len);
      param.value = ref_param_value (&raw);
      g_array_append_val (params, param);
    }
  return params;
}

static const char *
ref_find (GArray     *params,
      const char *name)
{
  for (guint i = 0; i < params->len; i++)
    {
      RefParam *param = &g_array_index (params, RefParam, i);

      if (strcmp (param->name, name) == 0)
        return param->value;
    }
  return NULL;
}

/* Appends @text percent-decoded; a %00 is dropped (it would end the
 * value). */
static void
ref_append_percent_decoded (GString    *out,
                        const char *text)
{
  for (const char *v = text; *v != '\0'; v++)
    {
      if (*v == '%' && g_ascii_isxdigit (v[1]) && g_ascii_isxdigit (v[2]))
        {
          char c = (char)(g_ascii_xdigit_value (v[1]) * 16 + g_ascii_xdigit_value (v[2]));

          if (c != '\0')
            g_string_append_c (out, c);
          v += 2;
        }
      else
        g_string_append_c (out, *v);
    }
}

/* "charset'language'value": the value part (the charset is not needed
 * for a boundary or a charset name, which are ASCII). */
static const char *
ref_after_language (const char *text)
{
  const char *first = strchr (text, '\'');
  const char *second = first != NULL ? strchr (first + 1, '\'') : NULL;

  return second != NULL ? second + 1 : text;
}

/* "name*3" or "name*3*" (RFC 2231 §3), without printf's cost: this runs
 * for every parameter asked for and not there. */
static char *
ref_segment_name (const char *name,
              guint       i,
              const char *suffix)
{
  char digits[12];
  gsize n = sizeof digits;

  digits[--n] = '\0';
  do
    digits[--n] = '0' + i % 10;
  while ((i /= 10) > 0);
  return g_strconcat (name, "*", digits + n, suffix, NULL);
}

/* The reference: bd_mime_parameter () before it read several parameters
 * in one pass and knew from that pass whether to look further. */
static char *
parameter_reference (const char *value,
                     const char *name)
{
  g_autoptr(GArray) params = NULL;
  g_autofree char *extended = NULL;
  GString *joined;
  RefRawParam raw;
  const char *v;

  /* Every form of the parameter (name, name*, name*0…) starts with its
   * name as written in @value: without it there is nothing to split. Most
   * Content-Types are asked for a boundary or charset they lack. */
  if (bd_text_strcasestr (value, name) == NULL)
    return NULL;
  /* The plain form, which nearly every message uses, read in place: the
   * first parameter of that name. */
  for (const char *p = ref_next_semicolon (value); ref_next_param (&p, &raw);)
    if (ref_param_is (&raw, name))
      return ref_param_value (&raw);

  params = ref_split_params (value);

  extended = g_strconcat (name, "*", NULL);
  if ((v = ref_find (params, extended)) != NULL)
    {
      joined = g_string_new (NULL);
      ref_append_percent_decoded (joined, ref_after_language (v));
      return g_string_free (joined, FALSE);
    }

  /* name*0, name*1…: the segments in order, each plain or extended */
  joined = NULL;
  for (guint i = 0; i < BD_TEST_ROUNDS (1000); i++)
    {
      g_autofree char *plain = ref_segment_name (name, i, "");
      g_autofree char *encoded = ref_segment_name (name, i, "*");

      if ((v = ref_find (params, plain)) != NULL)
        {
          if (joined == NULL)
            joined = g_string_new (NULL);
          g_string_append (joined, v);
        }
      else if ((v = ref_find (params, encoded)) != NULL)
        {
          if (joined == NULL)
            joined = g_string_new (NULL);
          ref_append_percent_decoded (joined, i == 0 ? ref_after_language (v) : v);
        }
      else
        break;
    }
  return joined != NULL ? g_string_free (joined, FALSE) : NULL;
}

static void
check_parameters (const char *value)
{
  static const char *const names[] = { "charset", "boundary", NULL };
  char *got[2];

  bd_mime_parameters (value, names, got);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *want = parameter_reference (value, names[i]);
      g_autofree char *one = bd_mime_parameter (value, names[i]);

      g_assert_cmpstr (got[i], ==, want);
      g_assert_cmpstr (one, ==, want);
      g_free (got[i]);
    }
}

static void
test_parameters_edges (void)
{
  static const char *const cases[] = {
    "", "text/plain", "text/plain; charset=utf-8", "text/plain; CHARSET=\"UTF-8\"", "text/plain;charset=a;charset=b",
    "multipart/mixed; boundary=\"a\\\"b\"; charset=x", "multipart/mixed; boundary*=us-ascii'en'a%20b",
    "multipart/mixed; boundary*0=ab; boundary*1*=%41", "multipart/mixed; Boundary*0*=utf-8''%41; boundary*1=c",
    "text/plain; xcharset=a", "text/plain; charsetx=a", "text/plain; charset*=a; charset=b", "text/plain; x=\"charset=a\"",
    "text/plain; charset", "text/plain; charset =a", "text/plain; = a; charset=b", "a; boundary=\"unclosed",
    "a; boundary*=", "a; boundary*2=x", "a; charset=; boundary=", "a;;;charset=b",
    /* each byte that ends a name (name_stop), and values ending where the
     * next ';' is looked for */
    "text/plain; charset\t=a", "text/plain; charset =a", "text/plain; charset;=a; charset=b", "a; charset=b;",
    "a; boundary\t= \"b\" ; charset=c", "a; boundary=\"b\"; charset=c", "a; boundary=\"b\"x; charset=c",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_parameters (cases[i]);
}

static void
test_parameters_random (void)
{
  static const char *const pieces[] = {
    "text/plain", "multipart/mixed", "; ", ";", "charset=", "CHARSET=", "charset*=", "charset*0=", "charset*1*=",
    "boundary=", "Boundary*=", "boundary*0*=", "boundary*1=", "boundary", "charset", "\"", "\\", "utf-8",
    "us-ascii''abc%20d", "'", "%41", "%00", "x", " ", "\t", "=", "name=", "*", "0", "1",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (25);

  for (guint i = 0; i < BD_TEST_ROUNDS (20000); i++)
    {
      g_autoptr(GString) value = g_string_new (NULL);

      for (guint k = g_rand_int_range (rand, 0, 12); k > 0; k--)
        g_string_append (value, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      check_parameters (value->str);
    }
}

/* --- DKIM-Signature and BIMI-Selector tags ------------------------------ */

/* The reference: the tags read before they were read in place.
 * The next tag of @tags, a DKIM-Signature or BIMI-Selector value split
 * at ";" ("tag=value; tag=value", RFC 6376 §3.2): its name and value,
 * stripped, in place. Tags without "=" are skipped. */
static gboolean
ref_next_tag (char   **tags,
          guint   *i,
          char   **name,
          char   **value)
{
  for (; tags[*i] != NULL; (*i)++)
    {
      char *tag = g_strstrip (tags[*i]);
      char *eq = strchr (tag, '=');

      if (eq == NULL)
        continue;
      *eq = '\0';
      *name = g_strstrip (tag);
      *value = g_strstrip (eq + 1);
      (*i)++;
      return TRUE;
    }
  return FALSE;
}

static void
ref_add_dkim (GPtrArray  *dkim,
              const char *value)
{
  g_auto(GStrv) tags = g_strsplit (value, ";", -1);
  BdDkimRef *ref = g_new0 (BdDkimRef, 1);
  char *tag, *tag_value;

  for (guint i = 0; ref_next_tag (tags, &i, &tag, &tag_value);)
    {
      if (strcmp (tag, "d") == 0 && ref->domain == NULL)
        ref->domain = g_ascii_strdown (tag_value, -1);
      else if (strcmp (tag, "s") == 0 && ref->selector == NULL)
        ref->selector = g_strdup (tag_value);
    }
  if (ref->domain == NULL && ref->selector == NULL)
    {
      bd_dkim_ref_free (ref);
      return;
    }
  g_ptr_array_add (dkim, ref);
}

/* BIMI (draft-brand-indicators-for-message-identification §4.2): the
 * sender names the record to use with "BIMI-Selector: v=BIMI1; s=brand";
 * without the header, receivers look up default._bimi. */
static char *
ref_bimi_selector_of (const char *value)
{
  g_auto(GStrv) tags = g_strsplit (value, ";", -1);
  gboolean bimi1 = FALSE;
  const char *selector = NULL;
  char *tag, *tag_value;

  for (guint i = 0; ref_next_tag (tags, &i, &tag, &tag_value);)
    {
      if (strcmp (tag, "v") == 0)
        bimi1 = g_ascii_strcasecmp (tag_value, "BIMI1") == 0;
      else if (strcmp (tag, "s") == 0 && selector == NULL)
        selector = tag_value;
    }
  return bimi1 && selector != NULL && *selector != '\0' ? g_ascii_strdown (selector, -1) : NULL;
}


/* The original's DKIM references and BIMI selector from a quoted header
 * block holding @dkim and @bimi (one line each, ASCII, no encoded word:
 * their values are what the tag reader sees, stripped). */
static void
check_tags (const char *dkim,
            const char *bimi)
{
  g_autofree char *text = g_strdup_printf ("DKIM-Signature: %s\nBIMI-Selector: %s\nFrom: a@example.com\n\n", dkim, bimi);
  g_autoptr(BdBounce) bounce = bd_bounce_new ("test", 0);
  g_autoptr(GPtrArray) want = g_ptr_array_new_with_free_func ((GDestroyNotify)bd_dkim_ref_free);
  g_autofree char *dkim_value = g_strstrip (g_strdup (dkim));
  g_autofree char *bimi_value = g_strstrip (g_strdup (bimi));
  g_autofree char *want_bimi = ref_bimi_selector_of (bimi_value);
  GPtrArray *got = bounce->original->dkim;

  g_assert_true (bd_original_fill_from_text (bounce->original, text, strlen (text)));
  ref_add_dkim (want, dkim_value);
  g_assert_cmpuint (got->len, ==, want->len);
  for (guint i = 0; i < got->len; i++)
    {
      BdDkimRef *g = g_ptr_array_index (got, i), *w = g_ptr_array_index (want, i);

      g_assert_cmpstr (g->domain, ==, w->domain);
      g_assert_cmpstr (g->selector, ==, w->selector);
    }
  g_assert_cmpstr (bounce->original->bimi_selector, ==, want_bimi);
}

static void
test_tags_edges (void)
{
  check_tags ("v=1; a=rsa-sha256; d=Example.COM; s=sel1; h=from:to; bh=abc=; b=def==", "v=BIMI1; s=Brand");
  check_tags ("d=a;d=b;s=c;s=d", "v=bimi1;s=x;s=y");
  check_tags ("  d  =  x  ;  s = y ;", "s=x; v=BIMI1");
  check_tags ("d=", "v=BIMI1; s=");
  check_tags ("x", "v=BIMI2; s=x");
  check_tags ("d==x=; s=;", "v = BiMi1 ; s = a b");
  check_tags (";;;", "v=BIMI1; v=no; s=x");
}

static void
test_tags_random (void)
{
  static const char alphabet[] = { 'd', 's', 'v', '=', ';', ' ', '\t', 'a', 'B', 'I', 'M', '1', 'b', 'i', 'm' };
  g_autoptr(GRand) rand = g_rand_new_with_seed (26);

  for (guint i = 0; i < BD_TEST_ROUNDS (5000); i++)
    {
      g_autofree char *dkim = test_random_text_of_length (rand, alphabet, sizeof alphabet, g_rand_int_range (rand, 1, 40));
      g_autofree char *bimi = test_random_text_of_length (rand, alphabet, sizeof alphabet, g_rand_int_range (rand, 1, 30));

      /* not blank: an empty field is not read as one */
      dkim[0] = dkim[0] == ' ' || dkim[0] == '\t' ? 'x' : dkim[0];
      bimi[0] = bimi[0] == ' ' || bimi[0] == '\t' ? 'x' : bimi[0];
      check_tags (dkim, bimi);
    }
}

/* --- bd_original_parse_received ---------------------------------------- */

/* An IPv4 address in the one form inet_pton () reads: four decimal
 * octets, none with a leading zero. */
static gboolean
ref_parse_ipv4 (const char *text,
            guint8      bytes[4])
{
  const char *p = text;

  for (guint i = 0; i < 4; i++)
    {
      const char *digits;
      guint value = 0;

      if (i > 0 && *p++ != '.')
        return FALSE;
      for (digits = p; g_ascii_isdigit (*p) && p - digits < 4; p++)
        value = value * 10 + (*p - '0');
      if (p == digits || p - digits > 3 || value > 255 || (p - digits > 1 && *digits == '0'))
        return FALSE;
      bytes[i] = value;
    }
  return *p == '\0';
}

/* GInetAddress's tests, on IPv4 bytes: loopback 127/8, site-local 10/8,
 * 172.16/12 and 192.168/16, link-local 169.254/16, multicast 224/4; then
 * CGNAT 100.64/10 and 0/8 (the "any" address among them). */
static gboolean
ref_is_public_ipv4 (const guint8 bytes[4])
{
  if (bytes[0] == 127 || bytes[0] == 10 || (bytes[0] == 172 && (bytes[1] & 0xf0) == 16)
      || (bytes[0] == 192 && bytes[1] == 168) || (bytes[0] == 169 && bytes[1] == 254)
      || (bytes[0] & 0xf0) == 224)
    return FALSE;
  return !(bytes[0] == 100 && (bytes[1] & 0xc0) == 64) && bytes[0] != 0;
}

static gboolean
ref_is_public_ip (const char *ip)
{
  g_autoptr(GInetAddress) address = NULL;
  const guint8 *bytes;
  guint8 ipv4[4];

  /* Nearly every Received: names an IPv4 address, read without a
   * GInetAddress object. */
  if (ref_parse_ipv4 (ip, ipv4))
    return ref_is_public_ipv4 (ipv4);
  address = g_inet_address_new_from_string (ip);
  if (address == NULL)
    return FALSE;
  if (g_inet_address_get_is_loopback (address) || g_inet_address_get_is_site_local (address)
      || g_inet_address_get_is_link_local (address) || g_inet_address_get_is_any (address)
      || g_inet_address_get_is_multicast (address))
    return FALSE;
  bytes = g_inet_address_to_bytes (address);
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
    return !(bytes[0] == 100 && (bytes[1] & 0xc0) == 64) && bytes[0] != 0;
  /* fc00::/7 unique local */
  return (bytes[0] & 0xfe) != 0xfc;
}

/* Copies the IP in "[203.0.113.7]", "(203.0.113.7)" or "[IPv6:2001:db8::1]". */
static char *
ref_ip_at (const char *p,
       const char *end)
{
  const char *start = p, *stop;
  g_autofree char *ip = NULL;

  if (end - start > 5 && bd_mime_walk_has_prefix_ci (start, "ipv6:", 5))
    start += 5;
  stop = start;
  while (stop < end && (g_ascii_isxdigit (*stop) || *stop == '.' || *stop == ':'))
    stop++;
  if (stop == start || stop - start > 45 || (stop < end && *stop != ']' && *stop != ')'))
    return NULL;
  ip = g_strndup (start, stop - start);
  if (!g_hostname_is_ip_address (ip))
    return NULL;
  return g_steal_pointer (&ip);
}

static gboolean
ref_looks_like_host (const char *word,
                 gsize       len)
{
  gboolean dot = FALSE;

  if (len == 0 || len > 253)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (word[i] == '.')
        dot = TRUE;
      else if (!g_ascii_isalnum (word[i]) && word[i] != '-' && word[i] != '_')
        return FALSE;
    }
  return dot && !g_ascii_isdigit (word[len - 1]);
}

/* The reference: bd_original_parse_received () before it went from one
 * '(' to the next. */
static gboolean
parse_received_reference (const char  *received,
                          char       **ip,
                          char       **host)
{
  const char *from, *end, *p;
  g_autofree char *found = NULL;
  const char *bracket = NULL;

  *ip = NULL;
  *host = NULL;
  from = received;
  while (*from == ' ' || *from == '\t')
    from++;
  if (!bd_mime_walk_has_prefix_ci (from, "from", 4))
    return FALSE;
  end = strstr (from, " by ");
  if (end == NULL)
    end = from + strlen (from);

  /* First the TCP information the receiving server added in a comment,
   * "(mail.example.com [203.0.113.7])" or "(user@[203.0.113.7])": it saw
   * that address itself. The "from" word before it is the client's own
   * claim (HELO), which may be a private or made-up address. */
  for (p = from; p < end && found == NULL; p++)
    {
      const char *q;
      g_autofree char *candidate = NULL;

      if (*p != '(' || bd_mime_walk_has_prefix_ci (p + 1, "helo", 4) || bd_mime_walk_has_prefix_ci (p + 1, "ehlo", 4))
        continue;
      for (q = p + 1; q < end && *q != ')' && *q != '['; q++)
        ;
      if (q < end && *q == '[' && (candidate = ref_ip_at (q + 1, end)) != NULL && ref_is_public_ip (candidate))
        {
          found = g_steal_pointer (&candidate);
          bracket = p + 1;
        }
    }
  /* Else the first address in brackets or parentheses. */
  for (p = from; p < end && found == NULL; p++)
    if (*p == '[' || *p == '(')
      found = ref_ip_at (p + 1, end);
  if (found == NULL || !ref_is_public_ip (found))
    return FALSE;

  if (bracket != NULL)
    {
      gsize n = strcspn (bracket, " [");

      if (ref_looks_like_host (bracket, n))
        *host = g_ascii_strdown (bracket, n);
    }
  if (*host == NULL)
    {
      const char *helo = from + 4;
      gsize n;

      while (*helo == ' ' || *helo == '\t')
        helo++;
      n = strcspn (helo, " \t([");
      if (ref_looks_like_host (helo, n))
        *host = g_ascii_strdown (helo, n);
    }
  *ip = g_steal_pointer (&found);
  return TRUE;
}


static void
check_received (const char *received)
{
  g_autofree char *got_ip = NULL, *got_host = NULL, *want_ip = NULL, *want_host = NULL;

  g_assert_cmpint (bd_original_parse_received (received, &got_ip, &got_host), ==,
                   parse_received_reference (received, &want_ip, &want_host));
  g_assert_cmpstr (got_ip, ==, want_ip);
  g_assert_cmpstr (got_host, ==, want_host);
}

static void
test_received_random (void)
{
  static const char *const pieces[] = {
    "from ", "by ", " by ", "(", ")", "[", "]", "HELO ", "EHLO ", "helo", "mail.example.com", "203.0.113.7",
    "10.0.0.1", "IPv6:2001:db8::1", "192.168.1.1", " ", "user@", "x", "198.51.100.2", "(mx.example.org ",
    /* the longest IP read (45 bytes, copied into a buffer of 46), and longer runs */
    "1111:2222:3333:4444:5555:6666:255.255.255.255", "8.8.8.8", ":", "1",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (30);

  check_received ("from mail.example.com (mail.example.com [203.0.113.7]) by mx.example.org with ESMTPS");
  check_received ("from [10.0.0.1] (HELO x) by y");
  check_received ("from x (y [192.168.1.1]) (z [198.51.100.2]) by w");
  check_received ("from x (y [1111:2222:3333:4444:5555:6666:255.255.255.255]) by w");
  check_received ("from [1111:2222:3333:4444:5555:6666:255.255.255.255] by w");
  for (guint i = 0; i < BD_TEST_ROUNDS (20000); i++)
    {
      g_autoptr(GString) text = g_string_new (g_rand_int_range (rand, 0, 8) != 0 ? "from " : "");

      for (guint k = g_rand_int_range (rand, 0, 10); k > 0; k--)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      check_received (text->str);
    }
}

/* --- the header block quoted in a bounce's prose ----------------------- */

/* The reference: where the quoted header block starts, before the
 * starters' first letters were looked up in a table. Header names that open the copy of a message quoted in a bounce's
 * prose, in lower case (compared without case). */
static const char *const ref_starters[] = {
  "return-path:", "received:", "dkim-signature:", "message-id:", "from:", "date:",
};

static const char *
find_header_block_reference (const char *text,
                             gsize       len)
{
  const char *end = text + len;

  for (const char *p = text; p < end; )
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *next = eol ? eol + 1 : end;

      for (guint i = 0; i < G_N_ELEMENTS (ref_starters); i++)
        {
          gsize n;

          /* the first letter inline (case folded by its 0x20 bit), before
           * any call: every line of the prose is tried */
          if ((*p | 0x20) != (ref_starters[i][0] | 0x20))
            continue;
          n = strlen (ref_starters[i]);
          if ((gsize)(end - p) > n && bd_mime_walk_has_prefix_ci (p, ref_starters[i], n))
            {
              /* A block needs a second header line right after. */
              if (next < end && (g_ascii_isalpha (*next) || *next == ' ' || *next == '\t')
                  && memchr (next, ':', MIN ((gsize)(end - next), 80)) != NULL)
                return p;
            }
        }
      p = next;
    }
  return NULL;
}


static void
check_header_block (const char *text)
{
  gsize len = strlen (text);
  const char *start = find_header_block_reference (text, len);
  g_autoptr(BdBounce) got = bd_bounce_new ("test", 0);
  g_autoptr(BdBounce) want = bd_bounce_new ("test", 0);

  g_assert_cmpint (bd_original_fill_from_text (got->original, text, len), ==, start != NULL);
  if (start == NULL)
    return;
  /* from where the reference starts, the block is read at once */
  g_assert_true (bd_original_fill_from_text (want->original, start, len - (start - text)));
  g_assert_cmpstr (got->original->from, ==, want->original->from);
  g_assert_cmpstr (got->original->message_id, ==, want->original->message_id);
  g_assert_cmpstr (got->original->date, ==, want->original->date);
  g_assert_cmpstr (got->original->excerpt, ==, want->original->excerpt);
}

static void
test_header_block_random (void)
{
  static const char *const lines[] = {
    "Return-Path: <a@example.com>\n", "received: from x by y\n", "From: b@example.com\n", "Date: x\n",
    "DKIM-Signature: v=1; d=example.com\n", "Message-ID: <m@example.com>\n", "MESSAGE-ID: <n@example.com>\n",
    "hello\n", "from here\n", "R\n", "\n", " x: y\n", "Xfrom: z\n", "FROM:c@example.com\n", "dATE:\n",
    "Subject: s\n", "mail text\n", "Fwd\n", "r", "Date: Mon, 2 Mar 2026 10:15:07 +0100\n",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (31);

  for (guint i = 0; i < BD_TEST_ROUNDS (20000); i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint k = g_rand_int_range (rand, 0, 10); k > 0; k--)
        g_string_append (text, lines[g_rand_int_range (rand, 0, G_N_ELEMENTS (lines))]);
      check_header_block (text->str);
    }
}

/* Domains made of the letters of "xn--" and dots: IDN labels anywhere,
 * in either case, whole or cut short. */
static void
test_message_id_idn (void)
{
  static const char alphabet[] = { 'x', 'n', '-', '-', '.', 'X', 'N', 'a' };
  g_autoptr(GRand) rand = g_rand_new_with_seed (32);

  check_message_id ("<a@xn--b.com>");
  check_message_id ("<a@b.XN--c>");
  check_message_id ("<xn--a@b.com>");
  check_message_id ("<a@b.xn-->");
  check_message_id ("<a@b.xn-");
  for (guint i = 0; i < BD_TEST_ROUNDS (50000); i++)
    {
      g_autofree char *domain = test_random_text_of_length (rand, alphabet, sizeof alphabet, g_rand_int_range (rand, 0, 14));
      g_autofree char *value = g_strdup_printf ("<a@%s>", domain);

      check_message_id (value);
    }
}

/* --- bd_mime_walk_find_byte ------------------------------------------- */

/* Every start in a block of exactly @len bytes (ASan sees a read past
 * it): what memchr () finds, or the end; bd_mime_walk_find_line_end ()
 * too, which finds the same 64 bytes a turn. */
static void
check_find_byte (const char *text,
                 gsize       len)
{
  g_autofree char *copy = exact_copy (text, len);
  const char *end = copy + len;

  for (const char *p = copy; p <= end; p++)
    {
      const char *hit = memchr (p, '\n', end - p);

      g_assert_true (bd_mime_walk_find_byte (p, end, '\n') == (hit != NULL ? hit : end));
      g_assert_true (bd_mime_walk_find_line_end (p, end) == (hit != NULL ? hit : end));
    }
}

static void
test_find_byte_random (void)
{
  static const char alphabet[] = { 'a', '\n', ':', ' ' };
  g_autoptr(GRand) rand = g_rand_new_with_seed (26);

  /* every length up to past two turns of 64, the line end anywhere */
  for (gsize len = 0; len <= 160; len++)
    for (guint i = 0; i < 20; i++)
      {
        g_autofree char *text = test_random_text_of_length (rand, alphabet, sizeof alphabet, len);

        /* mostly none or one line end: the turns that find nothing */
        for (gsize k = 0; k < len; k++)
          if (text[k] == '\n' && g_rand_int_range (rand, 0, 8) != 0)
            text[k] = 'a';
        check_find_byte (text, len);
      }
}

/* --- bd_mime_walk_has_break ------------------------------------------- */

static void
test_has_break_random (void)
{
  static const char alphabet[] = { 'a', '\n', '\r', '\0', ' ' };
  g_autoptr(GRand) rand = g_rand_new_with_seed (28);

  for (gsize len = 0; len <= 64; len++)
    for (guint i = 0; i < 40; i++)
      {
        g_autofree char *text = test_random_text_of_length (rand, alphabet, sizeof alphabet, len);
        g_autofree char *copy = NULL;
        gboolean expected = FALSE;

        /* mostly none or one break, anywhere */
        for (gsize k = 0; k < len; k++)
          if (text[k] != 'a' && text[k] != ' ' && g_rand_int_range (rand, 0, len + 1) != 0)
            text[k] = 'a';
        for (gsize k = 0; k < len; k++)
          expected |= text[k] == '\n' || text[k] == '\r' || text[k] == '\0';
        copy = exact_copy (text, len);
        g_assert_cmpint (bd_mime_walk_has_break (copy, len), ==, expected);
      }
}

/* --- a part's Content-Type (bd_mime_parse ()) --------------------------- */

/* The type and subtype as read before the fast paths, for a value
 * without a leading comment: blanks, a token, '/', a token, lowered
 * (g_ascii_strdown ()); NULL when there are none (text/plain then). */
static char *
ref_content_type (const char *value)
{
  static const char tspecials[] = "()<>@,;:\\\"/[]?=";
  const char *p = value, *t, *t_end, *s;
  g_autofree char *whole = NULL;

  while (*p == ' ' || *p == '\t')
    p++;
  for (t = p; *p > ' ' && *p < 0x7f && strchr (tspecials, *p) == NULL; p++)
    ;
  t_end = p;
  while (*p == ' ' || *p == '\t')
    p++;
  if (*p != '/' || t_end == t)
    return NULL;
  for (p++; *p == ' ' || *p == '\t'; p++)
    ;
  for (s = p; *p > ' ' && *p < 0x7f && strchr (tspecials, *p) == NULL; p++)
    ;
  if (p == s)
    return NULL;
  whole = g_strdup_printf ("%.*s/%.*s", (int)(t_end - t), t, (int)(p - s), s);
  return g_ascii_strdown (whole, -1);
}

/* @value as a message's Content-Type: the type and subtype, charset and
 * boundary that bd_mime_parse () reads, against the reference above and
 * bd_mime_parameters () (which the splitter called for every part). */
static void
check_content_type (const char *value)
{
  g_autofree char *message = g_strdup_printf ("Content-Type: %s\n\nbody\n", value);
  g_autoptr(BdMimePart) part = bd_mime_parse (message, strlen (message), 4);
  g_autofree char *unfolded = bd_mime_unfold (value, strlen (value));
  g_autofree char *type = ref_content_type (unfolded);
  g_autofree char *got = g_strdup_printf ("%s/%s", part->type, part->subtype);
  const char *names[] = { "charset", g_str_equal (part->type, "multipart") ? "boundary" : NULL, NULL };
  char *found[2] = { NULL, NULL };

  g_test_message ("%s", value);
  if (unfolded[0] != '(')
    g_assert_cmpstr (got, ==, type != NULL ? type : "text/plain");
  bd_mime_parameters (unfolded, names, found);
  g_assert_cmpstr (part->charset, ==, found[0]);
  g_assert_cmpstr (part->boundary, ==, found[1]);
  g_free (found[0]);
  g_free (found[1]);
}

static void
test_content_type_random (void)
{
  static const char *const types[] = {
    "text/plain", "Text/HTML", "multipart/mixed", "MULTIPART/Alternative", "multipart / report",
    "message/rfc822", "application/vnd.openxmlformats-officedocument", "x-a-very-long-type/x-also-a-long-subtype",
    "abcdefghijklmno/abcdefgh", "abcdefghijklmnop/a", "a/b", " text/plain", "text/", "/plain", "text",
    "(c) text/plain", "text/plain x", "text\"/plain", "",
  };
  static const char *const pieces[] = {
    "; ", ";", " ", "\t", "charset=", "CHARSET=", "Charset =", "charset*=", "charset*0=", "boundary=",
    "BOUNDARY= ", "boundary*=", "boundary*1*=", "name=", "format=flowed", "=", "\"", "\\", "utf-8",
    "\"=_Part_1\"", "\"a b;c\"", "us-ascii''abc%20d", "x", "(", ")", ".", "*", "a\"b", "charset",
    /* read where it is in the message only without these */
    "\n ", "\n\t", "\r", "\v", "\f", " \v",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (27);

  for (guint i = 0; i < BD_TEST_ROUNDS (30000); i++)
    {
      g_autoptr(GString) value = g_string_new (types[g_rand_int_range (rand, 0, G_N_ELEMENTS (types))]);

      for (guint k = g_rand_int_range (rand, 0, 10); k > 0; k--)
        g_string_append (value, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      check_content_type (value->str);
    }
  check_content_type ("multipart/mixed; boundary=\"b\"; charset=x; boundary=c; charset=y");
  check_content_type ("multipart/mixed ; boundary = \"b\" ;charset=\"\"");
  check_content_type ("text/plain; charset=utf-8 (comment)");
  check_content_type ("text/plain; charset=utf-8\v");
  check_content_type ("text/plain; charset=\"utf-8\"\f ");
  check_content_type ("\vtext/plain; charset=utf-8");
  check_content_type ("multipart/mixed;\n boundary=\"=_a\"");
}

/* --- bd_mime_next_dash_line ------------------------------------------- */

/* The line walk it replaced: the first line at or after @p opening with
 * "--". */
static const char *
ref_dash_line (const char *p,
               const char *end)
{
  while (p < end)
    {
      const char *nl;

      if (end - p >= 2 && p[0] == '-' && p[1] == '-')
        return p;
      nl = memchr (p, '\n', end - p);
      p = nl != NULL ? nl + 1 : end;
    }
  return NULL;
}

/* Bodies made of dashes, line ends and text, in a block of exactly their
 * length (ASan sees a read past it): searched from each line start, as
 * split_multipart() does after each line. */
static void
test_dash_line_random (void)
{
  static const char *const pieces[] = {
    "\n", "-", "--", "a", " ", "\n--", "\n-", "x-y", "- item\n", "font-family: x;\n", "--b_1\n",
    "0123456789abcdef0123456789abcdef0123456789abcdef",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (24);

  for (guint round = 0; round < BD_TEST_ROUNDS (3000); round++)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autofree char *text = NULL;
      guint count = g_rand_int_range (rand, 0, 40);

      for (guint i = 0; i < count; i++)
        g_string_append (body, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      text = exact_copy (body->str, body->len);
      for (const char *p = text, *end = text + body->len; p <= end; p++)
        if (p == text || p[-1] == '\n')
          g_assert_true (bd_mime_next_dash_line (p, end) == ref_dash_line (p, end));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();
  g_test_add_func ("/mime-walk/unfold/edges", test_unfold_edges);
  g_test_add_func ("/mime-walk/unfold/random", test_unfold_random);
  g_test_add_func ("/mime-walk/header-marks/places", test_header_marks_places);
  g_test_add_func ("/mime-walk/header-marks/random", test_header_marks_random);
  g_test_add_func ("/mime-walk/blank-line/edges", test_blank_line_edges);
  g_test_add_func ("/mime-walk/blank-line/random", test_blank_line_random);
  g_test_add_func ("/mime-walk/field-colon/edges", test_field_colon_edges);
  g_test_add_func ("/mime-walk/field-colon/random", test_field_colon_random);
  g_test_add_func ("/mime-walk/strip-html/edges", test_html_edges);
  g_test_add_func ("/mime-walk/strip-html/random", test_html_random);
  g_test_add_func ("/mime-walk/message-id/bytes", test_message_id_bytes);
  g_test_add_func ("/mime-walk/message-id/idn", test_message_id_idn);
  g_test_add_func ("/mime-walk/copy-newlines/edges", test_copy_newlines_edges);
  g_test_add_func ("/mime-walk/copy-newlines/random", test_copy_newlines_random);
  g_test_add_func ("/mime-walk/prefix-ci/bytes", test_prefix_ci_bytes);
  g_test_add_func ("/mime-walk/equal-ci/random", test_equal_ci_random);
  g_test_add_func ("/mime-walk/names-equal/bytes", test_names_equal_bytes);
  g_test_add_func ("/mime-walk/names-equal/random", test_names_equal_random);
  g_test_add_func ("/mime-walk/parameters/edges", test_parameters_edges);
  g_test_add_func ("/mime-walk/parameters/random", test_parameters_random);
  g_test_add_func ("/mime-walk/tags/edges", test_tags_edges);
  g_test_add_func ("/mime-walk/tags/random", test_tags_random);
  g_test_add_func ("/mime-walk/received/random", test_received_random);
  g_test_add_func ("/mime-walk/header-block/random", test_header_block_random);
  test_add_func_each_vector_path ("/mime-walk/dash-line/random", test_dash_line_random);
  test_add_func_each_vector_path ("/mime-walk/find-pair-long/random", test_find_pair_long_random);
  g_test_add_func ("/mime-walk/find-byte/random", test_find_byte_random);
  g_test_add_func ("/mime-walk/has-break/random", test_has_break_random);
  g_test_add_func ("/mime-walk/content-type/random", test_content_type_random);
  return g_test_run ();
}
