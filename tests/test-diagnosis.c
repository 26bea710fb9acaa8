/* test-diagnosis.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The diagnosis model (bd-diagnosis.h) and the report laid out from it:
 * the verdict of every kind of message, steps for every reason of a
 * multi-recipient report (most urgent first), the one list of details and
 * the text/HTML report. Fixtures are decoded through the whole pipeline.
 * Built twice: plain, and with BD_TEST_POLISH under LANGUAGE=pl.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmime/gmime.h>
#include <string.h>

#include "bd-decoder.h"
#include "bd-diagnosis.h"
#include "bd-i18n.h"
#include "bd-report.h"

static BdBounce *
decode_fixture (const char *folder,
                const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", folder, file, NULL);
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return bd_decoder_decode_bytes (data, len, path, 0);
}

static BdDiagnosis *
diagnose (const char *folder,
          const char *file)
{
  g_autoptr(BdBounce) bounce = decode_fixture (folder, file);

  g_assert_nonnull (bounce);
  return bd_diagnosis_new (bounce);
}

/* In Polish every label must be translated. */
static void
assert_translated (const char *shown,
                   const char *english)
{
  g_assert_cmpstr (shown, !=, "");
#ifdef BD_TEST_POLISH
  if (g_strcmp0 (shown, english) == 0)
    g_error ("not translated into Polish: “%s”", english);
#else
  g_assert_cmpstr (shown, ==, english);
#endif
}

static void
assert_before (const char *text,
               const char *first,
               const char *second)
{
  const char *a = strstr (text, first);
  const char *b = strstr (text, second);

  if (a == NULL || b == NULL || a >= b)
    g_error ("“%s” should come before “%s” in:\n%s", first, second, text);
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (needle == NULL || strstr (text, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle ? needle : "(null)", text);
}

typedef struct
{
  const char *folder;
  const char *file;
  BdVerdict   verdict;
  const char *english;
} VerdictCase;

static const VerdictCase verdict_cases[] = {
  { "decoder", "multi-recipient.eml", BD_VERDICT_FAILED, "Failed for good" },
  { "i18n", "interia-pl-mailboxfull.eml", BD_VERDICT_NOT_DELIVERED, "Not delivered — resend once fixed" },
  { "decoder", "delayed.eml", BD_VERDICT_RETRYING, "Still being retried — don’t resend" },
  { "decoder", "feedback.eml", BD_VERDICT_COMPLAINT, "Complaint: someone marked your mail as spam" },
  { "i18n", "backscatter-pl.eml", BD_VERDICT_BACKSCATTER, "Not sent by you — nothing to do" },
  { "decoder", "delivered.eml", BD_VERDICT_NOT_FAILURE, "Not a failure" },
  { "decoder", "vacation.eml", BD_VERDICT_NOT_FAILURE, "Not a failure" },
  { "decoder", "not-bounce.eml", BD_VERDICT_NOT_FAILURE, "Not a failure" },
};

static void
test_diagnosis_verdicts (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (verdict_cases); i++)
    {
      const VerdictCase *c = &verdict_cases[i];
      g_autoptr(BdDiagnosis) d = diagnose (c->folder, c->file);

      g_test_message ("%s", c->file);
      g_assert_cmpint (d->verdict, ==, c->verdict);
      g_assert_cmpstr (d->verdict_label, ==, bd_verdict_get_label (c->verdict));
      assert_translated (d->verdict_label, c->english);
    }
}

/* A complaint is a warning of its own, backscatter nobody's failure: the
 * bounce list must not call either “Address does not exist”. */
static void
test_diagnosis_complaint_backscatter (void)
{
  g_autoptr(BdDiagnosis) complaint = diagnose ("decoder", "feedback.eml");
  g_autoptr(BdDiagnosis) forged = diagnose ("i18n", "backscatter-pl.eml");
  const BdDiagnosisRecipient *forged_r = g_ptr_array_index (forged->recipients, 0);

  g_assert_cmpstr (bd_verdict_to_string (complaint->verdict), ==, "complaint");
  g_assert_cmpstr (complaint->reason_label, ==, complaint->verdict_label);

  g_assert_cmpstr (bd_verdict_to_string (forged->verdict), ==, "backscatter");
  g_assert_cmpint (forged->whose_move, ==, BD_WHOSE_MOVE_NONE);
  g_assert_cmpstr (forged->reason_label, ==, forged->verdict_label);
  /* The mailbox table's row says the same as the badge. */
  g_assert_cmpint (bd_verdict_for_recipient (forged->bounce, forged_r->recipient), ==, BD_VERDICT_BACKSCATTER);
  assert_translated (bd_verdict_get_short_label (BD_VERDICT_COMPLAINT), "Spam complaint");
}

static void
assert_same_guidance (const BdGuidance *shown,
                      const BdGuidance *asked)
{
  g_assert_true (shown != asked);
  g_assert_cmpstr (shown->headline, ==, asked->headline);
  g_assert_cmpstr (shown->what_happened, ==, asked->what_happened);
  g_assert_cmpint (shown->whose_move, ==, asked->whose_move);
  g_assert_cmpstr (shown->whose_move_label, ==, asked->whose_move_label);
  g_assert_true (g_strv_equal ((const char * const *)shown->steps, (const char * const *)asked->steps));
  g_assert_cmpstr (shown->provider_note, ==, asked->provider_note);
  g_assert_cmpint (shown->backscatter, ==, asked->backscatter);
}

/* The message's guidance is its first recipient's, copied from that
 * recipient's (the provider note is not asked for twice): it must be what
 * asking again gives, and stand on its own. */
static void
test_diagnosis_speaking_guidance (void)
{
  static const char * const folders[] = { "decoder", "i18n", "providers", "not-bounce" };
  guint notes = 0, without_recipients = 0;

  for (guint f = 0; f < G_N_ELEMENTS (folders); f++)
    {
      g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "fixtures", folders[f], NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autoptr(BdBounce) bounce = NULL;
          g_autoptr(BdDiagnosis) d = NULL;
          g_autoptr(BdGuidance) asked = NULL;

          if (!g_str_has_suffix (name, ".eml"))
            continue;
          bounce = decode_fixture (folders[f], name);
          d = bd_diagnosis_new (bounce);
          asked = bd_guidance_for_recipient (bounce, bounce->recipients->len > 0
                                                     ? g_ptr_array_index (bounce->recipients, 0) : NULL);
          assert_same_guidance (d->guidance, asked);
          if (bounce->recipients->len > 0)
            assert_same_guidance (d->guidance, ((BdDiagnosisRecipient *)g_ptr_array_index (d->recipients, 0))->guidance);
          else
            without_recipients++;
          notes += asked->provider_note != NULL;
        }
    }
  g_assert_cmpuint (notes, >, 0);
  g_assert_cmpuint (without_recipients, >, 0);
}

/* Per recipient, as RFC 3464's Action says; the message takes the most
 * serious one. */
static void
test_diagnosis_mixed_actions (void)
{
  g_autoptr(BdBounce) bounce = bd_bounce_new ("mixed.eml", 0);
  BdRecipient *delayed = bd_bounce_add_recipient (bounce, "anna@example.com");
  BdRecipient *failed = bd_bounce_add_recipient (bounce, "jan@example.com");
  BdRecipient *relayed = bd_bounce_add_recipient (bounce, "piotr@example.com");
  g_autoptr(BdDiagnosis) d = NULL;

  bounce->kind = BD_KIND_BOUNCE;
  delayed->action = g_strdup ("delayed");
  delayed->reason = BD_REASON_EXPIRED;
  failed->action = g_strdup ("failed");
  failed->reason = BD_REASON_MAILBOXFULL;
  relayed->action = g_strdup ("relayed");
  relayed->reason = BD_REASON_DELIVERED;
  d = bd_diagnosis_new (bounce);

  g_assert_cmpint (bd_verdict_for_recipient (bounce, delayed), ==, BD_VERDICT_RETRYING);
  g_assert_cmpint (bd_verdict_for_recipient (bounce, failed), ==, BD_VERDICT_NOT_DELIVERED);
  g_assert_cmpint (bd_verdict_for_recipient (bounce, relayed), ==, BD_VERDICT_NOT_FAILURE);
  g_assert_cmpint (d->verdict, ==, BD_VERDICT_NOT_DELIVERED);

  failed->hard = TRUE;
  g_clear_pointer (&d, bd_diagnosis_unref);
  d = bd_diagnosis_new (bounce);
  g_assert_cmpint (d->verdict, ==, BD_VERDICT_FAILED);
}

static const BdStepGroup *
group_at (const BdDiagnosis *d,
          guint              i)
{
  return g_ptr_array_index (d->step_groups, i);
}

static const BdDiagnosisRecipient *
recipient_at (const BdDiagnosis *d,
              guint              i)
{
  return g_ptr_array_index (d->recipients, i);
}

/* multi-recipient.eml lists jan (unknown), ewa (mailbox full) and info
 * (blocklisted): the blocklist stops all mail, so its steps come first. */
static void
test_diagnosis_steps_order (void)
{
  g_autoptr(BdDiagnosis) d = diagnose ("decoder", "multi-recipient.eml");

  g_assert_cmpuint (d->step_groups->len, ==, 3);
  g_assert_nonnull (strstr (group_at (d, 0)->title, "info@example.net"));
  g_assert_nonnull (strstr (group_at (d, 0)->title, recipient_at (d, 2)->label));
  g_assert_true (g_strv_equal ((const char * const *)group_at (d, 0)->steps,
                               (const char * const *)recipient_at (d, 2)->guidance->steps));
  g_assert_nonnull (strstr (group_at (d, 1)->title, "jan.nowak@example.com"));
  g_assert_nonnull (strstr (group_at (d, 2)->title, "ewa@example.org"));
  g_assert_cmpint (d->whose_move, ==, BD_WHOSE_MOVE_PROVIDER);
  g_assert_cmpstr (d->whose_move_label, ==, bd_whose_move_get_label (BD_WHOSE_MOVE_PROVIDER));
}

/* The headline stays the first recipient's: it is the JSON summary. */
static void
test_diagnosis_summary (void)
{
  g_autoptr(BdDiagnosis) d = diagnose ("decoder", "multi-recipient.eml");
  g_autofree char *summary = bd_diagnosis_summary (d->bounce);

  g_assert_cmpstr (d->summary, ==, summary);
  g_assert_nonnull (strstr (d->summary, "jan.nowak@example.com"));
#ifndef BD_TEST_POLISH
  g_assert_cmpstr (d->summary, ==, "The address jan.nowak@example.com does not exist; "
                                   "the report names 2 more addresses");
#endif
}

static BdBounce *
make_bounce (guint     n,
             BdReason *reasons)
{
  BdBounce *bounce = bd_bounce_new ("made.eml", 0);

  bounce->kind = BD_KIND_BOUNCE;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *address = g_strdup_printf ("user%u@example.com", i);
      BdRecipient *r = bd_bounce_add_recipient (bounce, address);

      r->reason = reasons[i];
      r->hard = reasons[i] == BD_REASON_USERUNKNOWN || reasons[i] == BD_REASON_HOSTUNKNOWN;
    }
  return bounce;
}

/* One reason: one group without a title. Equal urgency keeps the report's
 * order; more than three addresses are counted, not listed. */
static void
test_diagnosis_steps_groups (void)
{
  BdReason same[] = { BD_REASON_USERUNKNOWN, BD_REASON_USERUNKNOWN };
  BdReason many[] = { BD_REASON_HOSTUNKNOWN, BD_REASON_USERUNKNOWN, BD_REASON_USERUNKNOWN,
                      BD_REASON_USERUNKNOWN, BD_REASON_USERUNKNOWN, BD_REASON_NETWORKERROR,
                      BD_REASON_UNDEFINED, BD_REASON_MAILBOXFULL };
  g_autoptr(BdBounce) one_reason = make_bounce (G_N_ELEMENTS (same), same);
  g_autoptr(BdBounce) several = make_bounce (G_N_ELEMENTS (many), many);
  g_autoptr(BdDiagnosis) one = bd_diagnosis_new (one_reason);
  g_autoptr(BdDiagnosis) d = bd_diagnosis_new (several);
  g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more", 1), 1);

  g_assert_cmpuint (one->step_groups->len, ==, 1);
  g_assert_null (group_at (one, 0)->title);
  g_assert_true (g_strv_equal ((const char * const *)group_at (one, 0)->steps,
                               (const char * const *)one->guidance->steps));

  /* you (host unknown, then user unknown, in report order), the recipient,
   * an unrecognised reason, and waiting last */
  g_assert_cmpuint (d->step_groups->len, ==, 5);
  g_assert_nonnull (strstr (group_at (d, 0)->title, "user0@"));
  g_assert_nonnull (strstr (group_at (d, 1)->title, "user1@example.com, user2@example.com, user3@example.com"));
  g_assert_true (g_str_has_suffix (group_at (d, 1)->title, more));
  g_assert_null (strstr (group_at (d, 1)->title, "user4@"));
  g_assert_nonnull (strstr (group_at (d, 2)->title, "user7@"));
  g_assert_nonnull (strstr (group_at (d, 3)->title, "user6@"));
  g_assert_nonnull (strstr (group_at (d, 4)->title, "user5@"));
  g_assert_cmpint (group_at (d, 4)->whose_move, ==, BD_WHOSE_MOVE_WAIT);
}

typedef struct
{
  const char *english;
  const char *value;   /* NULL: not checked */
} Expected;

/* The one list of details: fixed order, empty fields left out. */
static void
test_diagnosis_details (void)
{
  g_autoptr(BdDiagnosis) d = diagnose ("decoder", "multi-recipient.eml");
  const BdDiagnosisRecipient *jan = recipient_at (d, 0);
  const BdDiagnosisRecipient *ewa = recipient_at (d, 1);
  g_autofree char *why = bd_report_describe_evidence (jan->recipient);
  g_autofree char *when = bd_diagnosis_format_date (jan->recipient->last_attempt);
  /* the server's own words, in the language's quotes */
  g_autofree char *said = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "“%s”"), jan->recipient->diagnostic);
  const Expected expected[] = {
    { "Why this reason?", why },
    { "Status code", "5.1.1" },
    { "Server reply code", "550" },
    { "What the server said", said },
    { "Receiving server", "mx.example.com" },
    { "Reported by", "mx1.firma.example" },
    { "Last attempt", when },
    { "Originally addressed to", "Jan.Nowak@example.com" },
  };

  g_assert_cmpuint (jan->details->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const BdDetail *detail = &g_array_index (jan->details, BdDetail, i);

      assert_translated (detail->label, expected[i].english);
      g_assert_cmpstr (detail->label, ==, g_dgettext (GETTEXT_PACKAGE, expected[i].english));
      g_assert_cmpstr (detail->value, ==, expected[i].value);
    }
#ifndef BD_TEST_POLISH
  g_assert_cmpstr (jan->label, ==, "Address does not exist");
#endif

  /* ewa's report has no date, and her address was not rewritten. */
  for (guint i = 0; i < ewa->details->len; i++)
    {
      const BdDetail *detail = &g_array_index (ewa->details, BdDetail, i);

      g_assert_cmpstr (detail->label, !=, g_dgettext (GETTEXT_PACKAGE, "Last attempt"));
      g_assert_cmpstr (detail->label, !=, g_dgettext (GETTEXT_PACKAGE, "Originally addressed to"));
      g_assert_cmpstr (detail->value, !=, "");
    }
}

/* Dates read as people write them; the original address only when the
 * server rewrote it. */
static void
test_diagnosis_details_edges (void)
{
  g_autoptr(BdBounce) bounce = bd_bounce_new ("same.eml", 0);
  BdRecipient *r = bd_bounce_add_recipient (bounce, "anna@example.com");
  g_autoptr(BdDiagnosis) d = NULL;
  g_autofree char *date = bd_diagnosis_format_date ("2026-12-02T08:05:00Z");
  g_autofree char *not_iso = bd_diagnosis_format_date ("yesterday");

  bounce->kind = BD_KIND_BOUNCE;
  r->original = g_strdup ("anna@example.com");
  r->status = g_strdup ("5.1.1");
  d = bd_diagnosis_new (bounce);
  for (guint i = 0; i < recipient_at (d, 0)->details->len; i++)
    g_assert_cmpstr (g_array_index (recipient_at (d, 0)->details, BdDetail, i).label, !=,
                     g_dgettext (GETTEXT_PACKAGE, "Originally addressed to"));

  g_assert_false (g_ascii_isspace (date[0]));
#ifndef BD_TEST_POLISH
  g_assert_cmpstr (date, ==, "2 Dec 2026, 08:05");
#endif
  g_assert_cmpstr (not_iso, ==, "yesterday");
  g_assert_null (bd_diagnosis_format_date (NULL));
}

/* To is joined for display without touching the decoded message. */
static void
test_diagnosis_original (void)
{
  g_autoptr(BdDiagnosis) d = diagnose ("decoder", "multi-recipient.eml");

  g_assert_cmpstr (d->original_to, ==, "jan.nowak@example.com, ewa@example.org, info@example.net");
  g_assert_cmpuint (d->bounce->original->to->len, ==, 3);
  g_assert_cmpstr (d->original_from, ==, "anna@firma.example");
  g_assert_nonnull (d->original_date);
  g_assert_nonnull (d->date);
}

/* The report shows the badge, the date, the sender and recipients, and the
 * steps of every reason in the model's order. */
static void
test_diagnosis_report (void)
{
  g_autoptr(BdDiagnosis) d = diagnose ("decoder", "multi-recipient.eml");
  g_autoptr(BdDiagnosis) complaint = diagnose ("decoder", "feedback.eml");
  g_autofree char *text = bd_report_to_text (d->bounce);
  g_autofree char *html = bd_report_to_html (d->bounce);
  g_autofree char *complaint_html = bd_report_to_html (complaint->bounce);
  g_autofree char *badge = g_markup_escape_text (d->verdict_label, -1);
  g_autofree char *why = g_strdup_printf ("%s:", g_dgettext (GETTEXT_PACKAGE, "Why this reason?"));
  g_autofree char *received = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "Received: %s"), d->date);

  for (guint i = 0; i < 2; i++)
    {
      const char *report = i == 0 ? text : html;

      assert_contains (report, i == 0 ? d->verdict_label : badge);
      assert_contains (report, received);
      assert_contains (report, "anna@firma.example");
      assert_contains (report, d->original_to);
      assert_contains (report, d->original_date);
      assert_before (report, "info@example.net", "ewa@example.org");
      assert_before (report, group_at (d, 1)->steps[0], group_at (d, 2)->steps[0]);
      assert_before (report, group_at (d, 0)->steps[0], group_at (d, 1)->steps[0]);
    }
  g_assert_null (strstr (text, why));
  assert_contains (html, "<span class=\"badge failed\">");
  assert_contains (complaint_html, "<span class=\"badge complaint\">");
}

int
main (int    argc,
      char **argv)
{
  /* Dates are shown in local time: make it the same on every machine. */
  g_setenv ("TZ", "UTC", TRUE);
  bd_i18n_init ();
  g_mime_init ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/diagnosis/verdicts", test_diagnosis_verdicts);
  g_test_add_func ("/core/diagnosis/complaint-backscatter", test_diagnosis_complaint_backscatter);
  g_test_add_func ("/core/diagnosis/mixed-actions", test_diagnosis_mixed_actions);
  g_test_add_func ("/core/diagnosis/steps-order", test_diagnosis_steps_order);
  g_test_add_func ("/core/diagnosis/steps-groups", test_diagnosis_steps_groups);
  g_test_add_func ("/core/diagnosis/summary", test_diagnosis_summary);
  g_test_add_func ("/core/diagnosis/speaking-guidance", test_diagnosis_speaking_guidance);
  g_test_add_func ("/core/diagnosis/details", test_diagnosis_details);
  g_test_add_func ("/core/diagnosis/details-edges", test_diagnosis_details_edges);
  g_test_add_func ("/core/diagnosis/original", test_diagnosis_original);
  g_test_add_func ("/core/diagnosis/report", test_diagnosis_report);

  return g_test_run ();
}
