/* test-scan-lines.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The search of a scanner's lines through its body
 * (bd_scan_lines_find_all()) against the line by line search it
 * replaces (bd_scan_find_line() from each line found on).
 */
#include "config.h"

#include <string.h>

#include "bd-scan-lines.h"
#include "bd-scan-util.h"
#include "bd-test-util.h"

static const char *const stop_markers[] = { "-- stop", NULL };

/* The replaced search: each line holding @needle in turn. */
static GArray *
lines_one_by_one (char      **lines,
                  const char *needle)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (guint));

  for (int i = bd_scan_find_line (lines, 0, needle); i >= 0; i = bd_scan_find_line (lines, i + 1, needle))
    {
      guint at = (guint)i;

      g_array_append_val (found, at);
    }
  return found;
}

/* Both searches over @len bytes at @body (NULs allowed: the lines end at
 * the first, the body does not). */
static void
check_body (const char *body,
            gsize       len,
            const char *needle)
{
  g_autofree char *copy = g_malloc (len + 1);
  BdScanInput input = { .from = "", .subject = "", .body = copy, .body_len = len };
  g_autofree char **lines = NULL;
  g_autoptr(GArray) want = NULL;
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (guint));
  int first;

  memcpy (copy, body, len);
  copy[len] = '\0';
  lines = bd_scan_split_lines (&input, stop_markers);
  want = lines_one_by_one (lines, needle);
  first = bd_scan_lines_find_all (&input, lines, needle, got);
  g_assert_cmpuint (got->len, ==, want->len);
  for (guint i = 0; i < want->len; i++)
    g_assert_cmpuint (g_array_index (got, guint, i), ==, g_array_index (want, guint, i));
  g_assert_cmpint (first, ==, want->len > 0 ? (int)g_array_index (want, guint, 0) : -1);
  g_assert_cmpint (bd_scan_lines_find (&input, lines, needle), ==, first);
}

static void
test_find_lines_cases (void)
{
  static const struct
  {
    const char *body;
    const char *needle;
  } cases[] = {
    { "", "while talking to " },
    { "while talking to mx.example.jp.:", "while talking to " },
    /* the trailing blank is trimmed off the line: not found */
    { "... while talking to \n>>> RCPT", "while talking to " },
    { "... While Talking To mx:\n<<< 550\n... while talking to mx2:\n", "while talking to " },
    { "a\n\n\nwhile talking to x\nwhile talking to y\nwhile talking to z", "while talking to " },
    /* past the stop marker: not in the lines */
    { "a\n-- stop\nwhile talking to x\n", "while talking to " },
    { "while talking -- stop to x\n", "while talking to " },
    { "talking to\ntalking to\n", "talking to" },
    { "\n\n\n", "x" },
    { "aaaa\naaaa", "aa" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_body (cases[i].body, strlen (cases[i].body), cases[i].needle);
  /* an input made by hand without the body's length */
  {
    char **lines;
    BdScanInput input = { .from = "", .subject = "", .body = "a\nwhile talking to x\n", .body_len = 0 };

    lines = bd_scan_split_lines (&input, NULL);
    g_assert_cmpint (bd_scan_lines_find (&input, lines, "talking"), ==, 1);
    g_free (lines);
  }
  /* a NUL ends the lines, not the body */
  check_body ("talking to x\n\0talking to y\n", 27, "talking to");
  check_body ("a\0\ntalking to y\n", 16, "talking to");
}

/* More lines than bd_scan_split_lines() makes: the last one holds the
 * rest, with every place found after it. */
static void
test_find_lines_many (void)
{
  g_autoptr(GString) body = g_string_new (NULL);

  for (guint i = 0; i < 4100; i++)
    g_string_append (body, i % 997 == 0 || i > 4050 ? "x talking to y\n" : "line\n");
  check_body (body->str, body->len, "talking to");
  check_body (body->str, body->len, "line");
  check_body (body->str, body->len, "y\nline");
}

/* Random bodies over few letters (in both cases), blanks to trim before
 * line feeds, NULs and the stop marker; needles of those bytes too, that
 * may end in a blank or span a line feed. */
static void
test_find_lines_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);
  const char alphabet[] = "abAB \t\n\n-so";
  const char needle_bytes[] = "abAB \n-";

  for (guint round = 0; round < BD_TEST_ROUNDS (20000); round++)
    {
      gsize len = g_rand_int_range (rand, 0, round % 10 == 0 ? 400 : 60);
      g_autofree char *body = g_malloc (len + 1);
      char needle[6];
      gsize n = g_rand_int_range (rand, 1, 6);

      for (gsize i = 0; i < len; i++)
        body[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      if (len > 0 && round % 7 == 0)
        body[g_rand_int_range (rand, 0, len)] = '\0';
      if (len > 10 && round % 5 == 0)
        memcpy (body + g_rand_int_range (rand, 0, len - 7), "-- stop", 7);
      for (gsize k = 0; k < n; k++)
        needle[k] = needle_bytes[g_rand_int_range (rand, 0, sizeof needle_bytes - 1)];
      needle[n] = '\0';
      check_body (body, len, needle);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scan/lines/find/cases", test_find_lines_cases);
  g_test_add_func ("/scan/lines/find/many", test_find_lines_many);
  g_test_add_func ("/scan/lines/find/random", test_find_lines_random);
  return g_test_run ();
}
