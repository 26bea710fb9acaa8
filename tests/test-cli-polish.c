/* test-cli-polish.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `LANGUAGE=pl bounce-doctor-cli explain` over every fixture says
 * everything in Polish: with the server's own words (quoted „…”),
 * addresses, host names and the file's path left out, no line may hold a
 * common English word. The scanners state their reasons in their own
 * English words; those must reach the user inside a translated sentence.
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "bd-test-util.h"

/* Common English words that are not Polish words too ("to", "by", "was",
 * "program", "status" are). */
static const char * const english[] = {
  "the", "is", "of", "for", "this", "that", "server", "reply", "says", "said", "message", "has",
  "been", "reason", "code", "report", "with", "not", "and", "failed", "after", "refused", "only",
  "sender", "recipient", "stands", "temporary", "receiving", "its", "which", "your", "could",
  "delivered", "mailbox", "address", "rejected", "but", "because", "what", "why", NULL
};

/* @line without its quotes (the server's words, the subject), without
 * words holding '@', '.' or '/' (addresses, hosts, paths) and without the
 * reason's machine name, "(rejected)". */
static char *
own_words (const char *line)
{
  g_autoptr(GString) plain = g_string_new (NULL);
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) kept = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_str_has_prefix (p, "„"))
        quoted = TRUE;
      else if (g_str_has_prefix (p, "“"))
        quoted = !quoted;
      else if (g_str_has_prefix (p, "”"))
        quoted = FALSE;
      else if (!quoted)
        g_string_append_unichar (plain, g_utf8_get_char (p));
    }
  words = g_strsplit_set (plain->str, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (strpbrk (words[i], "@./") == NULL && !g_regex_match_simple ("^\\([a-z]+\\)$", words[i], 0, 0))
      g_string_append_printf (kept, "%s ", words[i]);
  return g_string_free (g_steal_pointer (&kept), FALSE);
}

/* The first common English word in @line outside the quotes, or NULL. */
static char *
english_word (const char *line)
{
  g_autofree char *plain = own_words (line);
  g_auto(GStrv) tokens = g_regex_split_simple ("[^[:alpha:]]+", plain, 0, 0);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      g_autofree char *lower = g_ascii_strdown (tokens[i], -1);

      if (g_strv_contains (english, lower))
        return g_steal_pointer (&lower);
    }
  return NULL;
}

static void
test_cli_polish_fixture (gconstpointer data)
{
  const char *path = data;
  const char *args[] = { "explain", path, NULL };
  g_auto(CliRun) run = { 0 };
  g_auto(GStrv) lines = NULL;
  guint checked = 0;

  cli_run_argv (&run, "pl", NULL, NULL, args);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *word = NULL;

      if (g_str_equal (lines[i], path))
        continue;
      if ((word = english_word (lines[i])) != NULL)
        g_error ("English “%s” in the Polish output of %s:\n%s", word, path, lines[i]);
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* Every .eml under tests/fixtures, sorted. */
static void
add_fixtures (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (listing == NULL)
    return;
  while ((name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        add_fixtures (path);
      else if (g_str_has_suffix (path, ".eml"))
        {
          g_autofree char *test_name = g_strdup_printf ("/cli/polish/%s", path + strlen (g_getenv ("BD_SOURCE_ROOT")));

          g_test_add_data_func_full (test_name, g_strdup (path), test_cli_polish_fixture, g_free);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *fixtures = NULL;

  g_test_init (&argc, &argv, NULL);

  fixtures = g_build_filename (g_getenv ("BD_SOURCE_ROOT"), "tests", "fixtures", NULL);
  add_fixtures (fixtures);
  return g_test_run ();
}
