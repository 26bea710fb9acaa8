/* bd-mime-walk.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Searches, copies and comparisons that walk a message's header block
 * and lines, inline, and 16 bytes at a time where the compiler targets
 * SSE2 (every x86-64): header lines and values are short, and a library
 * call for each cost more than the work. Shared by the decoder, the MIME
 * splitter and readers, the HTML stripper, the DSN reader and the
 * returned original's reader; test-mime-walk compares each with what it
 * replaced. (Where a search runs over long text, glibc's memchr (), with
 * AVX2, stays faster: bd_mime_walk_find_byte () is for the few dozen
 * bytes to a header line's end, which it finds in a turn or two of 32,
 * where memchr ()'s call and set-up were most of the work.)
 */
#pragma once

#include <glib.h>
#include <string.h>

#include "bd-cpu.h"
#include "bd-text.h"

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

/* The bytes equal to @a, @b or @c among the 16 at @p, as bits: one
 * gathering of the bits for the three. */
static inline unsigned
bd_mime_walk_mask3 (const char *p,
                    char        a,
                    char        b,
                    char        c)
{
  __m128i block = _mm_loadu_si128 ((const __m128i *)(gconstpointer)p);

  return (unsigned)_mm_movemask_epi8 (_mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (block, _mm_set1_epi8 (a)),
                                                                  _mm_cmpeq_epi8 (block, _mm_set1_epi8 (b))),
                                                    _mm_cmpeq_epi8 (block, _mm_set1_epi8 (c))));
}
#endif

/* The first @a followed by @b in [@p, @p + @len), or NULL: what memmem ()
 * finds for the two bytes, which tried them at every byte. */
static inline const char *
bd_mime_walk_find_pair (const char *p,
                        gsize       len,
                        char        a,
                        char        b)
{
  const char *end = p + len;

#ifdef __SSE2__
  /* the pairs starting in the block: the block and the one a byte on */
  for (; end - p >= 17; p += 16)
    {
      unsigned pairs = bd_mime_walk_mask (p, a) & bd_mime_walk_mask (p + 1, b);

      if (pairs != 0)
        return p + __builtin_ctz (pairs);
    }
#endif
  for (; end - p >= 2; p++)
    if (p[0] == a && p[1] == b)
      return p;
  return NULL;
}

#ifdef BD_CPU_AVX2_PATHS
/* The pairs @a then @b starting among the 32 bytes at @p (the block and
 * the one a byte on), as a mask of bytes. */
__attribute__ ((target ("avx2")))
static inline __m256i
bd_mime_walk_pairs_avx2 (const char *p,
                         __m256i     a,
                         __m256i     b)
{
  return _mm256_and_si256 (_mm256_cmpeq_epi8 (_mm256_loadu_si256 ((const __m256i *)(gconstpointer)p), a),
                           _mm256_cmpeq_epi8 (_mm256_loadu_si256 ((const __m256i *)(gconstpointer)(p + 1)), b));
}

/* bd_mime_walk_find_pair () 64 bytes a step (one test for the two
 * blocks: pairs are rare), then 32. */
__attribute__ ((target ("avx2")))
static inline const char *
bd_mime_walk_find_pair_avx2 (const char *p,
                             gsize       len,
                             char        a,
                             char        b)
{
  const char *end = p + len;
  const __m256i first = _mm256_set1_epi8 (a), second = _mm256_set1_epi8 (b);

  for (; end - p >= 65; p += 64)
    {
      __m256i low = bd_mime_walk_pairs_avx2 (p, first, second);
      __m256i high = bd_mime_walk_pairs_avx2 (p + 32, first, second);
      __m256i any = _mm256_or_si256 (low, high);

      if (!_mm256_testz_si256 (any, any))
        {
          unsigned pairs = (unsigned)_mm256_movemask_epi8 (low);

          if (pairs != 0)
            return p + __builtin_ctz (pairs);
          return p + 32 + __builtin_ctz ((unsigned)_mm256_movemask_epi8 (high));
        }
    }
  for (; end - p >= 33; p += 32)
    {
      unsigned pairs = (unsigned)_mm256_movemask_epi8 (bd_mime_walk_pairs_avx2 (p, first, second));

      if (pairs != 0)
        return p + __builtin_ctz (pairs);
    }
  return bd_mime_walk_find_pair (p, end - p, a, b);
}
#endif

/* bd_mime_walk_find_pair () over a long text (a multipart's body), with
 * AVX2 where the processor has it: there it reads twice the bytes a
 * step, and the search is most of the work. */
static inline const char *
bd_mime_walk_find_pair_long (const char *p,
                             gsize       len,
                             char        a,
                             char        b)
{
#ifdef BD_CPU_AVX2_PATHS
  if (bd_cpu_has_avx2 ())
    return bd_mime_walk_find_pair_avx2 (p, len, a, b);
#endif
  return bd_mime_walk_find_pair (p, len, a, b);
}

/* The first @c in [@p, @end), or @end: memchr () inline for the short
 * runs of a header block, where a line's end is a few dozen bytes on
 * and the call and its set-up were most of a search (the splitter made
 * one for every header line). 32 bytes a turn, then 16; the last few
 * bytes by memchr (), so nothing past @end is read. */
static inline const char *
bd_mime_walk_find_byte (const char *p,
                        const char *end,
                        char        c)
{
  const char *hit;

#ifdef __SSE2__
  for (; end - p >= 32; p += 32)
    {
      unsigned m = bd_mime_walk_mask (p, c) | bd_mime_walk_mask (p + 16, c) << 16;

      if (m != 0)
        return p + __builtin_ctz (m);
    }
  if (end - p >= 16)
    {
      unsigned m = bd_mime_walk_mask (p, c);

      if (m != 0)
        return p + __builtin_ctz (m);
      p += 16;
    }
#endif
  hit = p < end ? memchr (p, c, end - p) : NULL;
  return hit != NULL ? hit : end;
}

/* bd_mime_walk_find_byte (@p, @end, '\n') for a header line's end, 64
 * bytes a turn: nearly every line ends within one, where with 32 a line
 * took one turn or two about as often, and the branch that told them
 * apart was mispredicted for one line in three (cachegrind). */
static inline const char *
bd_mime_walk_find_line_end (const char *p,
                            const char *end)
{
#ifdef __SSE2__
  for (; end - p >= 64; p += 64)
    {
      guint64 low = bd_mime_walk_mask (p, '\n') | bd_mime_walk_mask (p + 16, '\n') << 16;
      guint64 high = bd_mime_walk_mask (p + 32, '\n') | bd_mime_walk_mask (p + 48, '\n') << 16;
      guint64 m = low | high << 32;

      if (m != 0)
        return p + __builtin_ctzll (m);
    }
#endif
  return bd_mime_walk_find_byte (p, end, '\n');
}

/* Whether the @len bytes at @p hold a LF, CR or NUL: the bytes an
 * unfolding drops. 16 at a time, the last block ending at @p + @len
 * (looked at again, the bytes change nothing); a value shorter than a
 * block byte by byte. */
static inline gboolean
bd_mime_walk_has_break (const char *p,
                        gsize       len)
{
  const char *end = p + len;

#ifdef __SSE2__
  if (len >= 16)
    {
      for (; end - p > 16; p += 16)
        if (bd_mime_walk_mask3 (p, '\n', '\r', '\0') != 0)
          return TRUE;
      return bd_mime_walk_mask3 (end - 16, '\n', '\r', '\0') != 0;
    }
#endif
  for (; p < end; p++)
    if (*p == '\n' || *p == '\r' || *p == '\0')
      return TRUE;
  return FALSE;
}

/* The first "\n\n" (a blank line) in [@p, @p + @len), or NULL. */
static inline const char *
bd_mime_walk_find_blank_line (const char *p,
                              gsize       len)
{
  return bd_mime_walk_find_pair (p, len, '\n', '\n');
}

/* g_ascii_strncasecmp (@p, @lower, @n) == 0, @lower in lower case and
 * without NUL, inline: GLib's calls a function for every byte. @p may
 * end (NUL) before @n bytes. */
static inline gboolean
bd_mime_walk_has_prefix_ci (const char *p,
                            const char *lower,
                            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (bd_text_ascii_lower (p[i]) != lower[i])
      return FALSE;
  return TRUE;
}

/* g_ascii_strcasecmp (@a, @b) == 0, inline. */
static inline gboolean
bd_mime_walk_equal_ci (const char *a,
                       const char *b)
{
  for (;; a++, b++)
    {
      char x = bd_text_ascii_lower (*a);
      char y = bd_text_ascii_lower (*b);

      if (x != y)
        return FALSE;
      if (x == '\0')
        return TRUE;
    }
}

/* Copies the @len bytes at @p to @out with CRLF and lone CR made LF, as
 * memcpy () then bd_mime_normalise_newlines () do, in one pass, 16 bytes
 * at a time: that was a copy of the message, then a search and a move
 * for every line. @out has room for @len bytes; returns the length
 * written. Not in place: a block is stored before the next is read. */
static inline gsize
bd_mime_walk_copy_newlines (char       *out,
                            const char *p,
                            gsize       len)
{
  const char *end = p + len;
  char *q = out;

#ifdef __SSE2__
  /* 32 bytes a turn while there is room: a line holds one CR, so most
   * turns store both blocks whole */
  while (end - p >= 32)
    {
      unsigned crs = bd_mime_walk_mask (p, '\r') | bd_mime_walk_mask (p + 16, '\r') << 16;
      guint keep = crs != 0 ? (guint)__builtin_ctz (crs) : 32;

      /* the output is never ahead of @p: 32 bytes fit at @q */
      _mm_storeu_si128 ((__m128i *)(gpointer)q, _mm_loadu_si128 ((const __m128i *)(gconstpointer)p));
      _mm_storeu_si128 ((__m128i *)(gpointer)(q + 16), _mm_loadu_si128 ((const __m128i *)(gconstpointer)(p + 16)));
      q += keep;
      p += keep;
      if (crs != 0)
        {
          *q++ = '\n';
          p += p + 1 < end && p[1] == '\n' ? 2 : 1;
        }
    }
  while (end - p >= 16)
    {
      unsigned crs = bd_mime_walk_mask (p, '\r');
      guint keep = crs != 0 ? (guint)__builtin_ctz (crs) : 16;

      /* the output is never ahead of @p: 16 bytes fit at @q */
      _mm_storeu_si128 ((__m128i *)(gpointer)q, _mm_loadu_si128 ((const __m128i *)(gconstpointer)p));
      q += keep;
      p += keep;
      if (crs != 0)
        {
          *q++ = '\n';
          p += p + 1 < end && p[1] == '\n' ? 2 : 1;
        }
    }
#endif
  while (p < end)
    {
      if (*p != '\r')
        *q++ = *p++;
      else
        {
          *q++ = '\n';
          p += p + 1 < end && p[1] == '\n' ? 2 : 1;
        }
    }
  return q - out;
}

#ifdef __SSE2__
/* Where, among the 16 bytes at @p, a run of words with single spaces
 * between them stops: a tab, CR or LF, or a space after a space, as bits.
 * @after_space says whether the byte before the block is a space; it is
 * set for the next block. */
static inline unsigned
bd_mime_walk_blank_stops (const char *p,
                          unsigned   *after_space)
{
  unsigned spaces = bd_mime_walk_mask (p, ' ');
  unsigned stops = bd_mime_walk_mask3 (p, '\t', '\n', '\r');

  stops |= spaces & ((spaces << 1) | *after_space);
  *after_space = spaces >> 15;
  return stops;
}
#endif

/* What bd_mime_walk_header_marks() finds in a header's value. */
enum
{
  BD_MIME_WALK_EIGHT_BIT     = 1 << 0,   /* a byte above 0x7f */
  BD_MIME_WALK_ENCODED_WORD  = 1 << 1,   /* "=?", an encoded word's start */
};

/* Whether the @len bytes at @p hold an 8-bit byte and an "=?", as
 * BD_MIME_WALK_* bits: one look at each block for both, where a search
 * for 8-bit bytes, a strlen () and a strstr () each read the value. A
 * value shorter than a block is looked at in a padded copy. */
static inline guint
bd_mime_walk_header_marks (const char *p,
                           gsize       len)
{
  const char *end = p + len;
#ifdef __SSE2__
  char pad[32];
  unsigned high = 0, words = 0;

  if (len < 17)
    {
      /* zeros after the value: neither 8-bit nor '?' */
      memset (pad, 0, sizeof pad);
      memcpy (pad, p, len);
      p = pad;
      end = pad + 17;
    }
  for (; end - p >= 17; p += 16)
    {
      high |= (unsigned)_mm_movemask_epi8 (_mm_loadu_si128 ((const __m128i *)(gconstpointer)p));
      words |= bd_mime_walk_mask (p, '=') & bd_mime_walk_mask (p + 1, '?');
    }
  /* The bytes left, fewer than 17, in the block ending at @end, and the
   * pairs starting a byte before it: looked at again, they change nothing. */
  high |= (unsigned)_mm_movemask_epi8 (_mm_loadu_si128 ((const __m128i *)(gconstpointer)(end - 16)));
  words |= bd_mime_walk_mask (end - 17, '=') & bd_mime_walk_mask (end - 16, '?');
  return (high != 0 ? BD_MIME_WALK_EIGHT_BIT : 0) | (words != 0 ? BD_MIME_WALK_ENCODED_WORD : 0);
#else
  guint marks = 0;

  for (; p < end; p++)
    {
      if ((guchar)*p >= 0x80)
        marks |= BD_MIME_WALK_EIGHT_BIT;
      else if (*p == '=' && p + 1 < end && p[1] == '?')
        marks |= BD_MIME_WALK_ENCODED_WORD;
    }
  return marks;
#endif
}

/* Whether @c may be in a header field's name: printable US-ASCII, '!'
 * to '~', but ':'. */
static inline gboolean
bd_mime_walk_is_name_char (char c)
{
  return (guchar)(c - '!') <= '~' - '!' && c != ':';
}

/* Past the field-name characters at @p, not beyond @end. Names are
 * short: one block usually holds the name and what stops it. */
static inline const char *
bd_mime_walk_skip_name (const char *p,
                        const char *end)
{
#ifdef __SSE2__
  for (; end - p >= 16; p += 16)
    {
      __m128i block = _mm_loadu_si128 ((const __m128i *)(gconstpointer)p);
      /* as signed bytes, those above 0x7f are below '!' */
      __m128i stops = _mm_or_si128 (_mm_or_si128 (_mm_cmplt_epi8 (block, _mm_set1_epi8 ('!')),
                                                  _mm_cmpgt_epi8 (block, _mm_set1_epi8 ('~'))),
                                    _mm_cmpeq_epi8 (block, _mm_set1_epi8 (':')));
      unsigned mask = (unsigned)_mm_movemask_epi8 (stops);

      if (mask != 0)
        return p + __builtin_ctz (mask);
    }
#endif
  while (p < end && bd_mime_walk_is_name_char (*p))
    p++;
  return p;
}

/* The colon of the header field whose line starts at @p: a field name,
 * maybe blanks, then ':'. Returns it, or NULL when the line is not a
 * field; sets @name_end past the name. The name is read up to what stops
 * it, not the colon searched first: that took a search over the line
 * and a second look at the name. No line end is needed: neither a name
 * nor a blank is a line end. */
static inline const char *
bd_mime_walk_field_colon (const char  *p,
                          const char  *end,
                          const char **name_end)
{
  const char *q = bd_mime_walk_skip_name (p, end);

  if (q == p)
    return NULL;
  *name_end = q;
  while (q < end && (*q == ' ' || *q == '\t'))
    q++;
  return q < end && *q == ':' ? q : NULL;
}

G_END_DECLS
