/* bd-phrase-index.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server's words against the phrase tables of every language
 * (bd-phrases-*.c), in one pass over the text: which reasons they name and
 * the phrase found for each. The classifier weighs them (bd-classify.c).
 */
#define _GNU_SOURCE   /* memmem */
#define G_LOG_DOMAIN "bd-classify"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bd-phrase-index.h"
#include "bd-phrase-index-private.h"
#include "bd-phrase-fold.h"
#include "bd-text.h"

/* The phrase tables, merged once into one Aho–Corasick automaton
 * (bd-multimatch.h) over the phrases' first parts, so that a diagnostic is
 * read once whatever the table sizes. A phrase written with "…" has two
 * parts: the second follows the first within MAX_GAP bytes ("recipient …
 * was not found in" matches "Recipient a@b.example was not found in
 * LDAP"), since servers put the address or host in the middle of their
 * sentence. */
#define MAX_GAP 100

/* Whole phrases go into the automaton, not prefixes: a hit is then always
 * a phrase that is there, so more phrases cost states, not time per text.
 * (With 8-byte prefixes checked by memcmp the automaton was built in a
 * third of the time, but every phrase sharing a prefix was checked at each
 * hit: the doubled table of make bench-decode PHRASES_X=1 cost 15 k
 * instructions more a message.)
 *
 * The automaton is built at build time (bd-phrase-index-gen.c): building
 * it here cost 4.2 M instructions at every start, a third of explaining
 * one bounce. The benchmark build (meson -Dbench_phrases=true) still
 * builds it here, since BD_BENCH_DUMMY_PHRASES=K, read when it starts,
 * adds K copies of every phrase (bd-phrase-index-build.c). */
static const BdPhraseIndex *
get_index (void)
{
#if BD_BENCH_PHRASES
  static BdPhraseIndex *index;

  if (g_once_init_enter (&index))
    {
      guint n = (guint)g_ascii_strtoull (g_getenv ("BD_BENCH_DUMMY_PHRASES") ?: "0", NULL, 10);
      GArray *entries = g_array_new (FALSE, FALSE, sizeof (BdIndexedPhrase));
      BdMultimatch *matcher = bd_phrase_index_build (entries, n);
      BdPhraseIndex *built = g_new0 (BdPhraseIndex, 1);

      built->automaton = bd_multimatch_get_tables (matcher);
      built->n_entries = entries->len;
      built->entries = (const BdIndexedPhrase *)(gpointer)g_array_free (entries, FALSE);
      g_once_init_leave (&index, built);
    }
  return index;
#else
  return &bd_phrase_index_data;
#endif
}

/* Words that only say the server refused the address, not why: they name
 * an unknown user only when the status code does not say otherwise. */
gboolean
bd_phrases_is_vague (const char *phrase)
{
  /* asked of every phrase found: most start with neither letter */
  if (phrase[0] != 'a' && phrase[0] != 'r')
    return FALSE;
  return strcmp (phrase, "address rejected") == 0
      || strcmp (phrase, "recipient address rejected") == 0
      || strcmp (phrase, "recipient rejected") == 0;
}

/* Where two reasons' phrases overlap, the longer one is the server's
 * actual wording and the shorter a word inside it: "domain does not
 * exist" is about a domain, not the "does not exist" of an unknown user,
 * and "daily message quota exceeded" is a sending limit, not a full
 * mailbox. The phrase inside another is forgotten. */
static guint64
drop_phrases_inside_others (guint64      matched,
                            const char **found,
                            const gsize *start,
                            const gsize *end)
{
  guint64 kept = matched;

  /* only the reasons matched, a few of the thirty-odd, are visited */
  for (guint64 as = matched; as != 0; as &= as - 1)
    {
      guint a = __builtin_ctzll (as);

      for (guint64 bs = matched & ~(G_GUINT64_CONSTANT (1) << a); bs != 0; bs &= bs - 1)
        {
          guint b = __builtin_ctzll (bs);

          if (start[b] >= start[a] && end[b] <= end[a] && end[b] - start[b] < end[a] - start[a])
            kept &= ~(G_GUINT64_CONSTANT (1) << b);
        }
    }
  for (guint64 dropped = matched & ~kept; dropped != 0; dropped &= dropped - 1)
    found[__builtin_ctzll (dropped)] = NULL;
  return kept;
}

/* Where a phrase's first part occurs: the automaton reports them by
 * their ends; the phrases are weighed by their starts. */
typedef struct
{
  guint id;
  gsize start;
} Hit;

#define N_STACK_HITS 32

typedef struct
{
  Hit    stack[N_STACK_HITS];
  Hit   *hits;     /* stack, or the heap past N_STACK_HITS */
  guint  n;
  guint  size;
} Hits;

static gboolean
hit_cb (guint    id,
        gsize    start,
        gsize    end,
        gpointer user_data)
{
  Hits *hits = user_data;

  if (hits->n == hits->size)
    {
      hits->size *= 2;
      hits->hits = hits->hits == hits->stack ? g_memdup2 (hits->stack, sizeof hits->stack)
                                             : hits->hits;
      hits->hits = g_renew (Hit, hits->hits, hits->size);
    }
  hits->hits[hits->n++] = (Hit){ id, start };
  return TRUE;
}

/* By start, then in the tables' order: the order in which the phrases
 * were always weighed, on which the first phrase found for a reason
 * depends. */
static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const Hit *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* The automaton reports hits nearly in order of their starts: an
 * insertion sort, unless a hostile text made too many. */
static void
sort_hits (Hit   *hits,
           guint  n)
{
  if (n > 64)
    {
      qsort (hits, n, sizeof (Hit), compare_hits);
      return;
    }
  for (guint i = 1; i < n; i++)
    {
      Hit hit = hits[i];
      guint j = i;

      for (; j > 0 && compare_hits (&hits[j - 1], &hit) > 0; j--)
        hits[j] = hits[j - 1];
      hits[j] = hit;
    }
}

/* Every reason some phrase names, as a bit set, and the first phrase found
 * for each (a precise phrase is preferred over a vague one). */
guint64
bd_phrases_match (const char  *diagnostic,
                  const char **found)
{
  return bd_phrases_match_len (diagnostic, strlen (diagnostic), found);
}

/* bd_phrases_match () of a @diagnostic whose length (@diagnostic_len)
 * the caller knows: it is not measured again, nor its folded form. */
guint64
bd_phrases_match_len (const char  *diagnostic,
                      gsize        diagnostic_len,
                      const char **found)
{
  g_autofree char *owned = NULL;
  BdFoldedText folded;

  folded.text = bd_phrase_fold_len (diagnostic, diagnostic_len, &owned, &folded.len);
  return bd_phrases_match_folded (&folded, found);
}

/* bd_phrases_match () of a text folded already: not tested again. */
guint64
bd_phrases_match_folded (const BdFoldedText  *text,
                         const char         **found)
{
  const BdPhraseIndex *index = get_index ();
  const char *lowered = text->text;
  gsize len = text->len;
  /* set for each reason as it is matched, and read only for those: not
   * cleared (two arrays of 35 a reply) */
  gsize start[BD_N_REASONS];
  gsize end[BD_N_REASONS];
  guint64 matched = 0;
  Hits hits;

  hits.hits = hits.stack;
  hits.n = 0;
  hits.size = N_STACK_HITS;
  bd_multimatch_scan_tables (index->automaton, lowered, len, hit_cb, &hits);
  sort_hits (hits.hits, hits.n);
  for (guint h = 0; h < hits.n; h++)
    {
      const BdIndexedPhrase *entry = &index->entries[hits.hits[h].id];
      const BdPhrase *phrase = &bd_phrase_index_tables[entry->table]->phrases[entry->index];
      BdReason reason = phrase->reason;
      gsize i = hits.hits[h].start;
      gsize phrase_end = i + entry->len;

      if (entry->tail != NULL)
        {
          const char *tail = memmem (lowered + phrase_end, MIN (len - phrase_end, MAX_GAP + entry->tail_len),
                                     entry->tail, entry->tail_len);

          if (tail == NULL)
            continue;
          phrase_end = tail - lowered + entry->tail_len;
        }
      if (!(matched & (G_GUINT64_CONSTANT (1) << reason))
          || (bd_phrases_is_vague (found[reason]) && !bd_phrases_is_vague (phrase->phrase)))
        {
          found[reason] = phrase->phrase;
          start[reason] = i;
          end[reason] = phrase_end;
        }
      matched |= G_GUINT64_CONSTANT (1) << reason;
    }
  if (hits.hits != hits.stack)
    g_free (hits.hits);
  return matched & (matched - 1) ? drop_phrases_inside_others (matched, found, start, end) : matched;
}

/**
 * bd_phrases_lower_and_fold_in:
 * @text: a server's reply, UTF-8
 * @buf: (out caller-allocates): @size bytes, where the lowered copy goes
 *   when it fits
 * @heap: (out) (transfer full) (nullable): the lowered copy when it is
 *   not in @buf (a long or non-ASCII reply), else %NULL
 * @folded: (out): the lowered copy folded (bd_phrase_fold ())
 * @owned: (out) (transfer full) (nullable): the folded copy, or %NULL
 *   when the lowered copy is folded already (most replies)
 *
 * bd_text_strdown (@text, -1) and that folded, read once for both where
 * @text is ASCII: the classifier needs both of every reply, the lowered
 * form for its rules and the folded one for the phrases. The lowered
 * copy lives no longer than one recipient's classifying, and most
 * replies fit a caller's buffer on the stack: no allocation for them.
 *
 * Returns: @text in lower case, @buf or *@heap.
 */
const char *
bd_phrases_lower_and_fold_in (const char    *text,
                              char          *buf,
                              gsize          size,
                              char         **heap,
                              BdFoldedText  *folded,
                              char         **owned)
{
  gsize len;
  char *lowered;
  gboolean breaks = TRUE;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (buf != NULL || size == 0, NULL);
  g_return_val_if_fail (heap != NULL, NULL);
  g_return_val_if_fail (folded != NULL, NULL);
  g_return_val_if_fail (owned != NULL, NULL);

  *owned = NULL;
  len = strlen (text);
  *heap = NULL;
  lowered = len < size ? buf : (*heap = g_malloc (len + 1));
  if (!bd_phrase_lower_ascii (text, len, lowered, &breaks))
    {
      g_free (*heap);
      lowered = *heap = bd_text_strdown (text, -1);
      breaks = TRUE;
      len = strlen (lowered);
    }
  folded->text = lowered;
  folded->len = len;
  if (breaks)
    folded->text = bd_phrase_fold_len (lowered, len, owned, &folded->len);
  return lowered;
}

/**
 * bd_phrases_lower_and_fold:
 *
 * bd_phrases_lower_and_fold_in () into a copy of its own.
 *
 * Returns: (transfer full): @text in lower case.
 */
char *
bd_phrases_lower_and_fold (const char    *text,
                           BdFoldedText  *folded,
                           char         **owned)
{
  char *lowered = NULL;

  bd_phrases_lower_and_fold_in (text, NULL, 0, &lowered, folded, owned);
  return lowered;
}

gboolean
bd_phrases_is_localized (const char *phrase)
{
  const BdPhraseTable *tables[] = { &bd_phrases_pl, &bd_phrases_de, &bd_phrases_cs };

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    for (guint i = 0; i < tables[t]->n_phrases; i++)
      if (tables[t]->phrases[i].phrase == phrase)
        return TRUE;
  return FALSE;
}

/* The reasons whose words decide alone, when no status code said anything
 * definite, in the order in which they win over each other. The others
 * ("user unknown", "rejected", "blocked") mean too little without the code
 * or the command they answered (bd-classify.c weighs those). */
static const BdReason alone_order[] = {
  BD_REASON_MAILBOXFULL, BD_REASON_AUTHFAILURE, BD_REASON_BADREPUTATION, BD_REASON_SPEEDING,
  BD_REASON_SPAMDETECTED, BD_REASON_VIRUSDETECTED, BD_REASON_POLICYVIOLATION,
  BD_REASON_NORELAYING, BD_REASON_SECURITYERROR, BD_REASON_SYSTEMERROR, BD_REASON_NETWORKERROR,
  BD_REASON_SUSPEND, BD_REASON_EXPIRED, BD_REASON_CONTENTERROR, BD_REASON_SYSTEMFULL,
  BD_REASON_NOTACCEPT, BD_REASON_MAILERERROR, BD_REASON_REQUIREPTR, BD_REASON_NOTCOMPLIANTRFC,
  BD_REASON_SYNTAXERROR, BD_REASON_ONHOLD,
};

BdReason
bd_phrases_alone (guint64 matched)
{
  for (guint i = 0; i < G_N_ELEMENTS (alone_order); i++)
    if (matched & (G_GUINT64_CONSTANT (1) << alone_order[i]))
      return alone_order[i];
  return BD_REASON_UNDEFINED;
}

/**
 * bd_phrases_reason:
 * @text: the server's words (folded here: case, diacritics, spaces)
 * @phrase: (out) (optional): the phrase that named the reason
 *
 * Returns: the reason the words alone name, or %BD_REASON_UNDEFINED.
 */
BdReason
bd_phrases_reason (const char  *text,
                   const char **phrase)
{
  const char *found[BD_N_REASONS] = { NULL };
  BdReason reason;

  g_return_val_if_fail (text != NULL, BD_REASON_UNDEFINED);

  reason = bd_phrases_alone (bd_phrases_match (text, found));
  if (phrase != NULL && reason != BD_REASON_UNDEFINED)
    *phrase = found[reason];
  return reason;
}
