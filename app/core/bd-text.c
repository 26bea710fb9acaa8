/* bd-text.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Case-insensitive text helpers shared by every stage of decoding: the
 * scanners, the classifier and the decoder. They live below all of them so
 * that no stage includes another's header for them.
 */
#define G_LOG_DOMAIN "bd-text"

#include "config.h"

#include <locale.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "bd-cpu.h"
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

/* Whether g_utf8_strdown () lowers ASCII as bd_text_ascii_lower () does,
 * whatever follows it. Not in Turkish and Azeri ('I' becomes dotless 'ı',
 * "I" + U+0307 'i') nor Lithuanian ('I' and 'J' take a dot before more
 * accents): GLib's get_locale_type () picks them from LC_CTYPE so. */
static gboolean
is_ascii_lowered_alone (void)
{
  const char *locale = setlocale (LC_CTYPE, NULL);

  return locale == NULL
      || !(g_str_has_prefix (locale, "az") || g_str_has_prefix (locale, "tr") || g_str_has_prefix (locale, "lt"));
}

/* The first byte of @text[@i, @n) above 0x7f, or @n; 16 bytes a step
 * where SSE2 is, as the ASCII between a prose's accented letters runs for
 * dozens of bytes. */
static gsize
skip_ascii (const char *text,
            gsize       i,
            gsize       n)
{
#ifdef __SSE2__
  for (; n - i >= 16; i += 16)
    {
      int mask = _mm_movemask_epi8 (_mm_loadu_si128 ((const __m128i *)(gconstpointer)(text + i)));

      if (mask != 0)
        return i + __builtin_ctz ((unsigned)mask);
    }
#endif
  while (i < n && (guchar)text[i] < 0x80)
    i++;
  return i;
}

/* Appends @text[@from, @to), all ASCII, lowered. */
static void
append_ascii_lowered (GString    *out,
                      const char *text,
                      gsize       from,
                      gsize       to)
{
  gsize at = out->len;

  g_string_set_size (out, at + (to - from));
  bd_text_ascii_down_copy (out->str + at, text + from, to - from);
}

/* The character of two or three bytes at @p (before @end), as
 * g_utf8_get_char () reads it, with its length in @len; or 0 where it is
 * of another length, cut short or overlong (GLib would write it again
 * otherwise). */
static gunichar
two_or_three_byte_char (const guchar *p,
                        const guchar *end,
                        gsize        *len)
{
  gunichar c;

  if (p[0] >= 0xc2 && p[0] <= 0xdf && end - p >= 2 && (p[1] & 0xc0) == 0x80)
    {
      *len = 2;
      return ((gunichar)(p[0] & 0x1f) << 6) | (p[1] & 0x3f);
    }
  if ((p[0] & 0xf0) != 0xe0 || end - p < 3 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
    return 0;
  c = ((gunichar)(p[0] & 0x0f) << 12) | ((gunichar)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
  *len = 3;
  return c >= 0x800 ? c : 0;
}

/* Appends @text[@from, @to), a run of characters that are not ASCII,
 * lowered as g_utf8_strdown () lowers them, and returns TRUE; or appends
 * nothing and returns FALSE when a character is left to GLib: one of
 * four bytes or invalid, a capital sigma (its form depends on the next
 * character) and U+0130 (lowered to two characters). Every other
 * character is lowered alone to g_unichar_tolower (), itself when not a
 * capital (tests/test-scan-helpers.c compares every code point with
 * GLib): a call of g_utf8_strdown () for each run cost two thousand
 * instructions, and Polish prose holds a run in every other word. */
static gboolean
append_lowered_run (GString    *out,
                    const char *text,
                    gsize       from,
                    gsize       to)
{
  const guchar *p = (const guchar *)text + from, *end = (const guchar *)text + to;
  gsize at = out->len, w = at;

  /* written in place: a character of two bytes or more is lowered to one
   * of three at most, twice its length at worst (U+023A) */
  g_string_set_size (out, at + 2 * (to - from));
  while (p < end)
    {
      gsize len = 0;
      gunichar c = two_or_three_byte_char (p, end, &len);

      if (c == 0 || c == 0x130 || c == 0x3a3)
        {
          g_string_truncate (out, at);
          return FALSE;
        }
      w += g_unichar_to_utf8 (g_unichar_tolower (c), out->str + w);
      p += len;
    }
  g_string_truncate (out, w);
  return TRUE;
}

/* g_utf8_strdown (@text, @n) for @text holding no NUL, its first @done
 * bytes (ASCII) lowered in @lowered already. Only the runs of other
 * characters go through it, each with the ASCII character after: in the
 * locales is_ascii_lowered_alone () allows, no other character depends on
 * its neighbours, and a capital sigma on the next one (final or not).
 * Runs are cut where GLib steps from character to character
 * (g_utf8_skip), so that it reads even invalid UTF-8 as it would have. */
static char *
strdown_mixed (const char *text,
               gsize       n,
               gsize       done,
               const char *lowered)
{
  GString *out = g_string_sized_new (n + n / 4 + 1);
  gsize i = done;

  g_string_append_len (out, lowered, done);
  while (i < n)
    {
      gsize j = skip_ascii (text, i, n);
      char *run;

      append_ascii_lowered (out, text, i, j);
      if ((i = j) == n)
        break;
      while (j < n && (guchar)text[j] >= 0x80)
        j += g_utf8_skip[(guchar)text[j]];
      if (j <= n && append_lowered_run (out, text, i, j))
        {
          i = j;
          continue;
        }
      /* GLib's, with the ASCII character after (a sigma's context) */
      j = j < n ? j + 1 : n;
      run = g_utf8_strdown (text + i, j - i);
      g_string_append (out, run);
      g_free (run);
      i = j;
    }
  return g_string_free (out, FALSE);
}

/* g_utf8_strdown(), without its per-character Unicode walk where @text is
 * ASCII: all of it nearly always (server replies), most of it in prose.
 * One pass: the copy is lowered while it is checked (16 bytes at once
 * where SSE2 is), up to the first byte that is not ASCII. */

#ifdef __SSE2__
/* bd_text_white_in_block () for one byte. */
static inline gboolean
is_white (char     c,
          gboolean form_feed_is_space)
{
  return c == ' ' || (c >= '\t' && c <= '\r' && c != '\v' && (form_feed_is_space || c != '\f'));
}
#endif

/**
 * bd_text_copy_collapsed:
 * @text: where a text's next bytes are, none of them its NUL
 * @len: how many of them may be read
 * @out: where they go (room for @len bytes)
 * @first_may_be_space: whether a white-space byte may come first: the
 *   text before ended in a byte that was kept, not in white space
 * @form_feed_is_space: '\f' counts as white space (g_ascii_isspace ()),
 *   or not
 *
 * The fast part of collapsing white space (a run of it one space): whole
 * blocks of 16 bytes while they are words and single white-space bytes,
 * copied with their white space made ' '. Stops at a block with two
 * white-space bytes together, or one last when the byte after it is white
 * space too or past @len, or at the first when it starts with white space
 * and @first_may_be_space is not set; the caller reads on byte by byte.
 * A block copied is never followed by white space. Without SSE2, copies
 * nothing.
 *
 * Returns: how many bytes were copied, as many as were read.
 */
gsize
bd_text_copy_collapsed (const char *text,
                        gsize       len,
                        char       *out,
                        gboolean    first_may_be_space,
                        gboolean    form_feed_is_space)
{
  gsize n = 0;

  g_return_val_if_fail (text != NULL || len == 0, 0);

#ifdef __SSE2__
  for (; len - n >= 16; n += 16, first_may_be_space = TRUE)
    {
      __m128i block = _mm_loadu_si128 ((const __m128i *)(gconstpointer)(text + n));
      __m128i white = bd_text_white_in_block (block, form_feed_is_space);
      unsigned mask = (unsigned)_mm_movemask_epi8 (white);

      /* white space last stops only before more of it (or where the
       * byte after may not be read): a word next is copied as is */
      if ((mask & (mask >> 1)) != 0 || ((mask & 1) != 0 && !first_may_be_space)
          || ((mask & 0x8000) != 0 && (len - n == 16 || is_white (text[n + 16], form_feed_is_space))))
        break;
      block = _mm_or_si128 (_mm_andnot_si128 (white, block), _mm_and_si128 (white, _mm_set1_epi8 (' ')));
      _mm_storeu_si128 ((__m128i *)(gpointer)(out + n), block);
    }
#endif
  return n;
}

/**
 * bd_text_ascii_down_copy:
 * @out: room for @len bytes
 *
 * Copies @len bytes of @text to @out with 'A' to 'Z' lowered (as
 * g_ascii_strdown (), every other byte as it is, NUL too), 16 bytes at a
 * time where SSE2 is. @out and @text do not overlap.
 */
void
bd_text_ascii_down_copy (char       *out,
                         const char *text,
                         gsize       len)
{
  gsize i = 0;

#ifdef __SSE2__
  for (; len - i >= 16; i += 16)
    _mm_storeu_si128 ((__m128i *)(gpointer)(out + i),
                      lower_block (_mm_loadu_si128 ((const __m128i *)(gconstpointer)(text + i))));
  /* the last bytes: the 16 that end the text, some lowered again */
  if (i < len && len >= 16)
    {
      _mm_storeu_si128 ((__m128i *)(gpointer)(out + len - 16),
                        lower_block (_mm_loadu_si128 ((const __m128i *)(gconstpointer)(text + len - 16))));
      return;
    }
#endif
  for (; i < len; i++)
    out[i] = bd_text_ascii_lower (text[i]);
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

      if (c == '\0' || ((guchar)c >= 0x80 && (memchr (text + i, '\0', n - i) != NULL || !is_ascii_lowered_alone ())))
        return g_utf8_strdown (text, len);
      if ((guchar)c >= 0x80)
        return strdown_mixed (text, n, i, out);
      out[i] = bd_text_ascii_lower (c);
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

#ifdef __SSE2__
/* The places among the 16 from @p where a needle of @n bytes (two or
 * more) may start: its first and last bytes (@first, @last) both there,
 * the text's bytes with the bits of @fold set (0x20 for a search that
 * ignores case: both cases of a letter then match, and a few other
 * bytes, a pre-test only). Bytes are read from @p to @p + @n + 14. */
G_ALWAYS_INLINE static inline __m128i
pair_places (const char    *p,
             gsize          n,
             const __m128i  first,
             const __m128i  last,
             const __m128i  fold)
{
  __m128i head = _mm_or_si128 (_mm_loadu_si128 ((const __m128i *)(gconstpointer)p), fold);
  __m128i tail = _mm_or_si128 (_mm_loadu_si128 ((const __m128i *)(gconstpointer)(p + n - 1)), fold);

  return _mm_and_si128 (_mm_cmpeq_epi8 (head, first), _mm_cmpeq_epi8 (tail, last));
}

/* Whether the 16 bytes at @a and at @b are the same, ASCII case aside. */
static inline gboolean
same_block_ci (const char *a,
               const char *b)
{
  __m128i x = lower_block (_mm_loadu_si128 ((const __m128i *)(gconstpointer)a));
  __m128i y = lower_block (_mm_loadu_si128 ((const __m128i *)(gconstpointer)b));

  return _mm_movemask_epi8 (_mm_cmpeq_epi8 (x, y)) == 0xffff;
}

/* equal_ci() of @n bytes, 16 or more, that @a and @b both have (a place
 * in a text and a needle): 16 compared at a time, the last 16 overlapping
 * those before. A marker found is compared in full, and byte by byte that
 * cost the searches more than finding it. */
static inline gboolean
equal_ci_blocks (const char *a,
                 const char *b,
                 gsize       n)
{
  for (gsize i = 0; i + 16 < n; i += 16)
    if (!same_block_ci (a + i, b + i))
      return FALSE;
  return same_block_ci (a + n - 16, b + n - 16);
}

G_ALWAYS_INLINE static inline gboolean
needle_is_at (const char *at,
              const char *needle,
              gsize       n,
              gboolean    ignore_case)
{
  if (!ignore_case)
    return memcmp (at, needle, n) == 0;
  return n >= 16 ? equal_ci_blocks (at, needle, n) : bd_text_equal_ci (at, needle, n);
}

/* The first of the places set in @mask (bit i: @base + i, its first and
 * last bytes matching) where @needle is, or NULL: what find_by_pairs ()
 * and its AVX2 twin do with each block's candidates. */
G_ALWAYS_INLINE static inline const char *
needle_in_mask (const char *base,
                guint64     mask,
                const char *needle,
                gsize       n,
                gboolean    ignore_case)
{
  for (; mask != 0; mask &= mask - 1)
    {
      const char *at = base + __builtin_ctzll (mask);

      if (needle_is_at (at, needle, n, ignore_case))
        return at;
    }
  return NULL;
}

/* The first place in [@p, @end) where @needle (@n bytes, two or more)
 * starts, looked for 64 places a time, then 16, while the needle's last
 * bytes for all of them are before @end + @n - 1 (the text's end); @p is
 * set to where the search stopped, for the caller to go on byte by byte.
 * The scanners look for their markers in whole bodies: looking for the
 * first byte alone stopped at every 't' or '-' (most markers start with
 * those), and glibc's strstr () tests pairs of first bytes, common in
 * prose; a marker's first and last bytes together are rare. Inlined with
 * @ignore_case constant. */
G_ALWAYS_INLINE static inline const char *
find_by_pairs (const char **p,
               const char  *end,
               const char  *needle,
               gsize        n,
               gboolean     ignore_case)
{
  const __m128i fold = _mm_set1_epi8 (ignore_case ? 0x20 : 0);
  const __m128i first = _mm_set1_epi8 ((char)(needle[0] | (ignore_case ? 0x20 : 0)));
  const __m128i last = _mm_set1_epi8 ((char)(needle[n - 1] | (ignore_case ? 0x20 : 0)));
  const char *found;

  for (; end - *p >= 64; *p += 64)
    {
      __m128i a = pair_places (*p, n, first, last, fold);
      __m128i b = pair_places (*p + 16, n, first, last, fold);
      __m128i c = pair_places (*p + 32, n, first, last, fold);
      __m128i d = pair_places (*p + 48, n, first, last, fold);
      guint64 mask;

      /* mostly none of the 64: one test for them all */
      if (_mm_movemask_epi8 (_mm_or_si128 (_mm_or_si128 (a, b), _mm_or_si128 (c, d))) == 0)
        continue;
      mask = (guint64)(unsigned)_mm_movemask_epi8 (a) | (guint64)(unsigned)_mm_movemask_epi8 (b) << 16
             | (guint64)(unsigned)_mm_movemask_epi8 (c) << 32 | (guint64)(unsigned)_mm_movemask_epi8 (d) << 48;
      if ((found = needle_in_mask (*p, mask, needle, n, ignore_case)) != NULL)
        return found;
    }
  for (; end - *p >= 16; *p += 16)
    {
      unsigned mask = (unsigned)_mm_movemask_epi8 (pair_places (*p, n, first, last, fold));

      if (mask != 0 && (found = needle_in_mask (*p, mask, needle, n, ignore_case)) != NULL)
        return found;
    }
  return NULL;
}
#endif

#ifdef BD_CPU_AVX2_PATHS
/* find_by_pairs() 64 places a step where the CPU has AVX2: two 32-byte
 * blocks where SSE2 takes four, for half the steps a byte of body; the
 * SSE2 loops go on from where this stops (fewer than 64 places left). */
G_ALWAYS_INLINE __attribute__ ((target ("avx2"))) static inline const char *
find_by_pairs_avx2 (const char **p,
                    const char  *end,
                    const char  *needle,
                    gsize        n,
                    gboolean     ignore_case)
{
  const __m256i fold = _mm256_set1_epi8 (ignore_case ? 0x20 : 0);
  const __m256i first = _mm256_set1_epi8 ((char)(needle[0] | (ignore_case ? 0x20 : 0)));
  const __m256i last = _mm256_set1_epi8 ((char)(needle[n - 1] | (ignore_case ? 0x20 : 0)));
  const char *found;

  for (; end - *p >= 64; *p += 64)
    {
      __m256i head0 = _mm256_or_si256 (_mm256_loadu_si256 ((const __m256i *)(gconstpointer)*p), fold);
      __m256i tail0 = _mm256_or_si256 (_mm256_loadu_si256 ((const __m256i *)(gconstpointer)(*p + n - 1)), fold);
      __m256i head1 = _mm256_or_si256 (_mm256_loadu_si256 ((const __m256i *)(gconstpointer)(*p + 32)), fold);
      __m256i tail1 = _mm256_or_si256 (_mm256_loadu_si256 ((const __m256i *)(gconstpointer)(*p + 32 + n - 1)), fold);
      __m256i a = _mm256_and_si256 (_mm256_cmpeq_epi8 (head0, first), _mm256_cmpeq_epi8 (tail0, last));
      __m256i b = _mm256_and_si256 (_mm256_cmpeq_epi8 (head1, first), _mm256_cmpeq_epi8 (tail1, last));
      guint64 mask;

      if (_mm256_testz_si256 (_mm256_or_si256 (a, b), _mm256_or_si256 (a, b)))
        continue;
      mask = (guint64)(guint32)_mm256_movemask_epi8 (a) | (guint64)(guint32)_mm256_movemask_epi8 (b) << 32;
      if ((found = needle_in_mask (*p, mask, needle, n, ignore_case)) != NULL)
        return found;
    }
  return NULL;
}

__attribute__ ((target ("avx2"))) static const char *
find_pairs_avx2 (const char **p,
                 const char  *end,
                 const char  *needle,
                 gsize        n)
{
  return find_by_pairs_avx2 (p, end, needle, n, FALSE);
}

__attribute__ ((target ("avx2"))) static const char *
find_pairs_ci_avx2 (const char **p,
                    const char  *end,
                    const char  *needle,
                    gsize        n)
{
  return find_by_pairs_avx2 (p, end, needle, n, TRUE);
}
#endif

/* find_by_pairs(), on AVX2 first where the CPU has it and the text is
 * long enough. */
G_ALWAYS_INLINE static inline const char *
find_by_pairs_any (const char **p,
                   const char  *end,
                   const char  *needle,
                   gsize        n,
                   gboolean     ignore_case)
{
#ifdef BD_CPU_AVX2_PATHS
  if (end - *p >= 64 && bd_cpu_has_avx2 ())
    {
      const char *found = ignore_case ? find_pairs_ci_avx2 (p, end, needle, n) : find_pairs_avx2 (p, end, needle, n);

      if (found != NULL)
        return found;
    }
#endif
  return find_by_pairs (p, end, needle, n, ignore_case);
}

/**
 * bd_text_find:
 * @text: the text, which may hold NUL bytes and need not end in one
 * @needle_len: strlen (@needle)
 *
 * memmem(): where @needle first is in [@text, @text + @len), case
 * counting, looked for as find_by_pairs() does (the scanners' body
 * searches, where glibc's strstr () took more steps a byte).
 *
 * Returns: (nullable): the first place, or %NULL.
 */
const char *
bd_text_find (const char *text,
              gsize       len,
              const char *needle,
              gsize       needle_len)
{
  const char *p = text, *end;

  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (needle != NULL, NULL);

  if (needle_len == 0)
    return text;
  if (needle_len > len)
    return NULL;
  end = text + len - (needle_len - 1);   /* past the last place it may start */
#ifdef __SSE2__
  if (needle_len >= 2)
    {
      const char *found = find_by_pairs_any (&p, end, needle, needle_len, FALSE);

      if (found != NULL)
        return found;
    }
#endif
  for (; p < end; p++)
    if (*p == needle[0] && memcmp (p + 1, needle + 1, needle_len - 1) == 0)
      return p;
  return NULL;
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
  char lower = bd_text_ascii_lower (needle[0]);
  char upper = lower >= 'a' && lower <= 'z' ? lower - 'a' + 'A' : lower;
  const char *end = text + len - (n - 1);
  const char *p = text;

#ifdef __SSE2__
  if (n >= 2)
    {
      const char *found = find_by_pairs_any (&p, end, needle, n, TRUE);

      if (found != NULL)
        return found;
    }
#endif
  for (; (p = find_either (p, end, lower, upper)) != end; p++)
    {
      if ((n == 1 || (p[1] | 0x20) == (needle[1] | 0x20))
          && bd_text_equal_ci (p + 1, needle + 1, n - 1))
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

/**
 * bd_text_find_ci_len:
 * @needle_len: strlen (@needle)
 *
 * bd_text_find_ci() for a caller that asks many texts (the lines of a
 * body) for the same needle, measured once.
 */
const char *
bd_text_find_ci_len (const char *text,
                     gsize       len,
                     const char *needle,
                     gsize       needle_len)
{
  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (needle != NULL, NULL);

  if (needle_len == 0)
    return text;
  if (needle_len > len)
    return NULL;
  return find_ci (text, len, needle, needle_len);
}

/* Whether @needle (@n bytes) starts at @p, within [@p, @end). Its first
 * byte is compared inline: most places tested are not it. */
static inline gboolean
needle_at (const char *p,
           const char *end,
           const char *needle,
           gsize       n,
           gboolean    ignore_case)
{
  if ((gsize)(end - p) < n)
    return FALSE;
  if (ignore_case)
    return (*p | 0x20) == (*needle | 0x20) && bd_text_equal_ci (p, needle, n);   /* a pre-test only */
  return *p == *needle && memcmp (p, needle, n) == 0;
}

/* The index of the first of @needles that starts at @p, or -1. */
static gint
needle_starting_at (const char        *p,
                    const char        *end,
                    const char *const *needles,
                    const gsize       *lengths,
                    guint              n_needles,
                    gboolean           ignore_case)
{
  for (guint i = 0; i < n_needles; i++)
    if (needle_at (p, end, needles[i], lengths[i], ignore_case))
      return (gint)i;
  return -1;
}

enum { MAX_NEEDLES = 9 };

#ifdef __SSE2__
/* How a block is folded before its bytes are compared with the needles'
 * first two: not at all (case kept), by setting bit 5 of every byte
 * (enough when those bytes are all letters: a byte then becomes one of
 * them only if it is that letter in either case), or by lowering the
 * capitals only (lower_block(), for needles with other bytes). */
typedef enum
{
  FOLD_NONE,
  FOLD_LETTERS,
  FOLD_LOWER,
} BlockFold;

/* What a block test needs of the needles (and, to check the candidates,
 * the needles and their lengths): each distinct pair of first two bytes
 * (in lower case when the case is ignored) in every lane, with all ones
 * where the needle has a single byte, whose second byte is then
 * anything. Needles that start alike share a pair ("bluebottle" and
 * "blk"): a pair costs five steps a block. */
typedef struct
{
  __m128i first[MAX_NEEDLES];
  __m128i second[MAX_NEEDLES];
  __m128i any_second[MAX_NEEDLES];
  guint n_pairs;
  BlockFold fold;
  gboolean singles;   /* a needle of one byte, whose lane is any second byte */
  const char *const *needles;
  const gsize *lengths;
  guint n_needles;
} NeedleLanes;

/* A bit for each of the 16 places from @p where some needle's first two
 * bytes are (reads 17 bytes). Inlined with @n_pairs and @fold constant
 * (see scan()), the loop unrolls and the needles' bytes stay in
 * registers. */
G_ALWAYS_INLINE static inline unsigned
candidates_in_block (const NeedleLanes *lanes,
                     const char        *p,
                     guint              n_pairs,
                     BlockFold          fold,
                     gboolean           singles)
{
  __m128i block0 = _mm_loadu_si128 ((const __m128i *)(gconstpointer)p);
  __m128i block1 = _mm_loadu_si128 ((const __m128i *)(gconstpointer)(p + 1));
  __m128i hits = _mm_setzero_si128 ();

  if (fold == FOLD_LETTERS)
    {
      block0 = _mm_or_si128 (block0, _mm_set1_epi8 (0x20));
      block1 = _mm_or_si128 (block1, _mm_set1_epi8 (0x20));
    }
  else if (fold == FOLD_LOWER)
    {
      block0 = lower_block (block0);
      block1 = lower_block (block1);
    }
#pragma GCC unroll 9
  for (guint i = 0; i < n_pairs; i++)
    {
      __m128i seconds = _mm_cmpeq_epi8 (block1, lanes->second[i]);

      if (singles)
        seconds = _mm_or_si128 (seconds, lanes->any_second[i]);

      hits = _mm_or_si128 (hits, _mm_and_si128 (_mm_cmpeq_epi8 (block0, lanes->first[i]), seconds));
    }
  return (unsigned)_mm_movemask_epi8 (hits);
}

/* The needle starting first among the places of @mask (bits from @p),
 * with its index in *@found, or %NULL. */
G_ALWAYS_INLINE static inline const char *
check_candidates (const NeedleLanes *lanes,
                  const char        *p,
                  const char        *end,
                  unsigned           mask,
                  gboolean           ignore_case,
                  gint              *found)
{
  /* the candidates, leftmost first, checked in the text itself */
  for (; mask != 0; mask &= mask - 1)
    {
      const char *at = p + __builtin_ctz (mask);

      *found = needle_starting_at (at, end, lanes->needles, lanes->lengths, lanes->n_needles, ignore_case);
      if (*found >= 0)
        return at;
    }
  return NULL;
}

/* The first place in [@p, @end) where a needle starts, with its index in
 * *@found, or %NULL. Inlined with @n_pairs, @fold and @singles constant
 * (see scan()), the block test unrolls and keeps the needles' bytes in
 * registers. Two blocks a step while 33 bytes can be read, their masks
 * tested together: most blocks have no candidate. */
G_ALWAYS_INLINE static inline const char *
scan_blocks (const NeedleLanes *lanes,
             const char        *p,
             const char        *end,
             guint              n_pairs,
             BlockFold          fold,
             gboolean           singles,
             gboolean           ignore_case,
             gint              *found)
{
  /* the last bytes, copied where 17 can be read, padded with NULs that
   * start no needle */
  char tail[32] = { 0 };
  const char *at;

  for (; end - p >= 33; p += 32)
    {
      unsigned mask = candidates_in_block (lanes, p, n_pairs, fold, singles)
                      | candidates_in_block (lanes, p + 16, n_pairs, fold, singles) << 16;

      if (mask != 0 && (at = check_candidates (lanes, p, end, mask, ignore_case, found)) != NULL)
        return at;
    }
  for (; p < end; p += 16)
    {
      const char *block = p;

      if (end - p < 17)
        {
          memcpy (tail, p, end - p);
          block = tail;
        }
      at = check_candidates (lanes, p, end, candidates_in_block (lanes, block, n_pairs, fold, singles),
                             ignore_case, found);
      if (at != NULL)
        return at;
    }
  return NULL;
}

/* scan_blocks() made for our caller's set: the challenge services' four
 * names, case ignored, three pairs of letters and no needle of one byte
 * (whose lanes take any second byte: a step saved for each pair). */
static const char *
scan (const NeedleLanes *lanes,
      const char        *p,
      const char        *end,
      gboolean           ignore_case,
      gint              *found)
{
  if (lanes->n_pairs == 3 && lanes->fold == FOLD_LETTERS && !lanes->singles)
    return scan_blocks (lanes, p, end, 3, FOLD_LETTERS, FALSE, ignore_case, found);
  return scan_blocks (lanes, p, end, lanes->n_pairs, lanes->fold, TRUE, ignore_case, found);
}
#endif

/* A set of needles made ready for bd_text_needles_find(). */
struct _BdTextNeedles
{
#ifdef __SSE2__
  NeedleLanes lanes;
#endif
  const char *needles[MAX_NEEDLES];
  gsize       lengths[MAX_NEEDLES];
  guint       n_needles;
  gboolean    ignore_case;
};

#ifdef __SSE2__
/* Adds the lane of a needle's first two bytes (@c1 NUL for a needle of
 * one byte) unless a needle before it has the same (then its lane is the
 * same: only a needle of one byte has a NUL second). */
static void
add_pair (NeedleLanes *lanes,
          char         c0,
          char         c1)
{
  __m128i first = _mm_set1_epi8 (c0);
  __m128i second = _mm_set1_epi8 (c1);
  __m128i any_second = c1 == '\0' ? _mm_set1_epi8 (-1) : _mm_setzero_si128 ();

  for (guint i = 0; i < lanes->n_pairs; i++)
    if (memcmp (&lanes->first[i], &first, sizeof first) == 0
        && memcmp (&lanes->second[i], &second, sizeof second) == 0)
      return;
  lanes->first[lanes->n_pairs] = first;
  lanes->second[lanes->n_pairs] = second;
  lanes->any_second[lanes->n_pairs] = any_second;
  lanes->n_pairs++;
}

static void
lanes_init (NeedleLanes       *lanes,
            const char *const *needles,
            const gsize       *lengths,
            guint              n_needles,
            gboolean           ignore_case)
{
  gboolean letters = TRUE;

  lanes->needles = needles;
  lanes->lengths = lengths;
  lanes->n_needles = n_needles;
  lanes->n_pairs = 0;
  lanes->singles = FALSE;
  for (guint i = 0; i < n_needles; i++)
    {
      char c0 = needles[i][0], c1 = needles[i][1];   /* c1 is the NUL of a one-byte needle */

      letters = letters && g_ascii_isalpha (c0) && (c1 == '\0' || g_ascii_isalpha (c1));
      lanes->singles = lanes->singles || c1 == '\0';
      if (ignore_case)
        {
          c0 = bd_text_ascii_lower (c0);
          c1 = bd_text_ascii_lower (c1);
        }
      add_pair (lanes, c0, c1);
    }
  lanes->fold = !ignore_case ? FOLD_NONE : letters ? FOLD_LETTERS : FOLD_LOWER;
}
#endif

static void
needles_init (BdTextNeedles     *set,
              const char *const *needles,
              guint              n_needles,
              gboolean           ignore_case)
{
  set->n_needles = n_needles;
  set->ignore_case = ignore_case;
  for (guint i = 0; i < n_needles; i++)
    {
      set->needles[i] = needles[i];
      set->lengths[i] = strlen (needles[i]);
    }
#ifdef __SSE2__
  lanes_init (&set->lanes, set->needles, set->lengths, n_needles, ignore_case);
#endif
}

static gboolean
needles_valid (const char *const *needles,
               guint              n_needles)
{
  if (needles == NULL || n_needles > MAX_NEEDLES)
    return FALSE;
  for (guint i = 0; i < n_needles; i++)
    if (needles[i] == NULL || needles[i][0] == '\0')
      return FALSE;
  return TRUE;
}

/**
 * bd_text_needles_new:
 * @needles: (array length=n_needles): what to search for, none empty; the
 *   strings must outlive the set
 * @n_needles: how many, at most 8
 * @ignore_case: whether to compare in ASCII case-insensitively
 *
 * Makes @needles ready for bd_text_needles_find(), once for a caller that
 * searches for the same ones again and again.
 *
 * Returns: (transfer full): the set, for bd_text_needles_free()
 */
BdTextNeedles *
bd_text_needles_new (const char *const *needles,
                     guint              n_needles,
                     gboolean           ignore_case)
{
  BdTextNeedles *set;

  g_return_val_if_fail (needles_valid (needles, n_needles), NULL);

  set = g_aligned_alloc0 (1, sizeof *set, 16);   /* its vectors are 16-byte aligned */
  needles_init (set, needles, n_needles, ignore_case);
  return set;
}

void
bd_text_needles_free (BdTextNeedles *set)
{
  g_aligned_free (set);
}

/**
 * bd_text_needles_find:
 * @set: the needles
 * @text: where to search
 * @len: the bytes of @text to search (it need not end in a NUL)
 * @which: (out) (optional): the index of the needle found
 *
 * One pass for what took one search per needle: the leftmost place in
 * @text where any of the needles starts (where two start at the same
 * place, the one first in the set). Where SSE2 is, 16 places are tested
 * at once on each needle's first two bytes, and only the places that pass
 * are compared in full.
 *
 * Returns: (nullable): where the needle starts, or %NULL.
 */
const char *
bd_text_needles_find (const BdTextNeedles *set,
                      const char          *text,
                      gsize                len,
                      guint               *which)
{
  const char *p = text, *end = text + len;
  gint found = -1;

  g_return_val_if_fail (set != NULL, NULL);
  g_return_val_if_fail (text != NULL || len == 0, NULL);

#ifdef __SSE2__
  p = scan (&set->lanes, p, end, set->ignore_case, &found);
#else
  for (; p < end; p++)
    if ((found = needle_starting_at (p, end, set->needles, set->lengths, set->n_needles,
                                     set->ignore_case)) >= 0)
      break;   /* p is where it was found */
#endif
  if (found < 0)
    return NULL;
  if (which != NULL)
    *which = (guint)found;
  return p;
}

/**
 * bd_text_find_first_of_needles:
 * @text: where to search
 * @len: the bytes of @text to search (it need not end in a NUL)
 * @needles: (array length=n_needles): what to search for, none empty
 * @n_needles: how many, at most 8
 * @ignore_case: whether to compare in ASCII case-insensitively
 * @which: (out) (optional): the index of the needle found
 *
 * bd_text_needles_find() for a single search: the needles are made ready
 * on the stack.
 *
 * Returns: (nullable): where the first needle starts, or %NULL.
 */
const char *
bd_text_find_first_of_needles (const char        *text,
                               gsize              len,
                               const char *const *needles,
                               guint              n_needles,
                               gboolean           ignore_case,
                               guint             *which)
{
  BdTextNeedles set;

  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (needles_valid (needles, n_needles), NULL);

  needles_init (&set, needles, n_needles, ignore_case);
  return bd_text_needles_find (&set, text, len, which);
}

gboolean
bd_text_has_prefix_ci (const char *text,
                       const char *prefix)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (prefix != NULL, FALSE);

  return bd_text_equal_ci (text, prefix, strlen (prefix));
}

gboolean
bd_text_contains_any (const char        *text,
                      const char *const *needles)
{
  gsize len;

  g_return_val_if_fail (needles != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  /* the text measured once, not once a needle (it may be a whole body) */
  len = strlen (text);
  for (guint i = 0; needles[i] != NULL; i++)
    {
      if (bd_text_find_ci (text, len, needles[i]) != NULL)
        return TRUE;
    }
  return FALSE;
}
