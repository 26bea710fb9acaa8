/* bd-check-domain-main.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bounce-doctor-check-domain: the helper that `bounce-doctor-cli
 * check-domain` runs (see bd-cli-exec.c). It is called as
 * "bounce-doctor-check-domain check-domain ARGS…" and behaves exactly as
 * the subcommand: same options, messages and exit statuses.
 */
#define G_LOG_DOMAIN "bd-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bd-cli.h"
#include "bd-i18n.h"

int
main (int    argc,
      char **argv)
{
  bd_i18n_init ();
  /* The user typed bounce-doctor-cli: --help and messages say so. */
  g_set_prgname ("bounce-doctor-cli");

  if (argc < 2 || strcmp (argv[1], "check-domain") != 0)
    {
      fprintf (stderr, "usage: bounce-doctor-cli check-domain [OPTION…] DOMAIN\n");
      return BD_CLI_EXIT_USAGE;
    }
  return bd_cli_check_domain (argc - 1, argv + 1);
}
