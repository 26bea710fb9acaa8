/* bd-msg-mime.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An ordinary .msg as an RFC 5322 message: the transport headers as they
 * arrived (PidTagTransportMessageHeaders, [MS-OXPROPS] 2.1063), else
 * headers made from the sender, recipient and subject properties; the
 * plain text body (PidTagBody), or the HTML one; the attachments, an
 * attached message as message/rfc822 so the decoder opens it like a
 * forwarded bounce.
 */
#define G_LOG_DOMAIN "bd-msg"

#include "config.h"

#include <string.h>

#include "bd-msg-private.h"

/* Header fields describing the original MIME body: the rebuilt one has
 * its own. */
static gboolean
is_body_field (const char *line)
{
  return g_ascii_strncasecmp (line, "content-", 8) == 0 || g_ascii_strncasecmp (line, "mime-version:", 13) == 0;
}

/* The header block, CRLF turned into LF, without body fields. */
static void
append_transport_headers (GString    *out,
                          const char *headers)
{
  g_auto(GStrv) lines = g_strsplit (headers, "\n", -1);
  gboolean skipping = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize len = strlen (line);

      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';
      if (len == 0)
        {
          if (out->len > 0)
            break;   /* the end of the header block */
          continue;
        }
      if (*line != ' ' && *line != '\t')
        skipping = is_body_field (line);
      if (!skipping)
        g_string_append_printf (out, "%s\n", line);
    }
}

static void
append_address (GString    *out,
                const char *field,
                const char *name,
                const char *address)
{
  if (address == NULL && name == NULL)
    return;
  if (name != NULL && address != NULL && g_strcmp0 (name, address) != 0)
    g_string_append_printf (out, "%s: \"%s\" <%s>\n", field, name, address);
  else
    g_string_append_printf (out, "%s: %s\n", field, address != NULL ? address : name);
}

static void
append_made_headers (GString           *out,
                     const BdMsgObject *message)
{
  g_autofree char *sender_name = bd_msg_string (message, PID_SENDER_NAME);
  g_autofree char *sender = bd_msg_string (message, PID_SENDER_SMTP_ADDRESS);
  g_autofree char *to = bd_msg_string (message, PID_DISPLAY_TO);
  g_autofree char *subject = bd_msg_string (message, PID_SUBJECT);
  g_autofree char *date = bd_msg_date (message, PID_CLIENT_SUBMIT_TIME);
  g_autofree char *message_id = bd_msg_string (message, PID_INTERNET_MESSAGE_ID);

  if (sender == NULL)
    sender = bd_msg_string (message, PID_SENDER_EMAIL_ADDRESS);
  if (sender != NULL && strchr (sender, '@') == NULL)
    g_clear_pointer (&sender, g_free);   /* an Exchange X.500 address */
  if (date == NULL)
    date = bd_msg_date (message, PID_MESSAGE_DELIVERY_TIME);

  append_address (out, "From", sender_name, sender);
  if (to != NULL)
    g_string_append_printf (out, "To: %s\n", to);
  if (subject != NULL)
    g_string_append_printf (out, "Subject: %s\n", subject);
  if (date != NULL)
    g_string_append_printf (out, "Date: %s\n", date);
  if (message_id != NULL)
    g_string_append_printf (out, "Message-ID: %s\n", message_id);
}

void
bd_msg_write_headers (GString           *out,
                      const BdMsgObject *message,
                      const char        *content_type)
{
  g_autofree char *headers = bd_msg_string (message, PID_TRANSPORT_HEADERS);
  gsize start = out->len;

  if (headers != NULL)
    append_transport_headers (out, headers);
  if (out->len == start)
    append_made_headers (out, message);
  g_string_append_printf (out, "MIME-Version: 1.0\nContent-Type: %s\n\n", content_type);
}

static void
append_base64 (GString      *out,
               const guint8 *data,
               gsize         len)
{
  g_autofree char *encoded = g_base64_encode (data, len);
  gsize total = strlen (encoded);

  for (gsize at = 0; at < total; at += 76)
    {
      g_string_append_len (out, encoded + at, MIN (76, total - at));
      g_string_append_c (out, '\n');
    }
}

static gboolean
is_message_attachment (const char *mime_tag,
                       const char *filename)
{
  return g_strcmp0 (mime_tag, "message/rfc822") == 0
      || (filename != NULL && g_str_has_suffix (filename, ".eml"));
}

/* The attachment's own bytes, or an attached .msg, rebuilt too (an
 * application/vnd.ms-outlook attachment of an Outlook forward). */
static void
write_data_attachment (GString           *out,
                       const BdMsgObject *attachment,
                       GBytes            *bytes)
{
  g_autofree char *mime_tag = bd_msg_string (attachment, PID_ATTACH_MIME_TAG);
  g_autofree char *filename = bd_msg_string (attachment, PID_ATTACH_LONG_FILENAME);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (filename == NULL)
    filename = bd_msg_string (attachment, PID_ATTACH_FILENAME);

  if (bd_msg_is_msg (data, len))
    {
      g_autoptr(GBytes) inner = bd_msg_convert (data, len, attachment->depth + 1, NULL);

      if (inner != NULL)
        {
          g_string_append (out, "Content-Type: message/rfc822\n\n");
          g_string_append_len (out, g_bytes_get_data (inner, NULL), g_bytes_get_size (inner));
          return;
        }
    }
  if (is_message_attachment (mime_tag, filename))
    {
      g_string_append (out, "Content-Type: message/rfc822\n\n");
      g_string_append_len (out, data, len);
      return;
    }
  g_string_append_printf (out, "Content-Type: %s", mime_tag != NULL && strchr (mime_tag, '/') != NULL && strpbrk (mime_tag, "\"\n;") == NULL
                                                   ? mime_tag : "application/octet-stream");
  if (filename != NULL && strpbrk (filename, "\"\n\\") == NULL)
    g_string_append_printf (out, "; name=\"%s\"", filename);
  g_string_append (out, "\nContent-Transfer-Encoding: base64\n\n");
  append_base64 (out, (const guint8 *)data, len);
}

void
bd_msg_write_attachments (GString           *out,
                          const BdMsgObject *message,
                          const char        *boundary)
{
  for (guint i = 0; i < message->attachments->len; i++)
    {
      const BdMsgObject *attachment = g_ptr_array_index (message->attachments, i);
      GBytes *bytes = bd_msg_binary (attachment, PID_ATTACH_DATA);

      if (attachment->embedded == NULL && bytes == NULL)
        continue;
      g_string_append_printf (out, "\n--%s\n", boundary);
      if (attachment->embedded != NULL)
        {
          g_string_append (out, "Content-Type: message/rfc822\n\n");
          if (bd_msg_is_report (attachment->embedded))
            bd_msg_write_report (out, attachment->embedded);
          else
            bd_msg_write_message (out, attachment->embedded);
        }
      else
        write_data_attachment (out, attachment, bytes);
    }
}

void
bd_msg_write_message (GString           *out,
                      const BdMsgObject *message)
{
  g_autofree char *body = bd_msg_string (message, PID_BODY);
  /* The same bytes always give the same message (tests, fuzz replays). */
  g_autofree char *boundary = g_strdup_printf ("=_bd-msg-%u-%08x", message->depth, g_str_hash (body ? body : ""));
  g_autofree char *type = g_strdup_printf ("multipart/mixed; boundary=\"%s\"", boundary);
  g_autofree char *charset = bd_msg_charset (message->codepage == 0 ? 65001 : message->codepage);
  GBytes *html = bd_msg_binary (message, PID_HTML);

  bd_msg_write_headers (out, message, type);
  g_string_append_printf (out, "--%s\n", boundary);
  if (body != NULL || html == NULL)
    g_string_append_printf (out, "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n%s\n",
                            body != NULL ? body : "");
  else
    {
      /* PidTagHtml is in the message's Internet code page. */
      g_string_append_printf (out, "Content-Type: text/html; charset=%s\nContent-Transfer-Encoding: base64\n\n",
                              charset);
      append_base64 (out, g_bytes_get_data (html, NULL), g_bytes_get_size (html));
    }
  bd_msg_write_attachments (out, message, boundary);
  g_string_append_printf (out, "\n--%s--\n", boundary);
}
