/* test-phrase-tables.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every phrase of every language's table (bd-phrases-*.c), checked two
 * ways against tests/fixtures/phrases/LANG.tsv, which lists each row's
 * phrase and reason as the specification, written apart from the code:
 *  - the table and the file hold the same rows, so a row whose reason
 *    changed (or a row added or dropped) fails until the file says so;
 *  - each phrase of the file, wrapped alone in a minimal delivery report
 *    as the server's reply to RCPT TO with the uninformative status 5.0.0
 *    (test_decode_minimal_dsn in tests/bd-test-util.c, the shape of
 *    build-aux/phrase-coverage.py) and decoded through the whole pipeline,
 *    gives the file's reason. A phrase in two parts ("recipient … was not
 *    found in") gets an address between them, as servers write it.
 * Most phrases have no fixture, so this is the only test that sees a row
 * of a table change.
 */
#include "config.h"

#include <gmime/gmime.h>

#include <string.h>

#include "bd-phrases.h"
#include "bd-test-util.h"

/* The phrases that, alone, give another reason than their row's, and why.
 * Each one is a deliberate rule of the classifier (bd-classify.c), not a
 * table error; a phrase that starts or stops differing fails the test. */
typedef struct
{
  const char *phrase;
  BdReason    reason;
  const char *why;
} Exception;

static const Exception exceptions[] = {
  /* " spam " (spamdetected) reaches past the phrase's end into the next
   * word, so the longer phrase does not hide it, and spamdetected comes
   * before blocked (bd-classify.c, first_order). */
  { "you are sending spam", BD_REASON_SPAMDETECTED,
    "\" spam \" overlaps its end; spamdetected is decided first" },
  /* RFC 5321's text for reply 552: the words inside it name a full
   * mailbox ("exceeded storage allocation"), decided first. */
  { "requested mail action aborted: exceeded storage allocation", BD_REASON_MAILBOXFULL,
    "a full mailbox's words inside it are decided first" },
  /* The English table has "line too long" twice, as mesgtoobig and as
   * syntaxerror; with an uninformative status the first decides, so the
   * syntaxerror row matters only beside a specific status code. */
  { "line too long", BD_REASON_MESGTOOBIG,
    "listed twice; mesgtoobig is decided first" },
};

static const Exception *
find_exception (const char *phrase)
{
  for (guint i = 0; i < G_N_ELEMENTS (exceptions); i++)
    if (exceptions[i].phrase != NULL && strcmp (exceptions[i].phrase, phrase) == 0)
      return &exceptions[i];
  return NULL;
}

static char *
as_written (const char *phrase)
{
  g_auto(GStrv) parts = g_strsplit (phrase, "\u2026", 2);

  return parts[1] == NULL ? g_strdup (phrase)
                          : g_strdup_printf ("%s<row@example.net>%s", parts[0], parts[1]);
}

/* The rows of tests/fixtures/phrases/LANG.tsv, "phrase\treason" each. */
static GPtrArray *
load_rows (const char *language)
{
  g_autofree char *name = g_strdup_printf ("%s.tsv", language);
  GPtrArray *rows = test_load_tsv ("phrases", name);

  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpuint (g_strv_length (g_ptr_array_index (rows, i)), ==, 2);
  return rows;
}

/* The table and the file: the same rows, in the same order. */
static void
compare_with_file (const BdPhraseTable *table,
                   GPtrArray           *rows,
                   GString             *wrong)
{
  for (guint i = 0; i < MAX (table->n_phrases, rows->len); i++)
    {
      const char *phrase = i < table->n_phrases ? table->phrases[i].phrase : "(none)";
      const char *reason = i < table->n_phrases ? bd_reason_to_string (table->phrases[i].reason) : "(none)";
      char **row = i < rows->len ? g_ptr_array_index (rows, i) : (char *[]) { "(none)", "(none)", NULL };

      if (strcmp (phrase, row[0]) != 0 || strcmp (reason, row[1]) != 0)
        g_string_append_printf (wrong, "  row %u: the table has \"%s\" %s, the file \"%s\" %s\n",
                                i + 1, phrase, reason, row[0], row[1]);
    }
}

static void
check_table (gconstpointer data)
{
  const BdPhraseTable *table = data;
  g_autoptr(GPtrArray) rows = load_rows (table->language);
  g_autoptr(GString) differ = g_string_new (NULL);
  g_autoptr(GString) wrong = g_string_new (NULL);
  guint n_exceptions = 0;

  g_assert_cmpuint (rows->len, >, 0);
  compare_with_file (table, rows, differ);
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autofree char *words = as_written (row[0]);
      g_autoptr(BdBounce) bounce = test_decode_minimal_dsn ("5.0.0", words);
      const Exception *exception = find_exception (row[0]);
      BdReason want = exception != NULL ? exception->reason : bd_reason_from_string (row[1]);
      const BdRecipient *r;

      g_assert_cmpuint (bounce->recipients->len, ==, 1);
      r = g_ptr_array_index (bounce->recipients, 0);
      n_exceptions += exception != NULL;
      if (r->reason != want)
        g_string_append_printf (wrong, "  \"%s\": %s, expected %s (%s)\n", row[0],
                                bd_reason_to_string (r->reason), bd_reason_to_string (want),
                                r->evidence ? r->evidence : "no evidence");
    }
  g_test_message ("%s: %u phrases, %u of them exceptions", table->language, rows->len, n_exceptions);
  if (differ->len > 0)
    g_test_message ("the table and fixtures/phrases/%s.tsv differ:\n%s", table->language, differ->str);
  if (wrong->len > 0)
    g_test_message ("phrases whose reason differs:\n%s", wrong->str);
  g_assert_cmpstr (differ->str, ==, "");
  g_assert_cmpstr (wrong->str, ==, "");
}

/* Every exception still names a phrase of some table. */
static void
test_exceptions_exist (void)
{
  const BdPhraseTable *tables[] = { &bd_phrases_en, &bd_phrases_pl, &bd_phrases_de, &bd_phrases_cs };

  for (guint e = 0; e < G_N_ELEMENTS (exceptions); e++)
    {
      gboolean found = FALSE;

      if (exceptions[e].phrase == NULL)
        continue;
      for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
        for (guint i = 0; i < tables[t]->n_phrases; i++)
          found |= strcmp (tables[t]->phrases[i].phrase, exceptions[e].phrase) == 0;
      if (!found)
        g_test_message ("exception for a phrase no table has: %s", exceptions[e].phrase);
      g_assert_true (found);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

  g_test_add_data_func ("/core/phrase-tables/en", &bd_phrases_en, check_table);
  g_test_add_data_func ("/core/phrase-tables/pl", &bd_phrases_pl, check_table);
  g_test_add_data_func ("/core/phrase-tables/de", &bd_phrases_de, check_table);
  g_test_add_data_func ("/core/phrase-tables/cs", &bd_phrases_cs, check_table);
  g_test_add_func ("/core/phrase-tables/exceptions-exist", test_exceptions_exist);
  return g_test_run ();
}
