/* bd-text.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Case-insensitive searching and lower-casing of server replies, shared by
 * the scanners, the classifier and the decoder (bd-text.c).
 */
#pragma once

#include <glib.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <string.h>

G_BEGIN_DECLS

typedef struct _BdTextNeedles BdTextNeedles;

/* g_ascii_tolower (), inline: GLib's is a function call, and the hot
 * loops of the decoder (field names, host names, needles) fold every
 * byte they compare. */
static inline char
bd_text_ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* g_ascii_strdown () of a string the caller owns, done in place: for a
 * copy that is only lowered, a second allocation saved. Returns @s. */
/* g_ascii_strncasecmp (@a, @b, @n) == 0 for a @b without a NUL in its
 * first @n bytes (a needle): a NUL in @a then differs from @b's byte, so
 * the comparison stops there as GLib's does. Inline, and without GLib's
 * call per byte: the searches check thousands of candidates. */
static inline gboolean
bd_text_equal_ci (const char *a,
                  const char *b,
                  gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (bd_text_ascii_lower (a[i]) != bd_text_ascii_lower (b[i]))
      return FALSE;
  return TRUE;
}

static inline char *
bd_text_ascii_down_in_place (char *s)
{
  for (char *p = s; *p != '\0'; p++)
    *p = bd_text_ascii_lower (*p);
  return s;
}

/* Copies the @n bytes at @from, fewer than 16, to @to, without a call;
 * returns past them. Short strings are most of what the decoder copies,
 * where a memcpy () of a length not known costs a call: two moves of 8
 * (or 4) bytes that overlap cover any length from 8 (4) to 16 (8), and
 * read only the bytes of @from. */
static inline char *
bd_text_copy_short (char       *to,
                    const char *from,
                    gsize       n)
{
  guint64 head8, tail8;
  guint32 head4, tail4;

  if (n >= 8)
    {
      memcpy (&head8, from, 8);
      memcpy (&tail8, from + n - 8, 8);
      memcpy (to, &head8, 8);
      memcpy (to + n - 8, &tail8, 8);
    }
  else if (n >= 4)
    {
      memcpy (&head4, from, 4);
      memcpy (&tail4, from + n - 4, 4);
      memcpy (to, &head4, 4);
      memcpy (to + n - 4, &tail4, 4);
    }
  else
    for (gsize i = 0; i < n; i++)
      to[i] = from[i];
  return to + n;
}

void         bd_text_ascii_down_copy (char             *out,
                                      const char       *text,
                                      gsize             len);
char        *bd_text_strdown       (const char         *text,
                                    gssize              len);
char        *bd_text_fold_lower    (const char         *text);
const char  *bd_text_find          (const char         *text,
                                    gsize               len,
                                    const char         *needle,
                                    gsize               needle_len);
const char  *bd_text_strcasestr    (const char         *haystack,
                                    const char         *needle);
const char  *bd_text_find_ci       (const char         *text,
                                    gsize               len,
                                    const char         *needle);
const char  *bd_text_find_ci_len   (const char         *text,
                                    gsize               len,
                                    const char         *needle,
                                    gsize               needle_len);
const char  *bd_text_find_first_of_needles (const char         *text,
                                           gsize               len,
                                           const char *const  *needles,
                                           guint               n_needles,
                                           gboolean            ignore_case,
                                           guint              *which);
BdTextNeedles *bd_text_needles_new   (const char *const  *needles,
                                     guint               n_needles,
                                     gboolean            ignore_case);
void           bd_text_needles_free  (BdTextNeedles      *set);
const char    *bd_text_needles_find  (const BdTextNeedles *set,
                                      const char          *text,
                                      gsize                len,
                                      guint               *which);
gsize        bd_text_copy_collapsed (const char        *text,
                                     gsize              len,
                                     char              *out,
                                     gboolean           first_may_be_space,
                                     gboolean           form_feed_is_space);
gboolean     bd_text_has_prefix_ci (const char         *text,
                                    const char         *prefix);
gboolean     bd_text_contains_any  (const char         *text,
                                    const char *const  *needles);

/* g_ascii_strdown () of the @n bytes at @s, none of them a NUL (a host
 * name, a DKIM d=, a DSN's Action), lowered as they are copied: a copy,
 * then a pass over it byte by byte, cost twice as much. */
static inline char *
bd_text_ascii_down_dup (const char *s,
                        gsize       n)
{
  char *lower = g_malloc (n + 1);

  bd_text_ascii_down_copy (lower, s, n);
  lower[n] = '\0';
  return lower;
}

#ifdef __SSE2__
/* The white space of the 16 bytes in @block: ' ' and '\t' to '\r' but
 * '\v' (GLib's g_ascii_isspace () when @form_feed_is_space, else only
 * ' ', '\t', '\n' and '\r'). */
static inline __m128i
bd_text_white_in_block (__m128i  block,
                        gboolean form_feed_is_space)
{
  __m128i controls = _mm_and_si128 (_mm_cmpgt_epi8 (block, _mm_set1_epi8 ('\t' - 1)),
                                    _mm_cmplt_epi8 (block, _mm_set1_epi8 ('\r' + 1)));
  __m128i not_white = _mm_cmpeq_epi8 (block, _mm_set1_epi8 ('\v'));

  if (!form_feed_is_space)
    not_white = _mm_or_si128 (not_white, _mm_cmpeq_epi8 (block, _mm_set1_epi8 ('\f')));
  return _mm_or_si128 (_mm_cmpeq_epi8 (block, _mm_set1_epi8 (' ')), _mm_andnot_si128 (not_white, controls));
}

#endif

G_END_DECLS
