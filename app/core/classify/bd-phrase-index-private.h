/* bd-phrase-index-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The phrase index's parts, shared by bd-phrase-index.c (which reads it),
 * bd-phrase-index-build.c (which makes it) and bd-phrase-index-gen.c (the
 * build-time program that writes it out as constants).
 */
#pragma once

#include "bd-multimatch.h"
#include "bd-phrases.h"

G_BEGIN_DECLS

/* The phrase tables in the order in which phrases are weighed. */
#define BD_PHRASE_N_TABLES 4
extern const BdPhraseTable *const bd_phrase_index_tables[BD_PHRASE_N_TABLES];

/* One pattern of the automaton: the first part of a folded phrase, and
 * the part after its "…", if any. */
typedef struct
{
  guint16     table;      /* the phrase: bd_phrase_index_tables[table]->phrases[index] */
  guint16     index;
  guint32     len;        /* of text */
  const char *text;       /* the first part (not NUL-terminated at len) */
  const char *tail;       /* the second part, or NULL */
  guint32     tail_len;
} BdIndexedPhrase;

typedef struct
{
  const BdIndexedPhrase    *entries;   /* a pattern's id is its index */
  guint32                   n_entries;
  const BdMultimatchTables *automaton;
} BdPhraseIndex;

BdMultimatch *bd_phrase_index_build (GArray *entries,
                                     guint   n_dummies);

/* Written at build time by bd-phrase-index-gen (bd-phrase-index-data.c). */
extern const BdPhraseIndex bd_phrase_index_data;

G_END_DECLS
