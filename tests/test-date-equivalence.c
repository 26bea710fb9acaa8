/* test-date-equivalence.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The date reader against a copy of the code it replaced (kept here as the
 * oracle, tests/oracle/), which sent two-digit years and the zone names
 * "GMT", "UTC" and "UT" to GMime: the fast path must give GMime's answer.
 * Random dates around those forms, every byte of them changed, and every
 * prefix of them, each in a buffer of its own size (for AddressSanitizer).
 */
#include "config.h"

#include <gmime/gmime.h>
#include <string.h>

#include "bd-date.h"

char *oracle_date_to_iso_utc (const char *value);
gboolean oracle_date_is_canonical (const char *value);

#include "oracle/bd-date-3fd5872.c"

/* @value and its first @len bytes, each from a malloc'd copy of its size. */
static void
assert_same_len (const char *value,
                 gsize       len)
{
  g_autofree char *copy = g_strndup (value, len);
  g_autofree char *got = bd_date_to_iso_utc (copy);
  g_autofree char *want = oracle_date_to_iso_utc (copy);

  if (g_strcmp0 (got, want) != 0)
    g_error ("\"%s\" read as %s, not %s", copy, got, want);
  g_assert_cmpint (bd_date_is_canonical (copy), ==, oracle_date_is_canonical (copy));
}

static void
assert_same (const char *value)
{
  assert_same_len (value, strlen (value));
}

static void
test_date_equivalence_examples (void)
{
  static const char *const dates[] = {
    "", "G", "GMT", "1 Jan 70 00:00:00 GMT", "1 Jan 70 00:00:00 UT", "1 Jan 70 00:00:00 UTC",
    "Tue, 23 Nov 21 07:04:16 UTC", "Thu, 01 Oct 15 14:13:56 UTC", "Thu, 01 Oct 69 14:13:56 UTC",
    "Thu, 01 Oct 70 14:13:56 UTC", "Thu, 01 Oct 00 14:13:56 +0000", "Thu, 01 Oct 99 14:13:56 -2359",
    "Thu, 01 Oct 015 14:13:56 UTC", "Thu, 01 Oct 2015 14:13:56 UTCX", "Thu, 01 Oct 2015 14:13:56 UTC ",
    "Thu, 01 Oct 2015 14:13:56 UTC (x)", "Thu, 01 Oct 2015 14:13:56 UT (x)", "Thu, 01 Oct 2015 14:13:56 UTC (EST)",
    "Thu, 01 Oct 2015 14:13:56 GMT (C)", "Thu, 01 Oct 2015 14:13:56 +0000 (EST)", "Thu, 01 Oct 2015 14:13:56 GMT(x)",
    "Thu, 01 Oct 2015 14:13:56 GMT+1", "Thu, 01 Oct 2015 14:13:56 gmt", "Thu, 01 Oct 2015 14:13:56 GM",
    "Thu, 01 Oct 2015 14:13:56 U", "Thu, 01 Oct 2015 14:13:56 EST", "Thu, 01 Oct 2015 14:13:56 JST",
    "Thu, 01 Oct 2015 14:13:56", "Thu, 01 Oct 2015 14:13 GMT", "Wed, 31 Dec 1969 23:59:59 GMT",
    "Thu, 1 Jan 1970 00:00:00 GMT", "31 Dec 9999 23:59:59 GMT", "31 Dec 9998 23:59:59 UT",
    "29 Feb 2023 10:00:00 GMT", "29 Feb 24 10:00:00 GMT", "29 Feb 00 10:00:00 GMT", "32 Jan 2024 10:00:00 GMT",
    "1 Jan 2024 24:00:00 GMT", "1 Jan 2024 23:60:00 GMT", "1 Jan 2024 23:00:60 GMT", "1 Jan 2024 23:00:00 +2400",
    "1 Jan 2024 23:00:00 +0060", "Thu,29 Apr 2010 23:34:45 +0900", "Mon, 2 Mar 2026 10:15:07 +0100 (CET)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    assert_same (dates[i]);
}

/* A date in one of the forms the fast path reads, or one next to them. */
static char *
random_date (GRand *rand)
{
  static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  static const char *const weekdays[] = { "Mon, ", "Sun, ", "", "Xyz, " };
  static const char *const zones[] = { "GMT", "UTC", "UT", "+0000", "-0000", "+2359", "-2359", "+0130",
                                       "EST", "GMT+1", "UTC1", "Z", "", "gmt" };
  static const char *const comments[] = { "", "", " (CET)", " (EST)", " (C)", " ()", " (a(b)", " (x))", " " };
  static const int days[] = { 1, 2, 28, 29, 30, 31 };
  int year = g_rand_boolean (rand) ? g_rand_int_range (rand, 0, 100) : g_rand_int_range (rand, 1960, 10000);

  return g_strdup_printf ("%s%d %s %0*d %02d:%02d:%02d %s%s",
                          weekdays[g_rand_int_range (rand, 0, G_N_ELEMENTS (weekdays))],
                          days[g_rand_int_range (rand, 0, G_N_ELEMENTS (days))],
                          months[g_rand_int_range (rand, 0, 12)], year < 100 ? 2 : 4, year,
                          g_rand_boolean (rand) ? 23 : g_rand_int_range (rand, 0, 24),
                          g_rand_int_range (rand, 0, 60), g_rand_int_range (rand, 0, 60),
                          zones[g_rand_int_range (rand, 0, G_N_ELEMENTS (zones))],
                          comments[g_rand_int_range (rand, 0, G_N_ELEMENTS (comments))]);
}

static void
test_date_equivalence_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5322);

  for (guint i = 0; i < 50000; i++)
    {
      g_autofree char *value = random_date (rand);

      assert_same (value);
    }
}

/* Each byte of random dates changed to a byte that matters there, and
 * every prefix of them. */
static void
test_date_equivalence_mutations (void)
{
  static const char bytes[] = { ' ', '\t', ':', '+', '-', '(', ')', '0', '9', 'G', 'M', 'T', 'U', 'C', 'x', '\x80' };
  g_autoptr(GRand) rand = g_rand_new_with_seed (2822);

  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *value = random_date (rand);
      gsize len = strlen (value);

      for (gsize n = 0; n <= len; n++)
        assert_same_len (value, n);
      for (gsize at = 0; at < len; at++)
        {
          char was = value[at];

          for (guint b = 0; b < G_N_ELEMENTS (bytes); b++)
            {
              value[at] = bytes[b];
              assert_same (value);
            }
          value[at] = was;
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

  g_test_add_func ("/core/date-equivalence/examples", test_date_equivalence_examples);
  g_test_add_func ("/core/date-equivalence/random", test_date_equivalence_random);
  g_test_add_func ("/core/date-equivalence/mutations", test_date_equivalence_mutations);

  return g_test_run ();
}
