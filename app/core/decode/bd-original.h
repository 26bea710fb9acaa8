/* bd-original.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a bounce tells about the message that bounced: its From, To,
 * Subject, Date and Message-ID, every DKIM-Signature's d= and s=, and the
 * first external sending IP and host of its Received: chain.
 */
#pragma once

#include "bd-bounce.h"
#include "bd-mime.h"

G_BEGIN_DECLS

void     bd_original_set_app_fields    (gboolean          read);
gboolean bd_original_app_fields        (void);

void     bd_original_fill_from_part    (BdOriginal       *original,
                                        const BdMimePart *part);
void     bd_original_fill_from_message (BdOriginal       *original,
                                        const BdMimePart *message);
gboolean bd_original_fill_from_text    (BdOriginal   *original,
                                        const char   *text,
                                        gsize         len);
gboolean bd_original_parse_received    (const char   *received,
                                        char        **ip,
                                        char        **host);

G_END_DECLS
