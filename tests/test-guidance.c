/* test-guidance.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every reason of the taxonomy and every kind of message has a complete
 * explanation, in every shipped language. Built twice: plain, and with
 * BD_TEST_POLISH under LANGUAGE=pl, where each text must be translated.
 */
#include "config.h"

#include <string.h>

#include "bd-classify.h"
#include "bd-diagnosis.h"
#include "bd-guidance-private.h"
#include "bd-report.h"
#include "bd-i18n.h"

#define ADDRESS "jan.kowalski@example.pl"

static const BdKind other_kinds[] = {
  BD_KIND_DELAYED, BD_KIND_DELIVERED, BD_KIND_VACATION, BD_KIND_FEEDBACK, BD_KIND_NOT_BOUNCE,
};

#ifdef BD_TEST_POLISH
static gboolean
has_polish_letters (const char *text)
{
  static const char * const letters[] = { "ą", "ć", "ę", "ł", "ń", "ó", "ś", "ź", "ż", "Ł", "Ś", "Ż", NULL };

  for (guint i = 0; letters[i] != NULL; i++)
    if (strstr (text, letters[i]) != NULL)
      return TRUE;
  return FALSE;
}
#endif

/* The English original of a text, to tell whether it was translated. */
static void
assert_translated (const char *shown,
                   const char *english)
{
#ifdef BD_TEST_POLISH
  if (g_strcmp0 (shown, english) == 0)
    g_error ("not translated into Polish: “%s”", english);
#endif
}

static void
assert_complete (const BdGuidance     *guidance,
                 const BdGuidanceText *text,
                 gboolean              with_address)
{
  g_assert_nonnull (guidance);
  g_assert_cmpstr (guidance->headline, !=, "");
  g_assert_cmpstr (guidance->what_happened, !=, "");
  g_assert_nonnull (guidance->whose_move_label);
  g_assert_cmpstr (guidance->whose_move_label, !=, "");
  g_assert_cmpint (guidance->whose_move, <, BD_N_WHOSE_MOVES);
  g_assert_nonnull (guidance->steps);
  g_assert_cmpuint (g_strv_length (guidance->steps), >=, 1);
  g_assert_cmpuint (g_strv_length (guidance->steps), <=, BD_GUIDANCE_MAX_STEPS);
  for (guint i = 0; guidance->steps[i] != NULL; i++)
    {
      g_assert_cmpstr (guidance->steps[i], !=, "");
      assert_translated (guidance->steps[i], text->steps[i]);
    }
  if (with_address)
    g_assert_nonnull (strstr (guidance->headline, ADDRESS));
  g_assert_null (strstr (guidance->headline, "%"));
  assert_translated (guidance->what_happened, text->what);
#ifdef BD_TEST_POLISH
  g_assert_true (has_polish_letters (guidance->what_happened));
#endif
}

static void
test_guidance_every_reason (void)
{
  for (BdReason reason = 0; reason < BD_N_REASONS; reason++)
    {
      g_autoptr(BdGuidance) guidance = bd_guidance_for_reason (BD_KIND_BOUNCE, reason, ADDRESS);

      g_test_message ("reason %s: %s", bd_reason_to_string (reason), guidance->headline);
      assert_complete (guidance, bd_guidance_text_for_reason (reason), TRUE);
    }
}

static void
test_guidance_every_kind (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (other_kinds); i++)
    {
      g_autoptr(BdGuidance) guidance = bd_guidance_for_reason (other_kinds[i], BD_REASON_UNDEFINED, ADDRESS);

      g_test_message ("kind %s: %s", bd_kind_to_string (other_kinds[i]), guidance->headline);
      assert_complete (guidance, bd_guidance_text_for_kind (other_kinds[i]),
                       other_kinds[i] != BD_KIND_NOT_BOUNCE);
    }
}

static void
test_guidance_whose_move (void)
{
  g_autoptr(BdGuidance) unknown = bd_guidance_for_reason (BD_KIND_BOUNCE, BD_REASON_USERUNKNOWN, ADDRESS);
  g_autoptr(BdGuidance) full = bd_guidance_for_reason (BD_KIND_BOUNCE, BD_REASON_MAILBOXFULL, ADDRESS);
  g_autoptr(BdGuidance) blocked = bd_guidance_for_reason (BD_KIND_BOUNCE, BD_REASON_BLOCKED, ADDRESS);
  g_autoptr(BdGuidance) delayed = bd_guidance_for_reason (BD_KIND_DELAYED, BD_REASON_MAILBOXFULL, ADDRESS);
  g_autoptr(BdGuidance) vacation = bd_guidance_for_reason (BD_KIND_VACATION, BD_REASON_UNDEFINED, ADDRESS);

  g_assert_cmpint (unknown->whose_move, ==, BD_WHOSE_MOVE_YOU);
  g_assert_cmpint (full->whose_move, ==, BD_WHOSE_MOVE_RECIPIENT);
  g_assert_cmpint (blocked->whose_move, ==, BD_WHOSE_MOVE_PROVIDER);
  g_assert_cmpint (delayed->whose_move, ==, BD_WHOSE_MOVE_WAIT);
  g_assert_cmpint (vacation->whose_move, ==, BD_WHOSE_MOVE_NONE);

  for (BdWhoseMove move = 0; move < BD_N_WHOSE_MOVES; move++)
    {
      g_assert_cmpstr (bd_whose_move_to_string (move), !=, "");
      g_assert_cmpstr (bd_whose_move_get_label (move), !=, "");
    }
  g_assert_cmpstr (bd_whose_move_to_string (BD_WHOSE_MOVE_PROVIDER), ==, "provider");
#ifdef BD_TEST_POLISH
  g_assert_cmpstr (bd_whose_move_get_label (BD_WHOSE_MOVE_RECIPIENT), ==, "Adresat");
  g_assert_nonnull (strstr (unknown->headline, "nie istnieje"));
#else
  g_assert_cmpstr (bd_whose_move_get_label (BD_WHOSE_MOVE_RECIPIENT), ==, "The recipient");
  g_assert_cmpstr (unknown->headline, ==, "The address " ADDRESS " does not exist");
#endif
}

static BdBounce *
make_bounce (BdKind      kind,
             const char *reporting_mta,
             const char *address,
             const char *status,
             BdReason    reason)
{
  BdBounce *bounce = bd_bounce_new ("test.eml", 0);
  BdRecipient *recipient;

  bounce->kind = kind;
  bounce->reporting_mta = g_strdup (reporting_mta);
  recipient = bd_bounce_add_recipient (bounce, address);
  recipient->status = g_strdup (status);
  recipient->reason = reason;
  return bounce;
}

static void
test_guidance_summary (void)
{
  g_autoptr(BdBounce) one = make_bounce (BD_KIND_BOUNCE, "mx.example.com", ADDRESS, "5.1.1",
                                         BD_REASON_USERUNKNOWN);
  g_autoptr(BdBounce) three = make_bounce (BD_KIND_BOUNCE, "mx.example.com", ADDRESS, "5.1.1",
                                           BD_REASON_USERUNKNOWN);
  g_autoptr(BdBounce) none = bd_bounce_new ("x.eml", 0);
  g_autofree char *one_summary = NULL;
  g_autofree char *three_summary = NULL;
  g_autofree char *none_summary = NULL;

  bd_bounce_add_recipient (three, "anna@example.com")->reason = BD_REASON_MAILBOXFULL;
  bd_bounce_add_recipient (three, "piotr@example.com")->reason = BD_REASON_MAILBOXFULL;
  one_summary = bd_diagnosis_summary (one);
  three_summary = bd_diagnosis_summary (three);
  none_summary = bd_diagnosis_summary (none);

  g_assert_nonnull (strstr (one_summary, ADDRESS));
  g_assert_true (g_str_has_prefix (three_summary, one_summary));
  g_assert_nonnull (strstr (three_summary, "2"));
#ifdef BD_TEST_POLISH
  g_assert_nonnull (strstr (three_summary, "2 kolejne adresy"));
  g_assert_cmpstr (none_summary, ==, "To nie jest wiadomość zwrotna");
#else
  g_assert_nonnull (strstr (three_summary, "2 more addresses"));
  g_assert_cmpstr (none_summary, ==, "This is not a returned email");
#endif
}

static void
test_guidance_provider_notes (void)
{
  g_autoptr(BdBounce) m365 = make_bounce (BD_KIND_BOUNCE, "AM0PR01MB1234.eurprd01.prod.exchangelabs.com",
                                          "anna@example.com", "5.2.2", BD_REASON_MAILBOXFULL);
  g_autoptr(BdBounce) gmail = make_bounce (BD_KIND_BOUNCE, "mail.example.pl", "anna@gmail.com",
                                           "5.7.26", BD_REASON_AUTHFAILURE);
  g_autoptr(BdBounce) onet = make_bounce (BD_KIND_BOUNCE, "smtp.poczta.onet.pl", "anna@example.com",
                                          "5.7.1", BD_REASON_SPEEDING);
  g_autoptr(BdBounce) plain = make_bounce (BD_KIND_BOUNCE, "mx.example.com", ADDRESS, "5.1.1",
                                           BD_REASON_USERUNKNOWN);
  g_autoptr(BdGuidance) m365_guidance = NULL;
  g_autoptr(BdGuidance) gmail_guidance = NULL;
  g_autoptr(BdGuidance) onet_guidance = NULL;
  g_autoptr(BdGuidance) plain_guidance = NULL;

  m365_guidance = bd_guidance_for_recipient (m365, g_ptr_array_index (m365->recipients, 0));
  gmail_guidance = bd_guidance_for_recipient (gmail, g_ptr_array_index (gmail->recipients, 0));
  onet_guidance = bd_guidance_for_recipient (onet, g_ptr_array_index (onet->recipients, 0));
  plain_guidance = bd_guidance_for_recipient (plain, g_ptr_array_index (plain->recipients, 0));

  g_assert_nonnull (m365_guidance->provider_note);
  g_assert_nonnull (strstr (m365_guidance->provider_note, "Microsoft 365"));
  g_assert_nonnull (strstr (m365_guidance->provider_note, "5.2.2"));
  /* …and the headline says the same: the limit is the sender's. */
  g_assert_cmpint (m365_guidance->whose_move, ==, BD_WHOSE_MOVE_YOU);
#ifndef BD_TEST_POLISH
  g_assert_nonnull (strstr (m365_guidance->headline, "too many messages"));
#endif
  g_assert_nonnull (gmail_guidance->provider_note);
  g_assert_nonnull (strstr (gmail_guidance->provider_note, "5.7.26"));
  g_assert_nonnull (onet_guidance->provider_note);
  g_assert_nonnull (strstr (onet_guidance->provider_note, "Onet"));
  g_assert_null (plain_guidance->provider_note);
}

static void
test_guidance_backscatter (void)
{
  g_autoptr(BdBounce) forged = make_bounce (BD_KIND_BOUNCE, "mx.example.com", "anna@example.com", "5.1.1",
                                            BD_REASON_USERUNKNOWN);
  g_autoptr(BdBounce) relayed = make_bounce (BD_KIND_BOUNCE, "smtp.example.net", "anna@example.com", "5.1.1",
                                             BD_REASON_USERUNKNOWN);
  g_autoptr(BdBounce) genuine = make_bounce (BD_KIND_BOUNCE, "mx.example.com", ADDRESS, "5.1.1",
                                             BD_REASON_USERUNKNOWN);
  g_autoptr(BdBounce) signed_home = make_bounce (BD_KIND_BOUNCE, "mx.example.com", ADDRESS, "5.1.1",
                                                 BD_REASON_USERUNKNOWN);
  const char * const own_hosts[] = { "home.pl", NULL };
  BdDkimRef *ref = g_new0 (BdDkimRef, 1);
  g_autoptr(BdGuidance) guidance = NULL;

  /* A spam bot on a home line, sending as the user. */
  forged->original->from = g_strdup ("biuro@firma.pl");
  forged->original->sender_host = g_strdup ("83-12-34-56.dynamic.example.net");
  forged->original->sender_ip = g_strdup ("83.12.34.56");
  /* The user's own message through their provider. */
  genuine->original->from = g_strdup ("biuro@firma.pl");
  genuine->original->sender_host = g_strdup ("smtp.home.pl");
  /* Signed by the user's domain: it went through their server. */
  signed_home->original->from = g_strdup ("biuro@firma.pl");
  signed_home->original->sender_host = g_strdup ("83-12-34-56.dynamic.example.net");
  ref->domain = g_strdup ("firma.pl");
  g_ptr_array_add (signed_home->original->dkim, ref);

  g_assert_true (bd_guidance_detect_backscatter (forged, NULL, NULL));
  /* The user's own submission from home, bounced by their provider. */
  relayed->original->from = g_strdup ("biuro@firma.pl");
  relayed->original->sender_host = g_strdup ("83-12-34-56.dynamic.example.net");
  g_assert_false (bd_guidance_detect_backscatter (relayed, NULL, NULL));
  g_assert_false (bd_guidance_detect_backscatter (genuine, NULL, NULL));
  g_assert_false (bd_guidance_detect_backscatter (genuine, NULL, own_hosts));
  g_assert_false (bd_guidance_detect_backscatter (signed_home, NULL, NULL));
  g_assert_true (bd_guidance_detect_backscatter (genuine, "jan@example.org", NULL));
  g_assert_false (bd_guidance_detect_backscatter (genuine, "ksiegowosc@firma.pl", NULL));

  forged->kind = BD_KIND_VACATION;
  g_assert_false (bd_guidance_detect_backscatter (forged, NULL, NULL));
  forged->kind = BD_KIND_BOUNCE;

  guidance = bd_guidance_for_recipient (forged, g_ptr_array_index (forged->recipients, 0));
  g_assert_true (guidance->backscatter);
  g_assert_cmpint (guidance->whose_move, ==, BD_WHOSE_MOVE_NONE);
  g_assert_nonnull (strstr (guidance->headline, "anna@example.com"));
  assert_complete (guidance, bd_guidance_text_backscatter (), FALSE);
}

/* A report that mixes a failure and a delay explains each as it is. */
static void
test_guidance_mixed_actions (void)
{
  g_autoptr(BdBounce) bounce = make_bounce (BD_KIND_BOUNCE, "mx.example.com", ADDRESS, "5.1.1",
                                            BD_REASON_USERUNKNOWN);
  BdRecipient *delayed = bd_bounce_add_recipient (bounce, "anna@example.com");
  BdRecipient *delivered = bd_bounce_add_recipient (bounce, "piotr@example.com");
  g_autoptr(BdGuidance) failed_guidance = NULL;
  g_autoptr(BdGuidance) delayed_guidance = NULL;
  g_autoptr(BdGuidance) delivered_guidance = NULL;

  ((BdRecipient *)g_ptr_array_index (bounce->recipients, 0))->action = g_strdup ("failed");
  delayed->action = g_strdup ("delayed");
  delayed->reason = BD_REASON_EXPIRED;
  delivered->action = g_strdup ("relayed");
  failed_guidance = bd_guidance_for_recipient (bounce, g_ptr_array_index (bounce->recipients, 0));
  delayed_guidance = bd_guidance_for_recipient (bounce, delayed);
  delivered_guidance = bd_guidance_for_recipient (bounce, delivered);

  g_assert_cmpint (failed_guidance->whose_move, ==, BD_WHOSE_MOVE_YOU);
  g_assert_cmpint (delayed_guidance->whose_move, ==, BD_WHOSE_MOVE_WAIT);
  g_assert_cmpint (delivered_guidance->whose_move, ==, BD_WHOSE_MOVE_NONE);
}

/* Reports that name no address (ARF feedback often) still read well. */
static void
assert_unnamed (BdKind   kind,
                BdReason reason)
{
  g_autoptr(BdGuidance) guidance = bd_guidance_for_reason (kind, reason, NULL);
  const BdGuidanceText *text = bd_guidance_text_for_kind (kind);

  if (text == NULL)
    text = bd_guidance_text_for_reason (reason);
  g_assert_cmpstr (guidance->headline, !=, "");
  g_assert_null (strstr (guidance->headline, "%"));
  g_assert_null (strstr (guidance->headline, "(null)"));
  g_assert_null (strstr (guidance->headline, "()"));
  assert_translated (guidance->headline, text->headline_unnamed != NULL
                                         ? text->headline_unnamed
                                         : "Your message did not reach one of its recipients");
}

static void
test_guidance_unknown_address (void)
{
  g_autoptr(BdGuidance) feedback = bd_guidance_for_reason (BD_KIND_FEEDBACK, BD_REASON_FEEDBACK, NULL);

  for (BdReason reason = 0; reason < BD_N_REASONS; reason++)
    assert_unnamed (BD_KIND_BOUNCE, reason);
  for (guint i = 0; i < G_N_ELEMENTS (other_kinds); i++)
    assert_unnamed (other_kinds[i], BD_REASON_UNDEFINED);
#ifdef BD_TEST_POLISH
  g_assert_cmpstr (feedback->headline, ==, "Adresat zgłosił Twoją wiadomość jako spam");
#else
  g_assert_cmpstr (feedback->headline, ==, "A recipient reported your message as spam");
#endif
}

/* "onhold" because the server's words named no reason is, for the user,
 * a failure whose reason is unclear; a message a server says it holds
 * ("held for review") is one to wait for. */
static void
test_guidance_unrecognised (void)
{
  g_autoptr(BdBounce) unclear = make_bounce (BD_KIND_BOUNCE, "mx.example.com", ADDRESS, "5.0.901",
                                             BD_REASON_ONHOLD);
  g_autoptr(BdBounce) held = make_bounce (BD_KIND_BOUNCE, "mx.example.com", ADDRESS, "5.0.901",
                                          BD_REASON_ONHOLD);
  BdRecipient *unclear_r = g_ptr_array_index (unclear->recipients, 0);
  BdRecipient *held_r = g_ptr_array_index (held->recipients, 0);
  g_autoptr(BdGuidance) unclear_g = NULL;
  g_autoptr(BdGuidance) held_g = NULL;
  g_autoptr(BdGuidance) undefined_g = bd_guidance_for_reason (BD_KIND_BOUNCE, BD_REASON_UNDEFINED, ADDRESS);
  g_autofree char *why = NULL;

  unclear_r->evidence = g_strdup (BD_CLASSIFY_UNRECOGNISED);
  held_r->evidence = g_strdup ("phrase “held for review”");
  g_assert_true (bd_classify_is_unrecognised (unclear_r));
  g_assert_false (bd_classify_is_unrecognised (held_r));
  g_assert_cmpint (bd_classify_shown_reason (unclear_r), ==, BD_REASON_UNDEFINED);
  g_assert_cmpint (bd_classify_shown_reason (held_r), ==, BD_REASON_ONHOLD);

  unclear_g = bd_guidance_for_recipient (unclear, unclear_r);
  held_g = bd_guidance_for_recipient (held, held_r);
  g_assert_cmpstr (unclear_g->headline, ==, undefined_g->headline);
  g_assert_cmpint (unclear_g->whose_move, !=, BD_WHOSE_MOVE_WAIT);
  g_assert_cmpint (held_g->whose_move, ==, BD_WHOSE_MOVE_WAIT);

  g_assert_cmpstr (bd_diagnosis_recipient_label (unclear, unclear_r), ==, bd_reason_get_label (BD_REASON_UNDEFINED));
  g_assert_cmpstr (bd_diagnosis_recipient_label (held, held_r), ==, bd_reason_get_label (BD_REASON_ONHOLD));
  why = bd_report_describe_evidence (unclear_r->evidence);
  g_assert_cmpstr (why, !=, BD_CLASSIFY_UNRECOGNISED);
}

/* Every recorded form of evidence reads as a sentence (in the test's
 * language) that keeps its quoted part; ", temporary" adds to the
 * sentence of what precedes it. */
static void
test_guidance_evidence_sentences (void)
{
  static const struct { const char *recorded; const char *kept; } forms[] = {
    { "phrase “user unknown” after the message was sent", "user unknown" },
    { "phrase “access denied” in reply to MAIL FROM", "access denied" },
    { "does not exist in reply to MAIL FROM", "does not exist" },
    { "a domain name before “does not exist”", "does not exist" },
    { "refused at EHLO", "EHLO" },
    { "feedback report (abuse)", "abuse" },
    { "auto-reply (RFC 3834)", NULL },
    { "status 5.1.1", "5.1.1" },
  };
  g_autofree char *base = bd_report_describe_evidence ("phrase “host not found”");
  g_autofree char *temporary = bd_report_describe_evidence ("phrase “host not found”, temporary");
  g_autofree char *empty = bd_report_describe_evidence ("");

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *said = bd_report_describe_evidence (forms[i].recorded);

      g_test_message ("%s -> %s", forms[i].recorded, said);
      g_assert_cmpstr (said, !=, forms[i].recorded);
      if (forms[i].kept != NULL)
        g_assert_nonnull (strstr (said, forms[i].kept));
      g_assert_true (g_str_has_suffix (said, "."));
    }
  g_assert_true (g_str_has_prefix (temporary, base));
  g_assert_cmpuint (strlen (temporary), >, strlen (base));
  g_assert_cmpstr (empty, ==, "");
}

int
main (int    argc,
      char **argv)
{
  bd_i18n_init ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/guidance/every-reason", test_guidance_every_reason);
  g_test_add_func ("/core/guidance/every-kind", test_guidance_every_kind);
  g_test_add_func ("/core/guidance/whose-move", test_guidance_whose_move);
  g_test_add_func ("/core/guidance/summary", test_guidance_summary);
  g_test_add_func ("/core/guidance/provider-notes", test_guidance_provider_notes);
  g_test_add_func ("/core/guidance/backscatter", test_guidance_backscatter);
  g_test_add_func ("/core/guidance/mixed-actions", test_guidance_mixed_actions);
  g_test_add_func ("/core/guidance/unknown-address", test_guidance_unknown_address);
  g_test_add_func ("/core/guidance/unrecognised", test_guidance_unrecognised);
  g_test_add_func ("/core/guidance/evidence-sentences", test_guidance_evidence_sentences);

  return g_test_run ();
}
