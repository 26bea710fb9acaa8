/* test-status-table.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every enhanced status code that names a reason by itself, alone: a
 * recipient with that status and no words at all must get the reason
 * below. The table is the specification (RFC 3463 and the codes RFC 5248
 * registers, mapped to Sisimai's reasons as Sisimai::SMTP::Status does),
 * written here independently of bd-classify.c's status_rules: a row
 * changed or added there fails this test until it is changed here too.
 *
 * Two passes: the classifier over every code X.Y.Z (X 2, 4, 5; Y 0-7;
 * Z 0-29), so that a code outside the table does not quietly name a
 * reason either, and each row of the table as a minimal delivery report
 * through the whole decoder (test_decode_minimal_dsn, tests/bd-test-util.c).
 */
#include "config.h"

#include <gmime/gmime.h>

#include <string.h>

#include "bd-classify.h"
#include "bd-test-util.h"

typedef struct
{
  const char *status;
  BdReason    reason;
} Row;

static const Row rows[] = {
  { "2.1.5", BD_REASON_DELIVERED }, { "4.1.6", BD_REASON_HASMOVED },
  { "4.1.7", BD_REASON_REJECTED }, { "4.1.8", BD_REASON_REJECTED },
  { "4.1.9", BD_REASON_SYSTEMERROR }, { "4.2.1", BD_REASON_SUSPEND },
  { "4.2.2", BD_REASON_MAILBOXFULL }, { "4.2.3", BD_REASON_EXCEEDLIMIT },
  { "4.2.4", BD_REASON_FILTERED }, { "4.3.1", BD_REASON_SYSTEMFULL },
  { "4.3.2", BD_REASON_NOTACCEPT }, { "4.3.3", BD_REASON_SYSTEMERROR },
  { "4.3.5", BD_REASON_SYSTEMERROR }, { "4.4.1", BD_REASON_EXPIRED },
  { "4.4.2", BD_REASON_NETWORKERROR }, { "4.4.4", BD_REASON_NETWORKERROR },
  { "4.4.5", BD_REASON_SYSTEMFULL }, { "4.4.6", BD_REASON_NETWORKERROR },
  { "4.4.7", BD_REASON_EXPIRED }, { "4.5.3", BD_REASON_SYSTEMERROR },
  { "4.5.5", BD_REASON_SYSTEMERROR }, { "4.6.0", BD_REASON_CONTENTERROR },
  { "4.6.2", BD_REASON_CONTENTERROR }, { "4.6.5", BD_REASON_CONTENTERROR },
  { "4.7.1", BD_REASON_BLOCKED }, { "4.7.2", BD_REASON_BLOCKED },
  { "4.7.5", BD_REASON_SECURITYERROR }, { "4.7.6", BD_REASON_SECURITYERROR },
  { "4.7.7", BD_REASON_SECURITYERROR }, { "4.7.12", BD_REASON_SECURITYERROR },
  { "4.7.15", BD_REASON_SECURITYERROR }, { "4.7.16", BD_REASON_MESGTOOBIG },
  { "4.7.24", BD_REASON_AUTHFAILURE }, { "4.7.25", BD_REASON_REQUIREPTR },
  { "5.1.0", BD_REASON_USERUNKNOWN }, { "5.1.1", BD_REASON_USERUNKNOWN },
  { "5.1.2", BD_REASON_HOSTUNKNOWN }, { "5.1.3", BD_REASON_USERUNKNOWN },
  { "5.1.4", BD_REASON_FILTERED }, { "5.1.6", BD_REASON_HASMOVED },
  { "5.1.7", BD_REASON_REJECTED }, { "5.1.8", BD_REASON_REJECTED },
  { "5.1.9", BD_REASON_SYSTEMERROR }, { "5.1.10", BD_REASON_NOTACCEPT },
  { "5.2.0", BD_REASON_FILTERED }, { "5.2.1", BD_REASON_FILTERED },
  { "5.2.2", BD_REASON_MAILBOXFULL }, { "5.2.3", BD_REASON_EXCEEDLIMIT },
  { "5.2.4", BD_REASON_FILTERED }, { "5.3.0", BD_REASON_SYSTEMERROR },
  { "5.3.1", BD_REASON_SYSTEMFULL }, { "5.3.2", BD_REASON_NOTACCEPT },
  { "5.3.3", BD_REASON_SYSTEMERROR }, { "5.3.4", BD_REASON_MESGTOOBIG },
  { "5.3.5", BD_REASON_SYSTEMERROR }, { "5.4.0", BD_REASON_NETWORKERROR },
  { "5.4.3", BD_REASON_SYSTEMERROR }, { "5.4.4", BD_REASON_HOSTUNKNOWN },
  { "5.5.3", BD_REASON_TOOMANYCONN }, { "5.5.4", BD_REASON_SYSTEMERROR },
  { "5.5.5", BD_REASON_SYSTEMERROR }, { "5.5.6", BD_REASON_SECURITYERROR },
  { "5.6.0", BD_REASON_CONTENTERROR }, { "5.6.1", BD_REASON_CONTENTERROR },
  { "5.6.2", BD_REASON_CONTENTERROR }, { "5.6.3", BD_REASON_CONTENTERROR },
  { "5.6.5", BD_REASON_CONTENTERROR }, { "5.6.6", BD_REASON_CONTENTERROR },
  { "5.6.7", BD_REASON_CONTENTERROR }, { "5.6.8", BD_REASON_CONTENTERROR },
  { "5.6.9", BD_REASON_CONTENTERROR }, { "5.7.0", BD_REASON_SECURITYERROR },
  { "5.7.1", BD_REASON_SECURITYERROR }, { "5.7.2", BD_REASON_SECURITYERROR },
  { "5.7.3", BD_REASON_SECURITYERROR }, { "5.7.4", BD_REASON_SECURITYERROR },
  { "5.7.5", BD_REASON_SECURITYERROR }, { "5.7.6", BD_REASON_SECURITYERROR },
  { "5.7.7", BD_REASON_SECURITYERROR }, { "5.7.8", BD_REASON_SECURITYERROR },
  { "5.7.9", BD_REASON_SECURITYERROR }, { "5.7.10", BD_REASON_SECURITYERROR },
  { "5.7.11", BD_REASON_SECURITYERROR }, { "5.7.13", BD_REASON_SUSPEND },
  { "5.7.14", BD_REASON_SECURITYERROR }, { "5.7.15", BD_REASON_SECURITYERROR },
  { "5.7.16", BD_REASON_MESGTOOBIG }, { "5.7.17", BD_REASON_HASMOVED },
  { "5.7.18", BD_REASON_HASMOVED }, { "5.7.19", BD_REASON_SECURITYERROR },
  { "5.7.20", BD_REASON_AUTHFAILURE }, { "5.7.21", BD_REASON_AUTHFAILURE },
  { "5.7.22", BD_REASON_AUTHFAILURE }, { "5.7.23", BD_REASON_AUTHFAILURE },
  { "5.7.24", BD_REASON_AUTHFAILURE }, { "5.7.25", BD_REASON_REQUIREPTR },
  { "5.7.26", BD_REASON_AUTHFAILURE }, { "5.7.27", BD_REASON_NOTACCEPT },
};

/* What a code outside the table gives when nothing else is known: its
 * subject (X.6 content, X.7 security or policy) or nothing. */
static BdReason
expected_for (const char *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (strcmp (rows[i].status, status) == 0)
      return rows[i].reason;
  if (status[0] == '2')
    return BD_REASON_DELIVERED;
  if (status[2] == '6')
    return BD_REASON_CONTENTERROR;
  if (status[2] == '7')
    return BD_REASON_SECURITYERROR;
  return BD_REASON_UNDEFINED;
}

static BdReason
classify_status_only (const char *status)
{
  g_autoptr(BdBounce) bounce = bd_bounce_new ("status-only.eml", 0);
  BdRecipient *r = bd_bounce_add_recipient (bounce, "someone@example.com");

  bounce->kind = status[0] == '2' ? BD_KIND_DELIVERED : BD_KIND_BOUNCE;
  r->status = g_strdup (status);
  r->action = g_strdup (status[0] == '2' ? "delivered" : "failed");
  bd_classify_bounce (bounce);
  return r->reason;
}

/* Every difference is listed before the test fails, not just the first. */
static void
test_status_every_code (void)
{
  static const char classes[] = { '2', '4', '5' };
  g_autoptr(GString) wrong = g_string_new (NULL);
  guint n = 0;

  for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
    for (guint subject = 0; subject <= 7; subject++)
      for (guint detail = 0; detail <= 29; detail++)
        {
          g_autofree char *status = g_strdup_printf ("%c.%u.%u", classes[c], subject, detail);
          BdReason want = expected_for (status);
          BdReason got = classify_status_only (status);

          n++;
          if (got != want)
            g_string_append_printf (wrong, "  status %s alone: %s, expected %s\n", status,
                                    bd_reason_to_string (got), bd_reason_to_string (want));
        }
  if (wrong->len > 0)
    g_test_message ("wrong reasons:\n%s", wrong->str);
  g_assert_cmpstr (wrong->str, ==, "");
  g_assert_cmpuint (n, ==, 3 * 8 * 30);
}

/* Each row as a report with a Status: field and no Diagnostic-Code. */
static void
test_status_rows_decoded (void)
{
  g_autoptr(GString) wrong = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(BdBounce) bounce = test_decode_minimal_dsn (rows[i].status, NULL);
      const BdRecipient *r;

      g_assert_cmpuint (bounce->recipients->len, ==, 1);
      r = g_ptr_array_index (bounce->recipients, 0);
      g_assert_cmpstr (r->address, ==, "row@example.net");
      g_assert_cmpstr (r->status, ==, rows[i].status);
      if (r->reason != rows[i].reason)
        g_string_append_printf (wrong, "  report with status %s: %s, expected %s (%s)\n", rows[i].status,
                                bd_reason_to_string (r->reason), bd_reason_to_string (rows[i].reason),
                                r->evidence ? r->evidence : "no evidence");
      else
        {
          /* …and the status decided, not something else. */
          g_autofree char *evidence = g_strdup_printf ("status %s", rows[i].status);

          if (rows[i].status[0] != '2')
            g_assert_cmpstr (r->evidence, ==, evidence);
        }
    }
  if (wrong->len > 0)
    g_test_message ("wrong reasons:\n%s", wrong->str);
  g_assert_cmpstr (wrong->str, ==, "");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

  g_test_add_func ("/core/status-table/every-code", test_status_every_code);
  g_test_add_func ("/core/status-table/rows-decoded", test_status_rows_decoded);
  return g_test_run ();
}
