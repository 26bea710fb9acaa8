/* bd-msg-ndr.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An Exchange non-delivery report item (message class REPORT.IPM.Note.NDR,
 * [MS-OXOMSG] 2.2.2.5 and 3.2.5.2) as the RFC 3464 report Exchange would
 * have sent over SMTP ([MS-OXCMAIL] 2.1.3.6.1, the MIME writer's steps):
 * one delivery-status block per row of the recipient table, the status
 * and the server's reply taken from the recipient's properties.
 */
#define G_LOG_DOMAIN "bd-msg"

#include "config.h"

#include <string.h>

#include "bd-msg-private.h"

gboolean
bd_msg_is_report (const BdMsgObject *message)
{
  g_autofree char *message_class = bd_msg_string (message, PID_MESSAGE_CLASS);

  return message_class != NULL
      && g_ascii_strncasecmp (message_class, "REPORT.", 7) == 0
      && strlen (message_class) > 4
      && g_ascii_strcasecmp (message_class + strlen (message_class) - 4, ".NDR") == 0;
}

typedef struct
{
  char *remote_mta;
  char *status;
  char *diagnostic;
} Supplementary;

static void
supplementary_clear (Supplementary *info)
{
  g_free (info->remote_mta);
  g_free (info->status);
  g_free (info->diagnostic);
}

static gboolean
is_status_at (const char *p)
{
  return (p[0] == '2' || p[0] == '4' || p[0] == '5') && p[1] == '.' && g_ascii_isdigit (p[2]);
}

/* PidTagSupplementaryInfo ([MS-OXCMAIL] 2.2.3.7.1.2, its ABNF):
 * "<" [remote-mta SP] "#" status [SP diagnostic-code] ">", as in
 * "<mx.example.com #5.1.1 smtp;550 5.1.1 User unknown>". Other text is
 * kept whole as the diagnostic. */
static void
parse_supplementary (const char    *text,
                     Supplementary *info)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *hash, *end, *p = copy;
  gsize len = strlen (copy);

  if (len >= 2 && copy[0] == '<' && copy[len - 1] == '>')
    {
      copy[len - 1] = '\0';
      p = copy + 1;
    }
  hash = strchr (p, '#');
  if (hash == NULL || !is_status_at (hash + 1))
    {
      info->diagnostic = g_strdup (g_strstrip (p));
      return;
    }
  *hash = '\0';
  if (*g_strstrip (p) != '\0')
    info->remote_mta = g_strdup (p);
  end = hash + 1;
  while (g_ascii_isdigit (*end) || *end == '.')
    end++;
  info->status = g_strndup (hash + 1, end - (hash + 1));
  while (*end == ' ')
    end++;
  if (*end != '\0')
    info->diagnostic = g_strdup (g_strchomp (end));
}

/* The status when the supplementary text gives none: PidTagNdrStatusCode
 * holds it as Kind * 100 + Subject * 10 + Detail ([MS-OXCMAIL]
 * 2.2.3.7.1.3). Without it, a diagnostic code 0, MAPI_DIAG_OR_NAME_
 * UNRECOGNIZED (mapidefs.h), is RFC 3463's 5.1.1 "bad destination mailbox
 * address"; anything else only says that delivery failed, 5.0.0. */
static char *
status_of (const BdMsgObject *recipient)
{
  gint32 code;

  if (bd_msg_long (recipient, PID_NDR_STATUS_CODE, &code) && code >= 200 && code <= 599)
    return g_strdup_printf ("%d.%d.%d", code / 100, code / 10 % 10, code % 10);
  if (bd_msg_long (recipient, PID_NDR_DIAG_CODE, &code) && code == 0)
    return g_strdup ("5.1.1");
  return g_strdup ("5.0.0");
}

static char *
address_of (const BdMsgObject *recipient)
{
  g_autofree char *smtp = bd_msg_string (recipient, PID_SMTP_ADDRESS);
  g_autofree char *email = bd_msg_string (recipient, PID_EMAIL_ADDRESS);
  g_autofree char *name = bd_msg_string (recipient, PID_DISPLAY_NAME);

  if (smtp != NULL && strchr (smtp, '@') != NULL)
    return g_steal_pointer (&smtp);
  if (email != NULL && strchr (email, '@') != NULL)
    return g_steal_pointer (&email);
  if (name != NULL && strchr (name, '@') != NULL)
    return g_steal_pointer (&name);
  return NULL;
}

/* One line per field: a value never breaks the report's layout. */
static void
append_field (GString    *out,
              const char *field,
              const char *prefix,
              const char *value)
{
  g_string_append_printf (out, "%s: %s", field, prefix);
  for (const char *p = value; *p != '\0'; p++)
    g_string_append_c (out, *p == '\n' || *p == '\r' ? ' ' : *p);
  g_string_append_c (out, '\n');
}

static void
write_recipient (GString           *status,
                 GString           *text,
                 const BdMsgObject *recipient)
{
  g_autofree char *address = address_of (recipient);
  g_autofree char *info_text = bd_msg_string (recipient, PID_SUPPLEMENTARY_INFO);
  g_autofree char *remote = bd_msg_string (recipient, PID_REMOTE_MTA);
  Supplementary info = { 0 };

  if (address == NULL)
    return;
  if (info_text != NULL)
    parse_supplementary (info_text, &info);
  if (info.status == NULL)
    info.status = status_of (recipient);
  if (remote == NULL)
    remote = g_steal_pointer (&info.remote_mta);

  g_string_append_c (status, '\n');
  append_field (status, "Final-Recipient", "rfc822; ", address);
  g_string_append (status, "Action: failed\n");
  append_field (status, "Status", "", info.status);
  if (remote != NULL)
    append_field (status, "Remote-MTA", "dns; ", remote);
  if (info.diagnostic != NULL)
    append_field (status, "Diagnostic-Code", g_ascii_strncasecmp (info.diagnostic, "smtp;", 5) == 0 ? "" : "smtp; ",
                  info.diagnostic);

  g_string_append_printf (text, "%s\n", address);
  if (info_text != NULL)
    g_string_append_printf (text, "    %s\n", info_text);
  supplementary_clear (&info);
}

/* The returned message: attached whole when the item has it, else the
 * headers the report item kept of it. */
static void
write_original (GString           *out,
                const BdMsgObject *message)
{
  g_autofree char *subject = bd_msg_string (message, PID_ORIGINAL_SUBJECT);
  g_autofree char *to = bd_msg_string (message, PID_ORIGINAL_DISPLAY_TO);
  g_autofree char *date = bd_msg_date (message, PID_ORIGINAL_SUBMIT_TIME);
  g_autofree char *sender = bd_msg_string (message, PID_ORIGINAL_SENDER_EMAIL);
  g_autofree char *sender_name = bd_msg_string (message, PID_ORIGINAL_SENDER_NAME);

  for (guint i = 0; i < message->attachments->len; i++)
    {
      const BdMsgObject *attachment = g_ptr_array_index (message->attachments, i);

      if (attachment->embedded != NULL)
        {
          g_string_append (out, "Content-Type: message/rfc822\n\n");
          bd_msg_write_message (out, attachment->embedded);
          return;
        }
    }
  g_string_append (out, "Content-Type: text/rfc822-headers\n\n");
  /* An Exchange sender's X.500 address is no use to anyone here. */
  if (sender != NULL && strchr (sender, '@') != NULL && strpbrk (sender, "<>\n\r") == NULL)
    {
      if (sender_name != NULL && strcmp (sender_name, sender) != 0 && strpbrk (sender_name, "\"\n\r") == NULL)
        g_string_append_printf (out, "From: \"%s\" <%s>\n", sender_name, sender);
      else
        g_string_append_printf (out, "From: <%s>\n", sender);
    }
  if (subject != NULL)
    append_field (out, "Subject", "", subject);
  /* PidTagOriginalDisplayTo separates recipients with "; " */
  if (to != NULL)
    append_field (out, "To", "", g_strdelimit (to, ";", ','));
  if (date != NULL)
    append_field (out, "Date", "", date);
}

void
bd_msg_write_report (GString           *out,
                     const BdMsgObject *message)
{
  g_autofree char *boundary = g_strdup_printf ("=_bd-ndr-%u", message->depth);
  g_autofree char *type = g_strdup_printf ("multipart/report; report-type=delivery-status; boundary=\"%s\"", boundary);
  g_autofree char *body = bd_msg_string (message, PID_BODY);
  g_autofree char *reporting = bd_msg_string (message, PID_REPORTING_MTA);
  g_autoptr(GString) status = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  if (body == NULL)
    body = bd_msg_string (message, PID_REPORT_TEXT);
  if (reporting != NULL)
    append_field (status, "Reporting-MTA", "dns; ", reporting);
  for (guint i = 0; i < message->recipients->len; i++)
    write_recipient (status, text, g_ptr_array_index (message->recipients, i));

  bd_msg_write_headers (out, message, type);
  g_string_append_printf (out, "--%s\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n%s\n",
                          boundary, body != NULL ? body : text->str);
  g_string_append_printf (out, "\n--%s\nContent-Type: message/delivery-status\n\n%s", boundary, status->str);
  g_string_append_printf (out, "\n--%s\n", boundary);
  write_original (out, message);
  g_string_append_printf (out, "\n--%s--\n", boundary);
}
