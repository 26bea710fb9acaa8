/* test-sisimai-phrases.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What Sisimai knows about servers' words, checked against our classifier.
 * tests/fixtures/phrases/sisimai-reasons.tsv lists every phrase of the
 * go-sisimai reason lists (reason/why-*.go, github.com/sisimai/go-sisimai,
 * BSD-2-Clause: the "index" strings and the "pairs", a pair written with
 * "…" between its parts as our tables write it) with Sisimai's reason and
 * the file it comes from. Each phrase, wrapped alone in a minimal delivery
 * report as the server's reply to RCPT TO with the uninformative status
 * 5.0.0 (test_decode_minimal_dsn, as test-phrase-tables does) and decoded
 * through the whole pipeline, must give Sisimai's reason under our name for
 * it (sisimai_names below), or the reason of the row's fourth column where
 * that is not the file's (Sisimai's own order across its lists, or a
 * deliberate difference of ours; the fifth column says why).
 * A phrase Sisimai lists under two reasons has one row, with the reason its
 * order (reason/lib.go, classorder) gives first.
 */
#include "config.h"

#include <gmime/gmime.h>

#include <string.h>

#include "bd-test-util.h"

/* Sisimai's reason names that are not ours, and the reason of our taxonomy
 * (design.md) that means the same. The others are spelled alike. */
static const struct
{
  const char *sisimai;
  BdReason    ours;
} sisimai_names[] = {
  /* Sisimai 5 renamed mesgtoobig and speeding; ours keep the 4.x names. */
  { "emailtoolarge", BD_REASON_MESGTOOBIG },
  { "ratelimited", BD_REASON_SPEEDING },
  /* A failed STARTTLS is, in RFC 3463's terms, a security or policy
   * status (X.7.10 "Encryption Needed", RFC 5248); our taxonomy keeps it
   * in securityerror. */
  { "failedstarttls", BD_REASON_SECURITYERROR },
};

static BdReason
our_reason (const char *sisimai)
{
  for (guint i = 0; i < G_N_ELEMENTS (sisimai_names); i++)
    if (strcmp (sisimai_names[i].sisimai, sisimai) == 0)
      return sisimai_names[i].ours;
  return bd_reason_from_string (sisimai);
}

static char *
as_written (const char *phrase)
{
  g_auto(GStrv) parts = g_strsplit (phrase, "\u2026", 2);

  return parts[1] == NULL ? g_strdup (phrase)
                          : g_strdup_printf ("%s<row@example.net>%s", parts[0], parts[1]);
}

static void
test_sisimai_phrases (void)
{
  g_autoptr(GPtrArray) rows = test_load_tsv ("phrases", "sisimai-reasons.tsv");
  g_autoptr(GString) wrong = g_string_new (NULL);
  guint n_rows = 0, n_right = 0, n_ours = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autofree char *words = NULL;
      g_autoptr(BdBounce) bounce = NULL;
      const BdRecipient *r;
      BdReason want;
      guint n;

      n = g_strv_length (row);
      g_assert_true (n == 3 || n == 5);
      want = our_reason (row[1]);
      g_assert_cmpint (want, !=, BD_REASON_UNDEFINED);
      if (n == 5)
        {
          BdReason decided = bd_reason_from_string (row[3]);

          /* A row that says "ours differs" must differ, and say why. */
          g_assert_cmpint (decided, !=, BD_REASON_UNDEFINED);
          g_assert_cmpint (decided, !=, want);
          g_assert_cmpstr (row[4], !=, "");
          want = decided;
          n_ours++;
        }
      words = as_written (row[0]);
      bounce = test_decode_minimal_dsn ("5.0.0", words);
      g_assert_cmpuint (bounce->recipients->len, ==, 1);
      r = g_ptr_array_index (bounce->recipients, 0);
      n_rows++;
      if (r->reason == want)
        n_right++;
      else
        g_string_append_printf (wrong, "  \"%s\": %s, expected %s (%s; %s)\n", row[0],
                                bd_reason_to_string (r->reason), bd_reason_to_string (want),
                                row[2], r->evidence ? r->evidence : "no evidence");
    }
  g_test_message ("Sisimai's phrases: %u of %u give the expected reason (%u where ours differs on purpose)",
                  n_right, n_rows, n_ours);
  if (wrong->len > 0)
    g_test_message ("phrases whose reason differs:\n%s", wrong->str);
  g_assert_cmpuint (n_rows, >, 600);
  g_assert_cmpstr (wrong->str, ==, "");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

  g_test_add_func ("/core/sisimai-phrases", test_sisimai_phrases);
  return g_test_run ();
}
