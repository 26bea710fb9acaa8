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

/* The table, its hash and its stride are in bd-text-grams.h, for the
 * question asked of it inline. */
#define STRIDE BD_TEXT_GRAM_STRIDE

static inline void
note_run (BdTextGrams *grams,
          const char  *at)
{
  guint32 run;

  memcpy (&run, at, sizeof run);
  grams->seen[bd_text_gram_hash (GUINT32_FROM_LE (run))] = 1;
}

/* A table is made for nearly every message, two or three times (the
 * body, the lowered prose, a reply): each thread keeps the last one freed
 * and clears it for the next, as g_malloc0 () of 2 KiB took a slow path
 * of the allocator and a clearing besides. The destructor frees it when
 * the thread ends. */
static __thread BdTextGrams *spare;
static __thread gboolean spare_owned;

static void
free_spare (gpointer unused)
{
  g_clear_pointer (&spare, g_free);
}

static GPrivate spare_owner = G_PRIVATE_INIT (free_spare);

static BdTextGrams *
take_cleared_table (void)
{
  BdTextGrams *grams = spare;

  if (grams == NULL)
    return g_new0 (BdTextGrams, 1);
  spare = NULL;
  memset (grams, 0, sizeof *grams);
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
  BdTextGrams *grams = take_cleared_table ();
  gsize i = 0;

  g_return_val_if_fail (text != NULL || len == 0, grams);

  /* the runs starting at every STRIDE-th byte, eight a turn: a run is
   * three instructions, and the loop's own steps five */
  for (; i + 7 * STRIDE + 4 <= len; i += 8 * STRIDE)
    {
      note_run (grams, text + i);
      note_run (grams, text + i + STRIDE);
      note_run (grams, text + i + 2 * STRIDE);
      note_run (grams, text + i + 3 * STRIDE);
      note_run (grams, text + i + 4 * STRIDE);
      note_run (grams, text + i + 5 * STRIDE);
      note_run (grams, text + i + 6 * STRIDE);
      note_run (grams, text + i + 7 * STRIDE);
    }
  for (; i + 4 <= len; i += STRIDE)
    note_run (grams, text + i);
  return grams;
}

void
bd_text_grams_free (BdTextGrams *grams)
{
  if (grams == NULL || spare != NULL)
    {
      g_free (grams);
      return;
    }
  spare = grams;
  if (!spare_owned)
    {
      /* any non-NULL value: the destructor runs only for one */
      g_private_set (&spare_owner, &spare);
      spare_owned = TRUE;
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
