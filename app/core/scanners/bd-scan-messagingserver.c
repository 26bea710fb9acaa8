/* bd-scan-messagingserver.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Oracle (Sun ONE, iPlanet) Messaging Server ("Delivery Notification:
 * Delivery has failed"):
 *
 *   Your message cannot be delivered to the following recipients:
 *
 *     Recipient address: kijitora@example.net
 *     Original address: kijitora@example.net
 *     Reason: Remote SMTP server has rejected address
 *     Diagnostic code: smtp;550 5.1.1 unknown or illegal alias
 *     Remote system: dns;mx.example.net (TCP|…)
 */
#define G_LOG_DOMAIN "bd-scan-messagingserver"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "Content-type: message/delivery-status",
  "Content-Type: message/delivery-status",
  NULL
};

static const char *
value_of (const char *line,
          const char *name)
{
  const char *p = line + strspn (line, " ");

  if (!bd_scan_has_prefix (p, name))
    return NULL;
  p += strlen (name);
  return p + strspn (p, " ");
}

/* "smtp;550 …" and "dns;mx.example.net (…)" lose their type */
static const char *
untyped (const char *value)
{
  const char *semicolon = strchr (value, ';');

  return semicolon != NULL && semicolon - value < 12 ? semicolon + 1 : value;
}

/* The server's own words when the address names no host it can resolve
 * (its "Reason:" line, without a remote diagnostic). */
static void
set_server_reason (BdRecipient *r)
{
  if (r->diagnostic != NULL && strstr (r->diagnostic, "Illegal host/domain name found") != NULL)
    bd_scan_set_reason (r, BD_REASON_HOSTUNKNOWN, BD_EVIDENCE_STATED_BY_FORMAT, "Illegal host/domain name found");
}

gboolean
bd_scan_messagingserver (const BdScanInput *input,
                         BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  BdRecipient *r = NULL;
  bd_scan_autofree char *reason = NULL;

  if (!bd_scan_body_has (input, "  Recipient address: ")
      || !bd_scan_body_has (input, "This report relates to a message you sent"))
    return FALSE;

  lines = bd_scan_split_lines (input, stop_markers);
  for (int i = 0; lines[i] != NULL; i++)
    {
      const char *v;

      if ((v = value_of (lines[i], "Recipient address:")) != NULL)
        {
          bd_scan_autofree char *address = bd_scan_extract_address (v);

          /* "@relay:user@server" is the route; the original address follows */
          if (lines[i + 1] != NULL && (v = value_of (lines[i + 1], "Original address:")) != NULL)
            {
              g_free (address);
              address = bd_scan_extract_address (v);
              i++;
            }
          r = bd_scan_add (bounce, address, NULL);
          g_clear_pointer (&reason, g_free);
        }
      else if (r == NULL)
        continue;
      else if ((v = value_of (lines[i], "Reason:")) != NULL)
        {
          g_free (reason);
          reason = g_strdup (v);
          if (r->diagnostic == NULL)
            bd_scan_set_diagnostic (r, reason);
        }
      else if ((v = value_of (lines[i], "Diagnostic code:")) != NULL)
        {
          g_free (r->status);
          r->status = NULL;
          bd_scan_set_diagnostic (r, untyped (v));
        }
      else if ((v = value_of (lines[i], "Remote system:")) != NULL)
        {
          v = untyped (v);
          g_free (r->remote_mta);
          r->remote_mta = g_strndup (v, strcspn (v, " ("));
        }
    }
  for (guint i = 0; i < bounce->recipients->len; i++)
    set_server_reason (g_ptr_array_index (bounce->recipients, i));
  return bd_scan_finish (bounce, strstr (input->subject, "delayed") != NULL ? BD_KIND_DELAYED : BD_KIND_BOUNCE);
}
