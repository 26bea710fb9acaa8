/* test-mailbox-scan.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mailbox scan (BdMailboxScan) and what it feeds: the pre-filter never
 * losing a fixture bounce, batches while the scan runs, cancel, a file
 * that cannot be read, re-reading one message, the mail folders under a
 * home, and the failed-recipients CSV. Mailboxes are generated into a temp
 * folder. The readers themselves are test-mailbox.c.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gmime/gmime.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bd-decoder.h"
#include "bd-export.h"
#include "bd-mailbox.h"
#include "bd-mailbox-filter.h"
#include "bd-mailbox-scan.h"
#include "bd-test-util.h"

/* Every fixture and sample bounce. */
static GPtrArray *
list_bounce_fixtures (void)
{
  const char *const dirs[] = { "decoder", "scanners", "i18n", "guess" };
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (dirs) + 1; i++)
    {
      g_autofree char *dir = i < G_N_ELEMENTS (dirs)
        ? g_test_build_filename (G_TEST_DIST, "fixtures", dirs[i], NULL)
        : g_test_build_filename (G_TEST_DIST, "..", "data", "samples", NULL);
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        if (g_str_has_suffix (name, ".eml"))
          g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
    }
  g_assert_cmpuint (paths->len, >, 20);
  return paths;
}

static gboolean
filter (const char *message)
{
  return bd_mailbox_filter_message (message, strlen (message));
}

static BdFilterVerdict
headers_verdict (const char *message)
{
  return bd_mailbox_filter_headers (message, strlen (message));
}

/* @text with each letter's case flipped at random. */
static char *
random_case (GRand      *rand,
             const char *text)
{
  char *out = g_strdup (text);

  for (char *p = out; *p != '\0'; p++)
    if (g_ascii_isalpha (*p) && g_rand_boolean (rand))
      *p ^= 0x20;
  return out;
}

/* The pre-filter compares names and words without case, inline: every
 * rule's field in random case has the verdict written in lower case; a
 * NUL in the name, or a byte differing only in its 0x20 bit that is not
 * a letter ('-' and CR, '/' and 0x0f), matches nothing, as with
 * g_ascii_strncasecmp (). */
static void
test_filter_case_blind (void)
{
  static const struct { const char *field; BdFilterVerdict verdict; } rules[] = {
    { "auto-submitted: auto-replied", BD_FILTER_DECODE }, { "auto-submitted: no", BD_FILTER_PEEK },
    { "content-type: multipart/report", BD_FILTER_DECODE },
    { "content-type: message/delivery-status", BD_FILTER_DECODE },
    { "content-type: multipart/mixed", BD_FILTER_LOOK_INSIDE },
    { "content-type: text/html", BD_FILTER_SKIP }, { "from: mailer-daemon@example.com", BD_FILTER_DECODE },
    { "precedence: auto_reply", BD_FILTER_DECODE }, { "return-path: <mailer-daemon@example.com>", BD_FILTER_DECODE },
    { "x-failed-recipients: a@example.com", BD_FILTER_DECODE }, { "x-loop: daemon", BD_FILTER_DECODE },
    { "x-ms-exchange-message-is-ndr: 1", BD_FILTER_DECODE }, { "x-mlserver: fml", BD_FILTER_DECODE },
  };
  /* "<>" and "=?" are found as far as a NUL, as g_strstr_len () found them */
  static const struct { const char *text; gsize len; BdFilterVerdict verdict; } pairs[] = {
    { "From: x <>\n\n", 13, BD_FILTER_DECODE }, { "From: x\0<>\n\n", 13, BD_FILTER_PEEK },
    { "From: x<\0>\n\n", 12, BD_FILTER_PEEK }, { "Return-Path: <>\n\n", 18, BD_FILTER_DECODE },
    { "Return-Path: \0<>\n\n", 19, BD_FILTER_PEEK }, { "From: <\n\n", 10, BD_FILTER_PEEK },
    { "Return-Path: <a@b.c> <>\n\n", 26, BD_FILTER_DECODE },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    g_assert_cmpint (bd_mailbox_filter_headers (pairs[i].text, pairs[i].len), ==, pairs[i].verdict);
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autofree char *lower = g_strconcat (rules[i].field, "\n\n", NULL);
      char *colon = strchr (lower, ':');

      g_assert_cmpint (headers_verdict (lower), ==, rules[i].verdict);
      for (guint round = 0; round < 50; round++)
        {
          g_autofree char *mixed = random_case (rand, lower);

          g_assert_cmpint (headers_verdict (mixed), ==, rules[i].verdict);
        }
      for (char *p = lower; p < colon; p++)
        {
          g_autofree char *changed = g_memdup2 (lower, strlen (lower) + 1);
          gsize len = strlen (lower);

          if (g_ascii_isalpha (*p))
            continue;
          changed[p - lower] ^= 0x20;
          g_assert_cmpint (bd_mailbox_filter_headers (changed, len), ==, BD_FILTER_PEEK);
          changed[p - lower] = '\0';
          g_assert_cmpint (bd_mailbox_filter_headers (changed, len), ==, BD_FILTER_PEEK);
        }
    }
}

/* The walk bd_mailbox_filter_starts_with_field () replaced: byte by byte
 * to the first colon, or to a byte no field name holds. */
static gboolean
old_starts_with_field (const char *data,
                       gsize       len)
{
  for (gsize i = 0; i < len && i < 1000; i++)
    {
      if (data[i] == ':')
        return i > 0;
      if (data[i] <= ' ' || data[i] > '~')
        return FALSE;
    }
  return FALSE;
}

/* Names of every length to 64, in buffers of exactly their length (past
 * which AddressSanitizer sees a read), ended by each kind of byte at each
 * place; then random ones, and long names about the 1000-byte limit. */
static void
test_filter_starts_with_field (void)
{
  static const char stops[] = { ':', ' ', '\t', '\n', '\r', '\0', 0x7f, (char)0x80, (char)0xff, '!', '~', 'a' };
  static const char alphabet[] = "aZ-_:~! \t\x7f\x80\xff" "0";
  g_autoptr(GRand) rand = g_rand_new_with_seed (61);

  for (gsize len = 0; len <= 64; len++)
    for (gsize at = 0; at <= len; at++)
      for (guint k = 0; k < G_N_ELEMENTS (stops); k++)
        {
          char *data = g_malloc (MAX (len, 1));

          memset (data, 'x', len);
          if (at < len)
            data[at] = stops[k];
          g_assert_cmpint (bd_mailbox_filter_starts_with_field (data, len), ==, old_starts_with_field (data, len));
          g_free (data);
        }
  for (guint round = 0; round < BD_TEST_ROUNDS (20000); round++)
    {
      gsize len = g_rand_int_range (rand, 0, 80);
      g_autofree char *text = test_random_text_of_length (rand, alphabet, sizeof alphabet - 1, len);
      g_autofree char *data = g_memdup2 (text, MAX (len, 1));

      /* mostly name bytes, so that the stop falls anywhere */
      for (gsize i = 0; i < len; i++)
        if (g_rand_int_range (rand, 0, 4) != 0)
          data[i] = 'n';
      g_assert_cmpint (bd_mailbox_filter_starts_with_field (data, len), ==, old_starts_with_field (data, len));
    }
  for (gsize len = 990; len <= 1010; len++)
    for (gsize colon = 995; colon <= 1005; colon++)
      {
        g_autofree char *data = g_malloc (len);

        memset (data, 'n', len);
        if (colon < len)
          data[colon] = ':';
        g_assert_cmpint (bd_mailbox_filter_starts_with_field (data, len), ==, old_starts_with_field (data, len));
      }
}

/* bd_mailbox_filter_is_expunged () as it was: the header block's end
 * found first, then the field searched for in it, at a line start. */
static gboolean
old_is_expunged (const char *data,
                 gsize       len)
{
  static const char field[] = "X-Mozilla-Status: ";
  const gsize n = sizeof field - 1;
  gboolean complete;
  gsize header_len = bd_mailbox_filter_header_end (data, len, &complete);
  const char *p = data, *end = data + header_len;

  while (p < end && (p = bd_mailbox_memmem (p, end - p, field, n)) != NULL)
    {
      if (p == data || p[-1] == '\n')
        {
          guint flags = 0;

          p += n;
          for (guint i = 0; i < 4 && p + i < end && g_ascii_isxdigit (p[i]); i++)
            flags = flags * 16 + g_ascii_xdigit_value (p[i]);
          return (flags & 0x0008) != 0;
        }
      p += n;
    }
  return FALSE;
}

/* Header blocks of random lines, some the field (set, unset, cut short,
 * misspelt, indented, after the blank line), LF or CRLF, every length of
 * each in an exact buffer. */
static void
test_filter_expunged (void)
{
  static const char *const lines[] = {
    "X-Mozilla-Status: 0009", "X-Mozilla-Status: 0001", "X-Mozilla-Status: 8", "X-Mozilla-Status: 000",
    "X-Mozilla-Status:0009", "x-mozilla-status: 0008", " X-Mozilla-Status: 0008", "Subject: a", "",
    "From: b", "aX-Mozilla-Status: 0008", "X", "\r", "X-Mozilla-Status: ",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (67);
  guint n_expunged = 0;

  for (guint round = 0; round < BD_TEST_ROUNDS (3000); round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      const char *eol = g_rand_boolean (rand) ? "\n" : "\r\n";
      guint n = g_rand_int_range (rand, 1, 7);

      for (guint i = 0; i < n; i++)
        {
          g_string_append (text, lines[g_rand_int_range (rand, 0, G_N_ELEMENTS (lines))]);
          g_string_append (text, eol);
        }
      for (gsize cut = 0; cut <= text->len; cut++)
        {
          g_autofree char *data = g_memdup2 (text->str, MAX (cut, 1));
          gboolean want = old_is_expunged (data, cut);

          g_assert_cmpint (bd_mailbox_filter_is_expunged (data, cut), ==, want);
          n_expunged += want;
        }
    }
  g_assert_cmpuint (n_expunged, >, 100);
}

/* The Subject: and From: markers are found in one pass by their first
 * two bytes: each of these, in any case, anywhere in a value of digits
 * (which no marker holds), at its start and end, alone, or cut short by
 * its last byte (then not found). */
static void
test_filter_markers_anywhere (void)
{
  static const struct { const char *name, *marker; } cases[] = {
    { "Subject", "undeliver" }, { "Subject", "out of office" }, { "Subject", "unzustellbar" },
    { "Subject", "nie mo\xc5\xbc" "na dostarczy" }, { "Subject", "read:" }, { "Subject", "zwrot" },
    { "Subject", "r\xc3\xbc" "ckl\xc3\xa4ufer" }, { "From", "mailer-daemon" }, { "From", "postmaster" },
    { "From", "poczta@" }, { "Sender", "mdaemon" },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint round = 0; round < 200; round++)
      {
        g_autofree char *marker = random_case (rand, cases[i].marker);
        g_autofree char *cut = g_strndup (marker, strlen (marker) - 1);
        guint before = round % 3 == 0 ? 0 : g_rand_int_range (rand, 0, 60);
        guint after = round % 5 == 0 ? 0 : g_rand_int_range (rand, 0, 60);
        g_autoptr(GString) with = g_string_new (NULL), without = g_string_new (NULL);

        g_string_append_printf (with, "%s: ", cases[i].name);
        g_string_append (without, with->str);
        for (guint k = 0; k < before; k++)
          g_string_append_c (with, '0' + k % 10), g_string_append_c (without, '0' + k % 10);
        g_string_append (with, marker);
        g_string_append (without, cut);
        for (guint k = 0; k < after; k++)
          g_string_append_c (with, '0' + k % 10), g_string_append_c (without, '0' + k % 10);
        g_string_append (with, "\n\n");
        g_string_append (without, "\n\n");
        g_assert_cmpint (headers_verdict (with->str), ==, BD_FILTER_DECODE);
        g_assert_cmpint (headers_verdict (without->str), ==, BD_FILTER_PEEK);
      }
  /* a marker as the first bytes of a value (an encoded word decoded), and
   * as the last bytes of a body's start */
  g_assert_cmpint (headers_verdict ("Subject:=?utf-8?B?dW5kZWxpdmVy?=\n\n"), ==, BD_FILTER_DECODE);
  g_assert_true (filter ("From: a@example.com\nSubject: hi\n\n0123user unknown"));
  g_assert_false (filter ("From: a@example.com\nSubject: hi\n\n0123user unknow"));
}

static void
test_filter_keeps_every_fixture (void)
{
  g_autoptr(GPtrArray) paths = list_bounce_fixtures ();
  guint reports = 0;

  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *data = NULL;
      gsize len;
      g_autoptr(BdBounce) bounce = NULL;

      g_assert_true (g_file_get_contents (g_ptr_array_index (paths, i), &data, &len, NULL));
      bounce = bd_decoder_decode_bytes (data, len, "x", 0);
      /* A fixed oracle beside the decoder's word: the fixtures that are
       * not reports say so in their names (not-bounce*.eml). */
      g_assert_cmpint (bounce->kind == BD_KIND_NOT_BOUNCE, ==,
                       strstr (g_ptr_array_index (paths, i), "not-bounce") != NULL);
      if (bounce->kind == BD_KIND_NOT_BOUNCE)
        continue;
      reports++;
      if (!bd_mailbox_filter_message (data, len))
        g_error ("the pre-filter skips %s", (char *)g_ptr_array_index (paths, i));
    }
  g_assert_cmpuint (reports, >, 20);

  g_assert_false (filter ("From: a@example.com\nSubject: Lunch\n\nSee you.\n"));
  g_assert_true (filter ("From: a@example.com\nSubject: =?UTF-8?B?TmllZG9zdGFyY3pvbmEgd2lhZG9tb8WbxIc=?=\n\nx\n"));
  g_assert_true (filter ("From: a@example.com\nSubject: =?iso-8859-2?Q?Unzustellbar:_Angebot?=\n\nx\n"));
  g_assert_true (filter ("From: a@example.com\nReturn-Path: <>\n\nx\n"));
  g_assert_true (filter ("From: <>\nSubject: Meeting\n\nx\n"));
  g_assert_true (filter ("From: a@example.com\nContent-Type: multipart/mixed; boundary=b\n\n--b\n"
                         "Content-Type: message/rfc822\n\nFrom: MAILER-DAEMON\n"));

  /* A notice without its headers: nothing to judge by, so it is decoded,
   * and the stream does not drop it after its first block either. */
  {
    g_autoptr(GString) headerless = g_string_new ("** Delivery incomplete **\n\n");
    g_autoptr(GString) ordinary = g_string_new ("From: a@example.com\nSubject: Lunch\n\n");

    while (headerless->len < 2 * BD_FILTER_BODY_PEEK)
      {
        g_string_append (headerless, "There was a temporary problem, retrying.\n");
        g_string_append (ordinary, "See you at noon, with the quarterly report.\n");
      }
    g_assert_true (filter (headerless->str));
    g_assert_false (bd_mailbox_filter_can_skip_start (headerless->str, headerless->len));
    g_assert_false (filter (ordinary->str));
    g_assert_true (bd_mailbox_filter_can_skip_start (ordinary->str, ordinary->len));
  }

  /* The fields end at the first blank line, LF or CRLF; a line of only
   * a space continues a field; a field in the body does not count. */
  g_assert_false (filter ("From: a@example.com\nSubject: Lunch\n\nFrom: MAILER-DAEMON\nSee you.\n"));
  g_assert_false (filter ("From: a@example.com\r\nSubject: Lunch\r\n\r\nReturn-Path: <>\r\nSee you.\r\n"));
  g_assert_true (filter ("Subject: Lunch\nFrom: a@example.com\n \n (MAILER-DAEMON)\n\nSee you.\n"));
  g_assert_true (filter ("Subject: Lunch\r\nFrom: MAILER-DAEMON@example.com\r\n\r\nSee you.\r\n"));
  g_assert_cmpint (headers_verdict ("Subject: Lunch\n\nContent-Type: text/html\n"), ==, BD_FILTER_PEEK);
  g_assert_cmpint (headers_verdict ("Subject: Lunch\nContent-Type: text/html\n"), ==, BD_FILTER_SKIP);
  g_assert_cmpint (headers_verdict ("\r\nContent-Type: text/html\n"), ==, BD_FILTER_PEEK);
}

/* A mailbox of @n_ordinary plain messages with the fixture bounces spread
 * in it; returns how many bounces it holds. */
static guint
write_mixed_mbox (const char *path,
                  guint       n_ordinary,
                  guint       rounds)
{
  g_autoptr(GPtrArray) fixtures = list_bounce_fixtures ();
  g_autoptr(GString) mbox = g_string_new (NULL);
  guint reports = 0;

  for (guint r = 0; r < rounds; r++)
    for (guint i = 0; i < fixtures->len; i++)
      {
        g_autofree char *data = NULL;
        g_auto(GStrv) lines = NULL;
        g_autoptr(BdBounce) bounce = NULL;
        gsize len;

        for (guint k = 0; k < n_ordinary / (fixtures->len * rounds) + 1; k++)
          g_string_append_printf (mbox, "From someone@example.com Mon Jan  1 10:00:00 2024\n"
                                        "From: someone@example.com\nSubject: note %u\n\n"
                                        "Hello,\n\nFrom now on we meet at noon.\n\n", k);
        g_assert_true (g_file_get_contents (g_ptr_array_index (fixtures, i), &data, &len, NULL));
        bounce = bd_decoder_decode_bytes (data, len, "x", 0);
        if (bounce->kind != BD_KIND_NOT_BOUNCE)
          reports++;
        g_string_append (mbox, "From MAILER-DAEMON Mon Jan  1 10:00:00 2024\n");
        lines = g_strsplit (data, "\n", -1);
        for (guint l = 0; lines[l] != NULL; l++)
          {
            if (lines[l][0] == '\0' && lines[l + 1] == NULL)
              break;
            if (g_str_has_prefix (lines[l], "From "))
              g_string_append_c (mbox, '>');
            g_string_append_printf (mbox, "%s\n", lines[l]);
          }
        g_string_append_c (mbox, '\n');
      }
  g_assert_true (g_file_set_contents (path, mbox->str, mbox->len, NULL));
  return reports;
}

typedef struct
{
  GMainLoop    *loop;
  GPtrArray    *bounces;
  guint         batches;
  guint         batches_before_end;
  guint         errors;
  gboolean      done;
  GError       *error;
  GCancellable *cancellable;
  gint64        cancelled_at;
  gint64        finished_at;
} ScanRun;

static void
batch_cb (BdMailboxScan *scan,
          GPtrArray     *bounces,
          ScanRun       *run)
{
  run->batches++;
  if (!run->done)
    run->batches_before_end++;
  for (guint i = 0; i < bounces->len; i++)
    g_ptr_array_add (run->bounces, bd_bounce_ref (g_ptr_array_index (bounces, i)));
  if (run->cancellable != NULL && run->cancelled_at == 0)
    {
      run->cancelled_at = g_get_monotonic_time ();
      g_cancellable_cancel (run->cancellable);
    }
}

static void
file_error_cb (BdMailboxScan *scan,
               const char    *message,
               ScanRun       *run)
{
  run->errors++;
}

static void
scan_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  ScanRun *run = user_data;

  run->finished_at = g_get_monotonic_time ();
  bd_mailbox_scan_run_finish (BD_MAILBOX_SCAN (object), result, &run->error);
  run->done = TRUE;
  g_main_loop_quit (run->loop);
}

static BdMailboxScan *
run_scan (const char   *path,
          ScanRun      *run,
          GCancellable *cancellable)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  BdMailboxScan *scan = bd_mailbox_scan_new (file);

  run->loop = g_main_loop_new (NULL, FALSE);
  run->bounces = g_ptr_array_new_with_free_func ((GDestroyNotify)bd_bounce_unref);
  run->cancellable = cancellable;
  g_signal_connect (scan, "bounces-found-batch", G_CALLBACK (batch_cb), run);
  g_signal_connect (scan, "file-error", G_CALLBACK (file_error_cb), run);
  /* Short, so that even a fast machine sees batches before the end. */
  bd_mailbox_scan_set_flush_interval (scan, 1);
  bd_mailbox_scan_run_async (scan, cancellable, scan_cb, run);
  g_main_loop_run (run->loop);
  return scan;
}

static void
scan_run_clear (ScanRun *run)
{
  g_clear_pointer (&run->loop, g_main_loop_unref);
  g_clear_pointer (&run->bounces, g_ptr_array_unref);
  g_clear_error (&run->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ScanRun, scan_run_clear)

static void
test_scan_batches (TestDir       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "Inbox", NULL);
  guint reports = write_mixed_mbox (path, 20000, 6);
  g_auto(ScanRun) run = { 0 };
  g_autoptr(BdMailboxScan) scan = run_scan (path, &run, NULL);
  g_autoptr(BdBounce) again = NULL;
  g_autoptr(GError) error = NULL;
  const BdBounce *middle;
  struct stat st;

  g_assert_no_error (run.error);
  g_assert_cmpuint (run.bounces->len, ==, reports);
  g_assert_cmpuint (bd_mailbox_scan_get_bounces_found (scan), ==, reports);
  g_assert_cmpuint (bd_mailbox_scan_get_messages_read (scan), >, 20000);
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpuint (bd_mailbox_scan_get_bytes_done (scan), ==, st.st_size);
  g_assert_cmpuint (bd_mailbox_scan_get_bytes_total (scan), ==, st.st_size);
  /* Results came while it ran, in file order. */
  g_assert_cmpuint (run.batches_before_end, >=, 2);
  for (guint i = 1; i < run.bounces->len; i++)
    g_assert_cmpint (((BdBounce *)g_ptr_array_index (run.bounces, i - 1))->offset, <,
                     ((BdBounce *)g_ptr_array_index (run.bounces, i))->offset);

  /* The detail view re-reads one message from its offset. */
  middle = g_ptr_array_index (run.bounces, run.bounces->len / 2);
  again = bd_mailbox_reread_message (middle->source, middle->offset, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->kind, ==, middle->kind);
  g_assert_cmpint (again->offset, ==, middle->offset);
  g_assert_cmpuint (again->recipients->len, ==, middle->recipients->len);
  if (middle->recipients->len > 0)
    g_assert_cmpstr (((BdRecipient *)g_ptr_array_index (again->recipients, 0))->address, ==,
                     ((BdRecipient *)g_ptr_array_index (middle->recipients, 0))->address);
  g_clear_pointer (&again, bd_bounce_unref);
  again = bd_mailbox_reread_message (middle->source, middle->offset + 3, &error);
  g_assert_error (error, BD_MAILBOX_ERROR, BD_MAILBOX_ERROR_NO_MESSAGE);
  g_assert_null (again);
}

static void
test_scan_cancel (TestDir       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "Inbox", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  guint reports = write_mixed_mbox (path, 20000, 6);
  g_auto(ScanRun) run = { 0 };
  g_autoptr(BdMailboxScan) scan = run_scan (path, &run, cancellable);
  gint64 took;

  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (run.bounces->len, <, reports);
  took = run.finished_at - run.cancelled_at;
  g_test_message ("cancel took %" G_GINT64_FORMAT " µs", took);
  /* ~50 ms is the goal; a loaded CI machine gets some slack. */
  g_assert_cmpint (took, <, 500 * 1000);
}

static void
test_scan_file_error (TestDir       *fixture,
                      gconstpointer  data)
{
  g_autofree char *good = test_write_file (fixture->dir, "mail/b.eml",
                                           "From: MAILER-DAEMON@example.net\nSubject: Undelivered Mail\n\nx\n", -1);
  g_autofree char *dangling = g_build_filename (fixture->dir, "mail/a.eml", NULL);
  g_autofree char *mail = g_build_filename (fixture->dir, "mail", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "nothing-here", NULL);
  g_auto(ScanRun) run = { 0 };
  g_auto(ScanRun) run2 = { 0 };
  g_autoptr(BdMailboxScan) scan = NULL;
  g_autoptr(BdMailboxScan) scan2 = NULL;

  g_assert_cmpint (symlink ("gone.eml", dangling), ==, 0);
  scan = run_scan (mail, &run, NULL);
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.errors, ==, 1);
  g_assert_cmpuint (bd_mailbox_scan_get_messages_read (scan), ==, 1);

  scan2 = run_scan (missing, &run2, NULL);
  g_assert_error (run2.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_find_mail_folders (TestDir       *fixture,
                        gconstpointer  data)
{
  const char *const dirs[] = {
    ".thunderbird/ab12cd34.default-release/Mail/Local Folders",
    ".thunderbird/ab12cd34.default-release/ImapMail/imap.example.com",
    ".var/app/org.mozilla.Thunderbird/.thunderbird/xy.default/Mail/pop.example.com",
    ".local/share/evolution/mail/local",
  };
  g_autoptr(GPtrArray) folders = NULL;
  const BdMailFolder *folder;

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, dirs[i], NULL);

      g_mkdir_with_parents (path, 0700);
    }
  folders = bd_mailbox_find_mail_folders (fixture->dir);
  g_assert_cmpuint (folders->len, ==, 4);
  folder = g_ptr_array_index (folders, 0);
  g_assert_true (g_str_has_suffix (folder->path, "Mail/Local Folders"));
  g_assert_nonnull (strstr (folder->label, "Local Folders"));
  g_assert_nonnull (strstr (folder->label, "default-release"));
  folder = g_ptr_array_index (folders, 1);
  g_assert_true (g_str_has_suffix (folder->path, "ImapMail/imap.example.com"));
  folder = g_ptr_array_index (folders, 2);
  g_assert_nonnull (strstr (folder->path, "org.mozilla.Thunderbird"));
  g_assert_nonnull (strstr (folder->label, "Flatpak"));
  folder = g_ptr_array_index (folders, 3);
  g_assert_true (g_str_has_suffix (folder->path, "evolution/mail/local"));
}

static BdBounce *
make_bounce (const char *address,
             BdReason    reason,
             gboolean    hard,
             BdKind      kind)
{
  BdBounce *bounce = bd_bounce_new ("box", 0);
  BdRecipient *r = bd_bounce_add_recipient (bounce, address);

  bounce->kind = kind;
  bounce->date = g_strdup ("2026-11-27T10:00:00Z");
  r->reason = reason;
  r->hard = hard;
  r->status = g_strdup (hard ? "5.1.1" : "4.2.2");
  r->diagnostic = g_strdup ("550 5.1.1 \"no\", such user");
  return bounce;
}

static char *
export (GPtrArray *bounces,
        gboolean   hard_only)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (bd_export_failed_recipients_csv (bounces, hard_only, out, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_export_failed_recipients (void)
{
  g_autoptr(GPtrArray) bounces = g_ptr_array_new_with_free_func ((GDestroyNotify)bd_bounce_unref);
  g_autofree char *header = bd_export_csv_header ();
  g_autofree char *all = NULL, *hard = NULL;

  g_ptr_array_add (bounces, make_bounce ("Jan@Example.com", BD_REASON_USERUNKNOWN, TRUE, BD_KIND_BOUNCE));
  g_ptr_array_add (bounces, make_bounce ("ola@example.com", BD_REASON_MAILBOXFULL, FALSE, BD_KIND_BOUNCE));
  g_ptr_array_add (bounces, make_bounce ("jan@example.com", BD_REASON_USERUNKNOWN, TRUE, BD_KIND_BOUNCE));
  g_ptr_array_add (bounces, make_bounce ("wait@example.com", BD_REASON_EXPIRED, FALSE, BD_KIND_DELAYED));

  g_assert_cmpstr (header, ==, "address,reason,status,hard,date,diagnostic\n");
  all = export (bounces, FALSE);
  g_assert_cmpstr (all, ==,
                   "address,reason,status,hard,date,diagnostic\n"
                   "Jan@Example.com,userunknown,5.1.1,true,2026-11-27T10:00:00Z,\"550 5.1.1 \"\"no\"\", such user\"\n"
                   "ola@example.com,mailboxfull,4.2.2,false,2026-11-27T10:00:00Z,\"550 5.1.1 \"\"no\"\", such user\"\n"
                   "jan@example.com,userunknown,5.1.1,true,2026-11-27T10:00:00Z,\"550 5.1.1 \"\"no\"\", such user\"\n");
  hard = export (bounces, TRUE);
  g_assert_cmpstr (hard, ==,
                   "address,reason,status,hard,date,diagnostic\n"
                   "Jan@Example.com,userunknown,5.1.1,true,2026-11-27T10:00:00Z,\"550 5.1.1 \"\"no\"\", such user\"\n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_mime_init ();

#define ADD(path, func) g_test_add (path, TestDir, NULL, test_dir_setup, func, test_dir_teardown)
  ADD ("/core/mailbox/scan/batches-and-reread", test_scan_batches);
  ADD ("/core/mailbox/scan/cancel", test_scan_cancel);
  ADD ("/core/mailbox/scan/file-error", test_scan_file_error);
  ADD ("/core/mailbox/find-mail-folders", test_find_mail_folders);
#undef ADD
  g_test_add_func ("/core/mailbox/filter/keeps-every-fixture", test_filter_keeps_every_fixture);
  g_test_add_func ("/core/mailbox/filter/case-blind", test_filter_case_blind);
  g_test_add_func ("/core/mailbox/filter/starts-with-field", test_filter_starts_with_field);
  g_test_add_func ("/core/mailbox/filter/expunged", test_filter_expunged);
  g_test_add_func ("/core/mailbox/filter/markers-anywhere", test_filter_markers_anywhere);
  g_test_add_func ("/core/mailbox/export/failed-recipients", test_export_failed_recipients);

  return g_test_run ();
}
