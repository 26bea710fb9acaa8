/* test-date.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bd_date_to_iso_utc () reads the canonical RFC 5322 form itself and
 * leaves the rest to GMime: it must give GMime's answer for any date,
 * as bd_date_to_iso_utc_len () must.
 */
#include "config.h"

#include <gmime/gmime.h>
#include <string.h>

#include "bd-date.h"

static char *
gmime_iso (const char *value)
{
  g_autoptr(GDateTime) date = g_mime_utils_header_decode_date (value);
  g_autoptr(GDateTime) utc = NULL;

  if (date == NULL)
    return NULL;
  utc = g_date_time_to_utc (date);
  if (utc == NULL)
    return NULL;
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* Both readings, the one given the length (on a heap block of the
 * value's exact size: under AddressSanitizer a read past its NUL fails)
 * and the one that measures it, give GMime's answer. */
static void
check_same (const char *value)
{
  gsize len = strlen (value);
  g_autofree char *exact = g_memdup2 (value, len + 1);
  g_autofree char *ours = bd_date_to_iso_utc (value);
  g_autofree char *ours_len = bd_date_to_iso_utc_len (exact, len);
  g_autofree char *theirs = gmime_iso (value);

  if (g_strcmp0 (ours, theirs) != 0 || g_strcmp0 (ours_len, theirs) != 0)
    g_error ("“%s”: %s (%s given the length), GMime %s", value, ours ? ours : "(null)",
             ours_len ? ours_len : "(null)", theirs ? theirs : "(null)");
}

static void
test_date_examples (void)
{
  static const struct { const char *value, *iso; } examples[] = {
    { "Mon, 2 Mar 2026 10:15:07 +0100 (CET)", "2026-03-02T09:15:07Z" },
    { "Thu, 29 Apr 2019 23:34:45 -0800 (PST)", "2019-04-30T07:34:45Z" },
    { "1 Jan 2026 00:30 +0100", "2025-12-31T23:30:00Z" },
    { "Sat, 29 Feb 2020 23:59:59 -1200", "2020-03-01T11:59:59Z" },
    { "  Fri,  31 Dec 1999   23:00:00   -0130 ", "2000-01-01T00:30:00Z" },
    { "Tue, 3 mar 2026 09:00:00 +0000", "2026-03-03T09:00:00Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *iso = bd_date_to_iso_utc (examples[i].value);

      g_assert_cmpstr (iso, ==, examples[i].iso);
      check_same (examples[i].value);
    }
  /* not dates */
  g_assert_null (bd_date_to_iso_utc (""));
  g_assert_null (bd_date_to_iso_utc ("jutro rano"));
}

/* Forms the fast path leaves to GMime, and near misses of the canonical
 * one: the answer must be GMime's. */
static void
test_date_fallbacks (void)
{
  static const char *const values[] = {
    "Mon, 2 Mar 26 10:15:07 +0100", "2 Mar 2026 10:15:07 GMT", "2 Mar 2026 10:15:07 EST",
    "Mon, 30 Feb 2026 10:15:07 +0100", "Mon, 2 Mar 2026 24:00:00 +0100", "Mon, 2 Mar 2026 10:15:60 +0000",
    "Mon, 2 Mar 2026 10:15:07", "Mon, 2 Mar 2026 10:15:07 +01", "Mon, 2 Mar 2026 10:15:07 +0100 extra",
    "Mon, 2 Mar 2026 10:15:07 +0100 (CET", "Monday, 2 Mar 2026 10:15:07 +0100", "Mon 2 Mar 2026 10:15:07 +0100",
    "2026-03-02T10:15:07Z", "Mon, 2 March 2026 10:15:07 +0100", "Mon, 02 Mar 0999 10:15:07 +0100",
    "Mon, 2 Mar 2026 10:15:07 +2400", "Mon, 2 Mar 2026 10:15:07 +0160", "Wed, 1 Jan 0001 00:00:00 +0100",
    "Fri, 31 Dec 9999 23:59:59 -0100", "Jan, 2 Mar 2026 10:00:00 +0000", "mon, 2 Mar 2026 10:00:00 +0000",
    "2Mar 2026 10:00:00 +0000", "2 Mar2026 10:00:00 +0000", "Mon, 2 Mar 2026 10:00:00+0100",
    "Mon, 2 Mar 2026 10:00:00 +0100(CET)", "Mon, 2\r\nMar 2026 10:00:00 +0000", "Mon,2 Mar 2026 10:00:00 +0000",
    "Mon, 2 Mar 2026 10:00:00 +0100  ", "M", "Mo", "Mon", "Mon,", "Mon, 2 Aug 1968 11:20:43 +0000", "Wed, 1 Jan 1969 00:30:00 +0100",
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    check_same (values[i]);
}

/* Every prefix of a date, each in a heap block of its exact size: under
 * AddressSanitizer a read past the end fails the test. */
static void
test_date_prefixes (void)
{
  static const char date[] = "Mon, 2 Mar 2026 10:15:07 +0100 (CET)";

  for (gsize n = 0; n <= strlen (date); n++)
    {
      g_autofree char *prefix = g_strndup (date, n);

      check_same (prefix);
    }
}

/* Random canonical dates over the whole range, with random zones. */
static void
test_date_random (void)
{
  static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

  for (guint i = 0; i < 20000; i++)
    {
      g_autofree char *value = g_strdup_printf ("Mon, %d %s %04d %02d:%02d:%02d %c%02d%02d",
                                                g_test_rand_int_range (1, 32),
                                                months[g_test_rand_int_range (0, 12)],
                                                g_test_rand_int_range (1900, 10000),
                                                g_test_rand_int_range (0, 24), g_test_rand_int_range (0, 60),
                                                g_test_rand_int_range (0, 60),
                                                g_test_rand_bit () ? '+' : '-',
                                                g_test_rand_int_range (0, 24), g_test_rand_int_range (0, 60));

      check_same (value);
    }
}

/* Random dates in the form the fast path reads by place (one blank
 * between parts, any weekday or none, maybe a zone comment), on the days
 * where the shift to UTC crosses a day, month or year, with the widest
 * zones, and years at the ends of its range: GMime's answer each time. */
static void
test_date_random_common (void)
{
  static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  static const char *const weekdays[] = { "Mon, ", "Sun, ", "Sat, ", "", "Xyz, " };
  static const char *const comments[] = { "", " (CET)", " (UTC) ", " (a(b)", " ()", " (CET)x", " (CET))", " (CET) 1999" };
  static const int days[] = { 1, 2, 27, 28, 29, 30, 31 };
  static const int years[] = { 1968, 1969, 1970, 1971, 1999, 2000, 2024, 2100, 9998, 9999 };

  for (guint i = 0; i < 40000; i++)
    {
      int zh = g_test_rand_bit () ? 23 : g_test_rand_int_range (0, 24);
      int zm = g_test_rand_bit () ? 59 : g_test_rand_int_range (0, 60);
      int hour = g_test_rand_bit () ? (g_test_rand_bit () ? 0 : 23) : g_test_rand_int_range (0, 24);
      g_autofree char *value = g_strdup_printf ("%s%d %s %04d %02d:%02d:%02d %c%02d%02d%s",
                                                weekdays[g_test_rand_int_range (0, G_N_ELEMENTS (weekdays))],
                                                days[g_test_rand_int_range (0, G_N_ELEMENTS (days))],
                                                months[g_test_rand_int_range (0, 12)],
                                                years[g_test_rand_int_range (0, G_N_ELEMENTS (years))],
                                                hour, g_test_rand_int_range (0, 60), g_test_rand_int_range (0, 60),
                                                g_test_rand_bit () ? '+' : '-', zh, zm,
                                                comments[g_test_rand_int_range (0, G_N_ELEMENTS (comments))]);

      check_same (value);
    }
}

/* Random dates GMime reads for the fast path (named zones, two- and
 * three-digit years, no seconds), over the whole range and past its ends:
 * GMime's moment written by hand must be what GLib's formatter writes. */
static void
test_date_random_fallbacks (void)
{
  static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  static const char *const zones[] = { "GMT", "UT", "UTC", "EST", "EDT", "CST", "PDT", "JST", "Z", "", "+0100", "-2359" };
  static const char *const year_forms[] = { "%d", "%02d", "%03d", "%04d" };

  for (guint i = 0; i < 20000; i++)
    {
      int form = g_test_rand_int_range (0, G_N_ELEMENTS (year_forms));
      int year = form == 0 ? g_test_rand_int_range (0, 10000) : g_test_rand_int_range (0, form == 1 ? 100 : 10000);
      g_autofree char *year_text = g_strdup_printf (year_forms[form], year);
      g_autofree char *value = g_strdup_printf ("%d %s %s %02d:%02d%s %s",
                                                g_test_rand_int_range (1, 32),
                                                months[g_test_rand_int_range (0, 12)], year_text,
                                                g_test_rand_int_range (0, 24), g_test_rand_int_range (0, 60),
                                                g_test_rand_bit () ? ":07" : "",
                                                zones[g_test_rand_int_range (0, G_N_ELEMENTS (zones))]);

      check_same (value);
    }
}

/* Canonical dates with one character deleted, doubled or replaced: the
 * near misses where a fast path could part from GMime. */
static void
test_date_mutations (void)
{
  static const char date[] = "Mon, 2 Mar 2026 10:15:07 +0100 (CET)";
  static const char replacements[] = " \t,:+-()0123456789MonMarJanxZ";

  for (guint i = 0; i < 20000; i++)
    {
      GString *value = g_string_new (date);
      guint at = g_test_rand_int_range (0, value->len);
      g_autofree char *mutated = NULL;

      switch (g_test_rand_int_range (0, 3))
        {
        case 0: g_string_erase (value, at, 1); break;
        case 1: g_string_insert_c (value, at, value->str[at]); break;
        default: value->str[at] = replacements[g_test_rand_int_range (0, sizeof replacements - 1)]; break;
        }
      mutated = g_string_free (value, FALSE);
      check_same (mutated);
    }
}

/* Every weekday and month name in every case of its three letters, and
 * near names, ahead of a canonical date: the names are told apart as
 * words by switches, which must take exactly the ones GMime's answer
 * (and the names compared one by one before) took. */
static void
test_date_names (void)
{
  static const char *const names[] = {
    "mon", "tue", "wed", "thu", "fri", "sat", "sun", "jan", "feb", "mar", "apr", "may", "jun",
    "jul", "aug", "sep", "oct", "nov", "dec", "moo", "tun", "xyz", "ma", "m", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    for (guint cases = 0; cases < 8; cases++)
      {
        char name[4] = { 0 };
        g_autofree char *weekday = NULL, *month = NULL, *bare = NULL;

        for (guint k = 0; names[i][k] != '\0'; k++)
          name[k] = (cases >> k) & 1 ? g_ascii_toupper (names[i][k]) : names[i][k];
        weekday = g_strdup_printf ("%s, 2 Mar 2026 10:15:07 +0100", name);
        month = g_strdup_printf ("Mon, 2 %s 2026 10:15:07 +0100 (CET)", name);
        bare = g_strdup_printf ("%s,", name);
        check_same (weekday);
        check_same (month);
        check_same (bare);
      }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();
  g_test_add_func ("/core/date/examples", test_date_examples);
  g_test_add_func ("/core/date/fallbacks", test_date_fallbacks);
  g_test_add_func ("/core/date/prefixes", test_date_prefixes);
  g_test_add_func ("/core/date/random", test_date_random);
  g_test_add_func ("/core/date/random-common", test_date_random_common);
  g_test_add_func ("/core/date/random-fallbacks", test_date_random_fallbacks);
  g_test_add_func ("/core/date/mutations", test_date_mutations);
  g_test_add_func ("/core/date/names", test_date_names);
  return g_test_run ();
}
