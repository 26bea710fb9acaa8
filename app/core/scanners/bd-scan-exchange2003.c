/* bd-scan-exchange2003.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Microsoft Exchange 5.5–2003 (X-Mailer: Internet Mail Service or
 * Microsoft Exchange Server Internet Mail Connector), Subject
 * "Undeliverable: …":
 *
 *   Your message
 *     To:      kijitora@example.com
 *     Subject: Nyaan
 *   did not reach the following recipient(s):
 *
 *   kijitora@example.jp on Thu, 29 Apr 2010 00:00:00 -0000
 *       The recipient name is not recognized
 *       MSEXCH:IMS:EXAMPLE:SITE:SERVER 0 (000C05A6) Unknown Recipient
 *
 * or, shorter, "Did not reach the following recipient: kijitora@example.jp".
 *
 * The hexadecimal code in parentheses names the failure.
 */
#define G_LOG_DOMAIN "bd-scan-exchange2003"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-gate.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "Content-Type: message/rfc822",
  NULL
};

/* MSEXCH diagnostic codes that name their reason unambiguously. */
static const BdScanWords exchange_codes[] = {
  { "000C05A6", BD_REASON_USERUNKNOWN },   /* Unknown Recipient */
  { "00120270", BD_REASON_NETWORKERROR },  /* Too Many Hops */
  { "00050311", BD_REASON_CONTENTERROR },  /* Conversion to Internet format failed */
  { "000502CC", BD_REASON_CONTENTERROR },
  { "000B0981", BD_REASON_SECURITYERROR }, /* 502 Server does not support AUTH */
  { "00010256", BD_REASON_SYSTEMERROR },   /* Too many recipients: a limit of the local server */
  { "000D06B5", BD_REASON_SYSTEMERROR },   /* No proxy for recipient */
  { "000C0595", BD_REASON_FILTERED },      /* Ambiguous Recipient */
};

/* The Subject: or the X-Mailer: first: the body's phrase is looked for
 * ignoring case, which the body's grams cannot answer, and that search
 * read the whole of nearly every body. */
static gboolean
is_exchange2003 (const BdScanInput *input)
{
  if (!bd_scan_gate_subject_has (input, "Undeliverable"))
    {
      /* most bounces have none: asked of the memo first */
      bd_scan_autofree char *mailer = bd_scan_gate_has_field (input, BD_SCAN_MEMO_HAS_X_MAILER)
                                ? bd_scan_header (input, "X-Mailer") : NULL;

      if (mailer == NULL || (strstr (mailer, "Internet Mail Service") == NULL
                             && strstr (mailer, "Microsoft Exchange") == NULL))
        return FALSE;
    }
  return bd_text_strcasestr (input->body, "did not reach the following recipient") != NULL
         || bd_scan_body_has (input, "The following recipient(s) could not be reached");
}

/* "kijitora@example.jp on Thu, 29 Apr 2010 …"; Exchange 5.5 names a
 * custom recipient by its display name: "Neko Kijitora SMTP=kijitora@
 * example.jp on 4/29/99 9:19:59 AM". */
static char *
recipient_in (const char *line)
{
  const char *p = line + strspn (line, " \t");
  const char *on = strstr (p, " on ");
  const char *smtp;
  bd_scan_autofree char *head = NULL;

  if (on == NULL || p - line > 8)
    return NULL;
  head = g_strndup (p, on - p);
  if ((smtp = bd_text_strcasestr (head, "SMTP=")) != NULL && bd_scan_is_address (smtp + 5))
    return bd_scan_extract_address (smtp + 5);
  return bd_scan_is_address (head) ? bd_scan_extract_address (head) : NULL;
}

static void
set_exchange_reason (BdRecipient *r)
{
  bd_scan_reason_from_words (r, exchange_codes, G_N_ELEMENTS (exchange_codes), FALSE);
}

/* A shorter form names the one recipient on the same line, with no
 * reason: "Did not reach the following recipient: kijitora@example.jp". */
static void
add_inline_recipient (BdBounce   *bounce,
                      const char *line)
{
  const char *colon = strrchr (line, ':');

  if (colon != NULL && bd_scan_is_address (colon + 1))
    {
      bd_scan_autofree char *address = bd_scan_extract_address (colon + 1);

      bd_scan_add (bounce, address, line);
    }
}

gboolean
bd_scan_exchange2003 (const BdScanInput *input,
                      BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  int start;

  if (!is_exchange2003 (input))
    return FALSE;

  lines = bd_scan_split_lines (input, stop_markers);
  start = bd_scan_find_line (lines, 0, "did not reach the following recipient");
  if (start < 0)
    start = bd_scan_find_line (lines, 0, "could not be reached");
  if (start >= 0)
    add_inline_recipient (bounce, lines[start]);
  for (int i = start + 1; start >= 0 && lines[i] != NULL; i++)
    {
      bd_scan_autofree char *address = recipient_in (lines[i]);
      g_autoptr(GString) diag = NULL;
      gsize indent = strspn (lines[i], " \t");
      int j;

      if (address == NULL)
        continue;
      diag = g_string_new (NULL);
      for (j = i + 1; lines[j] != NULL && strspn (lines[j], " \t") > indent; j++)
        {
          const char *text = lines[j] + strspn (lines[j], " \t");

          /* the X.400 identifier of the message, folded over two lines */
          if (bd_scan_has_prefix (text, "The MTS-ID of the original message is"))
            {
              if (lines[j + 1] != NULL && lines[j + 1][0] == ';')
                j++;
              continue;
            }
          bd_scan_append_word (diag, text);
        }
      /* Exchange 5.5 puts the code's meaning on the next, unindented line */
      if (lines[j] != NULL && lines[j][0] != '\0' && g_str_has_suffix (diag->str, ") "))
        {
          bd_scan_autofree char *next = recipient_in (lines[j]);   /* owned: was leaked */

          if (next == NULL)
            g_string_append (diag, lines[j]);
        }
      set_exchange_reason (bd_scan_add (bounce, address, diag->str));
      i = j - 1;
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
