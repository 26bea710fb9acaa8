/* bd-mime-words.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only one form is read here: 7-bit words and whole encoded words
 * ("=?utf-8?B?…?=", "=?UTF-8?q?…?="), blanks between them, every encoded
 * word complete in itself (base64 in whole quartets, padded at its end
 * only; no "=XX" cut at its end) and its run's text valid UTF-8 without
 * control characters. GMime gives such a value as its words and blanks,
 * the encoded ones decoded and the blanks between two of them dropped;
 * any other value (another charset, a word GMime would split or join
 * differently, text it would convert or repair) is left to it.
 * test-mime-words compares the two.
 */
#define G_LOG_DOMAIN "bd-mime"

#include "config.h"

#include <string.h>

#include "bd-mime-words.h"

/* A value being decoded: the text so far, and the run of encoded words
 * being read (words of the same charset, in any case, and encoding, the
 * blanks between them dropped), which GMime decodes as one stream and
 * converts to UTF-8 as one piece: where it starts in @out, its charset as
 * written, its encoding ('\0' between runs) and whether a base64 word of
 * it was padded, after which GMime 3.2 drops the run's other base64 words. */
typedef struct
{
  char       *out;
  gsize       len;
  gsize       run;
  const char *charset;
  gsize       charset_len;
  char        encoding;
  gboolean    padded;
} Decoding;

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

/* A base64 digit's value, or -1. */
static int
base64_value (char c)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+')
    return 62;
  return c == '/' ? 63 : -1;
}

/* @n bytes of base64 at @p, whole quartets, '=' only as the last one's
 * padding (one or two), into @out; FALSE for any other form. After a
 * padded word of the run GMime 3.2 gives nothing for the run's base64
 * words, whatever they hold. */
static gboolean
decode_base64 (const char *p,
               gsize       n,
               Decoding   *d)
{
  if (d->padded)
    return TRUE;
  if (n == 0 || n % 4 != 0)
    return FALSE;
  d->padded = p[n - 1] == '=';
  for (gsize i = 0; i < n; i += 4)
    {
      gboolean last = i + 4 == n;
      guint pad = last && p[i + 3] == '=' ? (p[i + 2] == '=' ? 2 : 1) : 0;
      guint32 bits = 0;

      for (guint k = 0; k < 4 - pad; k++)
        {
          int v = base64_value (p[i + k]);

          if (v < 0)
            return FALSE;
          bits = bits << 6 | (guint)v;
        }
      bits <<= 6 * pad;
      d->out[d->len++] = bits >> 16;
      if (pad < 2)
        d->out[d->len++] = bits >> 8;
      if (pad < 1)
        d->out[d->len++] = bits;
    }
  return TRUE;
}

/* @n bytes of RFC 2047 "Q" at @p ('_' a space, "=XX" a byte, the two
 * digits in this word, other printable ASCII as it is) into @out; FALSE
 * for any other form. */
static gboolean
decode_q (const char *p,
          gsize       n,
          Decoding   *d)
{
  if (n == 0)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      if ((guchar)p[i] <= 0x20 || (guchar)p[i] >= 0x7f)
        return FALSE;
      if (p[i] == '_')
        d->out[d->len++] = ' ';
      else if (p[i] != '=')
        d->out[d->len++] = p[i];
      else if (i + 2 < n && g_ascii_isxdigit (p[i + 1]) && g_ascii_isxdigit (p[i + 2]))
        {
          d->out[d->len++] = g_ascii_xdigit_value (p[i + 1]) << 4 | g_ascii_xdigit_value (p[i + 2]);
          i += 2;
        }
      else
        return FALSE;
    }
  return TRUE;
}

/* The charsets read here: UTF-8, and those whose ASCII text is ASCII
 * (a run in them is read only when its text is ASCII). */
static gboolean
is_known_charset (const char *name,
                  gsize       n,
                  gboolean   *utf8)
{
  static const char *const ascii_ones[] = { "us-ascii", "iso-8859-1", "iso-8859-15" };

  *utf8 = n == 5 && g_ascii_strncasecmp (name, "utf-8", 5) == 0;
  for (guint i = 0; !*utf8 && i < G_N_ELEMENTS (ascii_ones); i++)
    if (n == strlen (ascii_ones[i]) && g_ascii_strncasecmp (name, ascii_ones[i], n) == 0)
      return TRUE;
  return *utf8;
}

/* The run read so far, if any, is over: its text must be what GMime's
 * conversion gives back unchanged, UTF-8 (ASCII in another charset)
 * without control characters. */
static gboolean
end_run (Decoding *d)
{
  const char *text = d->out + d->run;
  gsize n = d->len - d->run;
  gboolean utf8;

  if (d->encoding == '\0')
    return TRUE;
  d->encoding = '\0';
  is_known_charset (d->charset, d->charset_len, &utf8);
  for (gsize i = 0; i < n; i++)
    if ((guchar)text[i] < 0x20 || text[i] == 0x7f || (!utf8 && (guchar)text[i] >= 0x80))
      return FALSE;
  return g_utf8_validate (text, n, NULL);
}

/* The encoded word at the start of [@p, @end), "=?utf-8?B?…?=", added to
 * the run it continues or to a new one; returns its end, or NULL when it
 * has another form. */
static const char *
add_encoded_word (const char *p,
                  const char *end,
                  Decoding   *d)
{
  const char *charset = p + 2, *payload, *stop;
  gsize charset_len;
  gboolean utf8;
  char encoding;

  /* "=?" charset "?" B or Q "?" payload "?=", the first "?=" after it */
  stop = memchr (charset, '?', end - charset);
  if (stop == NULL || end - stop < 5 || stop[2] != '?')
    return NULL;
  charset_len = stop - charset;
  payload = stop + 3;
  encoding = g_ascii_toupper (stop[1]);
  if ((encoding != 'B' && encoding != 'Q') || !is_known_charset (charset, charset_len, &utf8))
    return NULL;
  stop = memchr (payload, '?', end - payload);
  if (stop == NULL || stop + 1 == end || stop[1] != '=')
    return NULL;
  if (d->encoding != '\0' && (d->encoding != encoding || d->charset_len != charset_len
                              || g_ascii_strncasecmp (d->charset, charset, charset_len) != 0)
      && !end_run (d))
    return NULL;
  if (d->encoding == '\0')
    {
      d->charset = charset;
      d->charset_len = charset_len;
      d->encoding = encoding;
      d->padded = FALSE;
      d->run = d->len;
    }
  if (!(encoding == 'B' ? decode_base64 (payload, stop - payload, d) : decode_q (payload, stop - payload, d)))
    return NULL;
  return stop + 2;
}

/* Text that is not encoded: printable ASCII without "=?" (GMime splits
 * a word there), as it is. */
static gboolean
add_plain_text (const char *p,
                const char *end,
                Decoding   *d)
{
  for (const char *q = p; q < end; q++)
    if ((guchar)*q <= 0x20 || (guchar)*q >= 0x7f || (q[0] == '=' && q + 1 < end && q[1] == '?'))
      return FALSE;
  memcpy (d->out + d->len, p, end - p);
  d->len += end - p;
  return TRUE;
}

/* The blanks before a word, but between two encoded words (dropped). */
static void
add_blanks (const char *p,
            const char *end,
            Decoding   *d)
{
  memcpy (d->out + d->len, p, end - p);
  d->len += end - p;
}

/* A word: an encoded word, maybe with text after it (GMime takes that as
 * a word of its own, "=?…?=." the decoded text then "."), or text. */
static gboolean
add_word (const char *blanks,
          const char *word,
          const char *end,
          gboolean   *encoded,
          Decoding   *d)
{
  const char *rest = word;

  if (end - word >= 2 && word[0] == '=' && word[1] == '?')
    {
      if (!*encoded)
        add_blanks (blanks, word, d);
      if ((rest = add_encoded_word (word, end, d)) == NULL)
        return FALSE;
      *encoded = TRUE;
      if (rest == end)
        return TRUE;
    }
  else if (!end_run (d))
    return FALSE;
  else
    add_blanks (blanks, word, d);
  *encoded = FALSE;
  return end_run (d) && add_plain_text (rest, end, d);
}

/**
 * bd_mime_words_decode_utf8:
 * @value: a header value, unfolded and trimmed (no line break, NUL or
 *   blank at either end)
 * @len: its length
 *
 * Returns: (transfer full) (nullable): what
 *   g_mime_utils_header_decode_text() gives for @value when it has the
 *   one form read here; %NULL when it has another (GMime must read it).
 */
char *
bd_mime_words_decode_utf8 (const char *value,
                           gsize       len)
{
  /* decoded, no word is longer than it was: the text fits in @len */
  Decoding d = { g_malloc (len + 1), 0, 0, NULL, 0, '\0', FALSE };
  const char *p = value, *end = value + len;
  gboolean encoded = FALSE;   /* the word before was an encoded one */

  g_return_val_if_fail (value != NULL, NULL);

  while (p < end)
    {
      const char *blanks = p, *word;

      while (p < end && is_blank (*p))
        p++;
      word = p;
      while (p < end && !is_blank (*p))
        p++;
      /* blanks at the end: not a trimmed value */
      if (word == p || !add_word (blanks, word, p, &encoded, &d))
        break;
      if (p == end && end_run (&d))
        {
          d.out[d.len] = '\0';
          return d.out;
        }
    }
  g_free (d.out);
  return NULL;
}
