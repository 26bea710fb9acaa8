/* bd-date.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 5322 dates ("Mon, 2 Mar 2026 10:15:07 +0100 (CET)") as ISO 8601 UTC.
 * Nearly every date a mail server writes has the canonical form, read
 * here with plain arithmetic; anything else (two-digit years, zone names,
 * missing parts, out-of-range fields) goes to GMime's lenient parser, so
 * the answer is GMime's either way (test-date checks that they agree).
 */
#define G_LOG_DOMAIN "bd-date"

#include "config.h"

#include <gmime/gmime.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "bd-date.h"

/* Spaces and tabs only: GMime splits a date at those. */
static const char *
skip_blanks (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* At least one blank, as GMime needs between the parts of a date. */
static gboolean
skip_separator (const char **p)
{
  const char *after = skip_blanks (*p);

  if (after == *p)
    return FALSE;
  *p = after;
  return TRUE;
}

/* Three bytes as one word, compared at once. */
#define WORD3(a, b, c) ((guint32)(guchar)(a) | (guint32)(guchar)(b) << 8 | (guint32)(guchar)(c) << 16)

/* The weekday and month names as words, found by a multiplicative hash
 * of the word (its product's top four bits, a slot of 16) and one
 * compare: a switch took a chain of compares, and a mispredicted branch
 * or two, for each date. The factors give each name a slot of its own:
 * two in one slot would set it twice, which -Woverride-init (-Wextra)
 * reports, and test-date reads every name in every case. */
#define NAME_SLOT(word, factor) ((guint32)((word) * (guint32)(factor)) >> 28)
#define WEEKDAY_SLOT(word) NAME_SLOT (word, 1261)
#define MONTH_SLOT(word) NAME_SLOT (word, 26597)
#define WEEKDAY(a, b, c) [WEEKDAY_SLOT (WORD3 (a, b, c))] = WORD3 (a, b, c)
#define MONTH(a, b, c, n) [MONTH_SLOT (WORD3 (a, b, c))] = { WORD3 (a, b, c), n }

/* As written: "Mon" but not "mon" (GMime takes other words there, a
 * month name, say: those go to it). */
static const guint32 weekday_words[16] = {
  WEEKDAY ('M', 'o', 'n'), WEEKDAY ('T', 'u', 'e'), WEEKDAY ('W', 'e', 'd'), WEEKDAY ('T', 'h', 'u'),
  WEEKDAY ('F', 'r', 'i'), WEEKDAY ('S', 'a', 't'), WEEKDAY ('S', 'u', 'n'),
};

/* In lower case: a month is read in any case. */
static const struct { guint32 word; int month; } month_words[16] = {
  MONTH ('j', 'a', 'n', 1), MONTH ('f', 'e', 'b', 2), MONTH ('m', 'a', 'r', 3), MONTH ('a', 'p', 'r', 4),
  MONTH ('m', 'a', 'y', 5), MONTH ('j', 'u', 'n', 6), MONTH ('j', 'u', 'l', 7), MONTH ('a', 'u', 'g', 8),
  MONTH ('s', 'e', 'p', 9), MONTH ('o', 'c', 't', 10), MONTH ('n', 'o', 'v', 11), MONTH ('d', 'e', 'c', 12),
};

#undef WEEKDAY
#undef MONTH

/* Whether the three bytes at @s (all there) are a weekday's name. A
 * word of three bytes is never 0, an empty slot's. */
static inline gboolean
is_weekday (const char *s)
{
  guint32 word = WORD3 (s[0], s[1], s[2]);

  return weekday_words[WEEKDAY_SLOT (word)] == word;
}

/* The month the three bytes at @s (all there) name in any case, or 0.
 * Lowered by their 0x20 bit: no byte but a letter becomes a lower-case
 * letter so, so a match is three letters. */
static inline int
month_at (const char *s)
{
  guint32 word = WORD3 (s[0] | 0x20, s[1] | 0x20, s[2] | 0x20);
  guint slot = MONTH_SLOT (word);

  return month_words[slot].word == word ? month_words[slot].month : 0;
}

/* "Mon," … "Sun,", as written. */
static inline gboolean
skip_weekday (const char **p)
{
  const char *s = *p;

  /* each byte read only when the one before is not the NUL */
  if (s[0] == '\0' || s[1] == '\0' || s[2] == '\0' || s[3] != ',' || !is_weekday (s))
    return FALSE;
  *p += 4;
  return TRUE;
}

/* Exactly @n digits at *@p. Inlined: with @n known, the loop unrolls
 * (every date has five to seven such reads). */
G_ALWAYS_INLINE static inline gboolean
read_digits (const char **p,
             guint        n,
             int         *value)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *value = v;
  return TRUE;
}

static inline int
read_month (const char **p)
{
  const char *s = *p;
  int month;

  /* in order, so that none is read past a NUL (not a letter) */
  if (!g_ascii_isalpha (s[0]) || !g_ascii_isalpha (s[1]) || !g_ascii_isalpha (s[2]) || g_ascii_isalpha (s[3]))
    return 0;
  if ((month = month_at (s)) != 0)
    *p += 3;
  return month;
}

static gboolean
is_leap (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month (int year,
               int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  return month == 2 && is_leap (year) ? 29 : days[month - 1];
}

/* Days since 1970-01-01 (Howard Hinnant's days_from_civil). */
static gint64
days_from_civil (int y,
                 int m,
                 int d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  z,
                 int    *y,
                 int    *m,
                 int    *d)
{
  gint64 era, doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Whether the @n bytes at @p are digits; their value in @value. No
 * bound check: a NUL is not a digit. */
G_ALWAYS_INLINE static inline gboolean
fixed_digits (const char *p,
              guint       n,
              int        *value)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      guint d = (guchar)p[i] - '0';

      if (d > 9)
        return FALSE;
      v = v * 10 + (int)d;
    }
  *value = v;
  return TRUE;
}

/* The fields read, the moment they make, or FALSE when out of range
 * (GMime reads no year before 1969: those go to it, to be refused). */
static gboolean
to_utc_seconds (int     year,
                int     month,
                int     day,
                int     hour,
                int     minute,
                int     second,
                int     sign,
                int     zh,
                int     zm,
                gint64 *utc_seconds)
{
  if (year < 1969 || day < 1 || day > days_in_month (year, month) || hour > 23 || minute > 59
      || second > 59 || zh > 23 || zm > 59)
    return FALSE;
  *utc_seconds = days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60 + second
                 - sign * (zh * 3600 + zm * 60);
  return TRUE;
}

/* A date's fields as written, its zone in minutes east of UTC. */
typedef struct
{
  int year, month, day, hour, minute, second, zone;
} Fields;

/* The two digits at @p, known to be digits. */
static inline int
two_digits (const char *p)
{
  return (p[0] - '0') * 10 + (p[1] - '0');
}

/* Whether the 19 bytes at @p (there are that many before the value's
 * end) are "YYYY HH:MM:SS +ZZZZ": digits, blanks, colons and a sign each
 * in its place. Two loads of 16 bytes, where twelve digit tests and six
 * byte compares each took a branch of their own. */
static inline gboolean
fixed_tail_ok (const char *p)
{
#ifdef __SSE2__
  /* the places in the 16 bytes at @p, and the zone's last digits in the
   * 16 at p + 3 */
  enum { DIGITS = 0x9b6f, MARKS = 0x2490, SIGN = 0x4000, ZONE_END = 0xf000 };
  const __m128i zero = _mm_set1_epi8 ('0'), nine = _mm_set1_epi8 (9);
  const __m128i marks = _mm_setr_epi8 (0, 0, 0, 0, ' ', 0, 0, ':', 0, 0, ':', 0, 0, ' ', '+', 0);
  __m128i a = _mm_loadu_si128 ((const __m128i *)(gconstpointer)p);
  __m128i b = _mm_loadu_si128 ((const __m128i *)(gconstpointer)(p + 3));
  __m128i da = _mm_sub_epi8 (a, zero), db = _mm_sub_epi8 (b, zero);
  /* a digit, less '0', is at most 9 (unsigned) */
  unsigned digits_a = (unsigned)_mm_movemask_epi8 (_mm_cmpeq_epi8 (_mm_min_epu8 (da, nine), da));
  unsigned digits_b = (unsigned)_mm_movemask_epi8 (_mm_cmpeq_epi8 (_mm_min_epu8 (db, nine), db));
  unsigned found = (unsigned)_mm_movemask_epi8 (_mm_cmpeq_epi8 (a, marks))
                   | ((unsigned)_mm_movemask_epi8 (_mm_cmpeq_epi8 (a, _mm_set1_epi8 ('-'))) & SIGN);

  return (digits_a & DIGITS) == DIGITS && (digits_b & ZONE_END) == ZONE_END
         && (found & (MARKS | SIGN)) == (MARKS | SIGN);
#else
  int v;

  return fixed_digits (p, 4, &v) && p[4] == ' ' && fixed_digits (p + 5, 2, &v) && p[7] == ':'
         && fixed_digits (p + 8, 2, &v) && p[10] == ':' && fixed_digits (p + 11, 2, &v) && p[13] == ' '
         && (p[14] == '+' || p[14] == '-') && fixed_digits (p + 15, 4, &v);
#endif
}

/* Whether [@q, @end) is nothing, or " (zone)" and nothing. */
static inline gboolean
zone_comment_only (const char *q,
                   const char *end)
{
  if (q == end)
    return TRUE;
  if (q[0] != ' ' || q[1] != '(')
    return FALSE;
  for (q += 2; q < end && *q != ')' && *q != '('; q++)
    ;
  return q == end - 1 && *q == ')';
}

/* The canonical form as nearly every server writes it, one blank
 * between its parts: "Mon, 2 Mar 2026 10:15:07 +0100", maybe " (CET)"
 * after it, its fields in range. Each part is at a known place:
 * parse_canonical () looked for blanks between all of them, which cost
 * twice as much. FALSE when @p is written otherwise (parse_canonical ()
 * then reads it, and gives the same moment for all that this reads).
 * @end is where the value's NUL is, none before it: the bytes up to it
 * may be read in any order. */
static gboolean
parse_common (const char *p,
              const char *end,
              Fields     *f)
{
  int day, month, year, hour, minute, second, zh, zm;

  /* "Mon, " */
  if (g_ascii_isalpha (p[0]))
    {
      if (end - p < 5 || !is_weekday (p) || p[3] != ',' || p[4] != ' ')
        return FALSE;
      p += 5;
    }
  if (!g_ascii_isdigit (p[0]))
    return FALSE;
  day = p[0] - '0';
  if (g_ascii_isdigit (p[1]))
    day = day * 10 + (p[1] - '0'), p++;
  p++;
  /* " Mar " and the 19 bytes after it */
  if (end - p < 24 || p[0] != ' ' || p[4] != ' ' || (month = month_at (p + 1)) == 0)
    return FALSE;
  p += 5;
  if (!fixed_tail_ok (p) || !zone_comment_only (p + 19, end))
    return FALSE;
  year = two_digits (p) * 100 + two_digits (p + 2);
  hour = two_digits (p + 5);
  minute = two_digits (p + 8);
  second = two_digits (p + 11);
  zh = two_digits (p + 15);
  zm = two_digits (p + 17);
  if (year < 1969 || day < 1 || day > days_in_month (year, month) || hour > 23 || minute > 59
      || second > 59 || zh > 23 || zm > 59)
    return FALSE;
  *f = (Fields) { year, month, day, hour, minute, second, (p[14] == '-' ? -1 : 1) * (zh * 60 + zm) };
  return TRUE;
}

/* The canonical form only; FALSE for anything else. */
static gboolean
parse_canonical (const char *p,
                 gint64     *utc_seconds)
{
  int day, month, year, hour, minute, second = 0, zh, zm, sign;

  p = skip_blanks (p);
  if (g_ascii_isalpha (p[0]) && (!skip_weekday (&p) || !skip_separator (&p)))
    return FALSE;
  /* p[1] only when p[0] is a digit, so never past the end */
  if (!read_digits (&p, g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) ? 2 : 1, &day) || !skip_separator (&p))
    return FALSE;
  if ((month = read_month (&p)) == 0 || !skip_separator (&p))
    return FALSE;
  if (!read_digits (&p, 4, &year) || !skip_separator (&p))
    return FALSE;
  if (!read_digits (&p, 2, &hour) || *p++ != ':' || !read_digits (&p, 2, &minute))
    return FALSE;
  if (*p == ':' && (p++, !read_digits (&p, 2, &second)))
    return FALSE;
  if (!skip_separator (&p) || (*p != '+' && *p != '-'))
    return FALSE;
  sign = *p++ == '-' ? -1 : 1;
  if (!read_digits (&p, 2, &zh) || !read_digits (&p, 2, &zm))
    return FALSE;
  /* a comment naming the zone, after a blank: "(CET)" */
  if (skip_separator (&p) && *p == '(')
    {
      p++;
      while (*p != '\0' && *p != ')' && *p != '(')
        p++;
      if (*p++ != ')')
        return FALSE;
      p = skip_blanks (p);
    }
  if (*p != '\0')
    return FALSE;
  return to_utc_seconds (year, month, day, hour, minute, second, sign, zh, zm, utc_seconds);
}

/* "00" to "99": two digits written per look-up, not one per division. */
static const char digit_pairs[] =
  "0001020304050607080910111213141516171819"
  "2021222324252627282930313233343536373839"
  "4041424344454647484950515253545556575859"
  "6061626364656667686970717273747576777879"
  "8081828384858687888990919293949596979899";

/* @value (0 to 99) as two digits. */
static inline void
put_two_digits (char *out,
                int   value)
{
  memcpy (out, digit_pairs + 2 * value, 2);
}

/* "YYYY-MM-DDTHH:MM:SSZ", by hand: g_strdup_printf () costs more than all
 * the parsing. */
static char *
write_iso (int y,
           int m,
           int d,
           int hour,
           int minute,
           int second)
{
  /* written in the allocation itself: g_memdup2 () of a copy on the
   * stack cost a call more */
  char *iso = g_malloc (sizeof "YYYY-MM-DDTHH:MM:SSZ");

  put_two_digits (iso, y / 100);
  put_two_digits (iso + 2, y % 100);
  put_two_digits (iso + 5, m);
  put_two_digits (iso + 8, d);
  put_two_digits (iso + 11, hour);
  put_two_digits (iso + 14, minute);
  put_two_digits (iso + 17, second);
  iso[4] = iso[7] = '-';
  iso[10] = 'T';
  iso[13] = iso[16] = ':';
  iso[19] = 'Z';
  iso[20] = '\0';
  return iso;
}

static char *
format_utc (gint64 seconds)
{
  gint64 days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  gint64 rest = seconds - days * 86400;
  int y, m, d;

  civil_from_days (days, &y, &m, &d);
  if (y < 1 || y > 9999)
    return NULL;
  return write_iso (y, m, d, (int)(rest / 3600), (int)(rest / 60 % 60), (int)(rest % 60));
}

/* @f's moment in UTC, written: its zone taken off the hour and minute, a
 * day on or back when that crosses midnight. The seconds since 1970 and
 * back to a calendar date (format_utc ()) cost more than the parse.
 * NULL when the year leaves 1970-9998, where format_utc () must say. */
static char *
format_fields_utc (const Fields *f)
{
  int minutes = f->hour * 60 + f->minute - f->zone;
  int y = f->year, m = f->month, d = f->day;
  int shift;

  if (y < 1970 || y > 9998)
    return NULL;
  /* a day back, on or neither, without a branch on which: the zones of
   * a mail's dates make each as likely */
  shift = (minutes >= 1440) - (minutes < 0);
  minutes -= shift * 1440;
  d += shift;
  if (d < 1)
    {
      if (--m < 1)
        m = 12, y--;
      d = days_in_month (y, m);
    }
  else if (d > 28 && d > days_in_month (y, m))
    {
      d = 1;
      if (++m > 12)
        m = 1, y++;
    }
  return write_iso (y, m, d, minutes / 60, minutes % 60, f->second);
}

/**
 * bd_date_to_iso_utc:
 * @value: an RFC 5322 date
 *
 * Returns: (transfer full) (nullable): the date as "YYYY-MM-DDTHH:MM:SSZ",
 *   or %NULL when it cannot be read.
 */
char *
bd_date_to_iso_utc (const char *value)
{
  g_return_val_if_fail (value != NULL, NULL);

  return bd_date_to_iso_utc_len (value, strlen (value));
}

/**
 * bd_date_to_iso_utc_len:
 * @value: an RFC 5322 date, NUL-terminated, @len bytes without a NUL in
 *   them (an unfolded value: the unfolding gave the length)
 *
 * bd_date_to_iso_utc () when the length is known: the canonical form's
 * fixed part is then read in whole blocks, where each byte had to be
 * tested before the next was read (it might have been the NUL).
 *
 * Returns: (transfer full) (nullable): as bd_date_to_iso_utc ().
 */
char *
bd_date_to_iso_utc_len (const char *value,
                        gsize       len)
{
  gint64 seconds;
  Fields fields;
  char *iso;
  GDateTime *date, *utc;

  g_return_val_if_fail (value != NULL, NULL);
  g_return_val_if_fail (value[len] == '\0', NULL);

  if (parse_common (value, value + len, &fields) && (iso = format_fields_utc (&fields)) != NULL)
    return iso;
  if (parse_canonical (value, &seconds) && (iso = format_utc (seconds)) != NULL)
    return iso;

  if ((date = g_mime_utils_header_decode_date (value)) == NULL)
    return NULL;
  /* NULL when the shift to UTC leaves years 1-9999 ("1 Jan 0001 +0100") */
  utc = g_date_time_to_utc (date);
  g_date_time_unref (date);
  if (utc == NULL)
    return NULL;
  /* GLib's formatter cost more than GMime's parser; GMime's dates are
   * whole seconds, so its moment written by hand is the same text, but
   * for years before 1000, which "%Y" writes in fewer than four digits
   * (GMime 3.2 reads none before 1969: kept for another GMime). */
  if (g_date_time_get_year (utc) >= 1000)
    iso = format_utc (g_date_time_to_unix (utc));
  else
    iso = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  g_date_time_unref (utc);
  return iso;
}

/**
 * bd_date_is_canonical:
 * @value: a date
 *
 * Returns: whether @value is in RFC 5322's own form, with a numeric zone:
 *   a date that says which moment it is, not a local time.
 */
gboolean
bd_date_is_canonical (const char *value)
{
  gint64 seconds;

  g_return_val_if_fail (value != NULL, FALSE);

  return parse_canonical (value, &seconds);
}
