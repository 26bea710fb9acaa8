/* test-multimatch.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The multi-pattern matcher (bd-multimatch.c) against the obvious search:
 * every pattern compared at every position of the text. Random patterns
 * over a small alphabet make prefixes, suffixes and overlaps common, which
 * is where failure and dictionary links go wrong. The phrase automaton
 * that bd-phrase-index-gen writes at build time is checked the same way,
 * on texts made of pieces of the phrases.
 */
#include "config.h"

#include <string.h>

#include "bd-multimatch.h"
#include "bd-phrase-index-private.h"

typedef struct
{
  guint id;
  gsize start;
  gsize end;
} Hit;

static gboolean
collect_cb (guint    id,
            gsize    start,
            gsize    end,
            gpointer user_data)
{
  Hit hit = { id, start, end };

  g_array_append_val ((GArray *)user_data, hit);
  return TRUE;
}

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const Hit *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->id != y->id)
    return x->id < y->id ? -1 : 1;
  return 0;
}

static GArray *
naive_hits (GPtrArray  *patterns,
            const char *text,
            gsize       len)
{
  GArray *hits = g_array_new (FALSE, FALSE, sizeof (Hit));

  for (gsize i = 0; i < len; i++)
    for (guint id = 0; id < patterns->len; id++)
      {
        GBytes *pattern = g_ptr_array_index (patterns, id);
        gsize n;
        const char *bytes = g_bytes_get_data (pattern, &n);

        if (n <= len - i && memcmp (text + i, bytes, n) == 0)
          {
            Hit hit = { id, i, i + n };

            g_array_append_val (hits, hit);
          }
      }
  return hits;
}

static char *
random_bytes (GRand      *rand,
              const char *alphabet,
              gsize       len)
{
  char *out = g_malloc (len + 1);

  for (gsize i = 0; i < len; i++)
    out[i] = alphabet[g_rand_int_range (rand, 0, strlen (alphabet))];
  out[len] = '\0';
  return out;
}

static void
assert_same_hits (GArray *got,
                  GArray *want)
{
  g_array_sort (got, compare_hits);
  g_assert_cmpuint (got->len, ==, want->len);
  for (guint i = 0; i < got->len; i++)
    {
      const Hit *a = &g_array_index (got, Hit, i), *b = &g_array_index (want, Hit, i);

      g_assert_cmpuint (a->id, ==, b->id);
      g_assert_cmpuint (a->start, ==, b->start);
      g_assert_cmpuint (a->end, ==, b->end);
    }
}

/* One round: @n_patterns random patterns, a random text, both searches. */
static void
check_round (GRand      *rand,
             const char *alphabet,
             guint       n_patterns,
             gsize       text_len)
{
  g_autoptr(BdMultimatch) matcher = bd_multimatch_new ();
  g_autoptr(GPtrArray) patterns = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autofree char *text = random_bytes (rand, alphabet, text_len);
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_autoptr(GArray) want = NULL;

  for (guint i = 0; i < n_patterns; i++)
    {
      gsize len = g_rand_int_range (rand, 1, 7);
      char *pattern = random_bytes (rand, alphabet, len);

      /* Half of them taken from the text, so that most of them occur. */
      if (text_len > 8 && g_rand_boolean (rand))
        {
          gsize at = g_rand_int_range (rand, 0, text_len - len);

          memcpy (pattern, text + at, len);
        }
      g_assert_cmpuint (bd_multimatch_add (matcher, pattern, len), ==, i);
      g_ptr_array_add (patterns, g_bytes_new_take (pattern, len));
    }
  bd_multimatch_compile (matcher);
  bd_multimatch_scan (matcher, text, text_len, collect_cb, got);
  want = naive_hits (patterns, text, text_len);
  assert_same_hits (got, want);
}

static void
test_random_vs_naive (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);

  for (guint round = 0; round < 400; round++)
    check_round (rand, round % 2 ? "ab" : "abc d\xc5\x82", g_rand_int_range (rand, 1, 60),
                 g_rand_int_range (rand, 0, 300));
}

/* The child of @s on @byte, the obvious way: each of its children, from
 * its first one to the one marked last. */
static guint32
slow_child (const BdMultimatchTables *tables,
            guint32                   s,
            guint8                    byte)
{
  guint32 c = bd_multimatch_state_first_child (&tables->states[s]);

  if (c == 0)
    return 0;
  for (;; c++)
    {
      if (bd_multimatch_state_byte (&tables->states[c]) == byte)
        return c;
      if (bd_multimatch_state_is_last (&tables->states[c]))
        return 0;
    }
}

/* The transition the scan made before the states nearest the root had
 * dense rows: the child, else failure links until one has it, the root's
 * table at the end. */
static guint32
slow_step (const BdMultimatchTables *tables,
           guint32                   s,
           guint8                    byte)
{
  for (; s != 0; s = bd_multimatch_state_fail (&tables->states[s]))
    {
      guint32 c = slow_child (tables, s, byte);

      if (c != 0)
        return c;
    }
  return tables->root[byte];
}

/* The layout the scan relies on (bd-multimatch.c): a state's children are
 * consecutive states after it, the byte leading to each in increasing
 * order, the last one marked; every state but the root has one parent;
 * the root's table agrees with its children; a state's bit says whether a
 * report would find anything. */
static void
assert_layout (const BdMultimatchTables *tables)
{
  const BdMultimatchState *states = tables->states;
  g_autofree guint *parents = g_new0 (guint, tables->n_states);

  for (guint32 s = 0; s < tables->n_states; s++)
    {
      const BdMultimatchReport *report = &tables->reports[s];
      guint32 c = bd_multimatch_state_first_child (&states[s]);

      g_assert_cmpuint (bd_multimatch_state_reports (&states[s]), ==, (report->outputs | report->dict) != 0);
      g_assert_true (s == 0 || s >= tables->n_dense || bd_multimatch_state_fail (&states[s]) < s);
      g_assert_true (c == 0 || c > s);
      for (; c != 0; c++)
        {
          g_assert_cmpuint (c, <, tables->n_states);
          parents[c]++;
          if (bd_multimatch_state_is_last (&states[c]))
            break;
          g_assert_cmpuint (bd_multimatch_state_byte (&states[c]), <, bd_multimatch_state_byte (&states[c + 1]));
        }
    }
  g_assert_cmpuint (parents[0], ==, 0);
  for (guint32 s = 1; s < tables->n_states; s++)
    g_assert_cmpuint (parents[s], ==, 1);
  for (guint byte = 0; byte < 256; byte++)
    g_assert_cmpuint (tables->root[byte], ==, slow_child (tables, 0, byte));
  /* an output's own length is its pattern's (what a report reads) */
  for (guint32 o = 0; o < tables->n_outputs; o++)
    g_assert_cmpuint (tables->outputs[o].len, ==, tables->lengths[tables->outputs[o].id]);
}

/* Every dense row against the slow transitions, for every byte. */
static void
assert_dense_rows (const BdMultimatchTables *tables)
{
  assert_layout (tables);
  g_assert_cmpuint (tables->n_dense, >=, 1);
  g_assert_cmpuint (tables->n_dense, <=, tables->n_states);
  for (guint32 s = 0; s < tables->n_dense; s++)
    for (guint byte = 0; byte < 256; byte++)
      {
        guint32 column = tables->classes[byte];

        g_assert_cmpuint (column, <, tables->n_classes);
        guint32 entry = bd_multimatch_row_entry (tables->dense, s * tables->n_classes * sizeof *tables->dense, column);
        guint32 next = slow_step (tables, s, byte);

        g_assert_cmpuint (bd_multimatch_entry_state (tables, entry), ==, next);
        g_assert_cmpuint (entry, ==, bd_multimatch_entry (tables, next, bd_multimatch_state_reports (&tables->states[next])));
      }
}

/* The dense rows of random automata and of the generated one. */
static void
test_dense_rows (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  assert_dense_rows (bd_phrase_index_data.automaton);
  g_assert_cmpuint (bd_phrase_index_data.automaton->n_dense, >, 100);
  for (guint round = 0; round < 200; round++)
    {
      g_autoptr(BdMultimatch) matcher = bd_multimatch_new ();
      /* the matcher keeps the patterns' bytes until it compiles */
      g_autoptr(GPtrArray) patterns = g_ptr_array_new_with_free_func (g_free);
      guint n = g_rand_int_range (rand, 0, 40);

      for (guint i = 0; i < n; i++)
        {
          char *pattern = random_bytes (rand, round % 2 ? "ab" : "abcd\xc5\x82\xff", g_rand_int_range (rand, 1, 9));

          g_ptr_array_add (patterns, pattern);
          bd_multimatch_add (matcher, pattern, strlen (pattern));
        }
      bd_multimatch_compile (matcher);
      assert_dense_rows (bd_multimatch_get_tables (matcher));
    }
}

/* Every byte value in a pattern: 256 columns besides column 0 (that of
 * the bytes in no pattern, here none), numbered past a byte's range, and
 * one unused, for an even number of them. */
static void
test_every_byte (void)
{
  g_autoptr(BdMultimatch) matcher = bd_multimatch_new ();
  g_autoptr(GPtrArray) patterns = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_autoptr(GArray) want = NULL;
  char text[600];

  for (guint byte = 0; byte < 256; byte++)
    {
      char pattern[2] = { (char)byte, (char)(255 - byte) };
      GBytes *bytes = g_bytes_new (pattern, 2);

      /* The matcher keeps the pointer until it compiles: the GBytes' copy. */
      bd_multimatch_add (matcher, g_bytes_get_data (bytes, NULL), 2);
      g_ptr_array_add (patterns, bytes);
    }
  bd_multimatch_compile (matcher);
  g_assert_cmpuint (bd_multimatch_get_tables (matcher)->n_classes, ==, 258);   /* one unused, to be even */
  assert_dense_rows (bd_multimatch_get_tables (matcher));
  for (guint i = 0; i < sizeof text; i++)
    text[i] = (char)(i * 37 % 256);
  text[100] = (char)200, text[101] = (char)55;
  bd_multimatch_scan (matcher, text, sizeof text, collect_cb, got);
  want = naive_hits (patterns, text, sizeof text);
  g_assert_cmpuint (want->len, >, 0);
  assert_same_hits (got, want);
}

/* Every pair of @n letters as patterns, and a third letter after some:
 * @n² states at depth 2, whose rows would not fit the 16-bit entries
 * past 2^14 entries. */
static BdMultimatch *
pairs_matcher (GPtrArray *patterns,
               guint      n)
{
  BdMultimatch *matcher = bd_multimatch_new ();

  for (guint a = 0; a < n; a++)
    for (guint b = 0; b < n; b++)
      {
        char pattern[3] = { (char)('!' + a), (char)('!' + b), (char)('!' + (a * b) % n) };
        GBytes *bytes = g_bytes_new (pattern, (a + b) % 3 == 0 ? 3 : 2);

        /* The matcher keeps the pointer until it compiles: the GBytes' copy. */
        bd_multimatch_add (matcher, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
        g_ptr_array_add (patterns, bytes);
      }
  bd_multimatch_compile (matcher);
  return matcher;
}

/* Rows only down to where the entries hold them: with 60 letters the
 * states of depth 2 would need 3,661 rows of 61 columns, so only the
 * root and its 60 children get rows; with 12 letters all of them fit.
 * Both against the slow transitions and the obvious search. */
static void
test_narrow_rows (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  const guint letters[] = { 60, 12 };
  const guint32 n_dense[] = { 61, 1 + 12 + 144 };

  for (guint k = 0; k < G_N_ELEMENTS (letters); k++)
    {
      g_autoptr(GPtrArray) patterns = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
      g_autoptr(BdMultimatch) matcher = pairs_matcher (patterns, letters[k]);
      const BdMultimatchTables *tables = bd_multimatch_get_tables (matcher);
      g_autofree char *text = g_malloc (2000);
      g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (Hit));
      g_autoptr(GArray) want = NULL;

      g_assert_cmpuint (tables->n_dense, ==, n_dense[k]);
      assert_dense_rows (tables);
      for (guint i = 0; i < 2000; i++)
        text[i] = (char)('!' + g_rand_int_range (rand, 0, letters[k] + 2));
      bd_multimatch_scan (matcher, text, 2000, collect_cb, got);
      want = naive_hits (patterns, text, 2000);
      g_assert_cmpuint (want->len, >, 100);
      assert_same_hits (got, want);
    }
}

/* Duplicates, a pattern inside another and NUL bytes in the text. */
/* The generated tables (bd-phrase-index-data.c) against the obvious
 * search for their phrases, in texts of whole phrases, their beginnings
 * and their ends, glued by spaces and random letters. */
static void
test_generated_phrases (void)
{
  const BdPhraseIndex *index = &bd_phrase_index_data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);
  g_autoptr(GPtrArray) patterns = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);

  g_assert_cmpuint (index->n_entries, >, 1000);
  g_assert_cmpuint (index->automaton->n_patterns, ==, index->n_entries);
  for (guint id = 0; id < index->n_entries; id++)
    g_ptr_array_add (patterns, g_bytes_new_static (index->entries[id].text, index->entries[id].len));
  for (guint round = 0; round < 30; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (Hit));
      g_autoptr(GArray) want = NULL;

      while (text->len < 1000)
        {
          const BdIndexedPhrase *entry = &index->entries[g_rand_int_range (rand, 0, index->n_entries)];
          guint from = g_rand_boolean (rand) ? 0 : (guint)g_rand_int_range (rand, 0, entry->len);
          guint to = g_rand_boolean (rand) ? entry->len : (guint)g_rand_int_range (rand, from, entry->len + 1);
          g_autofree char *glue = random_bytes (rand, " eatsn", g_rand_int_range (rand, 0, 3));

          g_string_append_len (text, entry->text + from, to - from);
          g_string_append (text, glue);
        }
      bd_multimatch_scan_tables (index->automaton, text->str, text->len, collect_cb, got);
      want = naive_hits (patterns, text->str, text->len);
      g_assert_cmpuint (want->len, >, 10);
      assert_same_hits (got, want);
    }
}

/* The scan walks down a phrase's chain of states byte after byte and
 * stops before the text's end: every phrase of the generated tables, and
 * each of its beginnings, as a whole text in a buffer of its own length
 * (no NUL after it, so that AddressSanitizer sees a read past its end),
 * after a byte that starts nothing, against the obvious search. */
static void
test_chains_to_the_end (void)
{
  const BdPhraseIndex *index = &bd_phrase_index_data;
  g_autoptr(GPtrArray) patterns = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);

  for (guint id = 0; id < index->n_entries; id++)
    g_ptr_array_add (patterns, g_bytes_new_static (index->entries[id].text, index->entries[id].len));
  for (guint id = 0; id < index->n_entries; id += 7)
    {
      const BdIndexedPhrase *entry = &index->entries[id];

      for (guint32 len = 0; len <= entry->len; len++)
        {
          g_autofree char *text = g_malloc (len + 1);
          g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (Hit));
          g_autoptr(GArray) want = NULL;

          text[0] = '#';
          memcpy (text + 1, entry->text, len);
          bd_multimatch_scan_tables (index->automaton, text, len + 1, collect_cb, got);
          want = naive_hits (patterns, text, len + 1);
          assert_same_hits (got, want);
        }
    }
}

static void
test_edge_cases (void)
{
  g_autoptr(BdMultimatch) matcher = bd_multimatch_new ();
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (Hit));
  const char text[] = "user unknown\0user";

  bd_multimatch_add (matcher, "user", 4);
  bd_multimatch_add (matcher, "user", 4);
  bd_multimatch_add (matcher, "user unknown", 12);
  bd_multimatch_add (matcher, "unknown", 7);
  bd_multimatch_compile (matcher);
  g_assert_cmpuint (bd_multimatch_size (matcher), ==, 4);
  bd_multimatch_scan (matcher, text, sizeof text - 1, collect_cb, got);
  g_array_sort (got, compare_hits);
  g_assert_cmpuint (got->len, ==, 6);
  g_assert_cmpuint (g_array_index (got, Hit, 2).id, ==, 2);
  g_assert_cmpuint (g_array_index (got, Hit, 3).start, ==, 5);
  g_assert_cmpuint (g_array_index (got, Hit, 5).start, ==, 13);
  /* An empty text and an empty automaton find nothing. */
  g_array_set_size (got, 0);
  bd_multimatch_scan (matcher, "", 0, collect_cb, got);
  g_assert_cmpuint (got->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/multimatch/random-vs-naive", test_random_vs_naive);
  g_test_add_func ("/multimatch/edge-cases", test_edge_cases);
  g_test_add_func ("/multimatch/generated-phrases", test_generated_phrases);
  g_test_add_func ("/multimatch/chains-to-the-end", test_chains_to_the_end);
  g_test_add_func ("/multimatch/dense-rows", test_dense_rows);
  g_test_add_func ("/multimatch/every-byte", test_every_byte);
  g_test_add_func ("/multimatch/narrow-rows", test_narrow_rows);
  return g_test_run ();
}
