/* bd-multimatch.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Aho–Corasick automaton (A. V. Aho, M. J. Corasick, "Efficient string
 * matching: an aid to bibliographic search", CACM 18(6), 1975): a trie of
 * the patterns, where each state also knows the longest proper suffix of
 * its string that is a state too (its failure link) and the nearest such
 * suffix that ends a pattern (its dictionary link). A text is read once,
 * byte by byte; every occurrence of every pattern, overlapping ones too,
 * is reported where it ends. The work per byte is amortised constant
 * (each failure step undoes one earlier forward step), so scanning costs
 * the same for a hundred patterns or a hundred thousand.
 *
 * Layout: a state's children are consecutive states, in the order of
 * their bytes. The states are numbered breadth first down to DENSE_DEPTH
 * (see below), then depth first, so that a chain of single children, where
 * a scan spends its deeper bytes, lies in consecutive states. A scan reads
 * one array, 8 bytes a state (BdMultimatchState): its first child, the
 * byte that leads to it, whether it is its parent's last child, its
 * failure link and whether it reports anything. Looking for a child reads
 * the children's own entries, mostly the next state's on the same cache
 * line; the outputs and dictionary links are apart (BdMultimatchReport),
 * read only when there is something to report. The scan's tables were
 * 547 kB, most of them touched at random; over the corpus this took its
 * first-level data read misses from 58.8 k to 23.9 k (cachegrind) and its
 * instructions from 1.01 M to 0.83 M.
 *
 * The states nearest the root (DENSE_DEPTH), where a scan
 * spends most of its bytes, also have a dense row: the state reached on
 * each byte, failure links already followed, so that a byte read there
 * costs one lookup instead of a bisection and a walk along failure links
 * (over the corpus, the phrase tables' scan went from 53 instructions a
 * byte to 30, most of the rest in the deeper states). The rows are
 * indexed by byte class (a column per byte that occurs in some pattern,
 * column 0 for all the others), which keeps them small. The root's row
 * also exists as a 256-entry table, which building uses. An entry gives a
 * state with a row by where its row starts, and says whether the state
 * reports (bd_multimatch_entry ()): a byte among the rows is then one
 * read of a row, no multiplication and no read of the states (over the
 * corpus, the scan's data reads went from 207 k to 147 k and its
 * first-level read misses from 20.0 k to 16.3 k).
 *
 * bd_multimatch_compile() builds the trie from the patterns in byte order
 * (so a state's existing child for a byte is always its latest one: no
 * search while building), numbers the states breadth first (so that the
 * states with rows are the first ones), lays the children out flat, links
 * failures breadth first and fills the rows.
 */
#define G_LOG_DOMAIN "bd-multimatch"

#include "config.h"

#include <string.h>

#include "bd-multimatch.h"

#define NONE 0   /* state 0 is the root; it is nobody's child or suffix-with-output */

/* The depth down to which states have dense rows. Over the corpus the
 * scan stays within it for most bytes (it holds 191 of the phrase
 * automaton's 20 k states, 40 kB). */
#define DENSE_DEPTH 2

/* While building, children is the first BuildEdge + 1 of the state;
 * numbered, the offset of its run in labels (child k is state k + 1). */
typedef struct
{
  guint32 children;
  guint32 n_children;
  guint32 fail;
  guint32 dict;
  guint32 outputs;
} State;

typedef BdMultimatchOutput Output;

typedef struct
{
  guint32 target;
  guint32 next;       /* next sibling + 1, or NONE */
  guint8  byte;
} BuildEdge;

typedef struct
{
  const char *bytes;
  gsize       len;
} Pending;

struct _BdMultimatch
{
  GArray   *pending;    /* (element-type Pending): added, not yet in the trie */
  GArray   *states;     /* (element-type State), only while building */
  GArray   *edges;      /* (element-type BuildEdge), only while building */
  GArray   *outputs;    /* (element-type Output) */
  GArray   *lengths;    /* (element-type guint32): of each pattern */
  guint8   *labels;     /* while building: labels[t - 1] is the byte leading to state t */
  BdMultimatchState  *hot;       /* what a scan reads of each state… */
  BdMultimatchReport *reports;   /* …and what a report reads */
  guint16  *classes;    /* compiled dense rows: columns by byte… */
  guint16  *dense;      /* …and rows */
  BdMultimatchTables tables;   /* the root's table while building; views of the rest once compiled */
  guint32   n_states;   /* while building: the states and edges in use */
  guint32   n_edges;
  gboolean  compiled;
};

#define STATE(m, s) (&g_array_index ((m)->states, State, (s)))

BdMultimatch *
bd_multimatch_new (void)
{
  BdMultimatch *matcher = g_new0 (BdMultimatch, 1);
  State root = { NONE, 0, 0, NONE, NONE };

  matcher->pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  matcher->states = g_array_new (FALSE, FALSE, sizeof (State));
  matcher->edges = g_array_new (FALSE, FALSE, sizeof (BuildEdge));
  matcher->outputs = g_array_new (FALSE, FALSE, sizeof (Output));
  matcher->lengths = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_array_append_val (matcher->states, root);
  return matcher;
}

/* While building: the child of @s on @byte, or NONE. The patterns go in
 * sorted, so a child that exists is the last one added to @s (the first
 * of its list). */
static guint32
build_child (const BdMultimatch *matcher,
             guint32             s,
             guint8              byte)
{
  guint32 e = STATE (matcher, s)->children;
  const BuildEdge *edge;

  if (e == NONE)
    return NONE;
  edge = &g_array_index (matcher->edges, BuildEdge, e - 1);
  return edge->byte == byte ? edge->target : NONE;
}

static guint32
add_child (BdMultimatch *matcher,
           guint32       s,
           guint8        byte)
{
  State child = { NONE, 0, 0, NONE, NONE };
  BuildEdge edge = { matcher->n_states, STATE (matcher, s)->children, byte };

  /* Both arrays are sized for the worst case (build_trie()). */
  *STATE (matcher, matcher->n_states++) = child;
  g_array_index (matcher->edges, BuildEdge, matcher->n_edges++) = edge;
  STATE (matcher, s)->children = matcher->n_edges;
  STATE (matcher, s)->n_children++;
  if (s == 0)
    matcher->tables.root[byte] = edge.target;
  return edge.target;
}

/**
 * bd_multimatch_add:
 * @pattern: bytes to look for (not necessarily NUL-terminated), which
 *   must stay valid until bd_multimatch_compile()
 * @len: their number, at least 1
 *
 * Returns: the pattern's id, reported by bd_multimatch_scan(). Adding the
 * same bytes twice gives two ids, both reported.
 */
guint
bd_multimatch_add (BdMultimatch *matcher,
                   const char   *pattern,
                   gsize         len)
{
  Pending pending = { pattern, len };
  guint32 len32 = (guint32)len;

  g_return_val_if_fail (matcher != NULL, 0);
  g_return_val_if_fail (!matcher->compiled, 0);
  g_return_val_if_fail (pattern != NULL && len > 0 && len <= G_MAXUINT32, 0);

  g_array_append_val (matcher->pending, pending);
  g_array_append_val (matcher->lengths, len32);
  return matcher->pending->len - 1;
}

static void
insert (BdMultimatch *matcher,
        guint32       id)
{
  const Pending *pattern = &g_array_index (matcher->pending, Pending, id);
  guint32 s = 0;
  Output output;

  for (gsize i = 0; i < pattern->len; i++)
    {
      guint32 next = build_child (matcher, s, (guint8)pattern->bytes[i]);

      s = next != NONE ? next : add_child (matcher, s, (guint8)pattern->bytes[i]);
    }
  output.id = id;
  output.next = STATE (matcher, s)->outputs;
  output.len = (guint32)pattern->len;
  g_array_append_val (matcher->outputs, output);
  STATE (matcher, s)->outputs = matcher->outputs->len;
}

static int
compare_pending (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const Pending *x = &g_array_index ((GArray *)user_data, Pending, *(const guint32 *)a);
  const Pending *y = &g_array_index ((GArray *)user_data, Pending, *(const guint32 *)b);
  int order = memcmp (x->bytes, y->bytes, MIN (x->len, y->len));

  if (order != 0)
    return order;
  return x->len < y->len ? -1 : x->len > y->len;
}

/* The trie, the patterns taken in byte order. */
static void
build_trie (BdMultimatch *matcher)
{
  guint n = matcher->pending->len;
  guint32 *order = g_new (guint32, MAX (n, 1));
  gsize total = 0;

  for (guint32 i = 0; i < n; i++)
    {
      order[i] = i;
      total += g_array_index (matcher->pending, Pending, i).len;
    }
  /* At most one state and one edge per byte of the patterns. */
  matcher->n_states = matcher->states->len;
  g_array_set_size (matcher->states, total + 1);
  g_array_set_size (matcher->edges, total);
  g_qsort_with_data (order, n, sizeof (guint32), compare_pending, matcher->pending);
  for (guint i = 0; i < n; i++)
    insert (matcher, order[i]);
  g_array_set_size (matcher->states, matcher->n_states);
  g_array_set_size (matcher->edges, matcher->n_edges);
  g_free (order);
  g_clear_pointer (&matcher->pending, g_array_unref);
}

/* Numbers the children of @s (an old number), consecutively in the order
 * of their bytes, from *@next on. */
static void
number_children (BdMultimatch *matcher,
                 guint32       s,
                 guint32      *order,
                 guint32      *next)
{
  guint32 at = *next + STATE (matcher, s)->n_children;

  /* The list runs from the highest byte down. */
  for (guint32 e = STATE (matcher, s)->children; e != NONE; )
    {
      const BuildEdge *edge = &g_array_index (matcher->edges, BuildEdge, e - 1);

      order[--at] = edge->target;
      e = edge->next;
    }
  g_assert (at == *next);
  *next += STATE (matcher, s)->n_children;
}

/* Renumbers the states, a state's children always a block numbered at
 * once: breadth first down to DENSE_DEPTH + 1, so that the states with a
 * dense row are the first ones (and a state's failure link, nearer the
 * root, is numbered before it), and so are the states their rows lead to
 * (the 16-bit entries hold their numbers); depth first below, so that a
 * chain of single children lies in consecutive states. Sets @ends[d] to
 * the number of states down to depth d, for d up to DENSE_DEPTH + 1. */
static void
number_states (BdMultimatch *matcher,
               guint32       ends[DENSE_DEPTH + 2])
{
  guint32 n = matcher->states->len;
  g_autofree guint32 *order = g_new (guint32, n);     /* old numbers, in the new order */
  g_autofree guint32 *renamed = g_new (guint32, n);   /* the new number of each old one */
  g_autofree guint32 *stack = g_new (guint32, n);     /* new numbers */
  GArray *states = g_array_sized_new (FALSE, FALSE, sizeof (State), n);
  guint32 next = 1, level = 0, depth_first = 0;

  order[0] = 0;
  ends[0] = 1;
  for (guint depth = 0; depth <= DENSE_DEPTH; depth++)
    {
      guint32 end = next;

      for (; level < end; level++)
        number_children (matcher, order[level], order, &next);
      ends[depth + 1] = next;
    }
  /* The states at DENSE_DEPTH + 1, then each one's subtree, depth first. */
  for (guint32 s = next; s > level; )
    stack[depth_first++] = --s;
  while (depth_first > 0)
    {
      guint32 s = stack[--depth_first], first = next;

      number_children (matcher, order[s], order, &next);
      for (guint32 c = next; c > first; )
        stack[depth_first++] = --c;
    }
  g_assert (next == n);
  for (guint32 i = 0; i < n; i++)
    {
      renamed[order[i]] = i;
      g_array_append_val (states, *STATE (matcher, order[i]));
    }
  for (guint32 e = 0; e < matcher->edges->len; e++)
    g_array_index (matcher->edges, BuildEdge, e).target = renamed[g_array_index (matcher->edges, BuildEdge, e).target];
  for (guint byte = 0; byte < 256; byte++)
    matcher->tables.root[byte] = renamed[matcher->tables.root[byte]];
  g_array_unref (matcher->states);
  matcher->states = states;
}

/* The bytes of every state's children as sorted runs, for lookups by
 * bisection while building: the child at offset k is state k + 1
 * (number_states()). */
static void
lay_out_children (BdMultimatch *matcher)
{
  matcher->labels = g_new (guint8, MAX (matcher->edges->len, 1));
  for (guint32 s = 0; s < matcher->states->len; s++)
    {
      State *state = STATE (matcher, s);
      guint32 offset = G_MAXUINT32;

      for (guint32 e = state->children; e != NONE; )
        {
          const BuildEdge *edge = &g_array_index (matcher->edges, BuildEdge, e - 1);

          matcher->labels[edge->target - 1] = edge->byte;
          offset = MIN (offset, edge->target - 1);
          e = edge->next;
        }
      state->children = state->n_children > 0 ? offset : NONE;
    }
}

/* The child on @byte of the state whose @n children start at @first, or
 * NONE. */
static inline guint32
child_in (const guint8 *labels,
          guint32       first,
          guint32       n,
          guint8        byte)
{
  guint32 lo = 0, hi = n;

  /* Most states deep in the trie have a single child. */
  if (hi == 1)
    return labels[first] == byte ? first + 1 : NONE;
  while (lo < hi)
    {
      guint32 mid = (lo + hi) / 2;

      if (labels[first + mid] == byte)
        return first + mid + 1;
      if (labels[first + mid] < byte)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NONE;
}

/* While building: the state reached from @s on @byte, the root's table
 * standing in for the root's children. */
static inline guint32
step (const BdMultimatch *matcher,
      guint32             s,
      guint8              byte)
{
  const State *state = STATE (matcher, s);

  return s == 0 ? matcher->tables.root[byte] : child_in (matcher->labels, state->children, state->n_children, byte);
}

/* Failure and dictionary links, breadth first: a state's suffixes are
 * shorter than it, so theirs are known when it is reached. */
static void
link_failures (BdMultimatch *matcher)
{
  guint32 *queue = g_new (guint32, matcher->states->len);
  gsize head = 0, tail = 0;

  for (guint byte = 0; byte < 256; byte++)
    if (matcher->tables.root[byte] != NONE)
      queue[tail++] = matcher->tables.root[byte];
  while (head < tail)
    {
      guint32 r = queue[head++];
      const State *state = STATE (matcher, r);

      for (guint32 k = 0; k < state->n_children; k++)
        {
          guint8 byte = matcher->labels[state->children + k];
          guint32 u = state->children + k + 1, f = state->fail, g;

          while ((g = step (matcher, f, byte)) == NONE && f != 0)
            f = STATE (matcher, f)->fail;
          STATE (matcher, u)->fail = g;
          STATE (matcher, u)->dict = STATE (matcher, g)->outputs != NONE ? g : STATE (matcher, g)->dict;
          queue[tail++] = u;
        }
    }
  g_free (queue);
}

/* @s as an entry of a dense row (bd_multimatch_entry ()), once
 * @tables knows the rows' number and width. */
static guint32
dense_entry (const BdMultimatch       *matcher,
             const BdMultimatchTables *tables,
             guint32                   s)
{
  const State *state = STATE (matcher, s);
  guint32 entry = bd_multimatch_entry (tables, s, (state->outputs | state->dict) != NONE);

  g_assert (entry <= G_MAXUINT16);   /* choose_dense () saw to it */
  return entry;
}

/* The columns of the rows of the first @n_dense states in @classes (a
 * byte's, 0 for the bytes on no edge out of them), and their number.
 * A byte on no edge out of a state with a row leads every row back to
 * the root, as a byte in no pattern does: column 0 serves them all,
 * which narrows the rows (the phrases' from 52 columns to 36, 40 kB of
 * rows to 27 kB in 32-bit entries). */
static guint32
mark_classes (const BdMultimatch *matcher,
              guint32             n_dense,
              guint16             classes[256])
{
  guint32 n_classes = 1;

  memset (classes, 0, 256 * sizeof *classes);
  for (guint32 s = 0; s < n_dense; s++)
    {
      const State *state = STATE (matcher, s);

      for (guint32 k = 0; k < state->n_children; k++)
        classes[matcher->labels[state->children + k]] = 1;
    }
  for (guint byte = 0; byte < 256; byte++)
    if (classes[byte] != 0)
      classes[byte] = n_classes++;
  /* rows of an even number of 16-bit entries start at multiples of 4
   * bytes: an entry's flags are its two low bits */
  return n_classes + n_classes % 2;
}

/* Whether @entry and its flags fit a row's 16 bits. */
static gboolean
entry_fits (guint64 entry)
{
  return (entry | BD_MULTIMATCH_ENTRY_REPORTS | BD_MULTIMATCH_ENTRY_DEEP) < BD_MULTIMATCH_ENTRY_LIMIT;
}

/* How many states get a dense row: those down to DENSE_DEPTH, or nearer
 * the root where the 16-bit entries (bd_multimatch_entry ()) would not
 * hold where the last row starts or the states the rows lead to (the
 * children of the states with rows, numbered right after them:
 * number_states ()). Down to depth 0, the root's row alone, they always
 * do: it leads to the root's 256 children at most. */
static guint32
choose_dense (const BdMultimatch *matcher,
              const guint32       ends[DENSE_DEPTH + 2])
{
  guint16 classes[256];

  for (guint depth = DENSE_DEPTH; depth > 0; depth--)
    {
      guint32 n_classes = mark_classes (matcher, ends[depth], classes);

      if (entry_fits ((guint64)(ends[depth] - 1) * n_classes * sizeof (guint16))
          && entry_fits ((guint64)(ends[depth + 1] - 1) << 2))
        return ends[depth];
    }
  return ends[0];
}

/* The byte classes, and the dense rows of the first @n_dense states: a
 * state's child where it has one, else what its failure link's row (filled
 * before, breadth first) says. */
static void
fill_dense_rows (BdMultimatch *matcher,
                 guint32       n_dense)
{
  BdMultimatchTables *tables = &matcher->tables;
  guint8 byte_of_class[258] = { 0 };   /* an unused column's: any byte, never read */
  guint32 n_classes;

  matcher->classes = g_new (guint16, 256);
  n_classes = mark_classes (matcher, n_dense, matcher->classes);
  for (guint byte = 0; byte < 256; byte++)
    byte_of_class[matcher->classes[byte]] = byte;
  matcher->dense = g_new (guint16, n_dense * n_classes);
  tables->n_classes = n_classes;   /* what dense_entry () reads */
  tables->n_dense = n_dense;
  for (guint32 s = 0; s < n_dense; s++)
    {
      guint16 *row = matcher->dense + s * n_classes;
      const guint16 *fallback = matcher->dense + STATE (matcher, s)->fail * n_classes;

      g_assert (s == 0 || STATE (matcher, s)->fail < s);
      row[0] = 0;
      for (guint32 c = 1; c < n_classes; c++)
        {
          guint32 next = step (matcher, s, byte_of_class[c]);

          row[c] = next != NONE || s == 0 ? dense_entry (matcher, tables, next) : fallback[c];
        }
    }
  tables->classes = matcher->classes;
  tables->dense = matcher->dense;
}

/* The states as a scan reads them (BdMultimatchState) and as a report
 * does. */
static void
split_states (BdMultimatch *matcher)
{
  guint32 n = matcher->states->len;

  matcher->hot = g_new0 (BdMultimatchState, n);
  matcher->reports = g_new (BdMultimatchReport, n);
  for (guint32 s = 0; s < n; s++)
    {
      const State *state = STATE (matcher, s);
      guint32 first = state->n_children > 0 ? state->children + 1 : NONE;

      matcher->hot[s].children |= first << 8 | (s > 0 ? matcher->labels[s - 1] : 0);
      matcher->hot[s].fail |= state->fail << 2 | ((state->outputs | state->dict) != NONE);
      if (state->n_children > 0)
        matcher->hot[first + state->n_children - 1].fail |= 2;
      matcher->reports[s] = (BdMultimatchReport){ state->dict, state->outputs };
    }
  matcher->tables.states = matcher->hot;
  matcher->tables.n_states = n;
  matcher->tables.reports = matcher->reports;
  g_clear_pointer (&matcher->states, g_array_unref);
  g_clear_pointer (&matcher->labels, g_free);
}

/* Made once, after the last bd_multimatch_add(), before the first scan. */
void
bd_multimatch_compile (BdMultimatch *matcher)
{
  guint32 ends[DENSE_DEPTH + 2];

  g_return_if_fail (matcher != NULL);
  g_return_if_fail (!matcher->compiled);

  build_trie (matcher);
  /* No recovering: a caller with that many bytes of patterns needs a wider
   * BdMultimatchState. */
  if (matcher->states->len > BD_MULTIMATCH_MAX_STATES)
    g_error ("%u states: more than an automaton holds", matcher->states->len);
  number_states (matcher, ends);
  lay_out_children (matcher);
  g_clear_pointer (&matcher->edges, g_array_unref);
  link_failures (matcher);
  fill_dense_rows (matcher, choose_dense (matcher, ends));
  split_states (matcher);
  matcher->tables.outputs = (const Output *)(gpointer)matcher->outputs->data;
  matcher->tables.n_outputs = matcher->outputs->len;
  matcher->tables.lengths = (const guint32 *)(gpointer)matcher->lengths->data;
  matcher->tables.n_patterns = matcher->lengths->len;
  matcher->compiled = TRUE;
}

/* The compiled automaton's arrays, valid as long as @matcher. */
const BdMultimatchTables *
bd_multimatch_get_tables (const BdMultimatch *matcher)
{
  g_return_val_if_fail (matcher != NULL && matcher->compiled, NULL);

  return &matcher->tables;
}

/* Reports the patterns ending in @s and in its dictionary suffixes. */
static gboolean
report (const BdMultimatchTables *tables,
        guint32                   s,
        gsize                     end,
        BdMultimatchFunc          func,
        gpointer                  user_data)
{
  if (tables->reports[s].outputs == NONE)
    s = tables->reports[s].dict;
  for (; s != NONE; s = tables->reports[s].dict)
    for (guint32 o = tables->reports[s].outputs; o != NONE; )
      {
        const Output *output = &tables->outputs[o - 1];
        if (!func (output->id, end - output->len, end, user_data))
          return FALSE;
        o = output->next;
      }
  return TRUE;
}

/**
 * bd_multimatch_scan:
 * @text: the bytes to read (NUL bytes are ordinary bytes)
 * @func: called for every occurrence of every pattern, in the order of
 *   their ends (occurrences ending at the same byte: longest first)
 */
void
bd_multimatch_scan (const BdMultimatch *matcher,
                    const char         *text,
                    gsize               len,
                    BdMultimatchFunc    func,
                    gpointer            user_data)
{
  g_return_if_fail (matcher != NULL && matcher->compiled);

  bd_multimatch_scan_tables (&matcher->tables, text, len, func, user_data);
}

/* What a scan reads of the tables, copied to a local so that it stays in
 * registers: as far as the compiler knows, the callback could change the
 * tables themselves. */
typedef struct
{
  const BdMultimatchState *states;
  const guint16 *classes;
  const guint16 *dense;
  guint32        n_classes;
  guint32        n_dense;
} Walk;

/* The child of @s on @byte, or NONE: its children in turn, until their
 * bytes (in order) pass @byte. */
static inline guint32
child_of (const BdMultimatchState *states,
          guint32                  s,
          guint8                   byte)
{
  guint32 c = bd_multimatch_state_first_child (&states[s]);

  if (c == NONE)
    return NONE;
  for (;; c++)
    {
      guint8 label = bd_multimatch_state_byte (&states[c]);

      if (label == byte)
        return c;
      if (label > byte || bd_multimatch_state_is_last (&states[c]))
        return NONE;
    }
}

/* The entry (bd_multimatch_entry ()) of the state reached from @s, a
 * deep state, on @byte: it looks among its children, then falls back
 * along its failure links, until one of the states with a dense row
 * answers. */
static inline guint32
deep_step (const Walk *walk,
           guint32     s,
           guint8      byte)
{
  for (; s >= walk->n_dense; s = bd_multimatch_state_fail (&walk->states[s]))
    {
      guint32 next = child_of (walk->states, s, byte);

      /* a deep state's children are deep */
      if (next != NONE)
        return next << 2 | BD_MULTIMATCH_ENTRY_DEEP | bd_multimatch_state_reports (&walk->states[next]);
    }
  return bd_multimatch_row_entry (walk->dense, s * walk->n_classes * sizeof *walk->dense, walk->classes[byte]);
}

/* From @s, a deep state, down the first children that the bytes from
 * *@p on lead to, as long as they report nothing and a byte follows;
 * returns the state reached, *@p at the byte it has yet to take. Inside
 * a phrase the text goes on as the phrase does, byte after byte to a
 * state's first child (its only one, further down): a step there is a
 * read of the child and a comparison, not an entry made and taken apart
 * again (over the corpus, a third of the bytes the phrases' scan reads). */
static inline guint32
chain_walk (const Walk     *walk,
            guint32         s,
            const guint8  **p,
            const guint8   *end)
{
  const guint8 *at = *p;

  for (;;)
    {
      guint32 c = bd_multimatch_state_first_child (&walk->states[s]);

      if (c == NONE || bd_multimatch_state_byte (&walk->states[c]) != *at
          || bd_multimatch_state_reports (&walk->states[c]) || at + 1 == end)
        break;
      s = c;
      at++;
    }
  *p = at;
  return s;
}

/* The same scan over tables made by bd_multimatch_compile() or generated
 * by bd_multimatch_write_c(). A byte read among the dense rows, most of
 * them, is one lookup whose entry also gives the next row and says
 * whether to report. */
void
bd_multimatch_scan_tables (const BdMultimatchTables *tables,
                           const char               *text,
                           gsize                     len,
                           BdMultimatchFunc          func,
                           gpointer                  user_data)
{
  guint32 entry = 0;   /* the root's */
  Walk walk;

  g_return_if_fail (tables != NULL);
  g_return_if_fail (text != NULL || len == 0);
  g_return_if_fail (func != NULL);
  g_return_if_fail (tables->n_dense > 0);

  walk = (Walk){ tables->states, tables->classes,
                 tables->dense, tables->n_classes, tables->n_dense };

  for (const guint8 *p = (const guint8 *)text, *end = p + len; p < end; p++)
    {
      if (entry & BD_MULTIMATCH_ENTRY_DEEP)
        {
          guint32 s = chain_walk (&walk, entry >> 2, &p, end);

          entry = deep_step (&walk, s, *p);
        }
      else
        entry = bd_multimatch_row_entry (walk.dense, entry, walk.classes[*p]);
      /* The root reports nothing (no pattern is empty). The flag is
       * cleared once reported: a row's entry is then where it starts. */
      if (G_UNLIKELY (entry & BD_MULTIMATCH_ENTRY_REPORTS))
        {
          if (!report (tables, bd_multimatch_entry_state (tables, entry), p + 1 - (const guint8 *)text,
                       func, user_data))
            return;
          entry &= ~BD_MULTIMATCH_ENTRY_REPORTS;
        }
    }
}

/* The number of patterns added. */
guint
bd_multimatch_size (const BdMultimatch *matcher)
{
  g_return_val_if_fail (matcher != NULL, 0);

  return matcher->lengths->len;
}

void
bd_multimatch_free (BdMultimatch *matcher)
{
  if (matcher == NULL)
    return;
  if (matcher->pending != NULL)
    g_array_unref (matcher->pending);
  if (matcher->states != NULL)
    g_array_unref (matcher->states);
  if (matcher->edges != NULL)
    g_array_unref (matcher->edges);
  g_array_unref (matcher->outputs);
  g_array_unref (matcher->lengths);
  g_free (matcher->labels);
  g_free (matcher->hot);
  g_free (matcher->reports);
  g_free (matcher->classes);
  g_free (matcher->dense);
  g_free (matcher);
}
