/* test-mime-words.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bd_mime_words_decode_utf8() against what it replaces, GMime's
 * g_mime_utils_header_decode_text(): wherever the fast path answers, the
 * answer must be GMime's, byte for byte. Over edge cases (GMime 3.2's
 * quirks among them) and random values made of encoded words in several
 * charsets and both encodings, damaged ones, plain words and blanks.
 */
#include "config.h"

#include <gmime/gmime.h>
#include <string.h>

#include "bd-mime-words.h"

/* Whether the fast path read @value; fails when it read it otherwise
 * than GMime. @value is copied into a block of its exact size, so that a
 * read past its end shows under AddressSanitizer. */
static gboolean
check_same (const char *value)
{
  gsize len = strlen (value);
  g_autofree char *copy = g_memdup2 (value, len);
  g_autofree char *ours = bd_mime_words_decode_utf8 (copy, len);
  g_autofree char *theirs = NULL;

  if (ours == NULL)
    return FALSE;
  theirs = g_mime_utils_header_decode_text (NULL, value);
  if (g_strcmp0 (ours, theirs) != 0)
    g_error ("\"%s\": read as \"%s\", GMime \"%s\"", value, ours, theirs);
  return TRUE;
}

static void
test_words_examples (void)
{
  static const char *const read[] = {
    "=?UTF-8?B?w6nDqQ==?=", "=?utf-8?b?YWJj?= =?utf-8?B?ZGVm?=", "=?utf-8?q?a_b=41=c3=a9?=",
    "Re: =?UTF-8?B?w6k=?= x", "=?utf-8?B?YWI=?=. Mail failure.", "=?utf-8?B?YWI=?=\tx",
    "=?iso-8859-15?Q?Delivery_Status_Notification_=28Failure=29?=", "=?US-ASCII?q?a?= =?us-ascii?Q?b?=",
    "=?utf-8?B?YWJj?= =?utf-8?q?d?=", "=?utf-8?q?a?=  \t =?UTF-8?q?b?=", "a  b\tc =?utf-8?B?4oKs?=",
    "=?utf-8?B?4oKs4oKs?= =?utf-8?B?4oKs?=",
  };
  static const char *const left[] = {
    /* a character cut between words, or by a change of encoding */
    "=?utf-8?B?4o?= =?utf-8?B?Ks?=", "=?utf-8?B?4oKs4o==?= =?utf-8?q?=82=AC?=",
    "=?utf-8?q?=E2=82?= =?utf-8?q?=AC?=", "=?utf-8?q?a=?= =?utf-8?q?41?=",
    /* other charsets, 8-bit text, control characters, damaged words */
    "=?iso-8859-1?q?deuxi=E8me?=", "=?iso-2022-jp?B?GyRCJUslYyE8JXMbKEI=?=", "=?us-ascii?q?a=01?=",
    "=?utf-8?q?a=0Ab?=", "=?utf-8?B?YW=?=", "=?utf-8?B?Y*Jj?=", "=?utf-8?B?" "?=", "=?utf-8?x?a?=",
    "=?utf8?q?a?=", "=?utf-8*en?q?a?=", "a=?utf-8?q?b?=", "=?utf-8?q?a?==?utf-8?q?b?=", "=?utf-8?q?a b?=",
    "=?utf-8?q?a", "x\x01y", "caf\xc3\xa9 =?utf-8?q?a?=", "=?utf-8?q?a?= ", " =?utf-8?q?a?=",
  };

  for (guint i = 0; i < G_N_ELEMENTS (read); i++)
    if (!check_same (read[i]))
      g_error ("\"%s\" was left to GMime", read[i]);
  for (guint i = 0; i < G_N_ELEMENTS (left); i++)
    check_same (left[i]);
}

/* @text as an encoded word's payload, maybe damaged. */
static void
append_payload (GString    *value,
                const char *text,
                gsize       n,
                char        encoding,
                GRand      *rand)
{
  if (encoding == 'B' || encoding == 'b')
    {
      g_autofree char *b64 = g_base64_encode ((const guchar *)text, n);

      g_string_append (value, b64);
    }
  else
    for (gsize i = 0; i < n; i++)
      {
        guchar c = text[i];

        if (c == ' ' && g_rand_boolean (rand))
          g_string_append_c (value, '_');
        else if (c > 0x20 && c < 0x7f && c != '=' && c != '?' && c != '_' && g_rand_int_range (rand, 0, 4) != 0)
          g_string_append_c (value, c);
        else
          g_string_append_printf (value, g_rand_boolean (rand) ? "=%02X" : "=%02x", c);
      }
  /* damage: a byte lost, a stray padding or escape, a bad character */
  switch (g_rand_int_range (rand, 0, 12))
    {
    case 0: if (value->len > 0) g_string_truncate (value, value->len - 1); break;
    case 1: g_string_append_c (value, '='); break;
    case 2: g_string_append (value, "=4"); break;
    case 3: g_string_append_c (value, '*'); break;
    default: break;
    }
}

static void
test_words_random (void)
{
  static const char *const charsets[] = {
    "utf-8", "UTF-8", "Utf-8", "us-ascii", "ISO-8859-1", "iso-8859-15", "iso-8859-2", "utf8", "",
  };
  static const char *const texts[] = {
    "a", "Re: ", "abc def", "_", "=", "?", "(x)", "\xc3\xa9", "\xe2\x82\xac", "\xe6\x97\xa5\xe6\x9c\xac",
    "\xc3", "\xa9", "\xe9", "\x01", "\t", "\x7f", " ", "Delivery Status", "\xf0\x9f\x98\x80",
  };
  static const char *const plain[] = { "Re:", "abc", "x.y", "(a)", "=", "?=", "a=?b", "\xe6\x97\xa5", "\x01", "-" };
  static const char *const blanks[] = { " ", " ", "\t", "  ", " \t", "" };
  static const char encodings[] = "BbQq";
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261208);
  guint fast = 0, rounds = 60000;

  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr(GString) value = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 1, 6);

      for (guint k = 0; k < n; k++)
        {
          if (k > 0)
            g_string_append (value, blanks[g_rand_int_range (rand, 0, G_N_ELEMENTS (blanks))]);
          if (g_rand_int_range (rand, 0, 4) == 0)
            g_string_append (value, plain[g_rand_int_range (rand, 0, G_N_ELEMENTS (plain))]);
          else
            {
              g_autoptr(GString) text = g_string_new (NULL);
              char encoding = encodings[g_rand_int_range (rand, 0, 4)];
              guint pieces = g_rand_int_range (rand, 1, 5);

              /* mostly one charset, so that runs form */
              g_string_append_printf (value, "=?%s?%c?",
                                      g_rand_int_range (rand, 0, 3) != 0 ? "utf-8"
                                      : charsets[g_rand_int_range (rand, 0, G_N_ELEMENTS (charsets))],
                                      encoding);
              for (guint j = 0; j < pieces; j++)
                g_string_append (text, texts[g_rand_int_range (rand, 0, g_rand_boolean (rand) ? 4 : G_N_ELEMENTS (texts))]);
              append_payload (value, text->str, text->len, encoding, rand);
              g_string_append (value, "?=");
              if (g_rand_int_range (rand, 0, 8) == 0)
                g_string_append (value, plain[g_rand_int_range (rand, 0, 5)]);
            }
        }
      fast += check_same (value->str);
    }
  /* many values are damaged on purpose: at least one in ten is read */
  g_test_message ("%u of %u read without GMime", fast, rounds);
  g_assert_cmpuint (fast, >, rounds / 10);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

  g_test_add_func ("/core/mime-words/examples", test_words_examples);
  g_test_add_func ("/core/mime-words/random", test_words_random);
  return g_test_run ();
}
