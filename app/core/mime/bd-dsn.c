/* bd-dsn.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A line-oriented reader of RFC 3464 "Name: value" blocks. It never trusts
 * the structure: a Final-Recipient that repeats starts a new recipient even
 * without the blank line the RFC asks for, and unknown lines are skipped.
 */
#define G_LOG_DOMAIN "bd-dsn"

#include "config.h"

#include <string.h>

#include "bd-gmime-autocleanups.h"
#include "bd-date.h"
#include "bd-dsn.h"
#include "bd-mime-private.h"
#include "bd-mime-walk.h"
#include "bd-text.h"

typedef struct
{
  BdDsn       *dsn;
  BdRecipient *current;
  guint        max_recipients;
} ParseState;

static inline gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* Collapses runs of white space (folded lines included) into one space. */
static char *
squeeze (const char *value)
{
  gsize len = strlen (value);
  const char *p = value, *end = value + len;
  char *out = g_malloc (len + 1);   /* it never grows */
  char *q = out;
  gboolean space = TRUE;            /* nothing kept yet, or a space last */

  while (p < end)
    {
      /* Whole blocks of words and single spaces at once (a diagnostic is
       * mostly that), then the next 16 bytes byte by byte. */
      gsize copied = end - p >= 16 ? bd_text_copy_collapsed (p, end - p, q, !space, FALSE) : 0;
      const char *stop;

      if (copied > 0)
        {
          q += copied;
          p += copied;
          space = FALSE;
        }
      for (stop = MIN (p + 16, end); p < stop; p++)
        {
          if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            {
              if (!space)
                *q++ = ' ';
              space = TRUE;
              continue;
            }
          *q++ = *p;
          space = FALSE;
        }
    }
  if (q > out && q[-1] == ' ')
    q--;
  *q = '\0';
  return out;
}

/* The bytes skip_type () stops at: the ';' after a type, and those no
 * type holds (then there is none). */
static const guint8 type_stops[256] = {
  [0] = 1, [';'] = 1, [' '] = 1, ['@'] = 1, ['<'] = 1,
};

/* The ';' after the type that starts @value ("dns; mx.example.com"), or
 * NULL when it starts with none. One pass up to the first stop, where a
 * strchr () for the ';' read the whole value first. */
static const char *
type_end (const char *value)
{
  const char *semi = value;

  while (!type_stops[(guchar)*semi])
    semi++;
  return *semi == ';' ? semi : NULL;
}

/* "dns; mx.example.com" -> "mx.example.com". */
static const char *
skip_type (const char *value)
{
  const char *semi = type_end (value);

  if (semi == NULL)
    return value;
  semi++;
  while (*semi == ' ' || *semi == '\t')
    semi++;
  return semi;
}

/* Whether a code "c.s.d" starts at @p (see bd_dsn_find_status()); copies
 * it to @out when it does. */
static gboolean
status_at (const char *text,
           const char *p,
           char        out[BD_STATUS_MAX])
{
  const char *q;
  guint n1 = 0, n2 = 0;

  if ((*p != '2' && *p != '4' && *p != '5') || p[1] != '.')
    return FALSE;
  if (p > text && (is_digit (p[-1]) || p[-1] == '.'))
    return FALSE;
  q = p + 2;
  while (is_digit (*q) && n1 < 4)
    q++, n1++;
  if (n1 == 0 || n1 > 3 || *q != '.')
    return FALSE;
  q++;
  while (is_digit (*q) && n2 < 4)
    q++, n2++;
  if (n2 == 0 || n2 > 3)
    return FALSE;
  if (*q == '.' && is_digit (q[1]))
    return FALSE;
  if ((gsize)(q - p) >= BD_STATUS_MAX)
    return FALSE;
  memcpy (out, p, q - p);
  out[q - p] = '\0';
  return TRUE;
}

/**
 * bd_dsn_find_status:
 * @text: any text
 * @out: (out caller-allocates): receives the first enhanced status code
 *
 * Finds the first "c.s.d" code with c = 2, 4 or 5 that is not part of an
 * IP address or a version number.
 *
 * Returns: %TRUE when one was found.
 */
gboolean
bd_dsn_find_status (const char *text,
                    char        out[BD_STATUS_MAX])
{
  g_return_val_if_fail (out != NULL, FALSE);

  out[0] = '\0';
  if (text == NULL)
    return FALSE;

  /* A code's second byte is a dot: strchr () skips from dot to dot (a
   * few in a line of text) instead of testing every byte. */
  for (const char *dot = strchr (text, '.'); dot != NULL; dot = strchr (dot + 1, '.'))
    if (dot > text && status_at (text, dot - 1, out))
      return TRUE;
  return FALSE;
}

/* The reply codes RFC 5321, RFC 7504 and RFC 3207/4954 define: anything
 * else that looks like one is a number in the text. A flag for each code
 * from 200 on, read in one step where a search of the list took some
 * forty: it is asked for every 4 or 5 followed by two digits in a reply. */
#define REPLY_CODE(c) [(c) - 200] = 1
static const guint8 reply_codes[400] = {
  REPLY_CODE (211), REPLY_CODE (214), REPLY_CODE (220), REPLY_CODE (221), REPLY_CODE (235), REPLY_CODE (250),
  REPLY_CODE (251), REPLY_CODE (252), REPLY_CODE (334), REPLY_CODE (354), REPLY_CODE (421), REPLY_CODE (432),
  REPLY_CODE (450), REPLY_CODE (451), REPLY_CODE (452), REPLY_CODE (453), REPLY_CODE (454), REPLY_CODE (455),
  REPLY_CODE (458), REPLY_CODE (459), REPLY_CODE (500), REPLY_CODE (501), REPLY_CODE (502), REPLY_CODE (503),
  REPLY_CODE (504), REPLY_CODE (521), REPLY_CODE (523), REPLY_CODE (530), REPLY_CODE (534), REPLY_CODE (535),
  REPLY_CODE (538), REPLY_CODE (550), REPLY_CODE (551), REPLY_CODE (552), REPLY_CODE (553), REPLY_CODE (554),
  REPLY_CODE (555), REPLY_CODE (556),
};
#undef REPLY_CODE

static inline gboolean
is_reply_code (guint code)
{
  return code >= 200 && code < 600 && reply_codes[code - 200];
}

/**
 * bd_dsn_find_reply_code:
 * @text: (nullable): a server reply or a diagnostic
 *
 * Returns: the SMTP reply code the text starts with, or else the first
 * 4xx/5xx code followed by a space or a dash; 0 when there is none.
 */
guint
bd_dsn_find_reply_code (const char *text)
{
  const char *p;

  if (text == NULL)
    return 0;

  p = text;
  while (*p == ' ' || *p == '\t' || *p == '"' || *p == '(')
    p++;
  if (*p >= '2' && *p <= '5' && is_digit (p[1]) && is_digit (p[2])
      && !is_digit (p[3]) && p[3] != '.' && p[3] != ','
      && is_reply_code ((p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0')))
    return (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');

  /* strpbrk () goes from one 4 or 5 to the next, instead of the loop
   * testing every byte of the reply. */
  for (p = strpbrk (text, "45"); p != NULL; p = strpbrk (p + 1, "45"))
    {
      if (!is_digit (p[1]) || !is_digit (p[2]))
        continue;
      if (p[1] > '5')
        continue;
      if (p > text && (g_ascii_isalnum (p[-1]) || p[-1] == '.' || p[-1] == '-'
                       || p[-1] == '#' || p[-1] == '/' || p[-1] == ':' || p[-1] == '='))
        continue;
      if (!is_reply_code ((p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0')))
        continue;
      if (p[3] == '\0'
          || ((p[3] == ' ' || p[3] == '-') && (p[4] == ' ' || g_ascii_isalpha (p[4])
                                              || (is_digit (p[4]) && p[5] == '.')
                                              || p[4] == '<' || p[4] == '"')))
        return (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
    }
  return 0;
}

/* The bytes that end an address: one look-up a byte, not ten tests. */
static const guint8 address_stops[256] = {
  [0] = 1, ['>'] = 1, [' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\n'] = 1,
  ['"'] = 1, ['\''] = 1, [','] = 1, [';'] = 1,
};

/**
 * bd_dsn_clean_address:
 * @value: "rfc822; <user@example.com>" or similar
 *
 * Returns: (transfer full) (nullable): the bare address, or %NULL when
 * nothing that looks like one is left.
 */
char *
bd_dsn_clean_address (const char *value)
{
  const char *start, *end, *quoted_end = NULL;

  g_return_val_if_fail (value != NULL, NULL);

  start = skip_type (value);
  while (*start == ' ' || *start == '\t' || *start == '<')
    start++;
  /* A quoted local part (RFC 5321 §4.1.2: "john \"jr\""@example.com) is
   * part of the address, quotes and escapes included; quotes around a
   * whole address ("a@example.com") are not. */
  if (*start == '"')
    {
      end = start + 1;
      while (*end && *end != '"' && *end != '\r' && *end != '\n')
        end += end[0] == '\\' && end[1] != '\0' ? 2 : 1;
      if (end[0] == '"' && end[1] == '@' && memchr (start, '@', end - start) == NULL)
        quoted_end = end + 1;
    }
  if (quoted_end == NULL)
    while (*start == ' ' || *start == '\t' || *start == '<' || *start == '"' || *start == '\'')
      start++;
  end = quoted_end != NULL ? quoted_end : start;
  while (!address_stops[(guchar)*end])
    end++;
  if (end == start)
    return NULL;
  return g_strndup (start, end - start);
}

/**
 * bd_dsn_date_to_iso:
 * @value: an RFC 5322 date
 *
 * Returns: (transfer full): the date as ISO 8601 UTC, or a copy of @value
 * when it cannot be parsed.
 */
char *
bd_dsn_date_to_iso (const char *value)
{
  char *iso;

  g_return_val_if_fail (value != NULL, NULL);

  iso = bd_date_to_iso_utc (value);
  return iso != NULL ? iso : squeeze (value);
}

/**
 * bd_dsn_fill_from_diagnostic:
 *
 * Fills a recipient's missing reply code and status from its diagnostic.
 */
void
bd_dsn_fill_from_diagnostic (BdRecipient *recipient)
{
  char status[BD_STATUS_MAX];

  g_return_if_fail (recipient != NULL);

  if (recipient->diagnostic == NULL)
    return;
  if (recipient->reply_code == 0)
    recipient->reply_code = bd_dsn_find_reply_code (recipient->diagnostic);
  if (recipient->status == NULL && bd_dsn_find_status (recipient->diagnostic, status))
    recipient->status = g_strdup (status);
}

static void
close_recipient (ParseState *state)
{
  BdRecipient *r = g_steal_pointer (&state->current);

  if (r == NULL)
    return;
  if (r->address == NULL && r->original == NULL)
    {
      bd_recipient_free (r);
      return;
    }
  if (r->address == NULL)
    r->address = g_strdup (r->original);
  if (state->dsn->recipients->len >= state->max_recipients)
    {
      state->dsn->dropped++;
      bd_recipient_free (r);
      return;
    }
  bd_dsn_fill_from_diagnostic (r);
  g_ptr_array_add (state->dsn->recipients, r);
}

static BdRecipient *
ensure_recipient (ParseState *state)
{
  if (state->current == NULL)
    state->current = bd_recipient_new ();
  return state->current;
}

/* The type before @semi ("smtp" in "SMTP ; 550 …"), stripped and
 * lowered, copied from its span: a copy of the value's start, then
 * stripped in place, cost two calls more. */
static char *
diagnostic_type (const char *value,
                 const char *semi)
{
  while (value < semi && g_ascii_isspace (*value))
    value++;
  while (semi > value && g_ascii_isspace (semi[-1]))
    semi--;
  return bd_text_ascii_down_dup (value, semi - value);
}

static void
set_diagnostic (BdRecipient *r,
                const char  *value)
{
  const char *semi = type_end (value);
  g_autofree char *squeezed = NULL;

  if (semi != NULL)
    {
      g_free (r->diagnostic_type);
      r->diagnostic_type = diagnostic_type (value, semi);
    }
  squeezed = squeeze (skip_type (value));
  if (*squeezed == '\0')
    return;
  if (r->diagnostic != NULL)
    {
      /* Some servers repeat the field: keep both replies. */
      char *joined = g_strconcat (r->diagnostic, " ", squeezed, NULL);
      g_free (r->diagnostic);
      r->diagnostic = joined;
      return;
    }
  r->diagnostic = g_steal_pointer (&squeezed);
}

/* The bytes that end an Action's word: white space (squeeze ()'s), and
 * the ';' and '(' of a comment after it. */
static const guint8 action_stops[256] = {
  [0] = 1, [' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\n'] = 1, [';'] = 1, ['('] = 1,
};

/* An Action's first word, lowered ("failed"), copied from its span: the
 * value was squeezed into a copy of its own, then cut after the word. */
static char *
action_word (const char *value)
{
  const char *stop;

  while (*value == ' ' || *value == '\t' || *value == '\r' || *value == '\n')
    value++;
  for (stop = value; !action_stops[(guchar)*stop]; stop++)
    ;
  return bd_text_ascii_down_dup (value, stop - value);
}

static void
replace (char       **field,
         char        *value)
{
  g_free (*field);
  *field = value;
}

/* PowerMTA adds its own verdict to each recipient of its reports
 * (X-PowerMTA-BounceCategory, from its bounce-category patterns): the
 * sending server's reading of the reply, kept as the reason. "other" and
 * unknown categories leave the reply to the classifier. */
static BdReason
powermta_category (const char *value)
{
  static const struct { const char *category; BdReason reason; } categories[] = {
    { "bad-mailbox", BD_REASON_USERUNKNOWN }, { "bad-domain", BD_REASON_HOSTUNKNOWN },
    { "inactive-mailbox", BD_REASON_SUSPEND }, { "quota-issues", BD_REASON_MAILBOXFULL },
    { "message-expired", BD_REASON_EXPIRED }, { "no-answer-from-host", BD_REASON_NETWORKERROR },
    { "bad-connection", BD_REASON_NETWORKERROR }, { "routing-errors", BD_REASON_SYSTEMERROR },
    { "relaying-issues", BD_REASON_NORELAYING }, { "spam-related", BD_REASON_SPAMDETECTED },
    { "policy-related", BD_REASON_POLICYVIOLATION }, { "content-related", BD_REASON_CONTENTERROR },
    { "virus-related", BD_REASON_VIRUSDETECTED }, { "protocol-errors", BD_REASON_SYNTAXERROR },
  };
  g_autofree char *category = g_ascii_strdown (value, -1);

  g_strstrip (category);
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (strcmp (category, categories[i].category) == 0)
      return categories[i].reason;
  return BD_REASON_UNDEFINED;
}

static void
handle_field (ParseState *state,
              const char *name,
              gsize       name_len,
              const char *value)
{
  BdDsn *dsn = state->dsn;
  BdRecipient *r;
  char status[BD_STATUS_MAX];

  /* The first letter compared inline, case folded by its 0x20 bit (a
   * pre-filter only: every name starts with a letter), then the whole name
   * as written (a few word compares, as the length is known: nearly every
   * server writes the RFC's case), and only then folded byte by byte:
   * g_ascii_strncasecmp () calls a function for each byte, for every field
   * of every report. */
#define IS(s) (name_len == sizeof (s) - 1 && (name[0] | 0x20) == (s[0] | 0x20) \
               && (memcmp (name, s, sizeof (s) - 1) == 0 || bd_mime_names_equal (name, s, name_len)))
  if (IS ("Reporting-MTA"))
    replace (&dsn->reporting_mta, squeeze (skip_type (value)));
  else if (IS ("Arrival-Date"))
    replace (&dsn->arrival_date, bd_dsn_date_to_iso (value));
  else if (IS ("Disposition"))
    replace (&dsn->disposition, squeeze (value));
  else if (IS ("Final-Recipient") || IS ("X-Actual-Recipient"))
    {
      gboolean actual = IS ("X-Actual-Recipient");

      if (actual && state->current != NULL && state->current->address != NULL)
        return;
      if (state->current != NULL && state->current->address != NULL)
        close_recipient (state);
      r = ensure_recipient (state);
      replace (&r->address, bd_dsn_clean_address (value));
    }
  else if (IS ("Original-Recipient"))
    {
      if (state->current != NULL && state->current->original != NULL)
        close_recipient (state);
      r = ensure_recipient (state);
      replace (&r->original, bd_dsn_clean_address (value));
    }
  else if (IS ("Action"))
    replace (&ensure_recipient (state)->action, action_word (value));
  else if (IS ("Status"))
    {
      r = ensure_recipient (state);
      if (bd_dsn_find_status (value, status))
        replace (&r->status, g_strdup (status));
    }
  else if (IS ("Diagnostic-Code"))
    set_diagnostic (ensure_recipient (state), value);
  else if (IS ("Remote-MTA"))
    replace (&ensure_recipient (state)->remote_mta, squeeze (skip_type (value)));
  else if (IS ("Last-Attempt-Date"))
    replace (&ensure_recipient (state)->last_attempt, bd_dsn_date_to_iso (value));
  else if (IS ("Will-Retry-Until"))
    replace (&ensure_recipient (state)->will_retry_until, bd_dsn_date_to_iso (value));
  else if (IS ("X-PowerMTA-BounceCategory"))
    {
      BdReason reason = powermta_category (value);

      r = ensure_recipient (state);
      if (reason != BD_REASON_UNDEFINED)
        {
          g_autofree char *category = squeeze (value);

          r->reason = reason;
          bd_recipient_set_evidence (r, BD_EVIDENCE_POWERMTA_CATEGORY, category);
        }
    }
#undef IS
}

/* The longest name handle_field () knows ("X-PowerMTA-BounceCategory"). */
#define LONGEST_NAME 25

/* Splits "Name: value" at its first ':'; returns FALSE when no known
 * name fits before it. The name is not checked byte by byte (that scan
 * cost more than the rest of a field's reading): handle_field () acts
 * only on its own names, whose bytes are all name bytes, and a field
 * whose name holds another byte before the ':' equals none of them, as
 * the old check would have dropped it. */
static gboolean
split_field (const char  *line,
             gsize        len,
             gsize       *name_len,
             const char **value)
{
  const char *p = memchr (line, ':', MIN (len, LONGEST_NAME + 1));

  if (p == NULL || p == line)
    return FALSE;
  *name_len = p - line;
  p++;
  while (*p == ' ' || *p == '\t')
    p++;
  *value = p;
  return TRUE;
}

/* The first CR or LF in [@p, @end), or @end, @text being where the
 * part's text starts. One pass for both, 16 bytes at a time where SSE2
 * is: the lines of a report are short, and a memchr () for the LF and
 * another for a CR before it cost more than their search. The last bytes
 * are the text's last block, its bytes before @p masked off. */
static const char *
line_break (const char *p,
            const char *end,
            const char *text)
{
#ifdef __SSE2__
  unsigned mask;

  for (; end - p >= 16; p += 16)
    if ((mask = bd_mime_walk_mask3 (p, '\n', '\r', '\n')) != 0)
      return p + __builtin_ctz (mask);
  /* the last block ending at @end, when the text holds one */
  if (p < end && end - text >= 16)
    {
      const char *q = end - 16;

      mask = bd_mime_walk_mask3 (q, '\n', '\r', '\n') & (0xffffu << (p - q));
      return mask != 0 ? q + __builtin_ctz (mask) : end;
    }
#endif
  while (p < end && *p != '\n' && *p != '\r')
    p++;
  return p;
}

/* The field being read, [@start, @end) of the text: its lines are
 * joined in place (a continuation line moved back over the line end
 * before it, which a space replaces), and @end is where a line end, or
 * the text's NUL, was. A copy of each line into a buffer of its own cost
 * more than the rest of reading most fields. */
typedef struct
{
  char *start;   /* NULL when none is open */
  char *end;
} Field;

static void
flush_field (ParseState *state,
             Field      *field)
{
  gsize name_len;
  const char *value;

  if (field->start == NULL)
    return;
  *field->end = '\0';
  if (split_field (field->start, field->end - field->start, &name_len, &value))
    handle_field (state, field->start, name_len, value);
  field->start = NULL;
}

/* Moves the continuation line [@p, @eol) to the field's end, after a
 * space: never ahead of @p, since a line end at least lies between. */
static void
continue_field (Field      *field,
                const char *p,
                const char *eol)
{
  g_assert (field->end < p);

  *field->end = ' ';
  memmove (field->end + 1, p, eol - p);
  field->end += 1 + (eol - p);
}

/**
 * bd_dsn_parse:
 * @text: the body of a message/delivery-status part (any line ends)
 * @len: its length in bytes
 * @max_recipients: keep at most this many recipients
 *
 * Returns: (transfer full): the fields found; never %NULL.
 */
BdDsn *
bd_dsn_parse (const char *text,
              gsize       len,
              guint       max_recipients)
{
  g_autofree char *copy = NULL;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  /* bd_dsn_parse_into () joins lines in place, and reads to a NUL */
  copy = g_malloc (len + 1);
  if (len > 0)
    memcpy (copy, text, len);
  copy[len] = '\0';
  return bd_dsn_parse_into (copy, len, max_recipients, NULL);
}

/**
 * bd_dsn_parse_into:
 * @text: (inout): the report, NUL-terminated at @len (it may hold other
 *   NULs); changed: a field's lines are joined in place
 * @recipients: (nullable): an empty array of #BdRecipient (its free
 *   function bd_recipient_free()) to add the recipients to, or %NULL for
 *   a new one
 *
 * bd_dsn_parse() of the caller's own copy of a report, into a result's
 * own array: the decoder's result has one, with room, and making another,
 * then moving the recipients over and freeing it, cost a fifth as much as
 * reading the report.
 *
 * Returns: (transfer full): the fields found, its recipients in (a
 *   reference to) @recipients; never %NULL.
 */
BdDsn *
bd_dsn_parse_into (char       *text,
                   gsize       len,
                   guint       max_recipients,
                   GPtrArray  *recipients)
{
  BdDsn *dsn;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (recipients == NULL || recipients->len == 0, NULL);

  dsn = g_new0 (BdDsn, 1);
  bd_dsn_read (dsn, text, len, max_recipients, recipients);
  return dsn;
}

/**
 * bd_dsn_read:
 * @dsn: (out caller-allocates): filled; emptied with bd_dsn_clear ()
 *
 * bd_dsn_parse_into() into the caller's struct: the decoder reads one
 * report a message, and a struct on the heap for it was an allocation and
 * a free more.
 */
void
bd_dsn_read (BdDsn      *dsn,
             char       *text,
             gsize       len,
             guint       max_recipients,
             GPtrArray  *recipients)
{
  ParseState state = { 0 };
  Field field = { NULL, NULL };
  char *p = text, *end = text + len;

  g_return_if_fail (dsn != NULL);
  g_return_if_fail (text != NULL);
  g_return_if_fail (recipients == NULL || recipients->len == 0);

  *dsn = (BdDsn) { 0 };
  state.dsn = dsn;
  dsn->recipients = recipients != NULL ? g_ptr_array_ref (recipients)
                  : g_ptr_array_new_with_free_func ((GDestroyNotify)bd_recipient_free);
  state.max_recipients = max_recipients;

  while (p < end)
    {
      char *eol = (char *)line_break (p, end, text);
      char *next;

      next = eol;
      if (next < end && *next == '\r')
        next++;
      if (next < end && *next == '\n' && (next == eol || next[-1] == '\r' || *eol == '\n'))
        next++;
      if (eol < end && *eol == '\n')
        next = eol + 1;

      /* Bounded by @eol: a blank line is read no further than its end. */
      if (eol == p || (eol - p <= 2 && (p[0] == ' ' || p[0] == '\t')
                       && (eol - p == 1 || p[1] == ' ' || p[1] == '\t')))
        {
          /* Blank line: the end of a block. */
          flush_field (&state, &field);
          close_recipient (&state);
        }
      else if ((*p == ' ' || *p == '\t') && field.start != NULL)
        continue_field (&field, p, eol);
      else
        {
          flush_field (&state, &field);
          field.start = p;
          field.end = eol;
        }
      p = next;
    }
  flush_field (&state, &field);
  close_recipient (&state);
}

/* Leaves @dsn empty, as a zeroed struct is. */
void
bd_dsn_clear (BdDsn *dsn)
{
  g_return_if_fail (dsn != NULL);

  g_clear_pointer (&dsn->reporting_mta, g_free);
  g_clear_pointer (&dsn->arrival_date, g_free);
  g_clear_pointer (&dsn->disposition, g_free);
  g_clear_pointer (&dsn->recipients, g_ptr_array_unref);
  dsn->dropped = 0;
}

void
bd_dsn_free (BdDsn *dsn)
{
  if (dsn == NULL)
    return;

  bd_dsn_clear (dsn);
  g_free (dsn);
}
