/* bd-evidence.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The two ways evidence is said: the recorded English form of the JSON
 * (its `evidence` field, unchanged since the first release: scripts read
 * it) and the translated sentence under "Why this reason?".
 */
#define G_LOG_DOMAIN "bd-evidence"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-evidence.h"

void
bd_evidence_clear (BdEvidence *evidence)
{
  g_return_if_fail (evidence != NULL);

  g_clear_pointer (&evidence->item, g_free);
  evidence->kind = BD_EVIDENCE_NONE;
  evidence->temporary = FALSE;
}

/* Replaces @evidence with @kind and @item (taken). */
void
bd_evidence_take (BdEvidence     *evidence,
                  BdEvidenceKind  kind,
                  char           *item)
{
  g_return_if_fail (evidence != NULL);

  bd_evidence_clear (evidence);
  evidence->kind = kind;
  evidence->item = item;
}

void
bd_evidence_set (BdEvidence     *evidence,
                 BdEvidenceKind  kind,
                 const char     *item)
{
  bd_evidence_take (evidence, kind, g_strdup (item));
}

/* Moves @from into @to, leaving @from empty. */
void
bd_evidence_move (BdEvidence *to,
                  BdEvidence *from)
{
  g_return_if_fail (to != NULL && from != NULL);

  bd_evidence_clear (to);
  *to = *from;
  from->item = NULL;
  bd_evidence_clear (from);
}

/* @before, @it and @after joined, the literals' lengths known where
 * they are written (JOIN ()): g_strconcat () measured every part twice
 * through its argument list, and every classified recipient gets one. */
static char *
join (const char *before,
      gsize       before_len,
      const char *it,
      const char *after,
      gsize       after_len)
{
  gsize it_len = strlen (it);
  char *joined = g_malloc (before_len + it_len + after_len + 1);

  memcpy (joined, before, before_len);
  memcpy (joined + before_len, it, it_len);
  memcpy (joined + before_len + it_len, after, after_len + 1);
  return joined;
}

#define JOIN(before, it, after) join (before, sizeof before - 1, it, after, sizeof after - 1)

/* The recorded form without ", temporary"; NULL when there is none. */
static char *
recorded_form (BdEvidenceKind  kind,
               const char     *item)
{
  const char *it = item != NULL ? item : "";

  switch (kind)
    {
    case BD_EVIDENCE_STATUS:               return JOIN ("status ", it, "");
    case BD_EVIDENCE_REPLY_CODE:           return JOIN ("reply code ", it, "");
    case BD_EVIDENCE_PHRASE:               return JOIN ("phrase “", it, "”");
    case BD_EVIDENCE_PHRASE_AFTER_DATA:    return JOIN ("phrase “", it, "” after the message was sent");
    case BD_EVIDENCE_REPLY_TO_MAIL_FROM:   return JOIN ("", it, " in reply to MAIL FROM");
    case BD_EVIDENCE_PHRASE_TO_MAIL_FROM:  return JOIN ("phrase “", it, "” in reply to MAIL FROM");
    case BD_EVIDENCE_DOMAIN_BEFORE_PHRASE: return JOIN ("a domain name before “", it, "”");
    case BD_EVIDENCE_REFUSED_AT:           return JOIN ("refused at ", it, "");
    case BD_EVIDENCE_ACTION:               return JOIN ("action ", it, "");
    case BD_EVIDENCE_DIAGNOSTIC_TYPE:      return JOIN ("diagnostic type ", it, "");
    case BD_EVIDENCE_FEEDBACK_TYPE:        return JOIN ("feedback report (", it, ")");
    case BD_EVIDENCE_DISPOSITION:          return JOIN ("disposition ", it, "");
    case BD_EVIDENCE_AUTO_REPLY:           return g_strdup ("auto-reply (RFC 3834)");
    case BD_EVIDENCE_COMPLAINT_SUBJECT:    return JOIN ("complaint (subject “", it, "”)");
    case BD_EVIDENCE_FRANCEPTT_CODE:       return JOIN ("Orange/La Poste: code ", it, "");
    case BD_EVIDENCE_SPECTRUM_CODE:        return JOIN ("Spectrum: code AUP#", it, "");
    case BD_EVIDENCE_POWERMTA_CATEGORY:    return JOIN ("PowerMTA bounce category ", it, "");
    case BD_EVIDENCE_GROUP_REFUSED:        return g_strdup ("Google Groups refused the post");
    case BD_EVIDENCE_NOTIFICATION_TYPE:    return JOIN ("notificationType ", it, "");
    case BD_EVIDENCE_PIPE_FAILED:          return g_strdup ("pipe to");
    case BD_EVIDENCE_REFUSED_UNTIL_EXPIRED:
      return g_strdup ("does not like recipient, then queue too long");
    case BD_EVIDENCE_UNRECOGNISED:         return g_strdup ("unrecognised diagnostic");
    case BD_EVIDENCE_PROVIDER_RULE:
    case BD_EVIDENCE_STATED_BY_FORMAT:
    case BD_EVIDENCE_AU_SPAM_FILTER:
      return g_strdup (item);
    case BD_EVIDENCE_NONE:
    default:
      return NULL;
    }
}

/**
 * bd_evidence_to_string:
 *
 * Returns: (transfer full) (nullable): the recorded English form kept in
 *   the JSON and the exports ("status 5.1.1", "phrase “mailbox is
 *   full”"…), or %NULL for no evidence.
 */
char *
bd_evidence_to_string (const BdEvidence *evidence)
{
  g_autofree char *form = NULL;

  g_return_val_if_fail (evidence != NULL, NULL);

  form = recorded_form (evidence->kind, evidence->item);
  if (!evidence->temporary)
    return g_steal_pointer (&form);
  /* A host not found with nothing recorded: the classifier's words. */
  return g_strconcat (form != NULL ? form : "host not found", ", temporary", NULL);
}

/* Sentences about the server's reply and the SMTP dialogue. */
static char *
describe_reply (BdEvidenceKind  kind,
                const char     *it)
{
  switch (kind)
    {
    case BD_EVIDENCE_PHRASE:
      /* Translators: %s is a quote from the mail server's reply */
      return g_strdup_printf (_("The server’s reply says “%s”."), it);
    case BD_EVIDENCE_STATUS:
      /* Translators: %s is a delivery status code such as 5.1.1 */
      return g_strdup_printf (_("The delivery status code %s stands for this reason."), it);
    case BD_EVIDENCE_REPLY_CODE:
      /* Translators: %s is an SMTP reply code such as 550 */
      return g_strdup_printf (_("The server’s reply code %s stands for this reason."), it);
    case BD_EVIDENCE_PHRASE_AFTER_DATA:
      /* Translators: %s is a quote from the mail server's reply, given
       * after the message's text had been sent (so a filter refused it) */
      return g_strdup_printf (_("The server’s reply says “%s”, but only after the whole message "
                                "had been sent: a filter refused it."), it);
    case BD_EVIDENCE_REPLY_TO_MAIL_FROM:
    case BD_EVIDENCE_PHRASE_TO_MAIL_FROM:
      /* Translators: %s is a quote from the mail server's reply (or a
       * status code) given to the sender's address, MAIL FROM */
      return g_strdup_printf (_("The server answered the sender’s address (MAIL FROM) with “%s”: "
                                "it refused the sender, not the recipient."), it);
    case BD_EVIDENCE_DOMAIN_BEFORE_PHRASE:
      /* Translators: %s is a quote such as “does not exist” that followed a
       * domain name in the server's reply */
      return g_strdup_printf (_("The server’s reply says “%s” right after a domain name: the domain "
                                "is unknown."), it);
    case BD_EVIDENCE_REFUSED_AT:
      /* Translators: %s is an SMTP step such as EHLO or CONN (the greeting) */
      return g_strdup_printf (_("The server refused the connection at the %s step, before any "
                                "recipient was named: it turned the sending server away."), it);
    case BD_EVIDENCE_UNRECOGNISED:
      return g_strdup (_("Nothing in the server’s reply names a known reason."));
    case BD_EVIDENCE_REFUSED_UNTIL_EXPIRED:
      return g_strdup (_("The server kept refusing the recipient for the time being until the "
                         "sending server gave up; its words name no reason."));
    default:
      return NULL;
    }
}

/* Sentences about the report's own fields and statements. */
static char *
describe_report (BdEvidenceKind  kind,
                 const char     *it)
{
  switch (kind)
    {
    case BD_EVIDENCE_ACTION:
      /* Translators: %s is the report's Action field, e.g. “delayed”; keep it as it is */
      return g_strdup_printf (_("The report’s Action field says “%s”."), it);
    case BD_EVIDENCE_DIAGNOSTIC_TYPE:
      /* Translators: %s is a diagnostic type such as x-unix; keep it as it is */
      return g_strdup_printf (_("A program on the receiving server failed to deliver the message "
                                "(diagnostic type %s), not an SMTP server."), it);
    case BD_EVIDENCE_FEEDBACK_TYPE:
      /* Translators: %s is the report's feedback type, e.g. “abuse”; keep it as it is */
      return g_strdup_printf (_("A feedback report (complaint) of type “%s”."), it);
    case BD_EVIDENCE_DISPOSITION:
      /* Translators: %s is a read receipt's disposition field, kept as written */
      return g_strdup_printf (_("A read receipt whose disposition says “%s”."), it);
    case BD_EVIDENCE_AUTO_REPLY:
      return g_strdup (_("The message is an automatic reply, such as an out-of-office notice."));
    case BD_EVIDENCE_COMPLAINT_SUBJECT:
      /* Translators: %s is the subject of a forwarded complaint, as written */
      return g_strdup_printf (_("A complaint forwarded with the subject “%s”."), it);
    case BD_EVIDENCE_STATED_BY_FORMAT:
      /* Translators: %s is the report's own words, quoted as written */
      return g_strdup_printf (_("The server’s report says “%s”."), it);
    case BD_EVIDENCE_POWERMTA_CATEGORY:
      /* Translators: %s is PowerMTA's own name for the failure, e.g. “bad-mailbox”; keep it as it is */
      return g_strdup_printf (_("The sending server (PowerMTA) filed the reply under “%s”."), it);
    case BD_EVIDENCE_NOTIFICATION_TYPE:
      /* Translators: %s is Amazon SES's notification type, e.g. “Delivery”; keep it as it is */
      return g_strdup_printf (_("Amazon SES sent a notification of type “%s”."), it);
    case BD_EVIDENCE_GROUP_REFUSED:
      return g_strdup (_("Google Groups refused to post the message to the group."));
    case BD_EVIDENCE_AU_SPAM_FILTER:
      return g_strdup (_("The spam filter of au (KDDI) marked the message “X-SPASIGN: NG” and "
                         "refused it."));
    case BD_EVIDENCE_PIPE_FAILED:
      return g_strdup (_("A program on the receiving server that was to take the message "
                         "(“pipe to”) failed."));
    default:
      return NULL;
    }
}

/* Sentences about a provider's documented meaning. */
static char *
describe_provider (BdEvidenceKind  kind,
                   const char     *it)
{
  switch (kind)
    {
    case BD_EVIDENCE_PROVIDER_RULE:
      /* The rule's text is marked N_() where it is written; gettext of
       * "" would be the catalogue's header. */
      return g_strdup (*it != '\0' ? _(it) : it);
    case BD_EVIDENCE_FRANCEPTT_CODE:
      /* Translators: %s is a code such as OFR006_102; keep it as it is */
      return g_strdup_printf (_("Orange and La Poste document the code %s for this reason."), it);
    case BD_EVIDENCE_SPECTRUM_CODE:
      /* Translators: %s is the number of a code such as AUP#1350 */
      return g_strdup_printf (_("Spectrum documents the code AUP#%s for this reason."), it);
    default:
      return NULL;
    }
}

/**
 * bd_evidence_describe:
 *
 * Returns: (transfer full) (nullable): @evidence as a sentence in the
 *   user's language for "Why this reason?"; quotes of the server's words
 *   stay as written. %NULL for no evidence.
 */
char *
bd_evidence_describe (const BdEvidence *evidence)
{
  g_autofree char *base = NULL;
  const char *it;
  char *said;

  g_return_val_if_fail (evidence != NULL, NULL);

  it = evidence->item != NULL ? evidence->item : "";
  if ((said = describe_reply (evidence->kind, it)) == NULL
      && (said = describe_report (evidence->kind, it)) == NULL)
    said = describe_provider (evidence->kind, it);
  if (!evidence->temporary)
    return said;
  if (said == NULL)
    return g_strdup (_("The failure was temporary."));
  base = said;
  /* Translators: %s is a sentence saying why the reason was chosen */
  return g_strdup_printf (_("%s The failure was temporary."), base);
}
