/* bd-cli-explain.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bounce-doctor-cli explain [--format=text|json|csv] PATH...
 * Every input is read even when another one fails; failures are named on
 * standard error and turn the exit status into 1 (the contract in app/DESIGN.md).
 * Inputs are read on one thread per processor; the output keeps their
 * order (bd-cli-ordered.h).
 */
#define G_LOG_DOMAIN "bd-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "bd-cli.h"
#include "bd-cli-ordered.h"
#include "bd-cli-text.h"
#include "bd-decoder.h"
#include "bd-export.h"
#include "bd-mailbox.h"

typedef enum
{
  FORMAT_TEXT,
  FORMAT_JSON,
  FORMAT_CSV,
} Format;

typedef struct
{
  Format  format;
  char  **paths;
} Explain;

/* One path being read. */
typedef struct
{
  const Explain *explain;
  BdCliOutput   *out;
  GString       *buffer;     /* output not yet written: see flush_run () */
  guint          messages;
  BdMailboxSummary *summary; /* text of a mailbox: its counts, printed after it */
} PathRun;

/* Messages' output is gathered in run->buffer and written in batches of
 * about this many bytes, which go out past stdio's buffer
 * (BD_CLI_DIRECT_MIN): an fwrite () per message cost a call, stdout's
 * lock and a copy of each line (some 1,000 bytes of JSON) into stdio's
 * buffer. As large as that buffer, so that there are no more write (2)s. */
#define BATCH_SIZE (64 * 1024)

/* Writes out what run->buffer gathered; before any error message and at
 * the end of the path, so that the order of everything stays the same. */
static void
flush_run (PathRun *run)
{
  if (run->buffer->len == 0)
    return;
  bd_cli_output_write (run->out, run->buffer->str, run->buffer->len);
  g_string_truncate (run->buffer, 0);
}

static gboolean
message_cb (const char *source,
            goffset     offset,
            const char *data,
            gsize       len,
            gpointer    user_data)
{
  PathRun *run = user_data;
  g_autoptr(BdBounce) bounce = NULL;

  run->messages++;
  /* NULL: the mailbox pre-filter ruled it out without decoding it. */
  if (data != NULL)
    bounce = bd_decoder_decode_bytes (data, len, source, offset);
  else
    bounce = bd_bounce_new (source, offset);
  if (run->summary != NULL)
    bd_mailbox_summary_add (run->summary, bounce);

  switch (run->explain->format)
    {
    case FORMAT_JSON:
      bd_export_json_append (run->buffer, bounce);
      g_string_append_c (run->buffer, '\n');
      break;
    case FORMAT_CSV:
      bd_export_csv_append (run->buffer, bounce);
      break;
    case FORMAT_TEXT:
    default:
      bd_cli_append_text (run->buffer, bounce);
      break;
    }
  if (run->buffer->len >= BATCH_SIZE)
    flush_run (run);
  return TRUE;
}

static void
error_cb (const char   *source,
          const GError *error,
          gpointer      user_data)
{
  PathRun *run = user_data;
  g_autofree char *line = g_strdup_printf ("bounce-doctor-cli: %s\n", error->message);

  flush_run (run);
  bd_cli_output_error (run->out, line);
}

static gboolean
parse_format (const char *name,
              Format     *format)
{
  if (g_strcmp0 (name, "text") == 0)
    *format = FORMAT_TEXT;
  else if (g_strcmp0 (name, "json") == 0)
    *format = FORMAT_JSON;
  else if (g_strcmp0 (name, "csv") == 0)
    *format = FORMAT_CSV;
  else
    return FALSE;
  return TRUE;
}

/* An empty file holds no message, so nothing would be printed for it:
 * say so, naming it, rather than pass over it in silence. */
static gboolean
report_if_empty (const char  *path,
                 BdCliOutput *out)
{
  GStatBuf st;
  g_autofree char *line = NULL;

  if (g_strcmp0 (path, "-") == 0 || g_stat (path, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size > 0)
    return TRUE;

  /* Translators: %s is a file name */
  line = g_strdup_printf (_("bounce-doctor-cli explain: “%s” is empty: there is no message in it\n"), path);
  bd_cli_output_error (out, line);
  return FALSE;
}

/* Reads one path; mailboxes take the fast path, where ordinary mail is
 * skipped unparsed. Runs on any thread. */
static gboolean
explain_path (guint        index,
              BdCliOutput *out,
              gpointer     user_data)
{
  const Explain *explain = user_data;
  const char *path = explain->paths[index];
  PathRun run = { explain, out, g_string_sized_new (BATCH_SIZE + 4096), 0, NULL };
  BdMailboxReadOptions options = { 0 };
  gboolean ok;

  /* Ordinary mail is skipped unparsed only inside what the window also
   * opens as a mailbox (bd_mailbox_is_mailbox): a single message, with or
   * without an mbox From_ line, is always decoded. */
  if (g_strcmp0 (path, "-") != 0 && bd_mailbox_is_mailbox (path, NULL))
    {
      options.flags = BD_MAILBOX_READ_SKIP_NON_BOUNCES_IN_MAILBOXES;
      if (explain->format == FORMAT_TEXT)
        run.summary = bd_mailbox_summary_new ();
    }
  options.message_func = message_cb;
  options.error_func = error_cb;
  options.user_data = &run;
  ok = bd_mailbox_read_with_options (path, &options);
  flush_run (&run);
  if (run.messages == 0)
    ok &= report_if_empty (path, out);
  if (run.summary != NULL)
    {
      bd_cli_append_mailbox_summary (run.buffer, path, run.messages, run.summary);
      flush_run (&run);
      bd_mailbox_summary_free (run.summary);
    }
  g_string_free (run.buffer, TRUE);
  return ok;
}

int
bd_cli_explain (int    argc,
                char **argv)
{
  g_autofree char *format_name = NULL;
  g_auto(GStrv) paths = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    /* Translators: the values of --format; keep text, json and csv as they are */
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, N_("Output format: text, json or csv"), N_("FORMAT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("PATH…") },
    { NULL }
  };
  Explain explain = { FORMAT_TEXT, NULL };
  gboolean ok;
  int saved_errno;
  static char out_buffer[1 << 16];

  /* --help: "Usage: bounce-doctor-cli explain [OPTION…] PATH…", then what it does */
  g_set_prgname ("bounce-doctor-cli explain");
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Explain returned emails (.eml, mbox, Maildir, folder or - for standard input)"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bounce-doctor-cli explain: %s\n", error->message);
      return BD_CLI_EXIT_USAGE;
    }
  if (format_name != NULL && !parse_format (format_name, &explain.format))
    {
      /* Translators: %s is what the user gave to --format */
      fprintf (stderr, _("bounce-doctor-cli explain: unknown format “%s” (use text, json or csv)\n"), format_name);
      return BD_CLI_EXIT_USAGE;
    }
  if (paths == NULL || paths[0] == NULL)
    {
      fprintf (stderr, "%s\n", _("bounce-doctor-cli explain: no file given (use - for standard input)"));
      return BD_CLI_EXIT_USAGE;
    }

  setvbuf (stdout, out_buffer, _IOFBF, sizeof out_buffer);
  if (explain.format == FORMAT_CSV)
    fputs (BD_EXPORT_CSV_HEADER, stdout);
  explain.paths = paths;
  /* Standard input is read by the first "-" and found empty by any other,
   * as one after the other: with "-" among the paths, no threads. */
  ok = bd_cli_run_ordered (g_strv_length (paths), g_strv_contains ((const char *const *)paths, "-") ? 1 : 0,
                           explain_path, &explain);
  if (!bd_cli_stdout_written (&saved_errno))
    {
      /* Translators: %s is the system's reason (a full disk…) */
      fprintf (stderr, _("bounce-doctor-cli explain: could not write the results: %s\n"), g_strerror (saved_errno));
      return BD_CLI_EXIT_INPUT_ERROR;
    }
  return ok ? BD_CLI_EXIT_OK : BD_CLI_EXIT_INPUT_ERROR;
}
