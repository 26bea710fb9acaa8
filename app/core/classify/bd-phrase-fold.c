/* bd-phrase-fold.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one form in which phrases and servers' replies are compared.
 *
 * SMTP replies are ASCII (RFC 5321, section 4.2: "text" is printable
 * US-ASCII; RFC 6531 only allows UTF-8 where both ends agree), so Polish,
 * Czech and German servers write their own language without its letters:
 * "Przekroczono limit wysylania", "uzivatel neexistuje", "Postfach voll".
 * Their templates in bounce bodies keep the letters, and a reply quoted by
 * a client may be wrapped over lines (RFC 5322, section 2.2.3, folding).
 * Both sides are therefore folded the same way: lower case, Latin letters
 * without their marks (NFD, Unicode Standard Annex #15, then the marks
 * dropped; "ł", "ø", "đ", "ß" have no decomposition and are mapped by
 * hand), every run of white space (line breaks included) one space, and
 * typographic apostrophes and quotes their ASCII forms. Cyrillic and other
 * scripts keep their letters, lower-cased only.
 */
#define G_LOG_DOMAIN "bd-phrase-fold"

#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "bd-phrase-fold.h"

/* Letters without a canonical decomposition, as writers drop their marks
 * in ASCII: Polish "ł" (Unicode's own note on U+0142), Danish/Norwegian
 * "ø", Croatian "đ", German "ß" (written "ss", Duden's rule for
 * capitals and the Swiss spelling). */
static const char *
fold_special (gunichar c)
{
  switch (c)
    {
    case 0x0142: return "l";    /* ł */
    case 0x00F8: return "o";    /* ø */
    case 0x0111: return "d";    /* đ */
    case 0x00DF: return "ss";   /* ß */
    case 0x00E6: return "ae";   /* æ */
    case 0x0153: return "oe";   /* œ */
    case 0x0131: return "i";    /* dotless ı */
    case 0x2018: case 0x2019: case 0x02BC: return "'";
    case 0x201C: case 0x201D: case 0x201E: return "\"";
    default: return NULL;
    }
}

static gboolean
is_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x00A0 || c == 0x202F;
}

/* German written without umlauts spells them "ae", "oe", "ue" (Duden,
 * rule 'Umlaute'; DIN 5007-2): a phrase with an umlaut gets that second
 * spelling besides the plain one. */
static const char *
fold_umlaut (gunichar c)
{
  switch (c)
    {
    case 0x00E4: return "ae";
    case 0x00F6: return "oe";
    case 0x00FC: return "ue";
    default: return NULL;
    }
}

static void
append_folded_char (GString  *out,
                    gunichar  c,
                    gboolean  umlauts_as_e)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  const char *special;
  gsize n;

  c = g_unichar_tolower (c);
  if (umlauts_as_e && (special = fold_umlaut (c)) != NULL)
    {
      g_string_append (out, special);
      return;
    }
  if ((special = fold_special (c)) != NULL)
    {
      g_string_append (out, special);
      return;
    }
  n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
  /* Marks go only from a Latin base: Cyrillic "й" and "ї" stay letters. */
  if (n > 1 && decomposed[0] < 0x80)
    c = decomposed[0];
  g_string_append_unichar (out, c);
}

/* Whether @c, followed by @next, keeps @text from being folded already. */
static inline gboolean
needs_folding (guchar c,
               char   next)
{
  return c >= 0x80 || (c >= 'A' && c <= 'Z') || c == '\t' || c == '\r' || c == '\n'
         || (c == ' ' && next == ' ');
}

#ifdef __SSE2__
/* The upper-case ASCII letters of @block, as bytes of 0xff. Compared as
 * signed bytes: those above 0x7f are below 'A'. */
static inline __m128i
upper_in_block (__m128i block)
{
  return _mm_and_si128 (_mm_cmpgt_epi8 (block, _mm_set1_epi8 ('A' - 1)),
                        _mm_cmplt_epi8 (block, _mm_set1_epi8 ('Z' + 1)));
}

/* needs_folding() for the 16 bytes at @p, all before the text's end (so
 * p[16] is readable: the byte after a space at the end of the block). */
static inline gboolean
block_needs_folding (const char *p)
{
  __m128i block = _mm_loadu_si128 ((const __m128i *)(gconstpointer)p);
  /* bytes above 0x7f are found by their top bit */
  __m128i upper = upper_in_block (block);
  __m128i ends = _mm_or_si128 (_mm_cmpeq_epi8 (block, _mm_set1_epi8 ('\t')),
                               _mm_or_si128 (_mm_cmpeq_epi8 (block, _mm_set1_epi8 ('\r')),
                                             _mm_cmpeq_epi8 (block, _mm_set1_epi8 ('\n'))));
  unsigned spaces = (unsigned)_mm_movemask_epi8 (_mm_cmpeq_epi8 (block, _mm_set1_epi8 (' ')));

  if (_mm_movemask_epi8 (_mm_or_si128 (block, _mm_or_si128 (upper, ends))) != 0)
    return TRUE;
  return (spaces & (spaces >> 1)) != 0 || ((spaces & 0x8000) != 0 && p[16] == ' ');
}
#endif

/* Whether @text (@len bytes) is already in folded form: ASCII lower case
 * with single spaces. Most replies are, and then nothing is copied. Where
 * SSE2 is, 16 bytes are tested at once, the last ones too, copied among
 * NULs (which need no folding): every diagnostic is tested when it is
 * classified. */
static gboolean
is_folded (const char *text,
           gsize       len)
{
  gsize i = 0;
#ifdef __SSE2__
  char tail[32] = { 0 };

  for (; len - i >= 16; i += 16)
    if (block_needs_folding (text + i))
      return FALSE;
  memcpy (tail, text + i, len - i);
  return !block_needs_folding (tail);
#else
  for (; i < len; i++)
    if (needs_folding ((guchar)text[i], text[i + 1]))
      return FALSE;
  return TRUE;
#endif
}

static GString *
fold_string (const char *text,
             gsize       len,
             gboolean    umlauts_as_e)
{
  GString *out = g_string_sized_new (len + 8);
  gboolean in_space = FALSE;

  for (const char *p = text; *p != '\0'; )
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar)-1 || c == (gunichar)-2)
        {
          /* Not UTF-8 (a Latin-2 reply read raw): keep the byte. */
          g_string_append_c (out, *p++);
          in_space = FALSE;
          continue;
        }
      p = g_utf8_next_char (p);
      if (is_space (c))
        {
          if (!in_space)
            g_string_append_c (out, ' ');
          in_space = TRUE;
          continue;
        }
      in_space = FALSE;
      if (c < 0x80)
        g_string_append_c (out, g_ascii_tolower ((char)c));
      else
        append_folded_char (out, c, umlauts_as_e);
    }
  return out;
}

static char *
fold (const char *text,
      gboolean    umlauts_as_e)
{
  return g_string_free (fold_string (text, strlen (text), umlauts_as_e), FALSE);
}

/**
 * bd_phrase_fold:
 * @text: a reply or a phrase, UTF-8 (invalid bytes are kept as they are)
 * @folded: (out) (transfer full) (nullable): the folded copy, or %NULL
 *   when @text is already folded
 *
 * Returns: @text folded: @text itself when it needs no change (then
 *   *@folded is %NULL), else *@folded.
 */
const char *
bd_phrase_fold (const char  *text,
                char       **folded)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (folded != NULL, NULL);

  return bd_phrase_fold_len (text, strlen (text), folded, NULL);
}

/**
 * bd_phrase_fold_len:
 * @len: @text's length (before its NUL)
 * @folded_len: (out) (optional): the length of what is returned
 *
 * bd_phrase_fold (), for a caller that knows @text's length and needs
 * the result's: neither is measured again.
 */
const char *
bd_phrase_fold_len (const char  *text,
                    gsize        len,
                    char       **folded,
                    gsize       *folded_len)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (folded != NULL, NULL);

  *folded = NULL;
  if (is_folded (text, len))
    {
      if (folded_len != NULL)
        *folded_len = len;
      return text;
    }
  out = fold_string (text, len, FALSE);
  if (folded_len != NULL)
    *folded_len = out->len;
  *folded = g_string_free (out, FALSE);
  return *folded;
}

#ifdef __SSE2__
/* @block (ASCII) in lower case, as bd_text_ascii_lower () lowers a byte. */
static inline __m128i
lower_block (__m128i block)
{
  return _mm_or_si128 (block, _mm_and_si128 (upper_in_block (block), _mm_set1_epi8 (0x20)));
}

/* What a block of @text holds that lower_ascii () looks for: bytes
 * above 0x7f in *@high, and in *@odd the places where white space may
 * need folding: a control byte (tabs, line breaks, and some that do not:
 * bd_phrase_fold_len () tests those texts again) or two spaces in a row
 * (@next: the block one byte further on). */
static inline void
note_block (__m128i  block,
            __m128i  next,
            __m128i *high,
            __m128i *odd)
{
  const __m128i space = _mm_set1_epi8 (' ');
  __m128i doubled = _mm_and_si128 (_mm_cmpeq_epi8 (block, space), _mm_cmpeq_epi8 (next, space));

  *high = _mm_or_si128 (*high, block);
  *odd = _mm_or_si128 (*odd, _mm_or_si128 (_mm_cmplt_epi8 (block, space), doubled));
}

/* lower_ascii () of a text shorter than a block, copied among NULs so
 * that nothing past its own NUL is read. */
static gboolean
lower_short (const char *text,
             gsize       len,
             char       *out,
             gboolean   *breaks)
{
  char tail[32] = { 0 };
  __m128i high = _mm_setzero_si128 (), odd = _mm_setzero_si128 ();
  __m128i block;

  memcpy (tail, text, len);
  block = _mm_loadu_si128 ((const __m128i *)(gconstpointer)tail);
  note_block (block, _mm_loadu_si128 ((const __m128i *)(gconstpointer)(tail + 1)), &high, &odd);
  _mm_storeu_si128 ((__m128i *)(gpointer)tail, lower_block (block));
  /* the NUL after the last byte too */
  memcpy (out, tail, len + 1);
  /* the NULs of the padding are control bytes, not the text's */
  *breaks = ((unsigned)_mm_movemask_epi8 (odd) & ((1u << len) - 1)) != 0;
  return _mm_movemask_epi8 (high) == 0;
}

/* bd_phrase_lower_ascii (). Every block is lowered and noted, and only
 * the notes are tested, once, at the end: a text that is not ASCII (a
 * few) is lowered again by the caller. The last block ends where @text
 * does, overlapping the one before: both lower the same bytes alike. */
static gboolean
lower_ascii (const char *text,
             gsize       len,
             char       *out,
             gboolean   *breaks)
{
  __m128i high = _mm_setzero_si128 (), odd = _mm_setzero_si128 ();

  if (len < 16)
    return lower_short (text, len, out, breaks);
  for (gsize i = 0;; i = MIN (i + 16, len - 16))
    {
      __m128i block = _mm_loadu_si128 ((const __m128i *)(gconstpointer)(text + i));

      /* its last byte is at most @text's NUL */
      note_block (block, _mm_loadu_si128 ((const __m128i *)(gconstpointer)(text + i + 1)), &high, &odd);
      _mm_storeu_si128 ((__m128i *)(gpointer)(out + i), lower_block (block));
      if (i + 16 == len)
        break;
    }
  out[len] = '\0';
  *breaks = _mm_movemask_epi8 (odd) != 0;
  return _mm_movemask_epi8 (high) == 0;
}
#endif

/**
 * bd_phrase_lower_ascii:
 * @text: a reply of @len bytes, no NUL among them
 * @out: (out caller-allocates): @len + 1 bytes
 * @breaks: (out): whether white space in the lowered copy may still need
 *   folding (for a few control bytes that do not, bd_phrase_fold_len ()
 *   finds the copy folded already)
 *
 * @text lowered into @out (NUL-terminated) as bd_text_strdown () lowers
 * it, and whether the copy is folded already, in one pass: the copy is
 * then not read again to be tested (bd_phrases_lower_and_fold ()).
 *
 * Returns: FALSE (@out unfinished) when @text is not ASCII, or where
 *   SSE2 is not.
 */
gboolean
bd_phrase_lower_ascii (const char *text,
                       gsize       len,
                       char       *out,
                       gboolean   *breaks)
{
  g_return_val_if_fail (text != NULL && out != NULL && breaks != NULL, FALSE);

#ifdef __SSE2__
  return lower_ascii (text, len, out, breaks);
#else
  return FALSE;
#endif
}

/**
 * bd_phrase_fold_umlauts:
 * @phrase: a phrase of a table
 *
 * Returns: (transfer full) (nullable): @phrase folded with German umlauts
 *   spelled "ae", "oe", "ue", or %NULL when it has none.
 */
char *
bd_phrase_fold_umlauts (const char *phrase)
{
  g_return_val_if_fail (phrase != NULL, NULL);

  if (strstr (phrase, "ä") == NULL && strstr (phrase, "ö") == NULL && strstr (phrase, "ü") == NULL
      && strstr (phrase, "Ä") == NULL && strstr (phrase, "Ö") == NULL && strstr (phrase, "Ü") == NULL)
    return NULL;
  return fold (phrase, TRUE);
}
