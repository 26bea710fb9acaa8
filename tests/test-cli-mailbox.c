/* test-cli-mailbox.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `explain` on a whole mailbox takes the fast path (ordinary mail skipped
 * unparsed): one JSON object per message still, and every bounce decoded
 * exactly as when its file is explained alone.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "bd-test-util.h"

static char *
run_cli (const char *format,
         const char *path,
         int        *status)
{
  g_autofree char *format_arg = g_strdup_printf ("--format=%s", format);
  const char *args[] = { "explain", format_arg, path, NULL };
  g_auto(CliRun) run = { 0 };

  cli_run_argv (&run, "en", NULL, NULL, args);
  *status = run.status;
  return g_steal_pointer (&run.out);
}

static JsonObject *
parse_line (const char *line)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, line, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The "recipients" of one object, as text, to compare two decodings. */
static char *
recipients_text (JsonObject *object)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  json_node_set_array (node, json_object_get_array_member (object, "recipients"));
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static void
test_mbox_fast_path (void)
{
  const char *const names[] = { "postfix-user-unknown.eml", "office365-pl-adresat-nieznany.eml",
                                "qmail-pl-skrzynka-pelna.eml", "delayed-connection-timeout.eml" };
  g_autofree char *dir = g_dir_make_tmp ("bd-cli-mailbox-XXXXXX", NULL);
  g_autofree char *mbox_path = g_build_filename (dir, "Inbox", NULL);
  g_autoptr(GString) mbox = g_string_new (NULL);
  g_autoptr(GPtrArray) alone = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL, *csv = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_messages = 0, report = 0;
  int status;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", names[i], NULL);
      g_autofree char *data = NULL;
      g_autofree char *single = NULL;
      g_autoptr(JsonObject) object = NULL;
      g_auto(GStrv) body = NULL;

      g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
      single = run_cli ("json", path, &status);
      object = parse_line (single);
      g_ptr_array_add (alone, recipients_text (object));

      g_string_append (mbox, "From jan@firma.example Mon Sep  2 10:00:00 2024\n"
                             "From: jan@firma.example\nSubject: Lunch\n\nFrom now on, noon.\n\n");
      g_string_append (mbox, "From MAILER-DAEMON Mon Sep  2 10:00:00 2024\n");
      body = g_strsplit (data, "\n", -1);
      for (guint l = 0; body[l] != NULL; l++)
        {
          if (body[l + 1] == NULL && body[l][0] == '\0')
            break;
          g_string_append_printf (mbox, "%s%s\n", g_str_has_prefix (body[l], "From ") ? ">" : "", body[l]);
        }
      g_string_append_c (mbox, '\n');
      n_messages += 2;
    }
  g_assert_true (g_file_set_contents (mbox_path, mbox->str, mbox->len, NULL));

  out = run_cli ("json", mbox_path, &status);
  g_assert_cmpint (status, ==, 0);
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, n_messages);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonObject) object = parse_line (lines[i]);
      const char *kind = json_object_get_string_member (object, "kind");

      g_assert_cmpstr (json_object_get_string_member (object, "source"), ==, mbox_path);
      if (i % 2 == 0)
        {
          g_assert_cmpstr (kind, ==, "not-bounce");
          continue;
        }
      g_assert_cmpstr (kind, !=, "not-bounce");
      {
        g_autofree char *recipients = recipients_text (object);

        g_assert_cmpstr (recipients, ==, g_ptr_array_index (alone, report));
      }
      report++;
    }

  csv = run_cli ("csv", mbox_path, &status);
  g_assert_true (g_str_has_prefix (csv, "source,offset,kind,recipient,status,reply_code,reason,hard,diagnostic\n"));
  g_assert_nonnull (strstr (csv, ",bounce,"));

  g_remove (mbox_path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/explain/mailbox-fast-path", test_mbox_fast_path);
  return g_test_run ();
}
