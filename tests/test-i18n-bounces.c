/* test-i18n-bounces.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bounces written in Polish, German and Czech (tests/fixtures/i18n/), most
 * without a machine-readable part: each is decoded through the whole
 * pipeline and must name the right recipient, reason, kind and family.
 */
#include "config.h"

#include <gmime/gmime.h>
#include <string.h>

#include "bd-decoder.h"
#include "bd-guidance.h"
#include "bd-phrases.h"

typedef struct
{
  const char *file;
  const char *mta;
  BdKind      kind;
  const char *address;
  BdReason    reason;
} Case;

static const Case cases[] = {
  { "qmail-pl-userunknown.eml", "qmail", BD_KIND_BOUNCE, "jan.kowalski@example.pl", BD_REASON_USERUNKNOWN },
  { "office365-pl-userunknown.eml", "office365", BD_KIND_BOUNCE, "jan.kowalski@example.com", BD_REASON_USERUNKNOWN },
  { "office365-de-mailboxfull.eml", "office365", BD_KIND_BOUNCE, "anna.schmidt@example.com", BD_REASON_MAILBOXFULL },
  { "exchange-de-userunknown.eml", "exchange2007", BD_KIND_BOUNCE, "peter.mueller@example.com", BD_REASON_USERUNKNOWN },
  { "office365-cs-mailboxfull.eml", "office365", BD_KIND_BOUNCE, "jana.novakova@example.com", BD_REASON_MAILBOXFULL },
  { "exchange-pl-delayed.eml", "exchange2007", BD_KIND_DELAYED, "barbara.kowalczyk@example.com", BD_REASON_EXPIRED },
  { "postfix-pl-userunknown.eml", "postfix", BD_KIND_BOUNCE, "tomasz.wisniewski@example.com", BD_REASON_USERUNKNOWN },
  { "onet-pl-speeding.eml", "onet", BD_KIND_BOUNCE, "katarzyna.zielinska@example.com", BD_REASON_SPEEDING },
  { "interia-pl-mailboxfull.eml", "interia", BD_KIND_BOUNCE, "ewa.wojcik@example.pl", BD_REASON_MAILBOXFULL },
  { "wp-pl-userunknown.eml", "wp", BD_KIND_BOUNCE, "michal.zajac@example.pl", BD_REASON_USERUNKNOWN },
  { "o2-pl-suspend.eml", "o2", BD_KIND_BOUNCE, "krzysztof.wozniak@example.pl", BD_REASON_SUSPEND },
  { "homepl-pl-spam.eml", "homepl", BD_KIND_BOUNCE, "joanna.krawczyk@example.com", BD_REASON_SPAMDETECTED },
  { "nazwapl-pl-mesgtoobig.eml", "nazwapl", BD_KIND_BOUNCE, "robert.mazur@example.com", BD_REASON_MESGTOOBIG },
  { "ovh-pl-blocked.eml", "ovh", BD_KIND_BOUNCE, "anna.pawlak@example.com", BD_REASON_BLOCKED },
  { "forpsi-cs-userunknown.eml", "forpsi", BD_KIND_BOUNCE, "jana.novakova@example.cz", BD_REASON_USERUNKNOWN },
  { "seznam-cs-mailboxfull.eml", "seznam", BD_KIND_BOUNCE, "martin.dvorak@example.cz", BD_REASON_MAILBOXFULL },
  { "tonline-de-blocked.eml", "tonline", BD_KIND_BOUNCE, "klaus.becker@example.de", BD_REASON_BLOCKED },
  { "gmx-de-userunknown.eml", "gmx", BD_KIND_BOUNCE, "juergen.hoffmann@example.de", BD_REASON_USERUNKNOWN },
  { "webde-de-delayed.eml", "webde", BD_KIND_DELAYED, "stefan.koch@example.de", BD_REASON_NETWORKERROR },
  { "localized-pl-expired.eml", "localized", BD_KIND_BOUNCE, "zofia.kaczmarek@example.com", BD_REASON_EXPIRED },
};

static BdBounce *
decode_fixture (const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "i18n", file, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return bd_decoder_decode_bytes (data, len, path, 0);
}

static void
test_i18n_fixture (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(BdBounce) bounce = decode_fixture (c->file);
  BdRecipient *recipient;

  g_assert_cmpstr (bd_kind_to_string (bounce->kind), ==, bd_kind_to_string (c->kind));
  g_assert_cmpstr (bounce->mta, ==, c->mta);
  g_assert_cmpuint (bounce->recipients->len, ==, 1);
  recipient = g_ptr_array_index (bounce->recipients, 0);
  g_assert_cmpstr (recipient->address, ==, c->address);
  g_test_message ("%s: %s (%s)", c->file, bd_reason_to_string (recipient->reason),
                  recipient->evidence != NULL ? recipient->evidence : "no evidence");
  g_assert_cmpstr (bd_reason_to_string (recipient->reason), ==, bd_reason_to_string (c->reason));
}

/* The provider's own meaning of the code reaches the explanation. */
static void
test_i18n_provider_notes (void)
{
  g_autoptr(BdBounce) onet = decode_fixture ("onet-pl-speeding.eml");
  g_autoptr(BdBounce) tonline = decode_fixture ("tonline-de-blocked.eml");
  g_autoptr(BdBounce) m365 = decode_fixture ("office365-de-mailboxfull.eml");
  g_autoptr(BdGuidance) onet_guidance = bd_guidance_for_recipient (onet, g_ptr_array_index (onet->recipients, 0));
  g_autoptr(BdGuidance) tonline_guidance = bd_guidance_for_recipient (tonline, g_ptr_array_index (tonline->recipients, 0));
  g_autoptr(BdGuidance) m365_guidance = bd_guidance_for_recipient (m365, g_ptr_array_index (m365->recipients, 0));

  g_assert_nonnull (onet_guidance->provider_note);
  g_assert_nonnull (strstr (onet_guidance->provider_note, "Onet"));
  g_assert_nonnull (tonline_guidance->provider_note);
  g_assert_nonnull (strstr (tonline_guidance->provider_note, "T-Online"));
  /* A full mailbox at Microsoft 365 is not the sender's quota. */
  g_assert_null (m365_guidance->provider_note);
  g_assert_cmpint (m365_guidance->whose_move, ==, BD_WHOSE_MOVE_RECIPIENT);
}

/* Spam sent "from" the user by a bot and refused by the recipient's own
 * server: the user never sent it. Their own returned mail is theirs. */
static void
test_i18n_backscatter (void)
{
  g_autoptr(BdBounce) forged = decode_fixture ("backscatter-pl.eml");
  g_autoptr(BdBounce) genuine = decode_fixture ("postfix-pl-userunknown.eml");
  g_autoptr(BdGuidance) forged_guidance = NULL;
  g_autoptr(BdGuidance) genuine_guidance = NULL;

  g_assert_cmpuint (forged->recipients->len, ==, 1);
  forged_guidance = bd_guidance_for_recipient (forged, g_ptr_array_index (forged->recipients, 0));
  genuine_guidance = bd_guidance_for_recipient (genuine, g_ptr_array_index (genuine->recipients, 0));

  g_assert_true (forged_guidance->backscatter);
  g_assert_nonnull (strstr (forged_guidance->headline, "anna.nowak@example.com"));
  g_assert_false (genuine_guidance->backscatter);
}

/* Every phrase is lower case, as the classifier expects, and names a
 * failure reason. */
static void
test_i18n_phrase_tables (void)
{
  const BdPhraseTable *tables[] = { &bd_phrases_pl, &bd_phrases_de, &bd_phrases_cs };

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_assert_cmpuint (tables[t]->n_phrases, >, 30);
      for (guint i = 0; i < tables[t]->n_phrases; i++)
        {
          const BdPhrase *phrase = &tables[t]->phrases[i];
          g_autofree char *lowered = g_utf8_strdown (phrase->phrase, -1);

          g_assert_true (g_utf8_validate (phrase->phrase, -1, NULL));
          g_assert_cmpstr (lowered, ==, phrase->phrase);
          g_assert_cmpint (phrase->reason, >, BD_REASON_UNDEFINED);
          g_assert_cmpint (phrase->reason, <, BD_REASON_DELIVERED);
        }
    }
}

/* A Polish letter that is not a bounce stays one. */
static void
test_i18n_not_a_bounce (void)
{
  static const char letter[] =
    "From: jan@example.pl\nTo: anna@example.pl\nSubject: Spotkanie\n"
    "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n"
    "Cześć Anna, spotkanie z ewa@example.com przenosimy na piątek.\n";
  g_autoptr(BdBounce) bounce = bd_decoder_decode_bytes (letter, strlen (letter), "letter.eml", 0);

  g_assert_cmpint (bounce->kind, ==, BD_KIND_NOT_BOUNCE);
}

/* Nor is a colleague's note that quotes the words of one. */
static void
test_i18n_person_quoting (void)
{
  static const char note[] =
    "From: Jan Nowak <jan@example.pl>\nTo: it@example.pl\nSubject: Problem z poczta\n"
    "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n"
    "Moja wiadomość do anna@example.com nie została dostarczona, co robić?\n";
  g_autoptr(BdBounce) bounce = bd_decoder_decode_bytes (note, strlen (note), "note.eml", 0);

  g_assert_cmpint (bounce->kind, ==, BD_KIND_NOT_BOUNCE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_mime_init ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/i18n-bounces/%s", cases[i].file);

      g_test_add_data_func (path, &cases[i], test_i18n_fixture);
    }
  g_test_add_func ("/core/i18n-bounces/provider-notes", test_i18n_provider_notes);
  g_test_add_func ("/core/i18n-bounces/backscatter", test_i18n_backscatter);
  g_test_add_func ("/core/i18n-bounces/phrase-tables", test_i18n_phrase_tables);
  g_test_add_func ("/core/i18n-bounces/not-a-bounce", test_i18n_not_a_bounce);
  g_test_add_func ("/core/i18n-bounces/person-quoting", test_i18n_person_quoting);

  return g_test_run ();
}
