/* test-classify.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The classifier walked over a table of real-world replies: the status
 * code, reply code, words and command, and the reason they must give.
 */
#include "config.h"

#include <gmime/gmime.h>
#include <string.h>

#include "bd-classify.h"
#include "bd-decoder.h"
#include "bd-provider.h"
#include "bd-text.h"

typedef struct
{
  const char *status;
  guint       reply_code;
  const char *diagnostic;
  const char *diagnostic_type;
  const char *command;
  const char *action;
  BdReason    reason;
  gboolean    hard;
} Case;

static const Case cases[] = {
  { "5.1.1", 550, "550 5.1.1 <a@example.com>: Recipient address rejected: User unknown", "smtp", "RCPT", "failed", BD_REASON_USERUNKNOWN, TRUE },
  /* go-sisimai's two-part phrases dropped (bd-phrases-en.c): each won
   * over the precise words after it. */
  { "5.0.0", 552, "552 connection closed: message size exceeds fixed limit", "smtp", NULL, "failed", BD_REASON_MESGTOOBIG, FALSE },
  { "5.0.0", 554, "554 listed on a DNSBL and may not use us as a relay", "smtp", NULL, "failed", BD_REASON_BLOCKED, FALSE },
  { "5.7.1", 553, "553 you are trying to use me [mx1.example.net] as a relay, but I have not been configured to let you do this",
    "smtp", "RCPT", "failed", BD_REASON_NORELAYING, FALSE },
  { "5.0.0", 552, "552 over the size limit, quota 20MB", "smtp", NULL, "failed", BD_REASON_MESGTOOBIG, FALSE },
  { "5.0.0", 550, "550 message is spam; bounced address listed", "smtp", NULL, "failed", BD_REASON_SPAMDETECTED, FALSE },
  /* no longer toomanyconn: our own "connection dropped" row decides */
  { "5.0.0", 550, "550 connection dropped: daily sending limit reached", "smtp", NULL, "failed", BD_REASON_BLOCKED, FALSE },
  /* A full mailbox beats the code some servers send for it. */
  { "5.1.1", 550, "550 5.1.1 Mailbox is full", "smtp", NULL, "failed", BD_REASON_MAILBOXFULL, FALSE },
  { "5.2.2", 552, "552 5.2.2 Quota exceeded", "smtp", NULL, "failed", BD_REASON_MAILBOXFULL, FALSE },
  { "5.2.3", 552, "552 5.2.3 Message size exceeds fixed maximum", "smtp", NULL, "failed", BD_REASON_EXCEEDLIMIT, FALSE },
  { "5.3.4", 552, "552 5.3.4 Message too big for system", "smtp", NULL, "failed", BD_REASON_MESGTOOBIG, FALSE },
  { "5.1.2", 550, "550 5.1.2 Host unknown", "smtp", NULL, "failed", BD_REASON_HOSTUNKNOWN, TRUE },
  { "5.1.6", 550, "550 5.1.6 Recipient has moved", "smtp", NULL, "failed", BD_REASON_HASMOVED, TRUE },
  { "5.7.1", 554, "554 5.7.1 Relay access denied", "smtp", "RCPT", "failed", BD_REASON_NORELAYING, FALSE },
  { "5.7.1", 554, "554 5.7.1 Client host [203.0.113.7] blocked using zen.spamhaus.org", "smtp", "RCPT", "failed", BD_REASON_BLOCKED, FALSE },
  { "5.7.1", 550, "550 5.7.1 Message rejected as spam by Content Filtering", "smtp", "DATA", "failed", BD_REASON_SPAMDETECTED, FALSE },
  { "5.7.26", 550, "550 5.7.26 This message does not pass authentication checks (SPF and DKIM both do not pass)", "smtp", "DATA", "failed", BD_REASON_AUTHFAILURE, FALSE },
  { "5.7.25", 550, "550 5.7.25 The IP address sending this message does not have a PTR record setup", "smtp", NULL, "failed", BD_REASON_REQUIREPTR, FALSE },
  { "5.7.1", 550, "550 5.7.1 Messages with multiple addresses in From: header are not accepted", "smtp", "DATA", "failed", BD_REASON_NOTCOMPLIANTRFC, FALSE },
  { "5.7.1", 550, "550 5.7.1 likely suspicious due to the very low reputation of the sending IP address", "smtp", "DATA", "failed", BD_REASON_BADREPUTATION, FALSE },
  { "4.7.0", 421, "421 4.7.0 Try again later, closing connection. Our system has detected an unusual rate of unsolicited mail", "smtp", NULL, "failed", BD_REASON_SPEEDING, FALSE },
  { "5.2.1", 550, "550 5.2.1 The email account that you tried to reach is disabled", "smtp", NULL, "failed", BD_REASON_SUSPEND, FALSE },
  { "5.7.0", 554, "554 5.7.0 Reject, id=12345 - VIRUS: Eicar-Test-Signature", "smtp", "DATA", "failed", BD_REASON_VIRUSDETECTED, FALSE },
  /* A 5.1.1 with words of a refused sender is a refusal. */
  { "5.1.8", 553, "553 5.1.8 Domain of sender address root@host.example does not exist", "smtp", "MAIL", "failed", BD_REASON_REJECTED, FALSE },
  { "4.4.7", 0, NULL, NULL, NULL, "failed", BD_REASON_EXPIRED, FALSE },
  { "4.4.1", 0, "connect to mx.example.com[192.0.2.1]:25: Connection timed out", "x-postfix", NULL, "delayed", BD_REASON_EXPIRED, FALSE },
  { "5.1.1", 0, "procmail: Couldn't create \"/var/spool/mail/u\" id: No such user", "x-unix", NULL, "failed", BD_REASON_MAILERERROR, FALSE },
  { "5.0.0", 504, "504 5.5.2 <host>: Helo command rejected: need fully-qualified hostname", "smtp", "EHLO", "failed", BD_REASON_BLOCKED, FALSE },
  { "5.5.0", 501, "501 Syntax error in parameters", "smtp", NULL, "failed", BD_REASON_SYNTAXERROR, FALSE },
  { "5.1.10", 550, "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup", "smtp", NULL, "failed", BD_REASON_USERUNKNOWN, TRUE },
  { "5.1.10", 550, "550 5.1.10 Recipient address domain has a null MX", "smtp", NULL, "failed", BD_REASON_NOTACCEPT, TRUE },
  { "2.0.0", 250, "250 2.0.0 OK", "smtp", NULL, "delivered", BD_REASON_DELIVERED, FALSE },
  { "5.0.0", 550, "550 Unrecognisable reply", "smtp", NULL, "failed", BD_REASON_ONHOLD, FALSE },
  /* Where phrases of two reasons overlap, the longer wording decides:
   * "domain does not exist" holds an unknown user's "does not exist", a
   * daily sending quota holds a full mailbox's "quota exceeded". */
  { "5.0.0", 550, "550 Domain does not exist", "smtp", "RCPT", "failed", BD_REASON_HOSTUNKNOWN, TRUE },
  { "5.0.0", 554, "554 Daily message quota exceeded", "smtp", NULL, "failed", BD_REASON_TOOMANYCONN, FALSE },
  { "5.0.0", 550, "550 Recipient address rejected: unknown domain name", "smtp", "RCPT", "failed", BD_REASON_HOSTUNKNOWN, TRUE },
  /* …while overlapping words of the same strength stay in their order. */
  { "5.0.0", 550, "550 Mailbox quota exceeded; user unknown", "smtp", "RCPT", "failed", BD_REASON_MAILBOXFULL, FALSE },
  /* Wording of other servers than the corpus's, from the phrase lists. */
  { "5.0.0", 550, "550 Unknown email address", "smtp", "RCPT", "failed", BD_REASON_USERUNKNOWN, TRUE },
  { "5.0.0", 550, "550 sorry, your envelope recipient is in my badrcptto list", "smtp", "RCPT", "failed", BD_REASON_USERUNKNOWN, TRUE },
  { "5.0.0", 550, "550 Your email is considered spam", "smtp", "DATA", "failed", BD_REASON_SPAMDETECTED, FALSE },
  { "5.0.0", 554, "554 Message refused by MailMarshal SpamProfiler", "smtp", "DATA", "failed", BD_REASON_SPAMDETECTED, FALSE },
  { "5.0.0", 550, "550 You have been blocked by the recipient", "smtp", "RCPT", "failed", BD_REASON_FILTERED, FALSE },
  /* A phrase in two parts ("recipient … was not found in") takes the
   * address between them, but not a whole sentence. */
  { "5.0.0", 550, "550 Recipient <kasia@odbiorca.example> was not found in LDAP", "smtp", "RCPT", "failed", BD_REASON_USERUNKNOWN, TRUE },
  { "5.0.0", 550, "550 Recipient list rejected by policy; please contact the postmaster of this site, who may have more details on why the message was not found in order", "smtp", "RCPT", "failed", BD_REASON_ONHOLD, FALSE },
  { NULL, 0, NULL, NULL, NULL, NULL, BD_REASON_UNDEFINED, FALSE },
  /* An SMTP reply's "user unknown" proves an unknown address only in
   * answer to RCPT TO; without the command it is a filter's refusal. */
  { "5.0.0", 550, "550 <a@example.com>: User unknown", "smtp", NULL, "failed", BD_REASON_FILTERED, FALSE },
  { "5.0.0", 550, "550 <a@example.com>: User unknown", "smtp", "RCPT", "failed", BD_REASON_USERUNKNOWN, TRUE },
  /* …and at MAIL FROM it is about the sender. */
  { "5.1.0", 553, "553 5.1.0 Address does not exist", "smtp", "MAIL", "failed", BD_REASON_REJECTED, FALSE },
  /* A domain name that "does not exist". */
  { "5.0.0", 553, "553 example.net does not exist", "smtp", "DATA", "failed", BD_REASON_HOSTUNKNOWN, TRUE },
  /* Refused at EHLO with words we do not know: the host was turned away. */
  { "5.0.0", 550, "550 Rejected", "smtp", "EHLO", "failed", BD_REASON_BLOCKED, FALSE },
  /* Orange's documented codes: OFR_506 is spam. */
  { "5.2.0", 550, "550 5.2.0 Mail rejete. Mail rejected. OFR_506 [506]", "smtp", "DATA", "failed", BD_REASON_SPAMDETECTED, FALSE },
  /* MIME named as the fault, in Sisimai's ContentError wording; the bare
   * word (in "Mimecast", "MIME-Version") names no fault. */
  { "5.0.0", 554, "554 This message contains invalid MIME headers", "smtp", "DATA", "failed", BD_REASON_CONTENTERROR, FALSE },
  { "5.0.0", 552, "552 Message MIME complexity exceeds the policy maximum", "smtp", "DATA", "failed", BD_REASON_CONTENTERROR, FALSE },
  { "5.0.0", 550, "550 Sorry, rejected by Mimecast", "smtp", "DATA", "failed", BD_REASON_ONHOLD, FALSE },
  /* The other languages' tables are consulted too. */
  { "5.2.2", 552, "552 5.2.2 Skrzynka odbiorcy jest pełna", "smtp", NULL, "failed", BD_REASON_MAILBOXFULL, FALSE },
};

static void
test_classify_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autoptr(BdBounce) bounce = bd_bounce_new ("test.eml", 0);
      BdRecipient *r = bd_bounce_add_recipient (bounce, "someone@example.com");

      bounce->kind = c->reason == BD_REASON_DELIVERED ? BD_KIND_DELIVERED : BD_KIND_BOUNCE;
      r->status = g_strdup (c->status);
      r->reply_code = c->reply_code;
      r->diagnostic = g_strdup (c->diagnostic);
      r->diagnostic_type = g_strdup (c->diagnostic_type);
      r->command = g_strdup (c->command);
      r->action = g_strdup (c->action);
      bd_classify_bounce (bounce);

      g_test_message ("case %u: %s → %s (%s)", i, c->diagnostic ? c->diagnostic : "(none)",
                      bd_reason_to_string (r->reason), r->evidence ? r->evidence : "");
      g_assert_cmpstr (bd_reason_to_string (r->reason), ==, bd_reason_to_string (c->reason));
      g_assert_cmpint (r->hard, ==, c->hard);
      if (c->reason != BD_REASON_UNDEFINED)
        g_assert_nonnull (r->evidence);
    }
}

static void
test_classify_evidence (void)
{
  g_autoptr(BdBounce) bounce = bd_bounce_new ("test.eml", 0);
  BdRecipient *full = bd_bounce_add_recipient (bounce, "a@example.com");
  BdRecipient *code = bd_bounce_add_recipient (bounce, "b@example.com");

  bounce->kind = BD_KIND_BOUNCE;
  full->status = g_strdup ("5.0.0");
  full->diagnostic = g_strdup ("550 Mailbox is full");
  code->status = g_strdup ("5.1.1");
  bd_classify_bounce (bounce);

  g_assert_cmpstr (full->evidence, ==, "phrase “mailbox is full”");
  g_assert_cmpstr (code->evidence, ==, "status 5.1.1");
}

/* A recipient without a status gets the conventional X.0.9NN code. */
static void
test_classify_pseudo_status (void)
{
  g_autoptr(BdBounce) bounce = bd_bounce_new ("test.eml", 0);
  BdRecipient *r = bd_bounce_add_recipient (bounce, "a@example.com");

  bounce->kind = BD_KIND_BOUNCE;
  r->diagnostic = g_strdup ("Mailbox is full");
  bd_classify_bounce (bounce);
  g_assert_cmpstr (r->status, ==, "5.0.922");
}

static void
test_classify_command (void)
{
  g_assert_cmpstr (bd_classify_find_command ("host x said: 550 no (in reply to rcpt to command)"), ==, "RCPT");
  g_assert_cmpstr (bd_classify_find_command ("smtp error from remote mail server after mail from:<a@b>"), ==, "MAIL");
  g_assert_cmpstr (bd_classify_find_command (">>> mail from:<a> <<< 250 ok >>> data <<< 554 no"), ==, "DATA");
  g_assert_null (bd_classify_find_command ("nothing here"));
  /* the first mention wins, wherever its marker is in the table */
  g_assert_cmpstr (bd_classify_find_command ("550 no (in reply to mail from) after rcpt to"), ==, "MAIL");
  g_assert_cmpstr (bd_classify_find_command ("[rcpt_to] 550 in reply to data"), ==, "RCPT");
  g_assert_cmpstr (bd_classify_find_command ("after after rcpt to: refused"), ==, "RCPT");
  g_assert_cmpstr (bd_classify_find_command ("[1.2.3.4] [mail_from] [data]"), ==, "MAIL");
  g_assert_cmpstr (bd_classify_find_command ("did not like our final data"), ==, "DATA");
  /* a transcript's last command, unless another marker came first */
  g_assert_cmpstr (bd_classify_find_command (">>> rcpt to <<< 250 >>> ehlo >>> mail from <<< 550"), ==, "MAIL");
  g_assert_cmpstr (bd_classify_find_command (">>> data <<< 554 (in reply to rcpt to)"), ==, "RCPT");
  g_assert_cmpstr (bd_classify_find_command (">>> rcpt to <<< 250 >>> data <<< 354 >>> rcpt to <<< 550"), ==, "RCPT");
  g_assert_cmpstr (bd_classify_find_command ("while talking to mx.example.org.: <<< 554 go away"), ==, "CONN");
}

/* The same reply means one thing at Gmail and another elsewhere: Google
 * gives 5.7.1 to a policy, a malformed message and a relay alike. */
static void
test_classify_provider (void)
{
  static const struct { const char *reporter; const char *reply; BdReason reason; } cases[] = {
    { "gmail-smtp-in.l.google.com", "550 5.7.1 Messages missing a valid Message-ID header are not accepted.",
      BD_REASON_NOTCOMPLIANTRFC },
    { "gmail-smtp-in.l.google.com", "550 5.7.1 The IP you're using to send mail is not authorized to send "
      "email directly to our servers.", BD_REASON_NORELAYING },
    { "gmail-smtp-in.l.google.com", "421 4.7.0 Try again later, closing connection.", BD_REASON_BLOCKED },
    { "mx.example.net", "421 4.7.0 Try again later, closing connection.", BD_REASON_SPEEDING },
    /* documented codes: Facebook's POL-P7, Cox's CXDNS, GoDaddy's IB212 */
    { "mx-out.facebook.com", "550 5.7.1 POL-P7 http://postmaster.facebook.com/response_codes?ip=192.0.2.1#pol "
      "Message does not comply with Facebook's Domain Authentication requirements", BD_REASON_AUTHFAILURE },
    { "cxr.mx.a.cox.net", "554 5.7.1 cox.net rejected: IP address 192.0.2.1 has no reverse DNS - CXDNS",
      BD_REASON_REQUIREPTR },
    { "p3plibsmtp01.prod.phx3.secureserver.net", "554 5.7.1 Rejected - spam IB212", BD_REASON_SPAMDETECTED },
    /* Microsoft 365: the same words mean the recipient is banned at 5.7.505 */
    { "mail.protection.outlook.com", "550 5.7.1 Delivery not authorized, message refused", BD_REASON_POLICYVIOLATION },
    { "mail.protection.outlook.com", "550 5.7.1 Service unavailable, Client host [192.0.2.1] blocked using "
      "Customer Block list (AS16012607)", BD_REASON_BLOCKED },
    /* Spectrum's AUP# numbers, by range */
    { "mx.charter.net", "554 5.7.1 Sending rate exceeded, see https://www.spectrum.net/support AUP#MXRT-1390",
      BD_REASON_SPEEDING },
    { "mx.charter.net", "554 5.7.1 Refused, AUP#1100", BD_REASON_REQUIREPTR },
    /* go-sisimai's Rhost modules (issue 14): iCloud's CS01 is its policy;
     * QQ Mail and Yahoo say "mailbox not found" after DATA too; QQ's
     * receiving-rate limit */
    { "mx01.mail.icloud.com", "550 5.7.1 [CS01] Message rejected due to local policy. Please visit "
      "https://support.apple.com/en-us/HT204137", BD_REASON_POLICYVIOLATION },
    { "mx3.qq.com", "550 Mailbox not found. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000728",
      BD_REASON_USERUNKNOWN },
    { "mta5.am0.yahoodns.net", "552 1 Requested mail action aborted, mailbox not found", BD_REASON_USERUNKNOWN },
    { "mx3.qq.com", "550 Frequency of receiving messages is limited", BD_REASON_SPEEDING },
    { "mx.zoho.com", "452 4.3.1 Temporary System Error", BD_REASON_SYSTEMERROR },
    { "gmail-smtp-in.l.google.com", "530 5.7.0 Must issue a STARTTLS command first.", BD_REASON_SECURITYERROR },
    { "gmail-smtp-in.l.google.com", "421 4.7.28 Gmail has detected an unusual rate of mail originating from your "
      "IP address 192.0.2.25.", BD_REASON_BLOCKED },
    { "gmail-smtp-in.l.google.com", "421 4.7.29 Your email has been rate limited because this message wasn't sent "
      "over a TLS connection. Gmail requires all bulk email senders to use TLS/SSL for SMTP connections.",
      BD_REASON_SECURITYERROR },
    /* Orange / La Poste: 401 and 517 are SPF and DMARC failures; a code
     * written without its separator */
    { "smtp-in.laposte.net", "550 5.5.0 SPF: 192.0.2.1 is not allowed to send mail. LPN004_401",
      BD_REASON_AUTHFAILURE },
    { "smtp-in.orange.fr", "571 5.7.1 Message refused, DMARC verification Failed. LPN007_517", BD_REASON_AUTHFAILURE },
    { "smtp-in.laposte.net", "550 5.1.1 Adresse d au moins un destinataire invalide. Invalid recipient. LPN416",
      BD_REASON_USERUNKNOWN },
    /* not from Orange / La Poste: such a run in a host name is no code */
    { "mx.example.net", "552 5.2.2 mailbox full, host ofr416.example.net", BD_REASON_MAILBOXFULL },
    { "mx.example.net", "550 5.1.1 unknown user at lpn105.relay.example.net", BD_REASON_USERUNKNOWN },
    /* Exchange Online after DATA, older Exchange, Outlook.com's own codes */
    { "example-com.mail.protection.outlook.com", "550 5.4.1 Recipient address rejected: Access denied. "
      "AS(201806281) [DB5EUR03FT034.eop-EUR03.prod.protection.outlook.com]", BD_REASON_USERUNKNOWN },
    { "example-com.mail.protection.outlook.com", "550 5.2.1 Mailbox cannot be accessed", BD_REASON_SUSPEND },
    { "hotmail-com.olc.protection.outlook.com", "421 4.7.0 RP-001 (BAY004-MC1F44) Unfortunately, some messages "
      "from 192.0.2.1 weren't sent.", BD_REASON_BADREPUTATION },
    { "hotmail-com.olc.protection.outlook.com", "550 5.7.1 DY-002 Mail rejected by Outlook.com for policy reasons.",
      BD_REASON_VIRUSDETECTED },
    /* I.UA's numbered explanations, rules whose phrases share a start:
     * the first, a later one, the last (whose number starts as the
     * first's), and a link to none of them */
    { "mx.example.net", "550 5.0.0 Relaying denied, see http://mail.i.ua/err/1/", BD_REASON_NORELAYING },
    { "mx.example.net", "550 5.0.0 Refused, see http://mail.i.ua/err/8/ for details", BD_REASON_REJECTED },
    { "mx.example.net", "550 5.0.0 Refused, see http://mail.i.ua/err/10/", BD_REASON_FILTERED },
    { "mx.example.net", "550 5.0.0 Mailbox full, see http://mail.i.ua/err/11/", BD_REASON_MAILBOXFULL },
    /* Microsoft 365's "access denied, …" replies share their start */
    { "mail.protection.outlook.com", "550 5.7.1 Access denied, rejected by recipient", BD_REASON_BLOCKED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      BdRecipient r = { 0 };
      g_autofree char *evidence = NULL;
      g_auto(GStrv) words = g_strsplit (cases[i].reply, " ", 3);

      r.address = (char *)"a@example.com";
      /* the reply's own enhanced code when it has one ("452 4.3.1 …") */
      if (words[1] != NULL && g_regex_match_simple ("^[245]\\.[0-9]{1,3}\\.[0-9]{1,3}$", words[1], 0, 0))
        r.status = words[1];
      else
        r.status = (char *)(cases[i].reply[0] == '4' ? "4.7.0" : "5.7.1");
      r.reply_code = (guint)g_ascii_strtoull (cases[i].reply, NULL, 10);
      r.diagnostic = (char *)cases[i].reply;
      g_test_message ("case %u: %s at %s", i, cases[i].reply, cases[i].reporter);
      g_assert_cmpstr (bd_reason_to_string (bd_classify_recipient (&r, cases[i].reporter, &evidence)), ==,
                       bd_reason_to_string (cases[i].reason));
      g_assert_nonnull (evidence);
    }
}

/* A delivery status notification (RFC 3464) from @reporter for one
 * recipient, decoded as the CLI would. */
static BdBounce *
decode_dsn (const char *from,
            const char *reporter,
            const char *status,
            const char *reply)
{
  g_autofree char *text = g_strdup_printf (
    "From: MAILER-DAEMON@%s\r\n"
    "To: %s\r\n"
    "Subject: Undeliverable: report\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
    "--b\r\nContent-Type: text/plain\r\n\r\nDelivery has failed.\r\n\r\n"
    "--b\r\nContent-Type: message/delivery-status\r\n\r\n"
    "Reporting-MTA: dns; %s\r\n\r\n"
    "Final-Recipient: rfc822; anna@example.net\r\n"
    "Action: failed\r\nStatus: %s\r\nRemote-MTA: dns; %s\r\n"
    "Diagnostic-Code: smtp; %s\r\n\r\n"
    "--b\r\nContent-Type: message/rfc822\r\n\r\n"
    "From: %s\r\nTo: anna@example.net\r\nSubject: hello\r\n\r\nhi\r\n"
    "--b--\r\n", reporter, from, reporter, status, reporter, reply, from);

  return bd_decoder_decode_bytes (text, strlen (text), "test.eml", 0);
}

static BdRecipient *
first (BdBounce *bounce)
{
  g_assert_cmpuint (bounce->recipients->len, ==, 1);
  return g_ptr_array_index (bounce->recipients, 0);
}

/* A provider's rules apply to its own servers only: a host that merely
 * ends with its name is someone else's (mx.notoutlook.com got Microsoft
 * 365's meaning of 5.7.1). */
static void
test_classify_provider_label_boundary (void)
{
  const char *reply = "550 5.7.1 Delivery not authorized";
  g_autoptr(BdBounce) other = decode_dsn ("jan@example.org", "mx.notoutlook.com", "5.7.1", reply);
  g_autoptr(BdBounce) plain = decode_dsn ("jan@example.org", "mx.example.com", "5.7.1", reply);
  g_autoptr(BdBounce) m365 = decode_dsn ("jan@example.org", "mail.protection.outlook.com", "5.7.1", reply);

  g_assert_cmpstr (bd_reason_to_string (first (other)->reason), ==, "securityerror");
  g_assert_cmpstr (first (other)->evidence, ==, "status 5.7.1");
  g_assert_cmpstr (first (other)->evidence, ==, first (plain)->evidence);
  g_assert_cmpstr (bd_reason_to_string (first (m365)->reason), ==, "rejected");
  g_assert_cmpint (first (m365)->cause.kind, ==, BD_EVIDENCE_PROVIDER_RULE);
  g_assert_true (bd_host_has_suffix ("mx.outlook.com.", "outlook.com"));
  g_assert_true (bd_host_has_suffix ("OUTLOOK.COM", "outlook.com"));
  g_assert_false (bd_host_has_suffix ("notoutlook.com", "outlook.com"));
  g_assert_false (bd_host_has_suffix ("outlook.com.evil.example", "outlook.com"));
  g_assert_true (bd_provider_named_in (bd_provider_get (BD_PROVIDER_MICROSOFT), "at am0pr01.prod.outlook.com]"));
  g_assert_false (bd_provider_named_in (bd_provider_get (BD_PROVIDER_MICROSOFT), "at mx.notoutlook.com"));
}

/* The codes that name a reason by themselves (RFC 3463, RFC 5248), and
 * those that do not: generic, unknown or written differently. */
static void
test_classify_status_codes (void)
{
  static const struct { const char *status; BdReason reason; } codes[] = {
    { "2.1.5", BD_REASON_DELIVERED }, { "4.2.2", BD_REASON_MAILBOXFULL }, { "4.7.12", BD_REASON_SECURITYERROR },
    { "4.7.25", BD_REASON_REQUIREPTR }, { "5.1.1", BD_REASON_USERUNKNOWN }, { "5.1.10", BD_REASON_NOTACCEPT },
    { "5.2.2", BD_REASON_MAILBOXFULL }, { "5.7.1", BD_REASON_SECURITYERROR }, { "5.7.27", BD_REASON_NOTACCEPT },
    { "5.0.0", BD_REASON_UNDEFINED }, { "4.0.0", BD_REASON_UNDEFINED }, { "5.1.1 ", BD_REASON_UNDEFINED },
    { "5.1", BD_REASON_UNDEFINED }, { "", BD_REASON_UNDEFINED }, { "9.9.9", BD_REASON_UNDEFINED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    g_assert_cmpstr (bd_reason_to_string (bd_classify_status (codes[i].status)), ==,
                     bd_reason_to_string (codes[i].reason));
  g_assert_cmpint (bd_classify_status (NULL), ==, BD_REASON_UNDEFINED);
}

/* A multi-line reply's repeated codes ("550-5.7.1 … 550 5.7.1 …") are
 * dropped after the first, so its words read on: the prefixes are built
 * from the reply code and the status, a 4xx and a longer status too. */
static void
test_classify_repeated_codes (void)
{
  g_autoptr(BdBounce) five = decode_dsn ("jan@example.org", "mx.example.com", "5.7.1",
                                         "550-5.7.1 The user does not accept 550-5.7.1 mail from you 550 5.7.1 here");
  g_autoptr(BdBounce) four = decode_dsn ("jan@example.org", "mx.example.com", "4.7.28",
                                         "421-4.7.28 Our system has detected 421-4.7.28 an unusual rate 421 4.7.28 of mail");

  g_assert_cmpstr (first (five)->diagnostic, ==, "550-5.7.1 The user does not accept mail from you here");
  g_assert_cmpstr (first (four)->diagnostic, ==, "421-4.7.28 Our system has detected an unusual rate of mail");
}

/* The registry's answers as they were computed before the lookup
 * tables: every name of every provider compared in turn. */
static gboolean
reference_has_host (const BdProvider *provider,
                    const char       *host)
{
  const char *const *lists[] = { provider->host_suffixes, provider->mail_domains };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l][i] != NULL; i++)
      if (bd_host_has_suffix (host, lists[l][i]))
        return TRUE;
  return FALSE;
}

static gboolean
reference_named_in (const BdProvider *provider,
                    const char       *lowered)
{
  for (guint i = 0; provider->host_suffixes[i] != NULL; i++)
    {
      const char *suffix = provider->host_suffixes[i];
      gsize n = strlen (suffix);

      for (const char *p = strstr (lowered, suffix); p != NULL; p = strstr (p + 1, suffix))
        if ((p == lowered || (!g_ascii_isalnum (p[-1]) && p[-1] != '-'))
            && !g_ascii_isalnum (p[n]) && p[n] != '-')
          return TRUE;
    }
  return FALSE;
}

static void
check_masks (const char *text)
{
  guint32 hosts = bd_provider_mask_for_host (text);
  guint32 named = bd_provider_mask_named_in (text);
  g_autofree char *address = g_strconcat ("user@", text, NULL);
  guint32 addresses = bd_provider_mask_for_address (address);
  gboolean expected;
  const BdProvider *first_host = NULL;

  for (guint id = BD_PROVIDER_NONE; id < BD_N_PROVIDERS; id++)
    {
      const BdProvider *provider = bd_provider_get (id);
      gboolean has = reference_has_host (provider, text);

      if (((hosts >> id) & 1) != (guint32)has || bd_provider_has_host (provider, text) != has)
        g_error ("host “%s”, %s: expected %d", text, provider->name, has);
      if (((addresses >> id) & 1) != (guint32)bd_provider_has_address (provider, address))
        g_error ("address “%s”, %s: the mask differs", address, provider->name);
      expected = reference_named_in (provider, text);
      if (((named >> id) & 1) != (guint32)expected)
        g_error ("reply “%s”, %s: expected %d", text, provider->name, expected);
      if (first_host == NULL && id != BD_PROVIDER_NONE && has)
        first_host = provider;
    }
  g_assert_true (bd_provider_for_host (text) == first_host);
}

/* The lookup tables answer as the comparisons did, for every name of
 * the registry in every position a host or a reply may hold it, and for
 * the edge cases of both. */
static void
test_classify_provider_masks (void)
{
  static const char *const texts[] = {
    "", ".", "..", "localhost", "co.uk", "ne.jp", "com", "[1.2.3.4]", "5.7.1 10.0.0.1",
    "at am0pr01.prod.outlook.com]", "at mx.notoutlook.com", "MX.OUTLOOK.COM.", "outlook.com>",
    "outlook.com.>.", "a..outlook.com", ".outlook.com", "outlook.com.evil", "outlook.com-x",
    "-outlook.com", "foo.outlook.comx", "(google.com)", "....google.com....", "google.com.google.com",
    "xgoogle.com google.com", "mx.au.company", "x.yahoo.co.uk.", "mx.t-online.de", "mx01.gmx.net",
    "user@mail.qq.com", "host ofr416.example.net", "secureserver.net.outlook.com",
    "mimecast.com-eu.x hotmail.com", "yahoo.com.yahoodns.net", "ezweb.ne.jp.docomo.ne.jp",
  };
  g_autofree char *long_label = g_strnfill (300, 'a');
  g_autofree char *long_host = g_strconcat (long_label, ".gmail.com", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    check_masks (texts[i]);
  check_masks (long_host);
  for (guint id = 0; id < BD_N_PROVIDERS; id++)
    {
      const BdProvider *provider = bd_provider_get (id);
      const char *const *lists[] = { provider->host_suffixes, provider->mail_domains };

      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        for (guint i = 0; lists[l][i] != NULL; i++)
          {
            static const char *const frames[][2] = {
              { "", "" }, { "x", "" }, { "x.", "" }, { "", "." }, { "", "x" }, { "-", "" }, { "", "-" },
              { "[", "]" }, { "a.b.", ".c d" }, { "mx.", ">" }, { "MX.", "." }, { "a.", "a" },
            };
            g_autofree char *upper = g_ascii_strup (lists[l][i], -1);

            for (guint f = 0; f < G_N_ELEMENTS (frames); f++)
              {
                g_autofree char *text = g_strconcat (frames[f][0], lists[l][i], frames[f][1], NULL);
                g_autofree char *shouted = g_strconcat (frames[f][0], upper, frames[f][1], NULL);

                check_masks (text);
                check_masks (shouted);
              }
          }
    }
}

/* Random replies of the registry's names, their last labels and near
 * misses ("comx", "ne.jpn"), dots, dashes and other bytes: the one-pass
 * lookup of named hosts, which reads only the parts ending in a last
 * label, against the comparison of every name. */
static void
test_classify_provider_masks_random (void)
{
  static const char *const pieces[] = {
    ".", ".", "..", "-", " ", "[", "]", ">", "@", "_", "x", "mx", "5", "com", "net", "jp", "comx", "co",
    "ne", "jpn", "nett", ".com", ".net", ".jp", ".ne.jp", "outlook", "outlook.com", "google.com",
    "yahoodns.net", "docomo.ne.jp", "ezweb", "au.com", "qq", "cox.net", "charter", "o", "c", "n", "j",
  };
  GRand *rand = g_rand_new_with_seed (19);

  for (guint round = 0; round < 20000; round++)
    {
      GString *text = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 12);

      for (guint i = 0; i < n; i++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      check_masks (text->str);
      g_string_free (text, TRUE);
    }
  g_rand_free (rand);
}

/* Checks @name with byte @b at @at, and the same in a host below it. */
static void
check_name_with_byte (const char *name,
                      gsize       at,
                      char        b)
{
  g_autofree char *changed = g_strdup (name);
  g_autofree char *below = NULL;

  changed[at] = b;
  below = g_strconcat ("mx.", changed, NULL);
  check_masks (changed);
  check_masks (below);
}

/* The names are compared eight bytes at a time, read in lower case for
 * a host: every name of the registry with each place changed to the
 * bytes around the letters' ranges and to the letters of either case,
 * and its middle byte to every byte, against the byte-by-byte
 * comparisons. */
static void
test_classify_provider_masks_bytes (void)
{
  static const char edges[] = "@AZ[`az{.-0\x7f\x80\xc1\xda\xe1\xfa\xff";

  for (guint id = 0; id < BD_N_PROVIDERS; id++)
    {
      const BdProvider *provider = bd_provider_get (id);
      const char *const *lists[] = { provider->host_suffixes, provider->mail_domains };

      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        for (guint i = 0; lists[l][i] != NULL; i++)
          {
            const char *name = lists[l][i];
            gsize n = strlen (name);

            for (gsize at = 0; at < n; at++)
              {
                for (guint e = 0; e < sizeof edges - 1; e++)
                  check_name_with_byte (name, at, edges[e]);
                check_name_with_byte (name, at, g_ascii_toupper (name[at]));
              }
            for (guint b = 1; b < 256; b++)
              check_name_with_byte (name, n / 2, (char)b);
          }
    }
}

/* Microsoft 365 answers its own user's sending quota with 5.2.2: the
 * reason is decided once, so the JSON's reason says what the headline
 * says. A full mailbox elsewhere stays one. */
static void
test_classify_microsoft_quota (void)
{
  const char *host = "AM0PR01MB1234.eurprd01.prod.outlook.com";
  g_autoptr(BdBounce) quota = decode_dsn ("jan@outlook.com", host, "5.2.2", "554 5.2.2 mailbox full");
  g_autoptr(BdBounce) full = decode_dsn ("jan@example.org", "mx.example.com", "5.2.2", "554 5.2.2 mailbox full");

  g_assert_cmpstr (bd_reason_to_string (first (quota)->reason), ==, "speeding");
  g_assert_cmpstr (first (quota)->evidence, ==, "Microsoft 365: 5.2.2 is the sender's submission quota");
  g_assert_cmpstr (bd_reason_to_string (first (full)->reason), ==, "mailboxfull");
}

/* The reply code a relay adds ("421" beside status 5.1.2) is dropped
 * before classifying: the evidence cannot rest on a code the output no
 * longer has ("…, temporary" did). */
static void
test_classify_reply_class_first (void)
{
  g_autoptr(BdBounce) bounce = decode_dsn ("jan@example.org", "mx.example.com", "5.1.2",
                                           "421 Host or domain name not found");
  BdRecipient *r = first (bounce);

  g_assert_cmpuint (r->reply_code, ==, 0);
  g_assert_cmpstr (bd_reason_to_string (r->reason), ==, "hostunknown");
  g_assert_cmpstr (r->evidence, ==, "phrase “host or domain name not found”");
  g_assert_false (r->cause.temporary);
}

/* bd_classify_find_command() reads a text as its folded copy would read
 * (case and runs of blanks): random texts of the markers' words and
 * others, in random case, joined by random runs of blanks (which folding
 * makes one space), must give the same command as written and folded. */
static void
test_classify_command_unfolded (void)
{
  static const char *const words[] = {
    "in", "reply", "to", "rcpt", "mail", "from", "end", "of", "data", "ehlo", "helo", "after", "command",
    "progress", "was", "response", "initial", "connection", "did", "not", "like", "our", "final", "[rcpt_to]",
    "[mail_from]", "[data]", ">>>", "<<<", "while", "talking", "mx.example.org.:", "554", "user", "unknown",
    "replay", "aft", "[rcpt", "to]", ">>", "talk", "ing", "lik", "e",
  };
  static const char *const blanks[] = { " ", "  ", "\t", "\n", "\r\n", " \n\t" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint named = 0;

  for (guint round = 0; round < 30000; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n_words = g_rand_int_range (rand, 1, 9);

      for (guint i = 0; i < n_words; i++)
        {
          g_autofree char *word = g_strdup (words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);

          for (char *c = word; *c != '\0'; c++)
            if (g_rand_boolean (rand))
              *c = g_ascii_toupper (*c);
          if (i > 0 || g_rand_boolean (rand))
            g_string_append (text, blanks[g_rand_int_range (rand, 0, G_N_ELEMENTS (blanks))]);
          g_string_append (text, word);
        }
      {
        g_autofree char *folded = bd_text_fold_lower (text->str);
        const char *as_folded = bd_classify_find_command (folded);

        if (g_strcmp0 (as_folded, bd_classify_find_command (text->str)) != 0)
          g_error ("“%s” names %s folded, yet %s as written", text->str, as_folded,
                   bd_classify_find_command (text->str));
        named += as_folded != NULL;
      }
    }
  /* the texts test something */
  g_assert_cmpuint (named, >, 1000);
}

/* The recorded forms, as g_strconcat () joined them before join () did:
 * every kind that quotes its item, with items of every length. */
static void
test_classify_recorded_forms (void)
{
  static const struct { BdEvidenceKind kind; const char *before, *after; } forms[] = {
    { BD_EVIDENCE_STATUS, "status ", "" }, { BD_EVIDENCE_REPLY_CODE, "reply code ", "" },
    { BD_EVIDENCE_PHRASE, "phrase “", "”" },
    { BD_EVIDENCE_PHRASE_AFTER_DATA, "phrase “", "” after the message was sent" },
    { BD_EVIDENCE_REPLY_TO_MAIL_FROM, "", " in reply to MAIL FROM" },
    { BD_EVIDENCE_PHRASE_TO_MAIL_FROM, "phrase “", "” in reply to MAIL FROM" },
    { BD_EVIDENCE_DOMAIN_BEFORE_PHRASE, "a domain name before “", "”" },
    { BD_EVIDENCE_REFUSED_AT, "refused at ", "" }, { BD_EVIDENCE_ACTION, "action ", "" },
    { BD_EVIDENCE_DIAGNOSTIC_TYPE, "diagnostic type ", "" },
    { BD_EVIDENCE_FEEDBACK_TYPE, "feedback report (", ")" }, { BD_EVIDENCE_DISPOSITION, "disposition ", "" },
    { BD_EVIDENCE_COMPLAINT_SUBJECT, "complaint (subject “", "”)" },
    { BD_EVIDENCE_FRANCEPTT_CODE, "Orange/La Poste: code ", "" },
    { BD_EVIDENCE_SPECTRUM_CODE, "Spectrum: code AUP#", "" },
    { BD_EVIDENCE_POWERMTA_CATEGORY, "PowerMTA bounce category ", "" },
    { BD_EVIDENCE_NOTIFICATION_TYPE, "notificationType ", "" },
  };
  g_autofree char *long_item = g_strnfill (300, 'q');
  const char *items[] = { NULL, "", "x", "5.1.1", "mailbox is full", "z\xc5\xbc\xc3\xb3\xc5\x82w", long_item };

  for (guint f = 0; f < G_N_ELEMENTS (forms); f++)
    for (guint i = 0; i < G_N_ELEMENTS (items); i++)
      for (guint temporary = 0; temporary < 2; temporary++)
        {
          BdEvidence evidence = { 0 };
          g_autofree char *form = NULL;
          g_autofree char *want = NULL;

          bd_evidence_set (&evidence, forms[f].kind, items[i]);
          evidence.temporary = temporary;
          form = bd_evidence_to_string (&evidence);
          want = g_strconcat (forms[f].before, items[i] != NULL ? items[i] : "", forms[f].after,
                              temporary ? ", temporary" : "", NULL);
          g_assert_cmpstr (form, ==, want);
          bd_evidence_clear (&evidence);
        }
}

/* --- the body's command, searched only when asked ---------------------- */

/* A bounce of @n recipients made from @rand's pieces, its commands from
 * each diagnostic (as bd_decoder_find_commands () sets them). */
static BdBounce *
random_bounce (GRand *rand,
               guint  n)
{
  static const char *const statuses[] = { NULL, "5.0.0", "5.1.1", "5.2.2", "4.4.7", "5.7.1", "2.0.0", "5.1.0" };
  static const guint codes[] = { 0, 550, 554, 421, 452, 501, 553 };
  static const char *const words[] = {
    "user unknown", "mailbox is full", "access denied", "recipient address rejected", "no such user",
    "blocked", "spam", "550 5.1.1", "(in reply to rcpt to command)", "after mail from", ">>> DATA",
    "does not exist", "example.com", "rejected", "relay access denied", "hello", "sender",
  };
  static const char *const types[] = { NULL, "smtp", "x-unix", "x-postfix" };
  static const char *const actions[] = { "failed", "delayed", "delivered", NULL };
  BdBounce *bounce = bd_bounce_new ("test.eml", 0);

  bounce->kind = g_rand_int_range (rand, 0, 5) == 0 ? BD_KIND_DELAYED : BD_KIND_BOUNCE;
  bounce->reporting_mta = g_rand_boolean (rand) ? g_strdup ("mx.docomo.ne.jp") : NULL;
  for (guint i = 0; i < n; i++)
    {
      BdRecipient *r = bd_bounce_add_recipient (bounce, "someone@example.com");
      g_autoptr(GString) diagnostic = g_string_new (NULL);

      r->status = g_strdup (statuses[g_rand_int_range (rand, 0, G_N_ELEMENTS (statuses))]);
      r->reply_code = codes[g_rand_int_range (rand, 0, G_N_ELEMENTS (codes))];
      r->diagnostic_type = g_strdup (types[g_rand_int_range (rand, 0, G_N_ELEMENTS (types))]);
      r->action = g_strdup (actions[g_rand_int_range (rand, 0, G_N_ELEMENTS (actions))]);
      for (guint k = g_rand_int_range (rand, 0, 4); k > 0; k--)
        g_string_append_printf (diagnostic, "%s ", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      if (diagnostic->len > 0)
        r->diagnostic = g_strdup (diagnostic->str);
      r->command = g_strdup (bd_classify_find_command (r->diagnostic));
    }
  return bounce;
}

/* bd_classify_bounce_with_body () against the body searched first for
 * every recipient without a command (the decoder's old order): the same
 * reasons, evidence and codes, and a command where it was searched. */
static void
test_classify_body_command (void)
{
  static const char *const bodies[] = {
    NULL, "", "no command here", "host mx said: 550 no (in reply to RCPT TO command)",
    "after MAIL FROM:<a@b> the server said", ">>> DATA\n<<< 554 no", ">>> EHLO x\n<<< 550 go away",
    "... while talking to mx.example.org.:\n<<< 554 refused",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint round = 0; round < 20000; round++)
    {
      const char *body = bodies[g_rand_int_range (rand, 0, G_N_ELEMENTS (bodies))];
      guint n = g_rand_int_range (rand, 1, 4);
      guint32 seed = g_rand_int (rand);
      g_autoptr(GRand) rand_lazy = g_rand_new_with_seed (seed);
      g_autoptr(GRand) rand_first = g_rand_new_with_seed (seed);
      g_autoptr(BdBounce) lazy = random_bounce (rand_lazy, n);
      g_autoptr(BdBounce) first = random_bounce (rand_first, n);

      for (guint i = 0; i < n; i++)
        {
          BdRecipient *r = g_ptr_array_index (first->recipients, i);

          if (r->command == NULL && body != NULL)
            r->command = g_strdup (bd_classify_find_command (body));
        }
      bd_classify_bounce (first);
      bd_classify_bounce_with_body (lazy, body);
      for (guint i = 0; i < n; i++)
        {
          const BdRecipient *a = g_ptr_array_index (lazy->recipients, i);
          const BdRecipient *b = g_ptr_array_index (first->recipients, i);

          g_assert_cmpint (a->reason, ==, b->reason);
          g_assert_cmpstr (a->evidence, ==, b->evidence);
          g_assert_cmpstr (a->status, ==, b->status);
          g_assert_cmpint (a->hard, ==, b->hard);
          if (a->command != NULL)
            g_assert_cmpstr (a->command, ==, b->command);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_mime_init ();

  g_test_add_func ("/core/classify/table", test_classify_table);
  g_test_add_func ("/core/classify/evidence", test_classify_evidence);
  g_test_add_func ("/core/classify/recorded-forms", test_classify_recorded_forms);
  g_test_add_func ("/core/classify/pseudo-status", test_classify_pseudo_status);
  g_test_add_func ("/core/classify/command", test_classify_command);
  g_test_add_func ("/core/classify/provider", test_classify_provider);
  g_test_add_func ("/core/classify/provider-label-boundary", test_classify_provider_label_boundary);
  g_test_add_func ("/core/classify/provider-masks", test_classify_provider_masks);
  g_test_add_func ("/core/classify/provider-masks-random", test_classify_provider_masks_random);
  g_test_add_func ("/core/classify/provider-masks-bytes", test_classify_provider_masks_bytes);
  g_test_add_func ("/core/classify/repeated-codes", test_classify_repeated_codes);
  g_test_add_func ("/core/classify/status-codes", test_classify_status_codes);
  g_test_add_func ("/core/classify/microsoft-quota", test_classify_microsoft_quota);
  g_test_add_func ("/core/classify/reply-class-first", test_classify_reply_class_first);
  g_test_add_func ("/core/classify/command-unfolded", test_classify_command_unfolded);
  g_test_add_func ("/core/classify/body-command", test_classify_body_command);

  return g_test_run ();
}
