/* test-scanners-prose.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whole scanner table over text that is not in the fixture table
 * (test-scanners.c): ordinary messages that no scanner may claim, and the
 * shared corpus's prose bounces, nearly all of which one must.
 */
#include "config.h"

#include <gmime/gmime.h>
#include <string.h>

#include "bd-scanner.h"
#include "bd-test-util.h"
#include "bd-text.h"

/* The shared corpus (../shared), when present: nearly every prose bounce
 * (one without a machine-readable report) must be claimed by a scanner
 * and give at least one recipient. */
static void
test_scanners_corpus (void)
{
  const char *root = g_getenv ("BD_SOURCE_ROOT");
  g_autofree char *dir = NULL;
  g_autoptr(GDir) listing = NULL;
  const BdScanner *table;
  const char *name;
  guint n, prose = 0, claimed = 0;

  if (root == NULL)
    root = ".";
  /* BD_SHARED_DIR names another copy of ../shared. */
  if (g_getenv ("BD_SHARED_DIR") != NULL && *g_getenv ("BD_SHARED_DIR"))
    dir = g_build_filename (g_getenv ("BD_SHARED_DIR"), "corpus", "bounces", "dev", NULL);
  else
    dir = g_build_filename (root, "..", "shared", "corpus", "bounces", "dev", NULL);
  listing = g_dir_open (dir, 0, NULL);
  if (listing == NULL)
    {
      g_test_skip ("no ../shared corpus");
      return;
    }
  table = bd_scanners_get (&n);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *raw = NULL;
      g_autoptr(TestInput) input = NULL;

      if (!g_str_has_prefix (name, "lhost-") || !g_str_has_suffix (name, ".eml"))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (!g_file_get_contents (path, &raw, NULL, NULL) || bd_text_strcasestr (raw, "message/delivery-status") != NULL)
        continue;
      input = test_input_load (path);
      if (input == NULL)
        continue;
      prose++;
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(BdBounce) bounce = bd_bounce_new (path, 0);

          if (table[i].scan (&input->input, bounce))
            {
              claimed += bounce->recipients->len > 0;
              break;
            }
        }
    }
  g_test_message ("%u of %u prose bounces claimed", claimed, prose);
  g_assert_cmpuint (prose, >, 0);
  g_assert_cmpuint (claimed * 100, >=, prose * 95);
}

static void
test_scanners_not_a_bounce (void)
{
  static const char *const texts[] = {
    "",
    "Hello,\nsee you on Monday.\n",
    "<a@b.example>:\n\n--- Below this line is a copy of the message.\n",
    "This message was created automatically by mail delivery software.\n",
  };
  const BdScanner *table;
  guint n;

  table = bd_scanners_get (&n);
  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      BdScanInput input = { .from = "Jan <jan@firma.example>", .subject = "Re: spotkanie",
                            .body = texts[t], .body_len = strlen (texts[t]) };

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(BdBounce) bounce = bd_bounce_new ("-", 0);

          g_assert_false (table[i].scan (&input, bounce));
          g_assert_cmpuint (bounce->recipients->len, ==, 0);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_mime_init ();

  g_test_add_func ("/core/scanners/not-a-bounce", test_scanners_not_a_bounce);
  g_test_add_func ("/core/scanners/corpus", test_scanners_corpus);
  return g_test_run ();
}
