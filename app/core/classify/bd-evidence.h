/* bd-evidence.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why a recipient got its reason, as data: what kind of evidence decided
 * (a status code, a phrase of the server's, a provider's rule, the
 * report's own statement…) and the item that decided it (the code, the
 * words as written, the rule). Sentences are made only when shown:
 * bd_evidence_to_string () for the JSON and the exports (English, a
 * stable form scripts read), bd_evidence_describe () for "Why this
 * reason?" in the user's language. The model is GMime's parser warnings:
 * an enum and the item, the text made by whoever shows it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  BD_EVIDENCE_NONE = 0,
  BD_EVIDENCE_STATUS,               /* "status 5.1.1" */
  BD_EVIDENCE_REPLY_CODE,           /* "reply code 550" */
  BD_EVIDENCE_PHRASE,               /* "phrase “mailbox is full”" */
  BD_EVIDENCE_PHRASE_AFTER_DATA,    /* "phrase “…” after the message was sent" */
  BD_EVIDENCE_REPLY_TO_MAIL_FROM,   /* "user unknown in reply to MAIL FROM": words or a status */
  BD_EVIDENCE_PHRASE_TO_MAIL_FROM,  /* "phrase “access denied” in reply to MAIL FROM" */
  BD_EVIDENCE_DOMAIN_BEFORE_PHRASE, /* "a domain name before “does not exist”" */
  BD_EVIDENCE_REFUSED_AT,           /* "refused at EHLO": the SMTP step */
  BD_EVIDENCE_ACTION,               /* "action delayed" */
  BD_EVIDENCE_DIAGNOSTIC_TYPE,      /* "diagnostic type x-unix" */
  BD_EVIDENCE_FEEDBACK_TYPE,        /* "feedback report (abuse)" */
  BD_EVIDENCE_DISPOSITION,          /* "disposition manual-action/…; displayed" */
  BD_EVIDENCE_AUTO_REPLY,           /* "auto-reply (RFC 3834)" */
  BD_EVIDENCE_COMPLAINT_SUBJECT,    /* "complaint (subject “…”)" */
  BD_EVIDENCE_PROVIDER_RULE,        /* a row's N_() text of bd-classify-provider-rules.c */
  BD_EVIDENCE_FRANCEPTT_CODE,       /* "Orange/La Poste: code OFR006_102" */
  BD_EVIDENCE_SPECTRUM_CODE,        /* "Spectrum: code AUP#1350" */
  BD_EVIDENCE_POWERMTA_CATEGORY,    /* "PowerMTA bounce category bad-mailbox" */
  BD_EVIDENCE_STATED_BY_FORMAT,     /* the report's own words, as written */
  BD_EVIDENCE_GROUP_REFUSED,        /* "Google Groups refused the post" */
  BD_EVIDENCE_AU_SPAM_FILTER,       /* "X-SPASIGN: NG": au's spam filter refused it */
  BD_EVIDENCE_NOTIFICATION_TYPE,    /* Amazon SES's "notificationType Delivery" */
  BD_EVIDENCE_PIPE_FAILED,          /* Exim's "pipe to": a local program failed */
  BD_EVIDENCE_REFUSED_UNTIL_EXPIRED,/* qmail: refused with 4xx until it gave up */
  BD_EVIDENCE_UNRECOGNISED,         /* the server's words named no reason */
  BD_N_EVIDENCE_KINDS
} BdEvidenceKind;

typedef struct
{
  BdEvidenceKind kind;
  char          *item;       /* the code, words or rule text; nullable */
  gboolean       temporary;  /* a host-not-found softened: the failure was temporary */
} BdEvidence;

void      bd_evidence_set       (BdEvidence       *evidence,
                                 BdEvidenceKind    kind,
                                 const char       *item);
void      bd_evidence_take      (BdEvidence       *evidence,
                                 BdEvidenceKind    kind,
                                 char             *item);
void      bd_evidence_clear     (BdEvidence       *evidence);
void      bd_evidence_move      (BdEvidence       *to,
                                 BdEvidence       *from);
char     *bd_evidence_to_string (const BdEvidence *evidence);
char     *bd_evidence_describe  (const BdEvidence *evidence);

G_END_DECLS
