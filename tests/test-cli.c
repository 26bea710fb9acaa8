/* test-cli.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives bounce-doctor-cli as a user or script would and checks what it
 * prints and its exit status ($BD_CLI is set by meson).
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "bd-test-util.h"

static void
test_cli_help (void)
{
  g_auto(CliRun) run = { 0 };

  cli_run (&run, "en", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Usage: bounce-doctor-cli"));
  g_assert_nonnull (strstr (run.out, "explain"));
  g_assert_nonnull (strstr (run.out, "check-domain"));
}

static void
test_cli_version (void)
{
  g_auto(CliRun) run = { 0 };

  cli_run (&run, "en", "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "bounce-doctor-cli " PACKAGE_VERSION "\n");
}

static void
test_cli_usage_errors (void)
{
  g_auto(CliRun) none = { 0 };
  g_auto(CliRun) unknown = { 0 };

  cli_run (&none, "en", NULL);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_nonnull (strstr (none.err, "Usage:"));

  cli_run (&unknown, "en", "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "“frobnicate”"));
}

/* An empty file is named on stderr and the exit status says some input
 * could not be read; the other inputs are still reported. */
static void
test_cli_empty_input (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("bd-cli-XXXXXX", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.eml", NULL);
  g_autofree char *sample = g_build_filename (g_getenv ("BD_SOURCE_ROOT"), "data", "samples",
                                              "postfix-user-unknown.eml", NULL);

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  cli_run (&run, "en", "explain", "--format=csv", empty, sample, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "empty.eml"));
  g_assert_nonnull (strstr (run.out, "jan.kowalsky@example.com,5.1.1,550,userunknown,true"));

  g_remove (empty);
  g_rmdir (dir);
}

static void
test_cli_polish (void)
{
  g_auto(CliRun) run = { 0 };

  cli_run (&run, "pl", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Użycie: bounce-doctor-cli"));
  g_assert_nonnull (strstr (run.out, "Polecenia:"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/help", test_cli_help);
  g_test_add_func ("/cli/version", test_cli_version);
  g_test_add_func ("/cli/usage-errors", test_cli_usage_errors);
  g_test_add_func ("/cli/polish", test_cli_polish);
  g_test_add_func ("/cli/empty-input", test_cli_empty_input);

  return g_test_run ();
}
