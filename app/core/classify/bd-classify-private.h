/* bd-classify-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the bd-classify*.c files only.
 */
#pragma once

#include "bd-classify.h"

G_BEGIN_DECLS

/* What a code means at one provider when it differs from RFC 3463, or
 * when the provider documents its own codes. @host is matched against the
 * end of the reporting host (and anywhere in the diagnostic, where the
 * providers name themselves); NULL matches any. */
typedef struct
{
  const char *host;
  const char *status;     /* exact, or a prefix ending in '.' */
  const char *phrase;     /* lower case, nullable */
  BdReason    reason;
  const char *why;
} BdProviderRule;

/* bd-classify-provider-rules.c */
extern const BdProviderRule bd_provider_rules[];
extern const guint bd_n_provider_rules;

BdReason bd_classify_provider_rules (const BdRecipient *r,
                                     const char        *reporter,
                                     const char        *lowered,
                                     BdEvidence        *evidence);

G_END_DECLS
