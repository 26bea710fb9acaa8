/* bd-cli-exec.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `bounce-doctor-cli check-domain` lives in a helper executable, so that the
 * CLI itself does not load libsoup, TLS and ldns: loading them took longer
 * than decoding a hundred bounces, at every run of `explain`. The helper is
 * looked for next to the CLI (the build tree) and then in libexecdir
 * (installed), and replaces this process: its exit status and output are
 * the subcommand's.
 */
#define G_LOG_DOMAIN "bd-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bd-cli.h"

/* The helper next to the running executable, or NULL. */
static char *
helper_beside_self (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;
  char *path;

  if (self == NULL)
    return NULL;
  dir = g_path_get_dirname (self);
  path = g_build_filename (dir, BD_CHECK_DOMAIN_HELPER, NULL);
  if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    return path;
  g_free (path);
  return NULL;
}

int
bd_cli_run_check_domain (int    argc,
                         char **argv)
{
  g_autofree char *path = helper_beside_self ();
  g_autofree char **args = g_new0 (char *, argc + 2);
  int saved_errno;

  if (path == NULL)
    path = g_build_filename (BD_LIBEXECDIR, BD_CHECK_DOMAIN_HELPER, NULL);

  /* argv[0] is "check-domain": the helper checks it. */
  args[0] = path;
  for (int i = 0; i < argc; i++)
    args[i + 1] = argv[i];

  fflush (stdout);
  fflush (stderr);
  execv (path, args);
  saved_errno = errno;

  /* Translators: %s is the path of a program, the second %s why it failed */
  fprintf (stderr, _("bounce-doctor-cli check-domain: cannot run %s: %s\n"),
           path, g_strerror (saved_errno));
  return BD_CLI_EXIT_INPUT_ERROR;
}
