/* fuzz-replay.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A main() for the fuzz targets when libFuzzer is not there (gcc, or a
 * build without -Dfuzzing): runs the target once over every file named
 * on the command line or found under a named folder, as
 * `fuzz-foo -runs=0 DIR…` would. The "fuzz-replay-*" tests use it to
 * replay the seed corpora and every crasher kept in
 * tests/fixtures/fuzz/<target>/ in the ordinary and the sanitizer builds.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "fuzz-common.h"

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static guint
replay_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;
      guint n = 0;

      if (dir == NULL)
        g_error ("%s", error->message);
      while ((name = g_dir_read_name (dir)) != NULL)
        if (name[0] != '.' && g_strcmp0 (name, "README") != 0)
          g_ptr_array_add (names, g_build_filename (path, name, NULL));
      g_ptr_array_sort (names, compare_paths);
      for (guint i = 0; i < names->len; i++)
        n += replay_path (g_ptr_array_index (names, i));
      return n;
    }
  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);
  /* An exact-size copy, so reading one byte past the input is caught. */
  {
    g_autofree uint8_t *copy = g_memdup2 (contents, length);

    LLVMFuzzerTestOneInput (copy, length);
  }
  return 1;
}

int
main (int    argc,
      char **argv)
{
  guint n = 0;

  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    {
      if (!g_file_test (argv[i], G_FILE_TEST_EXISTS))
        continue;   /* a target with no crashers kept yet */
      n += replay_path (argv[i]);
    }
  printf ("%u inputs replayed\n", n);
  return n > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
