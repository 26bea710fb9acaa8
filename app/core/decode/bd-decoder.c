/* bd-decoder.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The decoding pipeline, in the steps of decode_message(): the report
 * (read_report), the prose (scan_prose), a complaint without its report
 * (try_complaint), pasted and forwarded bounces (try_pasted,
 * try_forwarded), then the original, the codes and the reasons (finish).
 * The limits are in bd-decoder.h, the report readers in
 * bd-decoder-reports.c, the code clean-up in bd-decoder-codes.c, the cap
 * on a message's parts in bd-decoder-cap.c.
 */
#define G_LOG_DOMAIN "bd-decoder"

#include "config.h"

#include <string.h>

#include "bd-classify.h"
#include "bd-decoder.h"
#include "bd-date.h"
#include "bd-decoder-private.h"
#include "bd-dsn.h"
#include "bd-gmime-autocleanups.h"
#include "bd-mime.h"
#include "bd-mime-text.h"
#include "bd-mime-walk.h"
#include "bd-msg.h"
#include "bd-original.h"
#include "bd-sender.h"
#include "bd-text.h"
#include "bd-scan-input.h"
#include "bd-scanner.h"

/* The parts of a message that matter, found in one walk. All borrowed. */
typedef struct
{
  const BdMimePart *delivery_status;
  const BdMimePart *feedback_report;
  const BdMimePart *disposition;
  const BdMimePart *original;        /* message/rfc822 or text/rfc822-headers */
  const BdMimePart *forwarded;       /* the first message/rfc822 anywhere */
  const BdMimePart *outlook;         /* the first attached Outlook .msg */
  gboolean          too_deep;        /* parts below BD_DECODER_MAX_DEPTH were not looked at */
} Parts;

/* The first bytes compared inline: a part's subtype is tested against
 * a dozen words, and they mostly differ there. */
static inline gboolean
subtype_is (const BdMimePart *part,
            const char       *subtype)
{
  return part->subtype[0] == subtype[0] && strcmp (part->subtype, subtype) == 0;
}

static void
find_parts (Parts            *parts,
            const BdMimePart *part,
            gboolean          in_report,
            guint             depth)
{
  if (part == NULL)
    return;
  if (depth > BD_DECODER_MAX_DEPTH || part->too_deep)
    {
      parts->too_deep = TRUE;
      return;
    }

  if (part->children != NULL)
    {
      gboolean report = in_report || subtype_is (part, "report");

      for (guint i = 0; i < part->children->len; i++)
        find_parts (parts, g_ptr_array_index (part->children, i), report, depth + 1);
      return;
    }

  if (part->message != NULL)
    {
      if (parts->forwarded == NULL)
        parts->forwarded = part;
      if (parts->original == NULL || (in_report && parts->original->message == NULL))
        parts->original = part;
      return;
    }

  if (subtype_is (part, "delivery-status") || subtype_is (part, "global-delivery-status"))
    {
      if (parts->delivery_status == NULL)
        parts->delivery_status = part;
    }
  else if (subtype_is (part, "feedback-report"))
    {
      if (parts->feedback_report == NULL)
        parts->feedback_report = part;
    }
  else if (subtype_is (part, "disposition-notification")
           || subtype_is (part, "global-disposition-notification"))
    {
      if (parts->disposition == NULL)
        parts->disposition = part;
    }
  else if (subtype_is (part, "rfc822-headers") || subtype_is (part, "global-headers"))
    {
      if (parts->original == NULL)
        parts->original = part;
    }
  else if (subtype_is (part, "vnd.ms-outlook") && parts->outlook == NULL)
    parts->outlook = part;
}

static BdBounce *decode_inline (const char *text, gsize len, const char *source, goffset offset,
                                guint forwards);

/* An Outlook .msg attached to the message (Outlook's "forward as
 * attachment"), read as the email it holds (bd-msg.h). */
static BdBounce *
decode_outlook (const BdMimePart *part,
                const char       *source,
                goffset           offset,
                guint             forwards)
{
  gsize len;
  g_autofree char *content = bd_mime_part_content (part, &len);
  g_autoptr(GBytes) mime = content != NULL ? bd_msg_to_mime (content, len, NULL) : NULL;

  if (mime == NULL)
    return NULL;
  return decode_inline (g_bytes_get_data (mime, NULL), g_bytes_get_size (mime), source, offset, forwards);
}

static gboolean
same_address (const char *a,
              const char *b)
{
  return a != NULL && b != NULL && bd_mime_walk_equal_ci (a, b);
}

static void
fill_missing (char **into,
              char **from)
{
  if (*into == NULL && *from != NULL)
    *into = g_steal_pointer (from);
}

/* The DSN is authoritative for who and what; the prose often has the
 * server's words the DSN left out. */
static void
merge_recipient (BdRecipient *into,
                 BdRecipient *from)
{
  /* A scanner's reason counts only where the report gave no words. */
  gboolean had_words = into->diagnostic != NULL;

  if (had_words)
    from->reason = BD_REASON_UNDEFINED;
  fill_missing (&into->diagnostic, &from->diagnostic);
  fill_missing (&into->status, &from->status);
  fill_missing (&into->remote_mta, &from->remote_mta);
  fill_missing (&into->command, &from->command);
  if (into->reply_code == 0)
    into->reply_code = from->reply_code;
  if (into->reason == BD_REASON_UNDEFINED && from->reason != BD_REASON_UNDEFINED)
    {
      into->reason = from->reason;
      bd_recipient_take_evidence (into, &from->cause);
    }
}

static void
merge_scanned (BdBounce *bounce,
               BdBounce *scanned)
{
  GPtrArray *have = bounce->recipients;
  GPtrArray *got = scanned->recipients;

  if (have->len == 0)
    {
      bounce->kind = scanned->kind != BD_KIND_NOT_BOUNCE ? scanned->kind : BD_KIND_BOUNCE;
      bd_decoder_take_recipients (bounce, got, 0);
      return;
    }
  for (guint i = 0; i < have->len; i++)
    {
      BdRecipient *into = g_ptr_array_index (have, i);
      BdRecipient *match = NULL;

      for (guint j = 0; j < got->len && match == NULL; j++)
        {
          BdRecipient *r = g_ptr_array_index (got, j);

          if (same_address (r->address, into->address) || same_address (r->address, into->original))
            match = r;
        }
      if (match == NULL && have->len == 1 && got->len == 1)
        match = g_ptr_array_index (got, 0);
      if (match != NULL)
        merge_recipient (into, match);
    }
}

/* A report without the server's words: take the prose line that names
 * the recipient and says more than the address. */
static void
words_from_prose (BdBounce   *bounce,
                  const char *body,
                  gsize       len)
{
  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      BdRecipient *r = g_ptr_array_index (bounce->recipients, i);
      const char *end = body + len;
      gsize alen;

      if (r->diagnostic != NULL || r->address == NULL || (alen = strlen (r->address)) < 3)
        continue;
      for (const char *p = body; p < end; )
        {
          const char *eol = memchr (p, '\n', end - p);
          gsize n;

          if (eol == NULL)
            eol = end;
          n = eol - p;
          if (n > alen + 10 && n < 1000)
            {
              /* Searched in place, without case, as far as a NUL (where
               * a copy of the line would end). */
              const char *nul = memchr (p, '\0', n);

              if (bd_text_find_ci (p, nul != NULL ? (gsize)(nul - p) : n, r->address) != NULL)
                {
                  r->diagnostic = g_strstrip (g_strndup (p, n));
                  break;
                }
            }
          p = eol + 1;
        }
    }
}

static void
run_scanners (BdBounce          *bounce,
              const BdScanInput *message_input)
{
  guint n;
  const BdScanner *scanners = bd_scanners_get (&n);
  g_autoptr(BdBounce) scanned = NULL;
  /* One memo for the run: what a scanner works out about the message
   * (its From: address, its prose lowered…), the next ones reuse. */
  g_autoptr(BdScanMemo) memo = bd_scan_memo_new ();
  BdScanInput with_memo = *message_input;
  const BdScanInput *input = &with_memo;

  with_memo.memo = memo;
  for (guint i = 0; i < n; i++)
    {
      /* One scratch result for all the scanners that say no: most do. */
      if (scanned == NULL || !bd_decoder_is_untouched (scanned))
        {
          g_clear_pointer (&scanned, bd_bounce_unref);
          scanned = bd_bounce_new_scratch (bounce->offset);
        }
      if (!scanners[i].scan (input, scanned) || scanned->recipients->len == 0)
        continue;
      if (bounce->mta == NULL || bounce->recipients->len == 0)
        bd_decoder_set_mta (bounce, scanners[i].name);
      if (bounce->reporting_mta == NULL)
        bounce->reporting_mta = g_steal_pointer (&scanned->reporting_mta);
      if (bounce->note == NULL)
        bounce->note = g_steal_pointer (&scanned->note);
      merge_scanned (bounce, scanned);
      return;
    }
}

static char *
iso_date (const BdMimePart *message)
{
  gsize len;
  const char *raw = bd_mime_header_raw (message, "Date", &len);
  char buf[BD_MIME_UNFOLD_ROOM];
  g_autofree char *heap = NULL;

  if (raw == NULL)
    return NULL;
  return bd_date_to_iso_utc (bd_mime_unfold_in (raw, len, buf, sizeof buf, &heap, &len));
}

static BdBounce *decode_message (const BdMimePart *message, const char *source,
                                 goffset offset, guint forwards);

static gboolean
is_complaint (const char *subject)
{
  g_autofree char *lower = g_ascii_strdown (subject, -1);

  return strstr (lower, "complaint about message") != NULL
      || strstr (lower, "abuse report") != NULL
      || g_str_has_prefix (lower, "complaint");
}

/* "Fwd: …" and what mail programs write instead in other languages:
 * Outlook's "FW:", "PD:" (Polish), "WG:" (German), "TR:" (French), "RV:"
 * (Spanish), "I:" (Italian), "Doorst:" (Dutch), "Enc:" (Portuguese). */
static gboolean
is_forward_subject (const char *subject)
{
  /* with their lengths: a strlen () call for each cost more than the compare */
#define PREFIX(s) { s, sizeof (s) - 1 }
  static const struct { const char *text; gsize len; } prefixes[] = {
    PREFIX ("fwd:"), PREFIX ("fw:"), PREFIX ("pd:"), PREFIX ("wg:"), PREFIX ("tr:"), PREFIX ("rv:"), PREFIX ("i:"),
    PREFIX ("doorst:"), PREFIX ("enc:"),
  };
#undef PREFIX

  if (subject == NULL)
    return FALSE;
  while (*subject == ' ' || *subject == '[')
    subject++;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (bd_mime_walk_has_prefix_ci (subject, prefixes[i].text, prefixes[i].len))
      return TRUE;
  return FALSE;
}

static BdBounce *
decode_inline (const char *text,
               gsize       len,
               const char *source,
               goffset     offset,
               guint       forwards)
{
  g_autoptr(BdMimePart) message = bd_mime_parse (text, len, BD_DECODER_MAX_DEPTH + 1);

  return decode_message (message, source, offset, forwards);
}

/* Step 1. The machine-readable report (RFC 3464 delivery status, RFC
 * 5965 feedback, RFC 8098 disposition), when the message has one: it
 * names the recipients and their codes. */
static void
read_report (BdBounce         *bounce,
             const BdMimePart *message,
             const Parts      *parts)
{
  const char *hint = bd_decoder_find_text_charset (message);

  if (parts->delivery_status != NULL)
    bd_decoder_read_delivery_status (bounce, parts->delivery_status, hint);
  else if (parts->feedback_report != NULL)
    bd_decoder_read_feedback_report (bounce, parts->feedback_report, hint);
  else if (parts->disposition != NULL)
    bd_decoder_read_disposition (bounce, parts->disposition, hint);
}

/* Step 2. The human-readable text: the first scanner that knows its
 * format adds what the report left out (or everything, without a
 * report); a message no scanner recognised may still be an auto-reply. */
static void
scan_prose (BdBounce          *bounce,
            const BdMimePart  *message,
            const BdScanInput *input)
{
  bounce->to = bd_sender_bounce_to (message);
  bounce->date = iso_date (message);
  if (bounce->kind == BD_KIND_FEEDBACK)
    return;
  run_scanners (bounce, input);
  bd_decoder_drop_challenge (bounce, message, input->body, input->body_len);   /* held, not refused */
  if (bounce->recipients->len == 0)
    {
      bounce->kind = BD_KIND_NOT_BOUNCE;
      bd_decoder_read_vacation (bounce, message, input->from, input->subject);
    }
}

/* Step 3. Providers' old complaint format: the complained-about message
 * attached to a note, without the machine-readable part. */
static void
try_complaint (BdBounce          *bounce,
               const Parts       *parts,
               const BdScanInput *input)
{
  BdRecipient *r;

  if (bounce->kind != BD_KIND_NOT_BOUNCE || parts->forwarded == NULL || !is_complaint (input->subject))
    return;
  bounce->kind = BD_KIND_FEEDBACK;
  bd_decoder_set_mta (bounce, "arf");
  r = bd_bounce_add_recipient (bounce, NULL);
  r->address = bd_decoder_first_address (parts->forwarded->message, "To");
  r->reason = BD_REASON_FEEDBACK;
  bd_recipient_set_evidence (r, BD_EVIDENCE_COMPLAINT_SUBJECT, input->subject);
}

static gboolean
is_nothing (const BdBounce *nested)
{
  return nested == NULL || nested->kind == BD_KIND_NOT_BOUNCE;
}

/* Step 4. A bounce pasted into the text of another message, which then
 * stands for the message. When that message is a forward, the pasted one
 * is read even if the forward's own text already gave a bounce: the
 * pasted headers give its sender and date. */
static BdBounce *
try_pasted (BdBounce          *bounce,
            const BdScanInput *input,
            guint              forwards)
{
  g_autofree char *pasted = NULL;
  g_autoptr(BdBounce) nested = NULL;
  gsize len;

  if ((bounce->kind != BD_KIND_NOT_BOUNCE && !is_forward_subject (input->subject))
      || forwards >= BD_DECODER_MAX_FORWARDS)
    return NULL;
  pasted = bd_decoder_find_pasted (input->body, input->body_len, &len);
  if (pasted != NULL)
    nested = decode_inline (pasted, len, bounce->source, bounce->offset, forwards + 1);
  /* else a reply quoting the bounce's text; also when the pasted headers
   * found were the returned copy's inside that quote */
  if (is_nothing (nested))
    {
      g_clear_pointer (&pasted, g_free);
      g_clear_pointer (&nested, bd_bounce_unref);
      pasted = bd_decoder_find_quoted (input->body, input->body_len, input->subject, &len);
      if (pasted != NULL)
        nested = decode_inline (pasted, len, bounce->source, bounce->offset, forwards + 1);
      if (nested != NULL && g_strcmp0 (nested->mta, "guess") == 0 && !bd_decoder_quoted_from_mailer (pasted))
        g_clear_pointer (&nested, bd_bounce_unref);
    }
  if (is_nothing (nested))
    return NULL;
  /* A pasted bounce whose date was local time (dropped): the forward's
   * date, when it reached the mailbox, is the best known, and keeps it in
   * its place in a list by date. */
  if (nested->date == NULL)
    nested->date = g_steal_pointer (&bounce->date);
  return g_steal_pointer (&nested);
}

/* Step 5. A bounce forwarded as an attachment (a message/rfc822 part, or
 * an Outlook .msg), read as a message of its own, which then stands for
 * the message. */
static BdBounce *
try_forwarded (const BdBounce *bounce,
               const Parts    *parts,
               guint           forwards)
{
  g_autoptr(BdBounce) nested = NULL;

  if (bounce->kind != BD_KIND_NOT_BOUNCE || forwards >= BD_DECODER_MAX_FORWARDS)
    return NULL;
  if (parts->forwarded != NULL)
    nested = decode_message (parts->forwarded->message, bounce->source, bounce->offset, forwards + 1);
  if (is_nothing (nested) && parts->outlook != NULL)
    {
      g_clear_pointer (&nested, bd_bounce_unref);
      nested = decode_outlook (parts->outlook, bounce->source, bounce->offset, forwards + 1);
    }
  return is_nothing (nested) ? NULL : g_steal_pointer (&nested);
}

/* Step 6. Once the recipients are known: the original message, the
 * server's words from the prose where the report gave none, the codes
 * cleaned (before classifying, so that the evidence speaks only of codes
 * the output keeps), then every recipient's reason. */
static void
finish (BdBounce          *bounce,
        const Parts       *parts,
        const BdScanInput *input)
{
  if (bounce->kind != BD_KIND_NOT_BOUNCE && bounce->kind != BD_KIND_VACATION)
    {
      if (parts->original != NULL)
        bd_original_fill_from_part (bounce->original, parts->original);
      else
        bd_original_fill_from_text (bounce->original, input->body, input->body_len);
    }
  if (bounce->kind == BD_KIND_BOUNCE || bounce->kind == BD_KIND_DELAYED)
    words_from_prose (bounce, input->body, input->body_len);
  for (guint i = 0; i < bounce->recipients->len; i++)
    bd_decoder_normalise_codes (g_ptr_array_index (bounce->recipients, i));
  /* each reply's own command; the body's is searched for only if
   * classifying asks (bd_classify_bounce_with_body ()) */
  bd_decoder_find_commands (bounce);
  bd_decoder_check_reply_class (bounce);
  bd_classify_bounce_with_body (bounce, input->body);
  if (parts->too_deep)
    bd_bounce_add_limit (bounce, BD_DECODE_LIMIT_DEPTH);
}

/* One message, in the steps above: a pasted or forwarded bounce found in
 * it is returned in its place. */
static BdBounce *
decode_message (const BdMimePart *message,
                const char       *source,
                goffset           offset,
                guint             forwards)
{
  g_autoptr(BdBounce) bounce = bd_bounce_new (source, offset);
  g_auto(BdScanInput) input = { 0 };
  Parts parts = { 0 };
  BdBounce *nested;

  find_parts (&parts, message, FALSE, 0);
  read_report (bounce, message, &parts);
  bd_scan_input_init (&input, message, parts.original);
  /* the result keeps the input's From: and Subject: (not copies); it
   * outlives the input, which reads them to the end */
  bd_scan_input_give_headers (&input, &bounce->from, &bounce->subject);
  scan_prose (bounce, message, &input);
  try_complaint (bounce, &parts, &input);
  if ((nested = try_pasted (bounce, &input, forwards)) != NULL
      || (nested = try_forwarded (bounce, &parts, forwards)) != NULL)
    return nested;
  finish (bounce, &parts, &input);
  return g_steal_pointer (&bounce);
}

/**
 * bd_decoder_decode_bytes:
 * @data: one message, any line ends
 * @len: its length
 * @source: where it came from
 * @offset: its byte offset in an mbox, else 0
 *
 * Returns: (transfer full): what the message is; never %NULL.
 */
BdBounce *
bd_decoder_decode_bytes (const char *data,
                         gsize       len,
                         const char *source,
                         goffset     offset)
{
  g_autofree char *copy = NULL;
  g_autoptr(BdMimePart) message = NULL;
  BdBounce *bounce;
  gboolean cut_size = FALSE;
  gsize whole;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  if (len == 0)
    return bd_bounce_new (source, offset);
  /* >=: a mailbox hands over a bigger message already cut to this size */
  if (len >= BD_DECODER_MAX_MESSAGE)
    {
      len = BD_DECODER_MAX_MESSAGE;
      cut_size = TRUE;
    }
  if (memchr (data, '\r', len) != NULL)
    {
      copy = g_malloc (len + 1);
      len = bd_mime_walk_copy_newlines (copy, data, len);
      copy[len] = '\0';
      data = copy;
    }
  /* A message saved from an mbox may keep its "From sender date" line;
   * it is not a header, so the whole text would be taken as a body. */
  if (len > 5 && memcmp (data, "From ", 5) == 0)
    {
      const char *eol = memchr (data, '\n', len);

      if (eol != NULL)
        {
          len -= eol + 1 - data;
          data = eol + 1;
        }
    }
  whole = len;
  len = bd_decoder_cap_parts (data, len);

  /* Parsed in place: the tree points into @data. */
  message = bd_mime_parse (data, len, BD_DECODER_MAX_DEPTH + 1);
  bounce = decode_message (message, source, offset, 0);
  if (cut_size)
    bd_bounce_add_limit (bounce, BD_DECODE_LIMIT_SIZE);
  if (len < whole)
    bd_bounce_add_limit (bounce, BD_DECODE_LIMIT_PARTS);
  else if (message->too_many_parts)
    bd_bounce_add_limit (bounce, BD_DECODE_LIMIT_MIME_PARTS);
  return bounce;
}
