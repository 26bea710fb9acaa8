/* test-challenge.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The challenge-response notices (bd-decoder-challenge.c): the two-lane
 * search for the services' names that gates the sentence search gives
 * what the old gate (one pass for "xbe", "bluebottle", "choicemail" and
 * "blk", then a search for each name) gave, over the services' sentences
 * and names in every case and at every place, cut short, and random text
 * made of the letters the lanes look at.
 */
#include "config.h"

#include <string.h>

#include "bd-decoder-private.h"
#include "bd-phrase-fold.h"
#include "bd-test-util.h"
#include "bd-text.h"

/* --- the old test, kept as the oracle ------------------------------------ */

static const struct
{
  const char *service;
  const char *rare_part;
  const char *const sentences[3];
} old_challenges[] = {
  { "Boxbe", "xbe", { "please add yourself to my boxbe guest list", "you're listed on my boxbe guest list", NULL } },
  { "Bluebottle", "bluebottle", { "this account is protected by bluebottle", NULL } },
  { "ChoiceMail", "choicemail", { "choicemail is holding the message you sent", NULL } },
  { "SpamBLK", "blk", { "is using spamblk whitemail to prevent spam", NULL } },
};

static const char *const old_rare_parts[] = { "xbe", "bluebottle", "choicemail", "blk" };

static gboolean
old_is_challenge (const char *text)
{
  g_autofree char *folded = NULL;
  const char *folded_text = NULL;
  gsize len = strlen (text);

  if (bd_text_find_first_of_needles (text, len, old_rare_parts, G_N_ELEMENTS (old_rare_parts), TRUE, NULL) == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (old_challenges); i++)
    {
      if (bd_text_find_ci (text, len, old_challenges[i].rare_part) == NULL
          || bd_text_find_ci (text, len, old_challenges[i].service) == NULL)
        continue;
      if (folded_text == NULL)
        folded_text = bd_phrase_fold (text, &folded);
      for (guint j = 0; old_challenges[i].sentences[j] != NULL; j++)
        if (strstr (folded_text, old_challenges[i].sentences[j]) != NULL)
          return TRUE;
    }
  return FALSE;
}

/* --- the decoder's --------------------------------------------------------- */

/* Whether bd_decoder_drop_challenge () takes @text for a notice: it then
 * drops the recipient and the MTA of a bounce. */
static gboolean
dropped_len (const char *text,
             gsize       len)
{
  g_autoptr(BdBounce) bounce = bd_bounce_new ("test", 0);
  gboolean was_dropped;

  bd_bounce_add_recipient (bounce, "user@example.com");
  bounce->mta = g_strdup ("postfix");
  bd_decoder_drop_challenge (bounce, NULL, text, len);
  was_dropped = bounce->recipients->len == 0;
  g_assert_true (was_dropped == (bounce->mta == NULL));
  return was_dropped;
}

static gboolean
dropped (const char *text)
{
  return dropped_len (text, strlen (text));
}

static void
assert_as_before (const char *text)
{
  if (dropped (text) != old_is_challenge (text))
    g_error ("challenge test differs on \"%s\"", text);
}

/* @s with each letter's case from @bits (bit i for the i-th byte, cycling). */
static char *
with_case (const char *s,
           guint32     bits)
{
  char *out = g_strdup (s);

  for (gsize i = 0; out[i] != '\0'; i++)
    if ((bits >> (i % 32)) & 1)
      out[i] = g_ascii_toupper (out[i]);
  return out;
}

static const char *const pieces[] = {
  "boxbe", "bluebottle", "choicemail", "spamblk", "xbe", "blk", "bl", "ob", "o be", "oxbe", "oice",
  "please add yourself to my boxbe guest list", "you're listed on my boxbe guest list",
  "this account is protected by bluebottle", "choicemail is holding the message you sent",
  "is using spamblk whitemail to prevent spam", "Please add yourself\nto my Boxbe  Guest List",
  "box", "choice", "spam", "blue", "bottle", "mail", " ", "\n", ".", "\xc3\xa9",
};

/* Every sentence and name, in every case of its first letters, at every
 * place in a text of up to 40 bytes around it, and cut at every length:
 * the block ends, the tail and the places before the text's start. */
static void
test_challenge_places (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
    for (guint32 bits = 0; bits < 64; bits += 7)
      {
        g_autofree char *piece = with_case (pieces[i], bits * 0x01010101u);
        gsize n = strlen (piece);

        for (gsize before = 0; before <= 40; before++)
          for (gsize after = 0; after <= 3; after++)
            {
              g_autofree char *text = g_strdup_printf ("%.*s%s%.*s", (int)before,
                                                       "the quick brown fox jumps over the lazy dog!",
                                                       piece, (int)after, "xyz");

              assert_as_before (text);
            }
        for (gsize cut = 0; cut <= n; cut++)
          {
            g_autofree char *text = g_strndup (piece, cut);

            assert_as_before (text);
          }
      }
}

/* The pieces at every place of a text long enough for the AVX2 loop's
 * blocks of 128 bytes, also across their ends and in the tail after. */
static void
test_challenge_places_long (void)
{
  g_autofree char *filler = g_strnfill (300, 'a');

  for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
    for (guint32 bits = 0; bits < 64; bits += 21)
      {
        g_autofree char *piece = with_case (pieces[i], bits * 0x01010101u);

        for (gsize before = 0; before <= 270; before += BD_TEST_STEP)
          for (gsize after = 0; after <= 140; after += 23)
            {
              g_autofree char *text = g_strdup_printf ("%.*s%s%.*s", (int)before, filler,
                                                       piece, (int)after, filler);

              assert_as_before (text);
            }
      }
}

/* Random texts of the pieces above and the letters the lanes look at. */
static void
test_challenge_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  static const char letters[] = "oOeEbBcClLxXkKsSpPaAmMhHiIuUtT ?\n";

  for (guint round = 0; round < BD_TEST_ROUNDS (20000); round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 12);

      for (guint k = 0; k < n; k++)
        {
          if (g_rand_boolean (rand))
            {
              g_autofree char *piece = with_case (pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))],
                                                  g_rand_int (rand));

              g_string_append (text, piece);
            }
          else
            for (guint c = g_rand_int_range (rand, 0, 40); c > 0; c--)
              g_string_append_c (text, letters[g_rand_int_range (rand, 0, sizeof letters - 1)]);
        }
      assert_as_before (text->str);
    }
}

static void
test_challenge_known (void)
{
  g_assert_true (dropped ("Hello,\nPlease add yourself to my Boxbe Guest List so that I get your mail."));
  g_assert_true (dropped ("This account is protected by\nBLUEBOTTLE."));
  g_assert_true (dropped ("xx ChoiceMail is holding the message you sent because"));
  g_assert_true (dropped ("The person you tried to send this email to is using SpamBLK Whitemail to prevent spam"));
  g_assert_false (dropped ("Boxbe said nothing of the kind."));
  g_assert_false (dropped ("550 5.1.1 user unknown"));
  g_assert_false (dropped (""));
}

/* The decoder gives the body's buffer length, which a NUL decoded into
 * the body would make longer than the text: the answer is the one for
 * the text up to that NUL, even with a name past it. Pieces in random
 * order, a NUL among them, in a malloc'd buffer of exactly that size. */
static void
test_challenge_nul_inside (void)
{
  static const char marks_then_name[] = "Please add yourself to my B\xc3\xb3xbe Guest List\0boxbe";
  g_autoptr(GRand) rand = g_rand_new_with_seed (23);

  g_assert_false (dropped_len (marks_then_name, sizeof marks_then_name - 1));
  for (guint round = 0; round < BD_TEST_ROUNDS (3000); round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 8);
      g_autofree char *buffer = NULL;

      for (guint i = 0; i < n; i++)
        {
          if (g_rand_int_range (rand, 0, 4) == 0)
            g_string_append_c (text, '\0');
          g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
        }
      buffer = g_memdup2 (text->str, text->len + 1);
      g_assert_true (dropped_len (buffer, text->len) == old_is_challenge (buffer));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/challenge/known", test_challenge_known);
  test_add_func_each_vector_path ("/challenge/places", test_challenge_places);
  test_add_func_each_vector_path ("/challenge/places-long", test_challenge_places_long);
  test_add_func_each_vector_path ("/challenge/random", test_challenge_random);
  test_add_func_each_vector_path ("/challenge/nul-inside", test_challenge_nul_inside);

  return g_test_run ();
}
