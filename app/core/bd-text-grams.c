/* bd-text-grams.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scanners each search the whole body of a message for the phrases
 * of their format, and nearly all of those searches fail: sixty formats,
 * one body. Reading the body once to note the runs of four bytes it
 * holds (a flag per hash of the run; the runs starting at every other
 * byte, half the work, see STRIDE) lets a search whose needle lacks them
 * be answered "no" without reading the body again. A flag may be set by
 * another run with the same hash, so a "maybe" still needs the real
 * search; a "no" is certain, since the runs of a needle found in the
 * text are runs of the text. The same serves the localized markers over
 * the lowered prose and the provider rules' phrases over a reply.
 */
#define G_LOG_DOMAIN "bd-text"

#include "config.h"

#include <string.h>

#include "bd-text-grams.h"

/* 2^11 flags: a body of a kilobyte (most are) sets a fifth of them, and
 * a needle of a dozen bytes is then let by in error once in a thousand.
 * Bytes, not bits, since setting a byte takes one step, and 2 KiB are
 * cleared in a few dozen: the table is made for every message. */
#define GRAM_BITS 11

/* Only the runs starting at every STRIDE-th byte of the text are noted:
 * wherever a needle is, one phase of its runs falls on those offsets.
 * Two costs half the table's making and answers nearly as often; three
 * and four cost more in the questions than they save. */
#define STRIDE 2

struct _BdTextGrams
{
  guint8 seen[1u << GRAM_BITS];
};

/* The hash of a run of four bytes, read as a little-endian number
 * (Knuth's multiplicative hash: the top bits of the product depend on
 * every byte). */
static inline guint32
gram_hash (guint32 run)
{
  return (run * 2654435761u) >> (32 - GRAM_BITS);
}

static inline void
note_run (BdTextGrams *grams,
          const char  *at)
{
  guint32 run;

  memcpy (&run, at, sizeof run);
  grams->seen[gram_hash (GUINT32_FROM_LE (run))] = 1;
}

/**
 * bd_text_grams_new:
 * @text: the text, which may hold NUL bytes
 * @len: its length
 *
 * Returns: (transfer full): the set of the runs of four bytes in @text.
 */
BdTextGrams *
bd_text_grams_new (const char *text,
                   gsize       len)
{
  BdTextGrams *grams = g_new0 (BdTextGrams, 1);
  gsize i = 0;

  g_return_val_if_fail (text != NULL || len == 0, grams);

  /* the runs starting at every STRIDE-th byte, four a turn: the loop's
   * own steps cost as much as a run's */
  for (; i + 3 * STRIDE + 4 <= len; i += 4 * STRIDE)
    {
      note_run (grams, text + i);
      note_run (grams, text + i + STRIDE);
      note_run (grams, text + i + 2 * STRIDE);
      note_run (grams, text + i + 3 * STRIDE);
    }
  for (; i + 4 <= len; i += STRIDE)
    note_run (grams, text + i);
  return grams;
}

void
bd_text_grams_free (BdTextGrams *grams)
{
  g_free (grams);
}

/* Whether each run of @needle (@n bytes) at an offset of @phase plus a
 * multiple of STRIDE is noted in @grams. */
static inline gboolean
phase_noted (const BdTextGrams *grams,
             const char        *needle,
             gsize              n,
             gsize              phase)
{
  for (gsize i = phase; i + 4 <= n; i += STRIDE)
    {
      guint32 run;

      memcpy (&run, needle + i, sizeof run);
      if (!grams->seen[gram_hash (GUINT32_FROM_LE (run))])
        return FALSE;
    }
  return TRUE;
}

/**
 * bd_text_grams_may_contain:
 * @needle: what a search would look for
 *
 * Returns: %FALSE when @needle is certainly not in the text (one of its
 *   runs of four bytes is not); %TRUE when it may be, and a needle
 *   shorter than four bytes always may.
 */
gboolean
bd_text_grams_may_contain (const BdTextGrams *grams,
                           const char        *needle)
{
  g_return_val_if_fail (grams != NULL, TRUE);
  g_return_val_if_fail (needle != NULL, TRUE);

  return bd_text_grams_may_contain_len (grams, needle, strlen (needle));
}

/**
 * bd_text_grams_may_contain_len:
 * @needle_len: strlen (@needle), which the compiler works out for a
 *   literal
 *
 * Returns: as bd_text_grams_may_contain().
 */
gboolean
bd_text_grams_may_contain_len (const BdTextGrams *grams,
                               const char        *needle,
                               gsize              needle_len)
{
  g_return_val_if_fail (grams != NULL, TRUE);
  g_return_val_if_fail (needle != NULL, TRUE);

  /* Where the needle is in the text, the runs of one of its STRIDE
   * phases start at noted offsets (the phase whose offsets in the needle
   * plus the needle's offset are multiples of STRIDE): it is certainly
   * absent when every phase has a run not noted. A phase without a run
   * (a needle shorter than STRIDE + 3 bytes) may be anywhere. */
  for (gsize phase = 0; phase < STRIDE; phase++)
    if (phase_noted (grams, needle, needle_len, phase))
      return TRUE;
  return FALSE;
}
