/* bd-text.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Case-insensitive text helpers shared by every stage of decoding: the
 * scanners, the classifier and the decoder. They live below all of them so
 * that no stage includes another's header for them.
 */
#define G_LOG_DOMAIN "bd-text"

#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "bd-text.h"

/* g_utf8_strdown(), without its per-character Unicode walk when @text is
 * plain ASCII (nearly always: server replies). One pass: the copy is
 * lowered while it is checked, and given up at the first byte that is
 * not ASCII. */
char *
bd_text_strdown (const char *text,
                 gssize      len)
{
  g_autofree char *out = NULL;
  gsize n;

  g_return_val_if_fail (text != NULL, NULL);

  n = len < 0 ? strlen (text) : (gsize)len;
  out = g_malloc (n + 1);
  for (gsize i = 0; i < n; i++)
    {
      char c = text[i];

      if ((guchar)c >= 0x80 || c == '\0')
        return g_utf8_strdown (text, len);
      out[i] = c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
    }
  out[n] = '\0';
  return g_steal_pointer (&out);
}

/* The first byte in [@p, @end) that is @lower or @upper, or @end. Where
 * the compiler targets SSE2 (every x86-64), 16 bytes are compared at once:
 * bd_text_strcasestr() runs over whole bodies for every marker of every
 * scanner, and byte by byte it was 11 % of decoding the corpus. Inlined
 * into its callers, whose loops call it once per candidate. */
G_ALWAYS_INLINE static inline const char *
find_either (const char *p,
             const char *end,
             char        lower,
             char        upper)
{
#ifdef __SSE2__
  const __m128i l = _mm_set1_epi8 (lower), u = _mm_set1_epi8 (upper);

  for (; end - p >= 16; p += 16)
    {
      __m128i block = _mm_loadu_si128 ((const __m128i *)(gconstpointer)p);
      int mask = _mm_movemask_epi8 (_mm_or_si128 (_mm_cmpeq_epi8 (block, l),
                                                  _mm_cmpeq_epi8 (block, u)));

      if (mask != 0)
        return p + __builtin_ctz ((unsigned)mask);
    }
#endif
  for (; p < end; p++)
    if (*p == lower || *p == upper)
      return p;
  return end;
}

/* The search of bd_text_strcasestr() and bd_text_find_ci(), @needle
 * not empty and not longer than @len; inlined into both, as they are
 * called thousands of times a message. */
G_ALWAYS_INLINE static inline const char *
find_ci (const char *text,
         gsize       len,
         const char *needle,
         gsize       n)
{
  /* Both cases of the first letter found together, then the second byte
   * compared inline (case folded by its 0x20 bit, a pre-test only; it is
   * inside the text, as the needle is longer than one byte) before the
   * call. */
  char lower = g_ascii_tolower (needle[0]);
  char upper = g_ascii_toupper (needle[0]);
  const char *end = text + len - (n - 1);

  for (const char *p = text; (p = find_either (p, end, lower, upper)) != end; p++)
    {
      if ((n == 1 || (p[1] | 0x20) == (needle[1] | 0x20))
          && g_ascii_strncasecmp (p + 1, needle + 1, n - 1) == 0)
        return p;
    }
  return NULL;
}

const char *
bd_text_strcasestr (const char *haystack,
                    const char *needle)
{
  gsize n, len;

  g_return_val_if_fail (haystack != NULL, NULL);
  g_return_val_if_fail (needle != NULL, NULL);

  n = strlen (needle);
  if (n == 0)
    return haystack;
  len = strlen (haystack);
  if (n > len)
    return NULL;
  return find_ci (haystack, len, needle, n);
}

/* bd_text_strcasestr() within [@text, @text + @len), which need not end
 * in a NUL (a line of a body): no copy is made to search it. */
const char *
bd_text_find_ci (const char *text,
                 gsize       len,
                 const char *needle)
{
  gsize n;

  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (needle != NULL, NULL);

  n = strlen (needle);
  if (n == 0)
    return text;
  if (n > len)
    return NULL;
  return find_ci (text, len, needle, n);
}

gboolean
bd_text_has_prefix_ci (const char *text,
                       const char *prefix)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (prefix != NULL, FALSE);

  return g_ascii_strncasecmp (text, prefix, strlen (prefix)) == 0;
}

gboolean
bd_text_contains_any (const char        *text,
                      const char *const *needles)
{
  g_return_val_if_fail (needles != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (guint i = 0; needles[i] != NULL; i++)
    {
      if (bd_text_strcasestr (text, needles[i]) != NULL)
        return TRUE;
    }
  return FALSE;
}
