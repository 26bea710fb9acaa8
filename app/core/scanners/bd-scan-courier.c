/* bd-scan-courier.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Courier mail server ("This is a delivery status notification from
 * host, running the Courier mail server"):
 *
 *   Your message to the following recipients cannot be delivered:
 *
 *   <kijitora@example.jp>:
 *       mx.example.jp [192.0.2.45]:
 *   >>> RCPT TO:<kijitora@example.jp>
 *   <<< 550 5.1.1 <kijitora@example.jp>... User unknown
 *
 * Courier also attaches a delivery report, read first by the decoder.
 */
#define G_LOG_DOMAIN "bd-scan-courier"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "The original message follows as a separate attachment",
  "Content-Type: message/delivery-status",
  NULL
};

static gboolean
is_recipient_line (const char *line)
{
  return line[0] == '<' && g_str_has_suffix (line, ">:") && strchr (line, '@') != NULL;
}

gboolean
bd_scan_courier (const BdScanInput *input,
                 BdBounce          *bounce)
{
  g_auto(GStrv) lines = NULL;
  gboolean delayed;

  if (strstr (input->body, "running the Courier mail server") == NULL
      && !bd_scan_subject_has (input, "NOTICE: mail delivery status."))
    return FALSE;

  lines = bd_scan_split_lines (input, stop_markers);
  for (int i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GString) reply = NULL;
      g_autofree char *host = NULL;
      const char *command = NULL;
      BdRecipient *r;
      int j;

      if (!is_recipient_line (lines[i]))
        continue;
      reply = g_string_new (NULL);
      for (j = i + 1; lines[j] != NULL && lines[j][0] != '\0' && !is_recipient_line (lines[j]); j++)
        {
          const char *text = lines[j] + strspn (lines[j], " \t");

          if (g_str_has_prefix (text, ">>> "))
            command = text + 4;
          else if (g_str_has_prefix (text, "<<< "))
            g_string_append_printf (reply, "%s ", text + 4);
          else if (host == NULL && g_str_has_suffix (text, ":"))
            host = g_strndup (text, strcspn (text, " :"));
          else
            g_string_append_printf (reply, "%s ", text);
        }
      r = bd_scan_add (bounce, lines[i], reply->str);
      i = j - 1;
      r->remote_mta = g_steal_pointer (&host);
      if (command != NULL)
        bd_scan_set_command (r, command);
    }

  delayed = strstr (input->body, "DELAYED MAIL") != NULL || strstr (input->body, "has not been delivered yet") != NULL;
  return bd_scan_finish (bounce, delayed ? BD_KIND_DELAYED : BD_KIND_BOUNCE);
}
