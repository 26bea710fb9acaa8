/* bd-bounce.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the decoder found in one message: its kind, who reported it, the
 * original message and one record per recipient. Plain reference-counted
 * structs (boxed types) rather than GObjects, because a mailbox scan makes
 * hundreds of thousands of them and the fields are read-only once decoded.
 */
#pragma once

#include <glib-object.h>

#include "bd-evidence.h"
#include "bd-reason.h"

G_BEGIN_DECLS

typedef enum
{
  BD_KIND_NOT_BOUNCE = 0,
  BD_KIND_BOUNCE,      /* failed */
  BD_KIND_DELAYED,     /* a warning only: still being retried */
  BD_KIND_DELIVERED,   /* a success report */
  BD_KIND_VACATION,    /* an auto-reply */
  BD_KIND_FEEDBACK,    /* a complaint (ARF) report */
} BdKind;

const char *bd_kind_to_string (BdKind kind);

typedef struct
{
  char *domain;        /* d= */
  char *selector;      /* s= */
} BdDkimRef;

/* The message that bounced, as far as the report quotes it. All nullable. */
typedef struct
{
  char      *from;
  GPtrArray *to;           /* (element-type utf8) addresses, never NULL */
  char      *subject;
  char      *message_id;
  char      *date;         /* ISO 8601 UTC when it could be parsed, else as written */
  GPtrArray *dkim;         /* (element-type BdDkimRef), never NULL */
  char      *sender_ip;    /* first external hop of the Received: chain */
  char      *sender_host;
  char      *excerpt;      /* the start of its text, as the recipient would have read it */
  char      *bimi_selector; /* s= of its BIMI-Selector header */
} BdOriginal;

typedef struct
{
  char     *address;       /* Final-Recipient, or what the prose names */
  char     *original;      /* Original-Recipient, nullable */
  char     *action;        /* failed, delayed, delivered, relayed, expanded; nullable */
  char     *status;        /* "5.1.1", nullable */
  guint     reply_code;    /* 550, or 0 when unknown */
  char     *diagnostic;    /* the server's own words, one line, nullable */
  char     *remote_mta;    /* nullable */
  char     *last_attempt;  /* ISO 8601, nullable */
  char     *will_retry_until; /* ISO 8601, nullable */
  BdReason  reason;
  gboolean  hard;
  char     *evidence;      /* the recorded form of @cause, e.g. "status 5.1.1" (read-only: set both
                            * with bd_recipient_set_evidence ()) */
  BdEvidence cause;        /* which field or phrase decided the reason, as data */
  char     *diagnostic_type; /* the Diagnostic-Code type ("smtp", "x-unix"), nullable */
  /* the SMTP command that was refused: "CONN", "EHLO", "MAIL", "RCPT",
   * "DATA"; nullable. From the reply or the scanner; the classifier fills
   * it from the body's words only when one of its rules asked. */
  char     *command;
} BdRecipient;

/* The decoder's limits (bd-decoder.h): when one is hit, the rest is still
 * decoded and the bounce says which. */
typedef enum
{
  BD_DECODE_LIMIT_RECIPIENTS = 1 << 0,   /* BD_DECODER_MAX_RECIPIENTS per report */
  BD_DECODE_LIMIT_DEPTH      = 1 << 1,   /* BD_DECODER_MAX_DEPTH levels of MIME */
  BD_DECODE_LIMIT_SIZE       = 1 << 2,   /* BD_DECODER_MAX_MESSAGE_MB of a message */
  BD_DECODE_LIMIT_PARTS      = 1 << 3,   /* BD_DECODER_MAX_PARTS Content-Type lines */
  BD_DECODE_LIMIT_MIME_PARTS = 1 << 4,   /* BD_MIME_MAX_PARTS parts the splitter keeps */
} BdDecodeLimit;

typedef struct
{
  gatomicrefcount  ref_count;
  char            *source;         /* the path the message was read from ("-" for stdin); read-only:
                                    * a buffer bd-bounce.c keeps for reuse, never g_free ()d by others */
  goffset          offset;         /* byte offset in an mbox, else 0 */
  BdKind           kind;
  char            *mta;            /* the scanner that recognised it: "postfix", "rfc3464"… */
  char            *reporting_mta;
  char            *date;           /* the bounce's own Date:, ISO 8601 UTC when parseable */
  char            *arrival_date;
  char            *subject;        /* the bounce's own Subject: */
  char            *from;           /* the bounce's own From: */
  char            *to;             /* the bounce's own To: (its first address), nullable */
  BdOriginal      *original;       /* never NULL; fields may be */
  GPtrArray       *recipients;     /* (element-type BdRecipient), never NULL */
  BdDecodeLimit    limits;         /* the limits hit, as data */
  guint            kept_recipients;    /* with BD_DECODE_LIMIT_RECIPIENTS: how many were read */
  guint            skipped_recipients; /* …and how many more were skipped */
  char            *note;           /* the recorded form of @limits for the JSON ("only the first N
                                    * recipients…"), nullable; set by bd_bounce_add_limit () */
} BdBounce;

#define BD_TYPE_BOUNCE (bd_bounce_get_type ())
GType        bd_bounce_get_type   (void) G_GNUC_CONST;

BdBounce    *bd_bounce_new        (const char *source,
                                   goffset     offset);
/* The decoder's scratch result: bd_bounce_new() with a NULL source. */
BdBounce    *bd_bounce_new_scratch (goffset    offset);
BdBounce    *bd_bounce_ref        (BdBounce   *self);
void         bd_bounce_unref      (BdBounce   *self);
BdRecipient *bd_bounce_add_recipient (BdBounce *self,
                                      const char *address);
void         bd_bounce_add_limit  (BdBounce      *self,
                                   BdDecodeLimit  limit);

BdRecipient *bd_recipient_new     (void);
void         bd_recipient_free    (BdRecipient *self);
void         bd_recipient_set_status    (BdRecipient    *self,
                                         const char     *status);
void         bd_recipient_set_evidence  (BdRecipient    *self,
                                         BdEvidenceKind  kind,
                                         const char     *item);
void         bd_recipient_take_evidence (BdRecipient    *self,
                                         BdEvidence     *evidence);
void         bd_dkim_ref_free     (BdDkimRef   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdBounce, bd_bounce_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdRecipient, bd_recipient_free)

G_END_DECLS
