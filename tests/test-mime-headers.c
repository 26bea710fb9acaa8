/* test-mime-headers.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Address lists and message IDs read where they lie in the message
 * (bd_mime_address_value_plain (), bd_mime_address_value_plain_first (),
 * bd_mime_message_id_value_plain ()) against the way they were read
 * before: the value unfolded first, then looked through for 8-bit text,
 * then parsed. Each value is the last bytes of its own allocation, so
 * that AddressSanitizer sees any read past it. (test-mime-equivalence
 * compares the parse itself with GMime's.) And bd_mime_header_value (),
 * which looks for encoded words and 8-bit text while it unfolds, against
 * the look at the unfolded value it replaced.
 */
#include "config.h"

#include <gmime/gmime.h>
#include <string.h>

#include "bd-mime.h"
#include "bd-mime-charset.h"
#include "bd-mime-text.h"
#include "bd-mime-walk.h"
#include "bd-mime-words.h"
#include "bd-test-util.h"

/* --- the reference: the replaced lines ---------------------------------- */

static gboolean
old_value_plain (const char *raw,
                 gsize       len,
                 GPtrArray  *addrs,
                 guint       max)
{
  g_autofree char *value = bd_mime_unfold (raw, len);

  return bd_mime_text_is_seven_bit (value, strlen (value)) && bd_mime_plain_addresses (value, addrs, max);
}

static char *
old_message_id (const char *raw,
                gsize       len)
{
  g_autofree char *value = bd_mime_unfold (raw, len);

  return bd_mime_plain_message_id (value);
}

static char *
old_header_value (const char *raw,
                  gsize       len)
{
  char *value = bd_mime_unfold_len (raw, len, &len);

  if (bd_mime_walk_header_marks (value, len) != 0)
    {
      char *decoded = bd_mime_words_decode_utf8 (value, len);

      if (decoded == NULL)
        {
          bd_mime_charset_keep_encoded (value);
          decoded = g_mime_utils_header_decode_text (NULL, value);
        }
      g_free (value);
      value = decoded != NULL ? g_strstrip (decoded) : g_strdup ("");
    }
  return value;
}

/* --- the comparison ----------------------------------------------------- */

static void
compare_value (const char *text,
               gsize       len)
{
  g_autofree char *raw = g_memdup2 (text, MAX (len, 1));
  g_autofree char *want = old_header_value (raw, len);
  g_autofree char *got = bd_mime_header_value (raw, len);

  g_assert_cmpstr (got, ==, want);
}

static void
compare (const char *text,
         gsize       len)
{
  /* its own allocation, the value at its very end */
  g_autofree char *raw = g_memdup2 (text, MAX (len, 1));
  g_autoptr(GPtrArray) want = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) got = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *first = NULL;
  g_autofree char *want_id = old_message_id (raw, len);
  g_autofree char *got_id = bd_mime_message_id_value_plain (raw, len);
  guint max = len % 3 + 1;
  gboolean plain = old_value_plain (raw, len, want, max);

  g_assert_cmpint (bd_mime_address_value_plain (raw, len, got, max), ==, plain);
  g_assert_cmpuint (got->len, ==, want->len);
  for (guint i = 0; i < want->len; i++)
    g_assert_cmpstr (g_ptr_array_index (got, i), ==, g_ptr_array_index (want, i));

  g_ptr_array_set_size (want, 0);
  plain = old_value_plain (raw, len, want, 1);
  g_assert_cmpint (bd_mime_address_value_plain_first (raw, len, &first), ==, plain);
  g_assert_cmpstr (first, ==, plain ? g_ptr_array_index (want, 0) : NULL);

  g_assert_cmpstr (got_id, ==, want_id);
}

static void
test_cases (void)
{
  static const char *const cases[] = {
    "", " ", "a@b", "a@b.c", " a@b.c ", "\ta@b.c\n", "a@b.c\n", "a@b.c\r", "a\n@b.c", "a@b\n.c",
    "a@b.c,\n d@e.f", "a@b.c, d@e.f, g@h.i", "Jan <a@b.c>", "\"Jan Kowalski\" <a@b.c>",
    "\"Jan\n Kowalski\" <a@b.c>", "\"Jan\r\" <a@b.c>", "\"J\xc3\xa1n\" <a@b.c>", "J\xc3\xa1n <a@b.c>",
    "\"Jan\\\" <a@b.c>", "\"Jan <a@b.c>", "Jan. Kowalski <a@b.c>", "<a@b.c>", "<a@b.c", "a@b.c>",
    "a@xn--bcher-kva.example", "a@b.XN--c", "xn--a@b.c", "a@b.xn-", ".a@b.c", "a.@b.c", "a..b@c.d",
    "a@.b", "a@b.", "a@b..c", "a@b,", ",a@b", "a@b ,c@d", "a@b\0.c", "a\0@b.c", "<abc.def@ghi.jkl>",
    "<abc.def@ghi.jkl>\n", " <abc@def>", "<abc@\n def>", "<abc@def> ", "<abc@def>x", "<>", "<@>",
    "<a@b>\0", "0123456789012345678901234567890@example.com",
    "<0123456789.0123456789.0123456789@mail.example.com>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      compare (cases[i], strlen (cases[i]));
      compare_value (cases[i], strlen (cases[i]));
    }
  /* with the NUL inside */
  compare ("a@b\0.c", 6);
  compare ("<a@b>\0", 6);
  compare ("\"a\0\" <b@c>", 10);
}

/* Random values from the bytes that matter to the parse, lengths 0 to 64. */
static void
test_random (void)
{
  static const char alphabet[] = "ab.@<>,\" \t\n\r\\\0xn-X\x80\xff(:";
  GRand *rand = g_rand_new_with_seed (19);
  char text[65];

  for (guint i = 0; i < BD_TEST_ROUNDS (200000); i++)
    {
      gsize len = g_rand_int_range (rand, 0, sizeof text);

      for (gsize k = 0; k < len; k++)
        text[k] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      compare (text, len);
    }
  g_rand_free (rand);
}

/* Header values from the bytes that matter to the look for encoded words
 * and 8-bit text, lengths 0 to 64 (the marks before, in and after a
 * block), and encoded words among blanks and folds. */
static void
test_values_random (void)
{
  static const char alphabet[] = "ab =?\t\n\r\0\x80\xc3\xa9_";
  static const char *const words[] = {
    "=?utf-8?B?w6k=?=", "=?UTF-8?Q?caf=C3=A9?=", "=?iso-8859-1?q?abc?=", "plain", "=?", "?=", "\n ",
    " ", "\xc3\xa9", "=?utf-8?B?", "?Q?", "\t",
  };
  GRand *rand = g_rand_new_with_seed (47);
  char text[65];

  for (guint i = 0; i < BD_TEST_ROUNDS (100000); i++)
    {
      gsize len = g_rand_int_range (rand, 0, sizeof text);

      for (gsize k = 0; k < len; k++)
        text[k] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      compare_value (text, len);
    }
  for (guint i = 0; i < BD_TEST_ROUNDS (20000); i++)
    {
      g_autoptr(GString) value = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 8);

      for (guint k = 0; k < n; k++)
        g_string_append (value, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      compare_value (value->str, value->len);
    }
  g_rand_free (rand);
}

/* Plain values broken up: each of them with one byte replaced by each of
 * the bytes that matter, at every place. */
static void
test_mutations (void)
{
  static const char *const bases[] = {
    "\"Jan Kowalski\" <jan.kowalski@example.com>, a@b.c",
    "<CAF0123456789abcdef.0123@mail.gmail.com>",
    "mailer-daemon@mx1.xn--bcher-kva.example.org",
  };
  static const char bytes[] = "a.@<>,\" \t\n\r\\\0x\x80";

  for (guint b = 0; b < G_N_ELEMENTS (bases); b++)
    {
      gsize len = strlen (bases[b]);
      g_autofree char *text = g_strdup (bases[b]);

      for (gsize at = 0; at < len; at++)
        for (guint k = 0; k < sizeof bytes - 1; k++)
          {
            char was = text[at];

            text[at] = bytes[k];
            compare (text, len);
            compare_value (text, len);
            text[at] = was;
          }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_mime_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mime/headers/cases", test_cases);
  g_test_add_func ("/mime/headers/random", test_random);
  g_test_add_func ("/mime/headers/mutations", test_mutations);
  g_test_add_func ("/mime/headers/values-random", test_values_random);
  return g_test_run ();
}
