/* test-sisimai-rhost.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What Sisimai knows about providers' own replies, checked against our
 * classifier. tests/fixtures/providers/sisimai-rhost.tsv lists the messages
 * of go-sisimai's Rhost modules (rhost/for-*.go, BSD-2-Clause), each with a
 * host of the provider, a status and the reason Sisimai gives it; each row
 * goes through bd_classify_recipient () with the host as the reporter (as
 * the decoder calls it for a report's Remote-MTA) and must give that
 * reason, or the reason of the row's sixth column where we decide
 * otherwise on purpose (the seventh says why).
 */
#include "config.h"

#include <string.h>

#include "bd-classify.h"
#include "bd-test-util.h"

static void
test_sisimai_rhost (void)
{
  g_autoptr(GPtrArray) rows = test_load_tsv ("providers", "sisimai-rhost.tsv");
  g_autoptr(GString) wrong = g_string_new (NULL);
  guint n_rows = 0, n_right = 0, n_ours = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autofree char *evidence = NULL;
      BdRecipient r = { 0 };
      BdReason want, got;
      guint n;

      n = g_strv_length (row);
      g_assert_true (n == 5 || n == 7);
      want = bd_reason_from_string (row[n == 7 ? 5 : 3]);
      g_assert_cmpint (want, !=, BD_REASON_UNDEFINED);
      if (n == 7)
        {
          /* a row that says "ours differs" must differ, and say why */
          g_assert_cmpint (want, !=, bd_reason_from_string (row[3]));
          g_assert_cmpstr (row[6], !=, "");
          n_ours++;
        }
      r.address = (char *)"row@example.net";
      r.status = row[1];
      r.reply_code = (guint)g_ascii_strtoull (row[2], NULL, 10);
      r.diagnostic = row[2];
      got = bd_classify_recipient (&r, row[0], &evidence);
      n_rows++;
      if (got == want)
        n_right++;
      else
        g_string_append_printf (wrong, "  %s \"%s\": %s, expected %s (%s; %s)\n", row[0], row[2],
                                bd_reason_to_string (got), bd_reason_to_string (want), row[4],
                                evidence != NULL ? evidence : "no evidence");
    }
  g_test_message ("Sisimai's provider replies: %u of %u give the expected reason (%u where ours differs on purpose)",
                  n_right, n_rows, n_ours);
  if (wrong->len > 0)
    g_test_message ("replies whose reason differs:\n%s", wrong->str);
  g_assert_cmpuint (n_rows, >, 300);
  g_assert_cmpstr (wrong->str, ==, "");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/sisimai-rhost", test_sisimai_rhost);
  return g_test_run ();
}
