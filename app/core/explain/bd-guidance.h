/* bd-guidance.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a bounce means for the person who got it, in their language: a
 * headline, what happened, whose move it is and the concrete steps. The
 * diagnosis (bd-diagnosis.h) gathers them for the app, the report and the
 * CLI, so the explanation is written once, here.
 */
#pragma once

#include "bd-bounce.h"

G_BEGIN_DECLS

typedef enum
{
  BD_WHOSE_MOVE_YOU = 0,    /* the sender: fix the address, the message, resend */
  BD_WHOSE_MOVE_RECIPIENT,  /* the recipient (or their IT) must act */
  BD_WHOSE_MOVE_PROVIDER,   /* your IT or email provider must act */
  BD_WHOSE_MOVE_WAIT,       /* nobody: delivery is still being retried */
  BD_WHOSE_MOVE_NONE,       /* nobody: nothing went wrong, nothing to do */
  BD_N_WHOSE_MOVES
} BdWhoseMove;

typedef struct
{
  char        *headline;       /* one sentence, with the address */
  char        *what_happened;  /* two or three plain sentences */
  BdWhoseMove  whose_move;
  char        *whose_move_label;
  GStrv        steps;          /* at least one, in order */
  char        *provider_note;  /* what this provider means by it; nullable */
  gboolean     backscatter;    /* a bounce of mail the user never sent */
} BdGuidance;

const char *bd_whose_move_to_string   (BdWhoseMove       move);
const char *bd_whose_move_get_label   (BdWhoseMove       move);

BdGuidance *bd_guidance_for_recipient (const BdBounce    *bounce,
                                       const BdRecipient *recipient);
BdGuidance *bd_guidance_for_reason    (BdKind             kind,
                                       BdReason           reason,
                                       const char        *address);
BdGuidance *bd_guidance_for_backscatter (const char      *address);
void        bd_guidance_append_headline (GString           *out,
                                         const BdBounce    *bounce,
                                         const BdRecipient *recipient);
char       *bd_guidance_headline      (const BdBounce    *bounce,
                                       const BdRecipient *recipient);
BdKind      bd_guidance_recipient_kind (const BdBounce   *bounce,
                                        const BdRecipient *recipient);
BdGuidance *bd_guidance_copy          (const BdGuidance  *guidance);
void        bd_guidance_free          (BdGuidance        *guidance);

gboolean    bd_guidance_detect_backscatter (const BdBounce     *bounce,
                                            const char         *mailbox,
                                            const char * const *own_hosts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdGuidance, bd_guidance_free)

G_END_DECLS
