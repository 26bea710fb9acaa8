/* bd-decoder-cap.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cap on a message's Content-Type lines (BD_DECODER_MAX_PARTS): where
 * bd_decoder_decode_bytes () cuts a message that has more. Every message
 * is looked at, so it is searched 16, 64 or 128 places at a time, not
 * walked line by line.
 */
#define G_LOG_DOMAIN "bd-decoder"

#include "config.h"

#include <string.h>

#include "bd-cpu.h"
#include "bd-decoder-private.h"
#include "bd-mime-walk.h"

/* Where bd_decoder_cap_parts () stops looking for colons, @count lines
 * counted: the lines still to count take 14 bytes each, the last with
 * one after its colon. */
static inline const char *
cap_last (const char *end,
          guint       count)
{
  return end - (gsize)(BD_DECODER_MAX_PARTS + 1 - count) * 14 + 13;
}

#ifdef __SSE2__
/* The line ends among the 16 places from @q whose line has a colon 13
 * bytes on, as lanes (29 bytes read). */
static inline __m128i
break_colon_lanes (const char *q)
{
  __m128i nl = _mm_cmpeq_epi8 (_mm_loadu_si128 ((const __m128i *)(gconstpointer)q), _mm_set1_epi8 ('\n'));
  __m128i colon = _mm_cmpeq_epi8 (_mm_loadu_si128 ((const __m128i *)(gconstpointer)(q + 13)), _mm_set1_epi8 (':'));

  return _mm_and_si128 (nl, colon);
}
#endif

#ifdef BD_CPU_AVX2_PATHS
/* break_colon_lanes () for the 32 places from @q (45 bytes read). */
__attribute__ ((target ("avx2"))) static inline __m256i
break_colon_lanes32 (const char *q)
{
  __m256i nl = _mm256_cmpeq_epi8 (_mm256_loadu_si256 ((const __m256i *)(gconstpointer)q),
                                  _mm256_set1_epi8 ('\n'));
  __m256i colon = _mm256_cmpeq_epi8 (_mm256_loadu_si256 ((const __m256i *)(gconstpointer)(q + 13)),
                                     _mm256_set1_epi8 (':'));

  return _mm256_and_si256 (nl, colon);
}

/* find_break_colon ()'s first loop 128 places a turn where AVX2 is: the
 * big messages are searched to some 7 KB from their end. Returns the
 * first block of 128 places with a pair in it (found by the SSE2 loops
 * after it), or where the blocks stop. */
__attribute__ ((target ("avx2"))) static const char *
break_colon_blocks32 (const char *q,
                      const char *last)
{
  for (; last - q >= 128 + 13; q += 128)
    {
      __m256i any = _mm256_or_si256 (_mm256_or_si256 (break_colon_lanes32 (q), break_colon_lanes32 (q + 32)),
                                     _mm256_or_si256 (break_colon_lanes32 (q + 64), break_colon_lanes32 (q + 96)));

      if (!_mm256_testz_si256 (any, any))
        break;
    }
  return q;
}
#endif

/* The first line end at or after @q whose line has a colon as its 14th
 * byte, where "content-type:" has it, that colon before @last (which
 * is inside the text); NULL when there is none. A colon at every other
 * place cannot end a counted name: the search for every colon, each then
 * looked at, stopped some twenty times a kilobyte of headers and prose,
 * where the pair of a line end and a colon 13 bytes on, tested 64 places
 * a turn, is nearly only ever a Content-Type line. */
static const char *
find_break_colon (const char *q,
                  const char *last)
{
#ifdef BD_CPU_AVX2_PATHS
  if (bd_cpu_has_avx2 ())
    q = break_colon_blocks32 (q, last);
#endif
#ifdef __SSE2__
  /* a turn reads to its last place + 13, before @last; the places are
   * worked out only where a lane hit */
  for (; last - q >= 64 + 13; q += 64)
    {
      __m128i any = _mm_or_si128 (_mm_or_si128 (break_colon_lanes (q), break_colon_lanes (q + 16)),
                                  _mm_or_si128 (break_colon_lanes (q + 32), break_colon_lanes (q + 48)));

      if (_mm_movemask_epi8 (any) != 0)
        break;
    }
  for (; last - q >= 16 + 13; q += 16)
    {
      unsigned pairs = (unsigned)_mm_movemask_epi8 (break_colon_lanes (q));

      if (pairs != 0)
        return q + __builtin_ctz (pairs);
    }
#endif
  for (; last - q > 13; q++)
    if (q[0] == '\n' && q[13] == ':')
      return q;
  return NULL;
}

/* Where to cut the message so that it has at most BD_DECODER_MAX_PARTS
 * Content-Type lines (private: a test compares it with a line walk). */
gsize
bd_decoder_cap_parts (const char *data,
                      gsize       len)
{
  const char *end = data + len, *q, *last;
  guint count = 0;

  /* Each counted line takes at least 14 bytes ("content-type:" and its
   * line end): a shorter message cannot hold too many, and most bounces
   * are shorter, so they are not walked line by line for nothing. */
  if (len < (gsize)(BD_DECODER_MAX_PARTS + 1) * 14)
    return len;
  /* The first line, which no line end comes before (its colon is before
   * @last: the message holds 513 lines' worth of bytes). */
  if (bd_mime_walk_has_prefix_ci (data, "content-type:", 13))
    count++;
  /* The lines still to count take 14 bytes each, the last with one after
   * its colon: the next one's colon is before @last, and the rest is not
   * searched. @last moves on only when a line is counted. */
  for (q = data, last = cap_last (end, count); (q = find_break_colon (q, last)) != NULL; q++)
    if (bd_mime_walk_has_prefix_ci (q + 1, "content-type:", 13))
      {
        if (++count > BD_DECODER_MAX_PARTS)
          return q + 1 - data;
        last = cap_last (end, count);
      }
  return len;
}
