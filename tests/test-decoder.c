/* test-decoder.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The decoding pipeline on our own fixtures (tests/fixtures/decoder/), on
 * their CRLF and CR copies, and on hostile input.
 */
#include "config.h"

#include <gmime/gmime.h>
#include <string.h>

#include "bd-decoder.h"
#include "bd-dsn.h"
#include "bd-test-util.h"

static char *
load (const char *name,
      gsize      *len)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "decoder", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, len, &error);
  g_assert_no_error (error);
  return data;
}

static BdBounce *
decode_fixture (const char *name)
{
  gsize len;
  g_autofree char *data = load (name, &len);

  return bd_decoder_decode_bytes (data, len, name, 0);
}

static BdRecipient *
recipient (BdBounce *bounce,
           guint     i)
{
  g_assert_cmpuint (i, <, bounce->recipients->len);
  return g_ptr_array_index (bounce->recipients, i);
}

static void
check_multi_recipient (BdBounce *bounce)
{
  BdOriginal *o = bounce->original;
  BdDkimRef *dkim;

  g_assert_cmpint (bounce->kind, ==, BD_KIND_BOUNCE);
  g_assert_cmpstr (bounce->mta, ==, "rfc3464");
  g_assert_cmpstr (bounce->reporting_mta, ==, "mx1.firma.example");
  g_assert_cmpstr (bounce->arrival_date, ==, "2026-11-27T08:59:58Z");
  g_assert_cmpuint (bounce->recipients->len, ==, 3);

  g_assert_cmpstr (recipient (bounce, 0)->address, ==, "jan.nowak@example.com");
  g_assert_cmpstr (recipient (bounce, 0)->original, ==, "Jan.Nowak@example.com");
  g_assert_cmpstr (recipient (bounce, 0)->status, ==, "5.1.1");
  g_assert_cmpuint (recipient (bounce, 0)->reply_code, ==, 550);
  g_assert_cmpstr (recipient (bounce, 0)->diagnostic, ==,
                   "550 5.1.1 <jan.nowak@example.com>: Recipient address rejected: User unknown in virtual mailbox table");
  g_assert_cmpstr (recipient (bounce, 0)->remote_mta, ==, "mx.example.com");
  g_assert_cmpint (recipient (bounce, 0)->reason, ==, BD_REASON_USERUNKNOWN);
  g_assert_true (recipient (bounce, 0)->hard);
  g_assert_cmpint (recipient (bounce, 1)->reason, ==, BD_REASON_MAILBOXFULL);
  g_assert_false (recipient (bounce, 1)->hard);
  g_assert_cmpint (recipient (bounce, 2)->reason, ==, BD_REASON_BLOCKED);

  g_assert_cmpstr (o->from, ==, "anna@firma.example");
  g_assert_cmpuint (o->to->len, ==, 3);
  g_assert_cmpstr (o->subject, ==, "Faktura 11/2026");
  g_assert_cmpstr (o->message_id, ==, "faktura-11-2026@firma.example");
  g_assert_cmpstr (o->date, ==, "2026-11-27T08:59:50Z");
  g_assert_cmpuint (o->dkim->len, ==, 1);
  dkim = g_ptr_array_index (o->dkim, 0);
  g_assert_cmpstr (dkim->domain, ==, "firma.example");
  g_assert_cmpstr (dkim->selector, ==, "s2026");
  /* Only a private hop: no external sender to name. */
  g_assert_null (o->sender_ip);
}

static void
test_decoder_multi_recipient (void)
{
  g_autoptr(BdBounce) bounce = decode_fixture ("multi-recipient.eml");

  check_multi_recipient (bounce);
}

static char *
with_line_ends (const char *data,
                const char *eol)
{
  g_auto(GStrv) lines = g_strsplit (data, "\n", -1);

  return g_strjoinv (eol, lines);
}

static void
test_decoder_line_ends (void)
{
  gsize len;
  g_autofree char *data = load ("multi-recipient.eml", &len);
  g_autofree char *crlf = with_line_ends (data, "\r\n");
  g_autofree char *cr = with_line_ends (data, "\r");
  g_autoptr(BdBounce) a = bd_decoder_decode_bytes (crlf, strlen (crlf), "crlf.eml", 0);
  g_autoptr(BdBounce) b = bd_decoder_decode_bytes (cr, strlen (cr), "cr.eml", 0);

  check_multi_recipient (a);
  check_multi_recipient (b);
}

static void
test_decoder_forwarded (void)
{
  g_autoptr(BdBounce) bounce = decode_fixture ("forwarded.eml");

  g_assert_cmpint (bounce->kind, ==, BD_KIND_BOUNCE);
  g_assert_cmpuint (bounce->recipients->len, ==, 1);
  g_assert_cmpstr (recipient (bounce, 0)->address, ==, "sales@example.com");
  g_assert_cmpint (recipient (bounce, 0)->reason, ==, BD_REASON_USERUNKNOWN);
  g_assert_cmpstr (bounce->original->subject, ==, "Oferta");
  g_assert_cmpstr (bounce->original->sender_ip, ==, "198.51.100.25");
  g_assert_cmpstr (bounce->original->sender_host, ==, "mail.firma.example");
}

/* Forwarded by a colleague with the bounce in the text: Gmail's English
 * header block, Outlook's Polish one with "[mailto:…]" (as plain text and
 * as HTML), and Thunderbird's quoted with "> " and tabs. The pasted
 * headers are the bounce's own. */
/* The forward headers of more mail programs, each from its published
 * form (sources in bd-decoder-pasted.c): Thunderbird in Polish and
 * Ukrainian (its own labels, the bounce's Date copied as it is), Gmail in
 * Ukrainian (only "Від:" translated), Apple Mail in Ukrainian quoted with
 * "> " ("Від кого:"), Czech Outlook with the text straight under the last
 * field (its indented first line is text, not a folded field), and Polish
 * Outlook after a gateway stripped the diacritics ("Wyslano:"). */
static void
test_decoder_pasted_clients (void)
{
  static const struct
  {
    const char *file;
    const char *mta;
    const char *address;
    BdReason    reason;
    const char *date;
    const char *subject;
  } cases[] = {
    { "pasted-thunderbird-pl.eml", "postfix", "zamowienia@hurtownia.example", BD_REASON_USERUNKNOWN,
      "2026-03-02T15:15:07Z", "Undelivered Mail Returned to Sender" },
    { "pasted-thunderbird-uk.eml", "exim", "faktury@kontrahent.example", BD_REASON_MAILBOXFULL,
      "2026-03-03T07:20:00Z", "Mail delivery failed: returning message to sender" },
    { "pasted-gmail-uk.eml", "postfix", "biuro@dostawca.example", BD_REASON_MAILBOXFULL,
      "2026-03-04T11:00:00Z", "Undelivered Mail Returned to Sender" },
    { "pasted-apple-uk.eml", "sendmail", "kadry@firma.example", BD_REASON_USERUNKNOWN,
      "2026-03-04T12:00:00Z", "Returned mail: see transcript for details" },
    { "pasted-outlook-cs.eml", "sendmail", "objednavky@dodavatel.example", BD_REASON_USERUNKNOWN,
      "2026-03-04T13:00:00Z", "Returned mail: see transcript for details" },
    { "pasted-outlook-pl-ascii.eml", "exim", "ksiegowosc@kontrahent.example", BD_REASON_USERUNKNOWN,
      "2026-03-03T08:00:00Z", "Mail delivery failed: returning message to sender" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BdBounce) bounce = decode_fixture (cases[i].file);

      g_test_message ("%s", cases[i].file);
      g_assert_cmpint (bounce->kind, ==, BD_KIND_BOUNCE);
      g_assert_cmpstr (bounce->mta, ==, cases[i].mta);
      g_assert_cmpstr (bounce->date, ==, cases[i].date);
      /* the pasted Subject: alone, not the text's indented first line */
      g_assert_cmpstr (bounce->subject, ==, cases[i].subject);
      g_assert_cmpuint (bounce->recipients->len, ==, 1);
      g_assert_cmpstr (recipient (bounce, 0)->address, ==, cases[i].address);
      g_assert_cmpint (recipient (bounce, 0)->reason, ==, cases[i].reason);
    }
}

/* A reply quoting a bounce's text under Thunderbird's Polish attribution
 * line: the quoted text is read, also when it quotes the returned copy's
 * headers, with the reply's subject without "Re:"; a reply quoting an ordinary
 * message stays not a bounce. */
static void
test_decoder_quoted_reply (void)
{
  g_autoptr(BdBounce) bounce = decode_fixture ("quoted-reply-pl.eml");
  g_autoptr(BdBounce) plain = decode_fixture ("quoted-reply-not-bounce.eml");

  g_assert_cmpint (bounce->kind, ==, BD_KIND_BOUNCE);
  g_assert_cmpstr (bounce->mta, ==, "exim");
  g_assert_cmpstr (bounce->subject, ==, "Mail delivery failed: returning message to sender");
  g_assert_cmpuint (bounce->recipients->len, ==, 1);
  g_assert_cmpstr (recipient (bounce, 0)->address, ==, "sekretariat@urzad.example");
  g_assert_cmpint (recipient (bounce, 0)->reason, ==, BD_REASON_USERUNKNOWN);
  g_assert_cmpstr (bounce->original->subject, ==, "Wniosek");
  g_assert_cmpint (plain->kind, ==, BD_KIND_NOT_BOUNCE);
  g_assert_cmpuint (plain->recipients->len, ==, 0);
}

static void
test_decoder_pasted (void)
{
  g_autoptr(BdBounce) gmail = decode_fixture ("pasted-gmail.eml");
  g_autoptr(BdBounce) outlook = decode_fixture ("pasted-outlook-pl.eml");
  g_autoptr(BdBounce) quoted = decode_fixture ("pasted-quoted.eml");
  g_autoptr(BdBounce) plain = decode_fixture ("pasted-not-bounce.eml");
  g_autoptr(BdBounce) html = decode_fixture ("pasted-outlook-html.eml");
  g_autoptr(BdBounce) french = decode_fixture ("pasted-outlook-fr.eml");
  g_autoptr(BdBounce) english = decode_fixture ("pasted-outlook-en.eml");
  g_autoptr(BdBounce) group = decode_fixture ("pasted-googlegroups.eml");

  g_assert_cmpint (gmail->kind, ==, BD_KIND_BOUNCE);
  g_assert_cmpstr (gmail->mta, ==, "postfix");
  g_assert_cmpstr (gmail->subject, ==, "Undelivered Mail Returned to Sender");
  /* the bounce's date, not the forward's */
  g_assert_cmpstr (gmail->date, ==, "2026-03-02T09:15:07Z");
  g_assert_null (gmail->original->from);
  g_assert_cmpuint (gmail->recipients->len, ==, 1);
  g_assert_cmpstr (recipient (gmail, 0)->address, ==, "biuro@klient.example");
  g_assert_cmpint (recipient (gmail, 0)->reason, ==, BD_REASON_USERUNKNOWN);

  /* Google Groups names the group only in X-Failed-Recipients, which a
   * forward drops: the quoted post's To: stands in */
  g_assert_cmpstr (group->mta, ==, "googlegroups");
  g_assert_cmpuint (group->recipients->len, ==, 1);
  g_assert_cmpstr (recipient (group, 0)->address, ==, "zarzad@googlegroups.com");
  g_assert_cmpint (recipient (group, 0)->reason, ==, BD_REASON_REJECTED);

  g_assert_cmpint (outlook->kind, ==, BD_KIND_BOUNCE);
  g_assert_cmpstr (outlook->mta, ==, "exim");
  g_assert_cmpstr (outlook->from, ==, "Mail Delivery System <Mailer-Daemon@mx.biuro.example.pl>");
  g_assert_cmpstr (outlook->subject, ==, "Mail delivery failed: returning message to sender");
  /* "Wysłano: poniedziałek, 2 marca 2026 16:40" is local time, no RFC 5322
   * date: the forward's own date stands in */
  g_assert_cmpstr (outlook->date, ==, "2026-03-03T08:00:00Z");
  g_assert_cmpuint (outlook->recipients->len, ==, 1);
  g_assert_cmpstr (recipient (outlook, 0)->address, ==, "ksiegowosc@kontrahent.example");
  g_assert_cmpint (recipient (outlook, 0)->reason, ==, BD_REASON_MAILBOXFULL);
  g_assert_cmpuint (recipient (outlook, 0)->reply_code, ==, 552);

  g_assert_cmpint (quoted->kind, ==, BD_KIND_BOUNCE);
  g_assert_cmpstr (quoted->mta, ==, "gmail");
  g_assert_cmpstr (quoted->date, ==, "2026-03-04T09:30:12Z");
  g_assert_cmpuint (quoted->recipients->len, ==, 1);
  g_assert_cmpstr (recipient (quoted, 0)->address, ==, "zamowienia@hurtownia.example");
  g_assert_cmpint (recipient (quoted, 0)->reason, ==, BD_REASON_USERUNKNOWN);

  /* Outlook forwarding as HTML: labels in <b>, one <p> per line */
  g_assert_cmpint (html->kind, ==, BD_KIND_BOUNCE);
  g_assert_cmpstr (html->mta, ==, "postfix");
  g_assert_cmpstr (html->from, ==, "Mail Delivery System <MAILER-DAEMON@poczta.biuro.example.pl>");
  g_assert_cmpuint (html->recipients->len, ==, 1);
  g_assert_cmpstr (recipient (html, 0)->address, ==, "faktury@kontrahent.example");
  g_assert_cmpint (recipient (html, 0)->reason, ==, BD_REASON_MAILBOXFULL);
  g_assert_cmpstr (recipient (html, 0)->diagnostic, ==,
                   "host mx.kontrahent.example[203.0.113.9] said: 552 5.2.2 <faktury@kontrahent.example>: "
                   "Mailbox full (in reply to RCPT TO command)");

  /* French Outlook ("À :", a capital outside ASCII) and English Outlook:
   * their "Envoyé :"/"Sent:" is local time without a zone, so the date is
   * the forward's */
  g_assert_cmpint (french->kind, ==, BD_KIND_BOUNCE);
  g_assert_cmpstr (french->from, ==, "Microsoft Outlook <postmaster@bureau.example.fr>");
  g_assert_cmpstr (french->date, ==, "2026-03-03T08:30:00Z");
  g_assert_cmpstr (recipient (french, 0)->address, ==, "commande@fournisseur.example");
  g_assert_cmpint (recipient (french, 0)->reason, ==, BD_REASON_USERUNKNOWN);
  g_assert_cmpint (english->kind, ==, BD_KIND_BOUNCE);
  g_assert_cmpstr (english->from, ==, "Mail Delivery System <MAILER-DAEMON@mail.office.example.com>");
  g_assert_cmpstr (english->date, ==, "2026-03-03T09:40:00Z");
  g_assert_cmpstr (recipient (english, 0)->address, ==, "sales@partner.example");

  /* an ordinary message forwarded the same way stays what it is */
  g_assert_cmpint (plain->kind, ==, BD_KIND_NOT_BOUNCE);
  g_assert_cmpuint (plain->recipients->len, ==, 0);
}

static void
test_decoder_kinds (void)
{
  g_autoptr(BdBounce) delayed = decode_fixture ("delayed.eml");
  g_autoptr(BdBounce) delivered = decode_fixture ("delivered.eml");
  g_autoptr(BdBounce) vacation = decode_fixture ("vacation.eml");
  g_autoptr(BdBounce) feedback = decode_fixture ("feedback.eml");
  g_autoptr(BdBounce) mdn = decode_fixture ("mdn.eml");
  g_autoptr(BdBounce) bare = decode_fixture ("bare-delivery-status.eml");
  g_autoptr(BdBounce) plain = decode_fixture ("not-bounce.eml");

  g_assert_cmpint (delayed->kind, ==, BD_KIND_DELAYED);
  g_assert_cmpstr (recipient (delayed, 0)->will_retry_until, ==, "2026-12-03T05:00:00Z");
  g_assert_cmpint (recipient (delayed, 0)->reason, ==, BD_REASON_EXPIRED);
  g_assert_false (recipient (delayed, 0)->hard);

  g_assert_cmpint (delivered->kind, ==, BD_KIND_DELIVERED);
  g_assert_cmpint (recipient (delivered, 0)->reason, ==, BD_REASON_DELIVERED);

  g_assert_cmpint (vacation->kind, ==, BD_KIND_VACATION);
  g_assert_cmpstr (recipient (vacation, 0)->address, ==, "jan.nowak@example.com");
  g_assert_cmpint (recipient (vacation, 0)->reason, ==, BD_REASON_VACATION);

  g_assert_cmpint (feedback->kind, ==, BD_KIND_FEEDBACK);
  g_assert_cmpstr (recipient (feedback, 0)->address, ==, "reader@example.net");
  g_assert_cmpint (recipient (feedback, 0)->reason, ==, BD_REASON_FEEDBACK);
  g_assert_cmpstr (feedback->original->message_id, ==, "nl-42@firma.example");

  g_assert_cmpint (mdn->kind, ==, BD_KIND_DELIVERED);
  g_assert_cmpstr (recipient (mdn, 0)->address, ==, "jan@example.com");

  g_assert_cmpint (bare->kind, ==, BD_KIND_BOUNCE);
  g_assert_cmpint (recipient (bare, 0)->reason, ==, BD_REASON_HOSTUNKNOWN);

  g_assert_cmpint (plain->kind, ==, BD_KIND_NOT_BOUNCE);
  g_assert_cmpuint (plain->recipients->len, ==, 0);
}

/* Ordinary mail carrying a header or a Message-ID that a mail system
 * stamps on everything it sends, or a line that looks like a report's:
 * not bounces (a false claim is worse than a miss). */
static void
test_decoder_not_bounce_families (void)
{
  const char *const names[] = { "not-bounce-ezweb.eml", "not-bounce-courier.eml", "not-bounce-amazonses.eml",
                                "not-bounce-verizon.eml" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(BdBounce) bounce = decode_fixture (names[i]);

      g_test_message ("%s", names[i]);
      g_assert_cmpint (bounce->kind, ==, BD_KIND_NOT_BOUNCE);
      g_assert_cmpuint (bounce->recipients->len, ==, 0);
    }
}

/* A recipient a report leaves unnamed is the returned message's To:;
 * without a copy of the message it stays unnamed, and the failure is
 * still shown. */
static void
test_decoder_recipient_addresses (void)
{
  /* Exim's bounce to a GMX user: X-GMX-Antispam is GMX's delivery stamp,
   * the report is Exim's, and the address in the copied text is not a
   * recipient */
  g_autoptr(BdBounce) gmx = decode_fixture ("exim-gmx-stamp.eml");
  /* Exim's "local scanning code" rejection with the message attached */
  g_autoptr(BdBounce) exim = decode_fixture ("exim-local-scan-attached.eml");
  g_autoptr(BdBounce) no_copy = decode_fixture ("exim-local-scan-no-copy.eml");
  /* Exim naming only a local part, the copy without To: but with the
   * Received: line's "for" */
  g_autoptr(BdBounce) local_part = decode_fixture ("exim-local-part.eml");
  /* IMail: a recipient without a reply of its own does not take the next
   * recipient's */
  g_autoptr(BdBounce) imail = decode_fixture ("imail-own-reply.eml");

  g_assert_cmpint (gmx->kind, ==, BD_KIND_BOUNCE);
  g_assert_cmpstr (gmx->mta, ==, "exim");
  g_assert_cmpuint (gmx->recipients->len, ==, 1);
  g_assert_cmpstr (recipient (gmx, 0)->address, ==, "kijitora@example.jp");
  g_assert_cmpint (recipient (gmx, 0)->reason, ==, BD_REASON_USERUNKNOWN);

  g_assert_cmpint (exim->kind, ==, BD_KIND_BOUNCE);
  g_assert_cmpuint (exim->recipients->len, ==, 1);
  g_assert_cmpstr (recipient (exim, 0)->address, ==, "adrian@odbiorca.example");
  g_assert_cmpint (recipient (exim, 0)->reason, ==, BD_REASON_VIRUSDETECTED);

  g_assert_cmpuint (local_part->recipients->len, ==, 1);
  g_assert_cmpstr (recipient (local_part, 0)->address, ==, "biuro@odbiorca.example");

  g_assert_cmpint (no_copy->kind, ==, BD_KIND_BOUNCE);
  g_assert_cmpuint (no_copy->recipients->len, ==, 1);
  g_assert_null (recipient (no_copy, 0)->address);
  g_assert_cmpint (recipient (no_copy, 0)->reason, ==, BD_REASON_VIRUSDETECTED);

  g_assert_cmpint (imail->kind, ==, BD_KIND_BOUNCE);
  g_assert_cmpuint (imail->recipients->len, ==, 2);
  g_assert_cmpstr (recipient (imail, 0)->address, ==, "alice@example.jp");
  g_assert_cmpuint (recipient (imail, 0)->reply_code, ==, 0);
  g_assert_cmpint (recipient (imail, 0)->reason, !=, BD_REASON_SPAMDETECTED);
  g_assert_cmpstr (recipient (imail, 1)->address, ==, "bob@example.net");
  g_assert_cmpuint (recipient (imail, 1)->reply_code, ==, 554);
  g_assert_cmpint (recipient (imail, 1)->reason, ==, BD_REASON_SPAMDETECTED);
}

static void
test_decoder_iso_8859_2 (void)
{
  g_autoptr(BdBounce) bounce = decode_fixture ("iso-8859-2.eml");

  g_assert_cmpstr (bounce->subject, ==, "Zwrot wiadomości: Łódź");
  g_assert_cmpstr (bounce->from, ==, "Administrator poczty <postmaster@poczta.example.pl>");
  g_assert_cmpstr (bounce->original->subject, ==, "Łódź - spotkanie");
  g_assert_cmpint (recipient (bounce, 0)->reason, ==, BD_REASON_MAILBOXFULL);
  /* The 8-bit report part says no charset: the message's own text does. */
  g_assert_cmpstr (recipient (bounce, 0)->diagnostic, ==, "552 5.2.2 Skrzynka odbiorcy jest pełna");
}

static void
assert_not_bounce (const char *data,
                   gsize       len)
{
  g_autoptr(BdBounce) bounce = bd_decoder_decode_bytes (data, len, "bad", 0);

  g_assert_nonnull (bounce);
  g_assert_cmpint (bounce->kind, ==, BD_KIND_NOT_BOUNCE);
}

static void
test_decoder_bad_input (void)
{
  g_autofree char *binary = g_malloc (65536);
  gsize len;
  g_autofree char *data = load ("multi-recipient.eml", &len);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  assert_not_bounce ("", 0);
  assert_not_bounce ("just some words, not an email at all", 36);
  for (guint i = 0; i < 65536; i++)
    binary[i] = (char)g_rand_int_range (rand, 0, 256);
  assert_not_bounce (binary, 65536);

  /* Truncated anywhere: never a crash, whatever is left. */
  for (gsize cut = 0; cut < len; cut += 97)
    {
      g_autoptr(BdBounce) bounce = bd_decoder_decode_bytes (data, cut, "cut", 0);
      g_assert_nonnull (bounce);
    }
}

static void
test_decoder_deep_nesting (void)
{
  GString *deep = g_string_new ("From: a@example.com\nSubject: deep\nMIME-Version: 1.0\n");
  g_autoptr(BdBounce) bounce = NULL;
  const guint depth = 5000;

  for (guint i = 0; i < depth; i++)
    g_string_append_printf (deep, "Content-Type: multipart/mixed; boundary=\"b%u\"\n\n--b%u\n", i, i);
  g_string_append (deep, "Content-Type: text/plain\n\nhello\n");
  for (guint i = depth; i-- > 0;)
    g_string_append_printf (deep, "--b%u--\n", i);

  bounce = bd_decoder_decode_bytes (deep->str, deep->len, "deep", 0);
  g_assert_cmpint (bounce->kind, ==, BD_KIND_NOT_BOUNCE);
  g_string_free (deep, TRUE);
}

static void
test_decoder_many_recipients (void)
{
  GString *big = g_string_new ("From: MAILER-DAEMON@example.com\nSubject: failure\nMIME-Version: 1.0\n"
                               "Content-Type: multipart/report; report-type=delivery-status; boundary=x\n\n"
                               "--x\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; example.com\n\n");
  g_autoptr(BdBounce) bounce = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (big, "Final-Recipient: rfc822; user%u@example.org\nAction: failed\nStatus: 5.1.1\n\n", i);
  g_string_append (big, "--x--\n");

  bounce = bd_decoder_decode_bytes (big->str, big->len, "many", 0);
  g_assert_cmpint (bounce->kind, ==, BD_KIND_BOUNCE);
  g_assert_cmpuint (bounce->recipients->len, ==, BD_DECODER_MAX_RECIPIENTS);
  g_assert_nonnull (bounce->note);
  g_string_free (big, TRUE);
}

static void
test_decoder_big_attachment (void)
{
  gsize len;
  g_autofree char *data = load ("multi-recipient.eml", &len);
  const char *end = strstr (data, "--B1.1764234005/mx1.firma.example--");
  GString *big = g_string_new_len (data, end - data);
  g_autoptr(BdBounce) bounce = NULL;
  const gsize size = 50 * 1024 * 1024;

  g_string_append (big, "--B1.1764234005/mx1.firma.example\nContent-Type: application/octet-stream\n"
                        "Content-Transfer-Encoding: base64\n\n");
  while (big->len < size)
    g_string_append (big, "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5\n");
  g_string_append (big, "\n--B1.1764234005/mx1.firma.example--\n");

  bounce = bd_decoder_decode_bytes (big->str, big->len, "big", 0);
  check_multi_recipient (bounce);
  g_string_free (big, TRUE);
}

/* An ARF report names each recipient of the complained-about message in
 * its own Original-Rcpt-To (RFC 5965 §3.2): one complaint each. */
static void
test_decoder_feedback_recipients (void)
{
  static const char arf[] =
    "From: abuse@isp.example\n"
    "To: postmaster@firma.example\n"
    "Subject: Abuse report\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/report; report-type=feedback-report; boundary=\"F\"\n"
    "\n"
    "--F\n"
    "Content-Type: text/plain\n"
    "\n"
    "A user marked your message as spam.\n"
    "--F\n"
    "Content-Type: message/feedback-report\n"
    "\n"
    "Feedback-Type: abuse\n"
    "User-Agent: ReportBot/1.0\n"
    "Version: 1\n"
    "Original-Rcpt-To: ola@isp.example\n"
    "Original-Rcpt-To: <jan@isp.example>\n"
    "Original-Rcpt-To: ola@isp.example\n"
    "--F\n"
    "Content-Type: message/rfc822\n"
    "\n"
    "From: newsletter@firma.example\n"
    "To: undisclosed-recipients:;\n"
    "Subject: Offer\n"
    "\n"
    "Buy now.\n"
    "--F--\n";
  g_autoptr(BdBounce) bounce = bd_decoder_decode_bytes (arf, strlen (arf), "arf", 0);

  g_assert_cmpint (bounce->kind, ==, BD_KIND_FEEDBACK);
  g_assert_cmpuint (bounce->recipients->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpint (((BdRecipient *)g_ptr_array_index (bounce->recipients, i))->reason, ==, BD_REASON_FEEDBACK);
  g_assert_cmpstr (((BdRecipient *)g_ptr_array_index (bounce->recipients, 0))->address, ==, "ola@isp.example");
  g_assert_cmpstr (((BdRecipient *)g_ptr_array_index (bounce->recipients, 1))->address, ==, "jan@isp.example");
}

/* A delivery report in front of @prose: a bounce, unless the prose is a
 * challenge-response service's. */
static BdBounce *
decode_report_with (const char *prose,
                    const char *action)
{
  g_autofree char *text = g_strdup_printf (
    "From: MAILER-DAEMON@mx.example.net\r\nTo: jan@example.org\r\nSubject: Re: hello\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
    "--b\r\nContent-Type: text/plain\r\n\r\n%s\r\n\r\n"
    "--b\r\nContent-Type: message/delivery-status\r\n\r\n"
    "Reporting-MTA: dns; mx.example.net\r\n\r\n"
    "Final-Recipient: rfc822; anna@example.net\r\nAction: %s\r\nStatus: %s\r\n\r\n"
    "--b--\r\n", prose, action, g_str_equal (action, "failed") ? "5.0.0" : "4.7.0");

  return bd_decoder_decode_bytes (text, strlen (text), "test.eml", 0);
}

/* Each service's sentence makes the report a held message, not a
 * bounce, whatever its case and line breaks; the service's name alone
 * does not. */
static void
test_decoder_challenges (void)
{
  static const char *const held[] = {
    "Hi, please add yourself to my Boxbe Guest List.",
    "This is a one-time automated message to confirm that you're listed on my BOXBE\r\nguest list.",
    "Your message was not delivered yet. This account is protected by Bluebottle.",
    "ChoiceMail is holding the message you sent because your email address is not on my list.",
    "The person you tried to send this email to is using SpamBLK Whitemail to prevent spam.",
  };
  static const char *const refused[] = {
    "Boxbe could not deliver this.", "Bluebottle and ChoiceMail refused it.", "SpamBLK says no.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (held); i++)
    {
      g_autoptr(BdBounce) bounce = decode_report_with (held[i], "delayed");

      g_assert_cmpint (bounce->kind, ==, BD_KIND_NOT_BOUNCE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(BdBounce) bounce = decode_report_with (refused[i], "delayed");

      g_assert_cmpint (bounce->kind, ==, BD_KIND_DELAYED);
    }
}

/* A report without the server's words takes the prose line that names
 * the recipient, whatever its case, and says more than the address. */
static void
test_decoder_words_from_prose (void)
{
  g_autoptr(BdBounce) named = decode_report_with ("Hello.\r\n<ANNA@Example.NET>\r\n"
                                                  "  Delivery to <Anna@EXAMPLE.net> failed: mailbox unavailable  \r\n"
                                                  "Bye.", "failed");
  g_autoptr(BdBounce) unnamed = decode_report_with ("Delivery to <anna@example.org> failed: mailbox unavailable",
                                                    "failed");

  g_assert_cmpstr (recipient (named, 0)->diagnostic, ==, "Delivery to <Anna@EXAMPLE.net> failed: mailbox unavailable");
  g_assert_null (recipient (unnamed, 0)->diagnostic);
}

/* Sets every field of @bounce, so that a bounce made from it again shows
 * anything it kept. */
static void
fill_bounce (BdBounce *bounce)
{
  BdOriginal *o = bounce->original;
  BdRecipient *r = bd_bounce_add_recipient (bounce, "jan@example.com");
  BdDkimRef *dkim = g_new0 (BdDkimRef, 1);

  bounce->kind = BD_KIND_DELAYED;
  bounce->mta = g_strdup ("postfix");
  bounce->reporting_mta = g_strdup ("mx.example.com");
  bounce->date = g_strdup ("2026-01-01T00:00:00Z");
  bounce->arrival_date = g_strdup ("2026-01-01T00:00:00Z");
  bounce->subject = g_strdup ("Undelivered");
  bounce->from = g_strdup ("MAILER-DAEMON");
  bounce->to = g_strdup ("me@example.com");
  bounce->kept_recipients = 1;
  bounce->skipped_recipients = 2;
  bd_bounce_add_limit (bounce, BD_DECODE_LIMIT_DEPTH);
  r->status = g_strdup ("5.1.1");
  r->diagnostic = g_strdup ("550 no such user");
  bd_recipient_set_evidence (r, BD_EVIDENCE_STATUS, "5.1.1");
  o->from = g_strdup ("me@example.com");
  g_ptr_array_add (o->to, g_strdup ("jan@example.com"));
  o->subject = g_strdup ("Hello");
  o->message_id = g_strdup ("<1@example.com>");
  o->date = g_strdup ("2026-01-01T00:00:00Z");
  dkim->domain = g_strdup ("example.com");
  dkim->selector = g_strdup ("s1");
  g_ptr_array_add (o->dkim, dkim);
  o->sender_ip = g_strdup ("192.0.2.1");
  o->sender_host = g_strdup ("client.example.com");
  o->excerpt = g_strdup ("Hi");
  o->bimi_selector = g_strdup ("b1");
}

/* A recipient with every field set, as a decoded one can be. */
static void
fill_recipient (BdRecipient *r)
{
  r->original = g_strdup ("rfc822;jan@example.com");
  r->action = g_strdup ("failed");
  r->status = g_strdup ("5.1.1");
  r->reply_code = 550;
  r->diagnostic = g_strdup ("550 5.1.1 no such user");
  r->remote_mta = g_strdup ("mx.example.com");
  r->last_attempt = g_strdup ("2026-01-01T00:00:00Z");
  r->will_retry_until = g_strdup ("2026-01-02T00:00:00Z");
  r->reason = BD_REASON_USERUNKNOWN;
  r->hard = TRUE;
  bd_recipient_set_evidence (r, BD_EVIDENCE_STATUS, "5.1.1");
  r->cause.temporary = TRUE;
  r->diagnostic_type = g_strdup ("smtp");
  r->command = g_strdup ("RCPT");
}

/* All zero, as g_new0 () made it. */
static void
assert_fresh_recipient (const BdRecipient *r)
{
  static const BdRecipient zero = { 0 };

  g_assert_true (memcmp (r, &zero, sizeof zero) == 0);
}

static void
assert_fresh_bounce (const BdBounce *bounce,
                     const char     *source,
                     goffset         offset)
{
  const BdOriginal *o = bounce->original;

  g_assert_cmpstr (bounce->source, ==, source);
  g_assert_cmpint (bounce->offset, ==, offset);
  g_assert_cmpint (bounce->kind, ==, BD_KIND_NOT_BOUNCE);
  g_assert_null (bounce->mta);
  g_assert_null (bounce->reporting_mta);
  g_assert_null (bounce->date);
  g_assert_null (bounce->arrival_date);
  g_assert_null (bounce->subject);
  g_assert_null (bounce->from);
  g_assert_null (bounce->to);
  g_assert_null (bounce->note);
  g_assert_cmpuint (bounce->limits, ==, 0);
  g_assert_cmpuint (bounce->kept_recipients, ==, 0);
  g_assert_cmpuint (bounce->skipped_recipients, ==, 0);
  g_assert_cmpuint (bounce->recipients->len, ==, 0);
  g_assert_cmpuint (o->to->len, ==, 0);
  g_assert_cmpuint (o->dkim->len, ==, 0);
  g_assert_null (o->from);
  g_assert_null (o->subject);
  g_assert_null (o->message_id);
  g_assert_null (o->date);
  g_assert_null (o->sender_ip);
  g_assert_null (o->sender_host);
  g_assert_null (o->excerpt);
  g_assert_null (o->bimi_selector);
}

/* Dropped recipients are kept emptied too: one made again must be all
 * zero, however many were dropped (more than are kept) and whether they
 * went with their bounce or alone. */
static void
test_decoder_recipient_reuse (void)
{
  for (guint round = 0; round < 4; round++)
    {
      BdBounce *bounce = bd_bounce_new ("m.eml", 0);
      g_autoptr(BdRecipient) alone = bd_recipient_new ();

      assert_fresh_recipient (alone);
      fill_recipient (alone);
      for (guint i = 0; i < 10 + round * 7; i++)
        {
          BdRecipient *r = bd_bounce_add_recipient (bounce, i % 2 == 0 ? NULL : "jan@example.com");

          if (i % 2 == 0)
            assert_fresh_recipient (r);
          else
            g_assert_cmpstr (r->address, ==, "jan@example.com");
          fill_recipient (r);
          g_assert_cmpstr (r->address, ==, i % 2 == 0 ? NULL : "jan@example.com");
        }
      bd_bounce_unref (bounce);
      bounce = bd_bounce_new_scratch (0);
      for (guint i = 0; i < 30; i++)
        assert_fresh_recipient (bd_bounce_add_recipient (bounce, NULL));
      bd_bounce_unref (bounce);
    }
}

/* Dropped bounces are kept emptied for the next ones a thread makes: a
 * bounce made again must be as new, however many were dropped, and the
 * arrays must still free what they hold (memcheck sees the rest). Every
 * third is a scratch (no source), so each kind reuses the other's. */
static void
test_decoder_bounce_reuse (void)
{
  for (guint round = 0; round < 3; round++)
    {
      BdBounce *bounces[7];

      for (guint i = 0; i < G_N_ELEMENTS (bounces); i++)
        {
          /* paths longer and shorter than the buffer a reused bounce
           * kept for its last one */
          g_autofree char *path = g_strnfill ((i * 97 + round * 61) % 400, 'a' + i);
          g_autofree char *source = (i + round) % 3 == 0 ? NULL : g_strdup_printf ("m%u-%u-%s.eml", round, i, path);

          bounces[i] = source != NULL ? bd_bounce_new (source, i) : bd_bounce_new_scratch (i);
          assert_fresh_bounce (bounces[i], source, i);
          fill_bounce (bounces[i]);
        }
      for (guint i = 0; i < G_N_ELEMENTS (bounces); i++)
        bd_bounce_unref (bounces[i]);
    }
}

/* The feedback report's fields as bd_decoder_read_feedback_report () read
 * them before (the oracle): the report split into lines, each name
 * compared by GLib. */
typedef struct
{
  char      *type;
  GPtrArray *rcpts;
  char      *reporting_mta;
  char      *arrival_date;
} OldFeedback;

static void
old_feedback_read (OldFeedback *old,
                   const char  *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  old->rcpts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];

      if (g_ascii_strncasecmp (line, "Feedback-Type:", 14) == 0 && old->type == NULL)
        old->type = g_strstrip (g_strdup (line + 14));
      else if (g_ascii_strncasecmp (line, "Original-Rcpt-To:", 17) == 0)
        {
          char *rcpt = bd_dsn_clean_address (line + 17);

          if (rcpt != NULL && !g_ptr_array_find_with_equal_func (old->rcpts, rcpt, (GEqualFunc)g_str_equal, NULL))
            g_ptr_array_add (old->rcpts, rcpt);
          else
            g_free (rcpt);
        }
      else if (g_ascii_strncasecmp (line, "Reporting-MTA:", 14) == 0 && old->reporting_mta == NULL)
        {
          const char *v = strchr (line + 14, ';');

          old->reporting_mta = g_strstrip (g_strdup (v ? v + 1 : line + 14));
        }
      else if (g_ascii_strncasecmp (line, "Arrival-Date:", 13) == 0 && old->arrival_date == NULL)
        old->arrival_date = bd_dsn_date_to_iso (g_strstrip (line + 13));
    }
}

/* Random feedback reports (names in any case, cut short or run on,
 * blanks around values, repeated fields): their recipients, type,
 * reporting host and arrival date as the old line split read them. */
static void
test_decoder_feedback_random (void)
{
  static const char *const names[] = {
    "Feedback-Type:", "feedback-TYPE:", "Feedback-Typ", "Original-Rcpt-To:", "ORIGINAL-rcpt-to:",
    "Original-Rcpt-T", "Reporting-MTA:", "reporting-mta:", "Arrival-Date:", "ARRIVAL-date:", "Arrival-Dat",
    "User-Agent:", "", " ",
  };
  static const char *const values[] = {
    "abuse", " fraud ", "\t", "", "dns; mx.isp.example", " mx2.isp.example ", "<ola@isp.example>",
    "jan@isp.example", "Mon, 2 Mar 2026 10:15:07 +0100", " yesterday ", ";", "x;y",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (5965);

  for (guint round = 0; round < BD_TEST_ROUNDS (400); round++)
    {
      g_autoptr(GString) report = g_string_new (NULL);
      g_autoptr(GString) text = NULL;
      g_autoptr(BdBounce) bounce = NULL;
      OldFeedback old = { NULL };
      guint n = g_rand_int_range (rand, 0, 10);

      for (guint i = 0; i < n; i++)
        g_string_append_printf (report, "%s%s\n", names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))],
                                values[g_rand_int_range (rand, 0, G_N_ELEMENTS (values))]);
      text = g_string_new ("From: abuse@isp.example\nTo: postmaster@firma.example\nSubject: Abuse report\n"
                           "MIME-Version: 1.0\n"
                           "Content-Type: multipart/report; report-type=feedback-report; boundary=\"F\"\n\n"
                           "--F\nContent-Type: text/plain\n\nA user marked your message as spam.\n"
                           "--F\nContent-Type: message/feedback-report\n\n");
      g_string_append (text, report->str);
      g_string_append (text, "--F--\n");
      old_feedback_read (&old, report->str);
      bounce = bd_decoder_decode_bytes (text->str, text->len, "arf", 0);

      g_assert_cmpint (bounce->kind, ==, BD_KIND_FEEDBACK);
      g_assert_cmpstr (bounce->reporting_mta, ==, old.reporting_mta);
      g_assert_cmpstr (bounce->arrival_date, ==, old.arrival_date);
      g_assert_cmpuint (bounce->recipients->len, ==, MAX (old.rcpts->len, 1));
      for (guint i = 0; i < old.rcpts->len; i++)
        g_assert_cmpstr (((BdRecipient *)g_ptr_array_index (bounce->recipients, i))->address, ==,
                         g_ptr_array_index (old.rcpts, i));
      if (bounce->recipients->len > 0)
        {
          g_autofree char *diagnostic = old.type ? g_strdup_printf ("Feedback-Type: %s", old.type) : NULL;

          g_assert_cmpstr (((BdRecipient *)g_ptr_array_index (bounce->recipients, 0))->diagnostic, ==, diagnostic);
        }
      g_free (old.type);
      g_free (old.reporting_mta);
      g_free (old.arrival_date);
      g_ptr_array_unref (old.rcpts);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_mime_init ();

  g_test_add_func ("/core/decoder/multi-recipient", test_decoder_multi_recipient);
  g_test_add_func ("/core/decoder/recipient-reuse", test_decoder_recipient_reuse);
  g_test_add_func ("/core/decoder/line-ends", test_decoder_line_ends);
  g_test_add_func ("/core/decoder/forwarded", test_decoder_forwarded);
  g_test_add_func ("/core/decoder/pasted", test_decoder_pasted);
  g_test_add_func ("/core/decoder/pasted-clients", test_decoder_pasted_clients);
  g_test_add_func ("/core/decoder/quoted-reply", test_decoder_quoted_reply);
  g_test_add_func ("/core/decoder/kinds", test_decoder_kinds);
  g_test_add_func ("/core/decoder/not-bounce-families", test_decoder_not_bounce_families);
  g_test_add_func ("/core/decoder/recipient-addresses", test_decoder_recipient_addresses);
  g_test_add_func ("/core/decoder/feedback-recipients", test_decoder_feedback_recipients);
  g_test_add_func ("/core/decoder/feedback-random", test_decoder_feedback_random);
  g_test_add_func ("/core/decoder/iso-8859-2", test_decoder_iso_8859_2);
  g_test_add_func ("/core/decoder/bad-input", test_decoder_bad_input);
  g_test_add_func ("/core/decoder/deep-nesting", test_decoder_deep_nesting);
  g_test_add_func ("/core/decoder/many-recipients", test_decoder_many_recipients);
  g_test_add_func ("/core/decoder/big-attachment", test_decoder_big_attachment);
  g_test_add_func ("/core/decoder/bounce-reuse", test_decoder_bounce_reuse);
  g_test_add_func ("/core/decoder/challenges", test_decoder_challenges);
  g_test_add_func ("/core/decoder/words-from-prose", test_decoder_words_from_prose);

  return g_test_run ();
}
