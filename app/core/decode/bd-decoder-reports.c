/* bd-decoder-reports.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The machine-readable reports a bounce may carry: RFC 3464 delivery
 * status, RFC 5965 feedback (ARF), RFC 8098 disposition notifications,
 * and RFC 3834 auto-replies.
 */
#define G_LOG_DOMAIN "bd-decoder"

#include "config.h"

#include <string.h>

#include "bd-decoder-private.h"
#include "bd-dsn.h"
#include "bd-gmime-autocleanups.h"
#include "bd-mime-text.h"
#include "bd-scan-util.h"
#include "bd-text.h"

/* g_str_has_prefix () of a literal @prefix: its length is known, where
 * GLib's measured both strings for each compare. */
#define HAS_PREFIX(s, prefix) (strncmp ((s), (prefix), sizeof (prefix) - 1) == 0)

static BdKind
kind_from_recipients (GPtrArray *recipients)
{
  gboolean failed = FALSE, delayed = FALSE, delivered = FALSE;

  for (guint i = 0; i < recipients->len; i++)
    {
      BdRecipient *r = g_ptr_array_index (recipients, i);
      const char *action = r->action ? r->action : "";

      if (HAS_PREFIX (action, "fail"))
        failed = TRUE;
      else if (HAS_PREFIX (action, "delay"))
        delayed = TRUE;
      else if (HAS_PREFIX (action, "deliver") || HAS_PREFIX (action, "relay")
               || HAS_PREFIX (action, "expand"))
        delivered = TRUE;
      else if (r->status != NULL && r->status[0] == '2')
        delivered = TRUE;
      else
        failed = TRUE;
    }
  if (failed)
    return BD_KIND_BOUNCE;
  if (delayed)
    return BD_KIND_DELAYED;
  if (delivered)
    return BD_KIND_DELIVERED;
  return BD_KIND_NOT_BOUNCE;
}

void
bd_decoder_set_mta (BdBounce   *bounce,
                    const char *mta)
{
  g_free (bounce->mta);
  bounce->mta = g_strdup (mta);
}

void
bd_decoder_take_recipients (BdBounce  *bounce,
                            GPtrArray *recipients,
                            guint      dropped)
{
  /* read into the result's own array already (read_dsn_part ()) */
  if (recipients != bounce->recipients)
    {
      for (guint i = 0; i < recipients->len; i++)
        g_ptr_array_add (bounce->recipients, g_steal_pointer (&g_ptr_array_index (recipients, i)));
      g_ptr_array_set_size (recipients, 0);
    }
  if (dropped > 0 && bounce->limits == 0)
    {
      bounce->kept_recipients = bounce->recipients->len;
      bounce->skipped_recipients = dropped;
      bd_bounce_add_limit (bounce, BD_DECODE_LIMIT_RECIPIENTS);
    }
}

/* The charset the message's own text declares, for report parts that
 * carry 8-bit text without saying so. */
static const char *
text_charset (const BdMimePart *part,
              guint             depth)
{
  if (part == NULL || depth > BD_DECODER_MAX_DEPTH)
    return NULL;
  if (part->children != NULL)
    {
      for (guint i = 0; i < part->children->len; i++)
        {
          const char *charset = text_charset (g_ptr_array_index (part->children, i), depth + 1);

          if (charset != NULL)
            return charset;
        }
      return NULL;
    }
  if (bd_mime_part_is_leaf (part) && strcmp (part->type, "text") == 0)
    return part->charset;
  return NULL;
}

static char *
part_text (const BdMimePart *part,
           const char       *hint,
           gsize            *len)
{
  return bd_mime_part_text_hinted (part, hint, len);
}

/* The fields of a delivery-status or disposition part (bd-dsn.h, owned
 * copies) into @dsn, and the reporting host they name. The recipients are
 * read into @bounce's array when it has none yet (nearly always):
 * bd_decoder_take_recipients () then has none to move. The text is our
 * copy, which bd_dsn_read () changes. */
static void
read_dsn_part (BdBounce         *bounce,
               const BdMimePart *part,
               const char       *hint,
               BdDsn            *dsn)
{
  gsize len;
  g_autofree char *text = part_text (part, hint, &len);
  GPtrArray *into = bounce->recipients->len == 0 ? bounce->recipients : NULL;

  bd_dsn_read (dsn, text, len, BD_DECODER_MAX_RECIPIENTS, into);
  if (dsn->reporting_mta != NULL)
    bounce->reporting_mta = g_steal_pointer (&dsn->reporting_mta);
}

void
bd_decoder_read_delivery_status (BdBounce         *bounce,
                                 const BdMimePart *part,
                                 const char       *hint)
{
  g_auto(BdDsn) report = { 0 };
  BdDsn *dsn = &report;

  read_dsn_part (bounce, part, hint, dsn);
  if (dsn->arrival_date != NULL)
    bounce->arrival_date = g_steal_pointer (&dsn->arrival_date);
  bounce->kind = kind_from_recipients (dsn->recipients);
  bd_decoder_take_recipients (bounce, dsn->recipients, dsn->dropped);
  if (bounce->recipients->len > 0)
    bd_decoder_set_mta (bounce, "rfc3464");
}

/* RFC 5965: a complaint for each Original-Rcpt-To, or one whose address
 * the returned message's To gives later. */
void
bd_decoder_read_feedback_report (BdBounce         *bounce,
                                 const BdMimePart *part,
                                 const char       *hint)
{
  gsize len;
  g_autofree char *text = part_text (part, hint, &len);
  g_autofree char *type = NULL;
  g_autoptr(GPtrArray) rcpts = g_ptr_array_new_with_free_func (g_free);

  /* Line by line in our copy, each ended where its '\n' was (as
   * g_strsplit () gave them, without a string each), the names compared
   * inline: GLib's compare is a call per byte, for each name on each
   * line. */
  for (char *line = text, *next; line != NULL; line = next)
    {
      char *eol = strchr (line, '\n');

      next = eol != NULL ? eol + 1 : NULL;
      if (eol != NULL)
        *eol = '\0';
      if (bd_text_equal_ci (line, "Feedback-Type:", 14) && type == NULL)
        type = g_strstrip (g_strdup (line + 14));
      else if (bd_text_equal_ci (line, "Original-Rcpt-To:", 17) && rcpts->len < BD_DECODER_MAX_RECIPIENTS)
        {
          /* RFC 5965 §3.2: once per recipient the complained-about message had */
          char *rcpt = bd_dsn_clean_address (line + 17);

          if (rcpt != NULL && !g_ptr_array_find_with_equal_func (rcpts, rcpt, (GEqualFunc)g_str_equal, NULL))
            g_ptr_array_add (rcpts, rcpt);
          else
            g_free (rcpt);
        }
      else if (bd_text_equal_ci (line, "Reporting-MTA:", 14) && bounce->reporting_mta == NULL)
        {
          const char *v = strchr (line + 14, ';');

          bounce->reporting_mta = g_strstrip (g_strdup (v ? v + 1 : line + 14));
        }
      else if (bd_text_equal_ci (line, "Arrival-Date:", 13) && bounce->arrival_date == NULL)
        bounce->arrival_date = bd_dsn_date_to_iso (g_strstrip (line + 13));
    }

  bounce->kind = BD_KIND_FEEDBACK;
  bd_decoder_set_mta (bounce, "arf");
  /* Without Original-Rcpt-To, one complaint whose address comes later
   * from the returned message's To. */
  if (rcpts->len == 0)
    g_ptr_array_add (rcpts, NULL);
  for (guint i = 0; i < rcpts->len; i++)
    {
      BdRecipient *r = bd_bounce_add_recipient (bounce, g_ptr_array_index (rcpts, i));

      r->reason = BD_REASON_FEEDBACK;
      r->action = g_strdup ("failed");
      r->diagnostic = type ? g_strdup_printf ("Feedback-Type: %s", type) : NULL;
      bd_recipient_set_evidence (r, BD_EVIDENCE_FEEDBACK_TYPE, type ? type : "abuse");
    }
}

/* RFC 8098: the recipient displayed, deleted… the message. Only a
 * "failed" disposition is a delivery failure. */
void
bd_decoder_read_disposition (BdBounce         *bounce,
                             const BdMimePart *part,
                             const char       *hint)
{
  g_auto(BdDsn) report = { 0 };
  BdDsn *dsn = &report;
  gboolean failed;

  read_dsn_part (bounce, part, hint, dsn);
  failed = dsn->disposition != NULL && strstr (dsn->disposition, "failed") != NULL;

  bounce->kind = failed ? BD_KIND_BOUNCE : BD_KIND_DELIVERED;
  bd_decoder_set_mta (bounce, "rfc8098");
  for (guint i = 0; i < dsn->recipients->len; i++)
    {
      BdRecipient *r = g_ptr_array_index (dsn->recipients, i);

      if (r->action == NULL)
        r->action = g_strdup (failed ? "failed" : "delivered");
      if (!failed)
        {
          r->reason = BD_REASON_DELIVERED;
          bd_recipient_set_evidence (r, BD_EVIDENCE_DISPOSITION, dsn->disposition ? dsn->disposition : "");
        }
    }
  bd_decoder_take_recipients (bounce, dsn->recipients, dsn->dropped);
}

/* Subjects auto-responders use, lower case, matched as prefixes. */
static const char *const vacation_subjects[] = {
  "auto:", "auto reply", "auto-reply", "autoreply", "auto response", "autorespon",
  "automatic reply", "automatic response", "automated reply", "out of office",
  "out of the office", "away from", "on vacation", "abwesend", "abwesenheit",
  "automatische antwort", "réponse automatique", "respuesta automática",
  "risposta automatica", "automatyczna odpowiedź", "odpowiedź automatyczna",
  "nieobecność", "autosvar", "automatisch antwoord", "automatická odpověď",
  "fuera de la oficina", "absence", "away until",
};

/* RFC 3834 and the headers auto-responders used before it. */
/* Delivery failures sometimes carry Auto-Submitted: auto-replied too. */
static gboolean
looks_like_failure (const char *from,
                    const char *subject)
{
  static const char *const words[] = {
    "mailer-daemon", "postmaster", "mail delivery", "undeliver", "returned mail", "failure",
    "delivery status", "not delivered", "delivery failed", "could not be delivered",
  };
  g_autofree char *text = g_ascii_strdown (from, -1);
  g_autofree char *subj = g_ascii_strdown (subject, -1);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (text, words[i]) != NULL || strstr (subj, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
has_header (const BdMimePart *message,
            const char       *name)
{
  gsize len;

  return bd_mime_header_raw (message, name, &len) != NULL;
}

static gboolean
is_vacation (const BdMimePart *message,
             const char       *subject)
{
  g_autofree char *auto_submitted = bd_mime_header (message, "Auto-Submitted");
  g_autofree char *precedence = NULL;
  g_autofree char *lower = NULL;

  if (auto_submitted != NULL)
    {
      if (g_ascii_strncasecmp (auto_submitted, "auto-replied", 12) == 0)
        return TRUE;
      if (g_ascii_strncasecmp (auto_submitted, "no", 2) != 0)
        return FALSE;  /* auto-generated: a notification, not a reply */
    }
  if (has_header (message, "X-Autoreply") || has_header (message, "X-Autorespond"))
    return TRUE;
  precedence = bd_mime_header (message, "Precedence");
  if (precedence != NULL && strstr (precedence, "auto_reply") != NULL)
    return TRUE;

  lower = bd_text_strdown (subject, -1);
  for (guint i = 0; i < G_N_ELEMENTS (vacation_subjects); i++)
    if (g_str_has_prefix (lower, vacation_subjects[i]))
      return TRUE;
  return FALSE;
}

/* The first mailbox of an address header, or NULL (also when the first
 * address is a group). A plain field, nearly every one, is read without
 * building GMime's objects; it holds no group. */
char *
bd_decoder_first_address (const BdMimePart *message,
                          const char       *name)
{
  g_autoptr(GPtrArray) plain = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(InternetAddressList) list = NULL;
  InternetAddress *first;

  if (bd_mime_address_header_plain (message, name, plain, 1))
    return plain->len > 0 ? g_ptr_array_steal_index (plain, 0) : NULL;
  list = bd_mime_address_header (message, name);
  if (list == NULL || internet_address_list_length (list) == 0)
    return NULL;
  first = internet_address_list_get_address (list, 0);
  if (!INTERNET_ADDRESS_IS_MAILBOX (first))
    return NULL;
  return g_strdup (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (first)));
}

static void
read_vacation (BdBounce         *bounce,
               const BdMimePart *message)
{
  g_autofree char *address = bd_decoder_first_address (message, "From");
  BdRecipient *r;

  bounce->kind = BD_KIND_VACATION;
  bd_decoder_set_mta (bounce, "rfc3834");
  r = bd_bounce_add_recipient (bounce, address);
  r->reason = BD_REASON_VACATION;
  bd_recipient_set_evidence (r, BD_EVIDENCE_AUTO_REPLY, NULL);
}

/**
 * bd_decoder_find_text_charset:
 *
 * Returns: (nullable): the charset the message's own text declares, for
 *   report parts that carry 8-bit text without saying so.
 */
const char *
bd_decoder_find_text_charset (const BdMimePart *message)
{
  return text_charset (message, 0);
}

/**
 * bd_decoder_read_vacation:
 * @from: the message's From, decoded
 * @subject: its Subject, decoded
 *
 * Reads @message as an auto-reply (RFC 3834) when it is one.
 *
 * Returns: whether it was.
 */
gboolean
bd_decoder_read_vacation (BdBounce         *bounce,
                          const BdMimePart *message,
                          const char       *from,
                          const char       *subject)
{
  if (looks_like_failure (from, subject) || !is_vacation (message, subject))
    return FALSE;
  read_vacation (bounce, message);
  return TRUE;
}
