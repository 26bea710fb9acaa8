/* bd-classify-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the bd-classify*.c files only.
 */
#pragma once

#include <string.h>

#include "bd-phrase-fold.h"
#include "bd-text.h"

#include "bd-classify.h"
#include "bd-provider.h"
#include "bd-text-grams.h"

G_BEGIN_DECLS

/* What a code means at one provider when it differs from RFC 3463, or
 * when the provider documents its own codes. @provider is matched against
 * the reporting host, and against the host names the diagnostic gives,
 * where the providers name themselves (bd-provider.h, both at a label
 * boundary); %BD_PROVIDER_NONE matches any. */
typedef struct
{
  BdProviderId provider;
  const char *status;     /* exact, or a prefix ending in '.' */
  const char *phrase;     /* lower case, nullable */
  BdReason    reason;
  const char *why;
} BdProviderRule;

/* bd-classify-provider-rules.c */
extern const BdProviderRule bd_provider_rules[];
extern const guint bd_n_provider_rules;

/* Whether @status is a rule's @pattern (NULL matches any), or starts with
 * it when it ends in '.' ("5.7."). Inline, and compared inline: most rules
 * differ at the first or third byte, and strlen () with strcmp () cost
 * ten times that, for every rule asked. */
static inline gboolean
bd_classify_status_matches (const char *status,
                            const char *pattern)
{
  gsize i;

  if (pattern == NULL)
    return TRUE;
  if (status == NULL)
    return FALSE;
  for (i = 0; pattern[i] != '\0'; i++)
    if (status[i] != pattern[i])   /* also where @status ends */
      return FALSE;
  return pattern[i - 1] == '.' || status[i] == '\0';
}

/* g_ascii_strcasecmp (@type, @name) == 0 of a diagnostic type and a
 * lower-case literal, inline: asked of every reply, where GLib's call
 * cost ten times the comparison (most types differ from @name at their
 * first byte). @name's NUL is compared too: a longer @type differs. */
static inline gboolean
bd_classify_type_is (const char *type,
                     const char *name)
{
  return bd_text_equal_ci (type, name, strlen (name) + 1);
}

/* bd-classify-codes.c: an enhanced status code that names a reason by
 * itself (RFC 3463, RFC 5248) */
typedef struct
{
  const char *status;
  BdReason    reason;
} BdStatusRule;

const BdStatusRule *bd_classify_status_rules (guint *n);

/* bd-classify.c: a pseudo status "X.0.9NN" (@code of three digits) */
char    *bd_classify_internal_status (gboolean           temporary,
                                      guint              code);

/* The SMTP command a recipient's reply answered, when the reply does not
 * name it: the message body's (bd_classify_find_command ()), searched
 * only when a rule first asks, once a message. Most replies are decided
 * without it, and a body is long. */
typedef struct
{
  const char *text;       /* nullable */
  gboolean    searched;
  const char *command;    /* of text, once searched */
} BdClassifyBody;

const char *bd_classify_command (const BdRecipient *r,
                                 BdClassifyBody    *body);

/* What the provider rules read of one reply, worked out once however
 * many reporters are asked about it (the reporting host, then a relay). */
typedef struct
{
  const char  *lowered;   /* the diagnostic in lower case, nullable */
  gsize        len;       /* its length */
  guint32      named;     /* bd_provider_mask_named_in (lowered) */
  BdTextGrams *grams;     /* of lowered, made when first asked */
  /* The providers of the reporter asked last, when one was (asked): the
   * rules answer a relay with the same providers as they did it, unless
   * an Orange code, read with the host's name, may be in the reply. */
  gboolean     asked;
  guint32      asked_providers;
  gboolean     may_hold_franceptt;   /* bd_classify_may_hold_franceptt_code () */
  BdClassifyBody *body;   /* for the command, nullable: set by the caller */
} BdClassifyReply;

void     bd_classify_reply_init     (BdClassifyReply   *reply,
                                     const char        *lowered);
void     bd_classify_reply_init_len (BdClassifyReply   *reply,
                                     const char        *lowered,
                                     gsize              len);
void     bd_classify_reply_clear    (BdClassifyReply   *reply);

gboolean bd_classify_may_hold_franceptt_code (const char *lowered,
                                              gsize       len);

BdReason bd_classify_provider_rules (const BdRecipient *r,
                                     const char        *reporter,
                                     BdClassifyReply   *reply,
                                     BdEvidence        *evidence);

/* bd-classify-decide.c: the reason the codes and the words of @r give;
 * @lowered: its diagnostic in lower case, nullable, and @folded that
 * folded (bd_phrases_lower_and_fold ()), set when @lowered is */
BdReason bd_classify_decide         (const BdRecipient  *r,
                                     const char         *lowered,
                                     const BdFoldedText *folded,
                                     BdClassifyBody     *body,
                                     BdEvidence         *evidence);

/* The places (bits) of the weighings of a code and words that may name
 * a reason for @named, the reasons the words and the code name, and the
 * reason weighed at one place: in bd-classify-decide.c, visible for
 * test-classify. */
guint32  bd_classify_weighings_for  (guint64             named);
BdReason bd_classify_weighing_reason (guint              place);

BdReason bd_classify_sender_quota   (const BdBounce    *bounce,
                                     const BdRecipient *r,
                                     BdEvidence        *evidence);

G_END_DECLS
