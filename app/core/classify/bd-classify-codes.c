/* bd-classify-codes.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What codes and words say by themselves, before the classifier weighs
 * them (bd-classify.c): the reason an enhanced status code names (RFC
 * 3463, RFC 5248) and the SMTP command a reply answered.
 */
#define _GNU_SOURCE   /* memmem */
#define G_LOG_DOMAIN "bd-classify"

#include "config.h"

#include <string.h>

#include "bd-classify-private.h"
#include "bd-phrases.h"
#include "bd-text.h"

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

/**
 * bd_classify_status:
 * @status: (nullable): an enhanced status code
 *
 * Returns: the reason the code names by itself, or %BD_REASON_UNDEFINED.
 */
BdReason
bd_classify_status (const char *status)
{
  static GHashTable *reasons;   /* status_rules by code, built once */
  gpointer reason;

  if (g_once_init_enter (&reasons))
    {
      /* A hundred strcmp() calls a recipient became one lookup. */
      GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (status_rules); i++)
        if (!g_hash_table_contains (table, status_rules[i].status))   /* the first row wins, as the walk did */
          g_hash_table_insert (table, (gpointer)status_rules[i].status, GUINT_TO_POINTER (status_rules[i].reason));
      g_once_init_leave (&reasons, table);
    }
  if (status == NULL || !g_hash_table_lookup_extended (reasons, status, NULL, &reason))
    return BD_REASON_UNDEFINED;
  return GPOINTER_TO_UINT (reason);
}

/* Every marker starts with one of these anchors. */
static const char *const anchors[] = { "in reply to ", "after ", "progress was ", "did not like our ", "[", ">>> " };
enum { IN_REPLY, AFTER, PROGRESS, DID_NOT, BRACKET, TRANSCRIPT };

static const struct
{
  const char *marker;
  const char *command;
  guint       anchor;
} markers[] = {
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

/* Where each marker of @anchor is in @text: the first mention, or the
 * last in a Sendmail transcript (">>> "), whose last command is the one
 * that failed. A marker is found only where its anchor is, so the text is
 * searched once for the anchor (not once more for each of its markers)
 * and the markers are compared there. */
static void
find_markers (const char  *text,
              guint        anchor,
              const char **at)
{
  for (const char *p = strstr (text, anchors[anchor]); p != NULL; p = strstr (p + 1, anchors[anchor]))
    for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
      if (markers[i].anchor == anchor && (at[i] == NULL || anchor == TRANSCRIPT)
          && g_str_has_prefix (p, markers[i].marker))
        at[i] = p;
}

/* A piece of a word of every marker above and of the greeting refusal
 * ("while talking to"), without blanks: folding (bd_text_fold_lower())
 * only lowers ASCII and makes runs of blanks one space, so a text whose
 * folded form holds a marker holds the piece, in some case, as written.
 * Pieces whose first two letters are rare in prose ("eply" of "reply",
 * not "re"): the search stops at each place those two are. */
static const char *const command_words[] = {
  "eply", "fter", "gress", "ike", "[rcpt_to]", "[mail_from]", "[data]", ">>>", "lking",
};

/* Checked once: each marker, and the refusal, has one of the words. */
static gboolean
words_cover_markers (void)
{
  static const char *const refusal[] = { "while talking to ", NULL };

  for (guint i = 0; i <= G_N_ELEMENTS (markers); i++)
    {
      const char *marker = i < G_N_ELEMENTS (markers) ? markers[i].marker : refusal[0];
      gboolean covered = FALSE;

      for (guint w = 0; w < G_N_ELEMENTS (command_words) && !covered; w++)
        covered = strstr (marker, command_words[w]) != NULL;
      if (!covered)
        return FALSE;
    }
  return TRUE;
}

/**
 * bd_classify_may_name_command:
 * @text: a reply or a notice as written (not folded)
 *
 * Returns: %FALSE when bd_classify_find_command() of @text folded
 *   certainly finds no command, which one pass over @text tells: most
 *   notices name none, and folding them to look costs two passes more.
 */
gboolean
bd_classify_may_name_command (const char *text)
{
  static BdTextNeedles *words;

  g_return_val_if_fail (text != NULL, FALSE);

  if (g_once_init_enter (&words))
    {
      g_assert (words_cover_markers ());
      g_once_init_leave (&words, bd_text_needles_new (command_words, G_N_ELEMENTS (command_words), TRUE));
    }
  return bd_text_needles_find (words, text, strlen (text), NULL) != NULL;
}

/* The SMTP command a reply answered, from the words around it: Postfix's
 * "(in reply to RCPT TO command)", Exim's "after MAIL FROM", qmail's "did
 * not like our RCPT TO", Sendmail's ">>> DATA" transcript lines. */
const char *
bd_classify_find_command (const char *text)
{
  const char *at[G_N_ELEMENTS (markers)] = { NULL };
  const char *best = NULL, *best_at = NULL;

  if (text == NULL)
    return NULL;
  for (guint a = 0; a < G_N_ELEMENTS (anchors); a++)
    find_markers (text, a, at);
  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    {
      /* The first mention wins, except in a Sendmail transcript. */
      if (at[i] != NULL && (best_at == NULL || (markers[i].anchor == TRANSCRIPT ? at[i] > best_at : at[i] < best_at)))
        {
          best = markers[i].command;
          best_at = at[i];
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
