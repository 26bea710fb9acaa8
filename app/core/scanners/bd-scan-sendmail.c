/* bd-scan-sendmail.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sendmail's prose ("Returned mail: …" from Mail Delivery Subsystem):
 *
 *      ----- The following addresses had permanent fatal errors -----
 *   <kijitora@example.jp>
 *       (reason: 550 5.1.1 <kijitora@example.jp>... User unknown)
 *
 *      ----- Transcript of session follows -----
 *   ... while talking to mx.example.jp.:
 *   >>> RCPT To:<kijitora@example.jp>
 *   <<< 550 5.1.1 <kijitora@example.jp>... User unknown
 *   550 5.1.1 <kijitora@example.jp>... User unknown
 *
 * Modern sendmail also attaches a delivery report, which the decoder reads
 * first; this scanner covers the text alone. The transcript reader is
 * shared with the V5 sendmail scanner.
 */
#define G_LOG_DOMAIN "bd-scan-sendmail"

#include "config.h"

#include <string.h>

#include "bd-scan-gates-private.h"
#include "bd-scan-families.h"
#include "bd-scan-util.h"
#include "bd-scan-lines.h"

static const char *const stop_markers[] = {
  "----- Unsent message follows -----",
  "----- No message was collected -----",
  "----- Original message follows -----",
  "----- Message header follows -----",
  "----- Returned message follows -----",
  "Content-Type: message/delivery-status",
  "Content-Type: message/rfc822",
  NULL
};

#define TALKING_TO "while talking to "

/* "While talking to mx.example.com:" or "... while talking to mx.example.com.:" */
static char *
talking_to (const char *line)
{
  const char *p = bd_text_strcasestr (line, TALKING_TO);
  const char *end;

  if (p == NULL)
    return NULL;
  p += strlen (TALKING_TO);
  end = p + strcspn (p, " :");
  while (end > p && end[-1] == '.')
    end--;
  return end > p ? g_strndup (p, end - p) : NULL;
}

/* The lines that may name the server: those holding TALKING_TO, found
 * once (bd_scan_lines_find_all()) for both walks over them
 * (read_transcript(), transcript_peer()). */
typedef struct
{
  char  **lines;
  GArray *at;     /* the lines' indices (guint), ascending */
} TalkLines;

static void
find_talk_lines (TalkLines         *talk,
                 const BdScanInput *input,
                 char             **lines)
{
  talk->lines = lines;
  talk->at = g_array_new (FALSE, FALSE, sizeof (guint));
  bd_scan_lines_find_all (input, lines, TALKING_TO, talk->at);
}

static void
clear_talk_lines (TalkLines *talk)
{
  /* most messages are turned away before their lines are split */
  if (talk->at != NULL)
    g_array_unref (talk->at);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TalkLines, clear_talk_lines)

/* A walk over the lines in ascending order asks talking_to() of each;
 * @next is the first of @talk's lines not yet passed. */
typedef struct
{
  const TalkLines *talk;
  guint            next;
} TalkWalk;

static char *
talking_to_at (TalkWalk *walk,
               int       i)
{
  const GArray *at = walk->talk->at;

  while (walk->next < at->len && g_array_index (at, guint, walk->next) < (guint)i)
    walk->next++;
  if (walk->next < at->len && g_array_index (at, guint, walk->next) == (guint)i)
    return talking_to (walk->talk->lines[i]);
  return NULL;
}

/* "550 5.1.1 <kijitora@example.jp>... User unknown": a code, then an
 * address followed by "...". Returns the text after the "...". */
static const char *
recipient_line (const char *line,
                char      **address)
{
  const char *dots = strstr (line, "... ");
  const char *lt;

  *address = NULL;
  if ((!g_ascii_isdigit (line[0]) && line[0] != '<') || dots == NULL)
    return NULL;
  lt = strchr (line, '<');
  if (lt == NULL || lt > dots)
    return NULL;
  *address = bd_scan_extract_address (lt);
  if (*address == NULL)
    return NULL;
  return dots + 4;
}

/* The address in "To:" of the returned message, for transcripts that
 * name only the host ("421 example.com (smtp)... Deferred: …"). */
static char *
returned_to (const BdScanInput *input)
{
  const char *p = bd_scan_body_find (input, "----- Unsent message follows -----");
  bd_scan_autofree char *line = NULL;

  if (p == NULL || (p = strstr (p, "\nTo:")) == NULL)
    return NULL;
  line = g_strndup (p + 4, strcspn (p + 4, "\n"));
  return bd_scan_extract_address (line);
}

static void
set_line_status (BdRecipient *r,
                 const char  *line)
{
  char status[BD_SCAN_STATUS_MAX];

  if (bd_scan_find_status (line, status))
    r->status = g_strdup (status);
}

/* Reads sendmail's "Transcript of session" in @lines, the body split
 * before the returned message (bd_scan_sendmail_read()). */
static gboolean
read_transcript (const BdScanInput *input,
                 const TalkLines   *talk_lines,
                 BdBounce          *bounce)
{
  bd_scan_autofree char *host = NULL;
  bd_scan_autofree char *last_host_line = NULL;
  g_auto(BdScanText) reply = BD_SCAN_TEXT_UNSET;
  const char *command = NULL;
  char **lines = talk_lines->lines;
  int start = bd_scan_lines_find (input, lines, "----- Transcript of session follows -----");
  TalkWalk talk_walk = { talk_lines, 0 };

  bd_scan_text_init (&reply, NULL);
  for (int i = MAX (start, 0); lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      bd_scan_autofree char *address = NULL;
      bd_scan_autofree char *talk = talking_to_at (&talk_walk, i);
      const char *text;
      BdRecipient *r;

      if (talk != NULL)
        {
          g_free (host);
          host = g_steal_pointer (&talk);
          bd_scan_text_empty (&reply);
          continue;
        }
      if (bd_scan_has_prefix (line, ">>> "))
        {
          command = line + 4;
          continue;
        }
      if (bd_scan_has_prefix (line, "<<< "))
        {
          /* multi-line replies arrive as several "<<<" lines ("<<< 550-…"):
           * each test stops at the line's end, so [7] is only read when
           * [4] to [6] are digits */
          if (reply.len > 0 && !(g_ascii_isdigit (line[4]) && g_ascii_isdigit (line[5])
                                  && g_ascii_isdigit (line[6]) && line[7] == '-'))
            bd_scan_text_empty (&reply);
          bd_scan_text_append_word (&reply, line + 4);
          continue;
        }
      text = recipient_line (line, &address);
      if (text == NULL)
        {
          /* "451 4.0.0 Operating system error": a local failure */
          if ((line[0] == '4' || line[0] == '5') && bd_scan_find_reply_code (line) != 0
              && strstr (line, "... ") == NULL && last_host_line == NULL)
            last_host_line = g_strdup_printf ("%.3s local... %s", line, line);
          /* "550 mx.example.org (smtp)... 550 Host unknown" */
          if (g_ascii_isdigit (line[0]) && line[0] != '2' && strstr (line, " (smtp)... ") != NULL)
            {
              g_free (last_host_line);
              last_host_line = g_strdup (line);
              talk = g_strndup (line + 4, strcspn (line + 4, " "));
              if (g_strcmp0 (talk, host) != 0)
                {
                  g_free (host);
                  host = g_steal_pointer (&talk);
                  bd_scan_text_empty (&reply);
                }
            }
          continue;
        }
      if (line[0] == '2' || bd_scan_find_recipient (bounce, address) != NULL)
        continue;
      r = bd_scan_add (bounce, address, reply.len > 0 ? reply.str : text);
      if (r->reply_code == 0)
        r->reply_code = bd_scan_find_reply_code (line);
      /* sendmail's own verdict ("550 5.1.2 <a@b>... Host unknown") has the
       * status before the address, outside the text kept */
      if (r->status == NULL && reply.len == 0)
        set_line_status (r, line);
      r->remote_mta = g_strdup (host);
      if (reply.len > 0 && command != NULL)
        bd_scan_set_command (r, command);
      bd_scan_text_empty (&reply);
    }

  if (bounce->recipients->len == 0 && last_host_line != NULL)
    {
      bd_scan_autofree char *to = returned_to (input);

      /* without an address the decoder pairs it with the report's one */
      if (to != NULL || bd_scan_body_has (input, "Content-Type: message/delivery-status")
          || input->original != NULL)
        {
          BdRecipient *r = bd_scan_add (bounce, to, strstr (last_host_line, "... ") + 4);

          if (r->reply_code == 0)
            r->reply_code = bd_scan_find_reply_code (last_host_line);
        }
    }
  return bounce->recipients->len > 0;
}

/**
 * bd_scan_sendmail_read:
 *
 * Reads sendmail's "Transcript of session": each "NNN <address>... text"
 * line is a failed recipient; the last "<<<" reply of the server being
 * talked to is its diagnostic.
 *
 * Returns: TRUE when at least one recipient was added to @bounce.
 */
gboolean
bd_scan_sendmail_read (const BdScanInput *input,
                       BdBounce          *bounce)
{
  bd_scan_autofree char **lines = bd_scan_split_lines (input, stop_markers);
  g_auto(TalkLines) talk_lines = { NULL, NULL };

  find_talk_lines (&talk_lines, input, lines);
  return read_transcript (input, &talk_lines, bounce);
}

/* "----- The following addresses had permanent fatal errors -----"
 * then "<address>" and "    (reason: …)" lines. */
static void
read_fatal_errors (const BdScanInput *input,
                   char             **lines,
                   BdBounce          *bounce)
{
  int at = bd_scan_lines_find (input, lines, "----- The following addresses had permanent fatal errors -----");

  if (at < 0)
    return;
  for (int i = at + 1; lines[i] != NULL && strstr (lines[i], "-----") == NULL; i++)
    {
      const char *reason = strstr (lines[i], "(reason: ");
      bd_scan_autofree char *address = NULL;
      BdRecipient *r;

      if (reason != NULL || lines[i][0] == '\0' || (address = bd_scan_extract_address (lines[i])) == NULL)
        continue;
      r = bd_scan_find_recipient (bounce, address);
      if (r == NULL)
        r = bd_scan_add (bounce, address, NULL);
      if (lines[i + 1] != NULL && (reason = strstr (lines[i + 1], "(reason: ")) != NULL)
        {
          bd_scan_autofree char *text = g_strndup (reason + 9, strcspn (reason + 9, ")"));

          if (r->diagnostic == NULL)
            bd_scan_set_diagnostic (r, text);
        }
    }
}

/* The one server the transcript talked to, and the command it refused:
 * the last ">>>" before its first "<<<" reply, or the greeting when it
 * replied before any command. NULL when the transcript names no server
 * or several (which one refused whom is then unknown). */
static char *
transcript_peer (const TalkLines *talk_lines,
                 const char     **command)
{
  bd_scan_autofree char *host = NULL;
  char **lines = talk_lines->lines;
  TalkWalk talk_walk = { talk_lines, 0 };

  *command = NULL;
  for (int i = 0; lines[i] != NULL; i++)
    {
      bd_scan_autofree char *talk = talking_to_at (&talk_walk, i);

      if (talk != NULL)
        {
          if (host != NULL)
            return NULL;
          host = g_steal_pointer (&talk);
        }
      else if (host != NULL && bd_scan_has_prefix (lines[i], ">>> ") && *command == NULL)
        *command = lines[i] + 4;
      else if (host != NULL && bd_scan_has_prefix (lines[i], "<<< ") && *command == NULL)
        *command = "initial connection";
    }
  return g_steal_pointer (&host);
}

/* Recipients known only from "permanent fatal errors" (the transcript
 * quotes the server without naming them) were refused by that server. */
static void
fill_from_transcript (const TalkLines *talk_lines,
                      BdBounce        *bounce)
{
  const char *command;
  bd_scan_autofree char *host = transcript_peer (talk_lines, &command);

  if (host == NULL)
    return;
  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      BdRecipient *r = g_ptr_array_index (bounce->recipients, i);

      if (r->remote_mta != NULL)
        continue;
      r->remote_mta = g_strdup (host);
      if (r->command == NULL)
        bd_scan_set_command (r, command);
    }
}

/* The body's phrases first: the grams answer most at once. */
gboolean
bd_scan_gate_sendmail (const BdScanInput *input)
{
  if (!bd_scan_body_has (input, "----- The following addresses had permanent fatal errors -----")
      && !bd_scan_body_has (input, "----- Transcript of session follows -----"))
    return FALSE;
  return bd_scan_subject_has (input, "Returned mail") || bd_scan_subject_has (input, "Warning: could not send")
         || bd_scan_from_has (input, "Mail Delivery Subsystem");
}

gboolean
bd_scan_sendmail (const BdScanInput *input,
                  BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  g_auto(TalkLines) talk_lines = { NULL, NULL };
  gboolean delayed;

  if (!bd_scan_gate_sendmail (input))
    return FALSE;

  /* the three readers below read the same lines: split them once, and
   * find the lines naming a server once for the two that walk them */
  lines = bd_scan_split_lines (input, stop_markers);
  find_talk_lines (&talk_lines, input, lines);
  read_transcript (input, &talk_lines, bounce);
  read_fatal_errors (input, lines, bounce);
  fill_from_transcript (&talk_lines, bounce);
  delayed = bd_scan_subject_has (input, "Warning: could not send message");
  return bd_scan_finish (bounce, delayed ? BD_KIND_DELAYED : BD_KIND_BOUNCE);
}
