/* bd-scan-googlegroups.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Google Groups refusing a post (mailer-daemon@googlemail.com, in the
 * sender's language): the group does not exist, or the sender may not
 * post to it. The group's address is in X-Failed-Recipients; the body
 * names Google Groups and links to groups.google.com. Forwarded as text,
 * the bounce loses that header; the group is then the To: of the post
 * quoted after "----- Original message -----".
 */
#define G_LOG_DOMAIN "bd-scan-googlegroups"

#include "config.h"

#include <string.h>

#include "bd-scan-gates-private.h"
#include "bd-scan-families.h"
#include "bd-scan-gate.h"
#include "bd-scan-util.h"

static char *
group_from_quoted_post (const char *body)
{
  const char *quoted = strstr (body, "----- Original message -----");

  for (const char *line = quoted; line != NULL; line = strchr (line + 1, '\n'))
    {
      const char *start = line + (*line == '\n');

      if (g_ascii_strncasecmp (start, "To:", 3) == 0)
        {
          bd_scan_autofree char *field = g_strndup (start + 3, strcspn (start + 3, "\r\n"));
          char *address = bd_scan_extract_address (field);

          if (address != NULL && g_str_has_suffix (address, "@googlegroups.com"))
            return address;
          g_free (address);
        }
    }
  return NULL;
}

/* The body's phrases first: the grams answer most at once. */
gboolean
bd_scan_gate_googlegroups (const BdScanInput *input)
{
  return (bd_scan_body_has (input, "Google Groups") || bd_scan_body_has (input, "groups.google.com"))
         && (bd_scan_gate_from_has (input, "@googlemail.com") || bd_scan_gate_from_has (input, "@google.com"));
}

gboolean
bd_scan_googlegroups (const BdScanInput *input,
                      BdBounce          *bounce)
{
  bd_scan_autofree char *failed = NULL;
  bd_scan_autofree char *diagnostic = NULL;
  g_auto(GStrv) addresses = NULL;

  if (!bd_scan_gate_googlegroups (input))
    return FALSE;
  failed = bd_scan_header (input, "X-Failed-Recipients");
  if (failed == NULL)
    failed = group_from_quoted_post (input->body);
  if (failed == NULL || strstr (failed, "@") == NULL)
    return FALSE;

  diagnostic = bd_scan_gate_collapse_prose (input, "----- Original message -----");
  addresses = g_strsplit (failed, ",", -1);
  for (guint i = 0; addresses[i] != NULL; i++)
    {
      BdRecipient *r;

      if (strchr (addresses[i], '@') == NULL)
        continue;
      r = bd_scan_add (bounce, addresses[i], diagnostic);
      r->remote_mta = g_strdup ("groups.google.com");
      bd_scan_set_reason (r, BD_REASON_REJECTED, BD_EVIDENCE_GROUP_REFUSED, NULL);
    }
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}
