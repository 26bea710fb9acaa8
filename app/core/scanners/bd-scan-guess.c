/* bd-scan-guess.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The last resort: a message that is plainly a returned email but whose
 * layout no scanner knows. Its failed recipients are the addresses the
 * notice names near words of failure (never the returned copy's, nor the
 * bounce's own From/To); the classifier reads the words around each with
 * the phrase tables. The result is marked as a best guess (the JSON "mta"
 * "guess" and the bounce's note), so that the app can say so.
 *
 * What makes a message "plainly returned" (any one of the first three,
 * together with words of failure in the notice itself):
 *  - a null reverse path or the mailer's own sender: RFC 5321, 4.5.5
 *    ("notification messages … MUST be sent with a null reverse-path";
 *    "MAILER-DAEMON" and "postmaster" are the names Sendmail, Postfix and
 *    Exim sign them with, RFC 5321, 4.5.1 and the servers' manuals);
 *  - Auto-Submitted: auto-generated, which RFC 3834, section 5, reserves
 *    for delivery and disposition notifications (auto-replied, a vacation
 *    message, is not a bounce);
 *  - a failure subject in one of our languages (the servers' own subjects,
 *    listed below with their sources) on a message that is not a reply or
 *    a forward (those are read by the decoder's forward stage);
 *  - or no header at all: a notice pasted by itself.
 */
#define G_LOG_DOMAIN "bd-scan-guess"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-gmime-autocleanups.h"
#include "bd-phrase-index.h"
#include "bd-scan-gate.h"
#include "bd-scan-guess-private.h"
#include "bd-scan-i18n.h"
#include "bd-scan-input.h"
#include "bd-scan-util.h"

#define MAX_RECIPIENTS 50
#define NEAR_BEFORE 3     /* lines from a failure sentence to the list of addresses under it */
#define NEAR_AFTER 1
#define MAX_PARAGRAPH 4

static const char guess_note[] =
  N_("Bounce Doctor does not know this message’s format: the failed addresses and "
     "reasons are a best guess from its text.");

/* Subjects of returned mail, lower case: Postfix's "Undelivered Mail
 * Returned to Sender" (bounce_template.cf), Exim's "Mail delivery failed"
 * (exim's default warn/bounce message), Sendmail's "Returned mail", qmail's
 * "failure notice", Exchange's "Undeliverable:" / "Niedostarczalne:" /
 * "Unzustellbar:" / "Nedoručitelné:" (Exchange's localized NDRs), Gmail's
 * "Delivery Status Notification (Failure)" and "Delay)", Microsoft 365's
 * "Delivery has failed" (sent by postmaster@, so read as a mailer's),
 * RFC 3464's own example ("Returned mail: …"). A plain "Delivery failed"
 * is also a courier's subject, so it counts only from a mailer. */
static const char *const failure_subjects[] = {
  "undeliver", "undelivered mail", "mail delivery failed", "returned mail", "failure notice",
  "delivery status notification", "non-delivery", "nondeliverable", "mail delivery failure",
  "niedostarczaln", "niedostarczon", "zwrot wiadomości", "unzustellbar", "nicht zustellbar",
  "nedoručiteln", "nedoručen",
  /* The subjects Sisimai tries its readers by (p5 lib/Sisimai/Order.pm,
   * BSD-2-Clause, and the Lhost modules it names): InterScan MSS's "Mail
   * could not be delivered", Exim's "Mail failure" and "Message frozen",
   * X4's "Permanent Delivery Failure", EZweb's "Mail System Error -
   * Returned Mail", MailFoundry's "Message delivery has failed",
   * Exchange's Italian and French "Non recapitabile:" / "Non remis:",
   * Sendmail's "Postmaster notify", Facebook's "Sorry, your message could
   * not be delivered", Courier's "NOTICE: mail delivery status." and
   * "WARNING: delayed mail.", Barracuda's "… blocked by our bulk email
   * filter", Apache James' "[BOUNCE]" (a leading "[" is skipped, so its
   * word is matched as "bounce]"). Its "Delivery failure", "Failed
   * delivery" and "Delivery Notification" (Domino, X2, Sun Messaging
   * Server) are couriers' subjects too, like "Delivery failed": they count
   * only from a mailer, which is recognised by its sender already. Those
   * of them that ordinary mail writes too are in mailer_subjects. */
  "mail could not be delivered", "message frozen", "permanent delivery failure",
  "mail system error", "message delivery has failed", "non recapitabile",
  "postmaster notify", "your message could not be delivered", "our bulk email filter",
  NULL
};

/* Sisimai's subjects (above: Exim, Exchange's French NDR, Courier, Apache
 * James) that people and couriers write too ("Mail failure on your
 * account", "Colis non remis", "Delayed mail today", "[Bounce] class
 * news"): they count only on a message sent by a mailer
 * (sent_by_a_mailer ()). */
static const char *const mailer_subjects[] = {
  "mail failure", "non remis", "mail delivery status", "delayed mail", "bounce]",
  NULL
};

/* Sentences of failure in a notice's own text, lower case: the English
 * templates (Postfix "could not be delivered", Exim "could not be
 * delivered to one or more of its recipients", qmail "I wasn't able to
 * deliver", Sendmail "permanent fatal errors", Microsoft 365 "couldn't be
 * delivered" / "rejected your message to", Gmail "Delivery incomplete",
 * "There was a temporary problem delivering your message", "Your message
 * wasn't delivered", and its "Message blocked" notice, "Your message to …
 * has been blocked. See technical details below for more information.", as
 * quoted on qemu-devel (2022-11-01, "Message blocked") and in two public
 * bounce parsers' tests); the Polish, German and Czech ones are the
 * localized scanner's (bd_scan_localized_is_bounce ()). */
static const char *const failure_words[] = {
  "could not be delivered", "couldn't be delivered", "could not deliver", "couldn't deliver",
  "wasn't delivered", "was not delivered", "were not delivered", "not able to deliver",
  "wasn't able to deliver", "unable to deliver", "failed to deliver", "delivery has failed",
  "delivery failed", "delivery to the following", "undeliverable", "undelivered",
  "permanent error", "permanent fatal error", "rejected your message", "problem delivering",
  "delivery incomplete", "message not delivered", "returned to sender", "delivery failure",
  "address not found", "recipient address rejected", "following address(es) failed",
  "could not be sent", "delivery attempts will continue", "will retry", "has been blocked",
  /* Sisimai's Lhost markers (p5 lib/Sisimai/Lhost/, one module each): Exchange 2003's
   * "did not reach the following recipient(s)", Sendmail's, McAfee's and Biglobe's "had delivery problems",
   * Biglobe's "Non-delivered information", Notes' "------- Failure Reasons",
   * Courier's "DELAYS IN DELIVERING YOUR MESSAGE", Exim's "router
   * encountered the following error(s)" and "has been frozen", Smail's
   * "Failed addresses follow", X4's "Su mensaje no pudo ser entregado".
   * Whole markers: a cut-down "did not reach" is what people write. */
  "did not reach the following recipient", "had delivery problems", "non-delivered information",
  "------- failure reasons", "delays in delivering", "encountered the following error", "has been frozen",
  "failed addresses follow", "no pudo ser entregado",
  NULL
};

/* Still being retried: Gmail's "Delivery incomplete … will retry",
 * Postfix's delay template ("Delayed Mail (still being retried)"), Exim's
 * "Warning: message … delayed". */
static const char *const delay_words[] = {
  "will retry", "still being retried", "delivery attempts will continue", "temporary problem",
  "has been delayed", "delayed mail", "not yet been delivered",
  NULL
};

/* Where a quoted original starts, as written. */
static const char *const stop_markers[] = {
  "------ This is a copy of the message", "--- Below this line is a copy of the message",
  "Original message headers:", "-----Original Message-----", "----- Original message -----",
  "------- Returned Message", "----- Original message follows -----",
  "Original Message Follows:", "Oryginalne nagłówki wiadomości", "Ursprüngliche Nachrichtenkopfzeilen",
  "Hlavičky původní zprávy",
  NULL
};

/* Header lines of a copy quoted inline: the copy's sender, not a recipient. */
static const char *const header_prefixes[] = {
  "from:", "sender:", "reply-to:", "return-path:", "message-id:", "received:", "references:",
  "in-reply-to:", "dkim-", "x-", "authentication-results:", "envelope-from", "od:", "von:",
  "mail from", ">>> mail from", "sender address", "original sender",
  NULL
};

/* Whether one of @needles is in @lowered, as a strstr () of each tells:
 * the list made ready in *@ready once for the process (the lists are
 * constant), where the Subject of every message was searched for each of
 * some thirty words in turn. */
static gboolean
contains_lower (const char         *lowered,
                const char *const  *needles,
                BdScanGateNeedles **ready)
{
  if (g_once_init_enter (ready))
    g_once_init_leave (ready, bd_scan_gate_needles_new (needles));
  return bd_scan_gate_needles_in (*ready, lowered);
}

static BdScanGateNeedles *failure_subjects_ready;
static BdScanGateNeedles *mailer_subjects_ready;
static BdScanGateNeedles *failure_words_ready;
static BdScanGateNeedles *delay_words_ready;

static gboolean
is_reply_or_forward (const char *subject)
{
  static const char *const prefixes[] = { "re:", "aw:", "odp:", "fwd:", "fw:", "pd:", "wg:", "tr:", "rv:", NULL };

  while (*subject == ' ' || *subject == '[')
    subject++;
  for (guint i = 0; prefixes[i] != NULL; i++)
    if (g_ascii_strncasecmp (subject, prefixes[i], strlen (prefixes[i])) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
sent_by_a_mailer (const BdScanInput *input)
{
  static const char *const mailers[] = { "mailer-daemon", "postmaster", "mail delivery", NULL };
  bd_scan_autofree char *auto_submitted = NULL;

  if (bd_text_contains_any (input->from, mailers) || bd_scan_from_null_sender (input))
    return TRUE;
  if (input->message == NULL)
    return FALSE;
  auto_submitted = bd_mime_header (input->message, "Auto-Submitted");
  return auto_submitted != NULL && bd_text_strcasestr (auto_submitted, "auto-generated") != NULL;
}

/* The headers alone say a delivery failed: a failure subject, or
 * Sendmail's "Auto-Submitted: auto-generated (failure)" (RFC 3834, 5,
 * with the kind of notice in its comment). */
static gboolean
headers_say_failure (const BdScanInput *input)
{
  bd_scan_autofree char *subject = bd_text_strdown (input->subject, -1);
  bd_scan_autofree char *auto_submitted = NULL;

  if (!is_reply_or_forward (input->subject)
      && (contains_lower (subject, failure_subjects, &failure_subjects_ready)
          || (contains_lower (subject, mailer_subjects, &mailer_subjects_ready) && sent_by_a_mailer (input))))
    return TRUE;
  auto_submitted = input->message != NULL ? bd_mime_header (input->message, "Auto-Submitted") : NULL;
  return auto_submitted != NULL && bd_text_strcasestr (auto_submitted, "(failure)") != NULL;
}

/* A mailer's report that names no one (bd_scan_guess_add_unnamed ()). */
static gboolean
read_unnamed (const BdScanInput *input,
              BdBounce          *bounce)
{
  if (!sent_by_a_mailer (input) || !headers_say_failure (input) || !bd_scan_guess_add_unnamed (input, bounce))
    return FALSE;
  if (bounce->note == NULL)
    bounce->note = g_strdup (guess_note);
  return bd_scan_finish (bounce, BD_KIND_BOUNCE);
}

static gboolean
looks_returned (const BdScanInput *input)
{
  bd_scan_autofree char *subject = bd_text_strdown (input->subject, -1);

  if (input->from[0] == '\0' && input->subject[0] == '\0')
    return TRUE;
  if (sent_by_a_mailer (input))
    return TRUE;
  return !is_reply_or_forward (input->subject) && contains_lower (subject, failure_subjects, &failure_subjects_ready);
}

static gboolean
is_header_line (const char *lowered)
{
  while (*lowered == ' ' || *lowered == '\t' || *lowered == '>')
    lowered++;
  for (guint i = 0; header_prefixes[i] != NULL; i++)
    if (bd_scan_has_prefix (lowered, header_prefixes[i]))
      return TRUE;
  return FALSE;
}

/* A line that says something failed: a failure sentence, a phrase of the
 * tables, or a 4xx/5xx reply or status code. */
static gboolean
is_failure_line (const char *line,
                 const char *lowered)
{
  char status[BD_SCAN_STATUS_MAX];
  guint code;

  if (contains_lower (lowered, failure_words, &failure_words_ready))
    return TRUE;
  if (bd_scan_find_status (line, status) && (status[0] == '4' || status[0] == '5'))
    return TRUE;
  code = bd_scan_find_reply_code (line);
  if (code >= 400 && code < 600)
    return TRUE;
  return bd_phrases_reason (lowered, NULL) != BD_REASON_UNDEFINED;
}

static void
skip_headers_of (GPtrArray        *skip,
                 const BdMimePart *message,
                 const char *const *names)
{
  for (guint i = 0; message != NULL && names[i] != NULL; i++)
    {
      bd_scan_autofree char *value = bd_mime_header (message, names[i]);

      bd_scan_add_addresses (skip, value);
    }
}

/* The bounce's own From and To (the user and the mailer), and the
 * returned copy's sender: none of them is a failed recipient. */
static GPtrArray *
addresses_to_skip (const BdScanInput *input)
{
  static const char *const own[] = { "To", "Cc", "Delivered-To", "Reply-To", "Sender", NULL };
  static const char *const copy[] = { "From", "Sender", "Reply-To", "Return-Path", NULL };
  GPtrArray *skip = g_ptr_array_new_with_free_func (g_free);

  bd_scan_add_addresses (skip, input->from);
  skip_headers_of (skip, input->message, own);
  if (input->original != NULL)
    skip_headers_of (skip, input->original->message, copy);
  return skip;
}

static gboolean
is_skipped (GPtrArray  *skip,
            const char *address)
{
  bd_scan_autofree char *lowered = g_ascii_strdown (address, -1);

  for (guint i = 0; i < skip->len; i++)
    if (g_str_equal (g_ptr_array_index (skip, i), lowered))
      return TRUE;
  return bd_scan_has_prefix (lowered, "mailer-daemon@") || bd_scan_has_prefix (lowered, "postmaster@")
      || bd_scan_has_prefix (lowered, "noreply@") || bd_scan_has_prefix (lowered, "no-reply@");
}

/* "Please contact <support@…>": the provider's help desk, not a
 * recipient (Postfix's and Exchange's templates both end so): a contact
 * word shortly before the address. */
static gboolean
is_contact_address (const char *lowered,
                    const char *address)
{
  static const char *const words[] = { "contact", "kontakt", "wenden sie sich", "write to", "napisz", NULL };
  bd_scan_autofree char *needle = g_ascii_strdown (address, -1);
  const char *at = strstr (lowered, needle);

  if (at == NULL)
    return FALSE;
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = strstr (lowered, words[i]);

      if (word != NULL && word < at && at - word < 40)
        return TRUE;
    }
  return FALSE;
}

/* The address's line and the lines under it, up to a blank line. */
static char *
paragraph (char **lines,
           int    at)
{
  g_autoptr(GString) out = g_string_new (lines[at]);

  for (int j = at + 1; lines[j] != NULL && lines[j][0] != '\0' && j - at <= MAX_PARAGRAPH; j++)
    {
      g_string_append_c (out, ' ');
      g_string_append (out, lines[j]);
    }
  return bd_scan_collapse_max (out->str, 1000);
}

/* Every failure line of the notice: the words for a recipient whose own
 * paragraph names no reason. */
static char *
failure_text (char          **lines,
              const gboolean *failing)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (int i = 0; lines[i] != NULL && out->len < 1000; i++)
    {
      if (!failing[i] || bd_scan_guess_is_dsn_field (lines[i]))
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, lines[i]);
    }
  return bd_scan_collapse_max (out->str, 1000);
}

static void
add_recipient (BdBounce   *bounce,
               const char *address,
               const char *words,
               const char *notice)
{
  char status[BD_SCAN_STATUS_MAX];
  bd_scan_autofree char *lowered = bd_text_strdown (words, -1);
  gboolean says_why = bd_scan_find_status (words, status) || bd_scan_find_reply_code (words) >= 400
                      || bd_phrases_reason (lowered, NULL) != BD_REASON_UNDEFINED;
  bd_scan_autofree char *diagnostic = says_why || notice[0] == '\0' ? g_strdup (words)
                                                             : g_strconcat (words, " ", notice, NULL);
  BdRecipient *r;
  guint code;

  if (bd_scan_find_recipient (bounce, address) != NULL || bounce->recipients->len >= MAX_RECIPIENTS)
    return;
  /* bd_scan_add reads the first status and reply code of the words;
   * only a failure's (4xx, 5xx) says anything here */
  r = bd_scan_add (bounce, address, diagnostic);
  if (bd_scan_find_status (diagnostic, status) && (status[0] == '4' || status[0] == '5'))
    {
      g_free (r->status);
      r->status = g_strdup (status);
    }
  code = bd_scan_find_reply_code (diagnostic);
  if (code >= 400 && code < 600)
    r->reply_code = code;
}

static gboolean
near_failure (const gboolean *failing,
              int             n_lines,
              int             at)
{
  for (int k = MAX (0, at - NEAR_BEFORE); k <= MIN (n_lines - 1, at + NEAR_AFTER); k++)
    if (failing[k])
      return TRUE;
  return FALSE;
}

static gboolean
is_delay (char **lines)
{
  for (int i = 0; lines[i] != NULL; i++)
    {
      bd_scan_autofree char *lowered = bd_text_strdown (lines[i], -1);

      if (strstr (lowered, "permanent error") != NULL || strstr (lowered, "permanent fatal") != NULL
          || strstr (lowered, "failed permanently") != NULL)
        return FALSE;
      if (contains_lower (lowered, delay_words, &delay_words_ready))
        return TRUE;
    }
  return FALSE;
}

/* The notice's lines, up to the returned copy or its first header line. */
static int
notice_lines (char     **lines,
              gboolean **failing)
{
  int n = 0;

  *failing = g_new0 (gboolean, g_strv_length (lines) + 1);
  for (; lines[n] != NULL; n++)
    {
      bd_scan_autofree char *lowered = bd_text_strdown (lines[n], -1);

      if (bd_scan_has_prefix (lowered, "received: ") || bd_scan_has_prefix (lowered, "return-path:"))
        break;
      (*failing)[n] = !is_header_line (lowered) && is_failure_line (lines[n], lowered);
    }
  return n;
}

/* A delivery report that names its recipients was read by the decoder
 * (RFC 3464, 2.3: Final-Recipient is required per recipient); one
 * without them, empty, or of another type is left to this guess. */
static gboolean
has_report_with_recipients (const BdMimePart *part,
                            guint             depth)
{
  if (part == NULL || depth > BD_MIME_MAX_DEPTH)
    return FALSE;
  /* A bounce attached to a forward is read by the decoder's forward stage. */
  if (part->message != NULL)
    return has_report_with_recipients (part->message, depth + 1);
  if (part->children != NULL)
    {
      for (guint i = 0; i < part->children->len; i++)
        if (has_report_with_recipients (g_ptr_array_index (part->children, i), depth + 1))
          return TRUE;
      return FALSE;
    }
  if (part->subtype == NULL || (strcmp (part->subtype, "delivery-status") != 0
                                && strcmp (part->subtype, "global-delivery-status") != 0))
    return FALSE;
  {
    bd_scan_autofree char *content = bd_mime_part_content (part, NULL);

    return content != NULL && (bd_text_strcasestr (content, "final-recipient") != NULL
                               || bd_text_strcasestr (content, "original-recipient") != NULL);
  }
}

/* Another bounce pasted into this one's text, with its own headers: the
 * decoder's forward stage reads that one (bd-decoder-pasted.c), and its
 * recipients are the real ones. The markers are a bounce's own header
 * lines (RFC 5321, 4.5.5 null path; RFC 3462 report type). Delivery-status
 * fields without such headers are the notice's own
 * (bd_scan_guess_read_pasted_fields ()). */
static gboolean
has_pasted_bounce (const BdScanInput *input)
{
  static const char *const markers[] = {
    "\nReturn-Path: <>", "\nFrom: MAILER-DAEMON", "\nFrom MAILER-DAEMON", "report-type=delivery-status",
    "message/delivery-status", NULL
  };

  for (guint i = 0; markers[i] != NULL; i++)
    if (bd_text_strcasestr (input->body, markers[i]) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
says_failure (const BdScanInput *input,
              const gboolean    *failing,
              int                n_lines)
{
  for (int i = 0; i < n_lines; i++)
    if (failing[i])
      return TRUE;
  return bd_scan_localized_is_bounce (input);
}

gboolean
bd_scan_guess (const BdScanInput *input,
               BdBounce          *bounce)
{
  bd_scan_autofree char **lines = NULL;
  bd_scan_autofree gboolean *failing = NULL;
  g_autoptr(GPtrArray) skip = NULL;
  bd_scan_autofree char *notice = NULL;
  bd_scan_autofree char *domain = NULL;
  int n_lines;

  if (!looks_returned (input) || has_report_with_recipients (input->message, 0) || has_pasted_bounce (input))
    return FALSE;
  lines = bd_scan_split_lines (input, stop_markers);
  n_lines = notice_lines (lines, &failing);
  if (!says_failure (input, failing, n_lines))
    return read_unnamed (input, bounce);

  skip = addresses_to_skip (input);
  notice = failure_text (lines, failing);
  domain = bd_scan_guess_mailer_domain (input);
  if (bd_scan_guess_read_pasted_fields (lines, notice, bounce))
    n_lines = 0;
  for (int i = 0; i < n_lines; i++)
    {
      bd_scan_autofree char *lowered = bd_text_strdown (lines[i], -1);
      bd_scan_autofree char *address = NULL;
      bd_scan_autofree char *words = NULL;

      if (!is_header_line (lowered) && strchr (lines[i], '@') == NULL)
        address = bd_scan_guess_bare_name (lines, failing, i, domain);
      if (is_header_line (lowered)
          || (address == NULL && (address = bd_scan_extract_address (lines[i])) == NULL)
          || is_skipped (skip, address) || is_contact_address (lowered, address)
          || !near_failure (failing, n_lines, i))
        continue;
      words = paragraph (lines, i);
      add_recipient (bounce, address, words, notice);
    }
  if (bounce->recipients->len == 0)
    return read_unnamed (input, bounce);
  if (bounce->note == NULL)
    bounce->note = g_strdup (guess_note);
  return bd_scan_finish (bounce, is_delay (lines) ? BD_KIND_DELAYED : BD_KIND_BOUNCE);
}

/**
 * bd_scan_guess_explanation:
 *
 * Returns: the translated sentence that says a bounce was read by the last
 *   resort (its "mta" is "guess" and its note this sentence in English).
 */
const char *
bd_scan_guess_explanation (void)
{
  return _(guess_note);
}
