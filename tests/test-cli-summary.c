/* test-cli-summary.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `explain` in text form ends a mailbox with the window's summary
 * (BdMailboxSummary, in the same words); a single email and the JSON
 * and CSV forms get none.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "bd-test-util.h"

static void
test_cli_summary (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bd-cli-summary-XXXXXX", NULL);
  g_autofree char *mbox = test_write_samples_mbox (dir);
  g_autofree char *eml = g_build_filename (g_getenv ("BD_SOURCE_ROOT"), "data", "samples",
                                           "postfix-user-unknown.eml", NULL);
  g_auto(CliRun) text = { 0 };
  g_auto(CliRun) polish = { 0 };
  g_auto(CliRun) json = { 0 };
  g_auto(CliRun) single = { 0 };

  cli_run (&text, "en", "explain", mbox, NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_true (g_str_has_suffix (text.out,
                                   "Inbox: 5 messages read, 5 returned emails found\n"
                                   "  2 recipients failed for good: the addresses will never work\n"
                                   "  3 recipients not delivered for now: may work later\n"
                                   "  5 different addresses among them\n"));

  cli_run (&polish, "pl", "explain", mbox, NULL);
  g_assert_nonnull (strstr (polish.out, "  2 adresatów z trwałym błędem"));
  g_assert_nonnull (strstr (polish.out, "  5 różnych adresów wśród nich\n"));

  cli_run (&json, "en", "explain", "--format=json", mbox, NULL);
  g_assert_null (strstr (json.out, "messages read"));
  cli_run (&single, "en", "explain", eml, NULL);
  g_assert_null (strstr (single.out, "messages read"));

  g_remove (mbox);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/summary", test_cli_summary);

  return g_test_run ();
}
