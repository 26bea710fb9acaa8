/* bd-mime-walk.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Searches that walk a message's header block and lines, inline and 16
 * bytes at a time where the compiler targets SSE2 (every x86-64): header
 * lines are short, and a library call for each cost more than the search.
 * Shared by the MIME splitter, the header readers and the returned
 * original's reader; test-mime-walk compares each with what it replaced.
 */
#pragma once

#include <glib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

G_BEGIN_DECLS

#ifdef __SSE2__
/* The bytes equal to @c among the 16 at @p, as bits. */
static inline unsigned
bd_mime_walk_mask (const char *p,
                   char        c)
{
  __m128i block = _mm_loadu_si128 ((const __m128i *)(gconstpointer)p);

  return (unsigned)_mm_movemask_epi8 (_mm_cmpeq_epi8 (block, _mm_set1_epi8 (c)));
}
#endif

/* The first "\n\n" (a blank line) in [@p, @p + @len), or NULL: what
 * memmem () finds, which tried the needle at every byte. */
static inline const char *
bd_mime_walk_find_blank_line (const char *p,
                              gsize       len)
{
  const char *end = p + len;

#ifdef __SSE2__
  /* the pairs starting in the block: the block and the one a byte on */
  for (; end - p >= 17; p += 16)
    {
      unsigned pairs = bd_mime_walk_mask (p, '\n') & bd_mime_walk_mask (p + 1, '\n');

      if (pairs != 0)
        return p + __builtin_ctz (pairs);
    }
#endif
  for (; end - p >= 2; p++)
    if (p[0] == '\n' && p[1] == '\n')
      return p;
  return NULL;
}

G_END_DECLS
