/* test-dsn.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The RFC 3464 field parser on well-formed and broken delivery-status bodies.
 */
#include "config.h"

#include <gmime/gmime.h>
#include <string.h>

#include "bd-dsn.h"
#include "bd-test-util.h"

static BdDsn *
parse (const char *text)
{
  return bd_dsn_parse (text, strlen (text), 1000);
}

static BdRecipient *
recipient (BdDsn *dsn,
           guint  i)
{
  g_assert_cmpuint (i, <, dsn->recipients->len);
  return g_ptr_array_index (dsn->recipients, i);
}

static void
test_dsn_fields (void)
{
  g_autoptr(BdDsn) dsn = parse (
    "Reporting-MTA: dns; mx1.example.net\n"
    "Arrival-Date: Fri, 27 Nov 2026 10:00:00 +0100\n"
    "\n"
    "Final-Recipient: rfc822; <jan@example.com>\n"
    "Original-Recipient: rfc822;Jan@Example.com\n"
    "Action: Failed\n"
    "Status: 5.1.1 (bad destination mailbox)\n"
    "Remote-MTA: dns; mx.example.com\n"
    "Diagnostic-Code: smtp; 550 5.1.1 <jan@example.com>: Recipient address\n"
    "    rejected: User unknown\n"
    "Last-Attempt-Date: Fri, 27 Nov 2026 10:00:05 +0100\n"
    "Will-Retry-Until: Sat, 28 Nov 2026 10:00:00 +0100\n");
  BdRecipient *r;

  g_assert_cmpstr (dsn->reporting_mta, ==, "mx1.example.net");
  g_assert_cmpstr (dsn->arrival_date, ==, "2026-11-27T09:00:00Z");
  g_assert_cmpuint (dsn->recipients->len, ==, 1);
  r = recipient (dsn, 0);
  g_assert_cmpstr (r->address, ==, "jan@example.com");
  g_assert_cmpstr (r->original, ==, "Jan@Example.com");
  g_assert_cmpstr (r->action, ==, "failed");
  g_assert_cmpstr (r->status, ==, "5.1.1");
  g_assert_cmpuint (r->reply_code, ==, 550);
  g_assert_cmpstr (r->diagnostic_type, ==, "smtp");
  g_assert_cmpstr (r->diagnostic, ==, "550 5.1.1 <jan@example.com>: Recipient address rejected: User unknown");
  g_assert_cmpstr (r->remote_mta, ==, "mx.example.com");
  g_assert_cmpstr (r->last_attempt, ==, "2026-11-27T09:00:05Z");
  g_assert_cmpstr (r->will_retry_until, ==, "2026-11-28T09:00:00Z");
}

/* No blank lines, CR line ends, junk in between: still two recipients. */
static void
test_dsn_robust (void)
{
  g_autoptr(BdDsn) dsn = parse (
    "garbage without a colon\r"
    "Reporting-MTA: dns; relay.example\r"
    "Final-Recipient: rfc822; a@example.com\r"
    "Action: failed\r"
    "Status: 4.4.7\r"
    "\x01\x02 binary: junk\r"
    "Final-Recipient: rfc822; b@example.com\r"
    "Action: delayed\r"
    "Diagnostic-Code: X-Unix; 451 4.3.0 local delivery failed\r");

  g_assert_cmpuint (dsn->recipients->len, ==, 2);
  g_assert_cmpstr (recipient (dsn, 0)->address, ==, "a@example.com");
  g_assert_cmpstr (recipient (dsn, 0)->status, ==, "4.4.7");
  g_assert_cmpstr (recipient (dsn, 1)->address, ==, "b@example.com");
  g_assert_cmpstr (recipient (dsn, 1)->action, ==, "delayed");
  g_assert_cmpstr (recipient (dsn, 1)->diagnostic_type, ==, "x-unix");
  /* The status the report left out comes from the server's words. */
  g_assert_cmpstr (recipient (dsn, 1)->status, ==, "4.3.0");
  g_assert_cmpuint (recipient (dsn, 1)->reply_code, ==, 451);
}

/* Line ends mixed in one report (CRLF, LF, CR), folded lines among them,
 * and LF then CR, which is two line ends (a blank line, which closes the
 * recipient): the lines are found where they were before line_break(). */
static void
test_dsn_mixed_line_ends (void)
{
  g_autoptr(BdDsn) dsn = parse (
    "Reporting-MTA: dns;\r\n relay.example\r\n"
    "Final-Recipient: rfc822; a@example.com\r"
    "Action: failed\n"
    "Status: 5.1.1\r\n"
    "Diagnostic-Code: smtp; 550 no\n\tsuch user\r\n\r\n"
    "Final-Recipient: rfc822; b@example.com\n"
    "Action: delayed\r"
    "Status: 4.4.7\n\r"
    "Final-Recipient: rfc822; c@example.com");

  g_assert_cmpstr (dsn->reporting_mta, ==, "relay.example");
  g_assert_cmpuint (dsn->recipients->len, ==, 3);
  g_assert_cmpstr (recipient (dsn, 0)->address, ==, "a@example.com");
  g_assert_cmpstr (recipient (dsn, 0)->action, ==, "failed");
  g_assert_cmpstr (recipient (dsn, 0)->status, ==, "5.1.1");
  g_assert_cmpstr (recipient (dsn, 0)->diagnostic, ==, "550 no such user");
  g_assert_cmpstr (recipient (dsn, 1)->address, ==, "b@example.com");
  g_assert_cmpstr (recipient (dsn, 1)->action, ==, "delayed");
  g_assert_cmpstr (recipient (dsn, 1)->status, ==, "4.4.7");
  g_assert_cmpstr (recipient (dsn, 2)->address, ==, "c@example.com");
  g_assert_null (recipient (dsn, 2)->action);
}

/* The fields a report gives, one line each, to compare two readings. */
static char *
dump (const BdDsn *dsn)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "mta=%s\n", dsn->reporting_mta ? dsn->reporting_mta : "-");
  for (guint i = 0; i < dsn->recipients->len; i++)
    {
      BdRecipient *r = g_ptr_array_index (dsn->recipients, i);

      g_string_append_printf (out, "%s|%s|%s|%s|%s|%s\n", r->address ? r->address : "-",
                              r->original ? r->original : "-", r->action ? r->action : "-",
                              r->status ? r->status : "-", r->diagnostic ? r->diagnostic : "-",
                              r->remote_mta ? r->remote_mta : "-");
    }
  return g_string_free (out, FALSE);
}

/* @text with each CRLF and each lone CR an LF: how the reader takes them. */
static char *
lf_only (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r' && p[1] == '\n')
        continue;
      g_string_append_c (out, *p == '\r' ? '\n' : *p);
    }
  return g_string_free (out, FALSE);
}

/* Random reports, their lines of every length around the reader's blocks
 * of 16 bytes (folded ones and blank ones too), ended by LF, CRLF or CR
 * at random, the last line with or without an end: read as the same text
 * with LF ends only. */
static void
test_dsn_random_line_ends (void)
{
  static const char *const names[] = {
    "Final-Recipient: rfc822; ", "Action: ", "Status: 5.1.", "Diagnostic-Code: smtp; 550 ", " ", "\t",
    "Remote-MTA: dns; ", "Original-Recipient: rfc822;", "Reporting-MTA: dns; ", "",
  };
  static const char *const ends[] = { "\n", "\r\n", "\r" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (3464);

  for (guint round = 0; round < 4000; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n_lines = g_rand_int_range (rand, 0, 12);
      g_autofree char *lf = NULL, *want = NULL, *got = NULL;
      g_autoptr(BdDsn) mixed = NULL;
      g_autoptr(BdDsn) plain = NULL;

      for (guint i = 0; i < n_lines; i++)
        {
          guint fill = g_rand_int_range (rand, 0, 40);

          g_string_append (text, names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))]);
          for (guint k = 0; k < fill; k++)
            g_string_append_c (text, "ab@.x 1"[g_rand_int_range (rand, 0, 7)]);
          if (i + 1 < n_lines || g_rand_boolean (rand))
            g_string_append (text, ends[g_rand_int_range (rand, 0, G_N_ELEMENTS (ends))]);
        }
      lf = lf_only (text->str);
      mixed = bd_dsn_parse (text->str, text->len, 1000);
      plain = bd_dsn_parse (lf, strlen (lf), 1000);
      want = dump (plain);
      got = dump (mixed);
      g_assert_cmpstr (got, ==, want);
    }
}

/* Read into a caller's array (the decoder's result's), from a copy of
 * the text it changes: the same recipients as into a new one, the cap
 * counted the same, and they stay in the array once the report is freed. */
static void
test_dsn_parse_into (void)
{
  g_autoptr(GString) many = g_string_new ("Reporting-MTA: dns; x\n\n");
  g_autoptr(GPtrArray) into = g_ptr_array_new_with_free_func ((GDestroyNotify)bd_recipient_free);

  for (guint i = 0; i < 30; i++)
    g_string_append_printf (many, "Final-Recipient: rfc822; u%u@example.com\nAction: failed\n"
                            "Status: 5.1.%u\nDiagnostic-Code: smtp; 550 no %u\n\n", i, i % 10, i);
  for (guint cap = 0; cap <= 31; cap += 7)
    {
      g_autoptr(BdDsn) plain = bd_dsn_parse (many->str, many->len, cap);
      g_autofree char *copy = g_strdup (many->str);   /* changed in place */
      BdDsn *shared = bd_dsn_parse_into (copy, many->len, cap, into);
      g_autofree char *want = dump (plain);
      g_autofree char *got = dump (shared);

      g_assert_true (shared->recipients == into);
      g_assert_cmpstr (got, ==, want);
      g_assert_cmpuint (shared->dropped, ==, plain->dropped);
      bd_dsn_free (shared);
      g_assert_cmpuint (into->len, ==, MIN (cap, 30));
      g_ptr_array_set_size (into, 0);
    }
}

/* dump () with the report's other fields. */
static char *
dump_all (const BdDsn *dsn)
{
  g_autofree char *recipients = dump (dsn);

  return g_strdup_printf ("arrival=%s disposition=%s dropped=%u\n%s",
                          dsn->arrival_date ? dsn->arrival_date : "-",
                          dsn->disposition ? dsn->disposition : "-", dsn->dropped, recipients);
}

/* bd_dsn_read () into a struct on the stack, read again after
 * bd_dsn_clear (), into a new array or the caller's: what bd_dsn_parse ()
 * reads, and the caller's array keeps the recipients once cleared. */
static void
test_dsn_read (void)
{
  static const char *const texts[] = {
    "",
    "Reporting-MTA: dns; mx1.example.net\nArrival-Date: Fri, 27 Nov 2026 10:00:00 +0100\n"
    "Received-From-MTA: dns; in.example.org\n\n"
    "Final-Recipient: rfc822; <jan@example.com>\nAction: failed\nStatus: 5.1.1\n"
    "Remote-MTA: dns; mx.example.com\nDiagnostic-Code: smtp; 550 5.1.1 no such user\n\n"
    "Final-Recipient: rfc822; ola@example.com\nAction: delayed\nStatus: 4.4.1\n",
    "Reporting-UA: host.example; Mail\nFinal-Recipient: rfc822; a@example.com\n"
    "Disposition: manual-action/MDN-sent-manually; displayed\n",
    "Arrival-Date: not a date\n\nFinal-Recipient: rfc822; b@example.com\nAction: failed\n\n"
    "Final-Recipient: rfc822; c@example.com\nAction: failed\n\n"
    "Final-Recipient: rfc822; d@example.com\nAction: failed\n",
  };
  g_auto(BdDsn) dsn = { 0 };
  g_autoptr(GPtrArray) into = g_ptr_array_new_with_free_func ((GDestroyNotify)bd_recipient_free);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    for (guint cap = 1; cap <= 3; cap++)
      {
        g_autoptr(BdDsn) plain = bd_dsn_parse (texts[i], strlen (texts[i]), cap);
        g_autofree char *want = dump_all (plain);
        g_autofree char *copy = g_strdup (texts[i]);   /* changed in place */
        g_autofree char *copy2 = g_strdup (texts[i]);
        g_autofree char *got = NULL, *got_into = NULL;

        bd_dsn_read (&dsn, copy, strlen (copy), cap, NULL);
        got = dump_all (&dsn);
        g_assert_cmpstr (got, ==, want);
        bd_dsn_clear (&dsn);
        g_assert_null (dsn.recipients);
        bd_dsn_read (&dsn, copy2, strlen (copy2), cap, into);
        g_assert_true (dsn.recipients == into);
        got_into = dump_all (&dsn);
        g_assert_cmpstr (got_into, ==, want);
        bd_dsn_clear (&dsn);
        g_assert_cmpuint (into->len, ==, plain->recipients->len);
        g_ptr_array_set_size (into, 0);
      }
}

static void
test_dsn_empty_and_cap (void)
{
  g_autoptr(BdDsn) empty = bd_dsn_parse ("", 0, 10);
  g_autoptr(GString) many = g_string_new ("Reporting-MTA: dns; x\n\n");
  g_autoptr(BdDsn) capped = NULL;

  g_assert_cmpuint (empty->recipients->len, ==, 0);
  for (guint i = 0; i < 50; i++)
    g_string_append_printf (many, "Final-Recipient: rfc822; u%u@example.com\nAction: failed\n\n", i);
  capped = bd_dsn_parse (many->str, many->len, 10);
  g_assert_cmpuint (capped->recipients->len, ==, 10);
  g_assert_cmpuint (capped->dropped, ==, 40);
}

/* PowerMTA's own verdict per recipient becomes the reason; a category it
 * does not map ("other") leaves the reply to the classifier. */
static void
test_dsn_powermta_category (void)
{
  g_autoptr(BdDsn) dsn = parse (
    "Reporting-MTA: dns; pmta.example.net\n"
    "\n"
    "Final-Recipient: rfc822; ola@odbiorca.example\n"
    "Action: failed\n"
    "Status: 5.0.0\n"
    "Diagnostic-Code: smtp;554 delivery error: this user does not have an account here\n"
    "X-PowerMTA-BounceCategory: bad-mailbox\n"
    "\n"
    "Final-Recipient: rfc822; jan@odbiorca.example\n"
    "Action: failed\n"
    "Status: 5.0.0\n"
    "X-PowerMTA-BounceCategory: Quota-Issues\n"
    "\n"
    "Final-Recipient: rfc822; ewa@odbiorca.example\n"
    "Action: failed\n"
    "Status: 5.0.0\n"
    "X-PowerMTA-BounceCategory: other\n");

  g_assert_cmpuint (dsn->recipients->len, ==, 3);
  g_assert_cmpint (recipient (dsn, 0)->reason, ==, BD_REASON_USERUNKNOWN);
  g_assert_cmpstr (recipient (dsn, 0)->evidence, ==, "PowerMTA bounce category bad-mailbox");
  g_assert_cmpint (recipient (dsn, 1)->reason, ==, BD_REASON_MAILBOXFULL);
  g_assert_cmpint (recipient (dsn, 2)->reason, ==, BD_REASON_UNDEFINED);
  g_assert_null (recipient (dsn, 2)->evidence);
}

static void
test_dsn_find_status (void)
{
  char status[BD_STATUS_MAX];

  g_assert_true (bd_dsn_find_status ("550 5.7.1 denied", status));
  g_assert_cmpstr (status, ==, "5.7.1");
  g_assert_true (bd_dsn_find_status ("(#5.5.1)", status));
  g_assert_cmpstr (status, ==, "5.5.1");
  g_assert_true (bd_dsn_find_status ("550 5.1.351 unknown", status));
  g_assert_cmpstr (status, ==, "5.1.351");
  /* Neither an IP address nor a version number. */
  g_assert_false (bd_dsn_find_status ("from 5.1.1.2 and 192.5.1.1", status));
  g_assert_false (bd_dsn_find_status ("version 2.4.10.1", status));
  g_assert_false (bd_dsn_find_status (NULL, status));
}

static void
test_dsn_find_reply_code (void)
{
  g_assert_cmpuint (bd_dsn_find_reply_code ("550 5.1.1 unknown"), ==, 550);
  g_assert_cmpuint (bd_dsn_find_reply_code ("host x said: 452-4.2.2 full"), ==, 452);
  g_assert_cmpuint (bd_dsn_find_reply_code ("connect to 192.0.2.1:25: timed out"), ==, 0);
  g_assert_cmpuint (bd_dsn_find_reply_code ("port 5500 closed"), ==, 0);
  g_assert_cmpuint (bd_dsn_find_reply_code (NULL), ==, 0);
}

static void
test_dsn_clean_address (void)
{
  g_autofree char *a = bd_dsn_clean_address ("rfc822; <jan@example.com>");
  g_autofree char *b = bd_dsn_clean_address ("  \"ewa@example.org\" ");
  g_autofree char *c = bd_dsn_clean_address ("rfc822;");

  g_assert_cmpstr (a, ==, "jan@example.com");
  g_assert_cmpstr (b, ==, "ewa@example.org");
  g_assert_null (c);
}

/* A quoted local part (RFC 5321 §4.1.2) is kept whole, quotes and
 * escapes included: it used to be cut at the first quote or space. */
static void
test_dsn_clean_quoted_address (void)
{
  g_autofree char *a = bd_dsn_clean_address ("rfc822; \"quo\\\"te\\\\back\"@example.net");
  g_autofree char *b = bd_dsn_clean_address ("rfc822; <\"a b\"@example.net>");
  g_autofree char *c = bd_dsn_clean_address ("rfc822; \"\"@example.net");
  g_autofree char *d = bd_dsn_clean_address ("rfc822; \"unclosed@example.net");

  g_assert_cmpstr (a, ==, "\"quo\\\"te\\\\back\"@example.net");
  g_assert_cmpstr (b, ==, "\"a b\"@example.net");
  g_assert_cmpstr (c, ==, "\"\"@example.net");
  g_assert_cmpstr (d, ==, "unclosed@example.net");
}

/* Sendmail's X-Actual-Recipient after a Final-Recipient names the same
 * recipient (the address after aliasing): one recipient, the Final
 * address kept. Only a second Final-Recipient starts another one. */
static void
test_dsn_x_actual_recipient (void)
{
  g_autoptr(BdDsn) dsn = parse (
    "Reporting-MTA: dns; mx.example.com\n\n"
    "Final-Recipient: rfc822; anna@example.com\n"
    "X-Actual-Recipient: rfc822; anna.nowak@mail.example.com\n"
    "Action: failed\n"
    "Status: 5.2.2\n\n"
    "Final-Recipient: RFC822; <piotr@example.com>\n"
    "Action: failed\n"
    "X-Actual-Recipient: rfc822; p.kowalski@mail.example.com\n"
    "Status: 5.1.1\n");

  g_assert_cmpuint (dsn->recipients->len, ==, 2);
  g_assert_cmpstr (recipient (dsn, 0)->address, ==, "anna@example.com");
  g_assert_cmpstr (recipient (dsn, 0)->status, ==, "5.2.2");
  g_assert_cmpstr (recipient (dsn, 1)->address, ==, "piotr@example.com");
  g_assert_cmpstr (recipient (dsn, 1)->status, ==, "5.1.1");
}

/* squeeze () as bd-dsn.c had it, for the oracles below: white-space runs
 * one space, none at either end, up to the first NUL. */
static char *
old_squeeze (const char *value)
{
  GString *out = g_string_new (NULL);
  gboolean space = TRUE;

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        {
          if (!space)
            g_string_append_c (out, ' ');
          space = TRUE;
          continue;
        }
      g_string_append_c (out, *p);
      space = FALSE;
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

/* The Action's word as it was read: squeezed, cut, lowered. */
static char *
old_action (const char *value)
{
  g_autofree char *v = old_squeeze (value);

  v[strcspn (v, " ;(")] = '\0';
  return g_ascii_strdown (v, -1);
}

/* The Diagnostic-Code's type as it was read, when the value has one
 * (a ';' before any blank, '@', '<' or NUL). */
static char *
old_diagnostic_type (const char *value)
{
  gsize stop = strcspn (value, "; @<");
  g_autofree char *type = NULL;

  if (value[stop] != ';')
    return NULL;
  type = g_strndup (value, strcspn (value, ";"));
  return g_ascii_strdown (g_strstrip (type), -1);
}

/* Random Action and Diagnostic-Code values, white space, comments, types
 * and NULs among them: the word and the type, now read from their spans,
 * are what the squeezed copy and the stripped copy gave. */
static void
test_dsn_action_and_type (void)
{
  static const char alphabet[] = " \t;(@<aB.xF-\v\f";   /* and NUL */
  g_autoptr(GRand) rand = g_rand_new_with_seed (1891);

  for (guint round = 0; round < BD_TEST_ROUNDS (20000); round++)
    {
      char action[24], type[24];
      guint n_action = g_rand_int_range (rand, 0, sizeof action - 1);
      guint n_type = g_rand_int_range (rand, 0, sizeof type - 1);
      g_autoptr(GString) text = g_string_new ("Final-Recipient: rfc822; a@example.com\nAction: ");
      g_autoptr(BdDsn) dsn = NULL;
      g_autofree char *want_action = NULL, *want_type = NULL;
      const char *action_value, *type_value;
      BdRecipient *r;

      for (guint i = 0; i < n_action; i++)
        action[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet)];
      for (guint i = 0; i < n_type; i++)
        type[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet)];
      g_string_append_len (text, action, n_action);
      g_string_append (text, "\nDiagnostic-Code: ");
      g_string_append_len (text, type, n_type);
      g_string_append (text, "\n");
      action[n_action] = type[n_type] = '\0';
      /* the values as split_field () gives them: blanks before them skipped */
      action_value = action + strspn (action, " \t");
      type_value = type + strspn (type, " \t");
      want_action = old_action (action_value);
      want_type = old_diagnostic_type (type_value);

      dsn = bd_dsn_parse (text->str, text->len, 10);
      g_assert_cmpuint (dsn->recipients->len, ==, 1);
      r = recipient (dsn, 0);
      g_assert_cmpstr (r->action, ==, want_action);
      g_assert_cmpstr (r->diagnostic_type, ==, want_type);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_mime_init ();

  g_test_add_func ("/core/dsn/fields", test_dsn_fields);
  g_test_add_func ("/core/dsn/robust", test_dsn_robust);
  g_test_add_func ("/core/dsn/mixed-line-ends", test_dsn_mixed_line_ends);
  g_test_add_func ("/core/dsn/random-line-ends", test_dsn_random_line_ends);
  g_test_add_func ("/core/dsn/empty-and-cap", test_dsn_empty_and_cap);
  g_test_add_func ("/core/dsn/powermta-category", test_dsn_powermta_category);
  g_test_add_func ("/core/dsn/find-status", test_dsn_find_status);
  g_test_add_func ("/core/dsn/find-reply-code", test_dsn_find_reply_code);
  g_test_add_func ("/core/dsn/clean-address", test_dsn_clean_address);
  g_test_add_func ("/core/dsn/clean-quoted-address", test_dsn_clean_quoted_address);
  g_test_add_func ("/core/dsn/x-actual-recipient", test_dsn_x_actual_recipient);
  g_test_add_func ("/core/dsn/parse-into", test_dsn_parse_into);
  g_test_add_func ("/core/dsn/read", test_dsn_read);
  g_test_add_func ("/core/dsn/action-and-type", test_dsn_action_and_type);

  return g_test_run ();
}
