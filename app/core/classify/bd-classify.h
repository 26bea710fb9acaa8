/* bd-classify.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Puts every recipient into the reason taxonomy (bd-reason.h) from its
 * enhanced status code, SMTP reply code, the server's words and who
 * reported it, and keeps the evidence that decided.
 */
#pragma once

#include "bd-bounce.h"

G_BEGIN_DECLS

BdReason  bd_classify_recipient (const BdRecipient *recipient,
                                 const char        *reporter,
                                 char             **evidence);
void      bd_classify_bounce    (BdBounce          *bounce);
void      bd_classify_bounce_with_body (BdBounce    *bounce,
                                        const char  *body);
BdReason  bd_classify_status    (const char        *status);
const char *bd_classify_find_command (const char  *text);

/* The evidence of "onhold" given because the server's words matched no
 * reason: Sisimai's name for it, kept in the JSON for scripts. */
#define BD_CLASSIFY_UNRECOGNISED "unrecognised diagnostic"

gboolean  bd_classify_is_unrecognised (const BdRecipient *recipient);
BdReason  bd_classify_shown_reason    (const BdRecipient *recipient);

G_END_DECLS
