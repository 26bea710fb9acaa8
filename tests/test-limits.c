/* test-limits.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The documented limits (README.md, "Limits"; bd-decoder.h, bd-mailbox.h):
 * past each, the message is still reported, with a note that says which
 * limit was hit, never dropped and never crashed on. The DoH response cap
 * and the SPF look-up limits are tested with the DNS code
 * (test-doh-client.c, test-domain-check.c, test-spf-suite.c).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gmime/gmime.h>
#include <string.h>

#include "bd-decoder.h"
#include "bd-mailbox.h"

#define REPORT_HEAD                                                                          \
  "From: MAILER-DAEMON@mx.example.org\nTo: jan@firma.example\nSubject: Undelivered Mail\n"  \
  "MIME-Version: 1.0\n"                                                                      \
  "Content-Type: multipart/report; report-type=delivery-status; boundary=\"R\"\n\n"          \
  "--R\nContent-Type: text/plain\n\nYour message could not be delivered.\n\n"               \
  "--R\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n"     \
  "Final-Recipient: rfc822; nina@example.org\nAction: failed\nStatus: 5.1.1\n"               \
  "Diagnostic-Code: smtp; 550 5.1.1 <nina@example.org>: User unknown\n\n"

static void
assert_reported (BdBounce   *bounce,
                 const char *note_part)
{
  BdRecipient *r;

  g_assert_cmpint (bounce->kind, ==, BD_KIND_BOUNCE);
  g_assert_cmpuint (bounce->recipients->len, ==, 1);
  r = g_ptr_array_index (bounce->recipients, 0);
  g_assert_cmpstr (r->address, ==, "nina@example.org");
  g_assert_cmpstr (r->status, ==, "5.1.1");
  g_assert_nonnull (bounce->note);
  g_assert_nonnull (strstr (bounce->note, note_part));
}

/* Bigger than BD_DECODER_MAX_MESSAGE: the start is decoded. */
static void
test_limits_message_size (void)
{
  g_autoptr(GString) big = g_string_new (REPORT_HEAD "--R\nContent-Type: application/octet-stream\n\n");
  g_autoptr(BdBounce) bounce = NULL;
  g_autoptr(BdBounce) small = NULL;

  while (big->len < BD_DECODER_MAX_MESSAGE + 1024 * 1024)
    g_string_append (big, "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5\n");
  g_string_append (big, "--R--\n");

  bounce = bd_decoder_decode_bytes (big->str, big->len, "big", 0);
  assert_reported (bounce, "only its first 16 MB");

  /* Under the limit: no note. */
  small = bd_decoder_decode_bytes (REPORT_HEAD "--R--\n", strlen (REPORT_HEAD "--R--\n"), "small", 0);
  g_assert_cmpint (small->kind, ==, BD_KIND_BOUNCE);
  g_assert_null (small->note);
}

/* More than BD_DECODER_MAX_PARTS parts after the report. */
static void
test_limits_parts (void)
{
  g_autoptr(GString) many = g_string_new (REPORT_HEAD);
  g_autoptr(BdBounce) bounce = NULL;

  for (guint i = 0; i < BD_DECODER_MAX_PARTS + 100; i++)
    g_string_append_printf (many, "--R\nContent-Type: text/plain\n\npart %u\n", i);
  g_string_append (many, "--R--\n");

  bounce = bd_decoder_decode_bytes (many->str, many->len, "parts", 0);
  assert_reported (bounce, "first 512 MIME parts");
}

/* A report beside parts nested deeper than BD_DECODER_MAX_DEPTH; and a
 * report itself too deep, which is then not read but still noted. */
static void
test_limits_depth (void)
{
  g_autoptr(GString) deep = g_string_new (REPORT_HEAD "--R\n");
  g_autoptr(GString) buried = g_string_new ("From: a@example.com\nSubject: deep\nMIME-Version: 1.0\n");
  g_autoptr(BdBounce) bounce = NULL;
  g_autoptr(BdBounce) lost = NULL;
  const guint depth = BD_DECODER_MAX_DEPTH + 8;

  for (guint i = 0; i < depth; i++)
    g_string_append_printf (deep, "Content-Type: multipart/mixed; boundary=\"b%u\"\n\n--b%u\n", i, i);
  g_string_append (deep, "Content-Type: text/plain\n\nhello\n");
  for (guint i = depth; i-- > 0;)
    g_string_append_printf (deep, "--b%u--\n", i);
  g_string_append (deep, "--R--\n");
  bounce = bd_decoder_decode_bytes (deep->str, deep->len, "deep", 0);
  assert_reported (bounce, "nested more than 32 levels");

  for (guint i = 0; i < depth; i++)
    g_string_append_printf (buried, "Content-Type: multipart/mixed; boundary=\"b%u\"\n\n--b%u\n", i, i);
  g_string_append (buried, "Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n"
                           "Final-Recipient: rfc822; nina@example.org\nAction: failed\nStatus: 5.1.1\n\n");
  for (guint i = depth; i-- > 0;)
    g_string_append_printf (buried, "--b%u--\n", i);
  lost = bd_decoder_decode_bytes (buried->str, buried->len, "buried", 0);
  g_assert_nonnull (lost->note);
  g_assert_nonnull (strstr (lost->note, "nested more than 32 levels"));
}

/* More than BD_DECODER_MAX_RECIPIENTS: the first ones, and a note. */
static void
test_limits_recipients (void)
{
  g_autoptr(GString) big = g_string_new (REPORT_HEAD);
  g_autoptr(BdBounce) bounce = NULL;

  g_string_truncate (big, strstr (big->str, "Final-Recipient") - big->str);
  for (guint i = 0; i < BD_DECODER_MAX_RECIPIENTS + 5; i++)
    g_string_append_printf (big, "Final-Recipient: rfc822; user%u@example.org\nAction: failed\nStatus: 5.1.1\n\n", i);
  g_string_append (big, "--R--\n");

  bounce = bd_decoder_decode_bytes (big->str, big->len, "many", 0);
  g_assert_cmpint (bounce->kind, ==, BD_KIND_BOUNCE);
  g_assert_cmpuint (bounce->recipients->len, ==, BD_DECODER_MAX_RECIPIENTS);
  g_assert_nonnull (bounce->note);
  g_assert_nonnull (strstr (bounce->note, "5 more were skipped"));
}

/* A header line of megabytes (a Subject, a To: list): decoded, in time
 * (the header block is split into fields once, in linear time). */
static void
test_limits_header_length (void)
{
  g_autoptr(GString) wide = g_string_new ("X-Long: ");
  g_autoptr(BdBounce) bounce = NULL;
  gint64 start = g_get_monotonic_time ();

  while (wide->len < 2 * 1024 * 1024)
    g_string_append (wide, "abcdefghij klmnopqrst uvwxyz0123 ");
  g_string_append (wide, "\n" REPORT_HEAD "--R--\n");

  bounce = bd_decoder_decode_bytes (wide->str, wide->len, "wide", 0);
  g_assert_cmpint (bounce->kind, ==, BD_KIND_BOUNCE);
  g_assert_cmpuint (bounce->recipients->len, ==, 1);
  /* seconds even under ASan; a quadratic walk would take minutes */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 60 * G_USEC_PER_SEC);
}

/* A header block of a million tiny fields: indexed once, not walked again
 * for each of the headers the scanners look up. */
static void
test_limits_header_count (void)
{
  g_autoptr(GString) many = g_string_new (NULL);
  g_autoptr(BdBounce) bounce = NULL;
  gint64 start = g_get_monotonic_time ();

  while (many->len < 4 * 1024 * 1024)
    g_string_append (many, "X:y\n");
  g_string_append (many, REPORT_HEAD "--R--\n");

  bounce = bd_decoder_decode_bytes (many->str, many->len, "many", 0);
  g_assert_cmpint (bounce->kind, ==, BD_KIND_BOUNCE);
  g_assert_cmpuint (bounce->recipients->len, ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 60 * G_USEC_PER_SEC);
}

/* A forward whose text is nothing but header lines (never a sender and
 * a subject together): looked through once, not once per line. */
static void
test_limits_pasted_headers (void)
{
  g_autoptr(GString) text = g_string_new ("From: a@example.com\nSubject: Fwd: x\n\n");
  g_autoptr(BdBounce) bounce = NULL;
  gint64 start = g_get_monotonic_time ();

  while (text->len < 4 * 1024 * 1024)
    g_string_append (text, "From: b@example.com\n");

  bounce = bd_decoder_decode_bytes (text->str, text->len, "pasted", 0);
  g_assert_cmpint (bounce->kind, ==, BD_KIND_NOT_BOUNCE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 60 * G_USEC_PER_SEC);
}

/* The tail every crafted prose report below ends with: one line of
 * megabytes, which the line splitter keeps whole as the last line. */
static void
append_tail (GString *text)
{
  g_string_append_c (text, ' ');
  while (text->len < 4 * 1024 * 1024)
    g_string_append (text, "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz");
  g_string_append_c (text, '\n');
}

/* A Domino report whose "because:" text is followed by thousands of
 * "was not delivered to:" blocks and a tail of megabytes: each block's
 * text ends at the next block, so the text is read once, not once per
 * block; the reason is cut at a few kilobytes. */
static void
test_limits_domino_blocks (void)
{
  g_autoptr(GString) text = g_string_new ("From: Postmaster <postmaster@example.com>\nTo: jan@firma.example\n"
                                          "Subject: DELIVERY FAILURE: Test\nMIME-Version: 1.0\n"
                                          "Content-Type: text/plain; charset=us-ascii\n\n"
                                          "Your message\n\n  Subject: Test\n\nwas not delivered to:\n\n"
                                          "  kijitora@example.jp\n\nbecause:\n\n"
                                          "  User kijitora (kijitora@example.jp) not listed in Domino Directory\n");
  g_autoptr(BdBounce) bounce = NULL;
  BdRecipient *r;

  for (guint i = 0; i < 3000; i++)
    g_string_append (text, " was not delivered to: because: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n");
  append_tail (text);

  bounce = bd_decoder_decode_bytes (text->str, text->len, "domino", 0);
  g_assert_cmpint (bounce->kind, ==, BD_KIND_BOUNCE);
  g_assert_cmpuint (bounce->recipients->len, ==, 1);
  r = g_ptr_array_index (bounce->recipients, 0);
  g_assert_cmpstr (r->address, ==, "kijitora@example.jp");
  g_assert_cmpstr (r->diagnostic, ==, "User kijitora (kijitora@example.jp) not listed in Domino Directory");
  g_assert_cmpint (r->reason, ==, BD_REASON_USERUNKNOWN);

  /* one block whose reason runs on for megabytes: cut */
  g_string_truncate (text, strstr (text->str, " was not delivered to: because: x") - text->str);
  for (guint i = 0; i < 3000; i++)
    g_string_append (text, "  and the text goes on and on, line after line, without end\n");
  append_tail (text);
  g_clear_pointer (&bounce, bd_bounce_unref);
  bounce = bd_decoder_decode_bytes (text->str, text->len, "domino-long", 0);
  g_assert_cmpint (bounce->kind, ==, BD_KIND_BOUNCE);
  g_assert_cmpuint (bounce->recipients->len, ==, 1);
  r = g_ptr_array_index (bounce->recipients, 0);
  g_assert_cmpuint (strlen (r->diagnostic), <, 4096);
}

/* An IMail report with thousands of "undeliverable to" lines and no reply
 * until the last one, then a tail of megabytes: each recipient's search
 * for its reply stops at the next recipient, so the text is read once, and
 * no recipient takes the last one's reply. */
static void
test_limits_imail_recipients (void)
{
  g_autoptr(GString) text = g_string_new ("From: Postmaster <postmaster@example.com>\nTo: jan@firma.example\n"
                                          "Subject: Undeliverable Mail\nMIME-Version: 1.0\n"
                                          "Content-Type: text/plain; charset=us-ascii\n\n");
  g_autoptr(BdBounce) bounce = NULL;
  BdRecipient *first, *last;

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (text, "undeliverable to a%u@example.com\n", i);
  g_string_append (text, "undeliverable to last@example.com\n"
                         "Additional RCPT TO generated following response:\n"
                         "550 5.1.1 <last@example.com>: User unknown\n\n");
  append_tail (text);

  bounce = bd_decoder_decode_bytes (text->str, text->len, "imail", 0);
  g_assert_cmpint (bounce->kind, ==, BD_KIND_BOUNCE);
  g_assert_cmpuint (bounce->recipients->len, ==, 3001);
  first = g_ptr_array_index (bounce->recipients, 0);
  last = g_ptr_array_index (bounce->recipients, 3000);
  g_assert_cmpstr (first->address, ==, "a0@example.com");
  g_assert_cmpuint (first->reply_code, ==, 0);
  g_assert_cmpstr (last->address, ==, "last@example.com");
  g_assert_cmpuint (last->reply_code, ==, 550);
  g_assert_cmpint (last->reason, ==, BD_REASON_USERUNKNOWN);
}

typedef struct
{
  guint  messages;
  gsize  first_len;
  GPtrArray *notes;
} Read;

static gboolean
collect_cb (const char *source,
            goffset     offset,
            const char *data,
            gsize       len,
            gpointer    user_data)
{
  Read *read = user_data;
  g_autoptr(BdBounce) bounce = bd_decoder_decode_bytes (data, len, source, offset);

  if (read->messages++ == 0)
    read->first_len = len;
  g_assert_cmpint (bounce->kind, ==, BD_KIND_BOUNCE);
  g_ptr_array_add (read->notes, g_strdup (bounce->note ? bounce->note : ""));
  return TRUE;
}

/* In an mbox, a message bigger than BD_MAILBOX_MAX_MESSAGE is cut, decoded
 * with a note, and the next message is still read. */
static void
test_limits_mailbox_message (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bd-limits-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "Inbox", NULL);
  g_autoptr(GString) box = g_string_new ("From MAILER-DAEMON Fri Nov 27 10:00:00 2026\n" REPORT_HEAD
                                         "--R\nContent-Type: application/octet-stream\n\n");
  Read read = { 0, 0, g_ptr_array_new_with_free_func (g_free) };

  g_assert_cmpint (BD_MAILBOX_MAX_MESSAGE, ==, BD_DECODER_MAX_MESSAGE);
  while (box->len < BD_MAILBOX_MAX_MESSAGE + 2 * 1024 * 1024)
    g_string_append (box, "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5\n");
  g_string_append (box, "--R--\n\nFrom MAILER-DAEMON Fri Nov 27 10:01:00 2026\n" REPORT_HEAD "--R--\n");
  g_file_set_contents (path, box->str, box->len, &error);
  g_assert_no_error (error);

  g_assert_true (bd_mailbox_read (path, collect_cb, NULL, &read));
  g_assert_cmpuint (read.messages, ==, 2);
  g_assert_cmpuint (read.first_len, ==, BD_MAILBOX_MAX_MESSAGE);
  g_assert_nonnull (strstr (g_ptr_array_index (read.notes, 0), "only its first 16 MB"));
  g_assert_cmpstr (g_ptr_array_index (read.notes, 1), ==, "");

  g_ptr_array_unref (read.notes);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_mime_init ();

  g_test_add_func ("/core/limits/message-size", test_limits_message_size);
  g_test_add_func ("/core/limits/parts", test_limits_parts);
  g_test_add_func ("/core/limits/depth", test_limits_depth);
  g_test_add_func ("/core/limits/recipients", test_limits_recipients);
  g_test_add_func ("/core/limits/header-length", test_limits_header_length);
  g_test_add_func ("/core/limits/header-count", test_limits_header_count);
  g_test_add_func ("/core/limits/pasted-headers", test_limits_pasted_headers);
  g_test_add_func ("/core/limits/mailbox-message", test_limits_mailbox_message);
  g_test_add_func ("/core/limits/domino-blocks", test_limits_domino_blocks);
  g_test_add_func ("/core/limits/imail-recipients", test_limits_imail_recipients);

  return g_test_run ();
}
