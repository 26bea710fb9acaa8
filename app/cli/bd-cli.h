/* bd-cli.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The subcommands of bounce-doctor-cli. Each takes the arguments after its
 * own name (argv[0] is the subcommand) and returns the process exit status.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The exit statuses of the command-line contract. */
enum
{
  BD_CLI_EXIT_OK = 0,            /* every input was read */
  BD_CLI_EXIT_INPUT_ERROR = 1,   /* some input could not be read; the rest was reported */
  BD_CLI_EXIT_USAGE = 2,
};

int bd_cli_explain      (int argc, char **argv);
int bd_cli_check_domain (int argc, char **argv);

/* Runs bd_cli_check_domain() in the helper executable (bd-cli-exec.c);
 * returns only when the helper cannot be started. */
int bd_cli_run_check_domain (int argc, char **argv);

G_END_DECLS
