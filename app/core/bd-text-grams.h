/* bd-text-grams.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which runs of four bytes a text holds, to tell in a few steps that a
 * needle is not in it (bd-text-grams.c).
 */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

typedef struct _BdTextGrams BdTextGrams;

BdTextGrams *bd_text_grams_new          (const char        *text,
                                         gsize              len);
void         bd_text_grams_free         (BdTextGrams       *grams);
gboolean     bd_text_grams_may_contain  (const BdTextGrams *grams,
                                         const char        *needle);

/* The table is here, not in bd-text-grams.c, so that the question below
 * is inlined where it is asked, some twenty thousand times a corpus (a
 * call and its checks cost a third of the answer). */

/* 2^12 flags: a body of a kilobyte (most are) sets a tenth of them.
 * With 2^11, the bodies of ten kilobytes and more set half the table, and
 * the needles let by in error cost a full strstr() each: two thirds of the
 * body read by the scanners' searches (corpus, strstr() 407 KB read by
 * 211 searches that failed at stride 2; 123 KB by 121 with 2^13). 2^13
 * saved 80 k instructions more over the corpus but missed the first-level
 * cache 35 k times more (cachegrind: 2^11 408 k, 2^12 425 k, 2^13 460 k
 * misses; 402 k before the stamps). Bytes, not bits, since setting a byte
 * takes one step; the table is not cleared for each text, see stamp. */
#define BD_TEXT_GRAM_BITS 12

/* Only the runs starting at every STRIDE-th byte of the text are noted:
 * wherever a needle is, one phase of its runs falls on those offsets.
 * Three costs a third of the table's making; the sparser table lets few
 * more needles by in error (corpus Ir with 2^13 flags: 42.55 M at two,
 * 42.45 M at three, 42.62 M at four, where a needle of up to six bytes
 * has a phase without a run and may be anywhere). */
#define BD_TEXT_GRAM_STRIDE 3

/* A run is noted by its flag holding the table's stamp: the table kept
 * for the next text (bd-text-grams.c) takes a new stamp instead of being
 * cleared, and is cleared only when the stamps run out, once in 255 texts
 * (8 KiB cleared per message cost as much as the table's making). */
struct _BdTextGrams
{
  guint8 seen[1u << BD_TEXT_GRAM_BITS];
  guint8 stamp;
};

/* The hash of a run of four bytes, read as a little-endian number
 * (Knuth's multiplicative hash: the top bits of the product depend on
 * every byte). */
static inline guint32
bd_text_gram_hash (guint32 run)
{
  return (run * 2654435761u) >> (32 - BD_TEXT_GRAM_BITS);
}

/* The hash of the run of four bytes at @at. */
static inline guint32
bd_text_gram_hash_at (const char *at)
{
  guint32 run;

  memcpy (&run, at, sizeof run);
  return bd_text_gram_hash (GUINT32_FROM_LE (run));
}

/* What bd_text_gram_first_runs () gives at a phase where a needle is too
 * short for a run of four bytes: no hash (of BD_TEXT_GRAM_BITS bits) is
 * this, and such a needle may be anywhere. */
#define BD_TEXT_GRAM_NO_RUN G_MAXUINT16
G_STATIC_ASSERT (BD_TEXT_GRAM_BITS < 16);

/* The hash of the first run of four bytes of @needle (@len bytes) at each
 * phase of the stride, or BD_TEXT_GRAM_NO_RUN: for needles asked of many
 * texts, hashed once and asked by bd_text_grams_hash_noted (). */
static inline void
bd_text_gram_first_runs (const char *needle,
                         gsize       len,
                         guint16     runs[BD_TEXT_GRAM_STRIDE])
{
  for (gsize phase = 0; phase < BD_TEXT_GRAM_STRIDE; phase++)
    runs[phase] = phase + 4 <= len ? bd_text_gram_hash_at (needle + phase) : BD_TEXT_GRAM_NO_RUN;
}

/* bd_text_grams_noted () of a run by its hash (bd_text_gram_hash_at ()):
 * for needles asked of many texts, hashed once. */
static inline gboolean
bd_text_grams_hash_noted (const BdTextGrams *grams,
                          guint32            hash)
{
  return grams->seen[hash] == grams->stamp;
}

/* Whether the run of four bytes at @at is noted in @grams (maybe in the
 * text; certainly not when FALSE). */
static inline gboolean
bd_text_grams_noted (const BdTextGrams *grams,
                     const char        *at)
{
  return bd_text_grams_hash_noted (grams, bd_text_gram_hash_at (at));
}

/* Whether each run of @needle (@n bytes) at an offset of @phase plus a
 * multiple of the stride is noted in @grams. */
static inline gboolean
bd_text_grams_phase_noted (const BdTextGrams *grams,
                           const char        *needle,
                           gsize              n,
                           gsize              phase)
{
  for (gsize i = phase; i + 4 <= n; i += BD_TEXT_GRAM_STRIDE)
    if (!bd_text_grams_noted (grams, needle + i))
      return FALSE;
  return TRUE;
}

/**
 * bd_text_grams_may_contain_len:
 * @needle_len: strlen (@needle), which the compiler works out for a
 *   literal
 *
 * Returns: %FALSE when @needle is certainly not in the text (one of its
 *   runs of four bytes is not); %TRUE when it may be, and a needle
 *   shorter than four bytes always may.
 */
static inline gboolean
bd_text_grams_may_contain_len (const BdTextGrams *grams,
                               const char        *needle,
                               gsize              needle_len)
{
  /* Where the needle is in the text, the runs of one of its stride's
   * phases start at noted offsets (the phase whose offsets in the needle
   * plus the needle's offset are multiples of the stride): it is
   * certainly absent when every phase has a run not noted. A phase
   * without a run (a needle shorter than the stride + 3 bytes) may be
   * anywhere. */
  for (gsize phase = 0; phase < BD_TEXT_GRAM_STRIDE; phase++)
    if (bd_text_grams_phase_noted (grams, needle, needle_len, phase))
      return TRUE;
  return FALSE;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdTextGrams, bd_text_grams_free)

G_END_DECLS
