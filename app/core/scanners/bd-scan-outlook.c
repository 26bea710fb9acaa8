/* bd-scan-outlook.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Outlook.com / Hotmail's legacy notifications (postmaster@…hotmail…,
 * "Delivery Status Notification (Failure)"), also written by Windows'
 * SMTP service:
 *
 *   This is an automatically generated Delivery Status Notification.
 *
 *   Delivery to the following recipients failed.
 *
 *          kijitora@example.jp
 *
 * The list may also follow "Delivery to the following recipients has been
 * delayed." or "Unable to deliver message to the following recipients,
 * due to being unable to connect successfully to the destination mail
 * server.".  The reply is in the attached delivery report, read first by
 * the decoder, or in its fields pasted after the list.
 */
#define G_LOG_DOMAIN "bd-scan-outlook"

#include "config.h"

#include <string.h>

#include "bd-scan-families.h"
#include "bd-scan-util.h"

static const char *const stop_markers[] = {
  "Content-Type: message/delivery-status",
  NULL
};

/* The sentence before the list of addresses. */
static const char *const intros[] = {
  "Delivery to the following recipients failed.",
  "Delivery to the following recipients has been delayed.",
  "Unable to deliver message to the following recipients, due to being unable to connect",
  NULL
};

/* Hotmail's replies whose wording, not code, tells what went wrong: both
 * come with the generic status 5.5.0. */
static const BdScanWords replies[] = {
  { "The mail could not be delivered to the recipient because the domain is not reachable", BD_REASON_HOSTUNKNOWN },
  { "Requested action not taken: mailbox unavailable", BD_REASON_USERUNKNOWN },
};

static int
find_intro (char **lines)
{
  for (int i = 0; lines[i] != NULL; i++)
    for (guint m = 0; intros[m] != NULL; m++)
      if (bd_scan_has_prefix (lines[i], intros[m]))
        return i;
  return -1;
}

/* The indented addresses under the intro; returns the line after them. */
static int
read_addresses (char      **lines,
                int         at,
                BdBounce   *bounce)
{
  /* the intro that says why is the only explanation this text gives */
  const char *why = strstr (lines[at], "unable to connect") != NULL ? lines[at] : NULL;
  int i;

  for (i = at + 1; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0')
        continue;
      if (lines[i][0] != ' ' || !bd_scan_is_address (lines[i]))
        break;
      bd_scan_add (bounce, lines[i], why);
    }
  return i;
}

static void
set_reply_reason (BdRecipient *r)
{
  bd_scan_reason_from_words (r, replies, G_N_ELEMENTS (replies), FALSE);
}

gboolean
bd_scan_outlook (const BdScanInput *input,
                 BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  gboolean delayed;
  int at;

  if (!bd_scan_body_has (input, "This is an automatically generated Delivery Status Notification"))
    return FALSE;
  if (!bd_text_contains_any (input->body, intros))
    return FALSE;

  lines = bd_scan_split_lines (input, stop_markers);
  at = find_intro (lines);
  /* the body has it, but a stop marker may end the lines before it */
  if (at < 0)
    return FALSE;
  delayed = strstr (lines[at], "delayed") != NULL;
  /* a relay that flattened the report leaves its fields in the text */
  bd_scan_read_dsn_fields (lines, read_addresses (lines, at, bounce), bounce);
  for (guint i = 0; i < bounce->recipients->len; i++)
    set_reply_reason (g_ptr_array_index (bounce->recipients, i));
  return bd_scan_finish (bounce, delayed ? BD_KIND_DELAYED : BD_KIND_BOUNCE);
}
