/* bd-classify-provider-rules.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The providers' own meanings (see BdProviderRule), grouped by provider: from
 * their published references (Microsoft 365, Google, Yahoo, Cox, GoDaddy,
 * Facebook…) and the per-provider lists of Sisimai. Read by
 * bd-classify-provider.c. The last field is shown under "Why this reason?"
 * and translated there (N_ marks it for the translators).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "bd-classify-private.h"

/* Rows name their provider (bd-provider.h) without its prefix. */
#define NONE BD_PROVIDER_NONE
#define MICROSOFT BD_PROVIDER_MICROSOFT
#define GOOGLE BD_PROVIDER_GOOGLE
#define YAHOO BD_PROVIDER_YAHOO
#define MIMECAST BD_PROVIDER_MIMECAST
#define FACEBOOK BD_PROVIDER_FACEBOOK
#define GODADDY BD_PROVIDER_GODADDY
#define MESSAGELABS BD_PROVIDER_MESSAGELABS
#define COX BD_PROVIDER_COX
#define QQ BD_PROVIDER_QQ
#define ZOHO BD_PROVIDER_ZOHO
#define ICLOUD BD_PROVIDER_ICLOUD
#define AMAZON BD_PROVIDER_AMAZON
#define CLOUDFLARE BD_PROVIDER_CLOUDFLARE

/* Translators: the explanations below are shown under "Why this reason?";
 * keep the provider's name before the colon and codes such as 5.7.1,
 * IB212 or POL-P7 as they are. */
const BdProviderRule bd_provider_rules[] = {
  /* Microsoft 365 answers 5.2.2 to the sender's own submission quota, not
   * to a full mailbox, and 5.1.10 to an address its directory lacks. */
  { NONE, "5.2.2", "submission quota", BD_REASON_SPEEDING, N_("Microsoft 365: 5.2.2 is the sender's submission quota") },
  { NONE, "5.1.10", "recipientnotfound", BD_REASON_USERUNKNOWN, N_("Microsoft 365: 5.1.10 is an unknown recipient") },
  { NONE, "5.1.10", "recipient not found", BD_REASON_USERUNKNOWN, N_("Microsoft 365: 5.1.10 is an unknown recipient") },
  /* Exchange Online relaying a remote server's refusal of the address. */
  { NONE, "5.1.351", "unknown recipient", BD_REASON_USERUNKNOWN, N_("Microsoft 365: 5.1.351 is the remote server's unknown recipient") },
  /* Outlook.com's own reply for an address it does not have. */
  { MICROSOFT, NULL, "requested action not taken: mailbox unavailable", BD_REASON_USERUNKNOWN, N_("Outlook.com: no such mailbox") },
  { MICROSOFT, "5.7.509", NULL, BD_REASON_AUTHFAILURE, N_("Microsoft 365: 5.7.509 is a DMARC failure") },
  { MICROSOFT, "5.7.515", NULL, BD_REASON_AUTHFAILURE, N_("Microsoft 365: 5.7.515 is an authentication level failure") },
  { MICROSOFT, "5.7.6", "banned sending ip", BD_REASON_BLOCKED, N_("Microsoft 365: 5.7.6xx is a banned sending IP") },
  /* Microsoft 365's documented replies (learn.microsoft.com, NDR codes),
   * the more precise first */
  { MICROSOFT, NULL, "must pass either spf or dkim validation", BD_REASON_AUTHFAILURE, N_("Microsoft 365: SPF or DKIM must pass") },
  { MICROSOFT, NULL, "sender policy framework violation", BD_REASON_AUTHFAILURE, N_("Microsoft 365: SPF failed") },
  { MICROSOFT, NULL, "tlsa-invalid", BD_REASON_AUTHFAILURE, N_("Microsoft 365: the domain failed DANE validation") },
  { MICROSOFT, NULL, "dnssec-invalid", BD_REASON_AUTHFAILURE, N_("Microsoft 365: the domain's DNSSEC records are not valid") },
  { MICROSOFT, NULL, "certificate-host-mismatch", BD_REASON_AUTHFAILURE, N_("Microsoft 365: the server's certificate does not match its name") },
  { MICROSOFT, NULL, "certificate-expired", BD_REASON_AUTHFAILURE, N_("Microsoft 365: the server's certificate has expired") },
  { MICROSOFT, NULL, "access denied, please try again later", BD_REASON_BLOCKED, N_("Microsoft 365: the sending IP is turned away for now") },
  { MICROSOFT, NULL, "access denied, bad helo", BD_REASON_BLOCKED, N_("Microsoft 365: the HELO name was refused") },
  { MICROSOFT, NULL, "access denied, rejected by recipient", BD_REASON_BLOCKED, N_("Microsoft 365: the recipient's organisation refuses the sender") },
  { MICROSOFT, NULL, "does not accept email over ipv6", BD_REASON_BLOCKED, N_("Microsoft 365: no mail over IPv6") },
  { MICROSOFT, NULL, "restrictdomainstoipaddresses", BD_REASON_BLOCKED, N_("Microsoft 365: only certain IPs may send for the domain") },
  { MICROSOFT, NULL, "using customer block list", BD_REASON_BLOCKED, N_("Microsoft 365: on the recipient organisation's block list") },
  { MICROSOFT, NULL, "part of their network is on our block list", BD_REASON_BLOCKED, N_("Microsoft 365: the sending network is blocked") },
  { MICROSOFT, "5.7.511", "access denied, banned sender", BD_REASON_BLOCKED, N_("Microsoft 365: 5.7.511, a banned sender") },
  { MICROSOFT, "5.7.505", "access denied, banned recipient", BD_REASON_SUSPEND, N_("Microsoft 365: 5.7.505, the recipient is banned") },
  { MICROSOFT, "5.7.504", "recipient address rejected: access denied", BD_REASON_SUSPEND, N_("Microsoft 365: 5.7.504, the recipient may not receive mail") },
  { MICROSOFT, NULL, "access denied, banned sender", BD_REASON_REJECTED, N_("Microsoft 365: a banned sender") },
  { MICROSOFT, NULL, "access denied, spam abuse detected", BD_REASON_REJECTED, N_("Microsoft 365: spam abuse from the sender") },
  { MICROSOFT, NULL, "client blocked from sending from unregistered domains", BD_REASON_REJECTED, N_("Microsoft 365: the sender's domain is not registered") },
  { MICROSOFT, NULL, "delivery not authorized, message refused", BD_REASON_POLICYVIOLATION, N_("Microsoft 365: a policy refused the message") },
  { MICROSOFT, NULL, "delivery not authorized", BD_REASON_REJECTED, N_("Microsoft 365: the sender may not send to the recipient") },
  { MICROSOFT, NULL, "sender was not authenticated", BD_REASON_REJECTED, N_("Microsoft 365: the recipient accepts only authenticated senders") },
  { MICROSOFT, NULL, "sender not authenticated for group", BD_REASON_REJECTED, N_("Microsoft 365: the group accepts only authenticated senders") },
  { MICROSOFT, NULL, "sender not in allowed-senders list", BD_REASON_REJECTED, N_("Microsoft 365: the sender is not on the allowed list") },
  { MICROSOFT, NULL, "too many related errors", BD_REASON_CONTENTERROR, N_("Microsoft 365: too many errors in the message") },
  { MICROSOFT, NULL, "agent generated message depth exceeded", BD_REASON_CONTENTERROR, N_("Microsoft 365: a loop of generated messages") },
  { MICROSOFT, NULL, "invalid message content", BD_REASON_CONTENTERROR, N_("Microsoft 365: the content is not valid") },
  { MICROSOFT, "4.4.316", "connection refused", BD_REASON_NETWORKERROR, N_("Microsoft 365: 4.4.316, the connection was refused (retried)") },
  { MICROSOFT, NULL, "recipient thread limit exceeded", BD_REASON_SPEEDING, N_("Microsoft 365: too many messages to the recipient at once") },
  { MICROSOFT, NULL, "reached your daily limit for message recipients", BD_REASON_SPEEDING, N_("Microsoft 365: the sender's daily recipient limit") },
  { MICROSOFT, NULL, "message receive limit", BD_REASON_SPEEDING, N_("Microsoft 365: the recipient's hourly receiving limit") },
  { MICROSOFT, NULL, "has exceeded permitted limits within", BD_REASON_SPEEDING, N_("Microsoft 365: the sender's limits") },
  { MICROSOFT, NULL, "tenant has exceeded threshold", BD_REASON_SPEEDING, N_("Microsoft 365: the sending tenant's limit") },
  { MICROSOFT, NULL, "traffic not accepted from this ip", BD_REASON_SPEEDING, N_("Microsoft 365: traffic from the IP is refused for now") },
  { MICROSOFT, NULL, "the recipient has exceeded their limit for", BD_REASON_TOOMANYCONN, N_("Microsoft 365: the recipient's limit") },
  { MICROSOFT, NULL, "send hello first", BD_REASON_SYNTAXERROR, N_("Microsoft 365: HELO was not sent first") },
  { MICROSOFT, "4.3.2", "service not a", BD_REASON_SYSTEMERROR, N_("Microsoft 365: 4.3.2, the service is unavailable") },
  { MICROSOFT, NULL, "journaling on-premises messages", BD_REASON_SYSTEMERROR, N_("Microsoft 365: journaling is not set up") },
  { MICROSOFT, NULL, "helo / ehlo requires domain address", BD_REASON_SYSTEMERROR, N_("Microsoft 365: the HELO name needs a domain") },
  { MICROSOFT, NULL, "destination mailbox address ambiguous", BD_REASON_SYSTEMERROR, N_("Microsoft 365: more than one mailbox has the address") },
  { MICROSOFT, NULL, "mailing list expansion problem", BD_REASON_SYSTEMERROR, N_("Microsoft 365: a distribution list could not be expanded") },
  { MICROSOFT, NULL, "misconfigured forwarding address", BD_REASON_SYSTEMERROR, N_("Microsoft 365: the recipient's forwarding is misconfigured") },
  { MICROSOFT, NULL, "message failed to be replicated", BD_REASON_SYSTEMERROR, N_("Microsoft 365: an internal problem") },
  { MICROSOFT, NULL, "suspiciousremoteservererror", BD_REASON_SYSTEMERROR, N_("Microsoft 365: the receiving server behaved oddly") },
  { MICROSOFT, NULL, "server busy. please try again later", BD_REASON_SYSTEMERROR, N_("Microsoft 365: the server was busy") },
  { MICROSOFT, NULL, "pfa agent busy", BD_REASON_SYSTEMERROR, N_("Microsoft 365: the server was busy") },
  { MICROSOFT, NULL, "content filter agent quarantined this message", BD_REASON_SPAMDETECTED, N_("Microsoft 365: the content filter quarantined it") },
  { MICROSOFT, NULL, "recipient address reserved by rfc 2606", BD_REASON_USERUNKNOWN, N_("Microsoft 365: an example address") },
  { MICROSOFT, NULL, "recipient addresses in single label domains not accepted", BD_REASON_USERUNKNOWN, N_("Microsoft 365: a domain without a dot") },
  { MICROSOFT, NULL, "invalid x.400 address", BD_REASON_USERUNKNOWN, N_("Microsoft 365: an address that is not valid") },
  /* Exchange Online's directory-based edge blocking refuses an address
   * its directory lacks with "550 5.4.1 Recipient address rejected: Access
   * denied", also after DATA; older Exchange's "5.2.1 Mailbox cannot be
   * accessed" is a disabled mailbox (Microsoft's NDR reference as
   * go-sisimai rhost/for-microsoft.go quotes it, issue 14). */
  { MICROSOFT, "5.4.1", "recipient address rejected: access denied", BD_REASON_USERUNKNOWN, N_("Microsoft 365: 5.4.1, no such recipient in its directory") },
  { MICROSOFT, "5.2.1", "mailbox cannot be accessed", BD_REASON_SUSPEND, N_("Microsoft Exchange: the mailbox cannot be accessed") },
  /* Outlook.com's own codes (its postmaster troubleshooting page, "SNDS",
   * as go-sisimai rhost/for-microsoft.go lists them): RP- and SC-001/OU-002
   * the sending IP's or domain's reputation, SC-003/SC-004/DY-001/OU-001 a
   * block of the IP, SC-002 address harvesting, DY-002 an infected sender. */
  { MICROSOFT, NULL, "rp-001", BD_REASON_BADREPUTATION, N_("Outlook.com: the reputation of the sending IP or domain") },
  { MICROSOFT, NULL, "rp-002", BD_REASON_BADREPUTATION, N_("Outlook.com: the reputation of the sending IP or domain") },
  { MICROSOFT, NULL, "rp-003", BD_REASON_BADREPUTATION, N_("Outlook.com: the reputation of the sending IP or domain") },
  { MICROSOFT, NULL, "sc-001", BD_REASON_BADREPUTATION, N_("Outlook.com: the reputation of the sending IP or domain") },
  { MICROSOFT, NULL, "ou-002", BD_REASON_BADREPUTATION, N_("Outlook.com: the reputation of the sending IP or domain") },
  { MICROSOFT, NULL, "sc-002", BD_REASON_POLICYVIOLATION, N_("Outlook.com: SC-002, the sending IP harvested addresses") },
  { MICROSOFT, NULL, "sc-003", BD_REASON_BLOCKED, N_("Outlook.com: the sending IP is blocked") },
  { MICROSOFT, NULL, "sc-004", BD_REASON_BLOCKED, N_("Outlook.com: the sending IP is blocked") },
  { MICROSOFT, NULL, "dy-001", BD_REASON_BLOCKED, N_("Outlook.com: the sending IP is blocked") },
  { MICROSOFT, NULL, "ou-001", BD_REASON_BLOCKED, N_("Outlook.com: the sending IP is blocked") },
  { MICROSOFT, NULL, "dy-002", BD_REASON_VIRUSDETECTED, N_("Outlook.com: DY-002, a compromised or infected sender") },
  { NONE, "5.7.", "banned sending ip", BD_REASON_BLOCKED, N_("Microsoft 365: banned sending IP") },
  { NONE, "5.2.3", "recipsizelimit", BD_REASON_MESGTOOBIG, N_("Microsoft Exchange: RecipSizeLimit is the recipient's size limit") },
  /* Google */
  { GOOGLE, "5.7.26", NULL, BD_REASON_AUTHFAILURE, N_("Gmail: 5.7.26 is an SPF/DKIM/DMARC failure") },
  { GOOGLE, "5.7.25", NULL, BD_REASON_REQUIREPTR, N_("Gmail: 5.7.25 is a missing PTR record") },
  { GOOGLE, "5.2.1", "rate", BD_REASON_SPEEDING, N_("Gmail: 5.2.1 with a rate is the recipient's receiving limit") },
  { GOOGLE, "5.2.1", "inactive", BD_REASON_SUSPEND, N_("Gmail: 5.2.1 is an inactive account") },
  { GOOGLE, "5.2.1", "disabled", BD_REASON_SUSPEND, N_("Gmail: 5.2.1 is a disabled account") },
  { GOOGLE, "4.2.1", "rate", BD_REASON_SPEEDING, N_("Gmail: 4.2.1 is the recipient's receiving rate") },
  { GOOGLE, "4.2.1", "too quickly", BD_REASON_SPEEDING, N_("Gmail: 4.2.1 is the recipient's receiving rate") },
  /* Google's documented replies (support.google.com/a/answer/3726730)
   * mean one thing whatever their status code: 5.7.1 alone covers a
   * policy, a malformed message and an unauthenticated relay. */
  { GOOGLE, NULL, "gmail requires all senders to authenticate", BD_REASON_AUTHFAILURE, N_("Gmail: Gmail requires SPF or DKIM") },
  { GOOGLE, NULL, "gmail requires all large senders to authenticate", BD_REASON_AUTHFAILURE, N_("Gmail: Gmail requires bulk senders to authenticate") },
  { GOOGLE, NULL, "gmail requires all bulk email senders to authenticate", BD_REASON_AUTHFAILURE, N_("Gmail: Gmail requires bulk senders to authenticate") },
  { GOOGLE, NULL, "unauthenticated email is not accepted from this domain", BD_REASON_REJECTED, N_("Gmail: the sender's domain accepts no unauthenticated mail") },
  { GOOGLE, NULL, "try again later, closing connection", BD_REASON_BLOCKED, N_("Gmail: the sending IP is turned away for now") },
  { GOOGLE, NULL, "an unusual rate of unsolicited mail", BD_REASON_BLOCKED, N_("Gmail: unsolicited mail from the sending IP") },
  /* "421 4.7.28 Gmail has detected an unusual rate of mail originating from
   * your IP address / DKIM domain …", and 4.7.29, bulk senders must use TLS
   * (Google's SMTP error reference as go-sisimai rhost/for-google.go quotes it) */
  { GOOGLE, NULL, "an unusual rate of mail", BD_REASON_BLOCKED, N_("Gmail: an unusual rate of mail from the sender") },
  { GOOGLE, NULL, "senders to use tls/ssl for smtp", BD_REASON_SECURITYERROR, N_("Gmail: Gmail requires bulk senders to use TLS") },
  { GOOGLE, NULL, "helo/ehlo argument", BD_REASON_BLOCKED, N_("Gmail: the HELO name was refused") },
  { GOOGLE, NULL, "not authorized to send email directly to our servers", BD_REASON_NORELAYING, N_("Gmail: the IP may not send to Gmail directly") },
  { GOOGLE, NULL, "invalid credentials for relay", BD_REASON_NORELAYING, N_("Gmail: the relay refused the credentials") },
  { GOOGLE, NULL, "exceeds google's limit of", BD_REASON_EXCEEDLIMIT, N_("Gmail: over Google's limits") },
  { GOOGLE, NULL, "google's message header size limit", BD_REASON_EXCEEDLIMIT, N_("Gmail: the header is over Google's size limit") },
  { GOOGLE, NULL, "bytes per individual header size", BD_REASON_EXCEEDLIMIT, N_("Gmail: a header is over Google's size limit") },
  { GOOGLE, NULL, "exceeds google's header name limit", BD_REASON_EXCEEDLIMIT, N_("Gmail: a header name is over Google's limit") },
  { GOOGLE, NULL, "this may indicate a mail loop", BD_REASON_NETWORKERROR, N_("Gmail: too many hops: a mail loop") },
  { GOOGLE, NULL, "messages missing a valid address in the from: header", BD_REASON_NOTCOMPLIANTRFC, N_("Gmail: the From: header is not valid") },
  { GOOGLE, NULL, "missing a valid message-id", BD_REASON_NOTCOMPLIANTRFC, N_("Gmail: the Message-ID header is missing or not valid") },
  { GOOGLE, NULL, "unicode character in a disallowed header", BD_REASON_NOTCOMPLIANTRFC, N_("Gmail: non-ASCII text in a header that may not have it") },
  { GOOGLE, NULL, "encoded-word syntax is not permitted", BD_REASON_NOTCOMPLIANTRFC, N_("Gmail: an encoded word where headers may not have one") },
  { GOOGLE, NULL, "is not a valid rfc 5321 address", BD_REASON_NOTCOMPLIANTRFC, N_("Gmail: an address that is not valid") },
  { GOOGLE, NULL, "mail message is malformed", BD_REASON_NOTCOMPLIANTRFC, N_("Gmail: the message is malformed") },
  { GOOGLE, NULL, "has a policy that prohibited", BD_REASON_POLICYVIOLATION, N_("Gmail: the recipient's or sender's organisation forbids it") },
  { GOOGLE, NULL, "exceeded its quota for sending messages with the same message-id", BD_REASON_POLICYVIOLATION, N_("Gmail: too many copies with the same Message-ID") },
  { GOOGLE, NULL, "suspicious due to the nature of the content or the links within", BD_REASON_SPAMDETECTED, N_("Gmail: the content or its links look like spam") },
  { GOOGLE, NULL, "smtp relay limit exceeded", BD_REASON_SPEEDING, N_("Gmail: the sender's SMTP relay limit") },
  { GOOGLE, NULL, "smtp relay sending limit exceeded", BD_REASON_SPEEDING, N_("Gmail: the sender's SMTP relay limit") },
  { GOOGLE, NULL, "daily sending quota exceeded", BD_REASON_SPEEDING, N_("Gmail: the sender's daily sending limit") },
  { GOOGLE, NULL, "daily user sending limit exceeded", BD_REASON_SPEEDING, N_("Gmail: the sender's daily sending limit") },
  { GOOGLE, NULL, "smtp protocol violation", BD_REASON_SYNTAXERROR, N_("Gmail: the sending server broke the SMTP protocol") },
  { GOOGLE, NULL, "optional argument not permitted for that auth mode", BD_REASON_SYNTAXERROR, N_("Gmail: a wrong AUTH command") },
  { GOOGLE, NULL, "starttls may not be repeated", BD_REASON_SYNTAXERROR, N_("Gmail: STARTTLS sent twice") },
  { GOOGLE, NULL, "unrecognized authentication type", BD_REASON_SYNTAXERROR, N_("Gmail: an AUTH type Gmail does not know") },
  { GOOGLE, NULL, "xoauth is no longer supported", BD_REASON_SYNTAXERROR, N_("Gmail: XOAUTH is no longer supported") },
  /* "530 5.7.0 Must issue a STARTTLS command first" (RFC 3207, 4): a
   * security status X.7.0; Sisimai 5 files it as failedstarttls
   * (go-sisimai rhost/for-google.go), our securityerror. */
  { GOOGLE, NULL, "must issue a starttls command first", BD_REASON_SECURITYERROR, N_("Gmail: STARTTLS is required first") },
  { GOOGLE, NULL, "too many unauthenticated commands", BD_REASON_SYNTAXERROR, N_("Gmail: too many commands without logging in") },
  { GOOGLE, NULL, "cannot decode response", BD_REASON_SECURITYERROR, N_("Gmail: the login answer could not be read") },
  { GOOGLE, NULL, "connection expired", BD_REASON_EXPIRED, N_("Gmail: the connection took too long") },
  { GOOGLE, NULL, "server busy", BD_REASON_SYSTEMERROR, N_("Gmail: Gmail's server was busy") },
  { GOOGLE, NULL, "multiple destination domains per transaction is unsupported", BD_REASON_SYSTEMERROR, N_("Gmail: one domain per transaction") },
  { GOOGLE, NULL, "has temporarily rejected this message", BD_REASON_SYSTEMERROR, N_("Gmail: a temporary problem at Gmail") },
  { GOOGLE, NULL, "we weren't able to find the recipient domain", BD_REASON_USERUNKNOWN, N_("Gmail: the recipient's address is not valid") },
  { GOOGLE, "5.7.1", "low reputation", BD_REASON_BADREPUTATION, N_("Gmail: low reputation of the sending IP or domain") },
  /* Yahoo Inc. (*.yahoodns.net) documents its replies
   * (senders.yahooinc.com/smtp-error-codes): TSS04 from its own MX is a
   * refusal of the sender, whatever the words suggest. */
  { YAHOO, NULL, "temporarily deferred due to unexpected volume or user complaints", BD_REASON_REJECTED, N_("Yahoo: TSS04 refuses the sender") },
  { YAHOO, NULL, " will be permanently deferred", BD_REASON_REJECTED, N_("Yahoo: TSS09/TSS11 refuse the sender for good") },
  { YAHOO, NULL, "due to unresolvable rfc.5321", BD_REASON_REJECTED, N_("Yahoo: the sender's domain does not resolve") },
  { YAHOO, NULL, "not accepted for policy reasons", BD_REASON_POLICYVIOLATION, N_("Yahoo: refused for policy reasons") },
  { YAHOO, NULL, "user is receiving mail too quickly", BD_REASON_SPEEDING, N_("Yahoo: the recipient receives too fast") },
  { YAHOO, NULL, " is no longer valid.", BD_REASON_SUSPEND, N_("Yahoo: the account is no longer valid") },
  { YAHOO, NULL, "this mailbox is disabled", BD_REASON_SUSPEND, N_("Yahoo: the mailbox is disabled") },
  { YAHOO, NULL, "max message per connection reached", BD_REASON_TOOMANYCONN, N_("Yahoo: too many messages in one connection") },
  { YAHOO, NULL, "type=mx: malformed or unexpected name server reply", BD_REASON_NOTACCEPT, N_("AOL/Yahoo: the domain's MX record is unusable") },
  { YAHOO, NULL, "yahoo requires all senders to authenticate", BD_REASON_AUTHFAILURE, N_("Yahoo: SPF or DKIM required") },
  /* Yahoo's [TSS04]/[TS04] codes: throttled or refused for complaints. */
  { NONE, "4.7.0", "[tss04]", BD_REASON_BADREPUTATION, N_("Yahoo: TSS04 defers a sender with complaints") },
  /* Yahoo refuses unknown users only after DATA. */
  { YAHOO, "5.", "doesn't have a yahoo.com account", BD_REASON_USERUNKNOWN, N_("Yahoo: no such account") },
  /* Amazon SES receiving (inbound-smtp.*.amazonaws.com): the texts of the
   * bounce actions a domain's receipt rules choose, not a mailbox lookup. */
  { AMAZON, NULL, "mailbox does not exist", BD_REASON_FILTERED, N_("Amazon SES receiving: a receipt rule bounced it") },
  { AMAZON, NULL, "message content rejected", BD_REASON_CONTENTERROR, N_("Amazon SES receiving: the content was rejected") },
  { AMAZON, NULL, "message too large", BD_REASON_MESGTOOBIG, N_("Amazon SES receiving: the message is too large") },
  { AMAZON, NULL, "mailbox full", BD_REASON_MAILBOXFULL, N_("Amazon SES receiving: the mailbox is full") },
  /* Symantec Email Security.cloud (MessageLabs), its published NDR texts;
   * it reports for the servers behind it. */
  { MESSAGELABS, NULL, "no such user", BD_REASON_USERUNKNOWN, N_("MessageLabs: no such user") },
  { MESSAGELABS, NULL, "invalid recipient", BD_REASON_USERUNKNOWN, N_("MessageLabs: invalid recipient") },
  { MESSAGELABS, NULL, "mailbox is not allowed", BD_REASON_USERUNKNOWN, N_("MessageLabs: no such mailbox") },
  { MESSAGELABS, NULL, "domain authentication fail", BD_REASON_AUTHFAILURE, N_("MessageLabs: SPF/DMARC failure") },
  { MESSAGELABS, NULL, "connection rejected by policy", BD_REASON_BADREPUTATION, N_("MessageLabs: poor IP reputation") },
  { MESSAGELABS, NULL, "your ip is in the pbl", BD_REASON_BLOCKED, N_("MessageLabs: the IP is on Spamhaus PBL") },
  { MESSAGELABS, NULL, "stray linefeeds in message", BD_REASON_CONTENTERROR, N_("MessageLabs: bare line feeds") },
  { MESSAGELABS, NULL, " as a relay, ", BD_REASON_NORELAYING, N_("MessageLabs: no relaying") },
  { MESSAGELABS, NULL, "sender envelope domain not allowed", BD_REASON_REJECTED, N_("MessageLabs: the sender's domain is not allowed") },
  { MESSAGELABS, NULL, "badmailfrom list", BD_REASON_REJECTED, N_("MessageLabs: the sender is blocked") },
  { MESSAGELABS, NULL, "has been blacklisted", BD_REASON_REJECTED, N_("MessageLabs: the sender is on the recipient's block list") },
  { MESSAGELABS, NULL, "message filtered", BD_REASON_SPAMDETECTED, N_("MessageLabs: filtered as spam") },
  { MESSAGELABS, NULL, "too many recipients received this hour", BD_REASON_TOOMANYCONN, N_("MessageLabs: too many recipients") },
  { MESSAGELABS, NULL, "your ip address has been", BD_REASON_BLOCKED, N_("MessageLabs: the sending IP is blocked") },
  { MESSAGELABS, NULL, "your ip address (", BD_REASON_BLOCKED, N_("MessageLabs: the sending IP is blocked") },
  { MESSAGELABS, NULL, "your domain has been blocked", BD_REASON_REJECTED, N_("MessageLabs: the sender's domain is blocked") },
  { MESSAGELABS, NULL, "your email address has been blocked", BD_REASON_REJECTED, N_("MessageLabs: the sender is blocked") },
  { MESSAGELABS, NULL, "your domain has been blacklisted", BD_REASON_REJECTED, N_("MessageLabs: the sender's domain is on the recipient's block list") },
  { MESSAGELABS, NULL, "requested action aborted [4]", BD_REASON_NOTCOMPLIANTRFC, N_("MessageLabs: the message breaks RFC 5322") },
  { MESSAGELABS, NULL, "not rfc 5322", BD_REASON_NOTCOMPLIANTRFC, N_("MessageLabs: the message breaks RFC 5322") },
  { MESSAGELABS, NULL, "please turn on smtp authentication", BD_REASON_SECURITYERROR, N_("MessageLabs: authentication required") },
  { MESSAGELABS, NULL, "tls/sslv3 connection required", BD_REASON_SECURITYERROR, N_("MessageLabs: TLS required") },
  { MESSAGELABS, NULL, "filtered by outbound scanning", BD_REASON_SPAMDETECTED, N_("MessageLabs: filtered as spam on the way out") },
  { MESSAGELABS, NULL, "too many messages", BD_REASON_TOOMANYCONN, N_("MessageLabs: too many messages") },
  /* Mimecast's published SMTP error codes. */
  { MIMECAST, NULL, "host network not allowed", BD_REASON_POLICYVIOLATION, N_("Mimecast: a geographical restriction policy") },
  { MIMECAST, NULL, "email rejected due to security policies", BD_REASON_VIRUSDETECTED, N_("Mimecast: a virus or spam signature") },
  { MIMECAST, NULL, "anti-spoofing policy", BD_REASON_POLICYVIOLATION, N_("Mimecast: an anti-spoofing policy") },
  { MIMECAST, NULL, "content examination policy", BD_REASON_POLICYVIOLATION, N_("Mimecast: a content examination policy") },
  { MIMECAST, NULL, "local ct ip reputation", BD_REASON_BADREPUTATION, N_("Mimecast: poor IP reputation") },
  { MIMECAST, NULL, "internal resources are temporarily unavailable", BD_REASON_BADREPUTATION, N_("Mimecast: greylisting or poor reputation") },
  { MIMECAST, NULL, "sender address blocked", BD_REASON_BLOCKED, N_("Mimecast: a blocked senders policy") },
  { MIMECAST, NULL, "ip temporarily blacklisted", BD_REASON_BLOCKED, N_("Mimecast: the IP is on its block list") },
  { MIMECAST, NULL, "envelope blocked", BD_REASON_REJECTED, N_("Mimecast: the sender is blocked") },
  { MIMECAST, NULL, "block policy for", BD_REASON_REJECTED, N_("Mimecast: the sender is blocked") },
  { MIMECAST, NULL, "maximum email size exceeded", BD_REASON_MESGTOOBIG, N_("Mimecast: the size limit") },
  { MIMECAST, NULL, "mail loop detected", BD_REASON_NETWORKERROR, N_("Mimecast: a mail loop") },
  { MIMECAST, NULL, "open relay not allowed", BD_REASON_NORELAYING, N_("Mimecast: no relaying") },
  { MIMECAST, NULL, "account inbounds disabled", BD_REASON_NOTACCEPT, N_("Mimecast: inbound mail disabled") },
  { MIMECAST, NULL, "spf sender invalid", BD_REASON_AUTHFAILURE, N_("Mimecast: SPF failure") },
  { MIMECAST, NULL, "dkim sender invalid", BD_REASON_AUTHFAILURE, N_("Mimecast: DKIM failure") },
  { MIMECAST, NULL, "dmarc sender invalid", BD_REASON_AUTHFAILURE, N_("Mimecast: DMARC failure") },
  { MIMECAST, NULL, "invalid recipient", BD_REASON_USERUNKNOWN, N_("Mimecast: no such internal user") },
  { MIMECAST, NULL, "recipient temporarily unavailable", BD_REASON_BLOCKED, N_("Mimecast: the sending IP is turned away for now") },
  { MIMECAST, NULL, "journal messages past the expiration", BD_REASON_EXPIRED, N_("Mimecast: a journal message expired") },
  { MIMECAST, NULL, "incorrect hostname used for inbounds", BD_REASON_NETWORKERROR, N_("Mimecast: the wrong inbound host name") },
  { MIMECAST, NULL, "open relay is not allowed", BD_REASON_NORELAYING, N_("Mimecast: no relaying") },
  { MIMECAST, NULL, "host network, not allowed", BD_REASON_POLICYVIOLATION, N_("Mimecast: a geographical restriction policy") },
  { MIMECAST, NULL, "manually blocked senders", BD_REASON_REJECTED, N_("Mimecast: the sender is on a manual block list") },
  { MIMECAST, NULL, "submitter failed to", BD_REASON_SECURITYERROR, N_("Mimecast: the submitter did not authenticate") },
  { MIMECAST, NULL, "this route requires", BD_REASON_SECURITYERROR, N_("Mimecast: the route requires TLS") },
  { MIMECAST, NULL, "unable to process connection at this time", BD_REASON_SYSTEMERROR, N_("Mimecast: a temporary problem") },
  { MIMECAST, NULL, "message ended early", BD_REASON_SYSTEMERROR, N_("Mimecast: the message ended early") },
  { MIMECAST, NULL, "unable to process command", BD_REASON_SYSTEMERROR, N_("Mimecast: a temporary problem") },
  { MIMECAST, NULL, "unable to process an email at this time", BD_REASON_SYSTEMERROR, N_("Mimecast: a temporary problem") },
  { MIMECAST, NULL, "account service is temporarily unavailable", BD_REASON_TOOMANYCONN, N_("Mimecast: the account's service is busy") },
  { MIMECAST, NULL, "exceeding outbound thread limit", BD_REASON_TOOMANYCONN, N_("Mimecast: too many connections out") },
  /* Zoho Mail */
  { ZOHO, NULL, "greylisted, try again after some time", BD_REASON_BLOCKED, N_("Zoho Mail: greylisting, retried later") },
  { ZOHO, NULL, "email flagged as spam", BD_REASON_REJECTED, N_("Zoho Mail: the sender's mail was flagged as spam") },
  { ZOHO, NULL, "mail rejected by destination domain", BD_REASON_REJECTED, N_("Zoho Mail: the recipient's domain refuses the sender") },
  { ZOHO, NULL, "mailbox delivery restricted by policy error", BD_REASON_POLICYVIOLATION, N_("Zoho Mail: a delivery policy") },
  { ZOHO, NULL, "detected by zoho mail", BD_REASON_VIRUSDETECTED, N_("Zoho Mail: a virus found by Zoho Mail") },
  /* "452 4.3.1 Temporary System Error": Zoho's own failure, not a full
   * mail system as X.3.1 would say (go-sisimai rhost/for-zoho.go, after
   * github.com/zoho/zohodesk-oas v1.0/EmailFailureAlert.json). */
  { ZOHO, NULL, "temporary system error", BD_REASON_SYSTEMERROR, N_("Zoho Mail: a temporary system error") },
  /* Cox's AUP#… codes name its blocklists. */
  /* Apple iCloud's replies */
  { ICLOUD, NULL, "blocked for failing both spf and dkim", BD_REASON_AUTHFAILURE, N_("iCloud: neither SPF nor DKIM passed") },
  { ICLOUD, NULL, "recipient no longer on server", BD_REASON_HASMOVED, N_("iCloud: the address is no longer there") },
  { ICLOUD, NULL, "due to excessive volume", BD_REASON_SPEEDING, N_("iCloud: too much mail at once") },
  { ICLOUD, NULL, "inactive email address", BD_REASON_USERUNKNOWN, N_("iCloud: the address is not in use") },
  /* "550 5.7.1 [CS01] Message rejected due to local policy": a policy of
   * iCloud refused the message (go-sisimai rhost/for-apple.go, issue 14),
   * not an address that takes no mail. */
  { ICLOUD, NULL, "due to local policy", BD_REASON_POLICYVIOLATION, N_("iCloud: CS01, a policy of iCloud refused the message") },
  /* Cox's replies */
  { COX, NULL, "too many bad commands from", BD_REASON_BLOCKED, N_("Cox: the sending host sent too many bad commands") },
  { COX, NULL, "dns check failure - try again later", BD_REASON_REQUIREPTR, N_("Cox: the sending IP has no usable reverse DNS") },
  { COX, NULL, "esmtp server temporarily not available", BD_REASON_SYSTEMERROR, N_("Cox: its server was unavailable") },
  { COX, NULL, "requested action aborted: try again later", BD_REASON_TOOMANYCONN, N_("Cox: too many connections or messages") },
  /* GoDaddy's replies */
  { GODADDY, NULL, "message is looping", BD_REASON_SYSTEMERROR, N_("GoDaddy: a mail loop") },
  /* Tencent QQ Mail's replies (the more precise first) */
  { QQ, NULL, "suspected bounce attacks", BD_REASON_BLOCKED, N_("QQ Mail: suspected backscatter from the sending IP") },
  { QQ, NULL, "suspected spam ip", BD_REASON_BLOCKED, N_("QQ Mail: the sending IP is suspected of spam") },
  { QQ, NULL, "connection denied", BD_REASON_BLOCKED, N_("QQ Mail: the connection was refused") },
  { QQ, NULL, "spam is embedded in the email", BD_REASON_SPAMDETECTED, N_("QQ Mail: the content looks like spam") },
  { QQ, NULL, "mail content denied", BD_REASON_SPAMDETECTED, N_("QQ Mail: the content was refused") },
  { QQ, NULL, "suspected spam", BD_REASON_REJECTED, N_("QQ Mail: the sender is suspected of spam") },
  { QQ, NULL, "mail is rejected by recipients", BD_REASON_REJECTED, N_("QQ Mail: the recipient refuses the sender") },
  { QQ, NULL, "mailbox unavailable or access denined", BD_REASON_SPEEDING, N_("QQ Mail: too many messages to the recipient") },
  { QQ, NULL, "bad address syntax", BD_REASON_SYNTAXERROR, N_("QQ Mail: an address that is not valid") },
  { QQ, NULL, "frequency limited", BD_REASON_TOOMANYCONN, N_("QQ Mail: too many messages from the IP, domain or sender") },
  /* QQ Mail and Yahoo answer an unknown mailbox with "mailbox not found"
   * whatever the command, also after DATA (go-sisimai rhost/for-tencent.go,
   * service.mail.qq.com/detail/122/169; rhost/for-yahooinc.go "552 1
   * Requested mail action aborted, mailbox not found"). */
  { QQ, NULL, "mailbox not found", BD_REASON_USERUNKNOWN, N_("QQ Mail: no such mailbox") },
  { YAHOO, NULL, "mailbox not found", BD_REASON_USERUNKNOWN, N_("Yahoo: no such mailbox") },
  /* I.UA (mail.i.ua) links each refusal to a numbered explanation,
   * ".i.ua/err/3/" */
  { NONE, NULL, "i.ua/err/1/", BD_REASON_NORELAYING, N_("I.UA: error 1, SMTP relaying through it is forbidden") },
  { NONE, NULL, "i.ua/err/2/", BD_REASON_USERUNKNOWN, N_("I.UA: error 2, no such user") },
  { NONE, NULL, "i.ua/err/3/", BD_REASON_SUSPEND, N_("I.UA: error 3, the mailbox was unused for over 3 months") },
  { NONE, NULL, "i.ua/err/4/", BD_REASON_MAILBOXFULL, N_("I.UA: error 4, the mailbox is full") },
  { NONE, NULL, "i.ua/err/5/", BD_REASON_TOOMANYCONN, N_("I.UA: error 5, the sending limit is exceeded") },
  { NONE, NULL, "i.ua/err/6/", BD_REASON_NORELAYING, N_("I.UA: error 6, send through your own provider's server") },
  { NONE, NULL, "i.ua/err/7/", BD_REASON_BLOCKED, N_("I.UA: error 7, a wrong HELO/EHLO name") },
  { NONE, NULL, "i.ua/err/8/", BD_REASON_REJECTED, N_("I.UA: error 8, the sender's address could not be checked") },
  { NONE, NULL, "i.ua/err/9/", BD_REASON_BLOCKED, N_("I.UA: error 9, the sending IP is on a block list") },
  { NONE, NULL, "i.ua/err/10/", BD_REASON_FILTERED, N_("I.UA: error 10, the recipient's list of allowed senders") },
  /* Cloudflare Email Routing */
  { CLOUDFLARE, NULL, "upstream error", BD_REASON_SYSTEMERROR, N_("Cloudflare Email Routing: the forwarding target failed") },
  /* Cox's documented codes (cox.com/postmaster), before its words */
  { COX, NULL, "cxbl", BD_REASON_BLOCKED, N_("Cox: CXBL, the sending IP is on its block list") },
  { COX, NULL, "cdrbl", BD_REASON_BLOCKED, N_("Cox: CDRBL, the sending IP is on a block list") },
  { COX, NULL, "ipbl", BD_REASON_BLOCKED, N_("Cox: IPBL, the sending IP is on a DNS block list") },
  { COX, NULL, "urlbl", BD_REASON_SPAMDETECTED, N_("Cox: URLBL, a link in the message is on a block list") },
  { COX, NULL, "cxdns", BD_REASON_REQUIREPTR, N_("Cox: CXDNS, the sending IP has no reverse DNS") },
  { COX, NULL, "cxsndr", BD_REASON_AUTHFAILURE, N_("Cox: CXSNDR, the sender's domain did not authenticate") },
  { COX, NULL, "cxsmtp", BD_REASON_REJECTED, N_("Cox: CXSMTP, the sender was refused") },
  { COX, NULL, "cxcnct", BD_REASON_TOOMANYCONN, N_("Cox: CXCNCT, too many connections") },
  { COX, NULL, "cxmxrt", BD_REASON_TOOMANYCONN, N_("Cox: CXMXRT, too many messages") },
  { COX, NULL, "cxthrt", BD_REASON_SECURITYERROR, N_("Cox: CXTHRT, suspicious account activity") },
  { COX, NULL, "cxmj", BD_REASON_SECURITYERROR, N_("Cox: CXMJ, suspicious account activity") },
  { COX, NULL, "too many invalid recipients", BD_REASON_BLOCKED, N_("Cox: too many unknown recipients from the sending host") },
  { COX, NULL, "sender rejected", BD_REASON_REJECTED, N_("Cox: the sender was refused") },
  /* GoDaddy's documented codes and replies */
  { GODADDY, NULL, "ib401", BD_REASON_SECURITYERROR, N_("GoDaddy: IB401, authentication failed") },
  { GODADDY, NULL, "ib501", BD_REASON_NOTCOMPLIANTRFC, N_("GoDaddy: IB501, the message breaks the mail standards") },
  { GODADDY, NULL, "ib502", BD_REASON_NOTCOMPLIANTRFC, N_("GoDaddy: IB502, the message breaks the mail standards") },
  { GODADDY, NULL, "ib506", BD_REASON_REJECTED, N_("GoDaddy: IB506, the sender's domain was refused") },
  { GODADDY, NULL, "ib508", BD_REASON_AUTHFAILURE, N_("GoDaddy: IB508, DMARC failed") },
  { GODADDY, NULL, "ib108", BD_REASON_REQUIREPTR, N_("GoDaddy: IB108, the sending IP has no reverse DNS") },
  { GODADDY, NULL, "ib212", BD_REASON_SPAMDETECTED, N_("GoDaddy: IB212, spam") },
  { GODADDY, NULL, "ib705", BD_REASON_VIRUSDETECTED, N_("GoDaddy: IB705, a virus") },
  { GODADDY, NULL, "ib605", BD_REASON_TOOMANYCONN, N_("GoDaddy: IB605, too many recipients") },
  { GODADDY, NULL, "ib007", BD_REASON_TOOMANYCONN, N_("GoDaddy: IB007, too many connections") },
  { GODADDY, NULL, "ib101", BD_REASON_SPEEDING, N_("GoDaddy: IB101, too many messages") },
  { GODADDY, NULL, "ib504", BD_REASON_SPEEDING, N_("GoDaddy: IB504, too many messages") },
  { GODADDY, NULL, "ib510", BD_REASON_SPEEDING, N_("GoDaddy: IB510, too many messages") },
  { GODADDY, NULL, "ib607", BD_REASON_SPEEDING, N_("GoDaddy: IB607, too many messages") },
  { GODADDY, NULL, "ib103", BD_REASON_BADREPUTATION, N_("GoDaddy: IB103, the sending IP's reputation") },
  { GODADDY, NULL, "ib104", BD_REASON_BLOCKED, N_("GoDaddy: IB104, the sending IP is on a block list") },
  { GODADDY, NULL, "ib105", BD_REASON_BLOCKED, N_("GoDaddy: IB105, the sending IP is on a block list") },
  { GODADDY, NULL, "ib106", BD_REASON_BLOCKED, N_("GoDaddy: IB106, the sending IP is on a block list") },
  { GODADDY, NULL, "ib110", BD_REASON_BLOCKED, N_("GoDaddy: IB110, the sending IP is on a block list") },
  { GODADDY, NULL, "ib111", BD_REASON_BLOCKED, N_("GoDaddy: IB111, the sending IP is on a block list") },
  { GODADDY, NULL, "ib112", BD_REASON_BLOCKED, N_("GoDaddy: IB112, the sending IP is on a block list") },
  { GODADDY, NULL, "ib113", BD_REASON_BLOCKED, N_("GoDaddy: IB113, the sending IP is on a block list") },
  { GODADDY, NULL, "rbl reject", BD_REASON_BLOCKED, N_("GoDaddy: the sending IP is on a block list") },
  { GODADDY, NULL, "has been in the queue too long", BD_REASON_EXPIRED, N_("GoDaddy: retried until it gave up") },
  { GODADDY, NULL, "message rejected for spam or virus content", BD_REASON_SPAMDETECTED, N_("GoDaddy: spam or virus") },
  { GODADDY, NULL, "account disabled", BD_REASON_SUSPEND, N_("GoDaddy: the account is disabled") },
  { GODADDY, NULL, "recipient not found", BD_REASON_USERUNKNOWN, N_("GoDaddy: no such recipient") },
  { GODADDY, NULL, "account does not exist", BD_REASON_USERUNKNOWN, N_("GoDaddy: no such account") },
  /* Facebook's documented response codes (postmaster.facebook.com) */
  { FACEBOOK, NULL, "pol-p7", BD_REASON_AUTHFAILURE, N_("Facebook: POL-P7, domain authentication required") },
  { FACEBOOK, NULL, "pol-p1", BD_REASON_BLOCKED, N_("Facebook: POL-P1, the sending IP is on the Spamhaus PBL") },
  { FACEBOOK, NULL, "pol-p2", BD_REASON_BLOCKED, N_("Facebook: POL-P2, mail from the sending IP is refused") },
  { FACEBOOK, NULL, "pol-p3", BD_REASON_BLOCKED, N_("Facebook: POL-P3, mail from the sending server is refused for hours") },
  { FACEBOOK, NULL, "pol-p4", BD_REASON_BLOCKED, N_("Facebook: POL-P4, mail from the sending server is refused for a day or two") },
  { FACEBOOK, NULL, "pol-t1", BD_REASON_BLOCKED, N_("Facebook: POL-T1, mail from the sending server is deferred") },
  { FACEBOOK, NULL, "pol-t2", BD_REASON_BLOCKED, N_("Facebook: POL-T2, mail from the sending server is deferred") },
  { FACEBOOK, NULL, "pol-t3", BD_REASON_BLOCKED, N_("Facebook: POL-T3, mail from the sending server is deferred") },
  { FACEBOOK, NULL, "pol-p5", BD_REASON_VIRUSDETECTED, N_("Facebook: POL-P5, a virus") },
  { FACEBOOK, NULL, "pol-p6", BD_REASON_SPAMDETECTED, N_("Facebook: POL-P6, a blocked link") },
  { FACEBOOK, NULL, "pol-p8", BD_REASON_POLICYVIOLATION, N_("Facebook: POL-P8, against its abuse policies") },
  { FACEBOOK, NULL, "msg-p1", BD_REASON_MESGTOOBIG, N_("Facebook: MSG-P1, the message is too big") },
  { FACEBOOK, NULL, "int-p2", BD_REASON_MESGTOOBIG, N_("Facebook: INT-P2, the message is too big") },
  { FACEBOOK, NULL, "msg-p2", BD_REASON_CONTENTERROR, N_("Facebook: MSG-P2, an attachment type it does not accept") },
  { FACEBOOK, NULL, "msg-p3", BD_REASON_NOTCOMPLIANTRFC, N_("Facebook: MSG-P3, a header field repeated") },
  { FACEBOOK, NULL, "msg-t1", BD_REASON_TOOMANYCONN, N_("Facebook: MSG-T1, too many recipients") },
  { FACEBOOK, NULL, "con-t", BD_REASON_TOOMANYCONN, N_("Facebook: CON-T, too many connections") },
  { FACEBOOK, NULL, "rcp-p2", BD_REASON_FILTERED, N_("Facebook: RCP-P2, the recipient's preferences") },
  { FACEBOOK, NULL, "rcp-p3", BD_REASON_FILTERED, N_("Facebook: RCP-P3, the recipient's privacy settings") },
  { FACEBOOK, NULL, "int-p7", BD_REASON_MAILBOXFULL, N_("Facebook: INT-P7, the recipient's storage is full") },
  { FACEBOOK, NULL, "dns-p1", BD_REASON_REJECTED, N_("Facebook: DNS-P1, the sender's domain does not exist") },
  { FACEBOOK, NULL, "dns-p2", BD_REASON_REJECTED, N_("Facebook: DNS-P2, the sender's domain has no MX record") },
  { FACEBOOK, NULL, "dns-t1", BD_REASON_REJECTED, N_("Facebook: DNS-T1, the sender's domain does not resolve") },
  { FACEBOOK, NULL, "dns-p3", BD_REASON_REQUIREPTR, N_("Facebook: DNS-P3, the sending server has no reverse DNS") },
  { FACEBOOK, NULL, "dns-t2", BD_REASON_REQUIREPTR, N_("Facebook: DNS-T2, the sending server's reverse DNS does not resolve") },
  { FACEBOOK, NULL, "rcp-t4", BD_REASON_SUSPEND, N_("Facebook: RCP-T4, the address is deactivated") },
  { FACEBOOK, NULL, "rcp-t1", BD_REASON_SYSTEMERROR, N_("Facebook: RCP-T1, an internal problem") },
  { FACEBOOK, NULL, "int-t", BD_REASON_SYSTEMERROR, N_("Facebook: INT-T, an internal problem") },
  { FACEBOOK, NULL, "rcp-p1", BD_REASON_USERUNKNOWN, N_("Facebook: RCP-P1, no such address") },
  { FACEBOOK, NULL, "int-p1", BD_REASON_USERUNKNOWN, N_("Facebook: INT-P1, no such address") },
  { FACEBOOK, NULL, "int-p3", BD_REASON_USERUNKNOWN, N_("Facebook: INT-P3, no such group") },
  { FACEBOOK, NULL, "int-p4", BD_REASON_USERUNKNOWN, N_("Facebook: INT-P4, no such address") },
  { COX, "5.", "aup#", BD_REASON_BLOCKED, N_("Cox: an AUP# code is a blocklist refusal") },
};

const guint bd_n_provider_rules = G_N_ELEMENTS (bd_provider_rules);
