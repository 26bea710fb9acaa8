/* bd-scan-localized-lines.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a line of a localized bounce is, for the localized reader
 * (bd-scan-localized.c): a header of the quoted original, a line naming a
 * recipient, a rule under a label, a label alone, a server's reply.
 */
#define G_LOG_DOMAIN "bd-scan-localized"

#include "config.h"

#include <string.h>

#include "bd-scan-localized-private.h"
#include "bd-scan-util.h"

/* Lines that name the original's own header fields, not a recipient. */
static const char *const header_prefixes[] = {
  "from:", "od:", "von:", "sender:", "nadawca:", "absender:", "odesílatel:", "reply-to:",
  "return-path:", "message-id:", "identyfikator wiadomości", "nachrichten-id", "in-reply-to:",
  "references:", "x-", "received:", "dkim-", "authentication-results:",
  NULL
};

static gboolean
is_mailer_address (const char *address)
{
  return g_ascii_strncasecmp (address, "mailer-daemon@", 14) == 0
         || g_ascii_strncasecmp (address, "postmaster@", 11) == 0
         || g_ascii_strncasecmp (address, "noreply@", 8) == 0
         || g_ascii_strncasecmp (address, "no-reply@", 9) == 0;
}

static gboolean
is_header_line (const char *line)
{
  bd_scan_autofree char *lowered = bd_text_strdown (line, -1);
  const char *p = lowered;

  while (*p == ' ' || *p == '\t' || *p == '>')
    p++;
  for (guint i = 0; header_prefixes[i] != NULL; i++)
    if (bd_scan_has_prefix (p, header_prefixes[i]))
      return TRUE;
  return FALSE;
}

/* The line without the address itself and the punctuation around it. */
char *
bd_localized_line_without (const char *line,
                           const char *address)
{
  g_autoptr(GString) out = g_string_new (line);
  const char *hit = bd_text_strcasestr (out->str, address);
  gsize start, end;

  if (hit == NULL)
    return bd_scan_collapse (line);
  start = hit - out->str;
  end = start + strlen (address);
  while (start > 0 && strchr ("<\"'„“", out->str[start - 1]) != NULL)
    start--;
  while (end < out->len && strchr (">\"'”:.,", out->str[end]) != NULL)
    end++;
  g_string_erase (out, start, end - start);
  return bd_scan_collapse (out->str);
}

gboolean
bd_localized_line_has_recipient (const char *line,
                                 GPtrArray  *skip,
                                 char      **address_out)
{
  bd_scan_autofree char *address = NULL;
  bd_scan_autofree char *lowered = NULL;

  if (line[0] == '\0' || is_header_line (line))
    return FALSE;
  if ((address = bd_scan_extract_address (line)) == NULL)
    return FALSE;
  lowered = g_ascii_strdown (address, -1);
  for (guint i = 0; i < skip->len; i++)
    if (g_str_equal (g_ptr_array_index (skip, i), lowered))
      return FALSE;
  if (is_mailer_address (lowered))
    return FALSE;
  *address_out = g_steal_pointer (&address);
  return TRUE;
}

/* A line of dashes or equals signs that underlines the label above it. */
gboolean
bd_localized_is_rule (const char *line)
{
  if (line[0] != '-' && line[0] != '=')
    return FALSE;
  for (const char *p = line; *p != '\0'; p++)
    if (*p != line[0] && *p != ' ' && *p != '\t')
      return FALSE;
  return TRUE;
}

/* A server's reply quoted on its own line under a label the table does
 * not know: a 4xx/5xx reply code first and an enhanced status code
 * (RFC 5321 section 4.2, RFC 3463; issue 14, point 3). */
gboolean
bd_localized_is_server_reply (const char *line)
{
  char status[BD_SCAN_STATUS_MAX];
  guint code = bd_scan_find_reply_code (line);

  return (line[0] == '4' || line[0] == '5') && code >= 400 && code < 600
         && bd_scan_find_status (line, status);
}

/* A field's name alone: one word ending in ':' ("Adresat:", "Empfänger:"),
 * as providers write the address on a "Name: value" line (WP, Seznam and
 * T-Online: tests/fixtures/i18n/wp-pl-userunknown.eml,
 * seznam-cs-mailboxfull.eml, tonline-de-blocked.eml). */
gboolean
bd_localized_is_label (const char *text)
{
  gsize len = strlen (text);

  return len > 1 && text[len - 1] == ':' && strpbrk (text, " \t") == NULL;
}

