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
#include "bd-explain-buffer.h"
#include "bd-export.h"
#include "bd-text.h"

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
 * up to 15 bytes past its end: it is the writer's own reserved room.
 * Inlined: write_string ()'s short strings pay no call. */
G_ALWAYS_INLINE static inline gboolean
has_escape (const char *p,
            gsize       len)
{
#ifdef __SSE2__
  unsigned mask = 0;
  gsize i = 0;

  if (len < 16)
    return (escape_mask (p) & ((1u << len) - 1)) != 0;   /* the bytes past the end are anything */
  /* 16 bytes a step, the masks gathered and tested once; the last step
   * ends at the end, over bytes already tested */
  for (; i + 16 <= len; i += 16)
    mask |= escape_mask (p + i);
  if (i < len)
    mask |= escape_mask (p + len - 16);
  return mask != 0;
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
G_ALWAYS_INLINE static inline gboolean
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

/* Writes @s (@len bytes) escaped at @p, over its plain copy; returns the
 * end. Each run of bytes that need no escape is copied with one memcpy.
 * Apart from write_string (): the rare path, whose frame and registers
 * the common one does not pay for. */
G_NO_INLINE static char *
write_escaped (char       *p,
               const char *s,
               gsize       len)
{
  const char *end = s + len;

  for (;;)
    {
      gsize run = plain_run (s, end);

      memcpy (p, s, run);
      p += run;
      s += run;
      if (s == end)
        return p;
      p = write_escape (p, (guchar)*s++);
    }
}

/* Writes @s (@len bytes) quoted and escaped at @p, in STRING_ROOM (@len)
 * reserved bytes; returns the end. Nearly no exported string needs an
 * escape: it is copied whole first, and tested as it is copied; the rare
 * string that does is then written again over the copy. One call, with
 * the copy inlined: some twenty strings a message go through it. */
G_NO_INLINE static char *
write_string (char       *p,
              const char *s,
              gsize       len)
{
  *p++ = '"';
  p = copy_plain (p, s, len) ? write_escaped (p, s, len) : p + len;
  *p++ = '"';
  return p;
}

/* Writes the literal @literal at @p; returns the end. Inlined, so that its
 * length is known where it is written: a few moves, no call. */
G_ALWAYS_INLINE static inline char *
put_literal (char       *p,
             const char *literal)
{
  gsize n = strlen (literal);

  memcpy (p, literal, n);
  return p + n;
}

/* printf's "%" G_GINT64_FORMAT at @p, without parsing a format per number;
 * returns the end. */
static char *
put_int (char   *p,
         gint64  value)
{
  if (value < 0)
    *p++ = '-';
  return bd_buffer_put_uint (p, value < 0 ? -(guint64)value : (guint64)value);
}

/* A string value to write, measured before its object's room is
 * reserved, and written without measuring it again. */
typedef struct
{
  const char *s;     /* nullable: null */
  gsize       len;
} Value;

static inline Value
value_of (const char *s)
{
  return (Value) { s, s != NULL ? strlen (s) : 0 };
}

/* The room of any literal written before a value (", \"will_retry_until\": "
 * is 22 bytes), of a number (20 digits and a sign) or of true/false. */
#define LITERAL_ROOM 32

/* An object's members are written into room reserved once for all of
 * them: reserving it member by member cost as much as writing them. The
 * room of @n values, each with the literal before it. */
static gsize
values_room (const Value *values,
             guint        n)
{
  gsize room = 0;

  for (guint i = 0; i < n; i++)
    room += LITERAL_ROOM + STRING_ROOM (values[i].len);
  return room;
}

/* @before (a literal: the separator, the quoted key and ": ") and @value,
 * quoted and escaped, or null, at @p; returns the end. */
G_ALWAYS_INLINE static inline char *
put_member (char        *p,
            const char  *before,
            const Value *value)
{
  g_assert (strlen (before) <= LITERAL_ROOM);
  p = put_literal (p, before);
  if (value->s == NULL)
    return put_literal (p, "null");
  return write_string (p, value->s, value->len);
}

/* One element of a JSON array of strings: @first, or after ", ". */
static void
append_element (GString    *out,
                const char *s,
                gboolean    first)
{
  Value value = value_of (s);
  char *p = bd_buffer_reserve (out, values_room (&value, 1));

  bd_buffer_commit (out, put_member (p, first ? "" : ", ", &value));
}

static void
append_string_elements (GString   *out,
                        GPtrArray *values)
{
  for (guint i = 0; i < values->len; i++)
    append_element (out, g_ptr_array_index (values, i), i == 0);
}

static void
append_dkim (GString         *out,
             const BdDkimRef *ref,
             gboolean         first)
{
  Value values[] = { value_of (ref->domain), value_of (ref->selector) };
  char *p = bd_buffer_reserve (out, values_room (values, G_N_ELEMENTS (values)));

  p = put_member (p, first ? "{\"domain\": " : ", {\"domain\": ", &values[0]);
  p = put_member (p, ", \"selector\": ", &values[1]);
  *p++ = '}';
  bd_buffer_commit (out, p);
}

/* The original's object in three writes: up to its array "to", up to its
 * array "dkim", and the rest. */
static void
append_original (GString          *out,
                 const BdOriginal *o)
{
  Value head[] = { value_of (o->from) };
  Value middle[] = { value_of (o->subject), value_of (o->message_id), value_of (o->date) };
  Value tail[] = { value_of (o->sender_ip), value_of (o->sender_host) };
  char *p = bd_buffer_reserve (out, values_room (head, G_N_ELEMENTS (head)) + LITERAL_ROOM);

  p = put_member (p, "{\"from\": ", &head[0]);
  bd_buffer_commit (out, put_literal (p, ", \"to\": ["));
  append_string_elements (out, o->to);

  p = bd_buffer_reserve (out, values_room (middle, G_N_ELEMENTS (middle)) + 2 * LITERAL_ROOM);
  p = put_member (p, "], \"subject\": ", &middle[0]);
  p = put_member (p, ", \"message_id\": ", &middle[1]);
  p = put_member (p, ", \"date\": ", &middle[2]);
  bd_buffer_commit (out, put_literal (p, ", \"dkim\": ["));
  for (guint i = 0; i < o->dkim->len; i++)
    append_dkim (out, g_ptr_array_index (o->dkim, i), i == 0);

  p = bd_buffer_reserve (out, values_room (tail, G_N_ELEMENTS (tail)) + LITERAL_ROOM);
  p = put_member (p, "], \"sender_ip\": ", &tail[0]);
  p = put_member (p, ", \"sender_host\": ", &tail[1]);
  *p++ = '}';
  bd_buffer_commit (out, p);
}

/* A recipient's object in one write. */
static void
append_recipient (GString           *out,
                  const BdRecipient *r,
                  gboolean           first)
{
  Value v[] = {
    value_of (r->address), value_of (r->original), value_of (r->action), value_of (r->status),
    value_of (r->diagnostic), value_of (r->remote_mta), value_of (r->last_attempt),
    value_of (r->will_retry_until), value_of (bd_reason_to_string (r->reason)), value_of (r->evidence),
  };
  /* and reply_code's and hard's members */
  char *p = bd_buffer_reserve (out, values_room (v, G_N_ELEMENTS (v)) + 4 * LITERAL_ROOM);

  p = put_member (p, first ? "{\"address\": " : ", {\"address\": ", &v[0]);
  p = put_member (p, ", \"original\": ", &v[1]);
  p = put_member (p, ", \"action\": ", &v[2]);
  p = put_member (p, ", \"status\": ", &v[3]);
  p = put_literal (p, ", \"reply_code\": ");
  /* a number, or null for 0 (no reply code) */
  p = r->reply_code != 0 ? put_int (p, r->reply_code) : put_literal (p, "null");
  p = put_member (p, ", \"diagnostic\": ", &v[4]);
  p = put_member (p, ", \"remote_mta\": ", &v[5]);
  p = put_member (p, ", \"last_attempt\": ", &v[6]);
  p = put_member (p, ", \"will_retry_until\": ", &v[7]);
  p = put_member (p, ", \"reason\": ", &v[8]);
  p = r->hard ? put_literal (p, ", \"hard\": true") : put_literal (p, ", \"hard\": false");
  p = put_member (p, ", \"evidence\": ", &v[9]);
  *p++ = '}';
  bd_buffer_commit (out, p);
}

/* Escapes in place what was appended to @out after @start: the summary,
 * written there unescaped. Nearly none needs an escape; one that does is
 * copied out and written again. */
static void
escape_appended (GString *out,
                 gsize    start)
{
  gsize len = out->len - start;
  g_autofree char *copy = NULL;

  /* has_escape () reads up to 15 bytes past the end: room of our own */
  bd_buffer_reserve (out, 16);
  if (!has_escape (out->str + start, len))
    return;
  copy = g_strndup (out->str + start, len);
  out->len = start;
  bd_buffer_commit (out, write_escaped (bd_buffer_reserve (out, STRING_ROOM (len)), copy, len));
}

/**
 * bd_export_json_append:
 * @out: where to append one JSON object, without a line end
 */
void
bd_export_json_append (GString        *out,
                       const BdBounce *bounce)
{
  Value head[] = {
    value_of (bounce->source), value_of (bd_kind_to_string (bounce->kind)), value_of (bounce->mta),
    value_of (bounce->reporting_mta), value_of (bounce->date), value_of (bounce->arrival_date),
  };
  Value note;
  gsize summary_start;
  char *p;

  g_return_if_fail (out != NULL);
  g_return_if_fail (bounce != NULL);

  /* and offset's member and original's key */
  p = bd_buffer_reserve (out, values_room (head, G_N_ELEMENTS (head)) + 2 * LITERAL_ROOM);
  p = put_member (p, "{\"source\": ", &head[0]);
  p = put_literal (p, ", \"offset\": ");
  p = put_int (p, bounce->offset);
  p = put_member (p, ", \"kind\": ", &head[1]);
  p = put_member (p, ", \"mta\": ", &head[2]);
  p = put_member (p, ", \"reporting_mta\": ", &head[3]);
  p = put_member (p, ", \"date\": ", &head[4]);
  p = put_member (p, ", \"arrival_date\": ", &head[5]);
  bd_buffer_commit (out, put_literal (p, ", \"original\": "));
  append_original (out, bounce->original);

  p = bd_buffer_reserve (out, LITERAL_ROOM);
  bd_buffer_commit (out, put_literal (p, ", \"recipients\": ["));
  for (guint i = 0; i < bounce->recipients->len; i++)
    append_recipient (out, g_ptr_array_index (bounce->recipients, i), i == 0);

  note = value_of (bounce->note);
  p = bd_buffer_reserve (out, values_room (&note, 1) + LITERAL_ROOM);
  p = put_member (p, "], \"note\": ", &note);
  bd_buffer_commit (out, put_literal (p, ", \"summary\": \""));
  /* the summary is never null; it is written in place, then escaped */
  summary_start = out->len;
  bd_diagnosis_append_summary (out, bounce);
  escape_appended (out, summary_start);
  p = bd_buffer_reserve (out, 2);
  *p++ = '"';
  *p++ = '}';
  bd_buffer_commit (out, p);
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
