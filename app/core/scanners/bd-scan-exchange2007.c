/* bd-scan-exchange2007.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Microsoft Exchange 2007 and later (and Microsoft 365, which reuses the
 * reader): a message for the user, then the part for administrators:
 *
 *   Delivery has failed to these recipients or groups:
 *
 *   kijitora@example.com
 *   The email address you entered couldn't be found. …
 *
 *   Diagnostic information for administrators:
 *
 *   Generating server: mail.example.org
 *   Receiving server: mx.example.com (192.0.2.1)
 *
 *   kijitora@example.com
 *   mx.example.com
 *   Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'
 *
 *   Original message headers:
 *
 * Exchange 2007 writes the reply as "#550 5.1.1 RESOLVER.ADR.RecipNotFound;
 * not found ##". The localized templates are read by
 * bd-scan-exchange-i18n.c.
 */
#define G_LOG_DOMAIN "bd-scan-exchange2007"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-lines.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "Original message headers:",
  "Content-Type: message/rfc822",
  "Content-Type: message/delivery-status",
  NULL
};

/* Exchange's own NDR codes ("#550 5.1.1 RESOLVER.ADR.RecipNotFound; not
 * found ##") name the cause exactly; the status code beside them is often
 * a generic one (5.2.0, 5.7.1, 5.4.4). */
static const struct
{
  const char *code;
  BdReason    reason;
} ndr_codes[] = {
  { "RESOLVER.ADR.RecipNotFound;", BD_REASON_USERUNKNOWN },
  { "RESOLVER.ADR.ExRecipNotFound;", BD_REASON_USERUNKNOWN },
  { "RESOLVER.ADR.BadPrimary;", BD_REASON_SYSTEMERROR },
  { "RESOLVER.ADR.InvalidInSmtp;", BD_REASON_SYSTEMERROR },
  { "RESOLVER.ADR.Ambiguous;", BD_REASON_SYSTEMERROR },
  { "RESOLVER.ADR.RecipLimit;", BD_REASON_TOOMANYCONN },
  { "RESOLVER.RST.AuthRequired;", BD_REASON_SECURITYERROR },
  { "RESOLVER.RST.NotAuthorized;", BD_REASON_REJECTED },
  { "RESOLVER.RST.RecipSizeLimit;", BD_REASON_MESGTOOBIG },
  { "SMTPSEND.DNS.NonExistentDomain;", BD_REASON_HOSTUNKNOWN },
  { "SMTPSEND.DNS.MxLoopback;", BD_REASON_NETWORKERROR },
  { "QUEUE.Expired;", BD_REASON_EXPIRED },
};

/* "kijitora@example.com<mailto:kijitora@example.com>" or the address alone */
static char *
address_line (const char *line)
{
  bd_scan_autofree char *head = g_strndup (line, strcspn (line, "<"));

  if (line[0] == ' ' || line[0] == '\0')
    return NULL;
  if (bd_scan_is_address (head))
    return bd_scan_extract_address (head);
  return bd_scan_is_address (line) ? bd_scan_extract_address (line) : NULL;
}

/* address_line() without the copy (a test in a loop leaked it) */
static gboolean
is_address_line (const char *line)
{
  bd_scan_autofree char *address = address_line (line);

  return address != NULL;
}

/* "Remote Server returned '550 …'", "Server at HOST returned '550 …'",
 * or Exchange 2007's "#550 5.1.1 … ##". */
static char *
server_reply (const char *text)
{
  const char *p = strstr (text, " returned '");
  const char *end;

  if (p != NULL)
    {
      /* the reply may hold apostrophes ("it's"): it ends at the last
       * quote before the next attempt's "… returned '" */
      const char *next = strstr (p + 1, " returned '");
      bd_scan_autofree char *span = NULL;

      p += strlen (" returned '");
      span = next != NULL ? g_strndup (p, next - p) : g_strdup (p);
      end = strrchr (span, '\'');
      return g_strndup (span, end != NULL ? (gsize)(end - span) : strlen (span));
    }
  if (text[0] == '#')
    {
      p = text + 1 + (text[1] == '<' ? 1 : 0);
      p += strspn (p, " ");
      end = strstr (p, "##");
      return g_strstrip (g_strndup (p, end != NULL ? (gsize)(end - p) : strlen (p)));
    }
  return NULL;
}

static char *
receiving_server (char **lines,
                  int    from)
{
  int at = bd_scan_find_line (lines, from, "Receiving server: ");
  const char *p;

  if (at < 0)
    return NULL;
  /* found case-insensitively: strstr() could miss it (NULL + offset) */
  p = bd_text_strcasestr (lines[at], "Receiving server: ") + strlen ("Receiving server: ");
  return g_strndup (p, strcspn (p, " ("));
}

/* The administrators' part: an address, maybe the receiving host, then
 * the reply, one group per recipient. */
static void
read_diagnostics (char     **lines,
                  int        at,
                  BdBounce  *bounce)
{
  bd_scan_autofree char *receiving = receiving_server (lines, at);

  for (int i = at + 1; lines[i] != NULL; i++)
    {
      bd_scan_autofree char *address = address_line (lines[i]);
      g_autoptr(GString) group = NULL;
      bd_scan_autofree char *host = NULL;
      bd_scan_autofree char *reply = NULL;
      BdRecipient *r;
      int j;

      if (address == NULL)
        continue;
      group = g_string_new (NULL);
      for (j = i + 1; lines[j] != NULL && lines[j][0] != '\0' && !is_address_line (lines[j]); j++)
        {
          /* a bare host name on its own line is the receiving server */
          if (host == NULL && reply == NULL && strchr (lines[j], ' ') == NULL && strchr (lines[j], '.') != NULL
              && lines[j][0] != '#')
            host = g_strdup (lines[j]);
          else
            bd_scan_append_word (group, lines[j]);
        }
      i = j - 1;
      reply = server_reply (group->str);
      r = bd_scan_find_recipient (bounce, address);
      if (r == NULL)
        r = bd_scan_add (bounce, address, NULL);
      bd_scan_set_diagnostic (r, reply != NULL ? reply : group->str);
      g_free (r->remote_mta);
      r->remote_mta = host != NULL ? g_steal_pointer (&host) : g_strdup (receiving);
    }
}

/* The user's part, for reports without the administrators' one. */
static void
read_user_part (char     **lines,
                int        at,
                BdBounce  *bounce)
{
  for (int i = at + 1; lines[i] != NULL; i++)
    {
      bd_scan_autofree char *address = address_line (lines[i]);

      if (bd_scan_has_prefix (lines[i], "Diagnostic information for administrators"))
        break;
      if (address == NULL || bd_scan_find_recipient (bounce, address) != NULL)
        continue;
      bd_scan_add (bounce, address, lines[i + 1] != NULL ? lines[i + 1] : NULL);
    }
}

/* Any language: the replies keep their English wording ("Remote Server
 * returned '…'", "#550 … ##"), under the address they concern. */
static void
read_replies (char     **lines,
              BdBounce  *bounce)
{
  /* lines[0] first: with no lines at all, lines[1] is past the end */
  for (int i = 1; lines[0] != NULL && lines[i] != NULL; i++)
    {
      bd_scan_autofree char *reply = server_reply (lines[i]);

      if (reply == NULL || !g_ascii_isdigit (reply[0]))
        continue;
      for (int back = i - 1; back >= 0 && back >= i - 3 && lines[back][0] != '\0'; back--)
        {
          bd_scan_autofree char *address = address_line (lines[back]);
          BdRecipient *r;

          if (address == NULL)
            continue;
          r = bd_scan_find_recipient (bounce, address);
          if (r == NULL)
            r = bd_scan_add (bounce, address, NULL);
          bd_scan_set_diagnostic (r, reply);
          if (back < i - 1 && r->remote_mta == NULL && strchr (lines[back + 1], ' ') == NULL)
            r->remote_mta = g_strdup (lines[back + 1]);
          break;
        }
    }
}

static void
set_ndr_reason (BdRecipient *recipient)
{
  if (recipient->diagnostic == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (ndr_codes); i++)
    {
      if (strstr (recipient->diagnostic, ndr_codes[i].code) != NULL)
        {
          bd_scan_autofree char *code = g_strndup (ndr_codes[i].code, strlen (ndr_codes[i].code) - 1);

          bd_scan_set_reason (recipient, ndr_codes[i].reason, BD_EVIDENCE_STATED_BY_FORMAT, code);
          return;
        }
    }
}

/**
 * bd_scan_exchange_read:
 *
 * Reads the English report of Exchange 2007 and later.
 *
 * Returns: TRUE when at least one recipient was added to @bounce.
 */
gboolean
bd_scan_exchange_read (const BdScanInput *input,
                       BdBounce          *bounce)
{
  bd_scan_autofree char **lines = bd_scan_split_lines (input, stop_markers);
  int user = bd_scan_lines_find (input, lines, "Delivery has failed to these recipients or groups:");
  int admin = bd_scan_lines_find (input, lines, "Diagnostic information for administrators:");

  if (admin >= 0)
    read_diagnostics (lines, admin, bounce);
  else
    read_replies (lines, bounce);
  if (user >= 0 && bounce->recipients->len == 0)
    read_user_part (lines, user, bounce);
  return bounce->recipients->len > 0;
}

gboolean
bd_scan_exchange2007 (const BdScanInput *input,
                      BdBounce          *bounce)
{
  if (!bd_scan_body_has (input, "Diagnostic information for administrators:")
      && !bd_scan_body_has (input, "Delivery has failed to these recipients or groups:")
      && !bd_scan_body_has (input, "Remote Server returned '")
      && !bd_scan_body_has (input, " ##"))
    return FALSE;

  if (!bd_scan_exchange_read (input, bounce))
    return FALSE;
  for (guint i = 0; i < bounce->recipients->len; i++)
    set_ndr_reason (g_ptr_array_index (bounce->recipients, i));
  return bd_scan_finish (bounce, bd_scan_body_has (input, "Delivery is delayed to these recipients")
                                 ? BD_KIND_DELAYED : BD_KIND_BOUNCE);
}
