/* bd-classify.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How a reason is decided, in order:
 *  1. what the report itself says (a delivered status, a feedback report);
 *  2. per-provider rules: the same code means different things at
 *     different receivers (bd-classify-provider.c);
 *  3. the server's words against the phrase tables, combined with the
 *     meaning of the enhanced status code (RFC 3463): a specific phrase
 *     ("mailbox is full") beats a generic code, a specific code (5.1.1)
 *     beats vague words;
 *  4. the class of the status code, the diagnostic type (x-unix: a local
 *     delivery program failed), the action (delayed: still retried).
 * Steps 3 and 4 are bd_classify_decide() (bd-classify-decide.c).
 * Sisimai decides in much the same order, which keeps our machine names
 * interoperable with its users.
 */
#define G_LOG_DOMAIN "bd-classify"

#include "config.h"

#include <string.h>

#include "bd-classify-private.h"
#include "bd-phrase-index.h"
#include "bd-text.h"

/* A temporary (4xx) failure to find a host is a DNS or network hiccup,
 * not a domain that does not exist. */
static BdReason
soften_temporary (const BdRecipient *r,
                  BdReason           reason,
                  BdEvidence        *evidence)
{
  gboolean temporary = (r->status != NULL && r->status[0] == '4')
                    || (r->reply_code >= 400 && r->reply_code < 500);

  if (reason == BD_REASON_HOSTUNKNOWN && temporary)
    {
      evidence->temporary = TRUE;
      return BD_REASON_NETWORKERROR;
    }
  return reason;
}

/* Room for a lowered reply on the stack: over the corpus, replies run
 * to about 110 bytes, and very few to more than 500. */
#define LOWERED_ROOM 512

/* @relay: the reporting MTA when it is not @reporter: a filtering
 * service (MessageLabs…) reports for the servers behind it, and its own
 * rules apply too. */
static BdReason
classify (const BdRecipient *recipient,
          const char        *reporter,
          const char        *relay,
          BdClassifyBody    *body,
          BdEvidence        *evidence)
{
  /* the lowered reply, on the stack where it fits (most replies) */
  char lowered_buf[LOWERED_ROOM];
  g_autofree char *lowered_heap = NULL;
  const char *lowered = NULL;
  g_autofree char *folded_copy = NULL;
  BdFoldedText folded = { NULL, 0 };
  BdClassifyReply reply;
  BdReason by_provider;

  bd_evidence_clear (evidence);
  if (recipient->status != NULL && recipient->status[0] == '2')
    {
      bd_evidence_set (evidence, BD_EVIDENCE_STATUS, recipient->status);
      return BD_REASON_DELIVERED;
    }
  if (recipient->diagnostic != NULL)
    lowered = bd_phrases_lower_and_fold_in (recipient->diagnostic, lowered_buf, sizeof lowered_buf,
                                            &lowered_heap, &folded, &folded_copy);
  /* what the rules read of the reply: the same for both reporters; its
   * length is the folded one where folding left it as it was (most) */
  bd_classify_reply_init_len (&reply, lowered,
                              lowered == NULL ? 0 : folded.text == lowered ? folded.len : strlen (lowered));
  reply.body = body;
  by_provider = bd_classify_provider_rules (recipient, reporter, &reply, evidence);
  if (by_provider == BD_REASON_UNDEFINED && relay != NULL && g_strcmp0 (relay, reporter) != 0)
    by_provider = bd_classify_provider_rules (recipient, relay, &reply, evidence);
  bd_classify_reply_clear (&reply);
  if (by_provider == BD_N_REASONS)
    return BD_REASON_UNDEFINED;
  if (by_provider != BD_REASON_UNDEFINED)
    return by_provider;
  return soften_temporary (recipient, bd_classify_decide (recipient, lowered, &folded, body, evidence), evidence);
}

/* @r's own command, else @body's (nullable), searched when first asked. */
const char *
bd_classify_command (const BdRecipient *r,
                     BdClassifyBody    *body)
{
  if (r->command != NULL || body == NULL || body->text == NULL)
    return r->command;
  if (!body->searched)
    {
      body->command = bd_classify_find_command (body->text);
      body->searched = TRUE;
    }
  return body->command;
}

/**
 * bd_classify_recipient:
 * @recipient: a recipient record
 * @reporter: (nullable): the host that reported it (remote or reporting MTA)
 * @evidence: (out) (transfer full): what decided, in its recorded form
 *
 * Returns: the reason.
 */
BdReason
bd_classify_recipient (const BdRecipient *recipient,
                       const char        *reporter,
                       char             **evidence)
{
  BdEvidence decided = { 0 };
  BdReason reason;

  g_return_val_if_fail (recipient != NULL, BD_REASON_UNDEFINED);
  g_return_val_if_fail (evidence != NULL, BD_REASON_UNDEFINED);

  reason = classify (recipient, reporter, NULL, NULL, &decided);
  *evidence = bd_evidence_to_string (&decided);
  bd_evidence_clear (&decided);
  return reason;
}

/* Sisimai's convention, which our users' tools expect: a recipient
 * without a status gets a pseudo code X.0.9NN naming its reason. */
static const guint16 internal_codes[BD_N_REASONS] = {
  [BD_REASON_UNDEFINED] = 900, [BD_REASON_ONHOLD] = 901, [BD_REASON_SYNTAXERROR] = 902,
  [BD_REASON_NORELAYING] = 909, [BD_REASON_FILTERED] = 910, [BD_REASON_USERUNKNOWN] = 911,
  [BD_REASON_HOSTUNKNOWN] = 912, [BD_REASON_HASMOVED] = 916, [BD_REASON_REJECTED] = 918,
  [BD_REASON_SUSPEND] = 921, [BD_REASON_MAILBOXFULL] = 922, [BD_REASON_EXCEEDLIMIT] = 923,
  [BD_REASON_SYSTEMERROR] = 930, [BD_REASON_SYSTEMFULL] = 931, [BD_REASON_NOTACCEPT] = 932,
  [BD_REASON_MESGTOOBIG] = 934, [BD_REASON_MAILERERROR] = 939, [BD_REASON_NETWORKERROR] = 944,
  [BD_REASON_TOOMANYCONN] = 945, [BD_REASON_EXPIRED] = 947, [BD_REASON_CONTENTERROR] = 960,
  [BD_REASON_SECURITYERROR] = 970, [BD_REASON_BLOCKED] = 971, [BD_REASON_VIRUSDETECTED] = 971,
  [BD_REASON_POLICYVIOLATION] = 972, [BD_REASON_SPAMDETECTED] = 980,
  [BD_REASON_REQUIREPTR] = 973, [BD_REASON_AUTHFAILURE] = 974, [BD_REASON_BADREPUTATION] = 975,
  [BD_REASON_NOTCOMPLIANTRFC] = 976, [BD_REASON_SPEEDING] = 977,
};

/* "%c.0.%u" of the class ('4' when @temporary, else '5') and @code, one
 * of internal_codes (three digits), without a format read per recipient. */
char *
bd_classify_internal_status (gboolean temporary,
                             guint    code)
{
  char status[] = "5.0.900";

  g_assert (code >= 100 && code <= 999);
  status[0] = temporary ? '4' : '5';
  status[4] = '0' + code / 100;
  status[5] = '0' + code / 10 % 10;
  status[6] = '0' + code % 10;
  return g_strdup (status);
}

static void
set_internal_status (BdRecipient *r,
                     BdBounce    *bounce)
{
  gboolean temporary;

  /* before the search below: most recipients have a status */
  if (r->status != NULL || internal_codes[r->reason] == 0)
    return;
  /* Temporary only when the server said so: a 4xx code or the word. */
  temporary = (r->reply_code >= 400 && r->reply_code < 500)
              || (r->diagnostic != NULL && strstr (r->diagnostic, "emporar") != NULL);
  /* Exim gives up on a full mailbox or an unreachable host only after
   * retrying: without any code, that is a temporary failure timed out. */
  if (r->reply_code == 0 && g_strcmp0 (bounce->mta, "exim") == 0
      && (r->reason == BD_REASON_EXPIRED || r->reason == BD_REASON_MAILBOXFULL))
    temporary = TRUE;
  /* The last resort's "delayed" (its notice says the message is still
   * being retried) is a transient failure: class 4 (RFC 3463, 3.1; RFC
   * 3464, 2.3.3, Action "delayed"), never a permanent 5. */
  if (bounce->kind == BD_KIND_DELAYED && g_strcmp0 (bounce->mta, "guess") == 0)
    temporary = TRUE;
  r->status = bd_classify_internal_status (temporary, internal_codes[r->reason]);
}

/* The provider step that needs the whole bounce: who sent it. */
static void
sender_quota (const BdBounce *bounce,
              BdRecipient    *r)
{
  BdEvidence decided = { 0 };
  BdReason reason = bd_classify_sender_quota (bounce, r, &decided);

  if (reason == BD_REASON_UNDEFINED)
    return;
  r->reason = reason;
  bd_recipient_take_evidence (r, &decided);
}

/* Once the body was searched, every recipient without a command of its
 * own gets the body's, as when it was searched before classifying. */
static void
give_body_command (BdBounce             *bounce,
                   const BdClassifyBody *body)
{
  if (!body->searched || body->command == NULL)
    return;
  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      BdRecipient *r = g_ptr_array_index (bounce->recipients, i);

      if (r->command == NULL)
        r->command = g_strdup (body->command);
    }
}

/**
 * bd_classify_bounce:
 *
 * Classifies every recipient of @bounce still at %BD_REASON_UNDEFINED and
 * sets its hard flag.
 */
void
bd_classify_bounce (BdBounce *bounce)
{
  bd_classify_bounce_with_body (bounce, NULL);
}

/**
 * bd_classify_bounce_with_body:
 * @body: (nullable): the message's text, where the refused SMTP command
 *   of a recipient whose reply does not name it is looked for
 *   (bd_classify_find_command ()), only if a rule asks
 *
 * bd_classify_bounce (), and the command of the recipients without one
 * from @body, when it was searched: most messages are classified without
 * it, and reading a whole body for it cost as much as classifying.
 */
void
bd_classify_bounce_with_body (BdBounce   *bounce,
                              const char *body)
{
  BdClassifyBody command_source = { body, FALSE, NULL };

  g_return_if_fail (bounce != NULL);

  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      BdRecipient *r = g_ptr_array_index (bounce->recipients, i);
      const char *reporter = r->remote_mta ? r->remote_mta : bounce->reporting_mta;

      if (bounce->kind == BD_KIND_VACATION)
        r->reason = BD_REASON_VACATION;
      else if (bounce->kind == BD_KIND_FEEDBACK)
        r->reason = BD_REASON_FEEDBACK;
      else if (bounce->kind == BD_KIND_DELIVERED && r->reason == BD_REASON_UNDEFINED)
        {
          r->reason = BD_REASON_DELIVERED;
          if (r->evidence == NULL)
            bd_recipient_set_evidence (r, BD_EVIDENCE_ACTION, r->action ? r->action : "delivered");
        }
      if (r->reason == BD_REASON_UNDEFINED)
        {
          BdEvidence decided = { 0 };

          r->reason = classify (r, reporter, bounce->reporting_mta, &command_source, &decided);
          bd_recipient_take_evidence (r, &decided);
          sender_quota (bounce, r);
        }
      if (bounce->kind == BD_KIND_BOUNCE || bounce->kind == BD_KIND_DELAYED)
        set_internal_status (r, bounce);
      r->hard = bd_reason_is_hard (r->reason, r->reply_code, r->status);
    }
  give_body_command (bounce, &command_source);
}

/**
 * bd_classify_is_unrecognised:
 *
 * Returns: whether @recipient is "onhold" only because nothing in the
 *   server's words named a reason: for the user, a failure whose reason
 *   is unclear, not a message held somewhere ("held for review").
 */
gboolean
bd_classify_is_unrecognised (const BdRecipient *recipient)
{
  g_return_val_if_fail (recipient != NULL, FALSE);

  return recipient->reason == BD_REASON_ONHOLD && recipient->cause.kind == BD_EVIDENCE_UNRECOGNISED;
}

/**
 * bd_classify_shown_reason:
 *
 * Returns: the reason to show a person (labels, advice, charts, icons):
 *   "onhold" for words that named no reason shows as unknown.
 */
BdReason
bd_classify_shown_reason (const BdRecipient *recipient)
{
  g_return_val_if_fail (recipient != NULL, BD_REASON_UNDEFINED);

  return bd_classify_is_unrecognised (recipient) ? BD_REASON_UNDEFINED : recipient->reason;
}
