/* test-scanners.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The prose scanners on fixtures written for them (tests/fixtures/scanners):
 * each fixture's winner and recipients, alone and through the decoder.
 * Their text helpers are tested in test-scan-helpers.c, the table over
 * other text in test-scanners-prose.c.
 */
#include "config.h"

#include "bd-classify.h"
#include "bd-decoder.h"
#include "bd-mime-text.h"
#include "bd-scan-input.h"
#include "bd-scan-util.h"
#include "bd-test-util.h"

typedef struct
{
  const char *file;        /* in fixtures/scanners */
  const char *scanner;     /* the table entry expected to win */
  BdKind      kind;
  guint       n_recipients;
  guint       index;       /* the recipient checked below */
  const char *address;
  const char *status;      /* NULL: none in the text */
  guint       reply_code;
  BdReason    reason;      /* what the format itself states, else undefined */
  const char *remote_mta;  /* NULL: not checked */
} ScanCase;

static const ScanCase cases[] = {
  /* The last resort (bd-scan-guess.c): formats no scanner knows */
  { "guess-unknown-mailer.eml", "guess", BD_KIND_BOUNCE, 1, 0, "anna.kowalska@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, NULL },
  { "guess-empty-report.eml", "guess", BD_KIND_BOUNCE, 1, 0, "marek@odbiorca.example", "5.2.2", 552,
    BD_REASON_UNDEFINED, NULL },
  /* Polish without its letters, as SMTP replies come (bd-phrase-fold.c) */
  { "localized-ascii-pl.eml", "localized", BD_KIND_BOUNCE, 1, 0, "tomasz@odbiorca.example", NULL, 550,
    BD_REASON_UNDEFINED, NULL },
  { "exim.eml", "exim", BD_KIND_BOUNCE, 2, 0, "anna.nowak@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, "mx1.odbiorca.example" },
  { "exim.eml", "exim", BD_KIND_BOUNCE, 2, 1, "biuro@nieistnieje.example", NULL, 0,
    BD_REASON_HOSTUNKNOWN, NULL },
  { "exim-delayed.eml", "exim", BD_KIND_DELAYED, 1, 0, "kontakt@wolny.example", "4.7.1", 451,
    BD_REASON_UNDEFINED, "mx.wolny.example" },
  { "qmail.eml", "qmail", BD_KIND_BOUNCE, 2, 0, "jan.nowak@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, "198.51.100.7" },
  { "qmail.eml", "qmail", BD_KIND_BOUNCE, 2, 1, "stary@firma.example", "5.1.1", 0,
    BD_REASON_USERUNKNOWN, NULL },
  { "gmail.eml", "gmail", BD_KIND_BOUNCE, 1, 0, "biuro@odbiorca.example", "5.2.2", 552,
    BD_REASON_UNDEFINED, NULL },
  { "dragonfly.eml", "dragonfly", BD_KIND_BOUNCE, 1, 0, "raporty@odbiorca.example", "5.7.1", 554,
    BD_REASON_UNDEFINED, "mx.odbiorca.example" },
  { "yahoo.eml", "yahoo", BD_KIND_BOUNCE, 1, 0, "taro@odbiorca.example", "5.2.2", 550,
    BD_REASON_UNDEFINED, NULL },
  { "mailru.eml", "mailru", BD_KIND_BOUNCE, 1, 0, "ivan@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, "mx.odbiorca.example" },
  { "googlegroups.eml", "googlegroups", BD_KIND_BOUNCE, 1, 0, "zarzad@googlegroups.com", NULL, 0,
    BD_REASON_REJECTED, NULL },
  { "sendmail.eml", "sendmail", BD_KIND_BOUNCE, 1, 0, "marek@odbiorca.example", "5.2.2", 552,
    BD_REASON_UNDEFINED, NULL },
  { "v5sendmail.eml", "v5sendmail", BD_KIND_BOUNCE, 1, 0, "ola@odbiorca.example", NULL, 550,
    BD_REASON_UNDEFINED, "mail.odbiorca.example" },
  { "amazonworkmail.eml", "amazonworkmail", BD_KIND_BOUNCE, 1, 0, "kasia@odbiorca.example", "4.4.2", 421,
    BD_REASON_EXPIRED, NULL },
  { "ezweb.eml", "ezweb", BD_KIND_BOUNCE, 1, 0, "hanako-nyaan@ezweb.ne.jp", NULL, 550,
    BD_REASON_UNDEFINED, NULL },
  { "opensmtpd.eml", "opensmtpd", BD_KIND_DELAYED, 1, 0, "monitoring@odbiorca.example", NULL, 0,
    BD_REASON_NETWORKERROR, NULL },
  { "exchange2003.eml", "exchange2003", BD_KIND_BOUNCE, 1, 0, "zofia@odbiorca.example", NULL, 0,
    BD_REASON_USERUNKNOWN, NULL },
  { "exchange2003-short.eml", "exchange2003", BD_KIND_BOUNCE, 1, 0, "kasia@odbiorca.example", NULL, 0,
    BD_REASON_UNDEFINED, NULL },
  { "gmx.eml", "gmx", BD_KIND_BOUNCE, 1, 0, "piotr@odbiorca.example", "5.1.1", 0,
    BD_REASON_UNDEFINED, "mx.odbiorca.example" },
  { "imailserver.eml", "imailserver", BD_KIND_BOUNCE, 1, 0, "adam@odbiorca.example", NULL, 0,
    BD_REASON_USERUNKNOWN, NULL },
  { "zoho.eml", "zoho", BD_KIND_BOUNCE, 1, 0, "klient@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, NULL },
  { "mfilter.eml", "mfilter", BD_KIND_BOUNCE, 1, 0, "hiro@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, NULL },
  { "fml.eml", "fml", BD_KIND_BOUNCE, 1, 0, "ogloszenia@lista.example.org", NULL, 0,
    BD_REASON_REJECTED, NULL },
  { "kddi.eml", "kddi", BD_KIND_BOUNCE, 1, 0, "yuki@mail.dion.ne.jp", NULL, 0,
    BD_REASON_MAILBOXFULL, NULL },
  { "notes.eml", "notes", BD_KIND_BOUNCE, 1, 0, "ewa.nowak@odbiorca.example", NULL, 0,
    BD_REASON_USERUNKNOWN, NULL },
  { "interscanmss.eml", "interscanmss", BD_KIND_BOUNCE, 1, 0, "lena@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, NULL },
  { "x6.eml", "x6", BD_KIND_BOUNCE, 1, 0, "robert@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, NULL },
  { "biglobe.eml", "biglobe", BD_KIND_BOUNCE, 1, 0, "akira@mxr.biglobe.ne.jp", NULL, 0,
    BD_REASON_MAILBOXFULL, NULL },
  { "domino.eml", "domino", BD_KIND_BOUNCE, 1, 0, "tomasz.lis@odbiorca.example", NULL, 0,
    BD_REASON_USERUNKNOWN, NULL },
  { "einsundeins.eml", "einsundeins", BD_KIND_BOUNCE, 1, 0, "klaus@odbiorca.example", NULL, 0,
    BD_REASON_MESGTOOBIG, NULL },
  { "mailmarshal.eml", "mailmarshal", BD_KIND_BOUNCE, 1, 0, "iza@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, "203.0.113.2" },
  { "verizon.eml", "verizon", BD_KIND_BOUNCE, 1, 0, "2025550123@vzwpix.com", NULL, 0,
    BD_REASON_USERUNKNOWN, NULL },
  { "apachejames.eml", "apachejames", BD_KIND_BOUNCE, 1, 0, "marta@odbiorca.example", NULL, 550,
    BD_REASON_UNDEFINED, NULL },
  { "smail.eml", "smail", BD_KIND_BOUNCE, 2, 0, "zbyszek@stara-domena.example", NULL, 0,
    BD_REASON_UNDEFINED, NULL },
  { "smail.eml", "smail", BD_KIND_BOUNCE, 2, 1, "ola@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, NULL },
  { "postfix.eml", "postfix", BD_KIND_BOUNCE, 2, 0, "dorota@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, "mx.odbiorca.example" },
  { "postfix.eml", "postfix", BD_KIND_BOUNCE, 2, 1, "biuro@brak-domeny.example", NULL, 0,
    BD_REASON_HOSTUNKNOWN, NULL },
  { "exchange2007.eml", "exchange2007", BD_KIND_BOUNCE, 1, 0, "pawel@odbiorca.example", "5.2.2", 550,
    BD_REASON_UNDEFINED, NULL },
  { "office365.eml", "office365", BD_KIND_BOUNCE, 1, 0, "agata@odbiorca.example", "5.7.1", 554,
    BD_REASON_UNDEFINED, "mx.odbiorca.example" },
  { "amazonses.eml", "amazonses", BD_KIND_BOUNCE, 1, 0, "newsletter-reader@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, NULL },
  { "courier.eml", "courier", BD_KIND_BOUNCE, 1, 0, "bartek@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, "mx.odbiorca.example" },
  { "x3.eml", "x3", BD_KIND_BOUNCE, 1, 0, "hanna@odbiorca.example", NULL, 0, BD_REASON_UNDEFINED, NULL },
  { "x1.eml", "x1", BD_KIND_DELAYED, 1, 0, "leon@odbiorca.example", NULL, 0, BD_REASON_UNDEFINED, NULL },
  { "mcafee.eml", "mcafee", BD_KIND_BOUNCE, 1, 0, "nina@odbiorca.example", "5.1.1", 0,
    BD_REASON_UNDEFINED, NULL },
  { "barracuda.eml", "barracuda", BD_KIND_BOUNCE, 1, 0, "oskar@odbiorca.example", NULL, 0,
    BD_REASON_UNDEFINED, NULL },
  { "mimecast.eml", "mimecast", BD_KIND_BOUNCE, 1, 0, "patryk@odbiorca.example", "5.1.1", 0,
    BD_REASON_UNDEFINED, NULL },
  { "sendgrid.eml", "sendgrid", BD_KIND_BOUNCE, 1, 0, "czytelnik@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, "mx.odbiorca.example" },
  { "powermta.eml", "powermta", BD_KIND_BOUNCE, 1, 0, "subskrybent@odbiorca.example", NULL, 0,
    BD_REASON_UNDEFINED, NULL },
  { "messagingserver.eml", "messagingserver", BD_KIND_BOUNCE, 1, 0, "gosia@odbiorca.example", "5.2.2", 550,
    BD_REASON_UNDEFINED, "mx.odbiorca.example" },
  { "gmail-current.eml", "gmail", BD_KIND_BOUNCE, 1, 0, "teresa@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, NULL },
  { "outlook.eml", "outlook", BD_KIND_BOUNCE, 1, 0, "wiktor@odbiorca.example", NULL, 0,
    BD_REASON_UNDEFINED, NULL },
  { "surfcontrol.eml", "surfcontrol", BD_KIND_BOUNCE, 1, 0, "zenon@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, NULL },
  { "yandex.eml", "yandex", BD_KIND_BOUNCE, 1, 0, "maksim@odbiorca.example", "5.2.2", 552,
    BD_REASON_UNDEFINED, "mx.odbiorca.example" },
  { "amavis.eml", "amavis", BD_KIND_BOUNCE, 1, 0, "kuba@odbiorca.example", "5.7.0", 554,
    BD_REASON_VIRUSDETECTED, NULL },
  { "mxlogic.eml", "mxlogic", BD_KIND_BOUNCE, 1, 0, "renata@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, NULL },
  /* Variants of the same families: older and rarer wordings each server writes. */
  { "amazonses-error-occurred.eml", "amazonses", BD_KIND_BOUNCE, 1, 0, "zamowienia@odbiorca.example", "5.2.2", 550,
    BD_REASON_UNDEFINED, "mx.odbiorca.example" },
  { "amazonses-expired.eml", "amazonses", BD_KIND_BOUNCE, 1, 0, "magazyn@odbiorca.example", "4.4.7", 0,
    BD_REASON_EXPIRED, "[198.51.100.25]" },
  { "amazonses-following-message.eml", "amazonses", BD_KIND_BOUNCE, 1, 0, "hubert@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, NULL },
  { "amazonses-receiving.eml", "amazonses", BD_KIND_BOUNCE, 1, 0, "ksiegowosc@odbiorca.example", "5.3.4", 552,
    BD_REASON_UNDEFINED, NULL },
  { "courier-delayed.eml", "courier", BD_KIND_DELAYED, 1, 0, "serwis@odbiorca.example", "4.7.1", 451,
    BD_REASON_UNDEFINED, "mx2.odbiorca.example" },
  { "courier-dns-failed.eml", "courier", BD_KIND_BOUNCE, 1, 0, "kadry@odbiorca.example", NULL, 0,
    BD_REASON_NETWORKERROR, NULL },
  { "courier-dns-violation.eml", "courier", BD_KIND_BOUNCE, 1, 0, "biuro@zepsuty-dns.example", NULL, 0,
    BD_REASON_SYSTEMERROR, NULL },
  { "courier-nodomain.eml", "courier", BD_KIND_BOUNCE, 1, 0, "oferty@nieistniejaca-firma.example", NULL, 0,
    BD_REASON_HOSTUNKNOWN, NULL },
  { "imailserver-connection.eml", "imailserver", BD_KIND_BOUNCE, 1, 0, "handel@odbiorca.example", NULL, 554,
    BD_REASON_UNDEFINED, NULL },
  { "imailserver-data.eml", "imailserver", BD_KIND_BOUNCE, 1, 0, "kadry@odbiorca.example", "5.3.4", 552,
    BD_REASON_UNDEFINED, NULL },
  { "imailserver-ehlo.eml", "imailserver", BD_KIND_BOUNCE, 1, 0, "recepcja@odbiorca.example", "5.7.1", 554,
    BD_REASON_UNDEFINED, NULL },
  { "imailserver-mail-from.eml", "imailserver", BD_KIND_BOUNCE, 1, 0, "zarzad@odbiorca.example", "5.7.1", 553,
    BD_REASON_UNDEFINED, NULL },
  { "imailserver-rcpt.eml", "imailserver", BD_KIND_BOUNCE, 1, 0, "lidia@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, NULL },
  { "imailserver-unknown-host.eml", "imailserver", BD_KIND_BOUNCE, 1, 0, "oferta@brak-serwera.example", NULL, 0,
    BD_REASON_HOSTUNKNOWN, NULL },
  { "imailserver-virus.eml", "imailserver", BD_KIND_BOUNCE, 1, 0, "ksiegowa@odbiorca.example", NULL, 0,
    BD_REASON_VIRUSDETECTED, NULL },
  { "outlook-delayed.eml", "outlook", BD_KIND_DELAYED, 1, 0, "dariusz@odbiorca.example", NULL, 0,
    BD_REASON_UNDEFINED, NULL },
  { "outlook-domain-unreachable.eml", "outlook", BD_KIND_BOUNCE, 1, 0, "rada@nieosiagalna.example", "5.5.0", 550,
    BD_REASON_HOSTUNKNOWN, NULL },
  { "outlook-unable-to-connect.eml", "outlook", BD_KIND_BOUNCE, 1, 0, "szkola@odbiorca.example", NULL, 0,
    BD_REASON_UNDEFINED, NULL },
  { "exim-could-not-deliver-all.eml", "exim", BD_KIND_BOUNCE, 1, 0, "ewelina@odbiorca.example", NULL, 550,
    BD_REASON_UNDEFINED, "mx.odbiorca.example" },
  { "exim-delay-reason.eml", "exim", BD_KIND_DELAYED, 1, 0, "szef@odbiorca.example", NULL, 0,
    BD_REASON_UNDEFINED, "mx.odbiorca.example" },
  { "exim-lmtp.eml", "exim", BD_KIND_BOUNCE, 1, 0, "kasia@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, NULL },
  { "exim-local-delivery.eml", "exim", BD_KIND_BOUNCE, 1, 0, "ola@firma.example", NULL, 0,
    BD_REASON_SYSTEMERROR, NULL },
  { "exim-local-scan.eml", "exim", BD_KIND_BOUNCE, 1, 0, "adrian@odbiorca.example", NULL, 0,
    BD_REASON_UNDEFINED, NULL },
  { "exim-malformed.eml", "exim", BD_KIND_BOUNCE, 1, 0, "wojtek@odbiorca.example", NULL, 0,
    BD_REASON_SYNTAXERROR, NULL },
  { "exim-retry-timeout.eml", "exim", BD_KIND_BOUNCE, 1, 0, "lena@odbiorca.example", NULL, 0,
    BD_REASON_EXPIRED, NULL },
  { "exim-undisclosed.eml", "exim", BD_KIND_BOUNCE, 1, 0, "zespol@firma.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, "mx.odbiorca.example" },
  { "postfix-custom-name.eml", "postfix", BD_KIND_BOUNCE, 1, 0, "piotr@odbiorca.example", "5.2.2", 552,
    BD_REASON_UNDEFINED, "mx.odbiorca.example" },
  { "postfix-expanded.eml", "postfix", BD_KIND_BOUNCE, 1, 0, "jola.kowalska@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, "mx.odbiorca.example" },
  { "postfix-local-unknown.eml", "postfix", BD_KIND_BOUNCE, 1, 0, "ola@firma.example", NULL, 0,
    BD_REASON_USERUNKNOWN, NULL },
  { "postfix-old-program.eml", "postfix", BD_KIND_BOUNCE, 1, 0, "marta@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, "mx.odbiorca.example" },
  { "postfix-refused-to-talk.eml", "postfix", BD_KIND_BOUNCE, 1, 0, "sprzedaz@odbiorca.example", "5.7.1", 554,
    BD_REASON_UNDEFINED, "mx.odbiorca.example" },
  { "postfix-report-unavailable.eml", "postfix", BD_KIND_BOUNCE, 1, 0, "ryszard@odbiorca.example", NULL, 0,
    BD_REASON_UNDEFINED, NULL },
  { "sendmail-data.eml", "sendmail", BD_KIND_BOUNCE, 1, 0, "tadeusz@odbiorca.example", "5.7.1", 550,
    BD_REASON_UNDEFINED, "mx.odbiorca.example" },
  { "sendmail-delayed.eml", "sendmail", BD_KIND_DELAYED, 1, 0, "iwona@odbiorca.example", NULL, 0,
    BD_REASON_UNDEFINED, NULL },
  { "sendmail-greeting.eml", "sendmail", BD_KIND_BOUNCE, 1, 0, "zuzanna@odbiorca.example", "5.7.1", 554,
    BD_REASON_UNDEFINED, "mx.odbiorca.example" },
  { "sendmail-host-unknown.eml", "sendmail", BD_KIND_BOUNCE, 1, 0, "rafal@brak-domeny.example", "5.1.2", 550,
    BD_REASON_UNDEFINED, NULL },
  { "sendmail-local-unknown.eml", "sendmail", BD_KIND_BOUNCE, 1, 0, "michal.nowy@firma.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, NULL },
  { "biglobe-user-unknown.eml", "biglobe", BD_KIND_BOUNCE, 1, 0, "hiroshi@inacatv.ne.jp", NULL, 0,
    BD_REASON_FILTERED, NULL },
  { "domino-dsn-fields.eml", "domino", BD_KIND_BOUNCE, 1, 0, "marek.z@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, "mx.odbiorca.example" },
  { "domino-french.eml", "domino", BD_KIND_BOUNCE, 1, 0, "luc.martin@destinataire.example", NULL, 0,
    BD_REASON_USERUNKNOWN, NULL },
  { "domino-japanese.eml", "domino", BD_KIND_BOUNCE, 1, 0, "hanako@odbiorca.example", NULL, 0,
    BD_REASON_USERUNKNOWN, NULL },
  { "domino-multiple.eml", "domino", BD_KIND_BOUNCE, 2, 0, "ola.b@odbiorca.example", NULL, 0,
    BD_REASON_FILTERED, NULL },
  { "domino-multiple.eml", "domino", BD_KIND_BOUNCE, 2, 1, "nowak@odbiorca.example", NULL, 0,
    BD_REASON_SYSTEMERROR, NULL },
  { "exchange2003-ambiguous.eml", "exchange2003", BD_KIND_BOUNCE, 1, 0, "kowalski@firma.example", NULL, 0,
    BD_REASON_FILTERED, NULL },
  { "exchange2003-remote-mta.eml", "exchange2003", BD_KIND_BOUNCE, 1, 0, "adam.b@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, NULL },
  { "exchange2003-smtp-equals.eml", "exchange2003", BD_KIND_BOUNCE, 1, 0, "ela@odbiorca.example", NULL, 0,
    BD_REASON_USERUNKNOWN, NULL },
  { "exchange2003-too-many-recipients.eml", "exchange2003", BD_KIND_BOUNCE, 1, 0, "wszyscy@firma.example", "5.5.3", 0,
    BD_REASON_SYSTEMERROR, NULL },
  { "exchange2007-auth-required.eml", "exchange2007", BD_KIND_BOUNCE, 1, 0, "lista-wewn@firma.example", "5.7.1", 550,
    BD_REASON_SECURITYERROR, NULL },
  { "exchange2007-bad-primary.eml", "exchange2007", BD_KIND_BOUNCE, 1, 0, "stefan@firma.example", "5.2.0", 550,
    BD_REASON_SYSTEMERROR, NULL },
  { "exchange2007-fr.eml", "exchange2007", BD_KIND_BOUNCE, 1, 0, "camille@destinataire.example", "5.1.1", 550,
    BD_REASON_USERUNKNOWN, NULL },
  { "exchange2007-it.eml", "exchange2007", BD_KIND_BOUNCE, 1, 0, "giulia@destinatario.example", "5.1.1", 550,
    BD_REASON_USERUNKNOWN, NULL },
  { "exchange2007-mx-loopback.eml", "exchange2007", BD_KIND_BOUNCE, 1, 0, "petla@odbiorca.example", "5.4.4", 554,
    BD_REASON_NETWORKERROR, NULL },
  { "exchange2007-nonexistent-domain.eml", "exchange2007", BD_KIND_BOUNCE, 1, 0, "biuro@brak-domeny.example", "5.4.4", 554,
    BD_REASON_HOSTUNKNOWN, NULL },
  { "exchange2007-not-authorized.eml", "exchange2007", BD_KIND_BOUNCE, 1, 0, "zarzad@firma.example", "5.7.1", 550,
    BD_REASON_REJECTED, NULL },
  { "exchange2007-queue-expired.eml", "exchange2007", BD_KIND_BOUNCE, 1, 0, "robert.k@odbiorca.example", "4.4.7", 550,
    BD_REASON_EXPIRED, NULL },
  { "exchange2007-recip-limit.eml", "exchange2007", BD_KIND_BOUNCE, 1, 0, "wszyscy@firma.example", "5.5.3", 550,
    BD_REASON_TOOMANYCONN, NULL },
  { "exchange2007-size-limit.eml", "exchange2007", BD_KIND_BOUNCE, 1, 0, "duze.pliki@firma.example", "5.2.3", 550,
    BD_REASON_MESGTOOBIG, NULL },
  { "ezweb-over-quota.eml", "ezweb", BD_KIND_BOUNCE, 1, 0, "yumi-chan@ezweb.ne.jp", NULL, 0,
    BD_REASON_MAILBOXFULL, NULL },
  { "gmail-delayed.eml", "gmail", BD_KIND_DELAYED, 1, 0, "sklep@odbiorca.example", "4.2.2", 450,
    BD_REASON_UNDEFINED, NULL },
  { "gmail-dns-error.eml", "gmail", BD_KIND_BOUNCE, 1, 0, "info@nieistniejaca-domena.example", NULL, 0,
    BD_REASON_HOSTUNKNOWN, NULL },
  { "gmail-server-for.eml", "gmail", BD_KIND_BOUNCE, 1, 0, "kadry@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, "mx2.odbiorca.example" },
  { "gmx-retry-timeout.eml", "gmx", BD_KIND_BOUNCE, 1, 0, "bartek@wolny-serwer.example", NULL, 0,
    BD_REASON_EXPIRED, NULL },
  { "kddi-attempted.eml", "kddi", BD_KIND_BOUNCE, 1, 0, "taro@nowhere-domain.example", NULL, 0,
    BD_REASON_HOSTUNKNOWN, NULL },
  { "kddi-relay-error.eml", "kddi", BD_KIND_BOUNCE, 1, 0, "kenji@relay-ng.example", "5.7.1", 550,
    BD_REASON_NORELAYING, NULL },
  { "mailru-delayed.eml", "mailru", BD_KIND_DELAYED, 1, 0, "olga@odbiorca.example", NULL, 0,
    BD_REASON_UNDEFINED, "mx.odbiorca.example" },
  { "mailru-mail-from.eml", "mailru", BD_KIND_BOUNCE, 1, 0, "dmitry@odbiorca.example", "5.0.901", 550,
    BD_REASON_UNDEFINED, "mx.odbiorca.example" },
  { "messagingserver-illegal-host.eml", "messagingserver", BD_KIND_BOUNCE, 1, 0, "biuro@odbiorca_x.example", NULL, 0,
    BD_REASON_HOSTUNKNOWN, NULL },
  { "notes-japanese.eml", "notes", BD_KIND_BOUNCE, 1, 0, "sato@odbiorca.example", NULL, 0,
    BD_REASON_USERUNKNOWN, NULL },
  { "notes-no-address.eml", "notes", BD_KIND_BOUNCE, 1, 0, "grzegorz@odbiorca.example", NULL, 0,
    BD_REASON_NETWORKERROR, NULL },
  { "office365-blocked.eml", "office365", BD_KIND_BOUNCE, 1, 0, "tamara@odbiorca.example", "5.7.606", 550,
    BD_REASON_UNDEFINED, NULL },
  { "office365-error-details.eml", "office365", BD_KIND_BOUNCE, 1, 0, "kamil@odbiorca.example", "5.1.10", 550,
    BD_REASON_UNDEFINED, NULL },
  { "office365-recipient-not-found.eml", "office365", BD_KIND_BOUNCE, 1, 0, "zenek@firma.example", "5.1.10", 550,
    BD_REASON_UNDEFINED, NULL },
  { "office365-rejected-addresses.eml", "office365", BD_KIND_BOUNCE, 1, 0, "ludwik@odbiorca.example", "5.7.1", 550,
    BD_REASON_UNDEFINED, "mx.odbiorca.example" },
  { "opensmtpd-credentials.eml", "opensmtpd", BD_KIND_BOUNCE, 1, 0, "relay-test@odbiorca.example", NULL, 0,
    BD_REASON_SECURITYERROR, NULL },
  { "opensmtpd-error.eml", "opensmtpd", BD_KIND_BOUNCE, 1, 0, "raporty@odbiorca.example", "5.2.2", 550,
    BD_REASON_UNDEFINED, NULL },
  { "opensmtpd-expired.eml", "opensmtpd", BD_KIND_BOUNCE, 1, 0, "archiwum@odbiorca.example", NULL, 0,
    BD_REASON_EXPIRED, NULL },
  { "opensmtpd-invalid-domain.eml", "opensmtpd", BD_KIND_BOUNCE, 1, 0, "admin@zla_domena.example", NULL, 0,
    BD_REASON_HOSTUNKNOWN, NULL },
  { "opensmtpd-multiple.eml", "opensmtpd", BD_KIND_BOUNCE, 2, 0, "anna@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, NULL },
  { "opensmtpd-multiple.eml", "opensmtpd", BD_KIND_BOUNCE, 2, 1, "jerzy@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, NULL },
  { "opensmtpd-mx-lookup.eml", "opensmtpd", BD_KIND_BOUNCE, 1, 0, "noc@odbiorca.example", NULL, 0,
    BD_REASON_NETWORKERROR, NULL },
  { "opensmtpd-reject-all.eml", "opensmtpd", BD_KIND_BOUNCE, 1, 0, "alerty@odbiorca.example", NULL, 0,
    BD_REASON_NOTACCEPT, NULL },
  { "qmail-data.eml", "qmail", BD_KIND_BOUNCE, 1, 0, "kasia.w@odbiorca.example", "5.7.1", 554,
    BD_REASON_UNDEFINED, "203.0.113.9" },
  { "qmail-helo-rejected.eml", "qmail", BD_KIND_BOUNCE, 1, 0, "mikolaj@odbiorca.example", NULL, 550,
    BD_REASON_UNDEFINED, "192.0.2.26" },
  { "qmail-most-progress.eml", "qmail", BD_KIND_BOUNCE, 1, 0, "wojtek@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, "198.51.100.40" },
  { "qmail-mx-loop.eml", "qmail", BD_KIND_BOUNCE, 1, 0, "petla@odbiorca.example", "5.4.6", 0,
    BD_REASON_UNDEFINED, NULL },
  { "qmail-no-connection.eml", "qmail", BD_KIND_BOUNCE, 1, 0, "serwis@odbiorca.example", "4.4.1", 0,
    BD_REASON_UNDEFINED, NULL },
  { "qmail-on-hold.eml", "qmail", BD_KIND_BOUNCE, 1, 0, "henryk@odbiorca.example", "4.3.0", 450,
    BD_REASON_ONHOLD, "198.51.100.33" },
  { "qmail-queue-too-long.eml", "qmail", BD_KIND_BOUNCE, 1, 0, "halina@odbiorca.example", NULL, 451,
    BD_REASON_SYSTEMERROR, "198.51.100.33" },
  { "qmail-quota.eml", "qmail", BD_KIND_BOUNCE, 1, 0, "pelna@sender.example", "5.2.2", 0,
    BD_REASON_UNDEFINED, NULL },
  { "qmail-sender-rejected.eml", "qmail", BD_KIND_BOUNCE, 1, 0, "lucyna@odbiorca.example", "5.7.1", 553,
    BD_REASON_REJECTED, "192.0.2.25" },
  { "qmail-size.eml", "qmail", BD_KIND_BOUNCE, 1, 0, "duzy@odbiorca.example", NULL, 552,
    BD_REASON_UNDEFINED, "198.51.100.50" },
  { "qmail-to-prefix.eml", "qmail", BD_KIND_BOUNCE, 1, 0, "nikt@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, "198.51.100.12" },
  { "verizon-vtext.eml", "verizon", BD_KIND_BOUNCE, 1, 0, "2025550199@vtext.com", NULL, 550,
    BD_REASON_USERUNKNOWN, NULL },
  { "x1-returned-mail.eml", "x1", BD_KIND_BOUNCE, 1, 0, "bogdan@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, NULL },
  { "x2-delivery-failure.eml", "qmail", BD_KIND_BOUNCE, 1, 0, "zbyszek@odbiorca.example", "5.2.2", 552,
    BD_REASON_UNDEFINED, "198.51.100.90" },
  { "x3-smtp-rcpt.eml", "x3", BD_KIND_BOUNCE, 1, 0, "irena@odbiorca.example", "5.3.0", 553,
    BD_REASON_UNDEFINED, NULL },
  { "x4-permanent-delivery-failure.eml", "qmail", BD_KIND_BOUNCE, 1, 0, "magazyn@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, "198.51.100.77" },
  { "x4-spanish.eml", "qmail", BD_KIND_BOUNCE, 1, 0, "compras@destino.example", "5.1.1", 0,
    BD_REASON_USERUNKNOWN, NULL },
  { "yahoo-data.eml", "yahoo", BD_KIND_BOUNCE, 1, 0, "filtr@odbiorca.example", "5.7.1", 554,
    BD_REASON_UNDEFINED, NULL },
  { "yahoo-single-line.eml", "yahoo", BD_KIND_BOUNCE, 1, 0, "grzes@odbiorca.example", "5.1.1", 550,
    BD_REASON_UNDEFINED, NULL },
  { "yandex-data.eml", "yandex", BD_KIND_BOUNCE, 1, 0, "wiktoria@odbiorca.example", "5.7.1", 554,
    BD_REASON_UNDEFINED, "mx.odbiorca.example" },
  { "zoho-host-not-reachable.eml", "zoho", BD_KIND_BOUNCE, 1, 0, "sekretariat@daleko.example", NULL, 421,
    BD_REASON_EXPIRED, NULL },
  { "mdaemon-securitygateway.eml", "mdaemon", BD_KIND_BOUNCE, 1, 0, "sylwia@odbiorca.example", "5.2.2", 552,
    BD_REASON_UNDEFINED, NULL },
  { "zoho-mailbox-unavailable.eml", "zoho", BD_KIND_BOUNCE, 1, 0, "iga@odbiorca.example", NULL, 550,
    BD_REASON_UNDEFINED, NULL },
};

/* Runs the table as the decoder does: the first scanner that recognises
 * the message wins. */
/* Runs the scanner table over a message file; @winner is the winning
 * entry's name and @index its place in the table (both unset when none
 * wins). */
static BdBounce *
scan_path (const char  *path,
           const char **winner,
           guint       *index)
{
  g_autoptr(TestInput) input = test_input_load (path);
  const BdScanner *table;
  guint n;

  g_assert_nonnull (input);
  table = bd_scanners_get (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BdBounce) bounce = bd_bounce_new (path, 0);

      if (table[i].scan (&input->input, bounce))
        {
          *winner = table[i].name;
          *index = i;
          return g_steal_pointer (&bounce);
        }
      /* a scanner that declines must leave the result untouched */
      g_assert_cmpuint (bounce->recipients->len, ==, 0);
    }
  *winner = NULL;
  return NULL;
}

static BdBounce *
scan_fixture (const char  *file,
              const char **winner)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "scanners", file, NULL);
  guint index;

  return scan_path (path, winner, &index);
}

/* Every entry of the one scanner list (bd-scanner-list.h) wins at least
 * one fixture of fixtures/scanners or fixtures/i18n (the localized
 * templates'): a scanner added without a fixture, or shadowed by an entry
 * before it, fails here. */
static void
test_scanners_every_entry_has_fixture (void)
{
  static const char *const folders[] = { "scanners", "i18n" };
  guint n;
  const BdScanner *table = bd_scanners_get (&n);
  g_autofree gboolean *won = g_new0 (gboolean, n);

  for (guint f = 0; f < G_N_ELEMENTS (folders); f++)
    {
      g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fixtures", folders[f], NULL);
      g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
      const char *name;

      g_assert_nonnull (listing);
      while ((name = g_dir_read_name (listing)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);
          const char *winner;
          guint index;
          g_autoptr(BdBounce) bounce = NULL;

          if (!g_str_has_suffix (name, ".eml"))
            continue;
          bounce = scan_path (path, &winner, &index);
          if (bounce != NULL)
            won[index] = TRUE;
        }
    }
  for (guint i = 0; i < n; i++)
    if (!won[i])
      g_test_message ("scanner %u (%s) wins no fixture", i, table[i].name);
  for (guint i = 0; i < n; i++)
    g_assert_true (won[i]);
}

static void
test_scanners_fixture (gconstpointer data)
{
  const ScanCase *c = data;
  g_autoptr(BdBounce) bounce = NULL;
  const char *winner = NULL;
  BdRecipient *r;

  bounce = scan_fixture (c->file, &winner);
  g_assert_nonnull (bounce);
  g_assert_cmpstr (winner, ==, c->scanner);
  g_assert_cmpint (bounce->kind, ==, c->kind);
  g_assert_cmpuint (bounce->recipients->len, ==, c->n_recipients);

  r = g_ptr_array_index (bounce->recipients, c->index);
  g_assert_cmpstr (r->address, ==, c->address);
  g_assert_cmpstr (r->status, ==, c->status);
  g_assert_cmpuint (r->reply_code, ==, c->reply_code);
  g_assert_cmpstr (bd_reason_to_string (r->reason), ==, bd_reason_to_string (c->reason));
  /* x3 and outlook name the address only; the others explain it */
  if (g_strcmp0 (c->scanner, "x3") != 0 && g_strcmp0 (c->scanner, "outlook") != 0)
    g_assert_nonnull (r->diagnostic);
  if (r->diagnostic != NULL)
    g_assert_null (strchr (r->diagnostic, '\n'));
  if (c->reason != BD_REASON_UNDEFINED)
    g_assert_nonnull (r->evidence);
  if (c->remote_mta != NULL)
    g_assert_cmpstr (r->remote_mta, ==, c->remote_mta);
}

/* The same fixture through the production pipeline (bd_decoder_decode_bytes:
 * bd-scan-input.c's charset, HTML and part selection, then the
 * classifier): what the user sees must be what the scanner found. The
 * reason is the one the format states or else the classifier's on the
 * scanner's own recipient. */
static void
test_scanners_decoded (gconstpointer data)
{
  const ScanCase *c = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "scanners", c->file, NULL);
  g_autofree char *raw = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdBounce) scanned = NULL;
  g_autoptr(BdBounce) decoded = NULL;
  const char *winner = NULL;
  const BdRecipient *want, *got;
  gsize len;

  scanned = scan_fixture (c->file, &winner);
  g_assert_nonnull (scanned);
  /* as the decoder names it: the pseudo status reads the scanner's name */
  g_free (scanned->mta);
  scanned->mta = g_strdup (winner);
  bd_classify_bounce (scanned);
  g_file_get_contents (path, &raw, &len, &error);
  g_assert_no_error (error);
  decoded = bd_decoder_decode_bytes (raw, len, path, 0);

  g_assert_cmpstr (decoded->mta, ==, c->scanner);
  g_assert_cmpint (decoded->kind, ==, c->kind);
  g_assert_cmpuint (decoded->recipients->len, ==, c->n_recipients);
  want = g_ptr_array_index (scanned->recipients, c->index);
  got = g_ptr_array_index (decoded->recipients, c->index);
  g_assert_cmpstr (got->address, ==, c->address);
  /* A status the text does not give becomes the X.0.9NN pseudo code. */
  g_assert_cmpstr (got->status, ==, c->status != NULL ? c->status : want->status);
  /* bd-decoder-codes.c drops a reply code that contradicts the status
   * class: Exchange 2007's "550 4.4.7" queue expiry keeps only 4.4.7. */
  if (strcmp (c->file, "exchange2007-queue-expired.eml") == 0)
    g_assert_cmpuint (got->reply_code, ==, 0);
  else
    g_assert_cmpuint (got->reply_code, ==, c->reply_code);
  g_assert_cmpstr (bd_reason_to_string (got->reason), ==,
                   bd_reason_to_string (c->reason != BD_REASON_UNDEFINED ? c->reason : want->reason));
  if (c->remote_mta != NULL)
    g_assert_cmpstr (got->remote_mta, ==, c->remote_mta);
}

static void
test_scanners_table (void)
{
  const BdScanner *table;
  guint n;

  /* Names may repeat: a localized template reports its MTA's name. */
  table = bd_scanners_get (&n);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_assert_nonnull (table[i].name);
      g_assert_nonnull (table[i].scan);
    }
  g_assert_null (table[n].name);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_mime_init ();

  g_test_add_func ("/core/scanners/table", test_scanners_table);
  g_test_add_func ("/core/scanners/every-entry-has-fixture", test_scanners_every_entry_has_fixture);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/core/scanners/%s/%u", cases[i].file, cases[i].index);

      g_autofree char *decoded = g_strdup_printf ("/core/scanners/decoded/%s/%u", cases[i].file, cases[i].index);

      g_test_add_data_func (name, &cases[i], test_scanners_fixture);
      g_test_add_data_func (decoded, &cases[i], test_scanners_decoded);
    }
  return g_test_run ();
}
