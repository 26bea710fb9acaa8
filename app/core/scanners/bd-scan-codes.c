/* bd-scan-codes.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pulling the machine-meaningful bits out of a server's words: addresses,
 * host names, enhanced status codes (RFC 3463) and SMTP reply codes.
 */
#define G_LOG_DOMAIN "bd-scan-codes"

#include "config.h"

#include <string.h>

#include "bd-scan-codes.h"
#include "bd-text.h"

/* The bytes of an address's local part (RFC 5322 atext and '.', and any
 * byte of UTF-8) and of its domain, one look-up each: the tests they
 * replace (g_ascii_isalnum (), then strchr () over the signs) ran for
 * every byte around every '@' of every scanned text. */
static const guint8 local_chars[256] = {
  ['0' ... '9'] = 1, ['A' ... 'Z'] = 1, ['a' ... 'z'] = 1, [0x80 ... 0xff] = 1,
  ['!'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['&'] = 1, ['\''] = 1, ['*'] = 1, ['+'] = 1, ['/'] = 1,
  ['='] = 1, ['?'] = 1, ['^'] = 1, ['_'] = 1, ['`'] = 1, ['{'] = 1, ['|'] = 1, ['}'] = 1, ['~'] = 1,
  ['.'] = 1, ['-'] = 1,
};

static const guint8 domain_chars[256] = {
  ['0' ... '9'] = 1, ['A' ... 'Z'] = 1, ['a' ... 'z'] = 1, [0x80 ... 0xff] = 1,
  ['.'] = 1, ['-'] = 1, ['_'] = 1,
};

static inline gboolean
is_local_char (char c)
{
  return local_chars[(guchar)c];
}

static inline gboolean
is_domain_char (char c)
{
  return domain_chars[(guchar)c];
}

/* Finds the address around the '@' at @at: its first byte in *@start,
 * its length in *@len. Returns: whether there is one. */
static gboolean
address_span_at (const char  *text,
                 const char  *at,
                 const char **start_out,
                 gsize       *len)
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
        return FALSE;
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
    return FALSE;
  if (end[-1] != ']' && memchr (at + 1, '.', end - at - 1) == NULL
      && g_ascii_strncasecmp (at + 1, "localhost", end - at - 1) != 0)
    return FALSE;
  *start_out = start;
  *len = end - start;
  return TRUE;
}

/* Where the first address of @text is (see address_span_at ()): found in
 * place, so that bd_scan_is_address () needs no copy of it, only its
 * length (some 300 copies a corpus were made only to be measured). */
static gboolean
find_address_span (const char  *text,
                   const char **start,
                   gsize       *len)
{
  for (const char *at = strchr (text, '@'); at != NULL; at = strchr (at + 1, '@'))
    if (address_span_at (text, at, start, len))
      return TRUE;
  return FALSE;
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
  const char *start;
  gsize len;

  g_return_val_if_fail (text != NULL, NULL);

  return find_address_span (text, &start, &len) ? g_strndup (start, len) : NULL;
}

/* Returns: TRUE when @text is an address and nothing else (brackets and
 * quotes allowed around it). */
gboolean
bd_scan_is_address (const char *text)
{
  const char *start;
  gsize len, address_len;

  g_return_val_if_fail (text != NULL, FALSE);

  /* As of a copy stripped of its blanks, read in place: the blanks after
   * the text can be neither in the address nor before it, and a space
   * among them does not count. */
  while (g_ascii_isspace (*text))
    text++;
  len = strlen (text);
  while (len > 0 && g_ascii_isspace (text[len - 1]))
    len--;
  if (!find_address_span (text, &start, &address_len))
    return FALSE;
  return address_len + 4 >= len && memchr (text, ' ', len) == NULL;
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

/* Whether a status code of class 2, 4 or 5 starts at @p; its length in
 * @len. */
static gboolean
is_status_code_at (const char *text,
                   const char *p,
                   gsize      *len)
{
  if (*p != '2' && *p != '4' && *p != '5')
    return FALSE;
  *len = status_at (text, p);
  return *len > 0 && *len < BD_SCAN_STATUS_MAX;
}

static gboolean
copy_status (char        status[BD_SCAN_STATUS_MAX],
             const char *code,
             gsize       len)
{
  memcpy (status, code, len);
  status[len] = '\0';
  return TRUE;
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
  const char *success = NULL;
  gsize success_len = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  status[0] = '\0';
  /* One pass, not one for failures and another for successes: the first
   * failure wins, else the first success seen on the way. A code's second
   * byte is a dot: strchr () goes from dot to dot (a few in a reply)
   * instead of testing every byte. */
  for (const char *dot = strchr (text, '.'); dot != NULL; dot = strchr (dot + 1, '.'))
    {
      const char *p = dot - 1;
      gsize len;

      if (dot == text || !is_status_code_at (text, p, &len))
        continue;
      if (*p != '2')
        return copy_status (status, p, len);
      if (success == NULL)
        {
          success = p;
          success_len = len;
        }
    }
  return success != NULL && copy_status (status, success, success_len);
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

static guint
reply_code (const char *p)
{
  return (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
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
  const char *success = NULL;

  g_return_val_if_fail (text != NULL, 0);

  /* one pass: the first failure wins, else the first success seen;
   * strpbrk () goes from number to number, instead of the loop testing
   * every byte of the reply */
  for (const char *p = strpbrk (text, "0123456789"); p != NULL; p = strpbrk (p + 1, "0123456789"))
    {
      if (is_reply_code_at (text, p, TRUE))
        return reply_code (p);
      if (success == NULL && is_reply_code_at (text, p, FALSE))
        success = p;
      /* skip the rest of this number (an IP address, a date…) */
      while (g_ascii_isdigit (p[1]) || (p[1] == '.' && g_ascii_isdigit (p[2])))
        p++;
    }
  return success != NULL ? reply_code (success) : 0;
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
  g_return_val_if_fail (text != NULL, NULL);

  /* The next search starts one past the match, never past the text's end
   * (p below may have reached its NUL). */
  for (const char *hit = bd_text_strcasestr (text, "host "); hit != NULL; hit = bd_text_strcasestr (hit + 1, "host "))
    {
      const char *p = hit + 5, *end;

      if (hit > text && g_ascii_isalnum (hit[-1]))
        continue;
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
