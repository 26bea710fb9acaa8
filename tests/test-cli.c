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

typedef struct
{
  char *out;
  char *err;
  int   status;
} CliRun;

static void
cli_run_clear (CliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

static void
run_cli (CliRun      *run,
         const char  *language,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *localedir = g_build_filename (g_getenv ("BD_BUILD_ROOT"), "po", NULL);
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *)g_getenv ("BD_CLI"));
  va_start (args, language);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LANG", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", language, TRUE);
  envp = g_environ_setenv (envp, "BD_LOCALEDIR", localedir, TRUE);

  g_spawn_sync (NULL, (char **)argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &run->status, &error);
  g_assert_no_error (error);
}

static int
exit_status (const CliRun *run)
{
  g_assert_true (WIFEXITED (run->status));
  return WEXITSTATUS (run->status);
}

static void
test_cli_help (void)
{
  g_auto(CliRun) run = { 0 };

  run_cli (&run, "en", "--help", NULL);
  g_assert_cmpint (exit_status (&run), ==, 0);
  g_assert_nonnull (strstr (run.out, "Usage: bounce-doctor-cli"));
  g_assert_nonnull (strstr (run.out, "explain"));
  g_assert_nonnull (strstr (run.out, "check-domain"));
}

static void
test_cli_version (void)
{
  g_auto(CliRun) run = { 0 };

  run_cli (&run, "en", "--version", NULL);
  g_assert_cmpint (exit_status (&run), ==, 0);
  g_assert_cmpstr (run.out, ==, "bounce-doctor-cli " PACKAGE_VERSION "\n");
}

static void
test_cli_usage_errors (void)
{
  g_auto(CliRun) none = { 0 };
  g_auto(CliRun) unknown = { 0 };

  run_cli (&none, "en", NULL);
  g_assert_cmpint (exit_status (&none), ==, 2);
  g_assert_nonnull (strstr (none.err, "Usage:"));

  run_cli (&unknown, "en", "frobnicate", NULL);
  g_assert_cmpint (exit_status (&unknown), ==, 2);
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
  run_cli (&run, "en", "explain", "--format=csv", empty, sample, NULL);
  g_assert_cmpint (exit_status (&run), ==, 1);
  g_assert_nonnull (strstr (run.err, "empty.eml"));
  g_assert_nonnull (strstr (run.out, "jan.kowalsky@example.com,5.1.1,550,userunknown,true"));

  g_remove (empty);
  g_rmdir (dir);
}

static void
test_cli_polish (void)
{
  g_auto(CliRun) run = { 0 };

  run_cli (&run, "pl", "--help", NULL);
  g_assert_cmpint (exit_status (&run), ==, 0);
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
