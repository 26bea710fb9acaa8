/* test-cli-explain.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "bounce-doctor-cli explain" as scripts use it: the three formats, mbox,
 * Maildir, folders, standard input, exit codes and errors naming the file.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bd-export.h"
#include "bd-test-util.h"

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "decoder", name, NULL);
}

static void
run_cli_argv (CliRun      *run,
              const char  *stdin_path,
              const char **args)
{
  cli_run_argv (run, "en", stdin_path, NULL, args);
}

static GPtrArray *
parse_json_lines (const char *out)
{
  GPtrArray *objects = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      if (lines[i][0] == '\0')
        continue;
      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      g_ptr_array_add (objects, json_node_ref (json_parser_get_root (parser)));
    }
  return objects;
}

static JsonObject *
object_at (GPtrArray *objects,
           guint      i)
{
  g_assert_cmpuint (i, <, objects->len);
  return json_node_get_object (g_ptr_array_index (objects, i));
}

static void
test_explain_json (void)
{
  g_autofree char *path = fixture ("multi-recipient.eml");
  const char *args[] = { "explain", "--format=json", path, NULL };
  g_auto(CliRun) run = { 0 };
  g_autoptr(GPtrArray) objects = NULL;
  JsonObject *o, *original, *r;
  JsonArray *recipients;
  const char *keys[] = { "source", "offset", "kind", "mta", "reporting_mta", "date", "original",
                         "recipients", "summary" };
  const char *rkeys[] = { "address", "original", "action", "status", "reply_code", "diagnostic",
                          "remote_mta", "reason", "hard", "evidence" };

  run_cli_argv (&run, NULL, args);
  g_assert_cmpint (run.status, ==, 0);
  objects = parse_json_lines (run.out);
  g_assert_cmpuint (objects->len, ==, 1);
  o = object_at (objects, 0);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (json_object_has_member (o, keys[i]));
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "bounce");
  g_assert_cmpint (json_object_get_int_member (o, "offset"), ==, 0);
  original = json_object_get_object_member (o, "original");
  g_assert_cmpstr (json_object_get_string_member (original, "from"), ==, "anna@firma.example");
  g_assert_true (json_object_get_null_member (original, "sender_ip"));
  recipients = json_object_get_array_member (o, "recipients");
  g_assert_cmpuint (json_array_get_length (recipients), ==, 3);
  r = json_array_get_object_element (recipients, 0);
  for (guint i = 0; i < G_N_ELEMENTS (rkeys); i++)
    g_assert_true (json_object_has_member (r, rkeys[i]));
  g_assert_cmpstr (json_object_get_string_member (r, "reason"), ==, "userunknown");
  g_assert_true (json_object_get_boolean_member (r, "hard"));
  g_assert_cmpint (json_object_get_int_member (r, "reply_code"), ==, 550);
}

static void
test_explain_csv (void)
{
  g_autofree char *path = fixture ("multi-recipient.eml");
  const char *args[] = { "explain", "--format=csv", path, NULL };
  g_auto(CliRun) run = { 0 };
  g_auto(GStrv) lines = NULL;

  run_cli_argv (&run, NULL, args);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "source,offset,kind,recipient,status,reply_code,reason,hard,diagnostic");
  g_assert_true (g_str_has_suffix (lines[1], ",0,bounce,jan.nowak@example.com,5.1.1,550,userunknown,true,"
                                   "550 5.1.1 <jan.nowak@example.com>: Recipient address rejected: User unknown in virtual mailbox table"));
  /* A diagnostic with a comma or a quote is quoted. */
  g_assert_nonnull (strstr (lines[3], ",\"554 5.7.1 Service unavailable, Client host [203.0.113.7] blocked using zen.spamhaus.org\""));
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
}

static void
test_explain_text (void)
{
  g_autofree char *path = fixture ("multi-recipient.eml");
  const char *args[] = { "explain", path, NULL };
  g_auto(CliRun) run = { 0 };

  run_cli_argv (&run, NULL, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "jan.nowak@example.com"));
  g_assert_nonnull (strstr (run.out, "userunknown"));
}

static void
test_explain_errors (void)
{
  g_autofree char *good = fixture ("delivered.eml");
  const char *missing_args[] = { "explain", "--format=json", "/nonexistent/bounce.eml", good, NULL };
  const char *format_args[] = { "explain", "--format=xml", good, NULL };
  const char *none_args[] = { "explain", NULL };
  g_auto(CliRun) missing = { 0 };
  g_auto(CliRun) format = { 0 };
  g_auto(CliRun) none = { 0 };
  g_autoptr(GPtrArray) objects = NULL;

  run_cli_argv (&missing, NULL, missing_args);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "/nonexistent/bounce.eml"));
  objects = parse_json_lines (missing.out);
  g_assert_cmpuint (objects->len, ==, 1);

  run_cli_argv (&format, NULL, format_args);
  g_assert_cmpint (format.status, ==, 2);
  g_assert_nonnull (strstr (format.err, "xml"));

  run_cli_argv (&none, NULL, none_args);
  g_assert_cmpint (none.status, ==, 2);
}

static void
write_file (const char *path,
            const char *contents,
            gssize      len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
}

/* Runs the CLI with @args, standard error merged into standard output;
 * returns that, and checks the exit status. */
static char *
run_merged_status (GPtrArray  *args,
                   const char *threads,
                   int         expected_status)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  char *out = NULL;
  int status;

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "en", TRUE);
  envp = g_environ_setenv (envp, "BD_CLI_THREADS", threads, TRUE);
  g_ptr_array_add (argv, (char *)"/bin/sh");
  g_ptr_array_add (argv, (char *)"-c");
  g_ptr_array_add (argv, (char *)"exec \"$0\" \"$@\" 2>&1");
  g_ptr_array_add (argv, (char *)g_getenv ("BD_CLI"));
  for (guint i = 0; i < args->len; i++)
    g_ptr_array_add (argv, g_ptr_array_index (args, i));
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **)argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, expected_status);
  return out;
}

/* The CLI reads its paths on several threads; what it prints, errors
 * included, comes out in the order of the paths all the same. */
static char *
run_merged (GPtrArray  *args,
            const char *threads)
{
  return run_merged_status (args, threads, 1);
}

/* The explain command with @format of @path alone. */
static char *
explain_alone (const char *format,
               const char *path)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (args, g_strdup ("explain"));
  g_ptr_array_add (args, g_strdup (format));
  g_ptr_array_add (args, g_strdup (path));
  return run_merged_status (args, "1", 0);
}

/* What @format prints of one path, to be compared with the same path's
 * output among others: without the CSV header (printed once, at the
 * start), without the mailbox summary the text ends in (the folder has
 * its own). Returns its length from @out's start. */
static gsize
comparable_part (const char  *format,
                 const char  *out,
                 const char **start)
{
  if (g_str_equal (format, "--format=csv"))
    g_assert_true (g_str_has_prefix (out, BD_EXPORT_CSV_HEADER));
  *start = g_str_equal (format, "--format=csv") ? out + strlen (BD_EXPORT_CSV_HEADER) : out;
  if (g_str_equal (format, "--format=text") && strstr (out, "\na-mbox: ") != NULL)
    return strstr (out, "\na-mbox: ") + 1 - *start;
  return strlen (*start);
}

/* One path's messages are written in batches of many, past stdio's buffer
 * when large: a folder of a mailbox whose output is several batches, an
 * unreadable file, then one message, prints what the mailbox prints
 * alone, the error, then the message, in every format. */
static void
test_explain_batches (void)
{
  static const char *formats[] = { "--format=json", "--format=text", "--format=csv" };
  /* how each format's output of c.eml starts, around its path */
  static const char *c_starts[][2] = { { "{\"source\": \"", "\"" }, { "", "\n" }, { "", "," } };
  g_autofree char *tmp = g_dir_make_tmp ("bd-cli-batch-XXXXXX", NULL);
  g_autofree char *mbox = g_build_filename (tmp, "a-mbox", NULL);
  g_autofree char *dangling = g_build_filename (tmp, "b.eml", NULL);
  g_autofree char *single = g_build_filename (tmp, "c.eml", NULL);
  g_autofree char *sample = fixture ("delivered.eml");
  g_autofree char *vacation = fixture ("vacation.eml");
  g_autofree char *sample_text = NULL, *vacation_text = NULL;

  g_assert_true (g_file_get_contents (sample, &sample_text, NULL, NULL));
  g_assert_true (g_file_get_contents (vacation, &vacation_text, NULL, NULL));
  g_assert_cmpint (symlink ("/nonexistent/bounce.eml", dangling), ==, 0);
  write_file (single, vacation_text, -1);

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) mbox_text = g_string_new (NULL);
      g_autofree char *alone_a = NULL;
      g_autofree char *c_start = g_strconcat (c_starts[f][0], single, c_starts[f][1], NULL);
      g_autofree char *all = NULL;
      const char *a, *all_start, *error_line, *error_end;
      gsize a_len;

      /* more than a batch: some 700 bytes a message in JSON and text, 120 in CSV */
      for (guint i = 0; i < (f == 2 ? 600 : 120); i++)
        g_string_append_printf (mbox_text, "From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n%s\n", sample_text);
      write_file (mbox, mbox_text->str, mbox_text->len);
      alone_a = explain_alone (formats[f], mbox);
      g_ptr_array_add (args, g_strdup ("explain"));
      g_ptr_array_add (args, g_strdup (formats[f]));
      g_ptr_array_add (args, g_strdup (tmp));
      all = run_merged (args, "1");
      a_len = comparable_part (formats[f], alone_a, &a);
      comparable_part (formats[f], all, &all_start);

      g_assert_cmpuint (a_len, >, 64 * 1024);
      g_assert_true (strncmp (all_start, a, a_len) == 0);
      error_line = all_start + a_len;
      g_assert_true (g_str_has_prefix (error_line, "bounce-doctor-cli: "));
      error_end = strchr (error_line, '\n');
      g_assert_nonnull (error_end);
      g_assert_nonnull (g_strstr_len (error_line, error_end - error_line, "b.eml"));
      g_assert_true (g_str_has_prefix (error_end + 1, c_start));
    }
  g_unlink (mbox);
  g_unlink (dangling);
  g_unlink (single);
  g_rmdir (tmp);
}

static void
test_explain_order (void)
{
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "fixtures", "scanners", NULL);
  g_autofree char *tmp = g_dir_make_tmp ("bd-cli-order-XXXXXX", NULL);
  g_autofree char *empty = g_build_filename (tmp, "empty.eml", NULL);
  g_autofree char *mbox = g_build_filename (tmp, "Bounces", NULL);
  g_autofree char *sample = fixture ("delivered.eml");
  g_autofree char *sample_text = NULL;
  g_autoptr(GString) mbox_text = g_string_new (NULL);
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autofree char *one = NULL, *four = NULL;
  const char *name, *missing_at, *before, *after;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (folder, name, NULL));
  g_ptr_array_sort (names, (GCompareFunc)g_strcmp0);
  g_assert_cmpuint (names->len, >=, 20);
  write_file (empty, "", 0);
  /* A long first item: later ones finish first and must wait for it. */
  g_assert_true (g_file_get_contents (sample, &sample_text, NULL, NULL));
  for (guint i = 0; i < 1500; i++)
    g_string_append_printf (mbox_text, "From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n%s\n", sample_text);
  write_file (mbox, mbox_text->str, mbox_text->len);

  g_ptr_array_add (args, g_strdup ("explain"));
  g_ptr_array_add (args, g_strdup (mbox));
  for (guint i = 0; i < names->len; i++)
    {
      if (i == 5)
        g_ptr_array_add (args, g_strdup ("/nonexistent/bounce.eml"));
      if (i == 15)
        g_ptr_array_add (args, g_strdup (empty));
      g_ptr_array_add (args, g_strdup (g_ptr_array_index (names, i)));
    }

  one = run_merged (args, "1");
  four = run_merged (args, "4");
  g_assert_true (g_strcmp0 (one, four) == 0);   /* (not cmpstr: megabytes of text) */

  /* The error sits between the explanations of its neighbours. */
  missing_at = strstr (four, "/nonexistent/bounce.eml");
  before = strstr (four, g_ptr_array_index (names, 4));
  after = strstr (four, g_ptr_array_index (names, 5));
  g_assert_nonnull (missing_at);
  g_assert_nonnull (before);
  g_assert_nonnull (after);
  g_assert_true (before < missing_at && missing_at < after);
  g_assert_nonnull (strstr (four, "empty.eml"));

  g_assert_true (strstr (four, mbox) < before);
  g_unlink (empty);
  g_unlink (mbox);
  g_rmdir (tmp);
}

/* An mbox of two messages, a Maildir, a folder with a link loop, stdin. */
static void
test_explain_mailboxes (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bd-explain-XXXXXX", NULL);
  g_autofree char *a_path = fixture ("multi-recipient.eml");
  g_autofree char *b_path = fixture ("vacation.eml");
  g_autofree char *a = NULL, *b = NULL;
  g_autofree char *mbox = g_build_filename (dir, "Inbox", NULL);
  g_autofree char *maildir = g_build_filename (dir, "Maildir", NULL);
  g_autofree char *cur = g_build_filename (maildir, "cur", NULL);
  g_autofree char *new_ = g_build_filename (maildir, "new", NULL);
  g_autofree char *tmp = g_build_filename (maildir, "tmp", NULL);
  g_autofree char *in_cur = g_build_filename (cur, "1.host:2,S", NULL);
  g_autofree char *loop = g_build_filename (dir, "loop", NULL);
  g_autofree char *mbox_text = NULL;
  gsize a_len, b_len;
  const char *mbox_args[] = { "explain", "--format=json", mbox, NULL };
  const char *dir_args[] = { "explain", "--format=json", dir, NULL };
  const char *stdin_args[] = { "explain", "--format=json", "-", NULL };
  g_auto(CliRun) mbox_run = { 0 };
  g_auto(CliRun) dir_run = { 0 };
  g_auto(CliRun) stdin_run = { 0 };
  g_autoptr(GPtrArray) objects = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) piped = NULL;

  g_file_get_contents (a_path, &a, &a_len, NULL);
  g_file_get_contents (b_path, &b, &b_len, NULL);
  mbox_text = g_strdup_printf ("From MAILER-DAEMON Fri Nov 27 10:00:05 2026\n%s\n"
                               "From jan Fri Nov 27 10:01:00 2026\n%s>From the desk of Jan\n\n", a, b);
  write_file (mbox, mbox_text, -1);
  g_assert_cmpint (g_mkdir_with_parents (cur, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (new_, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (tmp, 0700), ==, 0);
  write_file (in_cur, b, b_len);
  g_assert_cmpint (symlink (dir, loop), ==, 0);

  run_cli_argv (&mbox_run, NULL, mbox_args);
  g_assert_cmpint (mbox_run.status, ==, 0);
  objects = parse_json_lines (mbox_run.out);
  g_assert_cmpuint (objects->len, ==, 2);
  g_assert_cmpint (json_object_get_int_member (object_at (objects, 0), "offset"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object_at (objects, 1), "offset"), ==,
                   strlen ("From MAILER-DAEMON Fri Nov 27 10:00:05 2026\n") + a_len + 1);
  g_assert_cmpstr (json_object_get_string_member (object_at (objects, 0), "kind"), ==, "bounce");
  g_assert_cmpstr (json_object_get_string_member (object_at (objects, 1), "kind"), ==, "vacation");

  /* The folder: the mbox, the Maildir's message, and the loop named. */
  run_cli_argv (&dir_run, NULL, dir_args);
  g_assert_cmpint (dir_run.status, ==, 1);
  g_assert_nonnull (strstr (dir_run.err, "loop"));
  all = parse_json_lines (dir_run.out);
  g_assert_cmpuint (all->len, ==, 3);

  run_cli_argv (&stdin_run, a_path, stdin_args);
  g_assert_cmpint (stdin_run.status, ==, 0);
  piped = parse_json_lines (stdin_run.out);
  g_assert_cmpuint (piped->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (object_at (piped, 0), "source"), ==, "-");

  g_unlink (loop);
  g_unlink (in_cur);
  g_unlink (mbox);
  g_rmdir (cur);
  g_rmdir (new_);
  g_rmdir (tmp);
  g_rmdir (maildir);
  g_rmdir (dir);
}

/* Output that cannot be written (a full disk: /dev/full) ends the run
 * with exit status 1 and the reason on stderr, whether it went through
 * stdio (one message) or straight to write (2) (a mailbox of several
 * batches): a script must not take a lost output for an empty one. */
static void
test_explain_output_error (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("bd-cli-full-XXXXXX", NULL);
  g_autofree char *mbox = g_build_filename (tmp, "mbox", NULL);
  g_autofree char *one = fixture ("delivered.eml");
  g_autofree char *one_text = NULL;
  g_autoptr(GString) mbox_text = g_string_new (NULL);
  const char *inputs[] = { one, mbox };

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full here");
      return;
    }
  g_assert_true (g_file_get_contents (one, &one_text, NULL, NULL));
  /* some 700 bytes of JSON a message: more than one batch */
  for (guint i = 0; i < 200; i++)
    g_string_append_printf (mbox_text, "From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n%s\n", one_text);
  write_file (mbox, mbox_text->str, mbox_text->len);

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      const char *argv[] = { "/bin/sh", "-c", "exec \"$0\" explain --format=json \"$1\" > /dev/full",
                             g_getenv ("BD_CLI"), inputs[i], NULL };
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      int status;

      g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                    &status, &error);
      g_assert_no_error (error);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 1);
      g_assert_nonnull (strstr (err, "could not write the results"));
    }
  g_unlink (mbox);
  g_rmdir (tmp);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/explain/json", test_explain_json);
  g_test_add_func ("/cli/explain/csv", test_explain_csv);
  g_test_add_func ("/cli/explain/text", test_explain_text);
  g_test_add_func ("/cli/explain/errors", test_explain_errors);
  g_test_add_func ("/cli/explain/mailboxes", test_explain_mailboxes);
  g_test_add_func ("/cli/explain/order", test_explain_order);
  g_test_add_func ("/cli/explain/batches", test_explain_batches);
  g_test_add_func ("/cli/explain/output-error", test_explain_output_error);

  return g_test_run ();
}
