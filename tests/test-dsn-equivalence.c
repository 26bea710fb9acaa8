/* test-dsn-equivalence.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The delivery-status reader against a copy of the code it replaced (kept
 * here as the oracle, tests/oracle/): its field names told by length and
 * first letter, its values' last bytes checked a block at a time, its
 * diagnostic type stripped in one pass. Hand-made edge cases, then random
 * reports built from the names, their near misses and awkward values.
 */
#include "config.h"

#include <gmime/gmime.h>
#include <string.h>

#include "bd-dsn.h"

BdDsn *oracle_dsn_parse (const char *text, gsize len, guint max_recipients);
BdDsn *oracle_dsn_parse_into (char *text, gsize len, guint max_recipients, GPtrArray *recipients);
void oracle_dsn_free (BdDsn *dsn);
gboolean oracle_dsn_find_status (const char *text, char out[BD_STATUS_MAX]);
guint oracle_dsn_find_reply_code (const char *text);
char *oracle_dsn_clean_address (const char *value);
char *oracle_dsn_date_to_iso (const char *value);
void oracle_dsn_fill_from_diagnostic (BdRecipient *recipient);

#include "oracle/bd-dsn-3fd5872.c"

static void
append_value (GString    *out,
              const char *name,
              const char *value)
{
  g_string_append_printf (out, "%s=%s\n", name, value != NULL ? value : "(null)");
}

/* Everything a report's reading sets, as text to compare. */
static char *
describe (const BdDsn *dsn)
{
  GString *out = g_string_new (NULL);

  append_value (out, "reporting", dsn->reporting_mta);
  append_value (out, "arrival", dsn->arrival_date);
  append_value (out, "received", dsn->received_from_mta);
  append_value (out, "disposition", dsn->disposition);
  g_string_append_printf (out, "dropped=%u\n", dsn->dropped);
  for (guint i = 0; i < dsn->recipients->len; i++)
    {
      const BdRecipient *r = g_ptr_array_index (dsn->recipients, i);

      g_string_append_printf (out, "-- %u code=%u reason=%d hard=%d\n", i, r->reply_code, (int)r->reason, r->hard);
      append_value (out, "address", r->address);
      append_value (out, "original", r->original);
      append_value (out, "action", r->action);
      append_value (out, "status", r->status);
      append_value (out, "diagnostic", r->diagnostic);
      append_value (out, "type", r->diagnostic_type);
      append_value (out, "remote", r->remote_mta);
      append_value (out, "last", r->last_attempt);
      append_value (out, "retry", r->will_retry_until);
      append_value (out, "evidence", r->evidence);
    }
  return g_string_free (out, FALSE);
}

static void
assert_same (const char *text,
             gsize       len)
{
  g_autoptr(BdDsn) dsn = bd_dsn_parse (text, len, 5);
  BdDsn *oracle = oracle_dsn_parse (text, len, 5);
  g_autofree char *got = describe (dsn);
  g_autofree char *want = describe (oracle);

  if (g_strcmp0 (got, want) != 0)
    g_error ("report %s\nread as\n%s\nnot\n%s", g_strescape (text, NULL), got, want);
  oracle_dsn_free (oracle);
}

static void
test_dsn_equivalence_examples (void)
{
  static const char *const reports[] = {
    "",
    ":",
    "A:x",
    "Action:failed",
    "Action: failed\nStatus: 5.1.1",
    "action:\tFailed ; x\n",
    "ACTION: delayed (retrying)\n",
    "!ction: failed\n",
    "Actio\x01: failed\n",
    "Final-Recipient: rfc822; a@example.com\nAction: failed\n",
    "final-recipient: RFC822; <a@example.com>\nX-Actual-Recipient: rfc822; b@example.com\n",
    "X-Actual-Recipient: rfc822; b@example.com\nFinal-Recipient: rfc822; a@example.com\n",
    "Original-Recipient: rfc822;x@example.com\nOriginal-Recipient: rfc822;y@example.com\n",
    "Final-Recipient: rfc822; a@b.c\n" "Diagnostic-Code: smtp; 550 5.1.1 user unknown\n",
    "Final-Recipient: rfc822; a@b.c\n" "Diagnostic-Code: \x0b SMTP \t; 550   5.1.1\tno\n",
    "Final-Recipient: rfc822; a@b.c\n" "Diagnostic-Code: \x0c;   \n",
    "Final-Recipient: rfc822; a@b.c\n" "Diagnostic-Code: X-Unix;\n",
    "Final-Recipient: rfc822; a@b.c\n" "Diagnostic-Code: \x0bSMTP\t\x0c; 550 x\n",
    "Final-Recipient: rfc822; a@b.c\n" "Diagnostic-Code:\x0c\x0bX-Unix\x0b;\n",
    "Final-Recipient: rfc822; a@b.c\n" "Diagnostic-Code: \x0b;\x0b\n",
    "Final-Recipient: rfc822; a@b.c\n" "Action: a\n",
    "Final-Recipient: a@b.c\nAction: abcdefghijklm\n",
    "Final-Recipient: a@b.c\nAction: abcdefghijklmn\n",
    "Final-Recipient: a@b.c\nAction: abcdefghijklmno\n",
    "Final-Recipient: a@b.c\nAction: abcdefghijklmnop\n",
    "Final-Recipient: a@b.c\nAction: abcdefghijklmnopq\n",
    "Diagnostic-Code: smtp ; 550 a\n  b\n\tc   \nDiagnostic-Code: smtp; 551 again\n",
    "Reporting-MTA: dns; mx.example.com\nReceived-From-MTA: dns; in.example.org  \n",
    "Reporting-MTA: dns;mx.example.com\r\nArrival-Date: Fri, 27 Nov 2026 10:00:00 +0100\r\n",
    "Remote-MTA: dns; a\nLast-Attempt-Date: junk date\nWill-Retry-Until: Sat, 28 Nov 2026 10:00:00 -0500\n",
    "Disposition: manual-action/MDN-sent-manually; displayed\n",
    "Disposition:  a  b\n",
    "X-PowerMTA-BounceCategory: bad-mailbox\nFinal-Recipient: rfc822; a@b.c\n",
    "x-powermta-bouncecategory:  Quota-Issues \n",
    "Status: 4.4.7\nStatus: 5.0.0 (x)\n",
    "Last-Attempt-Date: x\nlast-attempt-date: Mon, 2 Mar 2026 10:15:07 +0100 (CET)\n",
    "Will-Retry-Until: \x80\xff\n",
    "Remote-MTA: dns; \xc3\xa9xample.com\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    assert_same (reports[i], strlen (reports[i]));
}

static const char *const names[] = {
  "Reporting-MTA", "Arrival-Date", "Received-From-MTA", "Disposition", "Final-Recipient",
  "X-Actual-Recipient", "Original-Recipient", "Action", "Status", "Diagnostic-Code",
  "Remote-MTA", "Last-Attempt-Date", "Will-Retry-Until", "X-PowerMTA-BounceCategory",
  "Reporting-MTAX", "Action-", "Statu", "X-Original-Recipient", "Received", "Subject",
};

static const char *const pieces[] = {
  "dns", "rfc822", "smtp", ";", "; ", " ", "  ", "\t", "\x0b", "\x0c", "@", "<", ">", "\"",
  "a", "example.com", "user@example.com", "<user@example.com>", "550", "5.1.1", "4.2.2",
  "failed", "Delayed", "(", ")", "bad-mailbox", "spam-related", "Mon, 2 Mar 2026 10:15:07 +0100",
  "Thu, 29 Apr 2009 23:34:45 GMT", "0123456789abcdef", "\xc3\xa9", "\x80",
};

/* @name with its letters' case changed at random, or one byte changed. */
static void
append_name (GString    *out,
             GRand      *rand,
             const char *name)
{
  gsize start = out->len;

  g_string_append (out, name);
  if (g_rand_int_range (rand, 0, 3) == 0)
    for (gsize i = start; i < out->len; i++)
      if (g_ascii_isalpha (out->str[i]) && g_rand_boolean (rand))
        out->str[i] ^= 0x20;
  if (g_rand_int_range (rand, 0, 10) == 0)
    out->str[start + g_rand_int_range (rand, 0, out->len - start)] = "!a@`-:x\x01"[g_rand_int_range (rand, 0, 8)];
}

static void
append_line_end (GString *out,
                 GRand   *rand)
{
  static const char *const ends[] = { "\n", "\n", "\n", "\r\n", "\r", "\n\n", "\n  ", "\n\t", "\n \n" };

  g_string_append (out, ends[g_rand_int_range (rand, 0, G_N_ELEMENTS (ends))]);
}

static void
test_dsn_equivalence_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3464);

  for (guint round = 0; round < 20000; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint fields = g_rand_int_range (rand, 1, 12);

      for (guint f = 0; f < fields; f++)
        {
          guint parts = g_rand_int_range (rand, 0, 7);

          append_name (text, rand, names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))]);
          g_string_append (text, g_rand_boolean (rand) ? ": " : ":");
          for (guint i = 0; i < parts; i++)
            g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
          append_line_end (text, rand);
        }
      /* sometimes no line end at the end, sometimes a short last value */
      if (g_rand_boolean (rand))
        g_string_truncate (text, text->len - g_rand_int_range (rand, 0, MIN (text->len, 4) + 1));
      assert_same (text->str, text->len);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

  g_test_add_func ("/core/dsn-equivalence/examples", test_dsn_equivalence_examples);
  g_test_add_func ("/core/dsn-equivalence/random", test_dsn_equivalence_random);

  return g_test_run ();
}
