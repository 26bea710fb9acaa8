/* bd-mailbox-filter.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs on every message of a mailbox, so it never allocates for ordinary
 * mail and never calls GMime: header lines are walked with memchr and
 * compared case-insensitively against short lists. Only a Subject: or
 * From: written as RFC 2047 words is decoded (B and Q, into a stack
 * buffer, charset ignored: the markers are ASCII or UTF-8/ISO-8859-2 bytes).
 */
#define G_LOG_DOMAIN "bd-mailbox"
#define _GNU_SOURCE   /* memmem */

#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "bd-cpu.h"
#include "bd-mailbox-filter.h"
#include "bd-mime-walk.h"
#include "bd-text.h"

#ifdef BD_CPU_AVX2_PATHS
/* bd_mailbox_memmem ()'s loop 32 places a turn where AVX2 is (an mbox's
 * every message is searched for escaped From_ lines, a mixed message's
 * body for an attached report). Returns the needle's first place in the
 * blocks from *@from, or NULL with *@from where the blocks stopped. */
__attribute__ ((target ("avx2"))) static const char *
memmem_blocks32 (const char **from,
                 const char  *end,
                 const char  *needle,
                 gsize        n)
{
  const __m256i first = _mm256_set1_epi8 (needle[0]);
  const __m256i last = _mm256_set1_epi8 (needle[n - 1]);
  const char *p = *from;

  for (; (gsize)(end - p) >= n + 31; p += 32)
    {
      __m256i a = _mm256_loadu_si256 ((const __m256i *)(gconstpointer)p);
      __m256i b = _mm256_loadu_si256 ((const __m256i *)(gconstpointer)(p + n - 1));
      guint32 mask = (guint32)_mm256_movemask_epi8 (_mm256_and_si256 (_mm256_cmpeq_epi8 (a, first),
                                                                      _mm256_cmpeq_epi8 (b, last)));

      for (; mask != 0; mask &= mask - 1)
        {
          const char *hit = p + __builtin_ctz (mask);

          if (memcmp (hit + 1, needle + 1, n - 2) == 0)
            return hit;
        }
    }
  *from = p;
  return NULL;
}
#endif

/**
 * bd_mailbox_memmem:
 *
 * memmem() for the pre-filter's hot loops. glibc's is byte-wise for short
 * needles; with SSE2 this tests 16 positions at once for the needle's
 * first and last bytes (W. Muła's "SIMD-friendly" search) and compares
 * only where both match, 32 at once with AVX2 where the processor has it.
 */
const char *
bd_mailbox_memmem (const char *hay,
                   gsize       len,
                   const char *needle,
                   gsize       n)
{
  const char *p = hay, *end = hay + len;

  if (n == 0)
    return hay;
#ifdef BD_CPU_AVX2_PATHS
  if (n >= 2 && bd_cpu_has_avx2 ())
    {
      const char *hit = memmem_blocks32 (&p, end, needle, n);

      if (hit != NULL)
        return hit;
    }
#endif
#ifdef __SSE2__
  if (n >= 2)
    {
      const __m128i first = _mm_set1_epi8 (needle[0]);
      const __m128i last = _mm_set1_epi8 (needle[n - 1]);

      while ((gsize)(end - p) >= n + 15)
        {
          __m128i a = _mm_loadu_si128 ((const __m128i *)p);
          __m128i b = _mm_loadu_si128 ((const __m128i *)(p + n - 1));
          unsigned mask = _mm_movemask_epi8 (_mm_and_si128 (_mm_cmpeq_epi8 (a, first),
                                                            _mm_cmpeq_epi8 (b, last)));

          while (mask != 0)
            {
              const char *hit = p + __builtin_ctz (mask);

              if (memcmp (hit + 1, needle + 1, n - 2) == 0)
                return hit;
              mask &= mask - 1;
            }
          p += 16;
        }
    }
#endif
  return memmem (p, end - p, needle, n);
}

/* Lower-case ASCII; matched anywhere in the value. */
static const char *const from_markers[] = {
  "mailer-daemon", "mailer_daemon", "maildaemon", "mailer daemon", "postmaster",
  "mail delivery", "mail-delivery", "maildelivery", "delivery subsystem",
  "mail system", "mailsystem", "mdaemon", "daemon@", "bounce", "microsoftexchange",
  "auto-reply", "autoreply", "autoresponder", "auto-response", "abuse",
  "delivery status", "deliverystatus", "nondeliver", "non-deliver", "undeliver",
  "system administrator", "administrator@", "poczta@", "mail administrator",
  NULL
};

static const char *const subject_markers[] = {
  /* English */
  "undeliver", "not delivered", "delivery fail", "failed delivery", "delivery status",
  "delivery notification", "delivery report", "failure notice", "failure delivery",
  "returned mail", "return mail", "returned to sender", "mail delivery", "message delivery",
  "could not be delivered", "couldn't be delivered", "can't be delivered", "cannot be delivered",
  "delivery has failed", "delivery delayed", "delayed mail", "delivery problem", "delivery warning",
  "non-deliver", "nondeliver", "non deliver", "warning: could not send", "could not send message",
  "mail could not", "message not", "was not delivered", "rejected", "blocked", "bounce",
  "automatic reply", "auto reply", "auto-reply", "autoreply", "auto response", "auto-response",
  "out of office", "out of the office", "vacation", "away from", "read:", "read receipt",
  "disposition notification", "return receipt", "abuse report", "complaint", "feedback report",
  "spam report", "not member", "delivered:", "relayed:", "successful mail delivery", "delivery confirmation",
  /* German */
  "unzustellbar", "nicht zustellbar", "zustellung", "fehlgeschlagen", "nicht zugestellt",
  "zugestellt:", "automatische antwort", "abwesenheit", "gelesen:", "unbekannt",
  "r\xc3\xbc" "ckl\xc3\xa4ufer", "rueckl", "verz\xc3\xb6gert",
  /* Polish (UTF-8 and ISO-8859-2 bytes) */
  "niedostarcz", "nie dostarcz", "niedor\xc4\x99" "cz", "niedor\xea" "cz", "nie mo\xc5\xbc" "na dostarczy",
  "nie mo\xbf" "na dostarczy", "dostarczeni", "dor\xc4\x99" "czeni", "dor\xea" "czeni", "zwrot",
  "automatyczna odpowied", "autoodpowied", "poza biurem", "nieobecno", "odczytano", "przeczytan",
  "b\xc5\x82\xc4\x85" "d dor", "op\xc3\xb3\xc5\xba" "nienie", "status dor", "status dostarcz",
  /* Czech, French, Italian, Spanish, Portuguese, Dutch, Nordic */
  "nedoru", "doru\xc4\x8d", "non remis", "non distribu", "remise", "non recapit",
  "mancata consegna", "no se pudo entregar", "no entregado", "no se puede entregar",
  "n\xc3\xa3o entregue", "falha na entrega", "onbestelbaar", "niet bezorgd", "olevererbar",
  "kan ikke leveres", "ikke levert", "r\xc3\xa9" "ponse automatique", "risposta automatica",
  "respuesta autom", "resposta autom",
  NULL
};

/* g_ascii_strncasecmp (@s, @lower, @n) == 0, @lower in lower case and
 * without NUL (a NUL in @s differs, as there), inline: GLib's calls a
 * function for each byte, on every field name of every message. */
static inline gboolean
equal_ci (const char *s,
          const char *lower,
          gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (bd_text_ascii_lower (s[i]) != lower[i])
      return FALSE;
  return TRUE;
}

/* Whether @needle (lower case) is in the @len bytes at @hay, case
 * folded. */
static gboolean
contains_ci (const char *hay,
             gsize       len,
             const char *needle)
{
  gsize n = strlen (needle);
  char first = needle[0];

  if (n > len)
    return FALSE;
  for (gsize i = 0; i + n <= len; i++)
    {
      if (bd_text_ascii_lower (hay[i]) != first)
        continue;
      if (equal_ci (hay + i, needle, n))
        return TRUE;
    }
  return FALSE;
}

#define LOWER_MAX 2048

/* A list of markers indexed by their first two bytes: a value is read
 * once, and only where two of its bytes start a marker are the markers
 * starting so compared. One search of the value per marker (a hundred of
 * them for a Subject:) cost more than the rest of the pre-filter. The
 * markers are chained by a hash of their two bytes. */
#define MAX_MARKERS 128
#define HASH_SIZE   512

typedef struct
{
  guint8       head[HASH_SIZE];          /* 1 + the first marker of each hash, or 0 */
  guint8       next[MAX_MARKERS];        /* 1 + the next marker of its hash, or 0 */
  guint16      key[MAX_MARKERS];         /* its first two bytes (pair_key ()) */
  guint8       len[MAX_MARKERS];
  const char  *marker[MAX_MARKERS];
} MarkerIndex;

static inline guint16
pair_key (const char *p)
{
  return (guint16)((guchar)p[0] | (guchar)p[1] << 8);
}

static inline guint
pair_hash (guint16 key)
{
  return (key * 40503u >> 7) % HASH_SIZE;
}

/* Indexes @markers (lower case, 2 to 255 bytes each). */
static void
index_markers (MarkerIndex       *index,
               const char *const *markers)
{
  memset (index->head, 0, sizeof index->head);
  for (guint i = 0; markers[i] != NULL; i++)
    {
      gsize n = strlen (markers[i]);
      guint h;

      g_assert (n >= 2 && n < 256 && i < MAX_MARKERS);
      index->key[i] = pair_key (markers[i]);
      index->len[i] = (guint8)n;
      index->marker[i] = markers[i];
      h = pair_hash (index->key[i]);
      index->next[i] = index->head[h];
      index->head[h] = (guint8)(i + 1);
    }
}

static const char *const subject_markers[];
static const char *const from_markers[];
static const char *const body_markers[];

/* The index of one of the three lists, made once for the process. */
static const MarkerIndex *
index_of (const char *const *markers)
{
  static gsize indexes;   /* 3 MarkerIndex: subject, from, body */
  const MarkerIndex *made;

  if (g_once_init_enter (&indexes))
    {
      MarkerIndex *three = g_new (MarkerIndex, 3);

      index_markers (&three[0], subject_markers);
      index_markers (&three[1], from_markers);
      index_markers (&three[2], body_markers);
      g_once_init_leave (&indexes, (gsize)three);
    }
  made = (const MarkerIndex *)indexes;
  return &made[markers == subject_markers ? 0 : markers == from_markers ? 1 : 2];
}

/* Whether a marker is at @i in the @len bytes at @hay, its two bytes
 * there being @key. */
static gboolean
marker_at (const MarkerIndex *index,
           const char        *hay,
           gsize              len,
           gsize              i,
           guint16            key)
{
  for (guint j = index->head[pair_hash (key)]; j != 0; j = index->next[j - 1])
    if (index->key[j - 1] == key && i + index->len[j - 1] <= len
        && memcmp (hay + i, index->marker[j - 1], index->len[j - 1]) == 0)
      return TRUE;
  return FALSE;
}

/* Lower-cases the value once (at most 2 KB of it), then reads it once
 * for all the markers: this runs on every Subject: and From: of a
 * mailbox. */
static gboolean
contains_any (const char        *value,
              gsize              len,
              const char *const *markers)
{
  const MarkerIndex *index = index_of (markers);
  char lower[LOWER_MAX];

  len = MIN (len, LOWER_MAX);
  bd_text_ascii_down_copy (lower, value, len);
  /* every marker has two bytes or more: none starts at the last one */
  for (gsize i = 0; i + 1 < len; i++)
    {
      guint16 key = pair_key (lower + i);

      if (index->head[pair_hash (key)] != 0 && marker_at (index, lower, len, i, key))
        return TRUE;
    }
  return FALSE;
}

static int
hex_value (char c)
{
  if (g_ascii_isdigit (c))
    return c - '0';
  if (g_ascii_isxdigit (c))
    return g_ascii_tolower (c) - 'a' + 10;
  return -1;
}

/* Decodes RFC 2047 words of @value into @out (at most @size bytes), the
 * rest copied as is. Returns the length written. */
static gsize
decode_words (const char *value,
              gsize       len,
              char       *out,
              gsize       size)
{
  const char *p = value, *end = value + len;
  gsize o = 0;

  while (p < end && o < size)
    {
      const char *q1, *q2, *close;

      if (!(p[0] == '=' && p + 1 < end && p[1] == '?')
          || (q1 = memchr (p + 2, '?', end - p - 2)) == NULL || q1 + 2 >= end || q1[2] != '?'
          || (close = g_strstr_len (q1 + 3, end - q1 - 3, "?=")) == NULL)
        {
          out[o++] = *p++;
          continue;
        }
      q2 = q1 + 3;
      if (g_ascii_tolower (q1[1]) == 'b')
        {
          guchar tmp[768];
          gint state = 0;
          guint save = 0;
          gsize n = MIN ((gsize)(close - q2), sizeof tmp / 4 * 3);

          n = g_base64_decode_step (q2, n, tmp, &state, &save);
          n = MIN (n, size - o);
          memcpy (out + o, tmp, n);
          o += n;
        }
      else
        {
          for (const char *c = q2; c < close && o < size; c++)
            {
              if (*c == '_')
                out[o++] = ' ';
              else if (*c == '=' && c + 2 < close && hex_value (c[1]) >= 0 && hex_value (c[2]) >= 0)
                {
                  out[o++] = (char)(hex_value (c[1]) * 16 + hex_value (c[2]));
                  c += 2;
                }
              else
                out[o++] = *c;
            }
        }
      p = close + 2;
    }
  return o;
}

/* g_strstr_len (@value, @len, "@a@b") != NULL, which stops at a NUL:
 * the pair found 16 places at a time (bd_mime_walk_find_pair ()), then
 * no NUL before it. GLib's compares at every byte, for the From: and
 * Return-Path: of every message. */
static gboolean
has_pair (const char *value,
          gsize       len,
          char        a,
          char        b)
{
  const char *hit = bd_mime_walk_find_pair (value, len, a, b);

  return hit != NULL && memchr (value, '\0', hit - value) == NULL;
}

static gboolean
matches_words (const char        *value,
               gsize              len,
               const char *const *markers)
{
  char decoded[1024];
  gsize n;

  if (contains_any (value, len, markers))
    return TRUE;
  if (!has_pair (value, len, '=', '?'))
    return FALSE;
  n = decode_words (value, MIN (len, 2048), decoded, sizeof decoded);
  return contains_any (decoded, n, markers);
}

/* @name in lower case; inline, its length known where it is written. */
static inline gboolean
name_is (const char *line,
         gsize       name_len,
         const char *name)
{
  return strlen (name) == name_len && equal_ci (line, name, name_len);
}

/* One unfolded-enough header field: @value runs to the end of the field,
 * continuation lines included. */
static BdFilterVerdict
judge_field (const char *name,
             gsize       name_len,
             const char *value,
             gsize       len)
{
  switch (bd_text_ascii_lower (name[0]))
    {
    case 'a':
      if (name_is (name, name_len, "auto-submitted"))
        {
          while (len > 0 && g_ascii_isspace (*value))
            value++, len--;
          return len >= 2 && equal_ci (value, "no", 2) ? BD_FILTER_PEEK : BD_FILTER_DECODE;
        }
      break;
    case 'c':
      if (!name_is (name, name_len, "content-type"))
        break;
      if (contains_ci (value, len, "report") || contains_ci (value, len, "delivery-status")
          || contains_ci (value, len, "disposition-notification") || contains_ci (value, len, "message/"))
        return BD_FILTER_DECODE;
      /* A colleague may forward a bounce as an attachment. */
      if (contains_ci (value, len, "multipart/mixed"))
        return BD_FILTER_LOOK_INSIDE;
      /* Servers write their bounces as plain text (or as reports). */
      if (contains_ci (value, len, "multipart/") || contains_ci (value, len, "text/html"))
        return BD_FILTER_SKIP;
      break;
    case 'f':
      /* "From: <>": the null sender, as in Return-Path, is a server's */
      if (name_is (name, name_len, "from")
          && (matches_words (value, len, from_markers) || has_pair (value, len, '<', '>')))
        return BD_FILTER_DECODE;
      break;
    case 'p':
      if (name_is (name, name_len, "precedence") && contains_ci (value, len, "auto"))
        return BD_FILTER_DECODE;
      break;
    case 'r':
      if (name_is (name, name_len, "return-path")
          && (has_pair (value, len, '<', '>') || contains_ci (value, len, "mailer-daemon")))
        return BD_FILTER_DECODE;
      break;
    case 's':
      if (name_is (name, name_len, "subject") && matches_words (value, len, subject_markers))
        return BD_FILTER_DECODE;
      if (name_is (name, name_len, "sender") && matches_words (value, len, from_markers))
        return BD_FILTER_DECODE;
      break;
    case 'x':
      if (name_is (name, name_len, "x-failed-recipients") || name_is (name, name_len, "x-autoreply")
          || name_is (name, name_len, "x-autorespond") || name_is (name, name_len, "x-autogenerated")
          || name_is (name, name_len, "x-ms-exchange-message-is-ndr")
          || name_is (name, name_len, "x-mailer-daemon-error")
          || name_is (name, name_len, "x-failed-recipient")
          || name_is (name, name_len, "x-mlserver")
          || (name_is (name, name_len, "x-loop") && contains_ci (value, len, "daemon")))
        return BD_FILTER_DECODE;
      break;
    default:
      break;
    }
  return BD_FILTER_PEEK;
}

/* The line at @p, a line start, is empty: it ends a header block. */
static gboolean
is_blank_line (const char *p,
               const char *end)
{
  return *p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n');
}

/**
 * bd_mailbox_filter_header_end:
 * @complete: (out): set to whether the blank line ending the header block
 *   was found
 *
 * Returns: the length of the header block of @data (without the blank line).
 */
gsize
bd_mailbox_filter_header_end (const char *data,
                              gsize       len,
                              gboolean   *complete)
{
  const char *p = data, *end = data + len;

  while (p < end)
    {
      const char *nl;

      if (is_blank_line (p, end))
        {
          *complete = TRUE;
          return p - data;
        }
      nl = memchr (p, '\n', end - p);
      if (nl == NULL)
        break;
      p = nl + 1;
    }
  *complete = FALSE;
  return len;
}

/**
 * bd_mailbox_filter_headers:
 * @data: a header block (the whole message is fine too: reading stops at
 *   the first blank line)
 *
 * Returns: whether the message may be a delivery report.
 */
BdFilterVerdict
bd_mailbox_filter_headers (const char *data,
                           gsize       len)
{
  const char *p = data, *end = data + len;
  BdFilterVerdict verdict = BD_FILTER_PEEK;

  /* One pass, field by field up to the blank line: most messages of a
   * mailbox of bounces are told by a field near the top, and the rest of
   * their header block is then never read. */
  while (p < end && !is_blank_line (p, end))
    {
      const char *colon, *field_end = p;
      BdFilterVerdict v;

      /* The field runs to the next line that does not start with a space. */
      do
        {
          const char *nl = memchr (field_end, '\n', end - field_end);

          field_end = nl != NULL ? nl + 1 : end;
        }
      while (field_end < end && (*field_end == ' ' || *field_end == '\t'));

      colon = memchr (p, ':', field_end - p);
      if (colon != NULL && colon > p)
        {
          v = judge_field (p, colon - p, colon + 1, field_end - colon - 1);
          if (v == BD_FILTER_DECODE)
            return v;
          verdict = MAX (verdict, v);
        }
      p = field_end;
    }
  return verdict;
}

/* One memmem pass: an attached report or message has a part whose
 * Content-Type is message/something. */
static gboolean
body_has_report (const char *body,
                 gsize       len)
{
  static const char *const subtypes[] = {
    "rfc822", "global", "delivery-status", "feedback-report", "disposition-notification", NULL
  };
  const char *p = body, *end = body + MIN (len, BD_FILTER_BODY_LOOK);

  while (p < end && (p = bd_mailbox_memmem (p, end - p, "essage/", 7)) != NULL)
    {
      p += 7;
      for (guint i = 0; subtypes[i] != NULL; i++)
        {
          gsize n = strlen (subtypes[i]);

          if ((gsize)(end - p) >= n && g_ascii_strncasecmp (p, subtypes[i], n) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

/* A server's own words near the top of a plain-text bounce whose headers
 * say nothing else (KDDI's, a mailing-list manager's refusal…). */
static const char *const body_markers[] = {
  "could not be delivered", "couldn't be delivered", "not be delivered", "undeliver",
  "delivery to the following", "delivery has failed", "delivery failed", "was not delivered",
  "permanent error", "permanent fatal", "mailbox is full", "mailbox full", "user unknown",
  "unknown user", "no such user", "not member", "returned to sender", "zustellbar", "dostarcz",
  "dor\xc4\x99" "cz", "doru\xc4\x8d", NULL
};

static gboolean
body_start_has_phrase (const char *body,
                       gsize       len)
{
  return contains_any (body, MIN (len, BD_FILTER_BODY_PEEK), body_markers);
}

/**
 * bd_mailbox_filter_starts_with_field:
 *
 * Returns: whether the first line is a header field: a name of printable
 *   ASCII without spaces, then a colon (RFC 5322 2.2), in the first 1000
 *   bytes. The name is read 16 bytes at a time where SSE2 is, by the MIME
 *   reader's bd_mime_walk_skip_name () (the same bytes end a name): a
 *   test of each byte for the colon and for the bytes no name holds cost
 *   a tenth of the pre-filter of every message (test-mailbox-scan
 *   compares it with that walk).
 */
gboolean
bd_mailbox_filter_starts_with_field (const char *data,
                                     gsize       len)
{
  const char *limit = data + MIN (len, 1000);
  const char *stop = bd_mime_walk_skip_name (data, limit);

  return stop > data && stop < limit && *stop == ':';
}

/**
 * bd_mailbox_filter_can_skip_start:
 * @data: the start of a message, not all of it
 *
 * Returns: %TRUE when what has been read already rules the message out,
 *   so the rest need not be kept.
 */
gboolean
bd_mailbox_filter_can_skip_start (const char *data,
                                  gsize       len)
{
  gboolean complete;
  gsize header_len = bd_mailbox_filter_header_end (data, len, &complete);
  const char *body = data + header_len;
  gsize body_len = len - header_len;

  if (!complete || !bd_mailbox_filter_starts_with_field (data, len))
    return FALSE;
  switch (bd_mailbox_filter_headers (data, header_len))
    {
    case BD_FILTER_SKIP:
      return TRUE;
    case BD_FILTER_PEEK:
      return body_len >= BD_FILTER_BODY_PEEK && !body_start_has_phrase (body, body_len);
    case BD_FILTER_LOOK_INSIDE:
      return body_len >= BD_FILTER_BODY_LOOK && !body_start_has_phrase (body, body_len)
             && !body_has_report (body, body_len);
    case BD_FILTER_DECODE:
    default:
      return FALSE;
    }
}

/**
 * bd_mailbox_filter_is_expunged:
 *
 * Thunderbird deletes a message from an mbox by setting the expunged flag
 * (0x0008) in its X-Mozilla-Status: header; the bytes stay until the
 * folder is compacted. Such a message is not shown, so it is not scanned.
 *
 * Returns: whether the message's headers say it was deleted.
 */
gboolean
bd_mailbox_filter_is_expunged (const char *data,
                               gsize       len)
{
  static const char field[] = "X-Mozilla-Status: ";
  const gsize n = sizeof field - 1;
  const char *p = data, *end = data + len;

  /* The header block's lines, each start compared: one walk, where the
   * walk to the block's end and then a search of the block for the
   * field (which only counts at a line start) read it twice. The flags
   * are on the field's line, before any blank line. */
  while (p < end && !is_blank_line (p, end))
    {
      const char *nl;

      if (*p == 'X' && (gsize)(end - p) >= n && memcmp (p, field, n) == 0)
        {
          guint flags = 0;

          p += n;
          for (guint i = 0; i < 4 && p + i < end && g_ascii_isxdigit (p[i]); i++)
            flags = flags * 16 + g_ascii_xdigit_value (p[i]);
          return (flags & 0x0008) != 0;
        }
      nl = memchr (p, '\n', end - p);
      if (nl == NULL)
        break;
      p = nl + 1;
    }
  return FALSE;
}

/**
 * bd_mailbox_filter_message:
 * @data: a whole message, or its start
 *
 * Returns: %TRUE when the message should be decoded.
 */
gboolean
bd_mailbox_filter_message (const char *data,
                           gsize       len)
{
  BdFilterVerdict verdict;
  gboolean complete;
  gsize header_len;

  /* The markers are matched line by line; a message with old Mac line
   * ends (CR only) has no lines to match, so let the decoder judge it. */
  if (memchr (data, '\n', MIN (len, 4096)) == NULL && memchr (data, '\r', MIN (len, 4096)) != NULL)
    return TRUE;

  /* A message that does not start with a header field (a notice saved
   * or pasted without its headers: "** Delivery incomplete **") has no
   * headers to judge by, and the decoder reads such text as a whole. */
  if (!bd_mailbox_filter_starts_with_field (data, len))
    return TRUE;

  verdict = bd_mailbox_filter_headers (data, len);
  if (verdict == BD_FILTER_DECODE)
    return TRUE;
  /* Only a body to look at needs where the header block ends. */
  header_len = bd_mailbox_filter_header_end (data, len, &complete);
  switch (verdict)
    {
    case BD_FILTER_DECODE:
      return TRUE;
    case BD_FILTER_LOOK_INSIDE:
      return body_start_has_phrase (data + header_len, len - header_len)
             || body_has_report (data + header_len, len - header_len);
    case BD_FILTER_PEEK:
      return body_start_has_phrase (data + header_len, len - header_len);
    case BD_FILTER_SKIP:
    default:
      return FALSE;
    }
}
