/* bd-cli-explain.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "bd-cli.h"

int
bd_cli_explain (int    argc,
     char **argv)
{
  /* Translators: %s is a subcommand name such as “explain” */
  fprintf (stderr, _("“%s” is not available yet in this version.\n"), "explain");
  return BD_CLI_EXIT_USAGE;
}
