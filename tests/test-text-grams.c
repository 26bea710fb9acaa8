/* test-text-grams.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The four-byte-run filter (bd-text-grams.c) against the search it
 * spares: whenever memmem() finds a needle in the text, the filter must
 * say it may be there. Random texts over a small alphabet (NUL included)
 * put needles at every offset, the end of the text too, where the filter's
 * unrolled loop hands over to its tail. bd_scan_body_find() is checked
 * against strstr() on the body, with and without a memo. And the mailbox
 * filter's SSE2 memmem, bd_mailbox_memmem(), against memmem().
 */
#define _GNU_SOURCE   /* memmem */
#include "config.h"

#include <string.h>

#include "bd-mailbox-filter.h"
#include "bd-scan-memo.h"
#include "bd-scan-util.h"
#include "bd-text-grams.h"
#include "bd-test-util.h"

static void
random_bytes (GRand      *rand,
              char       *out,
              gsize       len,
              const char *alphabet,
              gsize       n_letters)
{
  for (gsize i = 0; i < len; i++)
    out[i] = alphabet[g_rand_int_range (rand, 0, n_letters)];
}

/* The needle's fate in one text: found means the filter must let it by. */
static void
check_needle (const BdTextGrams *grams,
              const char        *text,
              gsize              len,
              const char        *needle,
              guint             *rejected)
{
  gboolean found = memmem (text, len, needle, strlen (needle)) != NULL;
  gboolean maybe = bd_text_grams_may_contain (grams, needle);

  if (found && !maybe)
    g_error ("“%s” is in a text of %zu bytes, yet the filter says no", needle, len);
  if (strlen (needle) < 4)
    g_assert_true (maybe);
  if (!maybe)
    (*rejected)++;
}

static void
test_random_vs_memmem (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (23);
  static const char alphabet[] = "abcd \n\0";   /* the NUL is a letter of the text */
  guint rejected = 0, absent = 0;

  for (guint round = 0; round < BD_TEST_ROUNDS (4000); round++)
    {
      gsize len = g_rand_int_range (rand, 0, 200);
      g_autofree char *text = g_malloc (len + 1);
      g_autoptr(BdTextGrams) grams = NULL;

      random_bytes (rand, text, len, alphabet, sizeof alphabet - 1);
      text[len] = '\0';
      grams = bd_text_grams_new (text, len);
      /* every piece of the text without a NUL, then random needles */
      for (gsize start = 0; start < len; start++)
        for (gsize n = 1; n <= 12 && start + n <= len; n++)
          {
            g_autofree char *needle = g_strndup (text + start, n);

            check_needle (grams, text, len, needle, &rejected);
          }
      for (guint k = 0; k < 40; k++)
        {
          char needle[16];
          gsize n = g_rand_int_range (rand, 0, sizeof needle);

          random_bytes (rand, needle, n, alphabet, sizeof alphabet - 2);
          needle[n] = '\0';
          absent += memmem (text, len, needle, n) == NULL;
          check_needle (grams, text, len, needle, &rejected);
        }
    }
  /* and it does spare searches: most absent needles are told apart */
  g_assert_cmpuint (rejected, >, absent / 2);
}

/* A needle at the very end of texts of every length, and texts shorter
 * than one run. */
static void
test_edges (void)
{
  static const char text[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  guint rejected = 0;

  for (gsize len = 0; len < sizeof text; len++)
    {
      g_autoptr(BdTextGrams) grams = bd_text_grams_new (text, len);

      for (gsize n = 0; n <= len; n++)
        {
          g_autofree char *tail = g_strndup (text + len - n, n);
          g_autofree char *head = g_strndup (text, n);

          check_needle (grams, text, len, tail, &rejected);
          check_needle (grams, text, len, head, &rejected);
        }
      g_assert_true (bd_text_grams_may_contain (grams, ""));
      g_assert_true (bd_text_grams_may_contain (grams, "zzz"));
      if (len < 4)
        g_assert_false (bd_text_grams_may_contain (grams, "01234567"));
    }
  g_assert_cmpuint (rejected, ==, 0);
}

/* Whether @a and @b note the same runs: a kept table's flags hold older
 * stamps where a new one's hold 0, so the flags themselves differ. */
static void
assert_same_runs (const BdTextGrams *a,
                  const BdTextGrams *b)
{
  for (gsize h = 0; h < G_N_ELEMENTS (a->seen); h++)
    if ((a->seen[h] == a->stamp) != (b->seen[h] == b->stamp))
      g_error ("flag %zu: noted in one table, not in the other", h);
}

/* A table made from the one a thread kept when it was freed (full of the
 * runs of a long text) is the table made afresh: every flag of the old
 * text cleared. Made in a thread of its own too, which frees the table it
 * keeps when it ends (memcheck and LeakSanitizer see a leak otherwise). */
static gpointer
reuse_thread (gpointer data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (GPOINTER_TO_UINT (data));
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz \n";

  for (guint round = 0; round < BD_TEST_ROUNDS (200); round++)
    {
      gsize big_len = 4096, len = g_rand_int_range (rand, 0, 64);
      g_autofree char *big = g_malloc (big_len);
      g_autofree char *text = g_malloc (len + 1);
      BdTextGrams *full, *fresh, *reused;

      random_bytes (rand, big, big_len, alphabet, sizeof alphabet - 1);
      random_bytes (rand, text, len, alphabet, sizeof alphabet - 1);
      full = bd_text_grams_new (big, big_len);
      fresh = bd_text_grams_new (text, len);   /* none kept: a new table */
      bd_text_grams_free (full);               /* kept */
      reused = bd_text_grams_new (text, len);  /* the kept one */
      g_assert_true (reused == full);
      assert_same_runs (reused, fresh);
      bd_text_grams_free (fresh);
      bd_text_grams_free (reused);
    }
  return NULL;
}

static void
test_reused_table (void)
{
  GThread *thread = g_thread_new ("grams", reuse_thread, GUINT_TO_POINTER (8));

  g_thread_join (thread);
  reuse_thread (GUINT_TO_POINTER (9));
}

/* One table kept and made again and again, past the 255 stamps that
 * spare its clearing: a short text's table never notes the runs of the
 * long texts before it, at each stamp and when the stamps start again. */
static void
test_stamps_run_out (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (31);
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz \n";
  char big[2048], text[24];
  BdTextGrams *held[3];

  /* the thread's kept tables, all taken, so that one is made and kept */
  for (guint k = 0; k < G_N_ELEMENTS (held); k++)
    held[k] = bd_text_grams_new ("", 0);
  for (guint round = 0; round < 600; round++)
    {
      BdTextGrams *fresh, *reused;

      random_bytes (rand, big, sizeof big, alphabet, sizeof alphabet - 1);
      random_bytes (rand, text, sizeof text, alphabet, sizeof alphabet - 1);
      fresh = bd_text_grams_new (text, sizeof text);
      bd_text_grams_free (bd_text_grams_new (big, sizeof big));
      reused = bd_text_grams_new (text, sizeof text);
      assert_same_runs (reused, fresh);
      bd_text_grams_free (fresh);
      bd_text_grams_free (reused);
    }
  for (guint k = 0; k < G_N_ELEMENTS (held); k++)
    bd_text_grams_free (held[k]);
}

/* The scanners' search: the same answer as strstr() on the body (which
 * stops at a NUL the filter reads past), memo or not. */
static void
test_scan_body_find (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  static const char alphabet[] = "ab c\n\0";

  for (guint round = 0; round < BD_TEST_ROUNDS (2000); round++)
    {
      gsize len = g_rand_int_range (rand, 0, 120);
      g_autofree char *body = g_malloc (len + 1);
      g_autoptr(BdScanMemo) memo = bd_scan_memo_new ();
      BdScanInput bare = { 0 };
      BdScanInput with_memo;

      random_bytes (rand, body, len, alphabet, sizeof alphabet - 1);
      body[len] = '\0';
      bare.body = body;
      bare.body_len = len;
      bare.from = bare.subject = "";
      with_memo = bare;
      with_memo.memo = memo;
      for (guint k = 0; k < 30; k++)
        {
          char needle[10];
          gsize n = g_rand_int_range (rand, 0, sizeof needle);

          random_bytes (rand, needle, n, alphabet, sizeof alphabet - 2);
          needle[n] = '\0';
          g_assert_true (bd_scan_body_find (&with_memo, needle) == strstr (body, needle));
          g_assert_true (bd_scan_body_find (&bare, needle) == strstr (body, needle));
          g_assert_true (bd_scan_body_has (&with_memo, needle) == (strstr (body, needle) != NULL));
        }
    }
}

/* The same with literal needles, whose first runs bd_scan_body_find()
 * asks of the grams inline, folded by the compiler to constant places in
 * the table: bodies of random pieces of the phrases (so that they are
 * there at either phase of the grams' stride, whole or cut), a memo made
 * by the first search. */
#define CHECK_LITERAL(input, needle) \
  g_assert_true (bd_scan_body_find ((input), needle) == strstr ((input)->body, needle))

static void
test_scan_body_find_literals (void)
{
  static const char *const pieces[] = {
    "qmail-send", "qmail-", "Mailsystem", "Mail", "system", "----- Transcript of session follows -----",
    "----- Transcript", "** ", "*", "[Status: ", "Status: 5.1.1", "ERROR_CODE :", "ERROR", " ", "\n", "x",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  guint absent = 0;

  for (guint round = 0; round < BD_TEST_ROUNDS (4000); round++)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autoptr(BdScanMemo) memo = bd_scan_memo_new ();
      BdScanInput input = { .from = "", .subject = "", .memo = memo };
      guint n = g_rand_int_range (rand, 0, 12);

      for (guint i = 0; i < n; i++)
        g_string_append (body, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      input.body = body->str;
      input.body_len = body->len;
      g_assert_true (bd_scan_body_find (&input, "zz") == strstr (body->str, "zz"));   /* makes the grams */
      CHECK_LITERAL (&input, "qmail-send");
      CHECK_LITERAL (&input, "Mailsystem");
      CHECK_LITERAL (&input, "----- Transcript of session follows -----");
      CHECK_LITERAL (&input, "[Status: ");
      CHECK_LITERAL (&input, "ERROR_CODE :");
      CHECK_LITERAL (&input, "** ");
      CHECK_LITERAL (&input, "Mail");
      CHECK_LITERAL (&input, "Mails");
      CHECK_LITERAL (&input, "ail-s");
      absent += strstr (body->str, "qmail-send") == NULL;
    }
  g_assert_cmpuint (absent, >, 0);
}

/* The SSE2 memmem of the mailbox filter, against glibc's: random texts
 * with and without NULs, needles of every length up to 20, taken from
 * the text (at every offset, the ends too) or random. */
static void
test_mailbox_memmem (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  static const char alphabet[] = "ab\n\0";

  for (guint round = 0; round < BD_TEST_ROUNDS (3000); round++)
    {
      gsize len = g_rand_int_range (rand, 0, 100);
      g_autofree char *text = g_malloc (len + 1);

      random_bytes (rand, text, len, alphabet, sizeof alphabet - 1);
      text[len] = '\0';
      for (guint k = 0; k < 40; k++)
        {
          char needle[20];
          gsize n = g_rand_int_range (rand, 0, sizeof needle);

          if (k % 2 == 0 && n <= len)
            memcpy (needle, text + g_rand_int_range (rand, 0, len - n + 1), n);
          else
            random_bytes (rand, needle, n, alphabet, sizeof alphabet - 1);
          g_assert_true (bd_mailbox_memmem (text, len, needle, n) == memmem (text, len, needle, n));
        }
      g_assert_true (bd_mailbox_memmem (text, len, "\n\n", 2) == memmem (text, len, "\n\n", 2));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text-grams/random-vs-memmem", test_random_vs_memmem);
  g_test_add_func ("/text-grams/edges", test_edges);
  g_test_add_func ("/text-grams/reused-table", test_reused_table);
  g_test_add_func ("/text-grams/stamps-run-out", test_stamps_run_out);
  g_test_add_func ("/text-grams/scan-body-find", test_scan_body_find);
  g_test_add_func ("/text-grams/scan-body-find-literals", test_scan_body_find_literals);
  test_add_func_each_vector_path ("/text-grams/mailbox-memmem", test_mailbox_memmem);

  return g_test_run ();
}
