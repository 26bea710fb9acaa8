/* bd-decoder.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The decoding pipeline (see bd-decoder.h for the order and the limits).
 */
#define G_LOG_DOMAIN "bd-decoder"

#include "config.h"

#include <string.h>

#include "bd-classify.h"
#include "bd-decoder.h"
#include "bd-dsn.h"
#include "bd-gmime-autocleanups.h"
#include "bd-mime.h"
#include "bd-original.h"
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
  gboolean          too_deep;        /* parts below BD_DECODER_MAX_DEPTH were not looked at */
} Parts;

static gboolean
subtype_is (const BdMimePart *part,
            const char       *subtype)
{
  return strcmp (part->subtype, subtype) == 0;
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
}

static BdKind
kind_from_recipients (GPtrArray *recipients)
{
  gboolean failed = FALSE, delayed = FALSE, delivered = FALSE;

  for (guint i = 0; i < recipients->len; i++)
    {
      BdRecipient *r = g_ptr_array_index (recipients, i);
      const char *action = r->action ? r->action : "";

      if (g_str_has_prefix (action, "fail"))
        failed = TRUE;
      else if (g_str_has_prefix (action, "delay"))
        delayed = TRUE;
      else if (g_str_has_prefix (action, "deliver") || g_str_has_prefix (action, "relay")
               || g_str_has_prefix (action, "expand"))
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

/* A limit was hit: say so (bd-decoder.h), after any note already there. */
static void
add_note (BdBounce   *bounce,
          const char *note)
{
  char *joined = bounce->note != NULL ? g_strconcat (bounce->note, "; ", note, NULL) : g_strdup (note);

  g_free (bounce->note);
  bounce->note = joined;
}

static void
take_recipients (BdBounce  *bounce,
                 GPtrArray *recipients,
                 guint      dropped)
{
  for (guint i = 0; i < recipients->len; i++)
    g_ptr_array_add (bounce->recipients, g_steal_pointer (&g_ptr_array_index (recipients, i)));
  g_ptr_array_set_size (recipients, 0);
  if (dropped > 0 && bounce->note == NULL)
    bounce->note = g_strdup_printf ("only the first %u recipients were read, %u more were skipped",
                                    bounce->recipients->len, dropped);
}

/* The charset the message's own text declares, for report parts that
 * carry 8-bit text without saying so. */
static const char *
find_text_charset (const BdMimePart *part,
                   guint             depth)
{
  if (part == NULL || depth > BD_DECODER_MAX_DEPTH)
    return NULL;
  if (part->children != NULL)
    {
      for (guint i = 0; i < part->children->len; i++)
        {
          const char *charset = find_text_charset (g_ptr_array_index (part->children, i), depth + 1);

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
  return bd_scan_input_part_text_hinted (part, hint, len);
}

static void
read_delivery_status (BdBounce         *bounce,
                      const BdMimePart *part,
                      const char       *hint)
{
  gsize len;
  g_autofree char *text = part_text (part, hint, &len);
  g_autoptr(BdDsn) dsn = bd_dsn_parse (text, len, BD_DECODER_MAX_RECIPIENTS);

  if (dsn->reporting_mta != NULL)
    bounce->reporting_mta = g_steal_pointer (&dsn->reporting_mta);
  if (dsn->arrival_date != NULL)
    bounce->arrival_date = g_steal_pointer (&dsn->arrival_date);
  bounce->kind = kind_from_recipients (dsn->recipients);
  take_recipients (bounce, dsn->recipients, dsn->dropped);
  if (bounce->recipients->len > 0)
    bounce->mta = g_strdup ("rfc3464");
}

/* RFC 5965: one complaint; the complaining recipient is Original-Rcpt-To
 * when given, else the returned message's To. */
static void
read_feedback_report (BdBounce         *bounce,
                      const BdMimePart *part,
                      const char       *hint)
{
  gsize len;
  g_autofree char *text = part_text (part, hint, &len);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *type = NULL;
  g_autofree char *rcpt = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];

      if (g_ascii_strncasecmp (line, "Feedback-Type:", 14) == 0 && type == NULL)
        type = g_strstrip (g_strdup (line + 14));
      else if (g_ascii_strncasecmp (line, "Original-Rcpt-To:", 17) == 0 && rcpt == NULL)
        rcpt = bd_dsn_clean_address (line + 17);
      else if (g_ascii_strncasecmp (line, "Reporting-MTA:", 14) == 0 && bounce->reporting_mta == NULL)
        {
          const char *v = strchr (line + 14, ';');

          bounce->reporting_mta = g_strstrip (g_strdup (v ? v + 1 : line + 14));
        }
      else if (g_ascii_strncasecmp (line, "Arrival-Date:", 13) == 0 && bounce->arrival_date == NULL)
        bounce->arrival_date = bd_dsn_date_to_iso (g_strstrip (line + 13));
    }

  bounce->kind = BD_KIND_FEEDBACK;
  bounce->mta = g_strdup ("arf");
  {
    BdRecipient *r = bd_bounce_add_recipient (bounce, rcpt);

    r->reason = BD_REASON_FEEDBACK;
    r->action = g_strdup ("failed");
    r->diagnostic = type ? g_strdup_printf ("Feedback-Type: %s", type) : NULL;
    r->evidence = g_strdup_printf ("feedback report (%s)", type ? type : "abuse");
  }
}

/* RFC 8098: the recipient displayed, deleted… the message. Only a
 * "failed" disposition is a delivery failure. */
static void
read_disposition (BdBounce         *bounce,
                  const BdMimePart *part,
                  const char       *hint)
{
  gsize len;
  g_autofree char *text = part_text (part, hint, &len);
  g_autoptr(BdDsn) dsn = bd_dsn_parse (text, len, BD_DECODER_MAX_RECIPIENTS);
  gboolean failed = dsn->disposition != NULL && strstr (dsn->disposition, "failed") != NULL;

  if (dsn->reporting_mta != NULL)
    bounce->reporting_mta = g_steal_pointer (&dsn->reporting_mta);
  bounce->kind = failed ? BD_KIND_BOUNCE : BD_KIND_DELIVERED;
  bounce->mta = g_strdup ("rfc8098");
  for (guint i = 0; i < dsn->recipients->len; i++)
    {
      BdRecipient *r = g_ptr_array_index (dsn->recipients, i);

      if (r->action == NULL)
        r->action = g_strdup (failed ? "failed" : "delivered");
      if (!failed)
        {
          r->reason = BD_REASON_DELIVERED;
          r->evidence = g_strdup_printf ("disposition %s", dsn->disposition ? dsn->disposition : "");
        }
    }
  take_recipients (bounce, dsn->recipients, dsn->dropped);
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

  lower = g_utf8_strdown (subject, -1);
  for (guint i = 0; i < G_N_ELEMENTS (vacation_subjects); i++)
    if (g_str_has_prefix (lower, vacation_subjects[i]))
      return TRUE;
  return FALSE;
}

/* The first mailbox of an address header, or NULL. */
static char *
first_address (const BdMimePart *message,
               const char       *name)
{
  g_autoptr(InternetAddressList) list = bd_mime_address_header (message, name);
  InternetAddress *first;

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
  g_autofree char *address = first_address (message, "From");
  BdRecipient *r;

  bounce->kind = BD_KIND_VACATION;
  bounce->mta = g_strdup ("rfc3834");
  r = bd_bounce_add_recipient (bounce, address);
  r->reason = BD_REASON_VACATION;
  r->evidence = g_strdup ("auto-reply (RFC 3834)");
}

static gboolean
same_address (const char *a,
              const char *b)
{
  return a != NULL && b != NULL && g_ascii_strcasecmp (a, b) == 0;
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
      g_free (into->evidence);
      into->evidence = g_steal_pointer (&from->evidence);
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
      take_recipients (bounce, got, 0);
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
      g_autofree char *address = NULL;
      gsize alen;

      if (r->diagnostic != NULL || r->address == NULL || (alen = strlen (r->address)) < 3)
        continue;
      address = g_ascii_strdown (r->address, -1);
      for (const char *p = body; p < end; )
        {
          const char *eol = memchr (p, '\n', end - p);
          gsize n;

          if (eol == NULL)
            eol = end;
          n = eol - p;
          if (n > alen + 10 && n < 1000)
            {
              g_autofree char *line = g_ascii_strdown (p, n);

              if (strstr (line, address) != NULL)
                {
                  r->diagnostic = g_strstrip (g_strndup (p, n));
                  break;
                }
            }
          p = eol + 1;
        }
    }
}

/* Whether a scanner that said no left anything in its scratch result. */
static gboolean
is_untouched (const BdBounce *scratch)
{
  const BdOriginal *o = scratch->original;

  return scratch->kind == BD_KIND_NOT_BOUNCE && scratch->recipients->len == 0
      && scratch->mta == NULL && scratch->reporting_mta == NULL && scratch->note == NULL
      && o->from == NULL && o->to->len == 0 && o->subject == NULL && o->dkim->len == 0;
}

static void
run_scanners (BdBounce          *bounce,
              const BdScanInput *input)
{
  guint n;
  const BdScanner *scanners = bd_scanners_get (&n);
  g_autoptr(BdBounce) scanned = NULL;

  for (guint i = 0; i < n; i++)
    {
      /* One scratch result for all the scanners that say no: most do. */
      if (scanned == NULL || !is_untouched (scanned))
        {
          g_clear_pointer (&scanned, bd_bounce_unref);
          scanned = bd_bounce_new (bounce->source, bounce->offset);
        }
      if (!scanners[i].scan (input, scanned) || scanned->recipients->len == 0)
        continue;
      if (bounce->mta == NULL || bounce->recipients->len == 0)
        {
          g_free (bounce->mta);
          bounce->mta = g_strdup (scanners[i].name);
        }
      if (bounce->reporting_mta == NULL)
        bounce->reporting_mta = g_steal_pointer (&scanned->reporting_mta);
      merge_scanned (bounce, scanned);
      return;
    }
}

static char *
iso_date (const BdMimePart *message)
{
  gsize len;
  const char *raw = bd_mime_header_raw (message, "Date", &len);
  g_autofree char *value = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (raw == NULL)
    return NULL;
  value = bd_mime_unfold (raw, len);
  if ((date = g_mime_utils_header_decode_date (value)) == NULL)
    return NULL;
  utc = g_date_time_to_utc (date);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static void drop_repeated_codes (BdRecipient *r);

/* "554 4.4.7 Message expired … <421 4.4.2 Connection timed out>": the
 * first reply contradicts its own status (a 5xx with a 4.x.x), the inner
 * one is the remote server's consistent answer. Finds that inner pair. */
static gboolean
find_agreeing_pair (const char *text,
                    char        status[BD_STATUS_MAX],
                    guint      *code)
{
  gboolean first_disagreed = FALSE;

  for (const char *p = text; p[0] != '\0'; p++)
    {
      gsize n;

      if (!(p[0] == '4' || p[0] == '5') || !g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2])
          || (p[3] != ' ' && p[3] != '-') || (p > text && g_ascii_isalnum (p[-1])))
        continue;
      if (!(p[4] == '4' || p[4] == '5') || p[5] != '.' || !g_ascii_isdigit (p[6])
          || p[7] != '.' || !g_ascii_isdigit (p[8]))
        continue;
      if (p[0] != p[4])
        {
          first_disagreed = TRUE;
          continue;
        }
      if (!first_disagreed)
        return FALSE;
      n = 5;
      while (n < BD_STATUS_MAX - 1 && (g_ascii_isdigit (p[4 + n]) || p[4 + n] == '.'))
        n++;
      while (p[4 + n - 1] == '.')
        n--;
      memcpy (status, p + 4, n);
      status[n] = '\0';
      *code = (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
      return TRUE;
    }
  return FALSE;
}

/* A specific code in the server's own words beats a generic Status:, and
 * a reply code whose class contradicts the status is dropped. */
static void
normalise_codes (BdRecipient *r)
{
  char status[BD_STATUS_MAX];

  if (r->diagnostic == NULL)
    return;
  if (bd_dsn_find_status (r->diagnostic, status)
      && (status[0] == '4' || status[0] == '5') && status[2] != '0' && status[3] == '.')
    {
      g_free (r->status);
      r->status = g_strdup (status);
    }
  if (r->reply_code == 0)
    r->reply_code = bd_dsn_find_reply_code (r->diagnostic);
  {
    guint code;

    if (find_agreeing_pair (r->diagnostic, status, &code))
      {
        g_free (r->status);
        r->status = g_strdup (status);
        r->reply_code = code;
      }
  }
  drop_repeated_codes (r);
}

/* Multi-line replies repeat their codes on every line ("550-5.7.1 …
 * 550-5.7.1 …"): keep the first, drop the repeats so the words read on. */
static void
drop_repeated_codes (BdRecipient *r)
{
  char prefix[BD_STATUS_MAX + 8];
  char *first, *p;
  gsize n;

  if (r->reply_code == 0 || r->status == NULL)
    return;
  for (int sep = 0; sep < 2; sep++)
    {
      g_snprintf (prefix, sizeof prefix, "%u%c%s ", r->reply_code, sep ? ' ' : '-', r->status);
      n = strlen (prefix);
      first = strstr (r->diagnostic, prefix);
      if (first == NULL)
        continue;
      p = first + n;
      while ((p = strstr (p, prefix)) != NULL)
        memmove (p, p + n, strlen (p + n) + 1);
    }
  /* The last line of a multi-line reply uses a space, the others a dash. */
  g_snprintf (prefix, sizeof prefix, "%u %s ", r->reply_code, r->status);
  n = strlen (prefix);
  p = strstr (r->diagnostic, prefix);
  if (p != NULL && p != r->diagnostic && strstr (r->diagnostic, "-") < p)
    {
      char dash[BD_STATUS_MAX + 8];

      g_snprintf (dash, sizeof dash, "%u-%s ", r->reply_code, r->status);
      if (strstr (r->diagnostic, dash) != NULL)
        memmove (p, p + n, strlen (p + n) + 1);
    }
}

/* Lower case with every run of white space made one space, for finding
 * phrases that servers fold across lines. */
static char *
fold_lower (const char *text)
{
  /* Never longer than @text: runs of blanks shrink to one space. */
  char *out = g_malloc (strlen (text) + 1);
  char *q = out;
  gboolean space = FALSE;

  for (const char *p = text; *p; p++)
    {
      char c = *p;

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        {
          space = TRUE;
          continue;
        }
      if (space && q > out)
        *q++ = ' ';
      space = FALSE;
      *q++ = (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
    }
  *q = '\0';
  return out;
}

static void
find_commands (BdBounce    *bounce,
               const char  *body)
{
  g_autofree char *folded_body = NULL;

  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      BdRecipient *r = g_ptr_array_index (bounce->recipients, i);
      const char *command = NULL;

      if (r->command != NULL)
        continue;
      if (r->diagnostic != NULL)
        {
          g_autofree char *folded = fold_lower (r->diagnostic);

          command = bd_classify_find_command (folded);
        }
      if (command == NULL && body != NULL)
        {
          if (folded_body == NULL)
            folded_body = fold_lower (body);
          command = bd_classify_find_command (folded_body);
        }
      r->command = g_strdup (command);
    }
}

static void
check_reply_class (BdBounce *bounce)
{
  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      BdRecipient *r = g_ptr_array_index (bounce->recipients, i);

      if (r->reason == BD_REASON_VACATION || r->reason == BD_REASON_FEEDBACK)
        r->reply_code = 0;
      if (r->reply_code != 0 && r->status != NULL && r->status[0] != '0' + (char)(r->reply_code / 100))
        r->reply_code = 0;
    }
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

static gboolean
line_is_header (const char *line,
                const char *end)
{
  const char *p = line;

  if (p < end && (*p == ' ' || *p == '\t'))
    return TRUE;
  while (p < end && (g_ascii_isalnum (*p) || *p == '-'))
    p++;
  return p > line && p < end && *p == ':';
}

/* The start of the header block that declares a delivery report inside
 * @body, or NULL. */
static const char *
find_inline_report (const char *body,
                    gsize       len)
{
  static const char *const markers[] = {
    "content-type: multipart/report", "content-type: message/delivery-status",
  };
  const char *end = body + len;
  const char *hit = NULL;

  for (const char *p = body; p < end && hit == NULL; )
    {
      const char *eol = memchr (p, '\n', end - p);

      for (guint i = 0; i < G_N_ELEMENTS (markers) && hit == NULL; i++)
        if ((gsize)(end - p) > strlen (markers[i])
            && g_ascii_strncasecmp (p, markers[i], strlen (markers[i])) == 0)
          hit = p;
      p = eol ? eol + 1 : end;
    }
  if (hit == NULL)
    return NULL;

  /* Walk back over the header lines above it. */
  while (hit > body)
    {
      const char *prev = hit - 1;   /* the '\n' ending the line above */

      while (prev > body && prev[-1] != '\n')
        prev--;
      if (!line_is_header (prev, hit - 1))
        break;
      hit = prev;
    }
  return hit;
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

static BdBounce *
decode_message (const BdMimePart *message,
                const char       *source,
                goffset           offset,
                guint             forwards)
{
  g_autoptr(BdBounce) bounce = bd_bounce_new (source, offset);
  Parts parts = { 0 };
  BdScanInput input;
  const char *hint;

  find_parts (&parts, message, FALSE, 0);

  hint = find_text_charset (message, 0);
  if (parts.delivery_status != NULL)
    read_delivery_status (bounce, parts.delivery_status, hint);
  else if (parts.feedback_report != NULL)
    read_feedback_report (bounce, parts.feedback_report, hint);
  else if (parts.disposition != NULL)
    read_disposition (bounce, parts.disposition, hint);

  bd_scan_input_init (&input, message, parts.original);
  bounce->subject = g_strdup (input.subject);
  bounce->from = g_strdup (input.from);
  bounce->date = iso_date (message);

  if (bounce->kind != BD_KIND_FEEDBACK)
    run_scanners (bounce, &input);

  if (bounce->recipients->len == 0 && bounce->kind != BD_KIND_FEEDBACK)
    {
      bounce->kind = BD_KIND_NOT_BOUNCE;
      if (!looks_like_failure (input.from, input.subject) && is_vacation (message, input.subject))
        read_vacation (bounce, message);
    }

  /* Providers' old complaint format: the complained-about message attached
   * to a note, without the machine-readable part. */
  if (bounce->kind == BD_KIND_NOT_BOUNCE && parts.forwarded != NULL && is_complaint (input.subject))
    {
      BdRecipient *r;

      bounce->kind = BD_KIND_FEEDBACK;
      bounce->mta = g_strdup ("arf");
      r = bd_bounce_add_recipient (bounce, NULL);
      r->address = first_address (parts.forwarded->message, "To");
      r->reason = BD_REASON_FEEDBACK;
      r->evidence = g_strdup_printf ("complaint (subject “%s”)", input.subject);
    }

  /* A bounce pasted into the text of another message. */
  if (bounce->kind == BD_KIND_NOT_BOUNCE && forwards < BD_DECODER_MAX_FORWARDS)
    {
      const char *start = find_inline_report (input.body, input.body_len);

      if (start != NULL)
        {
          g_autoptr(BdBounce) nested = decode_inline (start, input.body + input.body_len - start,
                                                      source, offset, forwards + 1);

          if (nested != NULL && nested->kind != BD_KIND_NOT_BOUNCE)
            {
              bd_scan_input_clear (&input);
              return g_steal_pointer (&nested);
            }
        }
    }

  if (bounce->kind == BD_KIND_NOT_BOUNCE && parts.forwarded != NULL && forwards < BD_DECODER_MAX_FORWARDS)
    {
      const BdMimePart *inner = parts.forwarded->message;

        {
          g_autoptr(BdBounce) nested = decode_message (inner, source, offset, forwards + 1);

          if (nested->kind != BD_KIND_NOT_BOUNCE)
            {
              bd_scan_input_clear (&input);
              return g_steal_pointer (&nested);
            }
        }
    }

  if (bounce->kind != BD_KIND_NOT_BOUNCE && bounce->kind != BD_KIND_VACATION)
    {
      if (parts.original != NULL)
        bd_original_fill_from_part (bounce->original, parts.original);
      else
        bd_original_fill_from_text (bounce->original, input.body, input.body_len);
    }

  if (bounce->kind == BD_KIND_BOUNCE || bounce->kind == BD_KIND_DELAYED)
    words_from_prose (bounce, input.body, input.body_len);
  for (guint i = 0; i < bounce->recipients->len; i++)
    normalise_codes (g_ptr_array_index (bounce->recipients, i));
  find_commands (bounce, input.body);
  bd_scan_input_clear (&input);
  bd_classify_bounce (bounce);
  check_reply_class (bounce);
  if (parts.too_deep)
    add_note (bounce, "MIME parts nested more than " G_STRINGIFY (BD_DECODER_MAX_DEPTH) " levels deep were not read");
  return g_steal_pointer (&bounce);
}

/* Where to cut the message so that it has at most BD_DECODER_MAX_PARTS
 * Content-Type lines. */
static gsize
cap_parts (const char *data,
           gsize       len)
{
  const char *p = data, *end = data + len;
  guint count = 0;

  while (p < end)
    {
      if ((gsize)(end - p) > 13 && (*p == 'C' || *p == 'c')
          && g_ascii_strncasecmp (p, "content-type:", 13) == 0
          && ++count > BD_DECODER_MAX_PARTS)
        return p - data;
      p = memchr (p, '\n', end - p);
      if (p == NULL)
        break;
      p++;
    }
  return len;
}

/* The MIME parser splits lines on LF only: turn CRLF and lone CR into LF. */
static char *
normalise_newlines (const char *data,
                    gsize       len,
                    gsize      *out_len)
{
  char *out = g_malloc (len + 1);
  char *q = out;

  for (gsize i = 0; i < len; i++)
    {
      if (data[i] == '\r')
        {
          *q++ = '\n';
          if (i + 1 < len && data[i + 1] == '\n')
            i++;
          continue;
        }
      *q++ = data[i];
    }
  *q = '\0';
  *out_len = q - out;
  return out;
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
      copy = normalise_newlines (data, len, &len);
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
  len = cap_parts (data, len);

  /* Parsed in place: the tree points into @data. */
  message = bd_mime_parse (data, len, BD_DECODER_MAX_DEPTH + 1);

  {
    BdBounce *bounce = decode_message (message, source, offset, 0);

    if (cut_size)
      add_note (bounce, "the message is " G_STRINGIFY (BD_DECODER_MAX_MESSAGE_MB) " MB or more: only its first "
                G_STRINGIFY (BD_DECODER_MAX_MESSAGE_MB) " MB were read");
    if (len < whole)
      add_note (bounce, "only the first " G_STRINGIFY (BD_DECODER_MAX_PARTS) " MIME parts were read");
    return bounce;
  }
}
