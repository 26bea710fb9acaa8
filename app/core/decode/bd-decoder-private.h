/* bd-decoder-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the pieces of the decoder: bd-decoder.c (the pipeline),
 * bd-decoder-reports.c (machine-readable reports), bd-decoder-codes.c
 * (status and reply codes, the failed command), bd-decoder-pasted.c
 * (bounces pasted into a forward) and bd-decoder-cap.c (the cap on a
 * message's parts).
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
                                             const char       *text,
                                             gsize             len);
char       *bd_decoder_find_quoted          (const char       *body,
                                             gsize             body_len,
                                             const char       *subject,
                                             gsize            *len);
gboolean    bd_decoder_quoted_from_mailer   (const char       *quoted);
gsize       bd_decoder_cap_parts            (const char       *data,
                                             gsize             len);

void        bd_decoder_normalise_codes      (BdRecipient      *recipient);
gboolean    bd_decoder_find_agreeing_pair   (const char       *text,
                                             char             *status,
                                             guint            *code);
void        bd_decoder_find_commands        (BdBounce         *bounce);
void        bd_decoder_check_reply_class    (BdBounce         *bounce);

/* Whether a scanner that said no left anything in its scratch result.
 * Inline: the decoder runs it after each scanner (test-decode-equivalence
 * compares it with the tests one by one). */
static inline gboolean
bd_decoder_is_untouched (const BdBounce *scratch)
{
  const BdOriginal *o = scratch->original;
  /* Every field ORed, one test at the end: this runs after each of the
   * scanners that say no, and a test and a branch for each field cost
   * more than the loads. */
  guintptr set = (guintptr)scratch->mta | (guintptr)scratch->reporting_mta
                 | (guintptr)o->from | (guintptr)o->subject;
  guint counts = scratch->recipients->len | o->to->len | o->dkim->len | (guint)scratch->limits
                 | (guint)(scratch->kind ^ BD_KIND_NOT_BOUNCE);

  return (set | counts) == 0;
}

G_END_DECLS
