/* cli-run.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs bounce-doctor-cli ($BD_CLI, set by meson) as a user or a script
 * would, in a given language, and keeps what it printed and its exit
 * status. Shared by the tests of the cli suite.
 */
#pragma once

#include <glib.h>
#include <stdarg.h>
#include <sys/wait.h>

typedef struct
{
  char *out;
  char *err;
  int   status;    /* the exit status: the run must have ended normally */
} CliRun;

static inline void
cli_run_clear (CliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

/* @stdin_path: (nullable): a file to give as standard input;
 * @extra_env: (nullable): NAME, VALUE, …, NULL */
static inline void
cli_run_argv (CliRun            *run,
              const char        *language,
              const char        *stdin_path,
              const char *const *extra_env,
              const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *localedir = g_build_filename (g_getenv ("BD_BUILD_ROOT"), "po", NULL);
  g_autoptr(GString) line = g_string_new (NULL);

  envp = g_environ_setenv (envp, "LANG", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", language, TRUE);
  envp = g_environ_setenv (envp, "BD_LOCALEDIR", localedir, TRUE);
  for (guint i = 0; extra_env != NULL && extra_env[i] != NULL && extra_env[i + 1] != NULL; i += 2)
    envp = g_environ_setenv (envp, extra_env[i], extra_env[i + 1], TRUE);

  if (stdin_path != NULL)
    {
      /* Standard input needs a shell to redirect. */
      g_autofree char *quoted_cli = g_shell_quote (g_getenv ("BD_CLI"));
      g_autofree char *quoted_in = g_shell_quote (stdin_path);

      g_string_append (line, quoted_cli);
      for (guint i = 0; args[i] != NULL; i++)
        {
          g_autofree char *quoted = g_shell_quote (args[i]);

          g_string_append_printf (line, " %s", quoted);
        }
      g_string_append_printf (line, " < %s", quoted_in);
      g_ptr_array_add (argv, (char *)"/bin/sh");
      g_ptr_array_add (argv, (char *)"-c");
      g_ptr_array_add (argv, line->str);
    }
  else
    {
      g_ptr_array_add (argv, (char *)g_getenv ("BD_CLI"));
      for (guint i = 0; args[i] != NULL; i++)
        g_ptr_array_add (argv, (char *)args[i]);
    }
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &run->status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (run->status));
  run->status = WEXITSTATUS (run->status);
}

/* The arguments, NULL-terminated, after @language. */
static inline void
cli_run (CliRun     *run,
         const char *language,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, language);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  cli_run_argv (run, language, NULL, NULL, (const char *const *)args->pdata);
}
