/* bd-test-util.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tests' shared helpers (bd-test-util.h).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "bd-cpu.h"
#include "bd-decoder.h"
#include "bd-mime-text.h"
#include "bd-scan-input.h"
#include "bd-test-util.h"

void
cli_run_clear (CliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* Standard input needs a shell to redirect: @args as one quoted command
 * line reading @stdin_path. */
static char *
shell_line (const char        *stdin_path,
            const char *const *args)
{
  g_autofree char *quoted_cli = g_shell_quote (g_getenv ("BD_CLI"));
  g_autofree char *quoted_in = g_shell_quote (stdin_path);
  GString *line = g_string_new (quoted_cli);

  for (guint i = 0; args[i] != NULL; i++)
    {
      g_autofree char *quoted = g_shell_quote (args[i]);

      g_string_append_printf (line, " %s", quoted);
    }
  g_string_append_printf (line, " < %s", quoted_in);
  return g_string_free (line, FALSE);
}

void
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
  g_autofree char *line = NULL;

  envp = g_environ_setenv (envp, "LANG", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", language, TRUE);
  envp = g_environ_setenv (envp, "BD_LOCALEDIR", localedir, TRUE);
  for (guint i = 0; extra_env != NULL && extra_env[i] != NULL && extra_env[i + 1] != NULL; i += 2)
    envp = g_environ_setenv (envp, extra_env[i], extra_env[i + 1], TRUE);

  if (stdin_path != NULL)
    {
      line = shell_line (stdin_path, args);
      g_ptr_array_add (argv, (char *)"/bin/sh");
      g_ptr_array_add (argv, (char *)"-c");
      g_ptr_array_add (argv, line);
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
  /* po/pl.po and po/uk.po join a one-letter word to the next with U+00A0
   * (build-aux/po-nbsp.py): the tests look for the words */
  for (char **text = &run->out; text != NULL; text = text == &run->out ? &run->err : NULL)
    {
      g_auto(GStrv) parts = g_strsplit (*text, "\302\240", -1);

      g_free (*text);
      *text = g_strjoinv (" ", parts);
    }
  g_assert_true (WIFEXITED (run->status));
  run->status = WEXITSTATUS (run->status);
}

void
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

GPtrArray *
test_load_tsv (const char *folder,
               const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", folder, name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' && lines[i][0] != '#')
      g_ptr_array_add (rows, g_strsplit (lines[i], "\t", -1));
  return rows;
}

BdBounce *
test_decode_minimal_dsn (const char *status,
                         const char *diagnostic)
{
  g_autofree char *field = diagnostic == NULL ? g_strdup ("")
    : g_strdup_printf ("Diagnostic-Code: smtp; 550 %s %s (in reply to RCPT TO command)\n",
                       status, diagnostic);
  g_autofree char *dsn = g_strdup_printf (
    "From: MAILER-DAEMON@mx.example.org\n"
    "To: sender@example.org\n"
    "Subject: Undelivered Mail Returned to Sender\n"
    "Date: Thu, 1 Jan 2026 00:00:00 +0000\n"
    "Message-ID: <table-row@mx.example.org>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"
    "--b\nContent-Type: text/plain\n\nDelivery failed.\n\n"
    "--b\nContent-Type: message/delivery-status\n\n"
    "Reporting-MTA: dns; mx.example.org\n\n"
    "Final-Recipient: rfc822; row@example.net\n"
    "Action: %s\nStatus: %s\n%s\n--b--\n",
    status[0] == '2' ? "delivered" : "failed", status, field);

  return bd_decoder_decode_bytes (dsn, strlen (dsn), "table-row.eml", 0);
}

void
test_input_free (TestInput *self)
{
  bd_scan_input_clear (&self->input);
  g_clear_pointer (&self->tree, bd_mime_part_free);
  g_free (self->raw);
  g_free (self);
}

static const BdMimePart *
find_original (const BdMimePart *part)
{
  if (part->message != NULL || bd_mime_part_is (part, "text", "rfc822-headers"))
    return part;
  for (guint i = 0; part->children != NULL && i < part->children->len; i++)
    {
      const BdMimePart *found = find_original (g_ptr_array_index (part->children, i));

      if (found != NULL)
        return found;
    }
  return NULL;
}

TestInput *
test_input_load (const char *path)
{
  g_autofree char *contents = NULL;
  TestInput *self;
  const char *start;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;
  len = bd_mime_normalise_newlines (contents, len);
  start = contents;
  /* an mbox From_ line is not a header */
  if (len > 5 && memcmp (contents, "From ", 5) == 0 && memchr (contents, '\n', len) != NULL)
    start = (const char *)memchr (contents, '\n', len) + 1;
  self = g_new0 (TestInput, 1);
  self->raw = g_strndup (start, len - (start - contents));
  self->tree = bd_mime_parse (self->raw, strlen (self->raw), BD_DECODER_MAX_DEPTH + 1);
  bd_scan_input_init (&self->input, self->tree, find_original (self->tree));
  return self;
}

void
test_remove_tree (const char *path)
{
  GDir *dir;
  const char *name;
  GStatBuf st;

  if (g_lstat (path, &st) == 0 && S_ISDIR (st.st_mode) && (dir = g_dir_open (path, 0, NULL)) != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          test_remove_tree (child);
        }
      g_dir_close (dir);
      g_chmod (path, 0700);
      g_rmdir (path);
      return;
    }
  g_remove (path);
}

void
test_dir_setup (TestDir       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("bd-test-XXXXXX", &error);
  g_assert_no_error (error);
}

void
test_dir_teardown (TestDir       *fixture,
                   gconstpointer  data)
{
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

char *
test_write_file (const char *dir,
                 const char *name,
                 const char *data,
                 gssize      len)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (parent, 0700);
  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

/* --- which language a text is in ---------------------------------------- */

gboolean
has_polish_letters (const char *text)
{
  static const char * const letters[] = { "ą", "ć", "ę", "ł", "ń", "ó", "ś", "ź", "ż", "Ł", "Ś", "Ż", NULL };

  for (guint i = 0; letters[i] != NULL; i++)
    if (strstr (text, letters[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* How many of the text's letters are Cyrillic and how many Latin. */
static void
count_letters (const char *text,
               guint      *cyrillic,
               guint      *latin)
{
  *cyrillic = *latin = 0;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x0400 && c <= 0x04FF)
        (*cyrillic)++;
      else if (c < 0x80 && g_ascii_isalpha (c))
        (*latin)++;
    }
}

/* A sentence in Ukrainian, not just any Cyrillic: mostly Cyrillic letters,
 * and at least one of the letters Russian does not have. */
gboolean
is_ukrainian (const char *text)
{
  static const char * const own_letters[] = { "і", "ї", "є", "ґ", "І", "Ї", "Є", "Ґ", NULL };
  guint cyrillic, latin;

  count_letters (text, &cyrillic, &latin);
  if (cyrillic <= 2 * latin)
    return FALSE;
  for (guint i = 0; own_letters[i] != NULL; i++)
    if (strstr (text, own_letters[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* A headline has an address in it, but its words are Cyrillic. */
gboolean
has_cyrillic_words (const char *text)
{
  guint cyrillic, latin;

  count_letters (text, &cyrillic, &latin);
  return cyrillic >= 6;
}

/* Whether @text, its quotes („…”, “…”) and @kept left out, still has a
 * word of English: a sentence left untranslated. */
gboolean
has_english_words (const char *text,
                   const char *kept)
{
  static const char * const words[] = {
    /* not "to", "by", "was", "program": Polish words too */
    "the", "is", "of", "for", "this", "that", "server", "reply", "says", "message", "has", "been",
    "reason", "code", "report", "with", "not", "and", "failed", "after", "refused", "only",
    "sender", "recipient", "stands", "temporary", "receiving", "its", "which", NULL
  };
  g_autoptr(GString) plain = g_string_new (NULL);
  g_auto(GStrv) tokens = NULL;
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_str_has_prefix (p, "„") || g_str_has_prefix (p, "“"))
        quoted = !quoted || g_str_has_prefix (p, "„");
      else if (g_str_has_prefix (p, "”"))
        quoted = FALSE;
      else if (!quoted)
        g_string_append_unichar (plain, g_utf8_get_char (p));
    }
  if (kept != NULL && strstr (plain->str, kept) != NULL)
    g_string_erase (plain, strstr (plain->str, kept) - plain->str, strlen (kept));
  tokens = g_regex_split_simple ("[^[:alpha:]]+", plain->str, 0, 0);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      g_autofree char *lower = g_ascii_strdown (tokens[i], -1);

      if (g_strv_contains (words, lower))
        return TRUE;
    }
  return FALSE;
}

void
test_mbox_append (GString    *mbox,
                  const char *message)
{
  g_string_append (mbox, "From MAILER-DAEMON Fri Nov 27 10:00:00 2026\n");
  g_string_append (mbox, message);
  g_string_append (mbox, "\n");
}

char *
test_write_samples_mbox (const char *dir)
{
  g_autoptr(GString) mbox = g_string_new (NULL);
  g_autofree char *samples_dir = g_build_filename (g_getenv ("BD_SOURCE_ROOT"), "data", "samples", NULL);
  g_autoptr(GDir) samples = g_dir_open (samples_dir, 0, NULL);
  char *path = g_build_filename (dir, "Inbox", NULL);
  const char *name;

  g_assert_nonnull (samples);
  while ((name = g_dir_read_name (samples)) != NULL)
    {
      g_autofree char *sample = g_build_filename (samples_dir, name, NULL);
      g_autofree char *contents = NULL;

      g_assert_true (g_file_get_contents (sample, &contents, NULL, NULL));
      test_mbox_append (mbox, contents);
    }
  g_assert_true (g_file_set_contents (path, mbox->str, mbox->len, NULL));
  return path;
}

static void
run_without_avx2 (gconstpointer data)
{
  GTestFunc func = (GTestFunc)data;

  bd_cpu_avx2_turned_off = TRUE;
  func ();
  bd_cpu_avx2_turned_off = FALSE;
}

void
test_add_func_each_vector_path (const char *path,
                                GTestFunc   func)
{
  g_autofree char *sse2_path = g_strconcat (path, "/sse2", NULL);

  g_test_add_func (path, func);
  g_test_add_data_func (sse2_path, (gconstpointer)func, run_without_avx2);
}

char *
test_random_text_of_length (GRand      *rand,
                            const char *alphabet,
                            gsize       n_alphabet,
                            gsize       len)
{
  char *text = g_malloc (len + 1);

  for (gsize i = 0; i < len; i++)
    text[i] = alphabet[g_rand_int_range (rand, 0, n_alphabet)];
  text[len] = '\0';
  return text;
}
