/* bd-mime-text.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text of a MIME part: transfer encoding undone and converted to UTF-8
 * with LF line ends. Charset conversion happens once per part, here, so
 * that the scanners and the classifier only ever see UTF-8.
 */
#define G_LOG_DOMAIN "bd-mime-text"
#define _GNU_SOURCE   /* memmem */

#include "config.h"

#include <string.h>

#include <gmime/gmime.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "bd-cpu.h"
#include "bd-mime-charset.h"
#include "bd-mime-charset-table.h"
#include "bd-mime-text.h"
#include "bd-mime-walk.h"

/* The charset names are compared inline (bd-mime-walk.h): GLib's
 * case-blind compares call a function for every byte, and nearly every
 * part names its charset. */
static gboolean
is_utf8_name (const char *charset)
{
  /* the four start with a U or an A; most names do not (ISO-8859-1,
   * the most common of the others), and go no further; nor is a name
   * compared with those of the four that its second letter rules out
   * (US-ASCII, the most common, was compared with both UTF-8s first) */
  switch (bd_text_ascii_lower (charset[0]))
    {
    case 'u':
      if (bd_text_ascii_lower (charset[1]) == 't')
        return bd_mime_walk_equal_ci (charset + 2, "f-8") || bd_mime_walk_equal_ci (charset + 2, "f8");
      return bd_mime_walk_equal_ci (charset + 1, "s-ascii");
    case 'a':
      return bd_mime_walk_equal_ci (charset + 1, "scii");
    default:
      return FALSE;
    }
}

/* Charsets in which the bytes 0x01-0x7f are ASCII: 7-bit text in them needs
 * no conversion (unlike ISO-2022-JP or UTF-7, left out). */
static gboolean
is_ascii_superset (const char *charset)
{
  return bd_mime_walk_has_prefix_ci (charset, "iso-8859-", 9)
      || bd_mime_walk_has_prefix_ci (charset, "windows-125", 11)
      || bd_mime_walk_has_prefix_ci (charset, "cp125", 5)
      || bd_mime_walk_has_prefix_ci (charset, "koi8-", 5);
}

/* ISO-2022-JP (RFC 1468) text starts in ASCII and leaves it only at an
 * escape sequence: glibc's converter (iconvdata/iso-2022-jp.c) copies each
 * byte below 0x80 but ESC as it is while in ASCII. Japanese bounces are
 * mostly ASCII: half of those in the corpus hold no escape at all. */
#define ESC '\x1b'

static gboolean
is_iso2022jp (const char *charset)
{
  return bd_mime_walk_equal_ci (charset, "iso-2022-jp");
}

/**
 * bd_mime_text_is_seven_bit:
 *
 * Returns: whether no byte of @text is above 0x7f. Tested 32 bytes at a
 * time, as nearly every bounce is plain ASCII.
 */
gboolean
bd_mime_text_is_seven_bit (const char *text,
                           gsize       len)
{
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  gsize i = 0;

  /* 32 bytes a step, their high bits gathered before one test */
  for (; i + 32 <= len; i += 32)
    {
      guint64 w[4];

      memcpy (w, text + i, 32);
      if (((w[0] | w[1] | w[2] | w[3]) & high) != 0)
        return FALSE;
    }
  for (; i + 8 <= len; i += 8)
    {
      guint64 w;

      memcpy (&w, text + i, 8);
      if ((w & high) != 0)
        return FALSE;
    }
  /* the last bytes: in the 8 that end the text, read again, when there
   * are 8 (most header values are short, and went byte by byte) */
  if (i < len && len >= 8)
    {
      guint64 w;

      memcpy (&w, text + len - 8, 8);
      return (w & high) == 0;
    }
  for (; i < len; i++)
    if ((guchar)text[i] >= 0x80)
      return FALSE;
  return TRUE;
}

#ifdef __SSE2__
/* Whether the 32 bytes at @p are all plain ASCII (0x01-0x7f). */
static inline gboolean
are_plain (const char *p)
{
  __m128i a = _mm_loadu_si128 ((const __m128i *)(gconstpointer)p);
  __m128i b = _mm_loadu_si128 ((const __m128i *)(gconstpointer)(p + 16));
  /* a NUL in either block is a NUL in their bytewise minimum */
  __m128i nul = _mm_cmpeq_epi8 (_mm_min_epu8 (a, b), _mm_setzero_si128 ());

  return _mm_movemask_epi8 (_mm_or_si128 (_mm_or_si128 (a, b), nul)) == 0;
}

/* Where the first byte that is not plain ASCII is in the 32 bytes at @p,
 * which hold one. */
static inline gsize
first_not_plain_at (const char *p)
{
  __m128i a = _mm_loadu_si128 ((const __m128i *)(gconstpointer)p);
  __m128i b = _mm_loadu_si128 ((const __m128i *)(gconstpointer)(p + 16));
  __m128i zero = _mm_setzero_si128 ();
  guint32 low = (guint32)_mm_movemask_epi8 (_mm_or_si128 (a, _mm_cmpeq_epi8 (a, zero)));
  guint32 high = (guint32)_mm_movemask_epi8 (_mm_or_si128 (b, _mm_cmpeq_epi8 (b, zero)));

  return __builtin_ctz (low | high << 16);
}
#endif

#ifdef BD_CPU_AVX2_PATHS

/* The 128 bytes at @p loaded into @v; whether all are plain ASCII
 * (0x01-0x7f): one test for the four 32-byte blocks, a NUL in any of
 * them being a NUL in their bytewise minimum. */
G_ALWAYS_INLINE __attribute__ ((target ("avx2"))) static inline gboolean
load_plain_128_avx2 (const char *p,
                     __m256i     v[4])
{
  __m256i min, high;

#pragma GCC unroll 4
  for (guint k = 0; k < 4; k++)
    v[k] = _mm256_loadu_si256 ((const __m256i *)(gconstpointer)(p + 32 * k));
  min = _mm256_min_epu8 (_mm256_min_epu8 (v[0], v[1]), _mm256_min_epu8 (v[2], v[3]));
  high = _mm256_or_si256 (_mm256_or_si256 (v[0], v[1]), _mm256_or_si256 (v[2], v[3]));
  return _mm256_movemask_epi8 (_mm256_or_si256 (high, _mm256_cmpeq_epi8 (min, _mm256_setzero_si256 ()))) == 0;
}

/* How many bytes at the start of @text (@len bytes) are in 128-byte
 * blocks of plain ASCII, 128 a step, where the CPU has AVX2: most of a
 * text is, and 64 a step with SSE2 cost twice the instructions. */
__attribute__ ((target ("avx2")))
static gsize
plain_blocks_avx2 (const char *text,
                   gsize       len)
{
  gsize i = 0;
  __m256i v[4];

  for (; len - i >= 128 && load_plain_128_avx2 (text + i, v); i += 128)
    ;
  return i;
}
#endif

/* How far @text is plain ASCII (bytes 0x01-0x7f, valid UTF-8 as they
 * stand): the offset of the first byte that is not, @len when none is.
 * One pass for the high bit and NUL, 64 then 32 bytes a step. */
static gsize
plain_ascii_prefix (const char *text,
                    gsize       len)
{
  gsize i = 0;

#ifdef BD_CPU_AVX2_PATHS
  if (len >= 128 && bd_cpu_has_avx2 ())
    i = plain_blocks_avx2 (text, len);
#endif
#ifdef __SSE2__
  /* 64 bytes a step while none is outside (a text is mostly all plain),
   * then the 32 that hold the first that is */
  for (; len - i >= 64; i += 64)
    {
      __m128i a = _mm_loadu_si128 ((const __m128i *)(gconstpointer)(text + i));
      __m128i b = _mm_loadu_si128 ((const __m128i *)(gconstpointer)(text + i + 16));
      __m128i c = _mm_loadu_si128 ((const __m128i *)(gconstpointer)(text + i + 32));
      __m128i d = _mm_loadu_si128 ((const __m128i *)(gconstpointer)(text + i + 48));
      /* a NUL in any block is a NUL in their bytewise minimum */
      __m128i min = _mm_min_epu8 (_mm_min_epu8 (a, b), _mm_min_epu8 (c, d));
      __m128i high = _mm_or_si128 (_mm_or_si128 (a, b), _mm_or_si128 (c, d));

      if (_mm_movemask_epi8 (_mm_or_si128 (high, _mm_cmpeq_epi8 (min, _mm_setzero_si128 ()))) != 0)
        break;
    }
  for (; len - i >= 32; i += 32)
    if (!are_plain (text + i))
      return i + first_not_plain_at (text + i);
  /* the last bytes: in the 32 that end the text, read again (the bytes
   * before @i in them are plain), not one at a time */
  if (i < len && len >= 32)
    return are_plain (text + len - 32) ? len : len - 32 + first_not_plain_at (text + len - 32);
#endif
  for (; i < len; i++)
    if ((guchar)text[i] >= 0x80 || text[i] == '\0')
      return i;
  return len;
}

#ifdef BD_CPU_AVX2_PATHS
/* copy_looking ()'s main loop where the CPU has AVX2: 128 bytes of
 * @text copied to @out a step while they are plain ASCII, whether any
 * is a CR gathered in @cr_seen. Returns how many bytes were copied and
 * found plain; the block after them is copied too, but not looked at. */
__attribute__ ((target ("avx2")))
static gsize
copy_plain_blocks_avx2 (char       *out,
                        const char *text,
                        gsize       len,
                        gboolean   *cr_seen)
{
  const __m256i cr = _mm256_set1_epi8 ('\r');
  __m256i crs = _mm256_setzero_si256 ();
  gsize i = 0;

  for (; len - i >= 128; i += 128)
    {
      __m256i v[4];
      gboolean plain = load_plain_128_avx2 (text + i, v);

#pragma GCC unroll 4
      for (guint k = 0; k < 4; k++)
        _mm256_storeu_si256 ((__m256i *)(gpointer)(out + i + 32 * k), v[k]);
      if (!plain)
        break;
#pragma GCC unroll 4
      for (guint k = 0; k < 4; k++)
        crs = _mm256_or_si256 (crs, _mm256_cmpeq_epi8 (v[k], cr));
    }
  *cr_seen = _mm256_movemask_epi8 (crs) != 0;
  return i;
}
#endif

#ifdef __SSE2__
/* One step of copy_looking (): the 16 bytes at @text copied to @out,
 * those that are CR added to @crs; returns the bits of those that are not
 * plain ASCII (above 0x7f or NUL). */
static inline unsigned
copy_block_looking (char       *out,
                    const char *text,
                    __m128i    *crs)
{
  __m128i block = _mm_loadu_si128 ((const __m128i *)(gconstpointer)text);

  _mm_storeu_si128 ((__m128i *)(gpointer)out, block);
  *crs = _mm_or_si128 (*crs, _mm_cmpeq_epi8 (block, _mm_set1_epi8 ('\r')));
  return (unsigned)_mm_movemask_epi8 (_mm_or_si128 (block, _mm_cmpeq_epi8 (block, _mm_setzero_si128 ())));
}

/* copy_looking () of @len >= 16 bytes into @out: the blocks up to the
 * last, then the last 16 read again (those before it in them were
 * plain); from a block that is not plain on, a copy and a search for a
 * CR as before. */
static void
copy_looking_blocks (char       *out,
                     const char *text,
                     gsize       len,
                     gsize      *ascii,
                     gboolean   *no_cr)
{
  __m128i crs = _mm_setzero_si128 ();
  unsigned stops = 0;
  gsize i = 0;

#ifdef BD_CPU_AVX2_PATHS
  if (len > 128 && bd_cpu_has_avx2 ())
    {
      gboolean cr_seen;

      i = copy_plain_blocks_avx2 (out, text, len - 16, &cr_seen);
      if (cr_seen)
        crs = _mm_set1_epi8 (-1);
    }
#endif
  for (; len - i > 16 && stops == 0; i += 16)
    stops = copy_block_looking (out + i, text + i, &crs);
  if (stops == 0)
    {
      stops = copy_block_looking (out + len - 16, text + len - 16, &crs);
      *ascii = stops == 0 ? len : len - 16 + __builtin_ctz (stops);
      *no_cr = _mm_movemask_epi8 (crs) == 0;
      return;
    }
  i -= 16;   /* the block that stopped the loop */
  *ascii = i + __builtin_ctz (stops);
  *no_cr = _mm_movemask_epi8 (crs) == 0 && memchr (text + i, '\r', len - i) == NULL;
  memcpy (out + i, text + i, len - i);
}
#endif

/* A copy of @text (@len bytes, NUL after them), looked at on the way:
 * @ascii is set to plain_ascii_prefix (@text, @len), and @no_cr to
 * whether no byte is a CR. One pass, 16 bytes a step (128 with AVX2),
 * where a copy, the look for plain ASCII and the newline normaliser's
 * search for a CR were three, each a call: a part's text is mostly
 * short, plain ASCII without CR. */
static char *
copy_looking (const char *text,
              gsize       len,
              gsize      *ascii,
              gboolean   *no_cr)
{
  char *out = g_malloc (len + 1);

  out[len] = '\0';
#ifdef __SSE2__
  if (len >= 16)
    {
      copy_looking_blocks (out, text, len, ascii, no_cr);
      return out;
    }
#endif
  memcpy (out, text, len);
  *ascii = plain_ascii_prefix (text, len);
  *no_cr = memchr (text, '\r', len) == NULL;
  return out;
}

/* plain_ascii_prefix () for a run that is mostly short: the space or the
 * few letters between two characters of a text in Polish or Russian. The
 * first 16 bytes are looked at inline, the call made only for a longer
 * run (or fewer than 16 bytes): a call for each run cost more than the
 * characters around it. */
static inline gsize
plain_run (const char *text,
           gsize       len)
{
#ifdef __SSE2__
  if (len >= 16)
    {
      __m128i block = _mm_loadu_si128 ((const __m128i *)(gconstpointer)text);
      unsigned stops = (unsigned)_mm_movemask_epi8 (_mm_or_si128 (block, _mm_cmpeq_epi8 (block, _mm_setzero_si128 ())));

      if (stops != 0)
        return __builtin_ctz (stops);
    }
#endif
  return plain_ascii_prefix (text, len);
}

/* Whether every byte is 0x01-0x7f. */
static gboolean
is_plain_ascii (const char *text,
                gsize       len)
{
  return plain_ascii_prefix (text, len) == len;
}

/* A lead byte of UTF-8: the length of its sequence (0: none) and the
 * range of the byte after it (narrower after E0, ED, F0…: no overlong
 * form or surrogate). Looked up, as the tests were a dozen branches. */
typedef struct
{
  guint8 n;
  guint8 low;
  guint8 high;
} Lead;

#define LEADS_TO_FFFF \
  [0xc2 ... 0xdf] = { 2, 0x80, 0xbf }, [0xe0] = { 3, 0xa0, 0xbf }, [0xe1 ... 0xec] = { 3, 0x80, 0xbf }, \
  [0xed] = { 3, 0x80, 0x9f }, [0xee ... 0xef] = { 3, 0x80, 0xbf }, [0xf0] = { 4, 0x90, 0xbf }, \
  [0xf1 ... 0xf3] = { 4, 0x80, 0xbf }

/* RFC 3629, section 4, as g_utf8_validate_len () has it: up to U+10FFFF */
static const Lead unicode_leads[256] = { LEADS_TO_FFFF, [0xf4] = { 4, 0x80, 0x8f } };

/* as glibc's iconv reads UTF-8: code points up to 0x7fffffff, in up to
 * six bytes */
static const Lead iconv_leads[256] = {
  LEADS_TO_FFFF, [0xf4 ... 0xf7] = { 4, 0x80, 0xbf }, [0xf8] = { 5, 0x88, 0xbf },
  [0xf9 ... 0xfb] = { 5, 0x80, 0xbf }, [0xfc] = { 6, 0x84, 0xbf }, [0xfd] = { 6, 0x80, 0xbf },
};

/* The length of the UTF-8 sequence at @p (@left bytes there, the first
 * above 0x7f) when it is well formed by @leads, else 0. */
static inline gsize
sequence_length (const guchar *p,
                 gsize         left,
                 const Lead   *leads)
{
  const Lead *lead = &leads[p[0]];
  gsize n = lead->n;

  if (n == 0 || left < n || p[1] < lead->low || p[1] > lead->high)
    return 0;
  for (gsize i = 2; i < n; i++)
    if ((p[i] & 0xc0) != 0x80)
      return 0;
  return n;
}

/* g_utf8_validate_len (@text, @len): its runs of plain ASCII skipped 32
 * bytes at a time, and each sequence between them read here, as many in
 * a row as there are: a call to GLib for each stretch around a
 * character, and a byte-by-byte walk to the stretch's end, cost ten
 * times the character. A NUL is invalid, as there. */
static gboolean
is_valid_utf8 (const char *text,
               gsize       len)
{
  const guchar *p = (const guchar *)text;
  gsize i = 0;

  while ((i += plain_run (text + i, len - i)) < len)
    do
      {
        gsize n = sequence_length (p + i, len - i, unicode_leads);

        if (n == 0)
          return FALSE;
        i += n;
      }
    while (i < len && p[i] >= 0x80);
  return TRUE;
}

/**
 * bd_mime_normalise_newlines:
 * @text: NUL-terminable text: @len bytes and room for one more
 * @len: its length
 *
 * The one newline normaliser: CRLF and lone CR both become LF, in place
 * (the MIME splitter and the scanners split lines on LF only).
 *
 * Returns: the new length; @text is NUL-terminated when it changed.
 */
gsize
bd_mime_normalise_newlines (char  *text,
                            gsize  len)
{
  const char *end = text + len, *p;
  char *out;

  g_return_val_if_fail (text != NULL || len == 0, 0);

  if (len == 0 || (p = memchr (text, '\r', len)) == NULL)
    return len;
  /* From one CR to the next, the bytes between moved in one go: a CRLF
   * message is a whole mailbox's worth of lines. */
  out = (char *)p;
  while (p < end)
    {
      const char *next;
      gsize run;

      *out++ = '\n';   /* p is at a CR */
      p++;
      if (p < end && *p == '\n')
        p++;
      next = memchr (p, '\r', end - p);
      run = (next != NULL ? next : end) - p;
      memmove (out, p, run);
      out += run;
      p += run;
    }
  *out = '\0';
  return out - text;
}

/* What is known of a text as UTF-8, so that no question is asked twice:
 * a part's text is checked for a charset hint, then for conversion. */
typedef struct
{
  gsize    ascii;   /* plain_ascii_prefix () */
  int      valid;   /* whether valid UTF-8; -1 when not checked yet */
  gboolean as_is;   /* set by take_as_utf8 (): not converted */
  gboolean no_cr;   /* known to hold no CR: nothing to normalise as it is */
} Utf8Facts;

static Utf8Facts
utf8_facts (const char *text,
            gsize       len)
{
  return (Utf8Facts) { plain_ascii_prefix (text, len), -1, FALSE, FALSE };
}

static gboolean
is_valid_known (const char *text,
                gsize       len,
                Utf8Facts  *facts)
{
  if (facts->valid < 0)
    facts->valid = is_valid_utf8 (text + facts->ascii, len - facts->ascii);
  return facts->valid;
}

/* The text as UTF-8 when it is that already: plain ASCII in a charset
 * that is an ASCII superset, or valid UTF-8 declared as such or not at
 * all. Neither holds a NUL. */
static gboolean
is_utf8_as_is (const char *text,
               gsize       len,
               const char *charset,
               Utf8Facts  *facts)
{
  gboolean utf8_named = charset == NULL || is_utf8_name (charset);

  if (facts->ascii == len)
    return utf8_named || is_ascii_superset (charset)
        || (is_iso2022jp (charset) && memchr (text, ESC, len) == NULL);
  return utf8_named && is_valid_known (text, len, facts);
}

/* Whether @out is valid UTF-8 up to its first NUL, where the caller stops
 * (g_utf8_validate (@out, -1)); @len is set to that length. */
static gboolean
is_valid_to_nul (const char *out,
                 gsize      *len)
{
  *len = strlen (out);
  return is_valid_utf8 (out, *len);
}

/* Appends @len bytes at @in converted by @cd from its initial state.
 * Returns: whether all of them converted (else @out is as it was). */
static gboolean
convert_piece (iconv_t     cd,
               const char *in,
               gsize       len,
               GString    *out)
{
  gsize old = out->len, room = 3 * len + 4;   /* a byte gives at most 3 */
  char *inbuf = (char *)in, *outbuf;
  gsize inleft = len, outleft = room;
  gboolean ok;

  g_string_set_size (out, old + room);
  outbuf = out->str + old;
  iconv (cd, NULL, NULL, NULL, NULL);
  ok = iconv (cd, &inbuf, &inleft, &outbuf, &outleft) != (size_t) -1 && inleft == 0;
  g_string_set_size (out, ok ? (gsize)(outbuf - out->str) : old);
  return ok;
}

/* ISO-2022-JP @text converted by @cd a piece at a time: the ASCII runs
 * copied, and each stretch from an escape sequence to the next ESC ( B
 * (back to ASCII) converted from the initial state, which is ASCII: the
 * state a conversion of the whole would be in there. NULL when a run is
 * not plain ASCII, a stretch does not convert whole or does not return to
 * ASCII: the caller then converts the whole text as before. */
static char *
convert_iso2022jp_pieces (iconv_t     cd,
                          const char *text,
                          gsize       len)
{
  const char *p = text, *end = text + len;
  g_autoptr(GString) out = g_string_sized_new (len + len / 2 + 1);

  while (p < end)
    {
      const char *esc = memchr (p, ESC, end - p);
      const char *run_end = esc != NULL ? esc : end;
      const char *back;

      if (!is_plain_ascii (p, run_end - p))
        return NULL;
      g_string_append_len (out, p, run_end - p);
      if (esc == NULL)
        break;
      back = memmem (esc, end - esc, "\x1b(B", 3);
      if (back == NULL || !convert_piece (cd, esc, back + 3 - esc, out))
        return NULL;
      p = back + 3;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Whether glibc's iconv reads @text as UTF-8 whole: NULs and code points
 * past U+10FFFF (iconv_leads) included. */
static gboolean
is_utf8_to_iconv (const char *text,
                  gsize       len)
{
  const guchar *p = (const guchar *)text;
  gsize i = 0;

  while ((i += plain_run (text + i, len - i)) < len)
    {
      gsize n = p[i] == '\0' ? 1 : sequence_length (p + i, len - i, iconv_leads);

      if (n == 0)
        return FALSE;
      i += n;
    }
  return TRUE;
}

/* @text, Latin-1, in UTF-8, NUL-terminated. */
static char *
latin1_to_utf8 (const char *text,
                gsize       len)
{
  char *out = g_malloc (2 * len + 1), *q = out;

  for (gsize i = 0; i < len; i++)
    {
      guchar byte = text[i];

      if (byte < 0x80)
        *q++ = (char)byte;
      else
        {
          *q++ = (char)(0xc0 | byte >> 6);
          *q++ = (char)(0x80 | (byte & 0x3f));
        }
    }
  *q = '\0';
  return out;
}

/* g_mime_utils_decode_8bit (NULL, @text, @len) when the charsets it tries
 * are UTF-8 then Latin-1: its default fallback charset, UTF-8, then the
 * locale's unless that is one of the two (in the C and UTF-8 locales),
 * then Latin-1. It takes the first that reads the text with no invalid
 * byte, and Latin-1 reads every byte: so the text as it is when iconv
 * reads it as UTF-8, else in Latin-1. It opened and ran a converter for
 * each, and an invalid byte cost a call to iconv; NULL in other locales. */
static char *
decode_8bit_like_gmime (const char *text,
                        gsize       len)
{
  const char *locale = g_mime_locale_charset ();

  if (!bd_mime_walk_equal_ci (locale, "utf-8") && !bd_mime_walk_equal_ci (locale, "iso-8859-1"))
    return NULL;
  if (!is_utf8_to_iconv (text, len))
    return latin1_to_utf8 (text, len);
  return g_strndup (text, len);
}

/* @text read as GMime reads 8-bit text in no charset it can convert
 * from, made valid; @out_len is its length up to its first NUL. Plain
 * ASCII it gives back as it is (the first charset it tries, UTF-8 unless
 * the parser options say otherwise, reads it so): a part declaring UTF-7
 * or a misspelt charset is nearly always that. */
static char *
decode_unknown (const char *text,
                gsize       len,
                gboolean    plain_ascii,
                gsize      *out_len)
{
  char *out;

  if (plain_ascii)
    {
      *out_len = len;
      return g_strndup (text, len);
    }
  /* GMime tries the locale's charset (Latin-1 in the C locale). */
  if ((out = decode_8bit_like_gmime (text, len)) == NULL)
    {
      bd_mime_charset_keep (g_mime_locale_charset ());
      out = g_mime_utils_decode_8bit (NULL, text, len);
    }
  if (out == NULL || !is_valid_to_nul (out, out_len))
    {
      char *valid = g_utf8_make_valid (out ? out : text, out ? -1 : (gssize)len);

      g_free (out);
      out = valid;
      *out_len = strlen (out);
    }
  return out;
}

/* @text (@len bytes, not UTF-8 as it is) converted from @charset, or from
 * the locale's charset as GMime does, made valid; @out_len is its length
 * up to its first NUL. */
static char *
convert_to_utf8 (const char *text,
                 gsize       len,
                 const char *charset,
                 Utf8Facts  *facts,
                 gsize      *out_len)
{
  char *out = NULL;

  if (charset != NULL && !is_utf8_name (charset))
    {
      iconv_t cd;

      if ((out = bd_mime_charset_table_convert (charset, text, len, out_len)) != NULL)
        return out;
      cd = g_mime_iconv_open ("UTF-8", charset);

      if (cd != (iconv_t) -1)
        {
          gboolean pieces;

          /* kept once this one has loaded it (it stays loaded while the
           * kept one is open): a name iconv cannot open is kept by
           * nobody, and asking cost an iconv_open () each time */
          bd_mime_charset_keep (charset);

          out = is_iso2022jp (charset) ? convert_iso2022jp_pieces (cd, text, len) : NULL;
          if (!(pieces = out != NULL))
            {
              iconv (cd, NULL, NULL, NULL, NULL);   /* after pieces that failed */
              out = g_mime_iconv_strndup (cd, text, len);
            }
          g_mime_iconv_close (cd);
          /* ISO-2022-JP in pieces is valid UTF-8 as it is: its runs are
           * plain ASCII, and glibc's converter gives the characters of
           * JIS X 0201 and 0208 (and 0212), all in the BMP and none a
           * surrogate (test-mime-charset converts every pair of bytes) */
          if (pieces)
            *out_len = strlen (out);
          else if (out != NULL && !is_valid_to_nul (out, out_len))
            g_clear_pointer (&out, g_free);
        }
    }
  return out != NULL ? out : decode_unknown (text, len, facts->ascii == len, out_len);
}

/* bd_mime_text_to_utf8() on a buffer of our own (@len bytes, NUL after
 * them), which is returned when it is UTF-8 already: nearly every part
 * is, and copying it again cost as much as reading it. */
static char *
take_as_utf8 (char       *text,
              gsize       len,
              const char *charset,
              Utf8Facts  *facts,
              gsize      *out_len)
{
  gsize n;

  facts->as_is = len == 0 || is_utf8_as_is (text, len, charset, facts);
  if (!facts->as_is)
    {
      char *converted = convert_to_utf8 (text, len, charset, facts, &len);

      g_free (text);
      text = converted;
    }
  n = facts->as_is && facts->no_cr ? len : bd_mime_normalise_newlines (text, len);
  if (out_len != NULL)
    *out_len = n;
  return text;
}

/* bd_mime_part_content () of @part (@len set to its length), and the
 * first facts about it: a body that needs no decoding is looked at as it
 * is copied. */
static char *
part_content (const BdMimePart *part,
              gsize            *len,
              Utf8Facts        *facts)
{
  char *content;

  if (bd_mime_part_body_is_content (part))
    {
      *facts = (Utf8Facts) { 0, -1, FALSE, FALSE };
      *len = part->body_len;
      return copy_looking (part->body, part->body_len, &facts->ascii, &facts->no_cr);
    }
  content = bd_mime_part_content (part, len);
  *facts = utf8_facts (content, *len);
  return content;
}

/* bd_mime_part_text_hinted (); @seven_bit as
 * bd_mime_part_text_seven_bit () sets it. */
static char *
part_text (const BdMimePart *part,
           const char       *fallback,
           gsize            *len,
           gboolean         *seven_bit)
{
  const char *charset;
  g_autofree char *content = NULL;
  char *text;
  gsize n;
  Utf8Facts facts;

  *seven_bit = FALSE;
  if (len != NULL)
    *len = 0;
  if (!bd_mime_part_is_leaf (part))
    return g_strdup ("");

  content = part_content (part, &n, &facts);
  charset = part->charset;
  if (charset == NULL && fallback != NULL && !is_valid_known (content, n, &facts))
    charset = fallback;
  text = take_as_utf8 (g_steal_pointer (&content), n, charset, &facts, len);
  /* plain ASCII is taken as it is or converted (ISO-2022-JP with an
   * escape, UTF-7…): only the first is known to stay 7-bit */
  *seven_bit = facts.ascii == n && facts.as_is;
  return text;
}

/**
 * bd_mime_text_to_utf8:
 * @charset: (nullable): the declared charset
 *
 * Returns: (transfer full): @text converted to valid UTF-8, NUL-terminated.
 */
char *
bd_mime_text_to_utf8 (const char *text,
                       gsize       len,
                       const char *charset,
                       gsize      *out_len)
{
  char *copy;
  Utf8Facts facts;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  copy = g_strndup (text != NULL ? text : "", len);
  facts = utf8_facts (copy, len);
  return take_as_utf8 (copy, len, charset, &facts, out_len);
}

/**
 * bd_mime_part_text:
 * @part: a leaf part
 * @len: (out) (optional): the length of the result
 *
 * Returns: (transfer full): the part's content with the transfer encoding
 * undone, in UTF-8 with LF line ends; "" when it has none.
 */
char *
bd_mime_part_text (const BdMimePart *part,
                         gsize            *len)
{
  return bd_mime_part_text_hinted (part, NULL, len);
}

/**
 * bd_mime_part_text_hinted:
 * @fallback: (nullable): the charset to try when the part declares none and
 *   is not UTF-8 (servers write 8-bit report parts in the charset of their
 *   explanation, e.g. ISO-8859-2 for Polish)
 *
 * Like bd_mime_part_text().
 */
char *
bd_mime_part_text_hinted (const BdMimePart *part,
                                const char       *fallback,
                                gsize            *len)
{
  gboolean unused;

  g_return_val_if_fail (part != NULL, NULL);

  return part_text (part, fallback, len, &unused);
}

/**
 * bd_mime_part_text_seven_bit:
 * @seven_bit: (out): set when the text is known to be 7-bit
 *   (bd_mime_text_is_seven_bit ()): the content was plain ASCII, taken
 *   as it is. %FALSE tells nothing.
 *
 * Like bd_mime_part_text(), for a caller that asks the question next:
 * the content's first look answers it for nearly every part.
 */
char *
bd_mime_part_text_seven_bit (const BdMimePart *part,
                             gsize            *len,
                             gboolean         *seven_bit)
{
  g_return_val_if_fail (part != NULL, NULL);
  g_return_val_if_fail (seven_bit != NULL, NULL);

  return part_text (part, NULL, len, seven_bit);
}
