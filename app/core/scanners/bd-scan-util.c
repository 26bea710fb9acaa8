/* bd-scan-util.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-scan-util"

#include "config.h"

#include <string.h>

#include "bd-classify.h"
#include "bd-scan-util.h"

/* A bounce quotes at most a few thousand lines of prose before the
 * original message; past that, the rest is someone's attachment. */
#define MAX_LINES 4000

/* A server's reply is a few lines; longer text is a template's prose or
 * someone's message, shown cut. */
#define MAX_DIAGNOSTIC 2000

const char *
bd_scan_strcasestr (const char *haystack,
                    const char *needle)
{
  gsize n;
  char first;

  g_return_val_if_fail (haystack != NULL, NULL);
  g_return_val_if_fail (needle != NULL, NULL);

  n = strlen (needle);
  if (n == 0)
    return haystack;

  first = g_ascii_tolower (needle[0]);
  for (const char *p = haystack; *p != '\0'; p++)
    {
      if (g_ascii_tolower (*p) == first && g_ascii_strncasecmp (p, needle, n) == 0)
        return p;
    }
  return NULL;
}

gboolean
bd_scan_has_prefix_ci (const char *text,
                       const char *prefix)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (prefix != NULL, FALSE);

  return g_ascii_strncasecmp (text, prefix, strlen (prefix)) == 0;
}

gboolean
bd_scan_contains_any (const char        *text,
                      const char *const *needles)
{
  g_return_val_if_fail (needles != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (guint i = 0; needles[i] != NULL; i++)
    {
      if (bd_scan_strcasestr (text, needles[i]) != NULL)
        return TRUE;
    }
  return FALSE;
}

gboolean
bd_scan_from_has (const BdScanInput *input,
                  const char        *needle)
{
  g_return_val_if_fail (input != NULL, FALSE);

  return bd_scan_strcasestr (input->from, needle) != NULL;
}

gboolean
bd_scan_subject_has (const BdScanInput *input,
                     const char        *needle)
{
  g_return_val_if_fail (input != NULL, FALSE);

  return bd_scan_strcasestr (input->subject, needle) != NULL;
}

gboolean
bd_scan_body_has (const BdScanInput *input,
                  const char        *needle)
{
  g_return_val_if_fail (input != NULL, FALSE);

  /* The body's case is kept, and the markers we look for are fixed
   * strings written by programs: a plain search is enough and fast. */
  return strstr (input->body, needle) != NULL;
}

/**
 * bd_scan_header:
 * @name: a header of the bounce itself, e.g. "X-Failed-Recipients"
 *
 * Returns: (transfer full) (nullable): its value, whitespace collapsed.
 */
char *
bd_scan_header (const BdScanInput *input,
                const char        *name)
{
  const char *value;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (input->message == NULL)
    return NULL;
  value = g_mime_object_get_header (GMIME_OBJECT (input->message), name);
  if (value == NULL)
    return NULL;
  return bd_scan_collapse (value);
}

static const char *
find_stop (const char        *body,
           const char *const *stop_markers)
{
  const char *stop = NULL;

  if (stop_markers == NULL)
    return NULL;

  for (guint i = 0; stop_markers[i] != NULL; i++)
    {
      const char *hit = strstr (body, stop_markers[i]);

      if (hit != NULL && (stop == NULL || hit < stop))
        stop = hit;
    }
  return stop;
}

/**
 * bd_scan_split_lines:
 * @stop_markers: (nullable) (array zero-terminated=1): texts that start the
 *   quoted original message; the lines end before the first of them
 *
 * Returns: (transfer full): the body's lines, trailing blanks removed.
 */
char **
bd_scan_split_lines (const BdScanInput *input,
                     const char *const *stop_markers)
{
  const char *stop;
  g_autofree char *text = NULL;
  char **lines;

  g_return_val_if_fail (input != NULL, NULL);

  stop = find_stop (input->body, stop_markers);
  text = stop != NULL ? g_strndup (input->body, stop - input->body) : g_strdup (input->body);
  lines = g_strsplit (text, "\n", MAX_LINES);
  for (guint i = 0; lines[i] != NULL; i++)
    g_strchomp (lines[i]);
  return lines;
}

/* Returns: the index of the first line at or after @from containing
 * @needle (case-insensitively), or -1. */
int
bd_scan_find_line (char       **lines,
                   int          from,
                   const char  *needle)
{
  g_return_val_if_fail (lines != NULL, -1);
  g_return_val_if_fail (needle != NULL, -1);

  for (int i = 0; lines[i] != NULL; i++)
    {
      if (i >= from && bd_scan_strcasestr (lines[i], needle) != NULL)
        return i;
    }
  return -1;
}

static gboolean
is_local_char (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$%&'*+/=?^_`{|}~.-", c) != NULL)
         || (guchar)c >= 0x80;
}

static gboolean
is_domain_char (char c)
{
  return g_ascii_isalnum (c) || c == '.' || c == '-' || c == '_' || (guchar)c >= 0x80;
}

/* Returns: the address around the '@' at @at, or NULL. */
static char *
address_at (const char *text,
            const char *at)
{
  const char *start = at;
  const char *end = at + 1;

  while (start > text && is_local_char (start[-1]))
    start--;
  if (end[0] == '[')
    {
      /* an address literal: user@[192.0.2.1] */
      const char *close = strchr (end, ']');

      if (close == NULL)
        return NULL;
      end = close + 1;
    }
  else
    {
      while (is_domain_char (*end))
        end++;
    }
  while (start < at && (*start == '.' || *start == '\'' || *start == '`'))
    start++;
  while (end > at + 1 && (end[-1] == '.' || end[-1] == '-'))
    end--;
  if (start == at || end == at + 1)
    return NULL;
  if (end[-1] != ']' && memchr (at + 1, '.', end - at - 1) == NULL
      && g_ascii_strncasecmp (at + 1, "localhost", end - at - 1) != 0)
    return NULL;
  return g_strndup (start, end - start);
}

/**
 * bd_scan_extract_address:
 * @text: any text, e.g. "<user@example.com>: host said …"
 *
 * Returns: (transfer full) (nullable): the first e-mail address in @text,
 *   without angle brackets, quotes or a "mailto:" prefix.
 */
char *
bd_scan_extract_address (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  for (const char *at = strchr (text, '@'); at != NULL; at = strchr (at + 1, '@'))
    {
      char *address = address_at (text, at);

      if (address != NULL)
        return address;
    }
  return NULL;
}

/* Returns: TRUE when @text is an address and nothing else (brackets and
 * quotes allowed around it). */
gboolean
bd_scan_is_address (const char *text)
{
  g_autofree char *address = NULL;
  g_autofree char *trimmed = NULL;
  gsize len;

  g_return_val_if_fail (text != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text));
  address = bd_scan_extract_address (trimmed);
  if (address == NULL)
    return FALSE;
  len = strlen (trimmed);
  return strlen (address) + 4 >= len && strchr (trimmed, ' ') == NULL;
}

static gboolean
digits_at (const char *p,
           guint       min,
           guint       max,
           guint      *count)
{
  guint n = 0;

  while (g_ascii_isdigit (p[n]) && n <= max)
    n++;
  *count = n;
  return n >= min && n <= max;
}

/* Matches "C.SSS.DDD" at @p with word boundaries, where C is @klass. */
static gsize
status_at (const char *text,
           const char *p)
{
  guint n1, n2;

  if (p > text && (g_ascii_isalnum (p[-1]) || p[-1] == '.' || p[-1] == '_'))
    return 0;
  if (p[1] != '.' || !digits_at (p + 2, 1, 3, &n1) || p[2 + n1] != '.'
      || !digits_at (p + 3 + n1, 1, 3, &n2))
    return 0;

  {
    const char *end = p + 3 + n1 + n2;

    /* an IPv4 address such as 5.1.1.1 is not a status */
    if (g_ascii_isalnum (*end) || (*end == '.' && g_ascii_isdigit (end[1])))
      return 0;
    return end - p;
  }
}

static gboolean
find_status_class (const char *text,
                   const char *classes,
                   char        status[BD_SCAN_STATUS_MAX])
{
  for (const char *p = text; *p != '\0'; p++)
    {
      gsize len;

      if (strchr (classes, *p) == NULL)
        continue;
      len = status_at (text, p);
      if (len == 0 || len >= BD_SCAN_STATUS_MAX)
        continue;
      memcpy (status, p, len);
      status[len] = '\0';
      return TRUE;
    }
  return FALSE;
}

/**
 * bd_scan_find_status:
 * @status: (out caller-allocates): where to write the code
 *
 * Finds an RFC 3463 enhanced status code ("5.1.1") in a server's reply,
 * preferring failures (4.x.x, 5.x.x) to successes and skipping IPv4
 * addresses.
 *
 * Returns: TRUE when one was found.
 */
gboolean
bd_scan_find_status (const char *text,
                     char        status[BD_SCAN_STATUS_MAX])
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  status[0] = '\0';
  return find_status_class (text, "45", status) || find_status_class (text, "2", status);
}

static gboolean
is_reply_code_at (const char *text,
                  const char *p,
                  gboolean    failure)
{
  if (p > text && (g_ascii_isalnum (p[-1]) || p[-1] == '.' || p[-1] == '_' || p[-1] == '#'))
    return FALSE;
  if (!g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2]))
    return FALSE;
  if (g_ascii_isalnum (p[3]) || (p[3] == '.' && g_ascii_isdigit (p[4])) || p[3] == '_')
    return FALSE;
  if (failure)
    return (p[0] == '4' || p[0] == '5') && p[1] <= '5';
  return p[0] == '2' && p[1] == '5' && p[2] <= '3';
}

/**
 * bd_scan_find_reply_code:
 *
 * Finds an SMTP reply code (RFC 5321: 4xx, 5xx, or 250–253) in a server's
 * reply, skipping IPv4 addresses and longer numbers.
 *
 * Returns: the code, or 0.
 */
guint
bd_scan_find_reply_code (const char *text)
{
  g_return_val_if_fail (text != NULL, 0);

  for (int pass = 0; pass < 2; pass++)
    {
      for (const char *p = text; *p != '\0'; p++)
        {
          if (!g_ascii_isdigit (*p))
            continue;
          if (is_reply_code_at (text, p, pass == 0))
            return (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
          /* skip the rest of this number (an IP address, a date…) */
          while (g_ascii_isdigit (p[1]) || (p[1] == '.' && g_ascii_isdigit (p[2])))
            p++;
        }
    }
  return 0;
}

/**
 * bd_scan_collapse:
 *
 * Returns: (transfer full): @text on one line: runs of white space (line
 *   breaks included) become one space, and the ends are trimmed.
 */
static char *
collapse_max (const char *text,
              gsize       max)
{
  GString *out = g_string_sized_new (MIN (strlen (text), max) + 1);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (out->len >= max)
        {
          /* cut at a character boundary, and say so */
          const char *end = g_utf8_find_prev_char (out->str, out->str + out->len);

          g_string_truncate (out, end != NULL ? (gsize)(end - out->str) : 0);
          g_string_append (out, "…");
          break;
        }
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

char *
bd_scan_collapse (const char *text)
{
  GString *out;
  gboolean space = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/**
 * bd_scan_join_lines:
 * @to: one past the last line, or -1 for all
 *
 * Returns: (transfer full): lines [@from, @to) unfolded into one.
 */
char *
bd_scan_join_lines (char **lines,
                    int    from,
                    int    to)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (lines != NULL, NULL);

  for (int i = 0; lines[i] != NULL && (to < 0 || i < to); i++)
    {
      if (i < from)
        continue;
      g_string_append (out, lines[i]);
      g_string_append_c (out, ' ');
    }
  return bd_scan_collapse (out->str);
}

/**
 * bd_scan_host_in:
 * @text: e.g. "host mx.example.com [192.0.2.1] said: 550 …"
 *
 * Returns: (transfer full) (nullable): the host name after "host ".
 */
char *
bd_scan_host_in (const char *text)
{
  const char *p;
  const char *end;

  g_return_val_if_fail (text != NULL, NULL);

  for (p = bd_scan_strcasestr (text, "host "); p != NULL; p = bd_scan_strcasestr (p + 1, "host "))
    {
      if (p > text && g_ascii_isalnum (p[-1]))
        continue;
      p += 5;
      while (*p == ' ' || *p == '[')
        p++;
      end = p;
      while (*end != '\0' && (is_domain_char (*end) || *end == ':'))
        end++;
      while (end > p && (end[-1] == '.' || end[-1] == ':'))
        end--;
      if (end > p && memchr (p, '.', end - p) != NULL)
        return g_strndup (p, end - p);
    }
  return NULL;
}

/**
 * bd_scan_set_diagnostic:
 * @diagnostic: (nullable): the server's reply, possibly on several lines
 *
 * Stores @diagnostic on one line and fills status and reply code from it
 * when they are still unknown.
 */
void
bd_scan_set_diagnostic (BdRecipient *recipient,
                        const char  *diagnostic)
{
  char status[BD_SCAN_STATUS_MAX];

  g_return_if_fail (recipient != NULL);

  g_clear_pointer (&recipient->diagnostic, g_free);
  if (diagnostic == NULL)
    return;
  recipient->diagnostic = collapse_max (diagnostic, MAX_DIAGNOSTIC);
  if (recipient->diagnostic[0] == '\0')
    {
      g_clear_pointer (&recipient->diagnostic, g_free);
      return;
    }
  if (recipient->status == NULL && bd_scan_find_status (recipient->diagnostic, status))
    recipient->status = g_strdup (status);
  if (recipient->reply_code == 0)
    recipient->reply_code = bd_scan_find_reply_code (recipient->diagnostic);
}

/**
 * bd_scan_add:
 * @address: (nullable): text holding the recipient's address
 * @diagnostic: (nullable): the server's reply
 *
 * Returns: (transfer none): a new failed recipient of @bounce.
 */
BdRecipient *
bd_scan_add (BdBounce   *bounce,
             const char *address,
             const char *diagnostic)
{
  g_autofree char *clean = NULL;
  BdRecipient *recipient;

  g_return_val_if_fail (bounce != NULL, NULL);

  if (address != NULL)
    clean = bd_scan_extract_address (address);
  recipient = bd_bounce_add_recipient (bounce, clean);
  recipient->action = g_strdup ("failed");
  bd_scan_set_diagnostic (recipient, diagnostic);
  return recipient;
}

/**
 * bd_scan_command_name:
 * @text: what the client sent, e.g. "RCPT TO:<a@b>", "DATA", "end of data"
 *
 * Returns: (nullable): the SMTP command as the classifier names it:
 *   "CONN", "EHLO", "HELO", "MAIL", "RCPT" or "DATA".
 */
const char *
bd_scan_command_name (const char *text)
{
  static const struct { const char *prefix; const char *name; } commands[] = {
    { "RCPT", "RCPT" }, { "MAIL", "MAIL" }, { "DATA", "DATA" }, { "end of data", "DATA" },
    { "BDAT", "DATA" }, { "EHLO", "EHLO" }, { "HELO", "HELO" }, { "initial connection", "CONN" },
  };

  g_return_val_if_fail (text != NULL, NULL);

  text += strspn (text, " \t");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (bd_scan_has_prefix_ci (text, commands[i].prefix))
        return commands[i].name;
    }
  return NULL;
}

/* Records which command the server refused, when @text names one. */
void
bd_scan_set_command (BdRecipient *recipient,
                     const char  *text)
{
  const char *name;

  g_return_if_fail (recipient != NULL);

  if (text == NULL || (name = bd_scan_command_name (text)) == NULL)
    return;
  g_free (recipient->command);
  recipient->command = g_strdup (name);
}

/**
 * bd_scan_refused_early:
 *
 * A server that refuses at the connection, its greeting or HELO/EHLO
 * refuses the sending server itself, before any address or content: when
 * its words say nothing more specific, the reason is "blocked".
 */
void
bd_scan_refused_early (BdRecipient *recipient)
{
  g_autofree char *evidence = NULL;
  const char *command;
  BdReason reason;

  g_return_if_fail (recipient != NULL);

  command = recipient->command;
  if (recipient->reason != BD_REASON_UNDEFINED || command == NULL
      || (strcmp (command, "CONN") != 0 && strcmp (command, "EHLO") != 0 && strcmp (command, "HELO") != 0))
    return;
  reason = bd_classify_recipient (recipient, recipient->remote_mta, &evidence);
  if (reason == BD_REASON_ONHOLD || reason == BD_REASON_UNDEFINED)
    {
      g_autofree char *why = g_strdup_printf ("refused at %s", strcmp (command, "CONN") == 0 ? "connection" : command);

      bd_scan_set_reason (recipient, BD_REASON_BLOCKED, why);
    }
}

/**
 * bd_scan_find_recipient:
 *
 * Returns: (transfer none) (nullable): @bounce's record for @address
 *   (compared case-insensitively), if any.
 */
BdRecipient *
bd_scan_find_recipient (BdBounce   *bounce,
                        const char *address)
{
  g_return_val_if_fail (bounce != NULL, NULL);
  g_return_val_if_fail (address != NULL, NULL);

  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      BdRecipient *r = g_ptr_array_index (bounce->recipients, i);

      if (r->address != NULL && g_ascii_strcasecmp (r->address, address) == 0)
        return r;
    }
  return NULL;
}

/* For formats that state the reason in a fixed template of their own. */
void
bd_scan_set_reason (BdRecipient *recipient,
                    BdReason     reason,
                    const char  *evidence)
{
  g_return_if_fail (recipient != NULL);

  recipient->reason = reason;
  g_free (recipient->evidence);
  recipient->evidence = g_strdup (evidence);
}

/**
 * bd_scan_prefer_inner_reply:
 *
 * Relays that give up quote the last reply they got in angle brackets:
 * "554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2
 * Connection timed out>". The inner reply is the receiving server's own,
 * so its codes replace the relay's.
 */
void
bd_scan_prefer_inner_reply (BdRecipient *recipient)
{
  const char *inner;
  char status[BD_SCAN_STATUS_MAX];

  g_return_if_fail (recipient != NULL);

  if (recipient->diagnostic == NULL)
    return;
  for (inner = strchr (recipient->diagnostic, '<'); inner != NULL; inner = strchr (inner + 1, '<'))
    {
      if (g_ascii_isdigit (inner[1]) && g_ascii_isdigit (inner[2]) && g_ascii_isdigit (inner[3])
          && inner[4] == ' ' && (inner[1] == '4' || inner[1] == '5'))
        break;
    }
  if (inner == NULL)
    return;
  recipient->reply_code = bd_scan_find_reply_code (inner + 1);
  if (bd_scan_find_status (inner + 1, status))
    {
      g_free (recipient->status);
      recipient->status = g_strdup (status);
    }
}

/* The value of "Name: type; value" with the type dropped. */
static const char *
field_value (const char *line,
             const char *name)
{
  const char *p;
  gsize n = strlen (name);

  if (g_ascii_strncasecmp (line, name, n) != 0 || line[n] != ':')
    return NULL;
  p = line + n + 1;
  if (g_ascii_strcasecmp (name, "Status") != 0 && g_ascii_strcasecmp (name, "Action") != 0
      && strchr (p, ';') != NULL)
    p = strchr (p, ';') + 1;
  return p + strspn (p, " \t");
}

/**
 * bd_scan_read_dsn_fields:
 * @from: the first line to read
 *
 * Reads RFC 3464 per-recipient fields that a format pastes into its text
 * rather than attaching as message/delivery-status: Final-Recipient (or
 * Original-Recipient), Action, Status, Remote-MTA and Diagnostic-Code with
 * its continuation lines.
 *
 * Returns: how many recipients were added to @bounce.
 */
guint
bd_scan_read_dsn_fields (char     **lines,
                         int        from,
                         BdBounce  *bounce)
{
  BdRecipient *r = NULL;
  guint added = 0;

  g_return_val_if_fail (lines != NULL, 0);
  g_return_val_if_fail (bounce != NULL, 0);

  for (int i = 0; lines[i] != NULL; i++)
    {
      const char *v;

      if (i < from)
        continue;
      if ((v = field_value (lines[i], "Final-Recipient")) != NULL
          || ((v = field_value (lines[i], "Original-Recipient")) != NULL && r == NULL))
        {
          g_autofree char *address = bd_scan_extract_address (v);

          if (address == NULL)
            continue;
          r = bd_scan_find_recipient (bounce, address);
          if (r == NULL)
            {
              r = bd_scan_add (bounce, address, NULL);
              added++;
            }
        }
      else if (r == NULL)
        continue;
      else if ((v = field_value (lines[i], "Action")) != NULL)
        {
          g_free (r->action);
          r->action = g_ascii_strdown (v, -1);
        }
      else if ((v = field_value (lines[i], "Status")) != NULL)
        {
          char status[BD_SCAN_STATUS_MAX];

          if (bd_scan_find_status (v, status))
            {
              g_free (r->status);
              r->status = g_strdup (status);
            }
        }
      else if ((v = field_value (lines[i], "Remote-MTA")) != NULL)
        {
          g_free (r->remote_mta);
          r->remote_mta = g_strdup (v);
        }
      else if ((v = field_value (lines[i], "Diagnostic-Code")) != NULL)
        {
          g_autoptr(GString) text = g_string_new (v);

          while (lines[i + 1] != NULL && (lines[i + 1][0] == ' ' || lines[i + 1][0] == '\t'))
            g_string_append (text, lines[++i]);
          bd_scan_set_diagnostic (r, text->str);
        }
    }
  return added;
}

/**
 * bd_scan_finish:
 * @kind: %BD_KIND_BOUNCE or %BD_KIND_DELAYED
 *
 * Sets @bounce's kind (and the recipients' action for a delay) when it
 * has recipients.
 *
 * Returns: TRUE when @bounce has at least one recipient.
 */
gboolean
bd_scan_finish (BdBounce *bounce,
                BdKind    kind)
{
  g_return_val_if_fail (bounce != NULL, FALSE);

  if (bounce->recipients->len == 0)
    return FALSE;

  bounce->kind = kind;
  if (kind == BD_KIND_DELAYED)
    {
      for (guint i = 0; i < bounce->recipients->len; i++)
        {
          BdRecipient *r = g_ptr_array_index (bounce->recipients, i);

          g_free (r->action);
          r->action = g_strdup ("delayed");
        }
    }
  return TRUE;
}
