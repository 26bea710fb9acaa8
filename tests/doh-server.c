/* doh-server.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the tests that talk to a real DoH server: start BIND 9.18 through
 * start-doh-server.sh (its own config, zones and CA in a temporary
 * directory) and stop it again.
 */
#include "doh-server.h"

/* One try: 0 when it serves, 77 without named, else the script's status
 * (its reason in @err). */
static int
try_start (DohServer  *server,
           char      **out,
           char      **err)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "start-doh-server.sh", NULL);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { script, NULL, NULL };
  int status;

  server->dir = g_dir_make_tmp ("bd-bind-XXXXXX", &error);
  g_assert_no_error (error);
  argv[1] = server->dir;
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return 1;
}

void
doh_server_start (DohServer *server)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 1;

  /* The script picks free ports by binding to port 0 and letting go, and
   * tests run side by side (test-window, -pl and -uk, the DoH core tests)
   * do the same: another named can take a port in between. Try again
   * with new ports rather than fail the whole run on that race. */
  for (guint attempt = 0; attempt < 3 && status != 0 && status != 77; attempt++)
    {
      if (attempt > 0)
        {
          g_test_message ("named did not start (try %u): %s", attempt, err);
          doh_server_stop (server);
          g_clear_pointer (&out, g_free);
          g_clear_pointer (&err, g_free);
        }
      status = try_start (server, &out, &err);
    }
  if (status == 77)
    {
      server->skip_reason = g_strdup ("named (BIND 9) is not installed");
      return;
    }
  if (status != 0)
    g_error ("could not start named: %s", err);
  server->url = g_strstrip (g_steal_pointer (&out));
  server->ca_file = g_build_filename (server->dir, "ca.pem", NULL);
  {
    g_autofree char *path = g_build_filename (server->dir, "resolver-url", NULL);

    if (g_file_get_contents (path, &server->resolver_url, NULL, NULL))
      g_strstrip (server->resolver_url);
  }
}

void
doh_server_stop (DohServer *server)
{
  const char *pid_files[] = { "named.pid", "resolver/named.pid" };
  g_autofree char *cmd = NULL;

  if (server->dir == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (pid_files); i++)
    {
      g_autofree char *pid_file = g_build_filename (server->dir, pid_files[i], NULL);
      g_autofree char *pid = NULL;

      if (g_file_get_contents (pid_file, &pid, NULL, NULL) && atoi (pid) > 0)
        kill (atoi (pid), SIGTERM);
    }
  g_usleep (G_USEC_PER_SEC / 5);
  cmd = g_strdup_printf ("rm -rf '%s'", server->dir);
  if (system (cmd) != 0)
    g_printerr ("could not remove %s\n", server->dir);
  g_clear_pointer (&server->dir, g_free);
  g_clear_pointer (&server->url, g_free);
  g_clear_pointer (&server->resolver_url, g_free);
  g_clear_pointer (&server->ca_file, g_free);
  g_clear_pointer (&server->skip_reason, g_free);
}
