/* bd-mime-charset-table.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text in a single-byte charset (ISO-8859-x, windows-125x, KOI8) converted
 * to UTF-8 by table instead of iconv, which costs ~30 instructions a byte
 * through its two steps (charset to UCS-4, UCS-4 to UTF-8). The table of
 * a charset is made the first time it is met, by asking iconv, through
 * the same kind of descriptor that the conversion of a whole text uses,
 * to convert all byte values: for these stateless charsets, each gives one
 * character, the same wherever it stands. A byte that iconv rejects has
 * no entry (nor has NUL), and a text holding one is left to the whole
 * conversion, as before.
 */
#define G_LOG_DOMAIN "bd-mime"

#include "config.h"

#include <errno.h>
#include <gmime/gmime.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "bd-mime-charset-table.h"

/* Made once per charset (~1.3 KB) and never freed: a mail stream uses a
 * handful, the tests about 40. */
#define MAX_TABLES 48
#define MAX_NAME 40

typedef struct
{
  char     utf8[256][4];
  guint8   len[256];     /* 0: no entry */
  gboolean nul_is_nul;   /* NUL converts to NUL (where the caller stops) */
  gboolean ascii_as_is;  /* 0x01-0x7f convert to themselves */
} ByteTable;

typedef struct
{
  char             name[MAX_NAME];
  const ByteTable *table;   /* NULL: iconv cannot convert from the charset */
} Known;

static GMutex lock;
static Known known[MAX_TABLES];
static guint n_known;

/* Single-byte charsets whose glibc converters keep no state. Windows-1255
 * and -1258 are left out: glibc composes their base letters with the
 * combining marks that follow (iconvdata/cp1255.c, cp1258.c). */
static gboolean
is_single_byte (const char *charset)
{
  gsize n = strlen (charset);

  if (g_ascii_strncasecmp (charset, "iso-8859-", 9) == 0 || g_ascii_strncasecmp (charset, "koi8-", 5) == 0)
    return TRUE;
  if (g_ascii_strncasecmp (charset, "windows-125", 11) != 0 && g_ascii_strncasecmp (charset, "cp125", 5) != 0)
    return FALSE;
  return n >= 4 && strcmp (charset + n - 4, "1255") != 0 && strcmp (charset + n - 4, "1258") != 0;
}

/* Byte values 1-255 (a NUL is left to the slow path) converted by @cd in
 * one go, those it rejects skipped (and left 0 in @rejected); the UTF-8
 * written to @out; FALSE when iconv fails otherwise. */
static gboolean
convert_all_bytes (iconv_t  cd,
                   char    *out,
                   gsize   *out_len,
                   gboolean rejected[256])
{
  char in[255], *inbuf = in, *outbuf = out;
  gsize inleft = sizeof in, outleft = *out_len;

  for (guint byte = 1; byte < 256; byte++)
    in[byte - 1] = (char)byte;
  while (iconv (cd, &inbuf, &inleft, &outbuf, &outleft) == (size_t) -1)
    {
      if (errno != EILSEQ)
        return FALSE;
      rejected[(guchar)*inbuf] = TRUE;
      inbuf++;
      inleft--;
      iconv (cd, NULL, NULL, NULL, NULL);
    }
  *out_len = outbuf - out;
  return TRUE;
}

/* The table from the conversion of all byte values: one character each
 * for the bytes iconv takes, in order, as for any stateless single-byte
 * charset; NULL when the output is not that. Characters past the BMP (4
 * bytes) get no entry: the caller's output has room for 3 a byte. */
static ByteTable *
fill_table (const char     *out,
            gsize           out_len,
            const gboolean  rejected[256])
{
  g_autofree ByteTable *table = g_new0 (ByteTable, 1);
  const char *p = out, *end = out + out_len;

  if (!g_utf8_validate_len (out, out_len, NULL))
    return NULL;
  for (guint byte = 1; byte < 256; byte++)
    {
      const char *next;

      if (rejected[byte])
        continue;
      if (p == end)
        return NULL;
      next = g_utf8_next_char (p);
      if (next - p <= 3)
        {
          memcpy (table->utf8[byte], p, next - p);
          table->len[byte] = next - p;
        }
      p = next;
    }
  return p == end ? g_steal_pointer (&table) : NULL;
}

/* Whether @cd converts a NUL alone to one NUL byte. */
static gboolean
converts_nul_to_nul (iconv_t cd)
{
  char in = '\0', out[8], *inbuf = &in, *outbuf = out;
  gsize inleft = 1, outleft = sizeof out;

  iconv (cd, NULL, NULL, NULL, NULL);
  return iconv (cd, &inbuf, &inleft, &outbuf, &outleft) != (size_t) -1
      && inleft == 0 && outbuf - out == 1 && out[0] == '\0';
}

static gboolean
maps_ascii_to_itself (const ByteTable *table)
{
  for (guint byte = 1; byte < 0x80; byte++)
    if (table->len[byte] != 1 || (guchar)table->utf8[byte][0] != byte)
      return FALSE;
  return TRUE;
}

/* The table of @charset, or NULL; *@opened tells whether iconv knows the
 * name at all. */
static const ByteTable *
make_table (const char *charset,
            gboolean   *opened)
{
  iconv_t cd = g_mime_iconv_open ("UTF-8", charset);
  char out[255 * 6];
  gsize out_len = sizeof out;
  gboolean rejected[256] = { FALSE };
  ByteTable *table = NULL;

  *opened = cd != (iconv_t) -1;
  if (!*opened)
    return NULL;
  if (convert_all_bytes (cd, out, &out_len, rejected)
      && (table = fill_table (out, out_len, rejected)) != NULL)
    {
      table->nul_is_nul = converts_nul_to_nul (cd);
      table->ascii_as_is = maps_ascii_to_itself (table);
    }
  g_mime_iconv_close (cd);
  return table;
}

/* The table of @charset, made on first use; NULL when there is none. */
static const ByteTable *
lookup_table (const char *charset)
{
  const ByteTable *table = NULL;
  guint i;

  if (strlen (charset) >= MAX_NAME || !is_single_byte (charset))
    return NULL;
  g_mutex_lock (&lock);
  for (i = 0; i < n_known && g_ascii_strcasecmp (known[i].name, charset) != 0; i++)
    ;
  if (i < n_known)
    table = known[i].table;
  else if (n_known < MAX_TABLES)
    {
      gboolean opened;

      /* A name iconv cannot open takes no slot: made-up names in a
       * mailbox would otherwise fill them for good. */
      table = make_table (charset, &opened);
      if (opened)
        {
          g_strlcpy (known[n_known].name, charset, MAX_NAME);
          known[n_known++].table = table;
        }
    }
  g_mutex_unlock (&lock);
  return table;
}

/* Whether each byte of @text has an entry, or is a NUL that converts to
 * NUL: else the whole conversion fails (EILSEQ), and so must we. */
static gboolean
converts_whole (const ByteTable *table,
                const char      *text,
                gsize            len)
{
  for (gsize i = 0; i < len; i++)
    if (table->len[(guchar)text[i]] == 0 && !(text[i] == '\0' && table->nul_is_nul))
      return FALSE;
  return TRUE;
}

/* Copies the run of bytes 0x01-0x7f at @p (@left bytes there) to @q, 16
 * at a time where SSE2 is, and returns its length: in the charsets whose
 * table has them as they are, most of a text is such runs, and went
 * through the table a byte at a time. @q has room for 16 bytes past the
 * run's end. */
static inline gsize
copy_ascii_run (char       *q,
                const char *p,
                gsize       left)
{
  gsize n = 0;

#ifdef __SSE2__
  for (; left - n >= 16; n += 16)
    {
      __m128i block = _mm_loadu_si128 ((const __m128i *)(gconstpointer)(p + n));
      unsigned stops = (unsigned)_mm_movemask_epi8 (_mm_or_si128 (block, _mm_cmpeq_epi8 (block, _mm_setzero_si128 ())));

      _mm_storeu_si128 ((__m128i *)(gpointer)(q + n), block);
      if (stops != 0)
        return n + __builtin_ctz (stops);
    }
#endif
  for (; n < left && (guchar)(p[n] - 1) < 0x7f; n++)
    q[n] = p[n];
  return n;
}

/**
 * bd_mime_charset_table_convert:
 * @charset: the declared charset
 * @out_len: (out): the length of the result
 *
 * Returns: (transfer full) (nullable): @text in UTF-8, as
 * g_mime_iconv_strndup() from @charset gives it up to its first NUL, where
 * the callers stop reading; NULL when @charset is not a single-byte charset
 * with a table, or @text holds a byte it has no entry for.
 */
char *
bd_mime_charset_table_convert (const char *charset,
                               const char *text,
                               gsize       len,
                               gsize      *out_len)
{
  const ByteTable *table;
  char *out, *q;

  g_return_val_if_fail (charset != NULL, NULL);
  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if ((table = lookup_table (charset)) == NULL)
    return NULL;
  /* 4 bytes are copied for each, so room for 4 past the last 3 */
  out = q = g_malloc (3 * len + 4);
  for (gsize i = 0; i < len; i++)
    {
      guchar byte = text[i];

      if (byte - 1u < 0x7f && table->ascii_as_is)
        {
          gsize n = copy_ascii_run (q, text + i, len - i);

          q += n;
          if ((i += n) == len)
            break;
          byte = text[i];
        }

      if (table->len[byte] == 0)
        {
          if (byte == '\0' && table->nul_is_nul && converts_whole (table, text + i + 1, len - i - 1))
            break;
          g_free (out);
          return NULL;
        }
      memcpy (q, table->utf8[byte], 4);
      q += table->len[byte];
    }
  *q = '\0';
  *out_len = q - out;
  return out;
}
