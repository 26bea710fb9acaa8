/* bd-export.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hand-written writers: a mailbox scan exports hundreds of thousands of
 * records, and building a JsonNode tree for each would cost more than
 * decoding them.
 */
#define G_LOG_DOMAIN "bd-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "bd-cpu.h"
#include "bd-diagnosis.h"
#include "bd-export.h"
#include "bd-text.h"

/* The writers below append to @out through these two: a GString append is
 * a library call per piece, and a JSON object is some hundred pieces. The
 * room is reserved first, then the bytes are written in place. */

/* Makes room for @n more bytes after out->len (and the NUL after them);
 * returns where they go. out->len is not moved: see commit(). */
static char *
reserve (GString *out,
         gsize    n)
{
  if (out->allocated_len - out->len <= n)
    {
      gsize len = out->len;

      g_string_set_size (out, len + n);
      out->len = len;
    }
  return out->str + out->len;
}

/* Ends a write that reserve() made room for: @end is one past its last byte. */
static void
commit (GString *out,
        char    *end)
{
  *end = '\0';
  out->len = end - out->str;
}

static void
append_bytes (GString    *out,
              const char *bytes,
              gsize       n)
{
  char *p = reserve (out, n);

  memcpy (p, bytes, n);
  commit (out, p + n);
}

static void
append_char (GString *out,
             char     c)
{
  char *p = reserve (out, 1);

  *p++ = c;
  commit (out, p);
}

/* Writes the escape of @c at @p; returns the end. */
static char *
write_escape (char   *p,
              guchar  c)
{
  static const char hex[] = "0123456789abcdef";

  *p++ = '\\';
  switch (c)
    {
    case '"': *p++ = '"'; break;
    case '\\': *p++ = '\\'; break;
    case '\n': *p++ = 'n'; break;
    case '\r': *p++ = 'r'; break;
    case '\t': *p++ = 't'; break;
    default:
      memcpy (p, "u00", 3);
      p[3] = hex[c >> 4];
      p[4] = hex[c & 0xf];
      p += 5;
    }
  return p;
}

/* The bytes a JSON string must escape (RFC 8259 §7: controls, '"' and
 * '\\'; DEL as well, as this writer always did). */
#ifdef __SSE2__
/* One bit per byte of the 16 in @bytes that needs an escape. */
static inline unsigned
escape_mask_of (__m128i bytes)
{
  /* min (byte, 0x1f) == byte: an unsigned byte <= 0x1f, a control */
  __m128i control = _mm_cmpeq_epi8 (_mm_min_epu8 (bytes, _mm_set1_epi8 (0x1f)), bytes);
  __m128i quote = _mm_cmpeq_epi8 (bytes, _mm_set1_epi8 ('"'));
  __m128i backslash = _mm_cmpeq_epi8 (bytes, _mm_set1_epi8 ('\\'));
  __m128i del = _mm_cmpeq_epi8 (bytes, _mm_set1_epi8 (0x7f));

  return _mm_movemask_epi8 (_mm_or_si128 (_mm_or_si128 (quote, backslash), _mm_or_si128 (del, control)));
}

/* One bit per byte of the 16 at @p that needs an escape. */
static unsigned
escape_mask (const char *p)
{
  return escape_mask_of (_mm_loadu_si128 ((const __m128i *)p));
}
#else
static gboolean
needs_escape (guchar c)
{
  return c < 0x20 || c == '"' || c == '\\' || c == 0x7f;
}
#endif

/* How many bytes at the start of [s, end) need no escape. With SSE2
 * (every x86-64) 16 bytes are tested at once, the last few through a
 * padded copy: most exported strings are shorter than 16 bytes. */
static gsize
plain_run (const char *s,
           const char *end)
{
  const char *p = s;

#ifdef __SSE2__
  char tail[16] = { 0 };
  unsigned mask;

  for (; end - p >= 16; p += 16)
    if ((mask = escape_mask (p)) != 0)
      return p - s + __builtin_ctz (mask);
  if (p == end)
    return p - s;
  memcpy (tail, p, end - p);
  /* only the copied bytes: the padding's zeros are controls */
  mask = escape_mask (tail) & ((1u << (end - p)) - 1);
  return mask != 0 ? (gsize)(p - s + __builtin_ctz (mask)) : (gsize)(end - s);
#else
  while (p < end && !needs_escape ((guchar)*p))
    p++;
  return p - s;
#endif
}

/* Whether any of the @len bytes at @p needs an escape. @p may be read
 * up to 15 bytes past its end: it is the writer's own reserved room. */
static gboolean
has_escape (const char *p,
            gsize       len)
{
#ifdef __SSE2__
  for (gsize i = 0; i < len; i += 16)
    {
      unsigned mask = escape_mask (p + i);

      if (len - i < 16)
        mask &= (1u << (len - i)) - 1;   /* the bytes past the end are anything */
      if (mask != 0)
        return TRUE;
    }
  return FALSE;
#else
  return plain_run (p, p + len) < len;
#endif
}

/* The room write_string() needs for a string of @len bytes: the worst
 * case (every byte a six-byte \u00XX) and the quotes, so that no write
 * checks the room, and 16 bytes more for has_escape(). */
#define STRING_ROOM(len) (6 * (len) + 2 + 16)

#ifdef BD_CPU_AVX2_PATHS
/* The bytes of the 32 in @bytes that need an escape, as escape_mask_of (). */
__attribute__ ((target ("avx2"))) static inline __m256i
escapes32 (__m256i bytes)
{
  __m256i control = _mm256_cmpeq_epi8 (_mm256_min_epu8 (bytes, _mm256_set1_epi8 (0x1f)), bytes);
  __m256i quote = _mm256_cmpeq_epi8 (bytes, _mm256_set1_epi8 ('"'));
  __m256i backslash = _mm256_cmpeq_epi8 (bytes, _mm256_set1_epi8 ('\\'));
  __m256i del = _mm256_cmpeq_epi8 (bytes, _mm256_set1_epi8 (0x7f));

  return _mm256_or_si256 (_mm256_or_si256 (quote, backslash), _mm256_or_si256 (del, control));
}

/* copy_plain () of 32 bytes or more, 32 at a time, where the processor
 * has AVX2 (asked when it runs): the long replies. The bytes to escape
 * are gathered, and tested once at the end. */
__attribute__ ((target ("avx2"))) static gboolean
copy_plain32 (char       *p,
              const char *s,
              gsize       len)
{
  __m256i escapes = _mm256_setzero_si256 ();
  __m256i bytes;
  gsize i = 0;

  g_assert (len >= 32);
  for (; i + 32 <= len; i += 32)
    {
      bytes = _mm256_loadu_si256 ((const __m256i *)(gconstpointer)(s + i));
      escapes = _mm256_or_si256 (escapes, escapes32 (bytes));
      _mm256_storeu_si256 ((__m256i *)(gpointer)(p + i), bytes);
    }
  if (i < len)
    {
      bytes = _mm256_loadu_si256 ((const __m256i *)(gconstpointer)(s + len - 32));
      escapes = _mm256_or_si256 (escapes, escapes32 (bytes));
      _mm256_storeu_si256 ((__m256i *)(gpointer)(p + len - 32), bytes);
    }
  return !_mm256_testz_si256 (escapes, escapes);
}
#endif

/* Copies the @len bytes at @s to @p; returns whether any of them needs an
 * escape. @p may be written and read up to 15 bytes past the copy: it is
 * the writer's own reserved room. */
static gboolean
copy_plain (char       *p,
            const char *s,
            gsize       len)
{
#ifdef __SSE2__
  unsigned mask = 0;
  gsize i = 0;

  if (len < 16)
    {
      bd_text_copy_short (p, s, len);
      return has_escape (p, len);
    }
#ifdef BD_CPU_AVX2_PATHS
  if (len >= 32 && bd_cpu_has_avx2 ())
    return copy_plain32 (p, s, len);
#endif
  /* 16 bytes a step, each tested as it is copied; the last step ends at
   * the end, over bytes already copied */
  for (; i + 16 <= len; i += 16)
    {
      __m128i bytes = _mm_loadu_si128 ((const __m128i *)(gconstpointer)(s + i));

      mask |= escape_mask_of (bytes);
      _mm_storeu_si128 ((__m128i *)(gpointer)(p + i), bytes);
    }
  if (i < len)
    {
      __m128i bytes = _mm_loadu_si128 ((const __m128i *)(gconstpointer)(s + len - 16));

      mask |= escape_mask_of (bytes);
      _mm_storeu_si128 ((__m128i *)(gpointer)(p + len - 16), bytes);
    }
  return mask != 0;
#else
  memcpy (p, s, len);
  return has_escape (p, len);
#endif
}

/* Writes @s (@len bytes) quoted and escaped at @p, in STRING_ROOM (@len)
 * reserved bytes; returns the end. Each run of bytes that need no escape
 * is copied with one memcpy. Nearly no exported string needs an escape:
 * it is copied whole first, and tested as it is copied; the rare string
 * that does is then written again over the copy, run by run. */
static char *
write_string (char       *p,
              const char *s,
              gsize       len)
{
  const char *end = s + len;

  *p++ = '"';
  if (copy_plain (p, s, len))
    for (;;)
      {
        gsize run = plain_run (s, end);

        memcpy (p, s, run);
        p += run;
        s += run;
        if (s == end)
          break;
        p = write_escape (p, (guchar)*s++);
      }
  else
    p += len;
  *p++ = '"';
  return p;
}

static void
append_json_string (GString    *out,
                    const char *s)
{
  gsize len;
  char *p;

  if (s == NULL)
    {
      p = reserve (out, 4);
      memcpy (p, "null", 4);
      commit (out, p + 4);
      return;
    }
  len = strlen (s);
  p = reserve (out, STRING_ROOM (len));
  commit (out, write_string (p, s, len));
}

/* printf's "%" G_GINT64_FORMAT, without parsing a format per number. */
static void
append_int (GString *out,
            gint64   value)
{
  char digits[24];
  char *end = digits + sizeof digits, *d = end;
  guint64 magnitude = value < 0 ? -(guint64)value : (guint64)value;

  do
    *--d = '0' + magnitude % 10;
  while ((magnitude /= 10) != 0);
  if (value < 0)
    *--d = '-';
  append_bytes (out, d, end - d);
}

/* One JSON object or array being written: ", " goes before every member
 * but the first, so the writers below only name their members. */
typedef struct
{
  GString  *out;
  gboolean  started;
} JsonLevel;

static JsonLevel
json_open (GString *out,
           char     bracket)
{
  append_char (out, bracket);
  return (JsonLevel) { out, FALSE };
}

static void
json_next (JsonLevel *level)
{
  if (level->started)
    append_bytes (level->out, ", ", 2);
  level->started = TRUE;
}

/* Writes ", " (but before the first member), then "key": at @p, in
 * KEY_ROOM (strlen (@key)) reserved bytes; returns the end. */
#define KEY_ROOM(len) ((len) + 6)

static inline char *
write_key (JsonLevel  *level,
           char       *p,
           const char *key,
           gsize       len)
{
  if (level->started)
    {
      memcpy (p, ", ", 2);
      p += 2;
    }
  level->started = TRUE;
  *p++ = '"';
  memcpy (p, key, len);
  p += len;
  memcpy (p, "\": ", 3);
  return p + 3;
}

/* ", " (but before the first member), then "key": in one write.
 * Inlined, so that the length of each literal key is known where it is
 * written. */
static inline void
json_key (JsonLevel  *level,
          const char *key)
{
  gsize len = strlen (key);
  char *p = reserve (level->out, KEY_ROOM (len));

  commit (level->out, write_key (level, p, key, len));
}

/* A nested object or array: as @key's value in an object (@key non-NULL),
 * or as the next element of an array. */
static JsonLevel
json_open_in (JsonLevel  *parent,
              const char *key,
              char        bracket)
{
  if (key != NULL)
    json_key (parent, key);
  else
    json_next (parent);
  return json_open (parent->out, bracket);
}

/* "key": "value" (or null), the key and the value in one write: a
 * message has some thirty. Inlined, so that each literal key is written
 * by a few moves of known length (the value's escaping is a call). */
G_ALWAYS_INLINE static inline void
json_string (JsonLevel  *level,
             const char *key,
             const char *value)
{
  gsize key_len = strlen (key), len;
  char *p;

  if (value == NULL)
    {
      p = reserve (level->out, KEY_ROOM (key_len) + 4);
      p = write_key (level, p, key, key_len);
      memcpy (p, "null", 4);
      commit (level->out, p + 4);
      return;
    }
  len = strlen (value);
  p = reserve (level->out, KEY_ROOM (key_len) + STRING_ROOM (len));
  p = write_key (level, p, key, key_len);
  commit (level->out, write_string (p, value, len));
}

/* A number, or null for 0 (no reply code). */
static void
json_uint_or_null (JsonLevel  *level,
                   const char *key,
                   guint       value)
{
  json_key (level, key);
  if (value != 0)
    append_int (level->out, value);
  else
    append_bytes (level->out, "null", 4);
}

static void
json_string_array (JsonLevel  *level,
                   const char *key,
                   GPtrArray  *values)
{
  JsonLevel array = json_open_in (level, key, '[');

  for (guint i = 0; i < values->len; i++)
    {
      json_next (&array);
      append_json_string (array.out, g_ptr_array_index (values, i));
    }
  append_char (array.out, ']');
}

static void
append_dkim (JsonLevel       *array,
             const BdDkimRef *ref)
{
  JsonLevel object = json_open_in (array, NULL, '{');

  json_string (&object, "domain", ref->domain);
  json_string (&object, "selector", ref->selector);
  append_char (object.out, '}');
}

static void
append_original (GString          *out,
                 const BdOriginal *o)
{
  JsonLevel object = json_open (out, '{');
  JsonLevel dkim;

  json_string (&object, "from", o->from);
  json_string_array (&object, "to", o->to);
  json_string (&object, "subject", o->subject);
  json_string (&object, "message_id", o->message_id);
  json_string (&object, "date", o->date);
  dkim = json_open_in (&object, "dkim", '[');
  for (guint i = 0; i < o->dkim->len; i++)
    append_dkim (&dkim, g_ptr_array_index (o->dkim, i));
  append_char (out, ']');
  json_string (&object, "sender_ip", o->sender_ip);
  json_string (&object, "sender_host", o->sender_host);
  append_char (out, '}');
}

static void
append_recipient (JsonLevel         *array,
                  const BdRecipient *r)
{
  JsonLevel object = json_open_in (array, NULL, '{');

  json_string (&object, "address", r->address);
  json_string (&object, "original", r->original);
  json_string (&object, "action", r->action);
  json_string (&object, "status", r->status);
  json_uint_or_null (&object, "reply_code", r->reply_code);
  json_string (&object, "diagnostic", r->diagnostic);
  json_string (&object, "remote_mta", r->remote_mta);
  json_string (&object, "last_attempt", r->last_attempt);
  json_string (&object, "will_retry_until", r->will_retry_until);
  json_string (&object, "reason", bd_reason_to_string (r->reason));
  json_key (&object, "hard");
  if (r->hard)
    append_bytes (object.out, "true", 4);
  else
    append_bytes (object.out, "false", 5);
  json_string (&object, "evidence", r->evidence);
  append_char (object.out, '}');
}

/**
 * bd_export_json_append:
 * @out: where to append one JSON object, without a line end
 */
void
bd_export_json_append (GString        *out,
                       const BdBounce *bounce)
{
  g_autofree char *summary = NULL;
  JsonLevel object, recipients;

  g_return_if_fail (out != NULL);
  g_return_if_fail (bounce != NULL);

  object = json_open (out, '{');
  json_string (&object, "source", bounce->source);
  json_key (&object, "offset");
  append_int (out, bounce->offset);
  json_string (&object, "kind", bd_kind_to_string (bounce->kind));
  json_string (&object, "mta", bounce->mta);
  json_string (&object, "reporting_mta", bounce->reporting_mta);
  json_string (&object, "date", bounce->date);
  json_string (&object, "arrival_date", bounce->arrival_date);
  json_key (&object, "original");
  append_original (out, bounce->original);
  recipients = json_open_in (&object, "recipients", '[');
  for (guint i = 0; i < bounce->recipients->len; i++)
    append_recipient (&recipients, g_ptr_array_index (bounce->recipients, i));
  append_char (out, ']');
  json_string (&object, "note", bounce->note);
  summary = bd_diagnosis_summary (bounce);
  json_string (&object, "summary", summary);
  append_char (out, '}');
}

/**
 * bd_export_append_csv_field:
 * @s: (nullable): the value; %NULL leaves the field empty
 *
 * Appends @s as one RFC 4180 field, quoted only when it must be.
 */
void
bd_export_append_csv_field (GString    *out,
                            const char *s)
{
  if (s == NULL)
    return;
  if (strpbrk (s, ",\"\r\n") == NULL && s[0] != ' ' && (s[0] == '\0' || s[strlen (s) - 1] != ' '))
    {
      g_string_append (out, s);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = s; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * bd_export_csv_append:
 *
 * Appends one row per recipient (see %BD_EXPORT_CSV_HEADER), each ending
 * in CRLF-free "\n".
 */
void
bd_export_csv_append (GString        *out,
                      const BdBounce *bounce)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (bounce != NULL);

  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      const BdRecipient *r = g_ptr_array_index (bounce->recipients, i);

      bd_export_append_csv_field (out, bounce->source);
      g_string_append_printf (out, ",%" G_GINT64_FORMAT ",%s,", (gint64)bounce->offset,
                              bd_kind_to_string (bounce->kind));
      bd_export_append_csv_field (out, r->address);
      g_string_append_c (out, ',');
      bd_export_append_csv_field (out, r->status);
      g_string_append_c (out, ',');
      if (r->reply_code != 0)
        g_string_append_printf (out, "%u", r->reply_code);
      g_string_append_printf (out, ",%s,%s,", bd_reason_to_string (r->reason),
                              r->hard ? "true" : "false");
      bd_export_append_csv_field (out, r->diagnostic);
      g_string_append_c (out, '\n');
    }
}
