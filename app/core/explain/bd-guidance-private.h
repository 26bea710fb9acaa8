/* bd-guidance-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared between the bd-guidance*.c files only.
 */
#pragma once

#include "bd-classify.h"
#include "bd-guidance.h"

G_BEGIN_DECLS

#define BD_GUIDANCE_MAX_STEPS 6

/* One explanation, untranslated (N_() strings; _() at use). The headline
 * has one %s, the recipient's address, except where noted. */
typedef struct
{
  const char  *headline;
  const char  *what;
  BdWhoseMove  move;
  const char  *steps[BD_GUIDANCE_MAX_STEPS + 1];   /* NULL-terminated */
  const char  *headline_unnamed;   /* when the report names no address; nullable */
} BdGuidanceText;

const BdGuidanceText *bd_guidance_text_for_reason  (BdReason reason);
const BdGuidanceText *bd_guidance_text_for_kind    (BdKind   kind);
const BdGuidanceText *bd_guidance_text_backscatter (void);
gboolean              bd_guidance_text_names_address (const BdGuidanceText *text);

/* bd-guidance-backscatter.c; exposed for its test. */
gboolean bd_guidance_same_organisation (const char *a,
                                        const char *b);
gboolean bd_guidance_looks_like_home_connection (const char *host);

char *bd_guidance_provider_note (const BdBounce    *bounce,
                                 const BdRecipient *recipient);

G_END_DECLS
