/* test-phrase-fold.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Servers reply in ASCII (RFC 5321, 4.2): every phrase of every language
 * table must still be found when its letters lose their marks, its case
 * changes and its spaces become runs or folded lines.
 */
#include "config.h"

#include <string.h>

#include "bd-classify.h"
#include "bd-phrase-index.h"
#include "bd-text.h"

/* What a writer without Polish, Czech or German letters types instead,
 * written out here rather than taken from the folding code under test. */
static const char *const ascii_for[][2] = {
  { "ą", "a" }, { "ć", "c" }, { "ę", "e" }, { "ł", "l" }, { "ń", "n" }, { "ó", "o" },
  { "ś", "s" }, { "ź", "z" }, { "ż", "z" }, { "á", "a" }, { "č", "c" }, { "ď", "d" },
  { "é", "e" }, { "ě", "e" }, { "í", "i" }, { "ň", "n" }, { "ř", "r" }, { "š", "s" },
  { "ť", "t" }, { "ú", "u" }, { "ů", "u" }, { "ý", "y" }, { "ž", "z" }, { "ä", "a" },
  { "ö", "o" }, { "ü", "u" }, { "ß", "ss" },
};

static const char *const german_for[][2] = {
  { "ä", "ae" }, { "ö", "oe" }, { "ü", "ue" },
};

static char *
replace_all (const char        *text,
             const char *const (*pairs)[2],
             guint              n_pairs)
{
  GString *out = g_string_new (text);

  for (guint i = 0; i < n_pairs; i++)
    g_string_replace (out, pairs[i][0], pairs[i][1], 0);
  return g_string_free (out, FALSE);
}

/* @phrase as a server might send it: upper case (ASCII letters only, so
 * the marks are the folding's business), spaces doubled, one of them a
 * folded line. */
static char *
as_server_writes (const char *phrase)
{
  GString *out = g_string_new ("550 ");
  gboolean folded_once = FALSE;

  for (const char *p = phrase; *p != '\0'; p++)
    {
      if (*p == ' ' && !folded_once)
        {
          g_string_append (out, "\r\n\t ");
          folded_once = TRUE;
        }
      else if (*p == ' ')
        g_string_append (out, "  ");
      else
        g_string_append_c (out, g_ascii_toupper (*p));
    }
  return g_string_free (out, FALSE);
}

/* The reason and evidence the whole classifier gives a reply. */
static BdReason
classify (const char  *reply,
          char       **evidence)
{
  BdRecipient r = { 0 };

  r.address = (char *)"a@example.com";
  r.diagnostic = (char *)reply;
  return bd_classify_recipient (&r, "mx.example.net", evidence);
}

static void
check_spelling (const BdPhraseTable *table,
                const char          *phrase,
                const char          *spelling)
{
  g_autofree char *original = g_strconcat ("550 ", phrase, NULL);
  g_autofree char *sent = as_server_writes (spelling);
  g_autofree char *expected_evidence = NULL;
  g_autofree char *evidence = NULL;
  BdReason expected = classify (original, &expected_evidence);
  BdReason got = classify (sent, &evidence);

  /* A phrase may be part of a longer one of another reason; what the
   * classifier makes of it must not change with the spelling. */
  if (got != expected || g_strcmp0 (evidence, expected_evidence) != 0)
    g_error ("%s table: “%s” sent as “%s” gives %s (%s), not %s (%s)", table->language, phrase, sent,
             bd_reason_to_string (got), evidence, bd_reason_to_string (expected), expected_evidence);
}

static void
check_table (const BdPhraseTable *table)
{
  guint n_marked = 0;

  g_assert_cmpuint (table->n_phrases, >, 20);
  for (guint i = 0; i < table->n_phrases; i++)
    {
      const char *phrase = table->phrases[i].phrase;
      g_autofree char *ascii = replace_all (phrase, ascii_for, G_N_ELEMENTS (ascii_for));

      check_spelling (table, phrase, ascii);
      if (strcmp (ascii, phrase) != 0)
        n_marked++;
      if (strstr (phrase, "ä") || strstr (phrase, "ö") || strstr (phrase, "ü"))
        {
          g_autofree char *german = replace_all (phrase, german_for, G_N_ELEMENTS (german_for));

          check_spelling (table, phrase, german);
        }
    }
  /* The test means something only where the table has marked letters. */
  if (strcmp (table->language, "en") != 0)
    g_assert_cmpuint (n_marked, >, 5);
}

static void
test_fold_every_table (void)
{
  const BdPhraseTable *tables[] = { &bd_phrases_en, &bd_phrases_pl, &bd_phrases_de, &bd_phrases_cs };

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    check_table (tables[t]);
}

/* The replies the issue names, as servers send them. */
static void
check_example (const char *reply,
               BdReason    reason,
               const char *evidence)
{
  g_autofree char *got_evidence = NULL;

  g_assert_cmpstr (bd_reason_to_string (classify (reply, &got_evidence)), ==, bd_reason_to_string (reason));
  if (evidence != NULL)
    g_assert_cmpstr (got_evidence, ==, evidence);
}

/* The replies the issue names, as servers send them. */
static void
test_fold_examples (void)
{
  check_example ("550 5.7.1 Przekroczono limit wysylania", BD_REASON_SPEEDING, NULL);
  check_example ("550 <a@b.cz>: uzivatel neexistuje", BD_REASON_USERUNKNOWN, "phrase “uživatel neexistuje”");
  check_example ("550 Uzytkownik\r\n  nie istnieje", BD_REASON_USERUNKNOWN, "phrase “użytkownik nie istnieje”");
  check_example ("552 Postfach des Empfaengers ist voll", BD_REASON_MAILBOXFULL, NULL);
  /* Ordinary words stay ordinary: folding adds no match of its own. */
  g_assert_cmpint (bd_phrases_reason ("Dziekujemy za zamowienie", NULL), ==, BD_REASON_UNDEFINED);
}

/* RFC 3463's own texts, printed by servers beside a code that names
 * nothing (5.0.0), give the reason of the code they describe. */
static void
test_rfc3463_texts (void)
{
  check_example ("552 5.0.0 Message too big for system", BD_REASON_MESGTOOBIG, NULL);
  check_example ("550 5.0.0 Bad destination system address", BD_REASON_HOSTUNKNOWN, NULL);
  check_example ("552 5.0.0 Mailbox full", BD_REASON_MAILBOXFULL, NULL);
  check_example ("550 5.0.0 Destination mailbox has moved, no forwarding address", BD_REASON_HASMOVED, NULL);
  check_example ("554 5.0.0 Media not supported", BD_REASON_CONTENTERROR, NULL);
  check_example ("554 5.0.0 Message integrity failure", BD_REASON_SECURITYERROR, NULL);
}

/* bd_phrases_lower_and_fold_in () with a buffer of @size bytes (malloc'd
 * at that size, so that a write past it is caught) against
 * bd_phrases_lower_and_fold () of the same @text: in the buffer only
 * where the lowered copy and its NUL fit and @text is ASCII. */
static void
check_lower_and_fold_in (const char         *text,
                         gsize               size,
                         const char         *lowered,
                         const BdFoldedText *folded,
                         const char         *owned)
{
  g_autofree char *buf = g_malloc (MAX (size, 1));
  g_autofree char *heap = NULL;
  g_autofree char *owned_in = NULL;
  BdFoldedText folded_in;
  const char *lowered_in = bd_phrases_lower_and_fold_in (text, buf, size, &heap, &folded_in, &owned_in);
  gboolean ascii = TRUE;

  for (const char *p = text; *p != '\0'; p++)
    ascii &= (guchar)*p < 0x80;
  g_assert_cmpstr (lowered_in, ==, lowered);
  g_assert_true (lowered_in == (heap != NULL ? heap : buf));
  g_assert_true (heap != NULL || (ascii && strlen (text) < size));
#ifdef __SSE2__
  /* bd_phrase_lower_ascii () lowers only there */
  g_assert_true (heap == NULL || !(ascii && strlen (text) < size));
#endif
  g_assert_cmpuint (folded_in.len, ==, folded->len);
  g_assert_cmpstr (folded_in.text, ==, folded->text);
  g_assert_true ((owned_in == NULL) == (owned == NULL));
  g_assert_true (owned_in != NULL ? folded_in.text == owned_in : folded_in.text == lowered_in);
}

/* bd_phrases_lower_and_fold () against the two passes it replaces:
 * bd_text_strdown (), then bd_phrase_fold () of that; and the phrases it
 * finds against bd_phrases_match () of the lowered text. @text is copied
 * into a buffer of its own size, so that a read past its NUL is caught
 * (AddressSanitizer). */
static void
check_lower_and_fold (const char *text)
{
  gsize len = strlen (text);
  g_autofree char *copy = g_memdup2 (text, len + 1);
  g_autofree char *expected = bd_text_strdown (copy, -1);
  g_autofree char *expected_copy = NULL;
  const char *expected_folded = bd_phrase_fold (expected, &expected_copy);
  g_autofree char *owned = NULL;
  BdFoldedText folded;
  g_autofree char *lowered = bd_phrases_lower_and_fold (copy, &folded, &owned);
  const char *found[BD_N_REASONS] = { NULL }, *expected_found[BD_N_REASONS] = { NULL };

  g_assert_cmpstr (lowered, ==, expected);
  g_assert_cmpstr (folded.text, ==, expected_folded);
  g_assert_cmpuint (folded.len, ==, strlen (expected_folded));
  /* no copy of its own where the lowered text is folded already */
  g_assert_true ((owned == NULL) == (expected_copy == NULL));
  g_assert_cmpuint (bd_phrases_match_folded (&folded, found), ==, bd_phrases_match (expected, expected_found));
  for (guint r = 0; r < BD_N_REASONS; r++)
    g_assert_true (found[r] == expected_found[r]);
  /* into a caller's buffer: one byte short of the copy, just its size,
   * and larger */
  for (gsize size = len; size <= len + 2; size++)
    check_lower_and_fold_in (copy, size, lowered, &folded, owned);
}

/* Where a block of 16 bytes begins and ends, and the byte past the last
 * (the NUL), with every kind of byte folding or lowering treats apart. */
static void
test_lower_and_fold_edges (void)
{
  static const char *const inserts[] = {
    "  ", "\t", "\r\n", "\n", " ", "A", "Z", "@", "[", "`", "{", "\x01", "\x0b", "\x1f", "\x7f",
    "é", "É", "ß", "İ", "\xff", "\xc3", "\u2019", "Ł",
  };
  static const char *const fixed[] = {
    "", " ", "  ", "a", "A", "550 5.1.1 User Unknown", "mailbox  full", "mailbox full ", " mailbox full",
    "550-5.1.1 The email account that you tried to reach does not exist.\r\n550 5.1.1 Please try",
    "uzytkownik nie istnieje", "Użytkownik nie istnieje", "recipient address rejected: user unknown in local recipient table",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    check_lower_and_fold (fixed[i]);
  for (guint len = 0; len <= 48; len++)
    for (guint at = 0; at <= len; at++)
      for (guint k = 0; k < G_N_ELEMENTS (inserts); k++)
        {
          GString *text = g_string_new (NULL);

          for (guint j = 0; j < len; j++)
            g_string_append_c (text, "abcdefghij klmnopqrstuvwxyz0123456789.:<>"[j % 41]);
          g_string_insert (text, at, inserts[k]);
          check_lower_and_fold (text->str);
          g_string_free (text, TRUE);
        }
}

/* Random replies of the bytes that matter, of every length to 64. */
static void
test_lower_and_fold_random (void)
{
  static const char *const pieces[] = {
    "a", "Z", "m", " ", " ", "\t", "\n", "\r", "\x0b", "\x01", "é", "Ö", "5", ".", "user", "Unknown", "full",
  };
  GRand *rand = g_rand_new_with_seed (19);

  for (guint n = 0; n < 4000; n++)
    {
      GString *text = g_string_new (NULL);
      guint len = g_rand_int_range (rand, 0, 65);

      while (text->len < len)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      check_lower_and_fold (text->str);
      g_string_free (text, TRUE);
    }
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/phrase-fold/every-table", test_fold_every_table);
  g_test_add_func ("/core/phrase-fold/examples", test_fold_examples);
  g_test_add_func ("/core/phrase-fold/rfc3463-texts", test_rfc3463_texts);
  g_test_add_func ("/core/phrase-fold/lower-and-fold-edges", test_lower_and_fold_edges);
  g_test_add_func ("/core/phrase-fold/lower-and-fold-random", test_lower_and_fold_random);

  return g_test_run ();
}
