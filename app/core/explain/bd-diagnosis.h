/* bd-diagnosis.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The diagnosis of one decoded message, decided once: the verdict (does
 * resending make sense?), whose move it is, the headline and the steps,
 * the original message and, per recipient, the shown reason and one list
 * of technical details. The window, the bounce list, the saved and copied
 * report and the CLI's text output only lay this model out.
 */
#pragma once

#include "bd-bounce.h"
#include "bd-guidance.h"

G_BEGIN_DECLS

typedef enum
{
  BD_VERDICT_FAILED = 0,     /* failed for good: that address will never work */
  BD_VERDICT_NOT_DELIVERED,  /* failed, not for good: resend once the cause is fixed */
  BD_VERDICT_RETRYING,       /* still being retried: don't resend */
  BD_VERDICT_COMPLAINT,      /* a feedback report: someone marked the mail as spam */
  BD_VERDICT_BACKSCATTER,    /* a bounce of mail the user never sent: nothing to do */
  BD_VERDICT_NOT_FAILURE,    /* delivered, an auto-reply, not a bounce */
  BD_N_VERDICTS
} BdVerdict;

const char *bd_verdict_to_string  (BdVerdict verdict);
const char *bd_verdict_get_label  (BdVerdict verdict);
const char *bd_verdict_get_short_label (BdVerdict verdict);
BdVerdict   bd_verdict_for_recipient (const BdBounce    *bounce,
                                      const BdRecipient *recipient);

/* One technical detail: a translated label and its value, never empty. */
typedef struct
{
  const char *label;
  char       *value;
} BdDetail;

char *bd_detail_to_string (const BdDetail *detail);

typedef struct
{
  const BdRecipient *recipient;   /* borrowed from the diagnosis' bounce */
  const char        *address;     /* the address, or “Unknown address” */
  BdReason           reason;      /* as shown (bd_classify_shown_reason) */
  const char        *label;       /* the reason, or that it is still retried */
  BdVerdict          verdict;
  BdGuidance        *guidance;
  GArray            *details;     /* (element-type BdDetail), in display order */
} BdDiagnosisRecipient;

/* The steps for one distinct reason. A report whose recipients all failed
 * for the same reason has one group without a title. */
typedef struct
{
  char        *title;       /* “Mailbox full: ewa@…”; NULL when only one group */
  BdWhoseMove  whose_move;
  GStrv        steps;
} BdStepGroup;

typedef struct
{
  gatomicrefcount  ref_count;
  BdBounce        *bounce;
  BdVerdict        verdict;
  const char      *verdict_label;
  BdReason         reason;            /* the speaking recipient's, or the kind's */
  const char      *reason_label;      /* a few words for the bounce list */
  char            *summary;           /* the headline (the JSON "summary") */
  char            *date;              /* the bounce's date, for people; nullable */
  BdGuidance      *guidance;          /* what happened, provider note: the speaking recipient */
  BdWhoseMove      whose_move;        /* of the most urgent step group */
  const char      *whose_move_label;
  GPtrArray       *step_groups;       /* (element-type BdStepGroup), most urgent first */
  GPtrArray       *recipients;        /* (element-type BdDiagnosisRecipient) */
  /* The original message, all nullable */
  const char      *original_from;
  char            *original_to;       /* the addresses, joined */
  const char      *original_subject;
  char            *original_date;     /* for people */
  const char      *original_excerpt;
} BdDiagnosis;

#define BD_TYPE_DIAGNOSIS (bd_diagnosis_get_type ())
GType        bd_diagnosis_get_type (void) G_GNUC_CONST;

BdDiagnosis *bd_diagnosis_new     (const BdBounce *bounce);
BdDiagnosis *bd_diagnosis_ref     (BdDiagnosis    *self);
void         bd_diagnosis_unref   (BdDiagnosis    *self);

void         bd_diagnosis_append_summary (GString        *out,
                                          const BdBounce *bounce);
char        *bd_diagnosis_summary (const BdBounce *bounce);
const char  *bd_diagnosis_recipient_label (const BdBounce    *bounce,
                                           const BdRecipient *recipient);
char        *bd_diagnosis_format_date (const char *iso8601);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdDiagnosis, bd_diagnosis_unref)

G_END_DECLS
