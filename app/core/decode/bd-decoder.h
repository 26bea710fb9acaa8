/* bd-decoder.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bytes in, a BdBounce out: the machine-readable reports first (RFC
 * 3464/6522 delivery status, RFC 5965 ARF feedback, RFC 8098 disposition
 * notifications, RFC 3834 auto-replies), then the prose scanners
 * (bd-scanner.h), then the classifier (bd-classify.h).
 * A bounce forwarded as an attachment, or pasted into the text of another
 * message, is decoded too (the forwarding message itself is not a bounce).
 *
 * Decoding never fails: anything that is not a readable report, however
 * broken, comes back as kind %BD_KIND_NOT_BOUNCE. Limits that keep hostile
 * input from crashing or hanging it (README.md, "Limits"); whenever one is
 * hit, bounce->limits (and its recorded form bounce->note) says which and
 * the rest is still decoded:
 *  - the first BD_DECODER_MAX_MESSAGE bytes of a message are decoded (a
 *    mailbox cuts bigger messages to BD_MAILBOX_MAX_MESSAGE, the same size);
 *  - at most BD_DECODER_MAX_PARTS Content-Type header lines are read: the
 *    message is cut before the next one;
 *  - the MIME tree (bd-mime.h) is parsed and walked BD_DECODER_MAX_DEPTH
 *    levels deep at most, and forwarded messages are opened
 *    BD_DECODER_MAX_FORWARDS levels deep;
 *  - at most BD_DECODER_MAX_RECIPIENTS recipients are kept per message
 *    (bounce->limits says so when more were dropped);
 *  - text parts over 4 MB (encoded) are not read as prose: they are
 *    attachments, not a server's explanation.
 */
#pragma once

#include "bd-bounce.h"
#include "bd-mime.h"

G_BEGIN_DECLS

#define BD_DECODER_MAX_MESSAGE_MB   16
#define BD_DECODER_MAX_MESSAGE     (BD_DECODER_MAX_MESSAGE_MB * 1024 * 1024)
#define BD_DECODER_MAX_PARTS       512
#define BD_DECODER_MAX_DEPTH       BD_MIME_MAX_DEPTH  /* the one limit, bd-mime.h */
#define BD_DECODER_MAX_FORWARDS    3
#define BD_DECODER_MAX_RECIPIENTS  10000

BdBounce *bd_decoder_decode_bytes   (const char   *data,
                                     gsize         len,
                                     const char   *source,
                                     goffset       offset);

G_END_DECLS
