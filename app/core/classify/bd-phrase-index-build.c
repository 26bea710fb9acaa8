/* bd-phrase-index-build.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The phrase tables merged into one Aho–Corasick automaton over the
 * phrases' folded first parts (bd-phrase-index.c says why). Run at build
 * time by bd-phrase-index-gen, whose output the library uses; at run time
 * only in the benchmark build (meson -Dbench_phrases=true), which adds
 * dummy phrases chosen when it starts.
 */
#define G_LOG_DOMAIN "bd-classify"

#include "config.h"

#include <string.h>

#include "bd-phrase-fold.h"
#include "bd-phrase-index-private.h"

#define GAP "\u2026"

const BdPhraseTable *const bd_phrase_index_tables[BD_PHRASE_N_TABLES] = {
  &bd_phrases_en, &bd_phrases_pl, &bd_phrases_de, &bd_phrases_cs,
};

/* Indexes @text, the folded form of the phrase (owned by the index). A
 * first part shorter than two bytes would match nearly anywhere: left
 * out. */
static void
index_phrase (GArray       *entries,
              BdMultimatch *matcher,
              guint         table,
              guint         index,
              char         *text)
{
  const char *gap = strstr (text, GAP);
  BdIndexedPhrase entry = { table, index, strlen (text), text, NULL, 0 };

  if (gap != NULL)
    {
      entry.len = gap - text;
      entry.tail = gap + strlen (GAP);
      entry.tail_len = strlen (entry.tail);
    }
  if (entry.len < 2)
    {
      g_free (text);
      return;
    }
  bd_multimatch_add (matcher, entry.text, entry.len);
  g_array_append_val (entries, entry);
}

/* @n_dummies copies of every phrase with "\001" and a number appended.
 * Folded text never holds that byte (it is not in any reply a decoder
 * passes on as words) so they never match, yet share every prefix with a
 * real phrase: the index's worst case. Shows whether time grows with the
 * number of phrases (build-aux/bench-decode.py). */
static void
index_dummy_phrases (GArray       *entries,
                     BdMultimatch *matcher,
                     guint         n_dummies)
{
  guint n_real = entries->len;

  for (guint k = 0; k < n_dummies; k++)
    for (guint i = 0; i < n_real; i++)
      {
        /* A copy: indexing may move the array. */
        BdIndexedPhrase entry = g_array_index (entries, BdIndexedPhrase, i);
        char *text = g_strdup_printf ("%.*s\001%u", (int)entry.len, entry.text, k);

        index_phrase (entries, matcher, entry.table, entry.index, text);
      }
}

/**
 * bd_phrase_index_build:
 * @entries: (element-type BdIndexedPhrase): where the patterns go, in the
 *   order of their ids (their texts are never freed: the index lives as
 *   long as the program)
 *
 * Returns: (transfer full): the compiled automaton
 */
BdMultimatch *
bd_phrase_index_build (GArray *entries,
                       guint   n_dummies)
{
  BdMultimatch *matcher = bd_multimatch_new ();

  for (guint t = 0; t < BD_PHRASE_N_TABLES; t++)
    for (guint i = 0; i < bd_phrase_index_tables[t]->n_phrases; i++)
      {
        const char *phrase = bd_phrase_index_tables[t]->phrases[i].phrase;
        char *folded = NULL;
        char *umlauts = bd_phrase_fold_umlauts (phrase);

        g_assert (i <= G_MAXUINT16);
        bd_phrase_fold (phrase, &folded);
        index_phrase (entries, matcher, t, i, folded ? folded : g_strdup (phrase));
        if (umlauts != NULL)
          index_phrase (entries, matcher, t, i, umlauts);
      }
  index_dummy_phrases (entries, matcher, n_dummies);
  bd_multimatch_compile (matcher);
  return matcher;
}
