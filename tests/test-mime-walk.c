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

#include <string.h>

#include "bd-mime.h"
#include "bd-mime-walk.h"

/* Random text of @len bytes drawn from @alphabet. */
static char *
random_text (GRand      *rand,
             const char *alphabet,
             gsize       n_alphabet,
             gsize       len)
{
  char *text = g_malloc (len + 1);

  for (gsize i = 0; i < len; i++)
    text[i] = alphabet[g_rand_int_range (rand, 0, n_alphabet)];
  text[len] = '\0';
  return text;
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

static void
check_unfold (const char *raw,
              gsize       len)
{
  /* an exact-size copy, so that ASan sees any read past its end */
  g_autofree char *copy = g_memdup2 (raw, len);
  g_autofree char *got = bd_mime_unfold (copy, len);
  g_autofree char *want = unfold_reference (copy, len);

  g_assert_cmpstr (got, ==, want);
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

  for (guint i = 0; i < 20000; i++)
    {
      gsize len = g_rand_int_range (rand, 0, 70);
      g_autofree char *text = random_text (rand, alphabet, g_rand_int_range (rand, 1, sizeof alphabet + 1), len);

      check_unfold (text, len);
    }
}

/* --- bd_mime_walk_find_blank_line -------------------------------------- */

static void
check_blank_line (const char *text,
                  gsize       len)
{
  g_autofree char *copy = g_memdup2 (text, len);

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

  for (guint i = 0; i < 20000; i++)
    {
      gsize len = g_rand_int_range (rand, 0, 80);
      g_autofree char *text = NULL;

      /* mostly text, with a line end here and there */
      text = random_text (rand, alphabet, 2, len);
      for (gsize k = 0; k < len; k++)
        if (text[k] == '\n' && g_rand_int_range (rand, 0, 3) != 0)
          text[k] = alphabet[g_rand_int_range (rand, 2, 4)];
      check_blank_line (text, len);
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
  g_autofree char *copy = g_memdup2 (text, len);
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

  for (guint i = 0; i < 50000; i++)
    {
      gsize len = g_rand_int_range (rand, 0, 50);
      g_autofree char *text = random_text (rand, alphabet, 5, len);

      /* a few stops in the name characters, at random places */
      for (guint k = g_rand_int_range (rand, 0, 4); k > 0 && len > 0; k--)
        text[g_rand_int_range (rand, 0, len)] = alphabet[g_rand_int_range (rand, 5, sizeof alphabet)];
      check_field_colon (text, len);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mime-walk/unfold/edges", test_unfold_edges);
  g_test_add_func ("/mime-walk/unfold/random", test_unfold_random);
  g_test_add_func ("/mime-walk/blank-line/edges", test_blank_line_edges);
  g_test_add_func ("/mime-walk/blank-line/random", test_blank_line_random);
  g_test_add_func ("/mime-walk/field-colon/edges", test_field_colon_edges);
  g_test_add_func ("/mime-walk/field-colon/random", test_field_colon_random);
  return g_test_run ();
}
