/* bd-classify-decide.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A reason from the codes and the words, once neither the report itself
 * nor a provider's rule decided (bd-classify.c): the server's words
 * against the phrase tables weighed with the enhanced status code (RFC
 * 3463) and the refused command, then the class of the code, the
 * diagnostic type, the action. The steps and their order are the table
 * decide_steps at the end.
 */
#define G_LOG_DOMAIN "bd-classify"

#include "config.h"

#include <string.h>

#include "bd-classify-private.h"
#include "bd-phrase-index.h"

/* Reasons a specific code names with too little certainty to beat a
 * phrase that says more: "5.1.1" is also sent for a full mailbox. */
static gboolean
is_weak (BdReason reason)
{
  switch (reason)
    {
    case BD_REASON_UNDEFINED:
    case BD_REASON_ONHOLD:
    case BD_REASON_SYSTEMERROR:
    case BD_REASON_SECURITYERROR:
    case BD_REASON_NETWORKERROR:
    case BD_REASON_HOSTUNKNOWN:
    case BD_REASON_USERUNKNOWN:
    case BD_REASON_EXPIRED:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Reasons whose words are specific enough to beat any status code. Words
 * for the others ("does not exist") only decide when the code is vague. */
static gboolean
phrase_beats_status (BdReason reason)
{
  switch (reason)
    {
    case BD_REASON_MAILBOXFULL:
    case BD_REASON_EXCEEDLIMIT:
    case BD_REASON_SUSPEND:
    case BD_REASON_HASMOVED:
    case BD_REASON_NORELAYING:
    case BD_REASON_AUTHFAILURE:
    case BD_REASON_REQUIREPTR:
    case BD_REASON_NOTCOMPLIANTRFC:
    case BD_REASON_BADREPUTATION:
    case BD_REASON_SPEEDING:
    case BD_REASON_SPAMDETECTED:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Whether @phrase ("does not exist") follows a bare domain name: a word
 * with a dot and no '@', '<' or '/', as in "553 example.com does not
 * exist". */
static gboolean
names_a_domain (const char *lowered,
                const char *phrase)
{
  const char *at, *end, *start;
  gboolean dot = FALSE;

  if (strcmp (phrase, "does not exist") != 0 && strcmp (phrase, "doesn't exist") != 0)
    return FALSE;
  at = strstr (lowered, phrase);
  if (at == NULL || at - lowered < 4 || at[-1] != ' ')
    return FALSE;
  end = at - 1;
  start = end;
  while (start > lowered && start[-1] != ' ')
    start--;
  if (end - start < 4)
    return FALSE;
  for (const char *p = start; p < end; p++)
    {
      if (*p == '.')
        dot = TRUE;
      else if (!g_ascii_isalnum (*p) && *p != '-')
        return FALSE;
    }
  return dot && end[-1] != '.' && g_ascii_isalpha (end[-1]);
}

/* What bd_classify_decide() weighs: the recipient's codes and command, and which
 * reasons its words name. */
typedef struct
{
  const BdRecipient *r;
  const char *lowered;                /* the diagnostic in lower case, nullable */
  const char *status;                 /* the enhanced status code, "" without one */
  BdClassifyBody *body;               /* where the command is, when the reply does not say */
  BdReason    by_status;              /* what the status code alone names (RFC 3463) */
  /* Postfix's own explanations (x-postfix) are read for their words only:
   * its status codes there are its guesses, not a server's reply. */
  gboolean    postfix;
  guint64     matched;                /* the reasons the words name (bd_phrases_match) */
  const char *found[BD_N_REASONS];    /* the phrase found for each */
} Clues;

static gboolean
has (const Clues *c,
     BdReason     reason)
{
  return (c->matched & (G_GUINT64_CONSTANT (1) << reason)) != 0;
}

/* The SMTP command refused, nullable: asked only where a rule needs it. */
static const char *
command_of (const Clues *c)
{
  return bd_classify_command (c->r, c->body);
}

static gboolean
command_is (const Clues *c,
            const char  *command)
{
  return g_strcmp0 (command_of (c), command) == 0;
}

static BdReason
by_phrase (const Clues *c,
           BdReason     reason,
           BdEvidence  *evidence)
{
  bd_evidence_set (evidence, BD_EVIDENCE_PHRASE, c->found[reason]);
  return reason;
}

static BdReason
by_status (const Clues *c,
           BdReason     reason,
           BdEvidence  *evidence)
{
  bd_evidence_set (evidence, BD_EVIDENCE_STATUS, c->status);
  return reason;
}

/* The general rule for a reason of an SMTP reply: the words name it and
 * the code does not name something more certain, or the code names it. */
static BdReason
weigh_code_and_words (const Clues *c,
                      BdReason     reason,
                      BdEvidence  *evidence)
{
  if (has (c, reason) && (c->by_status == BD_REASON_UNDEFINED || is_weak (c->by_status)
                          || c->by_status == reason || phrase_beats_status (reason)))
    return by_phrase (c, reason, evidence);
  if (c->by_status == reason && !c->postfix)
    return by_status (c, reason, evidence);
  return BD_REASON_UNDEFINED;
}

/* Words of an unknown user that the code does not confirm. They decide
 * only for a refused RCPT TO; after the message was sent they mean a
 * filter said no. Without the refused command, they prove an unknown
 * address only when the report's author wrote them in its users'
 * language: an SMTP reply's "user unknown" after the message was sent is
 * a filter's refusal (Sisimai decides the same). */
static BdReason
weigh_user_unknown_words (const Clues *c,
                          BdEvidence  *evidence)
{
  BdReason reason = BD_REASON_USERUNKNOWN;

  if (c->by_status != BD_REASON_UNDEFINED && bd_phrases_is_vague (c->found[reason]))
    return BD_REASON_UNDEFINED;
  if (c->by_status != BD_REASON_UNDEFINED && c->by_status != BD_REASON_FILTERED && !is_weak (c->by_status))
    return BD_REASON_UNDEFINED;
  /* Refused while naming the sender, the words are about the sender. */
  if (has (c, BD_REASON_REJECTED) && strstr (c->lowered, "sender") != NULL)
    return BD_REASON_UNDEFINED;
  if (command_is (c, "RCPT") || (command_of (c) == NULL && bd_phrases_is_localized (c->found[reason])))
    return by_phrase (c, reason, evidence);
  if (command_of (c) == NULL || command_is (c, "DATA"))
    {
      bd_evidence_set (evidence, BD_EVIDENCE_PHRASE_AFTER_DATA, c->found[reason]);
      return BD_REASON_FILTERED;
    }
  return BD_REASON_UNDEFINED;
}

static BdReason
weigh_user_unknown (const Clues *c,
                    BdReason     reason,
                    BdEvidence  *evidence)
{
  /* An unknown address refused at MAIL FROM is the sender's. */
  if ((has (c, reason) || c->by_status == reason) && command_is (c, "MAIL"))
    {
      bd_evidence_set (evidence, BD_EVIDENCE_REPLY_TO_MAIL_FROM,
                       has (c, reason) ? c->found[reason] : c->status);
      return BD_REASON_REJECTED;
    }
  /* "example.com does not exist": the words are about a domain. */
  if (has (c, reason) && names_a_domain (c->lowered, c->found[reason]))
    {
      bd_evidence_set (evidence, BD_EVIDENCE_DOMAIN_BEFORE_PHRASE, c->found[reason]);
      return BD_REASON_HOSTUNKNOWN;
    }
  /* "5.1.1" with words of a refusal is a refusal. */
  if (c->by_status == reason
      && (has (c, BD_REASON_REJECTED) || has (c, BD_REASON_BLOCKED) || has (c, BD_REASON_NOTACCEPT)))
    return BD_REASON_UNDEFINED;
  if (has (c, reason) && c->by_status != reason)
    return weigh_user_unknown_words (c, evidence);
  return weigh_code_and_words (c, reason, evidence);
}

static BdReason
weigh_blocked (const Clues *c,
               BdReason     reason,
               BdEvidence  *evidence)
{
  /* "Access denied" in answer to MAIL FROM refuses the sender. */
  /* the words first: the command may have to be searched for */
  if (c->lowered != NULL && strstr (c->lowered, "access denied") != NULL && command_is (c, "MAIL"))
    {
      bd_evidence_set (evidence, BD_EVIDENCE_PHRASE_TO_MAIL_FROM, "access denied");
      return BD_REASON_REJECTED;
    }
  return weigh_code_and_words (c, reason, evidence);
}

typedef BdReason (*WeighFunc) (const Clues *c, BdReason reason, BdEvidence *evidence);

/* The order in which a code and the words decide together: the first
 * reason either names wins. */
static const struct
{
  BdReason  reason;
  WeighFunc weigh;
} code_and_words_order[] = {
  { BD_REASON_MAILBOXFULL, weigh_code_and_words },
  { BD_REASON_MESGTOOBIG, weigh_code_and_words },
  { BD_REASON_EXCEEDLIMIT, weigh_code_and_words },
  { BD_REASON_SUSPEND, weigh_code_and_words },
  { BD_REASON_HASMOVED, weigh_code_and_words },
  { BD_REASON_NORELAYING, weigh_code_and_words },
  { BD_REASON_AUTHFAILURE, weigh_code_and_words },
  { BD_REASON_REQUIREPTR, weigh_code_and_words },
  { BD_REASON_NOTCOMPLIANTRFC, weigh_code_and_words },
  { BD_REASON_BADREPUTATION, weigh_code_and_words },
  { BD_REASON_SPEEDING, weigh_code_and_words },
  { BD_REASON_USERUNKNOWN, weigh_user_unknown },
  { BD_REASON_FILTERED, weigh_code_and_words },
  { BD_REASON_REJECTED, weigh_code_and_words },
  { BD_REASON_NOTACCEPT, weigh_code_and_words },
  { BD_REASON_HOSTUNKNOWN, weigh_code_and_words },
  { BD_REASON_SPAMDETECTED, weigh_code_and_words },
  { BD_REASON_TOOMANYCONN, weigh_code_and_words },
  { BD_REASON_BLOCKED, weigh_blocked },
};

/* The places in code_and_words_order of the weighings that may name a
 * reason for @named (the reasons the words or the code name), as bits:
 * a weighing names its reason only when the words or the code name it,
 * except weigh_blocked () (also for "access denied"). Most replies name
 * two or three of the nineteen: only those are visited, without reading
 * the table for the others. */
guint32
bd_classify_weighings_for (guint64 named)
{
  static guint8 place_of[BD_N_REASONS];   /* place + 1, 0 for none */
  static guint32 always;
  static gsize made;
  guint32 todo;

  G_STATIC_ASSERT (G_N_ELEMENTS (code_and_words_order) <= 32);
  if (g_once_init_enter (&made))
    {
      for (guint i = 0; i < G_N_ELEMENTS (code_and_words_order); i++)
        {
          place_of[code_and_words_order[i].reason] = i + 1;
          if (code_and_words_order[i].weigh == weigh_blocked)
            always |= 1u << i;
        }
      g_once_init_leave (&made, 1);
    }
  todo = always;
  for (; named != 0; named &= named - 1)
    {
      guint place = place_of[__builtin_ctzll (named)];

      if (place != 0)
        todo |= 1u << (place - 1);
    }
  return todo;
}

/* The reason weighed at @place of code_and_words_order. */
BdReason
bd_classify_weighing_reason (guint place)
{
  g_return_val_if_fail (place < G_N_ELEMENTS (code_and_words_order), BD_REASON_UNDEFINED);

  return code_and_words_order[place].reason;
}

/* An SMTP reply (or Postfix's words): the code and the words together. */
static BdReason
code_and_words (const Clues *c,
                BdEvidence  *evidence)
{
  const char *type = c->r->diagnostic_type;

  if (type != NULL && !bd_classify_type_is (type, "smtp") && !c->postfix)
    return BD_REASON_UNDEFINED;
  for (guint32 todo = bd_classify_weighings_for (c->matched | G_GUINT64_CONSTANT (1) << c->by_status); todo != 0; todo &= todo - 1)
    {
      guint i = __builtin_ctz (todo);
      BdReason reason = code_and_words_order[i].weigh (c, code_and_words_order[i].reason, evidence);

      if (reason != BD_REASON_UNDEFINED)
        return reason;
    }
  return BD_REASON_UNDEFINED;
}

/* A status code that names its reason with certainty (is_weak). */
static BdReason
definite_status (const Clues *c,
                 BdEvidence  *evidence)
{
  if (c->by_status == BD_REASON_UNDEFINED || is_weak (c->by_status))
    return BD_REASON_UNDEFINED;
  return by_status (c, c->by_status, evidence);
}

/* Words that name a reason on their own (bd_phrases_alone). */
static BdReason
words_alone (const Clues *c,
             BdEvidence  *evidence)
{
  BdReason reason = bd_phrases_alone (c->matched);

  return reason == BD_REASON_UNDEFINED ? reason : by_phrase (c, reason, evidence);
}

/* A status code with a less certain reason, when no words did better. */
static BdReason
weak_status (const Clues *c,
             BdEvidence  *evidence)
{
  if (c->by_status == BD_REASON_UNDEFINED)
    return BD_REASON_UNDEFINED;
  return by_status (c, c->by_status, evidence);
}

/* A status code of no known detail still has its class (RFC 3463 §3.7,
 * §3.8): X.6.* is about the content, X.7.* about security or policy. */
static BdReason
status_class (const Clues *c,
              BdEvidence  *evidence)
{
  if (c->status[0] == '\0' || c->status[1] != '.')
    return BD_REASON_UNDEFINED;
  if (c->status[2] == '6')
    return by_status (c, BD_REASON_CONTENTERROR, evidence);
  if (c->status[2] == '7')
    return by_status (c, BD_REASON_SECURITYERROR, evidence);
  return BD_REASON_UNDEFINED;
}

/* x-unix, x-postfix: a local delivery program failed, not a server. */
static BdReason
local_delivery (const Clues *c,
                BdEvidence  *evidence)
{
  const char *type = c->r->diagnostic_type;

  if (type == NULL || (!bd_classify_type_is (type, "x-unix") && !bd_classify_type_is (type, "x-postfix")))
    return BD_REASON_UNDEFINED;
  bd_evidence_set (evidence, BD_EVIDENCE_DIAGNOSTIC_TYPE, type);
  return BD_REASON_MAILERERROR;
}

/* 500-504: the server did not understand the command (RFC 5321 §4.2.2). */
static BdReason
syntax_reply (const Clues *c,
              BdEvidence  *evidence)
{
  if (c->r->reply_code < 500 || c->r->reply_code > 504)
    return BD_REASON_UNDEFINED;
  bd_evidence_take (evidence, BD_EVIDENCE_REPLY_CODE, g_strdup_printf ("%u", c->r->reply_code));
  return BD_REASON_SYNTAXERROR;
}

/* Action delayed or expired (RFC 3464 §2.3.3): still retried, or given
 * up after retrying. */
static BdReason
still_retried (const Clues *c,
               BdEvidence  *evidence)
{
  const char *action = c->r->action;

  if (action == NULL || (strcmp (action, "delayed") != 0 && strcmp (action, "expired") != 0))
    return BD_REASON_UNDEFINED;
  bd_evidence_set (evidence, BD_EVIDENCE_ACTION, action);
  return BD_REASON_EXPIRED;
}

/* Refused at the greeting or at HELO/EHLO, before any address was
 * named: the sending host itself was turned away. */
static BdReason
refused_host (const Clues *c,
              BdEvidence  *evidence)
{
  if (!command_is (c, "EHLO") && !command_is (c, "HELO") && !command_is (c, "CONN"))
    return BD_REASON_UNDEFINED;
  bd_evidence_set (evidence, BD_EVIDENCE_REFUSED_AT, command_of (c));
  return BD_REASON_BLOCKED;
}

/* The server said something, and nothing in it named a reason. */
static BdReason
unrecognised (const Clues *c,
              BdEvidence  *evidence)
{
  if (c->r->diagnostic == NULL || *c->r->diagnostic == '\0')
    return BD_REASON_UNDEFINED;
  bd_evidence_set (evidence, BD_EVIDENCE_UNRECOGNISED, NULL);
  return BD_REASON_ONHOLD;
}

typedef BdReason (*DecideStep) (const Clues *c, BdEvidence *evidence);

/* bd_classify_decide()'s steps in order of precedence: the first that names a
 * reason decides. */
static const DecideStep decide_steps[] = {
  code_and_words,       /* an SMTP reply: the code and the words together */
  definite_status,      /* a status code that names its reason with certainty */
  words_alone,          /* words that name a reason on their own */
  weak_status,          /* a status code with a less certain reason */
  status_class,         /* X.6.* content, X.7.* security */
  local_delivery,       /* x-unix, x-postfix: a local delivery program */
  syntax_reply,         /* 500-504: the command was not understood */
  still_retried,        /* delayed or expired */
  refused_host,         /* refused at the greeting or HELO/EHLO */
  unrecognised,         /* words that name nothing we know */
};

BdReason
bd_classify_decide (const BdRecipient  *r,
                    const char         *lowered,
                    const BdFoldedText *folded,
                    BdClassifyBody     *body,
                    BdEvidence         *evidence)
{
  Clues c = {
    .r = r,
    .lowered = lowered,
    .status = r->status ? r->status : "",
    .body = body,
    .by_status = bd_classify_status (r->status),
    .postfix = r->diagnostic_type != NULL && bd_classify_type_is (r->diagnostic_type, "x-postfix"),
  };

  if (lowered != NULL)
    c.matched = bd_phrases_match_folded (folded, c.found);
  for (guint i = 0; i < G_N_ELEMENTS (decide_steps); i++)
    {
      BdReason reason = decide_steps[i] (&c, evidence);

      if (reason != BD_REASON_UNDEFINED)
        return reason;
    }
  return BD_REASON_UNDEFINED;
}
