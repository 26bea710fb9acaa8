/* test-scanners.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The prose scanners on fixtures written for them (tests/fixtures/scanners),
 * and the text helpers they share.
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

/* The shared corpus (../shared), when present: nearly every prose bounce
 * (one without a machine-readable report) must be claimed by a scanner
 * and give at least one recipient. */
static void
test_scanners_corpus (void)
{
  const char *root = g_getenv ("BD_SOURCE_ROOT");
  g_autofree char *dir = NULL;
  g_autoptr(GDir) listing = NULL;
  const BdScanner *table;
  const char *name;
  guint n, prose = 0, claimed = 0;

  if (root == NULL)
    root = ".";
  /* BD_SHARED_DIR names another copy of ../shared. */
  if (g_getenv ("BD_SHARED_DIR") != NULL && *g_getenv ("BD_SHARED_DIR"))
    dir = g_build_filename (g_getenv ("BD_SHARED_DIR"), "corpus", "bounces", "dev", NULL);
  else
    dir = g_build_filename (root, "..", "shared", "corpus", "bounces", "dev", NULL);
  listing = g_dir_open (dir, 0, NULL);
  if (listing == NULL)
    {
      g_test_skip ("no ../shared corpus");
      return;
    }
  table = bd_scanners_get (&n);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *raw = NULL;
      g_autoptr(TestInput) input = NULL;

      if (!g_str_has_prefix (name, "lhost-") || !g_str_has_suffix (name, ".eml"))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (!g_file_get_contents (path, &raw, NULL, NULL) || bd_text_strcasestr (raw, "message/delivery-status") != NULL)
        continue;
      input = test_input_load (path);
      if (input == NULL)
        continue;
      prose++;
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(BdBounce) bounce = bd_bounce_new (path, 0);

          if (table[i].scan (&input->input, bounce))
            {
              claimed += bounce->recipients->len > 0;
              break;
            }
        }
    }
  g_test_message ("%u of %u prose bounces claimed", claimed, prose);
  g_assert_cmpuint (prose, >, 0);
  g_assert_cmpuint (claimed * 100, >=, prose * 95);
}

static void
test_scanners_not_a_bounce (void)
{
  static const char *const texts[] = {
    "",
    "Hello,\nsee you on Monday.\n",
    "<a@b.example>:\n\n--- Below this line is a copy of the message.\n",
    "This message was created automatically by mail delivery software.\n",
  };
  const BdScanner *table;
  guint n;

  table = bd_scanners_get (&n);
  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      BdScanInput input = { .from = "Jan <jan@firma.example>", .subject = "Re: spotkanie",
                            .body = texts[t], .body_len = strlen (texts[t]) };

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(BdBounce) bounce = bd_bounce_new ("-", 0);

          g_assert_false (table[i].scan (&input, bounce));
          g_assert_cmpuint (bounce->recipients->len, ==, 0);
        }
    }
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

static void
test_util_status (void)
{
  char status[BD_SCAN_STATUS_MAX];

  g_assert_true (bd_scan_find_status ("550 5.1.1 <a@b.example>... User unknown", status));
  g_assert_cmpstr (status, ==, "5.1.1");
  g_assert_true (bd_scan_find_status ("host [192.0.2.1]: 550-5.7.26 Unauthenticated", status));
  g_assert_cmpstr (status, ==, "5.7.26");
  g_assert_true (bd_scan_find_status ("Sorry, no mailbox here by that name. (#5.1.1)", status));
  g_assert_cmpstr (status, ==, "5.1.1");
  g_assert_true (bd_scan_find_status ("250 2.1.5 Ok", status));
  g_assert_cmpstr (status, ==, "2.1.5");
  g_assert_false (bd_scan_find_status ("connect to 5.1.1.1 failed", status));
  g_assert_false (bd_scan_find_status ("version 45.1.1", status));
  g_assert_false (bd_scan_find_status ("", status));
}

static void
test_util_reply_code (void)
{
  g_assert_cmpuint (bd_scan_find_reply_code ("host mx [192.0.2.153]: 550 5.1.1 unknown"), ==, 550);
  g_assert_cmpuint (bd_scan_find_reply_code ("550-5.7.1 rejected"), ==, 550);
  g_assert_cmpuint (bd_scan_find_reply_code ("[203.0.113.254] said: 421 try later"), ==, 421);
  g_assert_cmpuint (bd_scan_find_reply_code ("sent 250 Ok then 552 too big"), ==, 552);
  g_assert_cmpuint (bd_scan_find_reply_code ("250 2.0.0 Ok"), ==, 250);
  g_assert_cmpuint (bd_scan_find_reply_code ("id 5501 at 10:45:00 in 2024"), ==, 0);
  g_assert_cmpuint (bd_scan_find_reply_code ("192.0.2.450"), ==, 0);
}

/* "host NAME": the name after the word; a "host " with nothing usable
 * after it, at the very end of the text, was once read past (fuzzing). */
static void
test_util_host (void)
{
  static const struct { const char *text; const char *host; } hosts[] = {
    { "Remote host mx1.odbiorca.example said: 550", "mx1.odbiorca.example" },
    { "host [mx.example.org]: 554 rejected", "mx.example.org" },
    { "ghost mx.example.org", NULL },
    { "no such host ", NULL },
    { "host ", NULL },
    { "host x host mail.example.com.", "mail.example.com" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    {
      g_autofree char *text = g_strdup (hosts[i].text);   /* exact size: ASan sees an overread */
      g_autofree char *host = bd_scan_host_in (text);

      g_assert_cmpstr (host, ==, hosts[i].host);
    }
}

static void
test_util_strdown (void)
{
  g_autofree char *ascii = bd_text_strdown ("550 User UNKNOWN", -1);
  g_autofree char *polish = bd_text_strdown ("Skrzynka PEŁNA", -1);
  g_autofree char *part = bd_text_strdown ("ABCDEF", 3);

  g_assert_cmpstr (ascii, ==, "550 user unknown");
  g_assert_cmpstr (polish, ==, "skrzynka pełna");
  g_assert_cmpstr (part, ==, "abc");
}

static void
test_util_address (void)
{
  static const struct { const char *text; const char *address; } addresses[] = {
    { "<jan@firma.example>:", "jan@firma.example" },
    { "  \"jan.nowak@odbiorca.example\" ", "jan.nowak@odbiorca.example" },
    { "mailto:biuro@firma.example.", "biuro@firma.example" },
    { "RCPT TO:<a+tag@sub.example.co.uk> said", "a+tag@sub.example.co.uk" },
    { "root@localhost", "root@localhost" },
    { "user@[192.0.2.1]", "user@[192.0.2.1]" },
    { "@ twitter handle, no address", NULL },
    { "no at sign", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autofree char *got = bd_scan_extract_address (addresses[i].text);

      g_assert_cmpstr (got, ==, addresses[i].address);
    }
  g_assert_true (bd_scan_is_address ("     kijitora@example.jp"));
  g_assert_true (bd_scan_is_address ("<kijitora@example.jp>"));
  g_assert_false (bd_scan_is_address ("mail to kijitora@example.jp failed"));
}

static void
test_util_long_diagnostic (void)
{
  g_autoptr(BdBounce) bounce = bd_bounce_new ("-", 0);
  g_autoptr(GString) text = g_string_new ("550 5.1.1 ");
  BdRecipient *r;

  while (text->len < 100000)
    g_string_append (text, "żółć ");
  r = bd_scan_add (bounce, "<a@b.example>", text->str);
  g_assert_cmpuint (strlen (r->diagnostic), <, 2100);
  g_assert_true (g_utf8_validate (r->diagnostic, -1, NULL));
  g_assert_cmpstr (r->status, ==, "5.1.1");
  g_assert_cmpuint (r->reply_code, ==, 550);
}

static void
test_util_collapse (void)
{
  g_autofree char *one = bd_scan_collapse ("  550 5.1.1\n    user\tunknown \n");
  g_autofree char *empty = bd_scan_collapse (" \n\t ");

  g_assert_cmpstr (one, ==, "550 5.1.1 user unknown");
  g_assert_cmpstr (empty, ==, "");
}

/* HTML bounces (and bounces an HTML mail program forwarded) read as a
 * browser shows them: line breaks where the tags put them, the source's
 * own line ends are blanks, indentation written as &nbsp; stays. */
static void
test_input_strip_html (void)
{
  static const char html[] =
    "<html><head><style>p {margin:0}</style></head><body><div dir=\"ltr\">The mail system<br>\n"
    "<br>\n"
    "&nbsp;&nbsp;&lt;jan@example.com&gt;: host mx.example.com said: 550 5.1.1\n"
    "   user unknown<br>\n"
    "<pre>  kept\n    as is</pre>"
    "<table><tr><td>Status</td><td>5.1.1</td></tr><tr><td></td></tr>"
    "<tr><td></td><td>Remote Server returned '550'</td></tr></table>"
    "<script>var x = '<b>';</script>end</div>"
    "<p class=MsoPlainText>First line</p>\n<p class=MsoPlainText>&nbsp;</p>\n"
    "<p class=MsoPlainText>&nbsp;&nbsp;indented</p>"
    "<p>couldn&#x27;t, couldn&#39;t, couldn&rsquo;t, &#x201E;x&#8221;, &#xD800; &#12345678901; in&shy;valid</p>"
    "</body></html>\n";
  gsize len;
  g_autofree char *text = bd_mime_strip_html (html, strlen (html), &len);

  g_assert_cmpstr (text, ==,
                   "The mail system\n"
                   "\n"
                   "  <jan@example.com>: host mx.example.com said: 550 5.1.1 user unknown\n"
                   "  kept\n    as is\n"
                   "Status 5.1.1\n"
                   "Remote Server returned '550'\n"
                   "end\n"
                   "First line\n"
                   "\n"
                   "  indented\n"
                   "couldn't, couldn't, couldn’t, „x”, &#xD800; &#12345678901; invalid\n");
  g_assert_cmpuint (len, ==, strlen (text));
}

/* Every entity of append_entity's table (bd-scan-input.c), in upper and
 * lower case, and a '&' that starts none. */
static void
test_input_entities (void)
{
  static const char html[] =
    "<p>Terms &amp; conditions, &AMP;, &quot;q&quot; &apos;a&apos; &lt;x&gt;&nbsp;y</p>"
    "<p>&lsquo;s&rsquo; &ldquo;d&rdquo; &bdquo;p&rdquo; a&ndash;b a&mdash;b wait&hellip; &laquo;g&raquo; hy&shy;phen</p>"
    "<p>R&D &unknown; &amp</p>";
  gsize len;
  g_autofree char *text = bd_mime_strip_html (html, strlen (html), &len);

  g_assert_cmpstr (text, ==,
                   "Terms & conditions, &, \"q\" 'a' <x> y\n"
                   "‘s’ “d” „p” a–b a—b wait… «g» hyphen\n"
                   "R&D &unknown; &amp\n");
  g_assert_cmpuint (len, ==, strlen (text));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_mime_init ();

  g_test_add_func ("/core/scanners/table", test_scanners_table);
  g_test_add_func ("/core/scanners/every-entry-has-fixture", test_scanners_every_entry_has_fixture);
  g_test_add_func ("/core/scanners/input/strip-html", test_input_strip_html);
  g_test_add_func ("/core/scanners/input/entities", test_input_entities);
  g_test_add_func ("/core/scanners/not-a-bounce", test_scanners_not_a_bounce);
  g_test_add_func ("/core/scanners/corpus", test_scanners_corpus);
  g_test_add_func ("/core/scanners/util/status", test_util_status);
  g_test_add_func ("/core/scanners/util/reply-code", test_util_reply_code);
  g_test_add_func ("/core/scanners/util/host", test_util_host);
  g_test_add_func ("/core/scanners/util/strdown", test_util_strdown);
  g_test_add_func ("/core/scanners/util/address", test_util_address);
  g_test_add_func ("/core/scanners/util/collapse", test_util_collapse);
  g_test_add_func ("/core/scanners/util/long-diagnostic", test_util_long_diagnostic);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/core/scanners/%s/%u", cases[i].file, cases[i].index);

      g_autofree char *decoded = g_strdup_printf ("/core/scanners/decoded/%s/%u", cases[i].file, cases[i].index);

      g_test_add_data_func (name, &cases[i], test_scanners_fixture);
      g_test_add_data_func (decoded, &cases[i], test_scanners_decoded);
    }
  return g_test_run ();
}
