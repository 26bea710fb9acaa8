/* bd-scan-mdaemon.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MDaemon and SecurityGateway for Email Servers (both by Alt-N / MDaemon
 * Technologies), whose DSN is prose with the SMTP session pasted in:
 *
 *   MDaemon Delivery Status Notification - http://www.altn.com/dsn/
 *   The attached message had PERMANENT fatal delivery errors.
 *   ...
 *   YOUR MESSAGE WAS NOT DELIVERED TO ONE OR MORE RECIPIENTS
 *   --- Session Transcript ---
 *    Wed 2013-09-11 12:22:04: *  To: ola@odbiorca.example
 *    Wed 2013-09-11 12:22:05: *  Name server reports domain name unknown
 *   --- End Transcript ---
 *
 * SecurityGateway writes "Failed address: …" above the transcript and the
 * remote server's replies as "<-- 550 …" lines. Sources: two independent
 * samples (an MDaemon PRO 10 DSN with its X-MDDSN-Message: Yes stamp and
 * a SecurityGateway report, both "Subject: Permanent Delivery Failure")
 * and MDaemon's manual, "DSN Settings" (Queues » Mail Queues/DSN: the
 * permanent and transient subjects, the session transcript in the DSN).
 * The guess scanner cannot read it: the address is in the transcript,
 * far from the sentence of failure.
 */
#define G_LOG_DOMAIN "bd-scan-mdaemon"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-util.h"

#define TRANSCRIPT_START "--- Session Transcript ---"
#define TRANSCRIPT_END "--- End Transcript ---"

static gboolean
is_mdaemon (const BdScanInput *input)
{
  bd_scan_autofree char *stamp = bd_scan_header (input, "X-MDDSN-Message");

  if (stamp != NULL)
    return TRUE;
  return bd_scan_body_has (input, "MDaemon Delivery Status Notification")
      || bd_scan_body_has (input, "SecurityGateway for Email Servers Non-Delivery Report");
}

/* " Wed 2013-09-11 12:22:05: *  Name server …" without its time stamp
 * and the "*  " / "<-- " mark; NULL for a line that is not the session's. */
static const char *
transcript_text (const char *line)
{
  /* the stamp is "Www YYYY-MM-DD HH:MM:SS: ", whose first ": " ends it */
  const char *p = strstr (line, ": ");

  if (p == NULL)
    return NULL;
  p += 2;
  if (bd_scan_has_prefix (p, "*"))
    p++;
  else if (bd_scan_has_prefix (p, "<--") || bd_scan_has_prefix (p, "-->"))
    p += 3;
  return p + strspn (p, " ");
}

static gboolean
has_prefix_any (const char        *text,
                const char *const *prefixes)
{
  for (guint i = 0; prefixes[i] != NULL; i++)
    if (bd_scan_has_prefix (text, prefixes[i]))
      return TRUE;
  return FALSE;
}

/* The session's last words of failure: a 4xx/5xx reply ("<-- 550 …")
 * or, when the server was never reached, MDaemon's own last note. */
static char *
transcript_failure (char **lines,
                    int    from)
{
  static const char *const headers[] = { "From:", "To:", "Subject:", "Size", "Message-ID:", "Route slip",
                                         "Parsing message", "Attempting", "Resolving", NULL };
  const char *reply = NULL, *note = NULL;

  for (int i = from; lines[i] != NULL && strstr (lines[i], TRANSCRIPT_END) == NULL; i++)
    {
      const char *text = transcript_text (lines[i]);
      guint code;

      if (text == NULL)
        continue;
      code = bd_scan_find_reply_code (text);
      if (strstr (lines[i], "<--") != NULL && code >= 400 && code < 600)
        reply = text;
      else if (strstr (lines[i], ": *") != NULL && !has_prefix_any (text, headers))
        note = text;
    }
  return g_strdup (reply != NULL ? reply : note);
}

gboolean
bd_scan_mdaemon (const BdScanInput *input,
                 BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  bd_scan_autofree char *failure = NULL;
  int start;

  if (!bd_scan_body_has (input, "delivery errors") || !is_mdaemon (input))
    return FALSE;

  lines = bd_scan_split_lines (input, NULL);
  start = bd_scan_find_line (lines, 0, TRANSCRIPT_START);
  failure = start >= 0 ? transcript_failure (lines, start + 1) : NULL;
  for (int i = 0; lines[i] != NULL; i++)
    {
      const char *text = NULL;
      bd_scan_autofree char *address = NULL;

      if (bd_scan_has_prefix (lines[i], "Failed address:"))
        text = lines[i] + strlen ("Failed address:");
      else if (start >= 0 && i > start && strstr (lines[i], ": *  To:") != NULL)
        text = strstr (lines[i], ": *  To:") + strlen (": *  To:");
      if (text == NULL || (address = bd_scan_extract_address (text)) == NULL
          || bd_scan_find_recipient (bounce, address) != NULL)
        continue;
      bd_scan_add (bounce, address, failure);
    }
  return bd_scan_finish (bounce, bd_scan_body_has (input, "PERMANENT") ? BD_KIND_BOUNCE : BD_KIND_DELAYED);
}
