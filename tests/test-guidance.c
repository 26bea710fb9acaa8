/* test-guidance.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every reason of the taxonomy and every kind of message has a complete
 * explanation, in every shipped language. Built three times: plain, with
 * BD_TEST_POLISH under LANGUAGE=pl and with BD_TEST_UKRAINIAN under
 * LANGUAGE=uk, where each text must be translated.
 */
#include "config.h"

#include <gmime/gmime.h>
#include <string.h>

#include "bd-classify.h"
#include "bd-decoder.h"
#include "bd-diagnosis.h"
#include "bd-diagnosis-private.h"
#include "bd-guidance-private.h"
#include "bd-report.h"
#include "bd-i18n.h"
#include "bd-test-util.h"

#define ADDRESS "jan.kowalski@example.pl"

#if defined (BD_TEST_POLISH) || defined (BD_TEST_UKRAINIAN)
# define BD_TEST_TRANSLATED
#endif

static const BdKind other_kinds[] = {
  BD_KIND_DELAYED, BD_KIND_DELIVERED, BD_KIND_VACATION, BD_KIND_FEEDBACK, BD_KIND_NOT_BOUNCE,
};

/* The English original of a text, to tell whether it was translated. */
static void
assert_translated (const char *shown,
                   const char *english)
{
#ifdef BD_TEST_TRANSLATED
  if (g_strcmp0 (shown, english) == 0)
    g_error ("not translated: “%s”", english);
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
#elif defined (BD_TEST_UKRAINIAN)
  if (!is_ukrainian (guidance->what_happened) || !has_cyrillic_words (guidance->headline))
    g_error ("not Ukrainian: “%s” / “%s”", guidance->headline, guidance->what_happened);
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
#elif defined (BD_TEST_UKRAINIAN)
  g_assert_cmpstr (bd_whose_move_get_label (BD_WHOSE_MOVE_RECIPIENT), ==, "Одержувач");
  g_assert_cmpstr (unknown->headline, ==, "Адреси " ADDRESS " не існує");
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
  g_assert_nonnull (strstr (three_summary, "jeszcze 2 adresy"));
  g_assert_cmpstr (none_summary, ==, "To nie jest wiadomość zwrotna");
#elif defined (BD_TEST_UKRAINIAN)
  g_assert_nonnull (strstr (three_summary, "у\302\240звіті є ще 2 адреси"));   /* U+00A0: po-nbsp.py */
  g_assert_cmpstr (none_summary, ==, "Це не повернений лист");
#else
  g_assert_nonnull (strstr (three_summary, "2 more addresses"));
  g_assert_cmpstr (none_summary, ==, "This is not a returned email");
#endif
}

/* The headline alone (the JSON summary's) is the whole guidance's, and
 * its address is filled in as printf would, whatever the address holds. */
static void
assert_headline_alone (BdBounce *bounce)
{
  const BdRecipient *recipient = bounce->recipients->len > 0 ? g_ptr_array_index (bounce->recipients, 0) : NULL;
  g_autoptr(BdGuidance) guidance = bd_guidance_for_recipient (bounce, recipient);
  g_autofree char *headline = bd_guidance_headline (bounce, recipient);

  g_assert_cmpstr (headline, ==, guidance->headline);
}

static void
test_guidance_headline_alone (void)
{
  static const char * const addresses[] = { ADDRESS, "100%s@example.pl", "a%d%%@example.pl", "" };

  for (guint a = 0; a < G_N_ELEMENTS (addresses); a++)
    for (BdReason reason = 0; reason < BD_N_REASONS; reason++)
      {
        g_autoptr(BdBounce) bounce = make_bounce (BD_KIND_BOUNCE, "mx.example.com", addresses[a], "5.0.0", reason);
        const BdGuidanceText *text = bd_guidance_text_for_reason (reason);
        g_autofree char *headline = bd_guidance_headline (bounce, g_ptr_array_index (bounce->recipients, 0));
        g_autofree char *expected = NULL;

        if (strstr (text->headline, "%s") != NULL)
          expected = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, text->headline), addresses[a]);
        else
          expected = g_strdup (g_dgettext (GETTEXT_PACKAGE, text->headline));
        g_assert_cmpstr (headline, ==, expected);
        assert_headline_alone (bounce);
      }
  for (guint i = 0; i < G_N_ELEMENTS (other_kinds); i++)
    {
      g_autoptr(BdBounce) bounce = make_bounce (other_kinds[i], "mx.example.com", "100%s@example.pl", "4.0.0",
                                                BD_REASON_UNDEFINED);
      g_autoptr(BdBounce) no_recipient = bd_bounce_new ("x.eml", 0);

      assert_headline_alone (bounce);
      no_recipient->kind = other_kinds[i];
      assert_headline_alone (no_recipient);
    }
}

/* The headline's "%s" is told by its first '%' (every '%' of ours is that
 * one): the same answer as strstr () for every text. */
static void
test_guidance_names_address (void)
{
  const BdGuidanceText *texts[BD_N_REASONS + G_N_ELEMENTS (other_kinds) + 1];
  guint n = 0;

  for (BdReason reason = 0; reason < BD_N_REASONS; reason++)
    texts[n++] = bd_guidance_text_for_reason (reason);
  for (guint i = 0; i < G_N_ELEMENTS (other_kinds); i++)
    texts[n++] = bd_guidance_text_for_kind (other_kinds[i]);
  texts[n++] = bd_guidance_text_backscatter ();
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (bd_guidance_text_names_address (texts[i]), ==, strstr (texts[i]->headline, "%s") != NULL);
}

/* The "n more addresses" summary is filled by hand when its format's only
 * '%'s are "%1$s" and "%2$u": as printf fills it, for formats in either
 * order, repeated, the number missing, or with other conversions (printf
 * then). (No format misses its "%1$s": glibc aborts on such a gap.) */
static void
test_guidance_fill_more (void)
{
  static const char * const formats[] = {
    "%1$s; the report names %2$u more addresses", "%2$u more: %1$s", "%1$s %1$s %2$u", "%1$s%2$u%1$s",
    "no placeholders", "", "%1$s", "100%% %1$s %2$u", "%s and %u", "%1$s; %2$u%%", "x%1$sy%2$uz",
  };
  static const guint counts[] = { 0, 1, 9, 10, 99, 100, 4294967295u };
  g_autoptr(BdBounce) bounce = make_bounce (BD_KIND_BOUNCE, "mx.example.com", "100%s@example.pl", "5.1.1",
                                            BD_REASON_USERUNKNOWN);
  g_autofree char *headline = NULL;

  bd_bounce_add_recipient (bounce, "anna@example.com");
  headline = bd_guidance_headline (bounce, g_ptr_array_index (bounce->recipients, 0));
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
      {
        g_autoptr(GString) out = g_string_new ("before ");
        g_autofree char *expected = NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        expected = g_strdup_printf (formats[f], headline, counts[c]);
#pragma GCC diagnostic pop
        bd_diagnosis_fill_more (out, formats[f], bounce, counts[c]);
        g_assert_cmpstr (out->str + strlen ("before "), ==, expected);
        g_assert_cmpuint (strlen (out->str), ==, out->len);
      }
}

static void
test_guidance_provider_notes (void)
{
  /* the classifier decides Microsoft's 5.2.2 is the sender's quota
   * (test-classify); the note says what that means */
  g_autoptr(BdBounce) m365 = make_bounce (BD_KIND_BOUNCE, "AM0PR01MB1234.eurprd01.prod.exchangelabs.com",
                                          "anna@example.com", "5.2.2", BD_REASON_SPEEDING);
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
#ifndef BD_TEST_TRANSLATED
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

/* The registrable-part comparison as it was written first, with a lowered
 * copy split into labels: the in-place one must answer as it did. */
static char *
reference_organisation (const char *address_or_host)
{
  static const char * const second_level[] = {
    "com", "net", "org", "co", "edu", "gov", "ac", "biz", "info", "waw", "gda", "krakow", NULL
  };
  const char *at;
  g_autofree char *lower = NULL;
  g_auto(GStrv) labels = NULL;
  guint n;

  if (address_or_host == NULL || *address_or_host == '\0')
    return NULL;
  at = strrchr (address_or_host, '@');
  lower = g_ascii_strdown (at != NULL ? at + 1 : address_or_host, -1);
  g_strstrip (g_strdelimit (lower, "<>[]", ' '));
  while (*lower != '\0' && lower[strlen (lower) - 1] == '.')
    lower[strlen (lower) - 1] = '\0';
  labels = g_strsplit (lower, ".", -1);
  n = g_strv_length (labels);
  if (n <= 2)
    return g_steal_pointer (&lower);
  if (g_strv_contains (second_level, labels[n - 2]))
    return g_strjoin (".", labels[n - 3], labels[n - 2], labels[n - 1], NULL);
  return g_strjoin (".", labels[n - 2], labels[n - 1], NULL);
}

/* Without hints the tests run in another order (the signature first):
 * the same answer as the general path, which a mailbox of the sender's
 * own organisation leaves to the same tests, over random messages. */
static void
test_guidance_backscatter_orders (void)
{
  static const char *const hosts[] = {
    NULL, "", "83-12-34-56.dynamic.example.net", "smtp.home.pl", "mx.firma.pl", "1.2.3.4.pool.example.com",
    "mail.example.com", "dsl-1-2.example.org", "a1.b2.c3.d4.example.net",
  };
  static const char *const froms[] = { NULL, "biuro@firma.pl", "anna@example.com", "x@mail.example.org", "firma.pl" };
  static const char *const addresses[] = { "anna@example.com", "jan@firma.pl", "kto@example.org", NULL };
  static const char *const reporters[] = { NULL, "mx.example.com", "mx.firma.pl", "smtp.example.net", "" };
  static const char *const signers[] = { NULL, "firma.pl", "example.com" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  for (guint round = 0; round < 5000; round++)
    {
      const char *reporter = reporters[g_rand_int_range (rand, 0, G_N_ELEMENTS (reporters))];
      g_autoptr(BdBounce) bounce = make_bounce (g_rand_int_range (rand, 0, 4) == 0 ? BD_KIND_DELAYED : BD_KIND_BOUNCE,
                                                reporter, addresses[g_rand_int_range (rand, 0, G_N_ELEMENTS (addresses))],
                                                "5.1.1", BD_REASON_USERUNKNOWN);
      const char *from = froms[g_rand_int_range (rand, 0, G_N_ELEMENTS (froms))];
      const char *mailbox = from != NULL ? from : "kto@example.invalid";

      bounce->original->from = g_strdup (from);
      bounce->original->sender_host = g_strdup (hosts[g_rand_int_range (rand, 0, G_N_ELEMENTS (hosts))]);
      if (g_rand_boolean (rand))
        bounce->from = g_strdup ("MAILER-DAEMON@mx.example.com");
      for (guint n = g_rand_int_range (rand, 0, 3); n > 0; n--)
        {
          BdDkimRef *ref = g_new0 (BdDkimRef, 1);

          ref->domain = g_strdup (signers[g_rand_int_range (rand, 0, G_N_ELEMENTS (signers))]);
          g_ptr_array_add (bounce->original->dkim, ref);
        }
      g_assert_cmpint (bd_guidance_detect_backscatter (bounce, NULL, NULL), ==,
                       bd_guidance_detect_backscatter (bounce, mailbox, NULL));
    }
}

/* bd_guidance_looks_like_home_connection () as it was: a lowered copy
 * searched for each word, then its runs of digits counted. */
static gboolean
reference_home_connection (const char *host)
{
  static const char * const words[] = {
    "dynamic", "dyn.", "dyn-", "dhcp", "dsl", "pool", "cable", "ppp", "dialup",
    "broadband", "customer", "dialin", NULL
  };
  g_autofree char *lower = g_ascii_strdown (host, -1);
  guint digit_runs = 0;

  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;
  for (const char *p = lower; *p != '\0'; p++)
    if (g_ascii_isdigit (*p) && (p == lower || !g_ascii_isdigit (p[-1])))
      digit_runs++;
  return digit_runs >= 4;
}

/* The one-pass test against the old one: each word alone, in either case,
 * cut short and inside other text, and random names built of the words'
 * pieces, digits, dots and high bytes. */
static void
test_guidance_home_connection (void)
{
  static const char * const pieces[] = {
    "dynamic", "dyn.", "dyn-", "dhcp", "dsl", "pool", "cable", "ppp", "dialup", "broadband", "customer",
    "dialin", "DYN", "Dsl", "PoOl", "dyna", "dia", "cab", "cu", "br", "pp", "d", "p", "c", "b", ".", "-",
    "1", "22", "333", "example", "com", "pl", "co.jp", "\xc3\xa4", "\xff", "D", "P", "0x",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
    g_assert_cmpint (bd_guidance_looks_like_home_connection (pieces[i]), ==, reference_home_connection (pieces[i]));
  g_assert_false (bd_guidance_looks_like_home_connection (""));
  g_assert_true (bd_guidance_looks_like_home_connection ("1.2.3.4"));
  g_assert_true (bd_guidance_looks_like_home_connection ("host.DialIn.example"));
  g_assert_false (bd_guidance_looks_like_home_connection ("1.2.3.example"));
  for (guint round = 0; round < 100000; round++)
    {
      g_autoptr(GString) host = g_string_new (NULL);

      for (guint n = g_rand_int_range (rand, 0, 7); n > 0; n--)
        {
          const char *piece = pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];

          /* sometimes only the start of a piece: a word cut short */
          g_string_append_len (host, piece, g_rand_int_range (rand, 1, strlen (piece) + 1));
        }
      if (bd_guidance_looks_like_home_connection (host->str) != reference_home_connection (host->str))
        g_error ("“%s”: expected %d", host->str, reference_home_connection (host->str));
    }
}

static void
test_guidance_same_organisation (void)
{
  static const char * const names[] = {
    "firma.pl", "mail.firma.pl", "MX.Firma.PL", "jan@mail.firma.pl", "<mx.firma.pl>", "[mx.firma.pl]",
    " mx.firma.pl. ", "mx.firma.pl..", "mx.firma.pl. .", "firma.com.pl", "a.b.firma.com.pl", "com.pl",
    "x.COM.pl", "x.comm.pl", "x.co.pl", "x.c.pl", "x.krakow.pl", "x.krakowx.pl", "krakow.pl", "a..pl",
    "..pl", ".", "", "@", "jan@", "pl", "localhost", "a<b.firma.pl", "a>b.firma.pl", "a b.firma.pl",
    "x.y.firma.co.uk", "firma.co.uk", "\tmx.firma.pl\n", "[192.0.2.1]", "192.0.2.1", "198.51.100.1",
    "a@b@c.firma.pl", "ex\xc3\xa4mple.com.pl", "EX\xc3\xa4MPLE.com.pl", "info.info.info", NULL
  };

  for (guint i = 0; names[i] != NULL; i++)
    for (guint j = 0; names[j] != NULL; j++)
      {
        g_autofree char *org_i = reference_organisation (names[i]);
        g_autofree char *org_j = reference_organisation (names[j]);
        gboolean expected = org_i != NULL && org_j != NULL && g_str_equal (org_i, org_j);

        if (bd_guidance_same_organisation (names[i], names[j]) != expected)
          g_error ("“%s” and “%s”: expected %s", names[i], names[j], expected ? "the same" : "different");
      }
  g_assert_false (bd_guidance_same_organisation (NULL, "firma.pl"));
  g_assert_false (bd_guidance_same_organisation ("firma.pl", NULL));
  g_assert_true (bd_guidance_same_organisation ("mx.firma.com.pl", "jan@FIRMA.com.pl"));
  g_assert_false (bd_guidance_same_organisation ("mx.firma.com.pl", "mx.other.com.pl"));
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

/* The kind each Action names, as the four comparisons tell, which
 * bd_guidance_recipient_kind () skips by the first letter: every action
 * of RFC 3464 in any case, and words that share their first letters. */
static BdKind
old_recipient_kind (const char *action)
{
  if (g_ascii_strcasecmp (action, "delayed") == 0)
    return BD_KIND_DELAYED;
  if (g_ascii_strcasecmp (action, "delivered") == 0 || g_ascii_strcasecmp (action, "relayed") == 0
      || g_ascii_strcasecmp (action, "expanded") == 0)
    return BD_KIND_DELIVERED;
  return BD_KIND_BOUNCE;
}

static void
test_guidance_recipient_kind (void)
{
  static const char *const actions[] = {
    "failed", "delayed", "delivered", "relayed", "expanded", "FAILED", "Delayed", "DELIVERED", "Relayed",
    "eXpanded", "", "d", "r", "e", "D", "delay", "delayedx", "relay", "expand", "deleted", " delayed",
    "x-delayed", "\xc3\xa9", "Expanded", "REL", "e\xc3\xa9",
  };
  g_autoptr(BdBounce) bounce = make_bounce (BD_KIND_BOUNCE, "mx.example.com", ADDRESS, "5.1.1",
                                            BD_REASON_USERUNKNOWN);
  BdRecipient *r = g_ptr_array_index (bounce->recipients, 0);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_free (r->action);
      r->action = g_strdup (actions[i]);
      g_assert_cmpint (bd_guidance_recipient_kind (bounce, r), ==, old_recipient_kind (actions[i]));
    }
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
#elif defined (BD_TEST_UKRAINIAN)
  g_assert_cmpstr (feedback->headline, ==, "Одержувач позначив ваш лист як спам");
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

  bd_recipient_set_evidence (unclear_r, BD_EVIDENCE_UNRECOGNISED, NULL);
  bd_recipient_set_evidence (held_r, BD_EVIDENCE_PHRASE, "held for review");
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
  g_assert_cmpstr (unclear_r->evidence, ==, BD_CLASSIFY_UNRECOGNISED);
  why = bd_report_describe_evidence (unclear_r);
  g_assert_cmpstr (why, !=, BD_CLASSIFY_UNRECOGNISED);
}

/* Every kind of evidence keeps its recorded English form (the JSON's
 * `evidence`, byte for byte) and reads as a sentence in the test's
 * language that keeps the quoted item as written; ", temporary" adds to
 * the sentence of what precedes it. */
static const struct
{
  BdEvidenceKind kind;
  const char    *item;
  const char    *recorded;
  const char    *kept;       /* in the sentence, as written */
} evidence_forms[] = {
  { BD_EVIDENCE_STATUS, "5.1.1", "status 5.1.1", "5.1.1" },
  { BD_EVIDENCE_REPLY_CODE, "502", "reply code 502", "502" },
  { BD_EVIDENCE_PHRASE, "mailbox is full", "phrase “mailbox is full”", "mailbox is full" },
  { BD_EVIDENCE_PHRASE_AFTER_DATA, "user unknown", "phrase “user unknown” after the message was sent",
    "user unknown" },
  { BD_EVIDENCE_REPLY_TO_MAIL_FROM, "does not exist", "does not exist in reply to MAIL FROM", "does not exist" },
  { BD_EVIDENCE_PHRASE_TO_MAIL_FROM, "access denied", "phrase “access denied” in reply to MAIL FROM",
    "access denied" },
  { BD_EVIDENCE_DOMAIN_BEFORE_PHRASE, "does not exist", "a domain name before “does not exist”", "does not exist" },
  { BD_EVIDENCE_REFUSED_AT, "EHLO", "refused at EHLO", "EHLO" },
  { BD_EVIDENCE_ACTION, "delayed", "action delayed", "delayed" },
  { BD_EVIDENCE_DIAGNOSTIC_TYPE, "x-unix", "diagnostic type x-unix", "x-unix" },
  { BD_EVIDENCE_FEEDBACK_TYPE, "abuse", "feedback report (abuse)", "abuse" },
  { BD_EVIDENCE_DISPOSITION, "manual-action/MDN-sent-manually; displayed",
    "disposition manual-action/MDN-sent-manually; displayed", "displayed" },
  { BD_EVIDENCE_AUTO_REPLY, NULL, "auto-reply (RFC 3834)", NULL },
  { BD_EVIDENCE_COMPLAINT_SUBJECT, "Win a prize", "complaint (subject “Win a prize”)", "Win a prize" },
  { BD_EVIDENCE_PROVIDER_RULE, "Microsoft 365: 5.7.509 is a DMARC failure",
    "Microsoft 365: 5.7.509 is a DMARC failure", "5.7.509" },
  { BD_EVIDENCE_FRANCEPTT_CODE, "OFR006_102", "Orange/La Poste: code OFR006_102", "OFR006_102" },
  { BD_EVIDENCE_SPECTRUM_CODE, "1350", "Spectrum: code AUP#1350", "AUP#1350" },
  { BD_EVIDENCE_POWERMTA_CATEGORY, "bad-mailbox", "PowerMTA bounce category bad-mailbox", "bad-mailbox" },
  { BD_EVIDENCE_STATED_BY_FORMAT, "but sender was rejected", "but sender was rejected",
    "but sender was rejected" },
  { BD_EVIDENCE_GROUP_REFUSED, NULL, "Google Groups refused the post", "Google Groups" },
  { BD_EVIDENCE_AU_SPAM_FILTER, "X-SPASIGN: NG", "X-SPASIGN: NG", "X-SPASIGN: NG" },
  { BD_EVIDENCE_NOTIFICATION_TYPE, "Delivery", "notificationType Delivery", "Delivery" },
  { BD_EVIDENCE_PIPE_FAILED, NULL, "pipe to", "pipe to" },
  { BD_EVIDENCE_REFUSED_UNTIL_EXPIRED, NULL, "does not like recipient, then queue too long", NULL },
  { BD_EVIDENCE_UNRECOGNISED, NULL, BD_CLASSIFY_UNRECOGNISED, NULL },
};

static void
test_guidance_evidence_sentences (void)
{
  g_autoptr(BdRecipient) host = bd_recipient_new ();
  g_autoptr(BdRecipient) none = bd_recipient_new ();
  g_autofree char *base = NULL;
  g_autofree char *temporary = NULL;
  g_autofree char *recorded = NULL;
  gboolean covered[BD_N_EVIDENCE_KINDS] = { FALSE };

  for (guint i = 0; i < G_N_ELEMENTS (evidence_forms); i++)
    {
      g_autoptr(BdRecipient) r = bd_recipient_new ();
      g_autofree char *said = NULL;

      bd_recipient_set_evidence (r, evidence_forms[i].kind, evidence_forms[i].item);
      said = bd_report_describe_evidence (r);
      g_test_message ("%s -> %s", r->evidence, said);
      g_assert_cmpstr (r->evidence, ==, evidence_forms[i].recorded);
      g_assert_nonnull (said);
      /* a provider rule's recorded text is its English sentence */
      if (evidence_forms[i].kind != BD_EVIDENCE_PROVIDER_RULE)
        g_assert_cmpstr (said, !=, evidence_forms[i].recorded);
      if (evidence_forms[i].kept != NULL)
        g_assert_nonnull (strstr (said, evidence_forms[i].kept));
      if (evidence_forms[i].kind != BD_EVIDENCE_PROVIDER_RULE)
        g_assert_true (g_str_has_suffix (said, "."));
#ifdef BD_TEST_TRANSLATED
      if (has_english_words (said, evidence_forms[i].kept))
        g_error ("not translated into %s: “%s”", g_getenv ("LANGUAGE"), said);
#else
      g_assert_true (has_english_words (said, evidence_forms[i].kept));
#endif
      covered[evidence_forms[i].kind] = TRUE;
    }
  for (guint kind = BD_EVIDENCE_NONE + 1; kind < BD_N_EVIDENCE_KINDS; kind++)
    if (!covered[kind])
      g_error ("evidence kind %u has no case here", kind);

  bd_recipient_set_evidence (host, BD_EVIDENCE_PHRASE, "host not found");
  base = bd_report_describe_evidence (host);
  host->cause.temporary = TRUE;
  temporary = bd_report_describe_evidence (host);
  recorded = bd_evidence_to_string (&host->cause);
  g_assert_cmpstr (recorded, ==, "phrase “host not found”, temporary");
  g_assert_true (g_str_has_prefix (temporary, base));
  g_assert_cmpuint (strlen (temporary), >, strlen (base));
  g_assert_null (bd_report_describe_evidence (none));
  g_assert_null (none->evidence);
}

/* The headline, "Why this reason?" and the JSON's reason of one
 * recipient come from one decision: a Microsoft 365 sender's 5.2.2
 * "mailbox full" is its sending quota in all three. */
static void
test_guidance_quota_agrees (void)
{
  static const char text[] =
    "From: MAILER-DAEMON@AM0PR01MB1234.eurprd01.prod.outlook.com\n"
    "To: jan@outlook.com\nSubject: Undeliverable\nMIME-Version: 1.0\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n"
    "--b\nContent-Type: message/delivery-status\n\n"
    "Reporting-MTA: dns; AM0PR01MB1234.eurprd01.prod.outlook.com\n\n"
    "Final-Recipient: rfc822; anna@example.net\nAction: failed\nStatus: 5.2.2\n"
    "Remote-MTA: dns; AM0PR01MB1234.eurprd01.prod.outlook.com\n"
    "Diagnostic-Code: smtp; 554 5.2.2 mailbox full\n\n"
    "--b\nContent-Type: message/rfc822\n\nFrom: jan@outlook.com\nTo: anna@example.net\n"
    "Subject: hello\n\nhi\n--b--\n";
  g_autoptr(BdBounce) bounce = bd_decoder_decode_bytes (text, sizeof text - 1, "test.eml", 0);
  BdRecipient *r = g_ptr_array_index (bounce->recipients, 0);
  g_autoptr(BdGuidance) shown = bd_guidance_for_recipient (bounce, r);
  g_autoptr(BdGuidance) speeding = bd_guidance_for_reason (BD_KIND_BOUNCE, BD_REASON_SPEEDING, r->address);
  g_autofree char *why = bd_report_describe_evidence (r);
  g_autofree char *rule = g_strdup (g_dgettext (GETTEXT_PACKAGE,
                                                "Microsoft 365: 5.2.2 is the sender's submission quota"));

  g_assert_cmpint (r->reason, ==, BD_REASON_SPEEDING);
  g_assert_cmpstr (shown->headline, ==, speeding->headline);
  g_assert_cmpstr (bd_diagnosis_recipient_label (bounce, r), ==, bd_reason_get_label (BD_REASON_SPEEDING));
  g_assert_cmpstr (why, ==, rule);
#ifdef BD_TEST_POLISH
  assert_translated (why, "Microsoft 365: 5.2.2 is the sender's submission quota");
#endif
}

#ifdef BD_TEST_UKRAINIAN
/* The Plural-Forms of uk.po: 1, 21 and 101 take the first form, 2-4 and
 * 22-24 the second, 5-20, 11-14 and 0 the third. */
static void
test_guidance_ukrainian_plurals (void)
{
  static const struct { gulong n; const char *form; } cases[] = {
    { 1, "1 адреса" }, { 21, "21 адреса" }, { 101, "101 адреса" },
    { 2, "2 адреси" }, { 4, "4 адреси" }, { 22, "22 адреси" },
    { 0, "0 адрес" }, { 5, "5 адрес" }, { 11, "11 адрес" }, { 12, "12 адрес" },
    { 14, "14 адрес" }, { 111, "111 адрес" }, { 25, "25 адрес" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *format = g_dngettext (GETTEXT_PACKAGE, "%1$s; the report names %2$u more address",
                                        "%1$s; the report names %2$u more addresses", cases[i].n);
      g_autofree char *said = g_strdup_printf (format, "x", (guint) cases[i].n);
      g_autofree char *expected = g_strdup_printf ("x; у\302\240звіті є ще %s", cases[i].form);   /* U+00A0: po-nbsp.py */

      g_assert_cmpstr (said, ==, expected);
    }
}
#endif

int
main (int    argc,
      char **argv)
{
  bd_i18n_init ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_mime_init ();

  g_test_add_func ("/core/guidance/every-reason", test_guidance_every_reason);
  g_test_add_func ("/core/guidance/every-kind", test_guidance_every_kind);
  g_test_add_func ("/core/guidance/whose-move", test_guidance_whose_move);
  g_test_add_func ("/core/guidance/summary", test_guidance_summary);
  g_test_add_func ("/core/guidance/headline-alone", test_guidance_headline_alone);
  g_test_add_func ("/core/guidance/names-address", test_guidance_names_address);
  g_test_add_func ("/core/guidance/fill-more", test_guidance_fill_more);
  g_test_add_func ("/core/guidance/provider-notes", test_guidance_provider_notes);
  g_test_add_func ("/core/guidance/backscatter", test_guidance_backscatter);
  g_test_add_func ("/core/guidance/backscatter-orders", test_guidance_backscatter_orders);
  g_test_add_func ("/core/guidance/same-organisation", test_guidance_same_organisation);
  g_test_add_func ("/core/guidance/home-connection", test_guidance_home_connection);
  g_test_add_func ("/core/guidance/mixed-actions", test_guidance_mixed_actions);
  g_test_add_func ("/core/guidance/recipient-kind", test_guidance_recipient_kind);
  g_test_add_func ("/core/guidance/unknown-address", test_guidance_unknown_address);
  g_test_add_func ("/core/guidance/unrecognised", test_guidance_unrecognised);
  g_test_add_func ("/core/guidance/evidence-sentences", test_guidance_evidence_sentences);
#ifdef BD_TEST_UKRAINIAN
  g_test_add_func ("/core/guidance/ukrainian-plurals", test_guidance_ukrainian_plurals);
#endif
  g_test_add_func ("/core/guidance/quota-agrees", test_guidance_quota_agrees);

  return g_test_run ();
}
