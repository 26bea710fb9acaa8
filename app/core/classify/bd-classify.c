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
 * Sisimai decides in much the same order, which keeps our machine names
 * interoperable with its users.
 */
#define _GNU_SOURCE   /* memmem */
#define G_LOG_DOMAIN "bd-classify"

#include "config.h"

#include <string.h>

#include "bd-classify-private.h"
#include "bd-phrase-fold.h"
#include "bd-phrases.h"
#include "bd-scan-util.h"

typedef struct
{
  const char *status;
  BdReason    reason;
} StatusRule;

/* RFC 3463 codes (and the registered RFC 5248 ones) that name a reason by
 * themselves. Generic "X.0.0" codes are absent on purpose. */
static const StatusRule status_rules[] = {
  { "2.1.5", BD_REASON_DELIVERED },
  { "4.1.6", BD_REASON_HASMOVED },
  { "4.1.7", BD_REASON_REJECTED },
  { "4.1.8", BD_REASON_REJECTED },
  { "4.1.9", BD_REASON_SYSTEMERROR },
  { "4.2.1", BD_REASON_SUSPEND },
  { "4.2.2", BD_REASON_MAILBOXFULL },
  { "4.2.3", BD_REASON_EXCEEDLIMIT },
  { "4.2.4", BD_REASON_FILTERED },
  { "4.3.1", BD_REASON_SYSTEMFULL },
  { "4.3.2", BD_REASON_NOTACCEPT },
  { "4.3.3", BD_REASON_SYSTEMERROR },
  { "4.3.5", BD_REASON_SYSTEMERROR },
  { "4.4.1", BD_REASON_EXPIRED },
  { "4.4.2", BD_REASON_NETWORKERROR },
  { "4.4.4", BD_REASON_NETWORKERROR },
  { "4.4.5", BD_REASON_SYSTEMFULL },
  { "4.4.6", BD_REASON_NETWORKERROR },
  { "4.4.7", BD_REASON_EXPIRED },
  { "4.5.3", BD_REASON_SYSTEMERROR },
  { "4.5.5", BD_REASON_SYSTEMERROR },
  { "4.6.0", BD_REASON_CONTENTERROR },
  { "4.6.2", BD_REASON_CONTENTERROR },
  { "4.6.5", BD_REASON_CONTENTERROR },
  { "4.7.1", BD_REASON_BLOCKED },
  { "4.7.2", BD_REASON_BLOCKED },
  { "4.7.5", BD_REASON_SECURITYERROR },
  { "4.7.6", BD_REASON_SECURITYERROR },
  { "4.7.7", BD_REASON_SECURITYERROR },
  { "4.7.12", BD_REASON_SECURITYERROR },
  { "4.7.15", BD_REASON_SECURITYERROR },
  { "4.7.16", BD_REASON_MESGTOOBIG },
  { "4.7.24", BD_REASON_AUTHFAILURE },
  { "4.7.25", BD_REASON_REQUIREPTR },
  { "5.1.0", BD_REASON_USERUNKNOWN },
  { "5.1.1", BD_REASON_USERUNKNOWN },
  { "5.1.2", BD_REASON_HOSTUNKNOWN },
  { "5.1.3", BD_REASON_USERUNKNOWN },
  { "5.1.4", BD_REASON_FILTERED },
  { "5.1.6", BD_REASON_HASMOVED },
  { "5.1.7", BD_REASON_REJECTED },
  { "5.1.8", BD_REASON_REJECTED },
  { "5.1.9", BD_REASON_SYSTEMERROR },
  { "5.1.10", BD_REASON_NOTACCEPT },
  { "5.2.0", BD_REASON_FILTERED },
  { "5.2.1", BD_REASON_FILTERED },
  { "5.2.2", BD_REASON_MAILBOXFULL },
  { "5.2.3", BD_REASON_EXCEEDLIMIT },
  { "5.2.4", BD_REASON_FILTERED },
  { "5.3.0", BD_REASON_SYSTEMERROR },
  { "5.3.1", BD_REASON_SYSTEMFULL },
  { "5.3.2", BD_REASON_NOTACCEPT },
  { "5.3.3", BD_REASON_SYSTEMERROR },
  { "5.3.4", BD_REASON_MESGTOOBIG },
  { "5.3.5", BD_REASON_SYSTEMERROR },
  { "5.4.0", BD_REASON_NETWORKERROR },
  { "5.4.3", BD_REASON_SYSTEMERROR },
  { "5.4.4", BD_REASON_HOSTUNKNOWN },
  { "5.5.3", BD_REASON_TOOMANYCONN },
  { "5.5.4", BD_REASON_SYSTEMERROR },
  { "5.5.5", BD_REASON_SYSTEMERROR },
  { "5.5.6", BD_REASON_SECURITYERROR },
  { "5.6.0", BD_REASON_CONTENTERROR },
  { "5.6.1", BD_REASON_CONTENTERROR },
  { "5.6.2", BD_REASON_CONTENTERROR },
  { "5.6.3", BD_REASON_CONTENTERROR },
  { "5.6.5", BD_REASON_CONTENTERROR },
  { "5.6.6", BD_REASON_CONTENTERROR },
  { "5.6.7", BD_REASON_CONTENTERROR },
  { "5.6.8", BD_REASON_CONTENTERROR },
  { "5.6.9", BD_REASON_CONTENTERROR },
  { "5.7.0", BD_REASON_SECURITYERROR },
  { "5.7.1", BD_REASON_SECURITYERROR },
  { "5.7.2", BD_REASON_SECURITYERROR },
  { "5.7.3", BD_REASON_SECURITYERROR },
  { "5.7.4", BD_REASON_SECURITYERROR },
  { "5.7.5", BD_REASON_SECURITYERROR },
  { "5.7.6", BD_REASON_SECURITYERROR },
  { "5.7.7", BD_REASON_SECURITYERROR },
  { "5.7.8", BD_REASON_SECURITYERROR },
  { "5.7.9", BD_REASON_SECURITYERROR },
  { "5.7.10", BD_REASON_SECURITYERROR },
  { "5.7.11", BD_REASON_SECURITYERROR },
  { "5.7.13", BD_REASON_SUSPEND },
  { "5.7.14", BD_REASON_SECURITYERROR },
  { "5.7.15", BD_REASON_SECURITYERROR },
  { "5.7.16", BD_REASON_MESGTOOBIG },
  { "5.7.17", BD_REASON_HASMOVED },
  { "5.7.18", BD_REASON_HASMOVED },
  { "5.7.19", BD_REASON_SECURITYERROR },
  { "5.7.20", BD_REASON_AUTHFAILURE },
  { "5.7.21", BD_REASON_AUTHFAILURE },
  { "5.7.22", BD_REASON_AUTHFAILURE },
  { "5.7.23", BD_REASON_AUTHFAILURE },
  { "5.7.24", BD_REASON_AUTHFAILURE },
  { "5.7.25", BD_REASON_REQUIREPTR },
  { "5.7.26", BD_REASON_AUTHFAILURE },
  { "5.7.27", BD_REASON_NOTACCEPT },
};

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

/* The order in which a code and the words decide together: the first
 * reason either names wins. */
static const BdReason first_order[] = {
  BD_REASON_MAILBOXFULL, BD_REASON_MESGTOOBIG, BD_REASON_EXCEEDLIMIT, BD_REASON_SUSPEND,
  BD_REASON_HASMOVED, BD_REASON_NORELAYING, BD_REASON_AUTHFAILURE, BD_REASON_REQUIREPTR,
  BD_REASON_NOTCOMPLIANTRFC, BD_REASON_BADREPUTATION, BD_REASON_SPEEDING,
  BD_REASON_USERUNKNOWN, BD_REASON_FILTERED, BD_REASON_REJECTED, BD_REASON_NOTACCEPT,
  BD_REASON_HOSTUNKNOWN, BD_REASON_SPAMDETECTED, BD_REASON_TOOMANYCONN, BD_REASON_BLOCKED,
};

/* Then the words alone, when the code said nothing definite. */
static const BdReason second_order[] = {
  BD_REASON_MAILBOXFULL, BD_REASON_AUTHFAILURE, BD_REASON_BADREPUTATION, BD_REASON_SPEEDING,
  BD_REASON_SPAMDETECTED, BD_REASON_VIRUSDETECTED, BD_REASON_POLICYVIOLATION,
  BD_REASON_NORELAYING, BD_REASON_SECURITYERROR, BD_REASON_SYSTEMERROR, BD_REASON_NETWORKERROR,
  BD_REASON_SUSPEND, BD_REASON_EXPIRED, BD_REASON_CONTENTERROR, BD_REASON_SYSTEMFULL,
  BD_REASON_NOTACCEPT, BD_REASON_MAILERERROR, BD_REASON_REQUIREPTR, BD_REASON_NOTCOMPLIANTRFC,
  BD_REASON_SYNTAXERROR, BD_REASON_ONHOLD,
};

/* The SMTP command a reply answered, from the words around it: Postfix's
 * "(in reply to RCPT TO command)", Exim's "after MAIL FROM", qmail's "did
 * not like our RCPT TO", Sendmail's ">>> DATA" transcript lines. */
const char *
bd_classify_find_command (const char *text)
{
  /* Every marker starts with one of these: a text without the anchor is
   * not searched for its markers (30 passes over a body become 6). */
  static const char *const anchors[] = { "in reply to ", "after ", "progress was ", "did not like our ", "[", ">>> " };
  enum { IN_REPLY, AFTER, PROGRESS, DID_NOT, BRACKET, TRANSCRIPT };
  static const struct { const char *marker; const char *command; guint anchor; } markers[] = {
    { "in reply to rcpt to", "RCPT", IN_REPLY }, { "in reply to mail from", "MAIL", IN_REPLY },
    { "in reply to end of data", "DATA", IN_REPLY }, { "in reply to data", "DATA", IN_REPLY },
    { "in reply to ehlo", "EHLO", IN_REPLY }, { "in reply to helo", "HELO", IN_REPLY },
    { "after rcpt to", "RCPT", AFTER }, { "after rcpt command", "RCPT", AFTER },
    { "after mail command", "MAIL", AFTER }, { "after data command", "DATA", AFTER },
    { "progress was rcpt to response", "RCPT", PROGRESS }, { "progress was mail from response", "MAIL", PROGRESS },
    { "after mail from", "MAIL", AFTER }, { "after end of data", "DATA", AFTER },
    { "after initial connection", "CONN", AFTER }, { "after data", "DATA", AFTER }, { "after ehlo", "EHLO", AFTER },
    { "after helo", "HELO", AFTER }, { "did not like our rcpt to", "RCPT", DID_NOT },
    { "did not like our mail from", "MAIL", DID_NOT }, { "did not like our final data", "DATA", DID_NOT },
    { "did not like our data", "DATA", DID_NOT }, { "[rcpt_to]", "RCPT", BRACKET }, { "[mail_from]", "MAIL", BRACKET },
    { "[data]", "DATA", BRACKET }, { ">>> rcpt to", "RCPT", TRANSCRIPT }, { ">>> mail from", "MAIL", TRANSCRIPT },
    { ">>> data", "DATA", TRANSCRIPT }, { ">>> ehlo", "EHLO", TRANSCRIPT }, { ">>> helo", "HELO", TRANSCRIPT },
  };
  gboolean present[G_N_ELEMENTS (anchors)];
  const char *best = NULL, *best_at = NULL;

  if (text == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (anchors); i++)
    present[i] = strstr (text, anchors[i]) != NULL;
  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    {
      const char *at;

      if (!present[markers[i].anchor] || (at = strstr (text, markers[i].marker)) == NULL)
        continue;
      /* The first mention wins, except in a Sendmail transcript, whose
       * last command is the one that failed. */
      if (markers[i].marker[0] == '>')
        {
          const char *next;

          while ((next = strstr (at + 1, markers[i].marker)) != NULL)
            at = next;
        }
      if (best_at == NULL || (markers[i].marker[0] == '>' ? at > best_at : at < best_at))
        {
          best = markers[i].command;
          best_at = at;
        }
    }
  /* A Sendmail transcript whose server answered before any command was
   * sent ("... while talking to mx.example.org.:" then "<<< 554 …") was
   * refused at the greeting. */
  if (best == NULL)
    {
      const char *talk = strstr (text, "while talking to ");
      const char *colon = talk != NULL ? strstr (talk, ": ") : NULL;

      if (colon != NULL && strncmp (colon + 2, "<<< ", 4) == 0)
        best = "CONN";
    }
  return best;
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

/* The phrase tables, merged once into an index on a phrase's first two
 * bytes so that a diagnostic is scanned once, whatever the table sizes.
 * A phrase written with "…" has two parts: the second follows the first
 * within MAX_GAP bytes ("recipient … was not found in" matches "Recipient
 * a@b.example was not found in LDAP"), since servers put the address or
 * host in the middle of their sentence. */
#define GAP "\u2026"
#define MAX_GAP 100

typedef struct
{
  const BdPhrase *phrase;
  const char     *text;       /* the phrase folded (bd-phrase-fold.h) */
  gsize           len;        /* of the first part */
  const char     *tail;       /* the second part, or NULL */
  gsize           tail_len;
} IndexedPhrase;

typedef struct
{
  GArray *buckets[256 * 256];   /* (element-type IndexedPhrase), lazily made */
} PhraseIndex;

/* Indexes @text, the folded form of @phrase (owned by the index). */
static void
index_phrase (PhraseIndex    *index,
              const BdPhrase *phrase,
              char           *text)
{
  const char *gap = strstr (text, GAP);
  IndexedPhrase entry = { phrase, text, strlen (text), NULL, 0 };
  guint key;

  if (gap != NULL)
    {
      entry.len = gap - text;
      entry.tail = gap + strlen (GAP);
      entry.tail_len = strlen (entry.tail);
    }
  if (entry.len < 2)
    return;
  key = ((guint8)text[0] << 8) | (guint8)text[1];
  if (index->buckets[key] == NULL)
    index->buckets[key] = g_array_new (FALSE, FALSE, sizeof (IndexedPhrase));
  g_array_append_val (index->buckets[key], entry);
}

static const PhraseIndex *
get_index (void)
{
  static PhraseIndex *index;

  if (g_once_init_enter (&index))
    {
      const BdPhraseTable *tables[] = { &bd_phrases_en, &bd_phrases_pl, &bd_phrases_de, &bd_phrases_cs };
      PhraseIndex *built = g_new0 (PhraseIndex, 1);

      for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
        for (guint i = 0; i < tables[t]->n_phrases; i++)
          {
            const BdPhrase *phrase = &tables[t]->phrases[i];
            char *folded = NULL;
            char *umlauts = bd_phrase_fold_umlauts (phrase->phrase);

            bd_phrase_fold (phrase->phrase, &folded);
            index_phrase (built, phrase, folded ? folded : g_strdup (phrase->phrase));
            if (umlauts != NULL)
              index_phrase (built, phrase, umlauts);
          }
      g_once_init_leave (&index, built);
    }
  return index;
}

/* Words that only say the server refused the address, not why: they name
 * an unknown user only when the status code does not say otherwise. */
static gboolean
is_vague_phrase (const char *phrase)
{
  return strcmp (phrase, "address rejected") == 0
      || strcmp (phrase, "recipient address rejected") == 0
      || strcmp (phrase, "recipient rejected") == 0;
}

/* Where two reasons' phrases overlap, the longer one is the server's
 * actual wording and the shorter a word inside it: "domain does not
 * exist" is about a domain, not the "does not exist" of an unknown user,
 * and "daily message quota exceeded" is a sending limit, not a full
 * mailbox. The phrase inside another is forgotten. */
static guint64
drop_phrases_inside_others (guint64      matched,
                            const char **found,
                            const gsize *start,
                            const gsize *end)
{
  guint64 kept = matched;

  for (guint a = 0; a < BD_N_REASONS; a++)
    {
      if (!(matched & (G_GUINT64_CONSTANT (1) << a)))
        continue;
      for (guint b = 0; b < BD_N_REASONS; b++)
        if (b != a && (matched & (G_GUINT64_CONSTANT (1) << b))
            && start[b] >= start[a] && end[b] <= end[a]
            && end[b] - start[b] < end[a] - start[a])
          kept &= ~(G_GUINT64_CONSTANT (1) << b);
    }
  for (guint b = 0; b < BD_N_REASONS; b++)
    if ((matched & ~kept) & (G_GUINT64_CONSTANT (1) << b))
      found[b] = NULL;
  return kept;
}

/* Every reason some phrase names, as a bit set, and the first phrase found
 * for each (a precise phrase is preferred over a vague one). */
static guint64
match_phrases (const char  *diagnostic,
               const char **found)
{
  const PhraseIndex *index = get_index ();
  g_autofree char *folded = NULL;
  const char *lowered = bd_phrase_fold (diagnostic, &folded);
  gsize len = strlen (lowered);
  gsize start[BD_N_REASONS] = { 0 };
  gsize end[BD_N_REASONS] = { 0 };
  guint64 matched = 0;

  for (gsize i = 0; i + 1 < len; i++)
    {
      GArray *bucket = index->buckets[((guint8)lowered[i] << 8) | (guint8)lowered[i + 1]];

      if (bucket == NULL)
        continue;
      for (guint j = 0; j < bucket->len; j++)
        {
          const IndexedPhrase *entry = &g_array_index (bucket, IndexedPhrase, j);
          BdReason reason = entry->phrase->reason;

          gsize phrase_end = i + entry->len;

          if (entry->len > len - i || memcmp (lowered + i, entry->text, entry->len) != 0)
            continue;
          if (entry->tail != NULL)
            {
              const char *tail = memmem (lowered + phrase_end, MIN (len - phrase_end, MAX_GAP + entry->tail_len),
                                         entry->tail, entry->tail_len);

              if (tail == NULL)
                continue;
              phrase_end = tail - lowered + entry->tail_len;
            }
          if (!(matched & (G_GUINT64_CONSTANT (1) << reason))
              || (is_vague_phrase (found[reason]) && !is_vague_phrase (entry->phrase->phrase)))
            {
              found[reason] = entry->phrase->phrase;
              start[reason] = i;
              end[reason] = phrase_end;
            }
          matched |= G_GUINT64_CONSTANT (1) << reason;
        }
    }
  return matched & (matched - 1) ? drop_phrases_inside_others (matched, found, start, end) : matched;
}

/**
 * bd_classify_phrase:
 * @lowered: a diagnostic, already lower case
 * @phrase: (out) (optional): the phrase that matched
 *
 * Returns: the reason the words alone name, or %BD_REASON_UNDEFINED.
 */
BdReason
bd_classify_phrase (const char  *lowered,
                    const char **phrase)
{
  const char *found[BD_N_REASONS] = { NULL };
  guint64 matched;

  g_return_val_if_fail (lowered != NULL, BD_REASON_UNDEFINED);

  matched = match_phrases (lowered, found);
  for (guint i = 0; i < G_N_ELEMENTS (second_order); i++)
    if (matched & (G_GUINT64_CONSTANT (1) << second_order[i]))
      {
        if (phrase != NULL)
          *phrase = found[second_order[i]];
        return second_order[i];
      }
  return BD_REASON_UNDEFINED;
}

/**
 * bd_classify_status:
 * @status: (nullable): an enhanced status code
 *
 * Returns: the reason the code names by itself, or %BD_REASON_UNDEFINED.
 */
BdReason
bd_classify_status (const char *status)
{
  if (status == NULL)
    return BD_REASON_UNDEFINED;
  for (guint i = 0; i < G_N_ELEMENTS (status_rules); i++)
    if (strcmp (status_rules[i].status, status) == 0)
      return status_rules[i].reason;
  return BD_REASON_UNDEFINED;
}

gboolean
bd_phrases_is_localized (const char *phrase)
{
  const BdPhraseTable *tables[] = { &bd_phrases_pl, &bd_phrases_de, &bd_phrases_cs };

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    for (guint i = 0; i < tables[t]->n_phrases; i++)
      if (tables[t]->phrases[i].phrase == phrase)
        return TRUE;
  return FALSE;
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

static BdReason
decide (const BdRecipient *r,
        const char        *lowered,
        char             **evidence)
{
  const char *found[BD_N_REASONS] = { NULL };
  guint64 matched = lowered ? match_phrases (lowered, found) : 0;
  BdReason by_status = bd_classify_status (r->status);
  /* Postfix's own explanations (x-postfix) are read for their words only:
   * its status codes there are its guesses, not a server's reply. */
  gboolean postfix = r->diagnostic_type != NULL && g_ascii_strcasecmp (r->diagnostic_type, "x-postfix") == 0;
  gboolean smtp = r->diagnostic_type == NULL || g_ascii_strcasecmp (r->diagnostic_type, "smtp") == 0 || postfix;
  const char *status = r->status ? r->status : "";
  const char *command = r->command;

#define HAS(reason) (matched & (G_GUINT64_CONSTANT (1) << (reason)))
#define BY_PHRASE(reason) \
  (*evidence = g_strdup_printf ("phrase “%s”", found[reason]), (reason))
#define BY_STATUS(reason) \
  (*evidence = g_strdup_printf ("status %s", status), (reason))

  if (smtp)
    for (guint i = 0; i < G_N_ELEMENTS (first_order); i++)
      {
        BdReason reason = first_order[i];

        /* An unknown address refused at MAIL FROM is the sender's. */
        if (reason == BD_REASON_USERUNKNOWN && (HAS (reason) || by_status == reason)
            && g_strcmp0 (command, "MAIL") == 0)
          {
            *evidence = g_strdup_printf ("%s in reply to MAIL FROM",
                                         HAS (reason) ? found[reason] : status);
            return BD_REASON_REJECTED;
          }
        /* "example.com does not exist": the words are about a domain. */
        if (reason == BD_REASON_USERUNKNOWN && HAS (reason) && names_a_domain (lowered, found[reason]))
          {
            *evidence = g_strdup_printf ("a domain name before “%s”", found[reason]);
            return BD_REASON_HOSTUNKNOWN;
          }
        /* "5.1.1" with words of a refusal is a refusal. */
        if (by_status == reason && reason == BD_REASON_USERUNKNOWN
            && (HAS (BD_REASON_REJECTED) || HAS (BD_REASON_BLOCKED) || HAS (BD_REASON_NOTACCEPT)))
          continue;
        if (reason == BD_REASON_USERUNKNOWN && HAS (reason) && by_status != reason)
          {
            if (by_status != BD_REASON_UNDEFINED && is_vague_phrase (found[reason]))
              continue;
            if (by_status != BD_REASON_UNDEFINED && by_status != BD_REASON_FILTERED
                && !is_weak (by_status))
              continue;
            /* Words of an unknown user decide only for a refused RCPT TO;
             * after the message was sent they mean a filter said no. */
            if (HAS (BD_REASON_REJECTED) && strstr (lowered, "sender") != NULL)
              continue;
            /* Refused while naming the sender or connecting, the words
             * are about something else. */
            /* Without the refused command, the words prove an unknown
             * address only when the report's author wrote them in its
             * users' language: an SMTP reply's "user unknown" after the
             * message was sent is a filter's refusal (Sisimai decides
             * the same). */
            if ((command != NULL && strcmp (command, "RCPT") == 0)
                || (command == NULL && bd_phrases_is_localized (found[reason])))
              return BY_PHRASE (reason);
            if (command == NULL || strcmp (command, "DATA") == 0)
              {
                *evidence = g_strdup_printf ("phrase “%s” after the message was sent", found[reason]);
                return BD_REASON_FILTERED;
              }
            continue;
          }
        /* "Access denied" in answer to MAIL FROM refuses the sender. */
        if (reason == BD_REASON_BLOCKED && g_strcmp0 (command, "MAIL") == 0
            && lowered != NULL && strstr (lowered, "access denied") != NULL)
          {
            *evidence = g_strdup ("phrase “access denied” in reply to MAIL FROM");
            return BD_REASON_REJECTED;
          }
        if (HAS (reason) && (by_status == BD_REASON_UNDEFINED || is_weak (by_status)
                             || by_status == reason || phrase_beats_status (reason)))
          return BY_PHRASE (reason);
        /* "5.1.1" with words of a refusal is a refusal. */
        if (by_status == reason && reason == BD_REASON_USERUNKNOWN
            && (HAS (BD_REASON_REJECTED) || HAS (BD_REASON_BLOCKED) || HAS (BD_REASON_NOTACCEPT)))
          continue;
        if (by_status == reason && !postfix)
          return BY_STATUS (reason);
      }

  if (by_status != BD_REASON_UNDEFINED && !is_weak (by_status))
    return BY_STATUS (by_status);

  for (guint i = 0; i < G_N_ELEMENTS (second_order); i++)
    if (HAS (second_order[i]))
      return BY_PHRASE (second_order[i]);

  if (by_status != BD_REASON_UNDEFINED)
    return BY_STATUS (by_status);

  if (status[0] != '\0' && status[1] == '.' && status[2] == '6')
    return BY_STATUS (BD_REASON_CONTENTERROR);
  if (status[0] != '\0' && status[1] == '.' && status[2] == '7')
    return BY_STATUS (BD_REASON_SECURITYERROR);
  if (r->diagnostic_type != NULL && (g_ascii_strcasecmp (r->diagnostic_type, "x-unix") == 0
                                     || g_ascii_strcasecmp (r->diagnostic_type, "x-postfix") == 0))
    {
      *evidence = g_strdup_printf ("diagnostic type %s", r->diagnostic_type);
      return BD_REASON_MAILERERROR;
    }
  if (r->reply_code >= 500 && r->reply_code <= 504)
    {
      *evidence = g_strdup_printf ("reply code %u", r->reply_code);
      return BD_REASON_SYNTAXERROR;
    }
  if (r->action != NULL && (strcmp (r->action, "delayed") == 0 || strcmp (r->action, "expired") == 0))
    {
      *evidence = g_strdup_printf ("action %s", r->action);
      return BD_REASON_EXPIRED;
    }
  /* Refused at the greeting or at HELO/EHLO, before any address was
   * named: the sending host itself was turned away. */
  if (command != NULL && (strcmp (command, "EHLO") == 0 || strcmp (command, "HELO") == 0
                          || strcmp (command, "CONN") == 0))
    {
      *evidence = g_strdup_printf ("refused at %s", command);
      return BD_REASON_BLOCKED;
    }
  if (r->diagnostic != NULL && *r->diagnostic)
    {
      *evidence = g_strdup (BD_CLASSIFY_UNRECOGNISED);
      return BD_REASON_ONHOLD;
    }
#undef HAS
#undef BY_PHRASE
#undef BY_STATUS
  return BD_REASON_UNDEFINED;
}

/**
 * bd_classify_recipient:
 * @recipient: a recipient record
 * @reporter: (nullable): the host that reported it (remote or reporting MTA)
 * @evidence: (out) (transfer full): what decided
 *
 * Returns: the reason.
 */
/* A temporary (4xx) failure to find a host is a DNS or network hiccup,
 * not a domain that does not exist. */
static BdReason
soften_temporary (const BdRecipient *r,
                  BdReason           reason,
                  char             **evidence)
{
  gboolean temporary = (r->status != NULL && r->status[0] == '4')
                    || (r->reply_code >= 400 && r->reply_code < 500);

  if (reason == BD_REASON_HOSTUNKNOWN && temporary)
    {
      char *why = g_strdup_printf ("%s, temporary", *evidence ? *evidence : "host not found");

      g_free (*evidence);
      *evidence = why;
      return BD_REASON_NETWORKERROR;
    }
  return reason;
}

static BdReason classify (const BdRecipient *recipient, const char *reporter,
                          const char *relay, char **evidence);

BdReason
bd_classify_recipient (const BdRecipient *recipient,
                       const char        *reporter,
                       char             **evidence)
{
  g_return_val_if_fail (recipient != NULL, BD_REASON_UNDEFINED);
  g_return_val_if_fail (evidence != NULL, BD_REASON_UNDEFINED);

  return classify (recipient, reporter, NULL, evidence);
}

/* @relay: the reporting MTA when it is not @reporter: a filtering
 * service (MessageLabs…) reports for the servers behind it, and its own
 * rules apply too. */
static BdReason
classify (const BdRecipient *recipient,
          const char        *reporter,
          const char        *relay,
          char             **evidence)
{
  g_autofree char *lowered = NULL;

  *evidence = NULL;
  if (recipient->status != NULL && recipient->status[0] == '2')
    {
      *evidence = g_strdup_printf ("status %s", recipient->status);
      return BD_REASON_DELIVERED;
    }
  if (recipient->diagnostic != NULL)
    lowered = bd_scan_strdown (recipient->diagnostic, -1);
  {
    BdReason by_provider = bd_classify_provider_rules (recipient, reporter, lowered, evidence);

    if (by_provider == BD_REASON_UNDEFINED && relay != NULL && g_strcmp0 (relay, reporter) != 0)
      by_provider = bd_classify_provider_rules (recipient, relay, lowered, evidence);
    if (by_provider == BD_N_REASONS)
      return BD_REASON_UNDEFINED;
    if (by_provider != BD_REASON_UNDEFINED)
      return by_provider;
  }
  return soften_temporary (recipient, decide (recipient, lowered, evidence), evidence);
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

static void
set_internal_status (BdRecipient *r,
                     BdBounce    *bounce)
{
  /* Temporary only when the server said so: a 4xx code or the word. */
  gboolean temporary = (r->reply_code >= 400 && r->reply_code < 500)
                    || (r->diagnostic != NULL && strstr (r->diagnostic, "emporar") != NULL);

  if (r->status != NULL || internal_codes[r->reason] == 0)
    return;
  /* Exim gives up on a full mailbox or an unreachable host only after
   * retrying: without any code, that is a temporary failure timed out. */
  if (r->reply_code == 0 && g_strcmp0 (bounce->mta, "exim") == 0
      && (r->reason == BD_REASON_EXPIRED || r->reason == BD_REASON_MAILBOXFULL))
    temporary = TRUE;
  r->status = g_strdup_printf ("%c.0.%u", temporary ? '4' : '5', internal_codes[r->reason]);
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
            r->evidence = g_strdup_printf ("action %s", r->action ? r->action : "delivered");
        }
      if (r->reason == BD_REASON_UNDEFINED)
        {
          g_free (r->evidence);
          r->reason = classify (r, reporter, bounce->reporting_mta, &r->evidence);
        }
      if (bounce->kind == BD_KIND_BOUNCE || bounce->kind == BD_KIND_DELAYED)
        set_internal_status (r, bounce);
      r->hard = bd_reason_is_hard (r->reason, r->reply_code, r->status);
    }
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

  return recipient->reason == BD_REASON_ONHOLD && g_strcmp0 (recipient->evidence, BD_CLASSIFY_UNRECOGNISED) == 0;
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
