/* bd-diagnosis.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds the diagnosis every view lays out (bd-diagnosis.h): the verdict,
 * the speaking recipient's explanation, the steps per distinct reason
 * (most urgent first) and each recipient's details.
 */
#define _GNU_SOURCE   /* strchrnul */
#define G_LOG_DOMAIN "bd-diagnosis"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-classify.h"
#include "bd-diagnosis-private.h"
#include "bd-explain-buffer.h"
#include "bd-report.h"

G_DEFINE_BOXED_TYPE (BdDiagnosis, bd_diagnosis, bd_diagnosis_ref, bd_diagnosis_unref)

typedef struct
{
  const char *name;    /* also the badge's CSS class */
  const char *label;
  const char *short_label;
} VerdictInfo;

/* Each badge says whether resending makes sense (README, UX review m2). */
static const VerdictInfo verdicts[BD_N_VERDICTS] = {
  [BD_VERDICT_FAILED]        = { "failed",        N_("Failed for good"), NC_("verdict", "Failed for good") },
  [BD_VERDICT_NOT_DELIVERED] = { "not-delivered", N_("Not delivered — resend once fixed"),
                                 NC_("verdict", "Not delivered") },
  [BD_VERDICT_RETRYING]      = { "retrying",      N_("Still being retried — don’t resend"),
                                 NC_("verdict", "Retrying") },
  [BD_VERDICT_COMPLAINT]     = { "complaint",     N_("Complaint: someone marked your mail as spam"),
                                 NC_("verdict", "Spam complaint") },
  [BD_VERDICT_BACKSCATTER]   = { "backscatter",   N_("Not sent by you — nothing to do"),
                                 NC_("verdict", "Not sent by you") },
  [BD_VERDICT_NOT_FAILURE]   = { "not-failure",   N_("Not a failure"), NC_("verdict", "Not a failure") },
};

/**
 * bd_verdict_to_string:
 *
 * Returns: (transfer none): a stable machine name, also the badge's CSS
 *   class ("failed", "not-delivered", "retrying", "complaint",
 *   "backscatter", "not-failure").
 */
const char *
bd_verdict_to_string (BdVerdict verdict)
{
  g_return_val_if_fail (verdict < BD_N_VERDICTS, "not-failure");

  return verdicts[verdict].name;
}

/**
 * bd_verdict_get_label:
 *
 * Returns: (transfer none): the badge's text, translated.
 */
const char *
bd_verdict_get_label (BdVerdict verdict)
{
  g_return_val_if_fail (verdict < BD_N_VERDICTS, "");

  return _(verdicts[verdict].label);
}

/**
 * bd_verdict_get_short_label:
 *
 * Returns: (transfer none): the verdict in a word or two, for a table
 *   column, translated.
 */
const char *
bd_verdict_get_short_label (BdVerdict verdict)
{
  g_return_val_if_fail (verdict < BD_N_VERDICTS, "");

  return g_dpgettext2 (GETTEXT_PACKAGE, "verdict", verdicts[verdict].short_label);
}

static BdVerdict
recipient_verdict (const BdBounce    *bounce,
                   const BdRecipient *recipient)
{
  switch (bd_guidance_recipient_kind (bounce, recipient))
    {
    case BD_KIND_BOUNCE:
      return recipient != NULL && recipient->hard ? BD_VERDICT_FAILED : BD_VERDICT_NOT_DELIVERED;
    case BD_KIND_DELAYED:
      return BD_VERDICT_RETRYING;
    case BD_KIND_FEEDBACK:
      return BD_VERDICT_COMPLAINT;
    case BD_KIND_DELIVERED:
    case BD_KIND_VACATION:
    case BD_KIND_NOT_BOUNCE:
    default:
      return BD_VERDICT_NOT_FAILURE;
    }
}

/* The message's verdict is its most serious recipient's: one address that
 * will never work is worth the red badge. The enum is in that order.
 * A bounce of mail the user never sent is nobody's failure (UX review m1);
 * a feedback report's recipients are all complaints (issue 15). */
static BdVerdict
message_verdict (const BdBounce *bounce)
{
  BdVerdict verdict;

  if (bd_guidance_detect_backscatter (bounce, NULL, NULL))
    return BD_VERDICT_BACKSCATTER;

  verdict = recipient_verdict (bounce, NULL);
  for (guint i = 0; i < bounce->recipients->len; i++)
    verdict = MIN (verdict, recipient_verdict (bounce, g_ptr_array_index (bounce->recipients, i)));
  return verdict;
}

/**
 * bd_verdict_for_recipient:
 * @recipient: (nullable): one of @bounce's recipients
 *
 * Whether resending to @recipient makes sense: what the mailbox table
 * shows per row.
 */
BdVerdict
bd_verdict_for_recipient (const BdBounce    *bounce,
                          const BdRecipient *recipient)
{
  g_return_val_if_fail (bounce != NULL, BD_VERDICT_NOT_FAILURE);

  if (bd_guidance_detect_backscatter (bounce, NULL, NULL))
    return BD_VERDICT_BACKSCATTER;
  return recipient_verdict (bounce, recipient);
}

/* The first recipient speaks for the message: a report with several
 * recipients almost always fails them for the same reason. This is the
 * only place that says so; the steps still cover every reason. */
static const BdRecipient *
speaking_recipient (const BdBounce *bounce)
{
  return bounce->recipients->len > 0 ? g_ptr_array_index (bounce->recipients, 0) : NULL;
}

/* Whether every '%' of @format is "%1$s" or "%2$u": what
 * bd_diagnosis_fill_more () fills by hand. */
static gboolean
fillable_by_hand (const char *format)
{
  for (const char *p = strchr (format, '%'); p != NULL; p = strchr (p + 4, '%'))
    if (strncmp (p, "%1$s", 4) != 0 && strncmp (p, "%2$u", 4) != 0)
      return FALSE;
  return TRUE;
}

/**
 * bd_diagnosis_fill_more:
 * @format: the translated "%1$s; the report names %2$u more addresses"
 *
 * Appends @format filled as printf would with @bounce's headline and
 * @n_more. A format whose only '%'s are those two is filled by hand, the
 * headline appended in place: printf's positional arguments cost more
 * than the rest of the summary of a report with several recipients.
 */
void
bd_diagnosis_fill_more (GString        *out,
                        const char     *format,
                        const BdBounce *bounce,
                        guint           n_more)
{
  const char *p = format;

  if (!fillable_by_hand (format))
    {
      g_autofree char *headline = bd_guidance_headline (bounce, speaking_recipient (bounce));

      g_string_append_printf (out, format, headline, n_more);
      return;
    }
  for (const char *at; *(at = strchrnul (p, '%')) != '\0'; p = at + 4)
    {
      bd_buffer_append (out, p, at - p);
      if (at[1] == '1')
        bd_guidance_append_headline (out, bounce, speaking_recipient (bounce));
      else
        bd_buffer_commit (out, bd_buffer_put_uint (bd_buffer_reserve (out, 20), n_more));
    }
  bd_buffer_append (out, p, strlen (p));
}

/**
 * bd_diagnosis_append_summary:
 * @out: where to append it
 *
 * One plain sentence for the whole message: the speaking recipient's
 * headline, and how many more addresses the report names. The JSON
 * "summary", appended to its line; cheaper than a whole diagnosis.
 */
void
bd_diagnosis_append_summary (GString        *out,
                             const BdBounce *bounce)
{
  guint n_more;

  g_return_if_fail (out != NULL);
  g_return_if_fail (bounce != NULL);

  n_more = bounce->recipients->len > 1 ? bounce->recipients->len - 1 : 0;
  if (n_more == 0)
    {
      bd_guidance_append_headline (out, bounce, speaking_recipient (bounce));
      return;
    }

  /* Translators: %1$s is a headline such as “The address jan@example.pl does
   * not exist”; %2$u is how many more addresses the same report names */
  bd_diagnosis_fill_more (out, g_dngettext (GETTEXT_PACKAGE,
                                            "%1$s; the report names %2$u more address",
                                            "%1$s; the report names %2$u more addresses", n_more),
                          bounce, n_more);
}

/**
 * bd_diagnosis_summary:
 *
 * bd_diagnosis_append_summary () as a string of its own.
 *
 * Returns: (transfer full): the summary, translated.
 */
char *
bd_diagnosis_summary (const BdBounce *bounce)
{
  GString *out;

  g_return_val_if_fail (bounce != NULL, NULL);

  out = g_string_new (NULL);
  bd_diagnosis_append_summary (out, bounce);
  return g_string_free (out, FALSE);
}

/**
 * bd_diagnosis_recipient_label:
 *
 * Returns: (transfer none): a few words for a recipient's state: the
 *   reason, or that delivery is still being retried.
 */
const char *
bd_diagnosis_recipient_label (const BdBounce    *bounce,
                              const BdRecipient *recipient)
{
  g_return_val_if_fail (bounce != NULL, NULL);
  g_return_val_if_fail (recipient != NULL, NULL);

  /* A delayed message has not failed yet, whatever the classifier
   * expects to happen if the retries run out. */
  if (bounce->kind == BD_KIND_DELAYED)
    return _("Delayed, still being retried");

  return bd_reason_get_label (bd_classify_shown_reason (recipient));
}

/* %e pads a one-digit day with a space, U+2007 FIGURE SPACE in UTF-8
 * locales: a stray gap at the start of a line of text. */
static char *
trim_padding (char *date)
{
  const char *start = date;

  while (*start == ' ' || g_str_has_prefix (start, "\u2007"))
    start = g_utf8_next_char (start);
  memmove (date, start, strlen (start) + 1);
  return date;
}

/**
 * bd_diagnosis_format_date:
 * @iso8601: (nullable): a date as the decoder stores it
 *
 * Returns: (transfer full) (nullable): the date in the user's time zone and
 *   language, or the text as written when it is not ISO 8601.
 */
char *
bd_diagnosis_format_date (const char *iso8601)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  char *formatted;

  if (iso8601 == NULL || *iso8601 == '\0')
    return NULL;

  utc = g_date_time_new_from_iso8601 (iso8601, NULL);
  if (utc == NULL)
    return g_strdup (iso8601);

  local = g_date_time_to_local (utc);
  /* Translators: how dates are shown, in g_date_time_format() syntax;
   * prefer numbers in languages whose month names inflect */
  formatted = g_date_time_format (local, _("%e %b %Y, %H:%M"));
  return formatted ? trim_padding (formatted) : NULL;
}

/**
 * bd_detail_to_string:
 *
 * Returns: (transfer full): “Label: value” for a line of text, or “Why this
 *   reason? value”: a label that asks a question takes no colon (UX review
 *   m5).
 */
char *
bd_detail_to_string (const BdDetail *detail)
{
  gboolean question;

  g_return_val_if_fail (detail != NULL, NULL);

  question = g_str_has_suffix (detail->label, "?") || g_str_has_suffix (detail->label, "？");
  return g_strconcat (detail->label, question ? " " : ": ", detail->value, NULL);
}

static void
detail_clear (BdDetail *detail)
{
  g_free (detail->value);
}

/* Takes @value; an empty or NULL one is left out. */
static void
add_detail (GArray     *details,
            const char *label,
            char       *value)
{
  BdDetail detail = { label, value };

  if (value == NULL || *value == '\0')
    {
      g_free (value);
      return;
    }
  g_array_append_val (details, detail);
}

/* Sisimai's pseudo codes X.0.9NN (bd-classify.c, internal_codes) name
 * the reason we decided, not anything a server said, and RFC 3463 §3
 * defines no detail above 7 for subject 0: a technician could not look
 * one up (review m15), so the views leave it out; the JSON keeps it. */
static gboolean
is_internal_status (const char *status)
{
  return status != NULL && strlen (status) == 7 && g_str_has_prefix (status + 1, ".0.9");
}

/* The one list of a recipient's technical details: what a mail
 * administrator asks for, in the order every view shows them. */
static GArray *
make_details (const BdBounce    *bounce,
              const BdRecipient *r)
{
  GArray *details = g_array_new (FALSE, FALSE, sizeof (BdDetail));

  g_array_set_clear_func (details, (GDestroyNotify)detail_clear);
  add_detail (details, _("Why this reason?"), bd_report_describe_evidence (r));
  add_detail (details, _("Status code"), is_internal_status (r->status) ? NULL : g_strdup (r->status));
  add_detail (details, _("Server reply code"), r->reply_code ? g_strdup_printf ("%u", r->reply_code) : NULL);
  /* Translators: the receiving server's own words, quoted as your
   * language quotes (they stay in the server's language) */
  add_detail (details, _("What the server said"),
              r->diagnostic != NULL ? g_strdup_printf (_("“%s”"), r->diagnostic) : NULL);
  add_detail (details, _("Receiving server"), g_strdup (r->remote_mta));
  add_detail (details, _("Reported by"), g_strdup (bounce->reporting_mta));
  add_detail (details, _("Last attempt"), bd_diagnosis_format_date (r->last_attempt));
  add_detail (details, _("Retried until"), bd_diagnosis_format_date (r->will_retry_until));
  /* As the sender typed it, when that differs from where it went. */
  if (r->original != NULL && g_strcmp0 (r->original, r->address) != 0)
    add_detail (details, _("Originally addressed to"), g_strdup (r->original));
  return details;
}

static void
recipient_free (BdDiagnosisRecipient *self)
{
  bd_guidance_free (self->guidance);
  g_array_unref (self->details);
  g_free (self);
}

static BdDiagnosisRecipient *
recipient_new (const BdBounce    *bounce,
               const BdRecipient *recipient)
{
  BdDiagnosisRecipient *self = g_new0 (BdDiagnosisRecipient, 1);

  self->recipient = recipient;
  self->address = recipient->address ? recipient->address : _("Unknown address");
  self->reason = bd_classify_shown_reason (recipient);
  self->label = bd_diagnosis_recipient_label (bounce, recipient);
  self->verdict = recipient_verdict (bounce, recipient);
  self->guidance = bd_guidance_for_recipient (bounce, recipient);
  self->details = make_details (bounce, recipient);
  return self;
}

static char *
join_to (const GPtrArray *to)
{
  GString *joined;

  if (to->len == 0)
    return NULL;

  joined = g_string_new (g_ptr_array_index (to, 0));
  for (guint i = 1; i < to->len; i++)
    g_string_append_printf (joined, ", %s", (const char *)g_ptr_array_index (to, i));
  return g_string_free (joined, FALSE);
}

static void
fill_original (BdDiagnosis *self)
{
  const BdOriginal *original = self->bounce->original;

  self->original_from = original->from;
  self->original_to = join_to (original->to);
  self->original_subject = original->subject;
  self->original_date = bd_diagnosis_format_date (original->date);
  self->original_excerpt = original->excerpt;
}

static BdReason
reason_of_kind (BdKind kind)
{
  switch (kind)
    {
    case BD_KIND_DELIVERED: return BD_REASON_DELIVERED;
    case BD_KIND_VACATION:  return BD_REASON_VACATION;
    case BD_KIND_FEEDBACK:  return BD_REASON_FEEDBACK;
    case BD_KIND_BOUNCE:
    case BD_KIND_DELAYED:
    case BD_KIND_NOT_BOUNCE:
    default:                return BD_REASON_UNDEFINED;
    }
}

static void
fill_reason (BdDiagnosis *self)
{
  const BdRecipient *speaking = speaking_recipient (self->bounce);

  self->reason = speaking ? bd_classify_shown_reason (speaking) : reason_of_kind (self->bounce->kind);
  if (self->verdict == BD_VERDICT_BACKSCATTER || self->verdict == BD_VERDICT_COMPLAINT)
    self->reason_label = self->verdict_label;   /* not “Address does not exist” (UX review m1) */
  else if (speaking != NULL)
    self->reason_label = bd_diagnosis_recipient_label (self->bounce, speaking);
  else
    self->reason_label = bd_reason_get_label (self->reason);
}

/**
 * bd_diagnosis_new:
 * @bounce: a decoded message; the diagnosis keeps a reference
 *
 * Returns: (transfer full): the diagnosis, translated into the current
 *   language.
 */
BdDiagnosis *
bd_diagnosis_new (const BdBounce *bounce)
{
  BdDiagnosis *self;

  g_return_val_if_fail (bounce != NULL, NULL);

  self = g_new0 (BdDiagnosis, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->bounce = bd_bounce_ref ((BdBounce *)bounce);
  self->summary = bd_diagnosis_summary (bounce);
  self->date = bd_diagnosis_format_date (bounce->date);
  self->recipients = g_ptr_array_new_with_free_func ((GDestroyNotify)recipient_free);
  for (guint i = 0; i < bounce->recipients->len; i++)
    g_ptr_array_add (self->recipients, recipient_new (bounce, g_ptr_array_index (bounce->recipients, i)));
  /* The speaking recipient is the first: its guidance is copied, not
   * asked again (the provider note costs more than the rest of the
   * diagnosis). */
  if (self->recipients->len > 0)
    self->guidance = bd_guidance_copy (((BdDiagnosisRecipient *)g_ptr_array_index (self->recipients, 0))->guidance);
  else
    self->guidance = bd_guidance_for_recipient (bounce, NULL);

  self->verdict = message_verdict (bounce);
  self->verdict_label = bd_verdict_get_label (self->verdict);

  fill_reason (self);
  self->step_groups = bd_diagnosis_make_step_groups (self);
  self->whose_move = ((BdStepGroup *)g_ptr_array_index (self->step_groups, 0))->whose_move;
  self->whose_move_label = bd_whose_move_get_label (self->whose_move);
  fill_original (self);
  return self;
}

BdDiagnosis *
bd_diagnosis_ref (BdDiagnosis *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
bd_diagnosis_unref (BdDiagnosis *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  bd_bounce_unref (self->bounce);
  bd_guidance_free (self->guidance);
  g_free (self->summary);
  g_free (self->date);
  g_ptr_array_unref (self->step_groups);
  g_ptr_array_unref (self->recipients);
  g_free (self->original_to);
  g_free (self->original_date);
  g_free (self);
}
