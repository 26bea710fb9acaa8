/* bd-decoder-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the pieces of the decoder: bd-decoder.c (the pipeline),
 * bd-decoder-reports.c (machine-readable reports), bd-decoder-codes.c
 * (status and reply codes, the failed command) and bd-decoder-pasted.c
 * (bounces pasted into a forward).
 */
#pragma once

#include "bd-decoder.h"
#include "bd-mime.h"

G_BEGIN_DECLS

/* Which reader decoded it ("rfc3464", "postfix"…): a later reader may
 * take over from an earlier one that found nothing. */
void        bd_decoder_set_mta              (BdBounce         *bounce,
                                             const char       *mta);
void        bd_decoder_take_recipients      (BdBounce         *bounce,
                                             GPtrArray        *recipients,
                                             guint             dropped);
const char *bd_decoder_find_text_charset    (const BdMimePart *message);
void        bd_decoder_read_delivery_status (BdBounce         *bounce,
                                             const BdMimePart *part,
                                             const char       *hint);
void        bd_decoder_read_feedback_report (BdBounce         *bounce,
                                             const BdMimePart *part,
                                             const char       *hint);
void        bd_decoder_read_disposition     (BdBounce         *bounce,
                                             const BdMimePart *part,
                                             const char       *hint);
gboolean    bd_decoder_read_vacation        (BdBounce         *bounce,
                                             const BdMimePart *message,
                                             const char       *from,
                                             const char       *subject);
char       *bd_decoder_first_address        (const BdMimePart *message,
                                             const char       *name);

char       *bd_decoder_find_pasted          (const char       *body,
                                             gsize             body_len,
                                             gsize            *len);
void        bd_decoder_drop_challenge       (BdBounce         *bounce,
                                             const BdMimePart *message,
                                             const char       *text);
char       *bd_decoder_find_quoted          (const char       *body,
                                             gsize             body_len,
                                             const char       *subject,
                                             gsize            *len);
gboolean    bd_decoder_quoted_from_mailer   (const char       *quoted);

void        bd_decoder_normalise_codes      (BdRecipient      *recipient);
gboolean    bd_decoder_find_agreeing_pair   (const char       *text,
                                             char             *status,
                                             guint            *code);
void        bd_decoder_find_commands        (BdBounce         *bounce,
                                             const char       *body);
void        bd_decoder_check_reply_class    (BdBounce         *bounce);

G_END_DECLS
