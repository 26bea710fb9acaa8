/* bd-export-sheet.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mailbox table's rows as CSV, in two styles. For scripts: the
 * failed-recipients format of bd-export-recipients.c (UTF-8, commas, LF,
 * English column names and reason ids, ISO 8601 UTC dates). For people:
 * what a spreadsheet opens right in the user's language — Excel reads a
 * CSV without a byte-order mark in the system's ANSI code page (cp1250 in
 * Poland), so a UTF-8 BOM; it splits fields on the system's list
 * separator, which is ";" where decimals are written with a comma
 * (Microsoft, "Change the Windows regional settings"; LibreOffice's import
 * dialog offers ";" as well); CRLF line ends (RFC 4180); translated
 * column names, reason labels and Hard/Soft; local dates as
 * "YYYY-MM-DD HH:MM", which both spreadsheets read as a date in every
 * locale. README.md documents both.
 */
#define G_LOG_DOMAIN "bd-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "bd-export.h"
#include "bd-diagnosis.h"
#include "bd-report.h"

#define UTF8_BOM "\xEF\xBB\xBF"

/**
 * bd_export_sheet_separator:
 *
 * Returns: ';' when the user's numbers use a decimal comma, else ','
 */
char
bd_export_sheet_separator (void)
{
  const char *numeric = setlocale (LC_NUMERIC, NULL);
  const struct lconv *conv = localeconv ();

  if (conv->decimal_point != NULL && strcmp (conv->decimal_point, ",") == 0)
    return ';';

  /* Without a numeric locale (LANG=C.UTF-8 with LANGUAGE=pl, as some
   * desktops and our tests run) the language decides. */
  if (numeric == NULL || strcmp (numeric, "C") == 0 || strcmp (numeric, "POSIX") == 0 ||
      g_str_has_prefix (numeric, "C."))
    /* Translators: the field separator spreadsheets expect in your
     * language: ";" where decimals are written with a comma (Polish,
     * German…), "," elsewhere. Nothing else. */
    return strcmp (C_("csv separator", ","), ";") == 0 ? ';' : ',';

  return ',';
}

/* Quoted when it holds the separator, a quote or a line end. A value a
 * spreadsheet would run as a formula (a server's reply is written by
 * strangers) starts with an apostrophe, as OWASP's "CSV Injection"
 * advises. */
static void
append_sheet_field (GString    *out,
                    const char *s,
                    char        separator)
{
  gboolean formula;
  char specials[] = { separator, '"', '\r', '\n', '\0' };

  if (s == NULL)
    s = "";
  formula = strchr ("=+-@\t\r", s[0]) != NULL && s[0] != '\0';
  if (strpbrk (s, specials) == NULL)
    {
      g_string_append_printf (out, "%s%s", formula ? "'" : "", s);
      return;
    }
  g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = s; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static char *
local_date (const char *iso8601)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso8601 == NULL)
    return NULL;
  utc = g_date_time_new_from_iso8601 (iso8601, NULL);
  if (utc == NULL)
    return g_strdup (iso8601);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* One line of the sheet: @n fields, @separator between, CRLF after. */
static void
append_sheet_line (GString           *out,
                   const char *const *fields,
                   guint              n,
                   char               separator)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, separator);
      append_sheet_field (out, fields[i], separator);
    }
  g_string_append (out, "\r\n");
}

static void
append_sheet_header (GString *out,
                     char     separator)
{
  const char *names[] = {
    _("Date"), _("Recipient"), _("Reason"),
    /* Translators: column title: hard (permanent) or soft (temporary) failure */
    C_("column", "Hard/Soft"),
    /* Translators: a column of the exported spreadsheet: "5.1.1" */
    _("Status code"),
    /* Translators: a column of the exported spreadsheet: the receiving server's own words */
    _("Server’s reply"),
    _("Subject"),
  };

  g_string_append (out, UTF8_BOM);
  append_sheet_line (out, names, G_N_ELEMENTS (names), separator);
}

static void
append_sheet_row (GString           *out,
                  const BdBounce    *bounce,
                  const BdRecipient *r,
                  char               separator)
{
  g_autofree char *date = local_date (bounce->date != NULL ? bounce->date : r->last_attempt);
  const char *subject = bounce->original->subject ? bounce->original->subject : bounce->subject;
  const char *fields[] = {
    date, r->address, bd_diagnosis_recipient_label (bounce, r),
    r->hard ? C_("bounce", "Hard") : C_("bounce", "Soft"),
    r->status, r->diagnostic, subject,
  };

  append_sheet_line (out, fields, G_N_ELEMENTS (fields), separator);
}

static gboolean
flush (GString       *buffer,
       GOutputStream *out,
       GCancellable  *cancellable,
       GError       **error)
{
  gboolean ok = g_output_stream_write_all (out, buffer->str, buffer->len, NULL, cancellable, error);

  g_string_truncate (buffer, 0);
  return ok;
}

/**
 * bd_export_rows_csv:
 * @rows: (array length=n_rows): the recipients to write, in order
 * @style: for a spreadsheet, or the scripts' format
 * @hard_only_unique: only hard failures, each address once (the
 *   addresses to remove from a mailing list)
 * @out: where the header and the rows are written (not closed)
 *
 * Returns: %TRUE when everything was written.
 */
gboolean
bd_export_rows_csv (const BdExportRow  *rows,
                    guint               n_rows,
                    BdCsvStyle          style,
                    gboolean            hard_only_unique,
                    GOutputStream      *out,
                    GCancellable       *cancellable,
                    GError            **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) buffer = g_string_new (NULL);
  char separator = style == BD_CSV_FOR_SPREADSHEETS ? bd_export_sheet_separator () : ',';

  g_return_val_if_fail (rows != NULL || n_rows == 0, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (style == BD_CSV_FOR_SPREADSHEETS)
    append_sheet_header (buffer, separator);
  else
    g_string_append (buffer, BD_EXPORT_RECIPIENTS_HEADER);

  for (guint i = 0; i < n_rows; i++)
    {
      const BdBounce *bounce = rows[i].bounce;
      const BdRecipient *r = g_ptr_array_index (bounce->recipients, rows[i].index);

      if (hard_only_unique &&
          (!bd_export_recipient_failed (bounce, r) || !r->hard ||
           !g_hash_table_add (seen, g_utf8_casefold (r->address, -1))))
        continue;
      if (style == BD_CSV_FOR_SPREADSHEETS)
        append_sheet_row (buffer, bounce, r, separator);
      else
        bd_export_recipient_row_append (buffer, bounce, r);
      if (buffer->len >= 64 * 1024 && !flush (buffer, out, cancellable, error))
        return FALSE;
    }
  return flush (buffer, out, cancellable, error);
}
