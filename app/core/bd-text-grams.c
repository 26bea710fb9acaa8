/* bd-text-grams.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scanners each search the whole body of a message for the phrases
 * of their format, and nearly all of those searches fail: sixty formats,
 * one body. Reading the body once to note the runs of four bytes it
 * holds (a flag per hash of the run; the runs starting at every third
 * byte, a third of the work, see STRIDE) lets a search whose needle lacks them
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

/* The table, its hash and its stride are in bd-text-grams.h, for the
 * question asked of it inline. */
#define STRIDE BD_TEXT_GRAM_STRIDE

/* @stamp is the table's, passed on: a byte stored in the table might be
 * the stamp for all the compiler knows, which would read it again after
 * every store. */
static inline void
note_run (BdTextGrams *grams,
          const char  *at,
          guint8       stamp)
{
  guint32 run;

  memcpy (&run, at, sizeof run);
  grams->seen[bd_text_gram_hash (GUINT32_FROM_LE (run))] = stamp;
}

/* A table is made for nearly every message, two or three times (the
 * body, the lowered prose, a reply), each alive till the message is done:
 * each thread keeps the last SPARES freed for the next, as g_malloc0 ()
 * of 8 KiB took a slow path of the allocator and a clearing besides. The
 * destructor frees them when the thread ends. */
#define SPARES 3

static __thread BdTextGrams *spares[SPARES];
static __thread guint n_spares;
static __thread gboolean spares_owned;

static void
free_spares (gpointer unused)
{
  while (n_spares > 0)
    g_free (spares[--n_spares]);
}

static GPrivate spares_owner = G_PRIVATE_INIT (free_spares);

/* A table with no run noted: a kept one with a new stamp (cleared when
 * the stamps run out), or a new one, whose flags are 0 and stamp 1. */
static BdTextGrams *
take_empty_table (void)
{
  BdTextGrams *grams;

  if (n_spares == 0)
    {
      grams = g_new0 (BdTextGrams, 1);
      grams->stamp = 1;
      return grams;
    }
  grams = spares[--n_spares];
  if (++grams->stamp == 0)
    {
      memset (grams->seen, 0, sizeof grams->seen);
      grams->stamp = 1;
    }
  return grams;
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
  BdTextGrams *grams = take_empty_table ();
  guint8 stamp = grams->stamp;
  gsize i = 0;

  g_return_val_if_fail (text != NULL || len == 0, grams);

  /* the runs starting at every STRIDE-th byte, eight a turn: a run is
   * three instructions, and the loop's own steps five */
  for (; i + 7 * STRIDE + 4 <= len; i += 8 * STRIDE)
    {
      note_run (grams, text + i, stamp);
      note_run (grams, text + i + STRIDE, stamp);
      note_run (grams, text + i + 2 * STRIDE, stamp);
      note_run (grams, text + i + 3 * STRIDE, stamp);
      note_run (grams, text + i + 4 * STRIDE, stamp);
      note_run (grams, text + i + 5 * STRIDE, stamp);
      note_run (grams, text + i + 6 * STRIDE, stamp);
      note_run (grams, text + i + 7 * STRIDE, stamp);
    }
  for (; i + 4 <= len; i += STRIDE)
    note_run (grams, text + i, stamp);
  return grams;
}

void
bd_text_grams_free (BdTextGrams *grams)
{
  if (grams == NULL || n_spares == SPARES)
    {
      g_free (grams);
      return;
    }
  spares[n_spares++] = grams;
  if (!spares_owned)
    {
      /* any non-NULL value: the destructor runs only for one */
      g_private_set (&spares_owner, spares);
      spares_owned = TRUE;
    }
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
