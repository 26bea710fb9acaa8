/* bd-cli.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bounce-doctor-cli: the core on the command line. This file only sets up
 * the locale and dispatches to a subcommand.
 */
#define G_LOG_DOMAIN "bd-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <gmime/gmime.h>
#include <stdio.h>
#include <string.h>

#include "bd-cli.h"
#include "bd-i18n.h"
#include "bd-original.h"

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} Subcommand;

static const Subcommand subcommands[] = {
  { "explain",      bd_cli_explain,      N_("Explain returned emails (.eml, mbox, Maildir, folder or - for standard input)") },
  { "check-domain", bd_cli_run_check_domain, N_("Check a domain’s MX, SPF, DKIM and DMARC records and blocklists") },
};

static void
print_usage (FILE *out)
{
  /* Translators: the usage line of the command-line tool; keep the command name */
  fprintf (out, _("Usage: %s COMMAND [OPTION…]\n"), "bounce-doctor-cli");
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    fprintf (out, "  %-14s %s\n", subcommands[i].name, _(subcommands[i].summary));
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  %-14s %s\n", "--help", _("Show this help and exit"));
  fprintf (out, "  %-14s %s\n", "--version", _("Show the version and exit"));
  fprintf (out, "\n%s\n", _("Run “bounce-doctor-cli COMMAND --help” for the options of a command."));
}

int
main (int    argc,
      char **argv)
{
  bd_i18n_init ();
  g_set_prgname ("bounce-doctor-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return BD_CLI_EXIT_USAGE;
    }

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_usage (stdout);
      return BD_CLI_EXIT_OK;
    }

  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("bounce-doctor-cli %s\n", PACKAGE_VERSION);
      return BD_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    {
      if (strcmp (argv[1], subcommands[i].name) == 0)
        {
          int status;

          /* check-domain execs its helper, which does not need GMime. */
          if (subcommands[i].run == bd_cli_run_check_domain)
            return bd_cli_run_check_domain (argc - 1, argv + 1);
          g_mime_init ();
          /* no output of the tool has an original's excerpt or a
           * bounce's own To: not read */
          bd_original_set_app_fields (FALSE);
          status = subcommands[i].run (argc - 1, argv + 1);
          g_mime_shutdown ();
          return status;
        }
    }

  /* Translators: %s is what the user typed as the command */
  fprintf (stderr, _("Unknown command “%s”.\n\n"), argv[1]);
  print_usage (stderr);
  return BD_CLI_EXIT_USAGE;
}
