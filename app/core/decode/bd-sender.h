/* bd-sender.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Who sent the message that bounced, as far as a bounce tells: the domain
 * whose DNS records the domain check should look at, and the DKIM selector
 * that domain signed the returned copy with.
 */
#pragma once

#include "bd-bounce.h"
#include "bd-mime.h"

G_BEGIN_DECLS

char       *bd_sender_first_address      (const BdMimePart *message,
                                          const char       *header);
char       *bd_sender_bounce_to          (const BdMimePart *message);
const char *bd_bounce_get_sender_domain  (const BdBounce   *bounce);
const char *bd_bounce_get_dkim_selector  (const BdBounce   *bounce,
                                          const char       *domain);
const char *bd_bounce_get_bimi_selector  (const BdBounce   *bounce);

G_END_DECLS
