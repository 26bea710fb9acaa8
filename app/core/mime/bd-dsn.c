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
  const char  *text;   /* the report: any byte from here to a value's NUL may be read */
} ParseState;

static inline gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* The white space squeeze () collapses: one look-up a byte, not four
 * tests (most values are shorter than a block). */
static const guint8 squeezed_bytes[256] = {
  [' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\n'] = 1,
};

/* Whether the last bytes of a value, [@p, @end) (fewer than 16, @end
 * its NUL), hold no byte up to a space (so none squeeze () changes),
 * told from one block that ends at the NUL: when that block starts
 * before @from, the first byte that may be read, FALSE (then they are
 * read byte by byte). Most values are that short, and have no blank. */
static gboolean
tail_is_plain (const char *p,
               const char *end,
               const char *from)
{
#ifdef __SSE2__
  __m128i block, low;
  unsigned mask;

  g_assert (end - p < 16);
  if (end - from < 15)
    return FALSE;
  block = _mm_loadu_si128 ((const __m128i *)(gconstpointer)(end - 15));
  low = _mm_cmpeq_epi8 (_mm_min_epu8 (block, _mm_set1_epi8 (' ')), block);
  /* bit 15 is the NUL; the tail is the bits below it */
  mask = (unsigned)_mm_movemask_epi8 (low) & 0x7fffu;
  return (mask >> (15 - (end - p))) == 0;
#else
  return FALSE;
#endif
}

/* Collapses runs of white space (folded lines included) into one space.
 * Any byte from @from (at or before @value) to @value's NUL may be read. */
static char *
squeeze_in (const char *value,
            const char *from)
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
      if (end - p < 16 && tail_is_plain (p, end, from))
        {
          memcpy (q, p, end - p);
          q += end - p;
          break;
        }
      for (stop = MIN (p + 16, end); p < stop; p++)
        {
          if (squeezed_bytes[(guchar)*p])
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

static char *
squeeze (const char *value)
{
  return squeeze_in (value, value);
}

/* The bytes skip_type () stops at: the ';' after a type, and those no
 * type holds (then there is none). */
static const guint8 type_stops[256] = {
  [0] = 1, [';'] = 1, [' '] = 1, ['@'] = 1, ['<'] = 1,
};

/* "dns; mx.example.com" -> "mx.example.com". One pass up to the first
 * stop, where a strchr () for the ';' read the whole value first. */
static const char *
skip_type (const char *value)
{
  const char *semi = value;

  while (!type_stops[(guchar)*semi])
    semi++;
  if (*semi != ';')
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

static void
replace (char       **field,
         char        *value)
{
  g_free (*field);
  *field = value;
}

/* "SMTP; 550 …" -> "smtp": the type before the ';' skip_type () found
 * (none before it), stripped as g_strstrip () would and lower-cased,
 * copied once: a copy, then two strip passes cost more than the rest. */
static char *
diagnostic_type (const char *value)
{
  const char *start = value, *stop = strchr (value, ';');

  while (start < stop && g_ascii_isspace (*start))
    start++;
  while (stop > start && g_ascii_isspace (stop[-1]))
    stop--;
  return bd_text_ascii_down_in_place (g_strndup (start, stop - start));
}

static void
set_diagnostic (BdRecipient *r,
                const char  *value,
                const char  *from)
{
  const char *text = skip_type (value);
  g_autofree char *squeezed = NULL;

  if (text != value)
    replace (&r->diagnostic_type, diagnostic_type (value));
  squeezed = squeeze_in (text, from);
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

/* The names handle_field () acts on. */
typedef enum
{
  FIELD_NONE,
  FIELD_REPORTING_MTA,
  FIELD_ARRIVAL_DATE,
  FIELD_RECEIVED_FROM_MTA,
  FIELD_DISPOSITION,
  FIELD_FINAL_RECIPIENT,
  FIELD_X_ACTUAL_RECIPIENT,
  FIELD_ORIGINAL_RECIPIENT,
  FIELD_ACTION,
  FIELD_STATUS,
  FIELD_DIAGNOSTIC_CODE,
  FIELD_REMOTE_MTA,
  FIELD_LAST_ATTEMPT_DATE,
  FIELD_WILL_RETRY_UNTIL,
  FIELD_POWERMTA_CATEGORY,
} FieldKind;

/* @kind when @name is its name @known: the first letter case folded by
 * its 0x20 bit, then the whole name as written (a few word compares, as
 * the length is a constant: nearly every server writes the RFC's case),
 * and only then folded byte by byte. */
#define NAMED(known, kind) \
  ((name[0] | 0x20) == (known[0] | 0x20) \
   && (memcmp (name, known, sizeof (known) - 1) == 0 \
       || bd_mime_names_equal (name, known, sizeof (known) - 1)) ? (kind) : FIELD_NONE)

/* Which known name @name is: its length (a jump) and at most its first
 * letter single out the one it can be, then one compare tells. The list
 * of up to fifteen compares it replaces cost more than most fields'
 * handling. */
static FieldKind
field_kind (const char *name,
            gsize       name_len)
{
  gboolean x = (name[0] | 0x20) == 'x';

  switch (name_len)
    {
    case 6:
      return (name[0] | 0x20) == 'a' ? NAMED ("Action", FIELD_ACTION) : NAMED ("Status", FIELD_STATUS);
    case 10: return NAMED ("Remote-MTA", FIELD_REMOTE_MTA);
    case 11: return NAMED ("Disposition", FIELD_DISPOSITION);
    case 12: return NAMED ("Arrival-Date", FIELD_ARRIVAL_DATE);
    case 13: return NAMED ("Reporting-MTA", FIELD_REPORTING_MTA);
    case 15:
      return (name[0] | 0x20) == 'f' ? NAMED ("Final-Recipient", FIELD_FINAL_RECIPIENT)
                                     : NAMED ("Diagnostic-Code", FIELD_DIAGNOSTIC_CODE);
    case 16: return NAMED ("Will-Retry-Until", FIELD_WILL_RETRY_UNTIL);
    case 17:
      return (name[0] | 0x20) == 'r' ? NAMED ("Received-From-MTA", FIELD_RECEIVED_FROM_MTA)
                                     : NAMED ("Last-Attempt-Date", FIELD_LAST_ATTEMPT_DATE);
    case 18:
      return x ? NAMED ("X-Actual-Recipient", FIELD_X_ACTUAL_RECIPIENT)
               : NAMED ("Original-Recipient", FIELD_ORIGINAL_RECIPIENT);
    case 25: return NAMED ("X-PowerMTA-BounceCategory", FIELD_POWERMTA_CATEGORY);
    default: return FIELD_NONE;
    }
}
#undef NAMED

/* A Final-Recipient (or X-Actual-Recipient, which one before it wins)
 * starts a new recipient unless the current one has no address yet. */
static void
set_final_recipient (ParseState *state,
                     gboolean    actual,
                     const char *value)
{
  BdRecipient *r;

  if (actual && state->current != NULL && state->current->address != NULL)
    return;
  if (state->current != NULL && state->current->address != NULL)
    close_recipient (state);
  r = ensure_recipient (state);
  replace (&r->address, bd_dsn_clean_address (value));
}

static void
set_original_recipient (ParseState *state,
                        const char *value)
{
  BdRecipient *r;

  if (state->current != NULL && state->current->original != NULL)
    close_recipient (state);
  r = ensure_recipient (state);
  replace (&r->original, bd_dsn_clean_address (value));
}

static void
set_action (BdRecipient *r,
            const char  *value,
            const char  *from)
{
  char *v = squeeze_in (value, from);

  v[strcspn (v, " ;(")] = '\0';
  replace (&r->action, bd_text_ascii_down_in_place (v));
}

static void
set_status (BdRecipient *r,
            const char  *value)
{
  char status[BD_STATUS_MAX];

  if (bd_dsn_find_status (value, status))
    replace (&r->status, g_strdup (status));
}

static void
set_powermta_category (BdRecipient *r,
                       const char  *value)
{
  BdReason reason = powermta_category (value);
  g_autofree char *category = NULL;

  if (reason == BD_REASON_UNDEFINED)
    return;
  category = squeeze (value);
  r->reason = reason;
  bd_recipient_set_evidence (r, BD_EVIDENCE_POWERMTA_CATEGORY, category);
}

static void
handle_field (ParseState *state,
              const char *name,
              gsize       name_len,
              const char *value)
{
  BdDsn *dsn = state->dsn;
  FieldKind kind = field_kind (name, name_len);

  switch (kind)
    {
    case FIELD_NONE:
      break;
    case FIELD_REPORTING_MTA:
      replace (&dsn->reporting_mta, squeeze_in (skip_type (value), state->text));
      break;
    case FIELD_ARRIVAL_DATE:
      replace (&dsn->arrival_date, bd_dsn_date_to_iso (value));
      break;
    case FIELD_RECEIVED_FROM_MTA:
      replace (&dsn->received_from_mta, squeeze_in (skip_type (value), state->text));
      break;
    case FIELD_DISPOSITION:
      replace (&dsn->disposition, squeeze_in (value, state->text));
      break;
    case FIELD_FINAL_RECIPIENT:
    case FIELD_X_ACTUAL_RECIPIENT:
      set_final_recipient (state, kind == FIELD_X_ACTUAL_RECIPIENT, value);
      break;
    case FIELD_ORIGINAL_RECIPIENT:
      set_original_recipient (state, value);
      break;
    case FIELD_ACTION:
      set_action (ensure_recipient (state), value, state->text);
      break;
    case FIELD_STATUS:
      set_status (ensure_recipient (state), value);
      break;
    case FIELD_DIAGNOSTIC_CODE:
      set_diagnostic (ensure_recipient (state), value, state->text);
      break;
    case FIELD_REMOTE_MTA:
      replace (&ensure_recipient (state)->remote_mta, squeeze_in (skip_type (value), state->text));
      break;
    case FIELD_LAST_ATTEMPT_DATE:
      replace (&ensure_recipient (state)->last_attempt, bd_dsn_date_to_iso (value));
      break;
    case FIELD_WILL_RETRY_UNTIL:
      replace (&ensure_recipient (state)->will_retry_until, bd_dsn_date_to_iso (value));
      break;
    case FIELD_POWERMTA_CATEGORY:
      set_powermta_category (ensure_recipient (state), value);
      break;
    }
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
  ParseState state = { 0 };
  Field field = { NULL, NULL };
  char *p = text, *end = text + len;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (recipients == NULL || recipients->len == 0, NULL);

  state.dsn = g_new0 (BdDsn, 1);
  state.dsn->recipients = recipients != NULL ? g_ptr_array_ref (recipients)
                        : g_ptr_array_new_with_free_func ((GDestroyNotify)bd_recipient_free);
  state.max_recipients = max_recipients;
  state.text = text;

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
  return state.dsn;
}

void
bd_dsn_free (BdDsn *dsn)
{
  if (dsn == NULL)
    return;

  g_free (dsn->reporting_mta);
  g_free (dsn->arrival_date);
  g_free (dsn->received_from_mta);
  g_free (dsn->disposition);
  g_ptr_array_unref (dsn->recipients);
  g_free (dsn);
}
