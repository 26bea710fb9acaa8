/* test-phrase-tables.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every phrase of every language's table (bd-phrases-*.c), each wrapped
 * alone in a minimal delivery report as the server's reply to RCPT TO with
 * the uninformative status 5.0.0 (tests/minimal-dsn.h, the shape of
 * build-aux/phrase-coverage.py), decoded through the whole pipeline: the
 * recipient must get the reason the table gives the phrase. A phrase in
 * two parts ("recipient … was not found in") gets an address between them,
 * as servers write it. Most phrases have no fixture, so this is the only
 * test that sees a row of a table change.
 */
#include "config.h"

#include <string.h>

#include "bd-phrases.h"
#include "minimal-dsn.h"

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

static void
check_table (gconstpointer data)
{
  const BdPhraseTable *table = data;
  g_autoptr(GString) wrong = g_string_new (NULL);
  guint n_exceptions = 0;

  g_assert_cmpuint (table->n_phrases, >, 0);
  for (guint i = 0; i < table->n_phrases; i++)
    {
      const BdPhrase *row = &table->phrases[i];
      g_autofree char *words = as_written (row->phrase);
      g_autoptr(BdBounce) bounce = test_decode_minimal_dsn ("5.0.0", words);
      const Exception *exception = find_exception (row->phrase);
      BdReason want = exception != NULL ? exception->reason : row->reason;
      g_autofree char *got_name = NULL;
      const BdRecipient *r;

      g_assert_cmpuint (bounce->recipients->len, ==, 1);
      r = g_ptr_array_index (bounce->recipients, 0);
      n_exceptions += exception != NULL;
      if (r->reason != want)
        g_string_append_printf (wrong, "  { \"%s\", BD_REASON_%s, \"\" }, /* row says %s (%s) */\n",
                                row->phrase, got_name = g_ascii_strup (bd_reason_to_string (r->reason), -1),
                                bd_reason_to_string (row->reason), r->evidence ? r->evidence : "no evidence");
    }
  g_test_message ("%s: %u phrases, %u of them exceptions", table->language, table->n_phrases, n_exceptions);
  if (wrong->len > 0)
    g_test_message ("phrases whose reason differs:\n%s", wrong->str);
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

  g_test_add_data_func ("/core/phrase-tables/en", &bd_phrases_en, check_table);
  g_test_add_data_func ("/core/phrase-tables/pl", &bd_phrases_pl, check_table);
  g_test_add_data_func ("/core/phrase-tables/de", &bd_phrases_de, check_table);
  g_test_add_data_func ("/core/phrase-tables/cs", &bd_phrases_cs, check_table);
  g_test_add_func ("/core/phrase-tables/exceptions-exist", test_exceptions_exist);
  return g_test_run ();
}
