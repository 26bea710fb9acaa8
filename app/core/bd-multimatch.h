/* bd-multimatch.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Many byte strings searched for at once, in one pass over a text
 * (Aho–Corasick): the time per text does not grow with the number of
 * patterns, only with the text and the matches found (bd-multimatch.c).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BdMultimatch BdMultimatch;

/* The compiled automaton as flat arrays (bd-multimatch.c describes the
 * layout): what bd_multimatch_compile() makes at run time, and what a file
 * generated at build time holds as constants (bd_multimatch_write_c()),
 * so that a program scanning fixed patterns builds nothing when it starts. */
/* What a scan reads of a state deep in the trie at every byte, in 8
 * bytes: where its children are (they are consecutive states, in the
 * order of their bytes), the byte that leads to it, whether it is the last
 * of its siblings, its failure link and whether it reports anything. So a
 * scan reads one array per byte, and the child it looks at is mostly the
 * next state, on the same cache line (bd-multimatch.c). Read through the
 * functions below. */
typedef struct
{
  guint32 children;     /* first child (0: none) << 8 | the byte that leads here */
  guint32 fail;         /* failure link << 2 | last of its siblings << 1 | reports anything */
} BdMultimatchState;

/* The first child has 24 bits: an automaton has at most this many states
 * (the phrases' has 20 k). */
#define BD_MULTIMATCH_MAX_STATES (1u << 24)

static inline guint32
bd_multimatch_state_first_child (const BdMultimatchState *state)
{
  return state->children >> 8;
}

static inline guint8
bd_multimatch_state_byte (const BdMultimatchState *state)
{
  return (guint8)state->children;
}

static inline guint32
bd_multimatch_state_fail (const BdMultimatchState *state)
{
  return state->fail >> 2;
}

static inline gboolean
bd_multimatch_state_is_last (const BdMultimatchState *state)
{
  return state->fail >> 1 & 1;
}

static inline gboolean
bd_multimatch_state_reports (const BdMultimatchState *state)
{
  return state->fail & 1;
}

/* What only a report reads of a state. */
typedef struct
{
  guint32 dict;         /* nearest state on the failure chain that ends a pattern, or 0 */
  guint32 outputs;      /* first output + 1 of the patterns ending here, or 0 */
} BdMultimatchReport;

/* A pattern ending at a state, with its length: a report reads where
 * the pattern starts here, not in another array (a dependent read and a
 * first-level miss less for most patterns reported). */
typedef struct
{
  guint32 id;
  guint32 next;         /* + 1, or 0 */
  guint32 len;          /* = lengths[id] */
} BdMultimatchOutput;

typedef struct
{
  guint32                   root[256];   /* the root's children by byte */
  const BdMultimatchState  *states;
  guint32                   n_states;
  const BdMultimatchReport *reports;
  const BdMultimatchOutput *outputs;
  guint32                   n_outputs;
  const guint32            *lengths;     /* of each pattern */
  guint32                   n_patterns;
  /* The states nearest the root, numbered first (breadth first), where a
   * scan spends most of its bytes, each with a row of the state reached
   * on every byte, failure links already followed (bd-multimatch.c). */
  const guint16            *classes;     /* 256: a byte's column; 0 for bytes in no pattern */
  guint32                   n_classes;   /* even (below), one column unused if need be */
  const guint16            *dense;       /* n_dense rows of n_classes entries (below) */
  guint32                   n_dense;     /* at least 1: the root's row */
} BdMultimatchTables;

/* An entry of a dense row: the state reached, whether it reports
 * anything (its BdMultimatchState's bit) and whether it is deep (has no
 * row). A state with a row is given by where its row starts, in bytes
 * from the first row's, so that a scan among the rows, where it reads
 * most bytes, finds the next entry by one addition (no shift, no
 * multiplication: the row start's two low bits are 0, since n_classes is
 * even), and reads nothing else for a byte that reports nothing. A scan
 * keeps its state in this form.
 *
 * The rows hold their entries in 16 bits, which halves the cache lines
 * a scan touches among them (bd-multimatch.c): where a row starts and the
 * deep states the rows lead to fit, the compiler giving fewer states rows
 * where they would not. A scan's own entry, which deep_step () makes for
 * any deep state, has 32. */
#define BD_MULTIMATCH_ENTRY_REPORTS 1u
#define BD_MULTIMATCH_ENTRY_DEEP    2u
#define BD_MULTIMATCH_ENTRY_LIMIT   (1u << 16)   /* the rows' entries are below it */

static inline guint32
bd_multimatch_entry (const BdMultimatchTables *tables,
                     guint32                   s,
                     gboolean                  reports)
{
  return s < tables->n_dense ? s * tables->n_classes * (guint32)sizeof *tables->dense | reports
                             : s << 2 | BD_MULTIMATCH_ENTRY_DEEP | reports;
}

static inline guint32
bd_multimatch_entry_state (const BdMultimatchTables *tables,
                           guint32                   entry)
{
  return entry & BD_MULTIMATCH_ENTRY_DEEP ? entry >> 2
                                          : (entry >> 1) / tables->n_classes;   /* sizeof *dense = 2 */
}

/* The entry of the dense row starting at byte @row_start (an entry with
 * no flag, or a multiple of the row size) on a byte of @column. */
static inline guint32
bd_multimatch_row_entry (const guint16 *dense,
                         guint32        row_start,
                         guint          column)
{
  return *(const guint16 *)(gconstpointer)((const char *)dense + row_start + column * sizeof *dense);
}

/* One occurrence: pattern @id (the order of bd_multimatch_add(), from 0)
 * at bytes [@start, @end) of the text. Return FALSE to stop the scan. */
typedef gboolean (*BdMultimatchFunc) (guint    id,
                                      gsize    start,
                                      gsize    end,
                                      gpointer user_data);

BdMultimatch *bd_multimatch_new     (void);
guint         bd_multimatch_add     (BdMultimatch       *matcher,
                                     const char         *pattern,
                                     gsize               len);
void          bd_multimatch_compile (BdMultimatch       *matcher);
void          bd_multimatch_scan    (const BdMultimatch *matcher,
                                     const char         *text,
                                     gsize               len,
                                     BdMultimatchFunc    func,
                                     gpointer            user_data);
guint         bd_multimatch_size    (const BdMultimatch *matcher);
void          bd_multimatch_free    (BdMultimatch       *matcher);

const BdMultimatchTables *bd_multimatch_get_tables  (const BdMultimatch       *matcher);
void                      bd_multimatch_scan_tables (const BdMultimatchTables *tables,
                                                     const char               *text,
                                                     gsize                     len,
                                                     BdMultimatchFunc          func,
                                                     gpointer                  user_data);
void                      bd_multimatch_write_c     (const BdMultimatchTables *tables,
                                                     const char               *name,
                                                     GString                  *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdMultimatch, bd_multimatch_free)

G_END_DECLS
