/* bd-cli-explain.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bounce-doctor-cli explain [--format=text|json|csv] PATH...
 * Every input is read even when another one fails; failures are named on
 * standard error and turn the exit status into 1 (design.md's contract).
 */
#define G_LOG_DOMAIN "bd-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "bd-cli.h"
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
  Format   format;
  GString *buffer;
} Explain;

static gboolean
message_cb (const char *source,
            goffset     offset,
            const char *data,
            gsize       len,
            gpointer    user_data)
{
  Explain *explain = user_data;
  g_autoptr(BdBounce) bounce = NULL;

  /* NULL: the mailbox pre-filter ruled it out without decoding it. */
  if (data != NULL)
    bounce = bd_decoder_decode_bytes (data, len, source, offset);
  else
    bounce = bd_bounce_new (source, offset);

  switch (explain->format)
    {
    case FORMAT_JSON:
      g_string_truncate (explain->buffer, 0);
      bd_export_json_append (explain->buffer, bounce);
      g_string_append_c (explain->buffer, '\n');
      fwrite (explain->buffer->str, 1, explain->buffer->len, stdout);
      break;
    case FORMAT_CSV:
      g_string_truncate (explain->buffer, 0);
      bd_export_csv_append (explain->buffer, bounce);
      fwrite (explain->buffer->str, 1, explain->buffer->len, stdout);
      break;
    case FORMAT_TEXT:
    default:
      bd_cli_print_text (stdout, bounce);
      break;
    }
  return TRUE;
}

static void
error_cb (const char   *source,
          const GError *error,
          gpointer      user_data)
{
  fflush (stdout);
  fprintf (stderr, "bounce-doctor-cli: %s\n", error->message);
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
report_if_empty (const char *path)
{
  GStatBuf st;

  if (g_strcmp0 (path, "-") == 0 || g_stat (path, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size > 0)
    return TRUE;

  /* Translators: %s is a file name */
  fprintf (stderr, _("bounce-doctor-cli explain: “%s” is empty: there is no message in it\n"), path);
  return FALSE;
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
  gboolean ok = TRUE;
  static char out_buffer[1 << 16];

  /* Translators: the parameter line of “explain --help” */
  context = g_option_context_new (_("PATH… — explain returned emails (.eml, mbox, Maildir, folder, or - for standard input)"));
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
  explain.buffer = g_string_sized_new (4096);
  if (explain.format == FORMAT_CSV)
    fputs (BD_EXPORT_CSV_HEADER, stdout);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      BdMailboxReadOptions options = { 0 };

      /* Mailboxes take the fast path: ordinary mail is skipped unparsed. */
      if (bd_mailbox_is_mailbox (paths[i]))
        options.flags = BD_MAILBOX_READ_SKIP_NON_BOUNCES;
      options.message_func = message_cb;
      options.error_func = error_cb;
      options.user_data = &explain;
      ok &= bd_mailbox_read_with_options (paths[i], &options);
      ok &= report_if_empty (paths[i]);
    }

  fflush (stdout);
  g_string_free (explain.buffer, TRUE);
  return ok ? BD_CLI_EXIT_OK : BD_CLI_EXIT_INPUT_ERROR;
}
