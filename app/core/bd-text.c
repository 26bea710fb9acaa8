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

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Each byte in lower case, and 0 for the bytes that end a word: the
 * blanks and the string's end. Built once. */
static const char *
word_byte_table (void)
{
  static char table[256];
  static gsize built;

  if (g_once_init_enter (&built))
    {
      for (guint c = 1; c < 256; c++)
        table[c] = is_blank ((char)c) ? '\0' : g_ascii_tolower ((char)c);
      g_once_init_leave (&built, 1);
    }
  return table;
}

#ifdef __SSE2__
/* 16 bytes in ASCII lower case: 'A' to 'Z' get 0x20 (compared as signed
 * bytes, those above 0x7f are below 'A' and stay). */
static inline __m128i
lower_block (__m128i block)
{
  __m128i upper = _mm_and_si128 (_mm_cmpgt_epi8 (block, _mm_set1_epi8 ('A' - 1)),
                                 _mm_cmplt_epi8 (block, _mm_set1_epi8 ('Z' + 1)));

  return _mm_or_si128 (block, _mm_and_si128 (upper, _mm_set1_epi8 (0x20)));
}

/* Whether the 16 bytes at @p, a word's first byte, fold to themselves in
 * lower case: no tab, line end or NUL, no two spaces in a row, and no
 * space last (the next block might go on with blanks). Then they are
 * stored lowered at @q in one go: most of a server's prose is words and
 * single spaces. */
static gboolean
fold_block (const char *p,
            char       *q)
{
  const __m128i block = _mm_loadu_si128 ((const __m128i *)(gconstpointer)p);
  __m128i ends = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (block, _mm_set1_epi8 ('\t')),
                                             _mm_cmpeq_epi8 (block, _mm_set1_epi8 ('\n'))),
                               _mm_or_si128 (_mm_cmpeq_epi8 (block, _mm_set1_epi8 ('\r')),
                                             _mm_cmpeq_epi8 (block, _mm_setzero_si128 ())));
  unsigned spaces = (unsigned)_mm_movemask_epi8 (_mm_cmpeq_epi8 (block, _mm_set1_epi8 (' ')));

  if (_mm_movemask_epi8 (ends) != 0 || (spaces & (spaces >> 1)) != 0 || (spaces & 0x8000) != 0)
    return FALSE;
  _mm_storeu_si128 ((__m128i *)(gpointer)q, lower_block (block));
  return TRUE;
}
#endif

/**
 * bd_text_fold_lower:
 * @text: a server's reply or a notice's text
 *
 * Returns: (transfer full): @text in ASCII lower case with every run of
 *   blanks (space, tab, CR, LF) made one space and none at either end,
 *   for finding phrases that servers fold across lines.
 */
char *
bd_text_fold_lower (const char *text)
{
  const char *table = word_byte_table ();
  gsize len;
  char *out, *q;
  const char *p = text, *end;

  g_return_val_if_fail (text != NULL, NULL);

  /* Never longer than @text: runs of blanks shrink to one space. */
  len = strlen (text);
  end = text + len;
  q = out = g_malloc (len + 1);
  for (;;)
    {
      char c;

      while (is_blank (*p))
        p++;
      if (*p == '\0')
        break;
      if (q > out)
        *q++ = ' ';
#ifdef __SSE2__
      /* the output is behind the input, so 16 bytes fit wherever they do */
      while (end - p >= 16 && fold_block (p, q))
        {
          p += 16;
          q += 16;
        }
#endif
      /* the rest of the word, one table lookup a byte */
      while ((c = table[(guchar)*p]) != '\0')
        {
          *q++ = c;
          p++;
        }
    }
  *q = '\0';
  return out;
}

/* g_utf8_strdown(), without its per-character Unicode walk when @text is
 * plain ASCII (nearly always: server replies). One pass: the copy is
 * lowered while it is checked (16 bytes at once where SSE2 is), and given
 * up at the first byte that is not ASCII. */
char *
bd_text_strdown (const char *text,
                 gssize      len)
{
  g_autofree char *out = NULL;
  gsize n, i = 0;

  g_return_val_if_fail (text != NULL, NULL);

  n = len < 0 ? strlen (text) : (gsize)len;
  out = g_malloc (n + 1);
#ifdef __SSE2__
  /* until a block holds a byte above 0x7f or a NUL: the loop below then
   * finds it */
  for (; n - i >= 16; i += 16)
    {
      __m128i block = _mm_loadu_si128 ((const __m128i *)(gconstpointer)(text + i));

      if (_mm_movemask_epi8 (block) != 0 || _mm_movemask_epi8 (_mm_cmpeq_epi8 (block, _mm_setzero_si128 ())) != 0)
        break;
      _mm_storeu_si128 ((__m128i *)(gpointer)(out + i), lower_block (block));
    }
#endif
  for (; i < n; i++)
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
