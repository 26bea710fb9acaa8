/* bd-guidance-texts.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The explanations themselves, one per reason of the taxonomy and per kind
 * of message. Written for someone who has never heard of SMTP: what
 * happened, whose move it is, and steps they can actually take. Steps that
 * several reasons share are repeated word for word so that they are
 * translated once.
 */
#define G_LOG_DOMAIN "bd-guidance"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bd-guidance-private.h"

/* Indexed by BdReason; keep in the order of the enum. */
static const BdGuidanceText reason_texts[BD_N_REASONS] = {
  [BD_REASON_UNDEFINED] = {
    /* Translators: %s is the recipient's email address */
    N_("Your message to %s was not delivered"),
    N_("The recipient’s mail server refused your message, but its reply does not say clearly why. "
       "The technical details below quote its exact words."),
    BD_WHOSE_MOVE_PROVIDER,
    { N_("Check that the address is spelt correctly."),
      N_("Try sending the message again in a few hours."),
      N_("If it comes back again, forward this returned message to your IT or email provider: the server’s reply tells them more."),
      NULL } },

  [BD_REASON_USERUNKNOWN] = {
    /* Translators: %s is the recipient's email address */
    N_("The address %s does not exist"),
    N_("The recipient’s mail server says it has no mailbox with this address. Most often the address "
       "has a typo, or the person has left and their mailbox was deleted. Your message was not delivered."),
    BD_WHOSE_MOVE_YOU,
    { N_("Check the address letter by letter: a missing or swapped letter, a dot instead of a dash, a wrong ending such as .com instead of .pl."),
      N_("Remove the wrong address from your email program’s autocomplete list, so that it is not suggested again."),
      N_("If the address looks right, ask the recipient by phone or another way for their current address."),
      N_("Send the message again to the corrected address."),
      NULL } },

  [BD_REASON_HOSTUNKNOWN] = {
    /* Translators: %s is the recipient's email address */
    N_("The domain of the address %s does not exist"),
    N_("The part of the address after the @ does not lead to any mail server: it is misspelt, the "
       "domain has expired, or it never received email. Your message was not delivered."),
    BD_WHOSE_MOVE_YOU,
    { N_("Check the part after the @, e.g. gmial.com instead of gmail.com, or .com instead of .pl."),
      N_("Check that the address is complete: nothing is missing after the @ or at the end."),
      N_("Remove the wrong address from your email program’s autocomplete list, so that it is not suggested again."),
      N_("If the address is right, the recipient’s domain may have expired: tell them by phone, only they can renew it."),
      NULL } },

  [BD_REASON_HASMOVED] = {
    /* Translators: %s is the recipient's email address */
    N_("The recipient no longer uses the address %s"),
    N_("The recipient’s mail server says this person has moved to a different address. Often the "
       "returned message gives the new one."),
    BD_WHOSE_MOVE_YOU,
    { N_("Look in the returned message for the new address."),
      N_("Update the contact and remove the old address from your email program’s autocomplete list."),
      N_("Send the message again to the new address."),
      NULL } },

  [BD_REASON_SUSPEND] = {
    /* Translators: %s is the recipient's email address */
    N_("The mailbox %s is switched off"),
    N_("The address exists, but the mailbox has been suspended or disabled, for example because it "
       "was not used for a long time or was not paid for. It will not accept mail until it is switched on again."),
    BD_WHOSE_MOVE_RECIPIENT,
    { N_("Reach the recipient another way (phone, text message, another address) and tell them their mailbox does not accept mail."),
      N_("If the matter is urgent, send the message to another address at the same company, e.g. the office address."),
      N_("Send the message again once the recipient confirms their mailbox works."),
      NULL } },

  [BD_REASON_MAILBOXFULL] = {
    /* Translators: %s is the recipient's email address */
    N_("The mailbox of %s is full"),
    N_("The recipient’s mailbox has no space left, so their mail server did not accept your message. "
       "Nothing is wrong with your email; the recipient has to make room."),
    BD_WHOSE_MOVE_RECIPIENT,
    { N_("Reach the recipient another way (phone, text message, a colleague) and tell them their mailbox is full."),
      N_("Send the message again once they have made room."),
      N_("If you attached large files, share them as a link (e.g. from a cloud drive) so that the message is small."),
      NULL } },

  [BD_REASON_EXCEEDLIMIT] = {
    /* Translators: %s is the recipient's email address */
    N_("Your message is too large for the mailbox of %s"),
    N_("The message is bigger than the recipient’s mailbox accepts, or would not fit in the space "
       "the mailbox has left. It was not delivered."),
    BD_WHOSE_MOVE_YOU,
    { N_("Make the message smaller: send large attachments as a link (e.g. from a cloud drive) or compress them."),
      N_("Keep attachments under about 10 MB in total: many mail servers accept no more."),
      N_("If the mailbox may be full, tell the recipient another way."),
      NULL } },

  [BD_REASON_MESGTOOBIG] = {
    /* Translators: %s is the recipient's email address */
    N_("Your message to %s is too large"),
    N_("The recipient’s mail server accepts messages only up to a certain size, and yours is bigger. "
       "Attachments grow by about a third when they are sent, so a 20 MB file already weighs about 27 MB."),
    BD_WHOSE_MOVE_YOU,
    { N_("Make the message smaller: send large attachments as a link (e.g. from a cloud drive) or compress them."),
      N_("Keep attachments under about 10 MB in total: many mail servers accept no more."),
      N_("Send the message again without the large attachments."),
      NULL } },

  [BD_REASON_FILTERED] = {
    /* Translators: %s is the recipient's email address */
    N_("The mailbox %s does not accept your messages"),
    N_("The recipient’s mailbox refused your message because of a rule set by the recipient or their "
       "administrator: your address may be on their list of blocked senders, or they accept mail only "
       "from people they know."),
    BD_WHOSE_MOVE_RECIPIENT,
    { N_("Reach the recipient another way and ask them to check their list of blocked senders and their spam filter settings."),
      N_("Ask them to add your address to their contacts or safe senders."),
      N_("Send the message again once they confirm it."),
      NULL } },

  [BD_REASON_REJECTED] = {
    /* Translators: %s is the recipient's email address */
    N_("The mail server of %s refused your sender address"),
    N_("The recipient’s server did not accept mail from your address or from your domain, for example "
       "because your domain looks invalid to it or the recipient’s organisation does not accept mail "
       "from it."),
    BD_WHOSE_MOVE_PROVIDER,
    { N_("Check the sender address set in your email program: it must be your real, complete address."),
      N_("Run the Domain check for your domain to see whether its MX and SPF records are in order."),
      N_("If everything looks right, give this returned message to your IT or email provider and ask them to contact the recipient’s administrator."),
      NULL } },

  [BD_REASON_BLOCKED] = {
    /* Translators: %s is the recipient's email address */
    N_("The mail server of %s blocked the server that sends your mail"),
    N_("The recipient’s server refused the connection from your mail server, usually because its IP "
       "address is on a blocklist (RBL) of servers that sent spam. It affects everyone who sends "
       "through that server, not only this message."),
    BD_WHOSE_MOVE_PROVIDER,
    { N_("Run the Domain check: it tells you whether your sending server’s IP address is on well-known blocklists."),
      N_("Give this returned message to your IT or email provider: only they can get the server off the blocklist and find out why it was listed."),
      N_("If your account may have been taken over, change your email password and scan your computer for viruses: a hijacked account is the most common cause of listing."),
      N_("Until it is solved, reach urgent recipients by phone or from another address."),
      NULL } },

  [BD_REASON_BADREPUTATION] = {
    /* Translators: %s is the recipient's email address */
    N_("The mail server of %s does not trust mail from your server"),
    N_("The recipient’s server judged that mail from your server or your domain has a poor reputation, "
       "for example after many recipients marked similar mail as spam, and refused it."),
    BD_WHOSE_MOVE_PROVIDER,
    { N_("Run the Domain check for your domain: it shows which of the SPF, DKIM and DMARC records are missing or wrong."),
      N_("Give this returned message to your IT or email provider: only they can get the server off the blocklist and find out why it was listed."),
      N_("Send mailings only to people who agreed to receive them, in smaller batches, with an easy way to unsubscribe."),
      NULL } },

  [BD_REASON_SPAMDETECTED] = {
    /* Translators: %s is the recipient's email address */
    N_("The mail server of %s took your message for spam"),
    N_("The recipient’s spam filter judged the content of your message to be spam and refused it. This "
       "happens more often with messages full of links, made of a single picture, or sent to many people at once."),
    BD_WHOSE_MOVE_YOU,
    { N_("Send a short, plain message without links or attachments, and tell the recipient to expect it."),
      N_("Ask the recipient to add your address to their contacts or safe senders."),
      N_("Make sure your domain has SPF, DKIM and DMARC records (run the Domain check): unauthenticated mail is more often taken for spam."),
      N_("If many recipients reject your mail this way, tell your IT or email provider."),
      NULL } },

  [BD_REASON_VIRUSDETECTED] = {
    /* Translators: %s is the recipient's email address */
    N_("A virus or a dangerous attachment was found in your message to %s"),
    N_("The recipient’s mail server found a virus or a forbidden type of file in your message and "
       "refused it. Sometimes it is a false alarm about a kind of file: programs, scripts, documents "
       "with macros or password-protected archives."),
    BD_WHOSE_MOVE_YOU,
    { N_("Scan your computer with an antivirus program."),
      N_("Send the file in another form: a PDF instead of a document with macros, or a link to a cloud drive instead of an archive."),
      N_("If you did not attach anything, your computer or account may be infected: tell your IT straight away."),
      NULL } },

  [BD_REASON_SECURITYERROR] = {
    /* Translators: %s is the recipient's email address */
    N_("Your message to %s was stopped for a security reason"),
    N_("A mail server refused your message because a security requirement was not met: for example, "
       "your email program did not log in to the outgoing server, or the servers could not agree on an "
       "encrypted connection."),
    BD_WHOSE_MOVE_PROVIDER,
    { N_("Check the outgoing server (SMTP) settings of your email program: login required, the right port and encryption (usually 587 with STARTTLS or 465 with SSL/TLS)."),
      N_("If you changed your password recently, enter the new one in your email program too."),
      N_("If it keeps happening, give this returned message to your IT or email provider."),
      NULL } },

  [BD_REASON_AUTHFAILURE] = {
    /* Translators: %s is the recipient's email address */
    N_("The mail server of %s could not confirm that the message really came from you"),
    N_("The checks that prove mail from your domain is genuine (SPF, DKIM and DMARC) failed or are "
       "missing, so the recipient’s server treated the message as possibly forged. Large providers such "
       "as Gmail, Microsoft and Onet refuse such mail."),
    BD_WHOSE_MOVE_PROVIDER,
    { N_("Run the Domain check for your domain: it shows which of the SPF, DKIM and DMARC records are missing or wrong."),
      N_("Add or correct the SPF record so that it lists every server you send mail from; your email provider gives the exact value."),
      N_("Turn on DKIM signing at your email provider and publish its key in your domain’s DNS."),
      N_("Publish a DMARC record, at least “v=DMARC1; p=none” with an address for reports."),
      N_("These records are changed by whoever manages your domain’s DNS (your IT or the company where the domain is registered); send the message again afterwards."),
      NULL } },

  [BD_REASON_REQUIREPTR] = {
    /* Translators: %s is the recipient's email address */
    N_("The mail server of %s refused your server because it has no proper name"),
    N_("The recipient’s server accepts mail only from servers whose IP address has a matching reverse "
       "DNS name (a PTR record). The server that sent your message has none. Only whoever runs that "
       "server can fix it."),
    BD_WHOSE_MOVE_PROVIDER,
    { N_("Give this returned message to your IT or email provider and ask them to set a reverse DNS (PTR) record for the sending server’s IP address."),
      N_("If the company sends from its own server, the PTR record is set by the company’s internet provider."),
      N_("Until then, send urgent messages through your email provider’s server or from another address."),
      NULL } },

  [BD_REASON_POLICYVIOLATION] = {
    /* Translators: %s is the recipient's email address */
    N_("The mail server of %s refused your message because of its rules"),
    N_("The recipient’s organisation has a rule that your message broke: for example, it accepts mail "
       "only from certain senders or forbids some attachments. The server’s reply often names the rule."),
    BD_WHOSE_MOVE_RECIPIENT,
    { N_("Read the server’s reply in the technical details: it often says which rule was broken."),
      N_("Ask the recipient, by phone or from another address, whether their organisation restricts the mail they can receive."),
      N_("Send the message again in a form that follows the rule, e.g. without the attachment."),
      NULL } },

  [BD_REASON_NOTCOMPLIANTRFC] = {
    /* Translators: %s is the recipient's email address */
    N_("The mail server of %s refused your message as badly formed"),
    N_("The recipient’s server found that your message breaks the technical rules of email, for example "
       "a damaged or duplicated header. This is caused by the program that created the message, not by "
       "what you wrote."),
    BD_WHOSE_MOVE_PROVIDER,
    { N_("Send the message again from an ordinary email program, not from a scanner, a web form or an invoicing system."),
      N_("If the message was created by a program or a device, tell your IT so that they can fix its settings."),
      NULL } },

  [BD_REASON_CONTENTERROR] = {
    /* Translators: %s is the recipient's email address */
    N_("The mail server of %s could not accept the content of your message"),
    N_("The recipient’s server could not process what the message contains: its encoding, its "
       "attachments or its format. The message was not delivered."),
    BD_WHOSE_MOVE_YOU,
    { N_("Send the message again as plain text, without unusual attachments."),
      N_("If the message was created by a program or a device, tell your IT so that they can fix its settings."),
      NULL } },

  [BD_REASON_NORELAYING] = {
    /* Translators: %s is the recipient's email address */
    N_("The server refused to pass on your message to %s"),
    N_("A mail server refused to forward your message because it did not recognise you as its user. "
       "Usually your email program does not log in to the outgoing server, or uses the wrong one."),
    BD_WHOSE_MOVE_YOU,
    { N_("In your email program’s account settings, turn on “outgoing server requires authentication” and use the same login and password as for receiving."),
      N_("Compare the outgoing server name and port with your email provider’s instructions."),
      N_("Check the part after the @, e.g. gmial.com instead of gmail.com, or .com instead of .pl."),
      NULL } },

  [BD_REASON_NOTACCEPT] = {
    /* Translators: %s is the recipient's email address */
    N_("The address %s does not accept email"),
    N_("The recipient’s domain exists, but it says that it accepts no email at all, or its mail server "
       "refuses every connection. This address cannot receive your message."),
    BD_WHOSE_MOVE_YOU,
    { N_("Check that the address is complete: nothing is missing after the @ or at the end."),
      N_("Ask the recipient by phone or another way for an address that receives email."),
      N_("Remove the wrong address from your email program’s autocomplete list, so that it is not suggested again."),
      NULL } },

  [BD_REASON_EXPIRED] = {
    /* Translators: %s is the recipient's email address */
    N_("Delivery to %s was given up after many attempts"),
    N_("Your mail server tried to deliver the message for a long time, usually from several hours to a "
       "few days, but the recipient’s server could not be found or did not take it. It has now given up: "
       "the message was not delivered."),
    BD_WHOSE_MOVE_RECIPIENT,
    { N_("Check the part after the @, e.g. gmial.com instead of gmail.com, or .com instead of .pl."),
      N_("Tell the recipient another way that their mail server seems to be down, or send to another address of theirs."),
      N_("Send the message again later; if it comes back again, forward this returned message to your IT."),
      NULL } },

  [BD_REASON_NETWORKERROR] = {
    /* Translators: %s is the recipient's email address */
    N_("The mail server of %s could not be reached"),
    N_("The recipient’s mail server could not be found or did not answer. It is often a temporary failure "
       "on the recipient’s side; if the domain is misspelt, it will never work."),
    BD_WHOSE_MOVE_WAIT,
    { N_("Check the part after the @, e.g. gmial.com instead of gmail.com, or .com instead of .pl."),
      N_("If the report says delivery will be retried, wait and do not send the message again."),
      N_("If it lasts longer than a day, tell the recipient another way that their mail server cannot be reached."),
      NULL } },

  [BD_REASON_TOOMANYCONN] = {
    /* Translators: %s is the recipient's email address */
    N_("The mail server of %s is busy"),
    N_("The recipient’s server takes only a limited number of connections at once and asked your server "
       "to come back later. This usually sorts itself out: your server tries again by itself."),
    BD_WHOSE_MOVE_WAIT,
    { N_("If the report says delivery will be retried, wait and do not send the message again."),
      N_("If the message comes back as undelivered in the end, send it again in a few hours."),
      NULL } },

  [BD_REASON_SPEEDING] = {
    /* Translators: %s is the recipient's email address */
    N_("Your message to %s was held back: too many messages were sent"),
    N_("A limit on the number of messages was reached: either your own sending limit at your email "
       "provider (messages or recipients per hour or per day), or the recipient’s server accepts only "
       "a few messages at a time from one sender."),
    BD_WHOSE_MOVE_YOU,
    { N_("Wait a few hours: such limits reset by themselves, usually within a day, then send the message again."),
      N_("Send large mailings in smaller batches, or use a newsletter service instead of your mailbox."),
      N_("Ask your email provider what your sending limit is."),
      N_("If you did not send many messages, someone may be using your account: change your email password and tell your IT."),
      NULL } },

  [BD_REASON_SYSTEMERROR] = {
    /* Translators: %s is the recipient's email address */
    N_("The mail server of %s had a technical problem"),
    N_("An error on the recipient’s mail server stopped the delivery. It is not caused by you or your "
       "message, and it is usually fixed within hours."),
    BD_WHOSE_MOVE_WAIT,
    { N_("If the report says delivery will be retried, wait and do not send the message again."),
      N_("If the message comes back as undelivered in the end, send it again in a few hours."),
      N_("If it keeps failing for more than a day, tell the recipient another way."),
      NULL } },

  [BD_REASON_SYSTEMFULL] = {
    /* Translators: %s is the recipient's email address */
    N_("The mail server of %s has run out of space"),
    N_("The disk of the recipient’s mail server is full, so it cannot take any mail now, yours included. "
       "Their administrator has to fix it."),
    BD_WHOSE_MOVE_RECIPIENT,
    { N_("If the report says delivery will be retried, wait and do not send the message again."),
      N_("If it keeps failing for more than a day, tell the recipient another way."),
      NULL } },

  [BD_REASON_MAILERERROR] = {
    /* Translators: %s is the recipient's email address */
    N_("A program on the mail server of %s failed"),
    N_("The recipient’s server accepted the message, but the program that was to put it in the mailbox "
       "failed. This is a fault on the recipient’s side."),
    BD_WHOSE_MOVE_RECIPIENT,
    { N_("Tell the recipient another way that their mail server returns your messages."),
      N_("Send the message again later; if it comes back again, forward this returned message to your IT."),
      NULL } },

  [BD_REASON_SYNTAXERROR] = {
    /* Translators: %s is the recipient's email address */
    N_("The mail servers could not understand each other while sending to %s"),
    N_("The recipient’s server did not understand a command from your mail server. It is a technical "
       "fault of one of the servers, not of your message."),
    BD_WHOSE_MOVE_PROVIDER,
    { N_("Send the message again later; if it comes back again, forward this returned message to your IT."),
      N_("If the message was created by a program or a device, tell your IT so that they can fix its settings."),
      NULL } },

  [BD_REASON_ONHOLD] = {
    /* Translators: %s is the recipient's email address */
    N_("Delivery to %s is on hold"),
    N_("The mail server has put the message aside and has not decided yet whether to deliver it. It is "
       "neither delivered nor lost."),
    BD_WHOSE_MOVE_WAIT,
    { N_("Wait and do not send the message again, or the recipient may get it twice."),
      N_("If you get no other report within a day, ask your IT or email provider what happened to it."),
      NULL } },

  [BD_REASON_DELIVERED] = {
    /* Translators: %s is the recipient's email address */
    N_("Your message was delivered to %s"),
    N_("This is a confirmation, not an error: the recipient’s mail server reports that it accepted your "
       "message."),
    BD_WHOSE_MOVE_NONE,
    { N_("Nothing to do: you can delete this confirmation."),
      NULL },
    N_("Your message was delivered") },

  [BD_REASON_VACATION] = {
    /* Translators: %s is the recipient's email address */
    N_("%s replied automatically"),
    N_("This is an automatic reply, such as “out of office”, not an error. Your message was delivered, "
       "and the recipient may read it later."),
    BD_WHOSE_MOVE_NONE,
    { N_("Read the reply: it often says when the person is back and whom to contact meanwhile."),
      N_("Do not send your message again: it has been delivered."),
      NULL },
    N_("You got an automatic reply") },

  [BD_REASON_FEEDBACK] = {
    /* Translators: %s is the recipient's email address */
    N_("%s reported your message as spam"),
    N_("This is a complaint report: the recipient, or their provider’s filter, marked your message as "
       "spam, and the provider lets you know. Your message was delivered, but many complaints get your "
       "mail blocked."),
    BD_WHOSE_MOVE_YOU,
    { N_("Do not send more messages to this address unless the person asks for them."),
      N_("If it came from a mailing, remove the address from your mailing list."),
      N_("Make sure every mailing has an easy way to unsubscribe."),
      NULL },
    N_("A recipient reported your message as spam") },
};

static const BdGuidanceText delayed_text = {
  /* Translators: %s is the recipient's email address */
  N_("Your message to %s has not been delivered yet"),
  N_("This is only a warning: the message could not be delivered yet, and your mail server keeps "
     "trying, usually for a few days. You do not have to do anything now."),
  BD_WHOSE_MOVE_WAIT,
  { N_("Wait and do not send the message again, or the recipient may get it twice."),
    N_("If a report that the message was not delivered arrives later, open it here."),
    N_("If the matter is urgent, reach the recipient another way."),
    NULL },
    N_("Your message has not been delivered yet"),
};

static const BdGuidanceText not_bounce_text = {
  /* This headline has no placeholder */
  N_("This is not a returned email"),
  N_("This message does not look like a delivery failure report, an automatic reply or a complaint. "
     "Nothing in it says that any of your email failed."),
  BD_WHOSE_MOVE_NONE,
  { N_("If you believe it is a returned email, forward it to your IT with the original message attached."),
    NULL },
};

static const BdGuidanceText backscatter_text = {
  /* Translators: %s is the recipient's email address of a message the user never sent */
  N_("You did not send the message to %s: someone forged your address"),
  N_("The returned message was not sent from your mail server. Someone else, usually a spammer, wrote "
     "your address as the sender, and the recipient’s server returned the message to you. This alone "
     "does not mean your account was hacked."),
  BD_WHOSE_MOVE_NONE,
  { N_("Do not reply and do not send anything again: just delete this message."),
    N_("If the message is also in your Sent folder, it was sent from your account: change your email password now and tell your IT."),
    N_("Make sure your domain has SPF, DKIM and a DMARC record with the policy “quarantine” or “reject” (run the Domain check): servers then refuse such forgeries instead of returning them to you."),
    N_("If many such messages arrive, tell your IT or email provider: they can filter them out."),
    NULL },
    N_("You did not send this message: someone forged your address"),
};

const BdGuidanceText *
bd_guidance_text_for_reason (BdReason reason)
{
  g_return_val_if_fail (reason < BD_N_REASONS, &reason_texts[BD_REASON_UNDEFINED]);

  return &reason_texts[reason];
}

/* Returns: the text for kinds that do not depend on the reason, else NULL. */
const BdGuidanceText *
bd_guidance_text_for_kind (BdKind kind)
{
  switch (kind)
    {
    case BD_KIND_DELAYED:    return &delayed_text;
    case BD_KIND_NOT_BOUNCE: return &not_bounce_text;
    case BD_KIND_DELIVERED:  return &reason_texts[BD_REASON_DELIVERED];
    case BD_KIND_VACATION:   return &reason_texts[BD_REASON_VACATION];
    case BD_KIND_FEEDBACK:   return &reason_texts[BD_REASON_FEEDBACK];
    case BD_KIND_BOUNCE:
    default:                 return NULL;
    }
}

const BdGuidanceText *
bd_guidance_text_backscatter (void)
{
  return &backscatter_text;
}
