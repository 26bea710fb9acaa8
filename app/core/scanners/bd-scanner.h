/* bd-scanner.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One scanner per mail-server family reads the prose of its bounces. The
 * decoder hands every scanner the same pre-digested view of the message
 * (BdScanInput) in the order of the table in bd-scanners.c; the first that
 * recognises the format fills in the recipients and wins.
 */
#pragma once

#include "bd-bounce.h"
#include "bd-mime.h"

G_BEGIN_DECLS

/* Answers the scanners share for one message (bd-scan-memo.h): the
 * decoder makes one for each run of the table. */
typedef struct _BdScanMemo BdScanMemo;

BdScanMemo *bd_scan_memo_new  (void);
void        bd_scan_memo_free (BdScanMemo *memo);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdScanMemo, bd_scan_memo_free)

typedef struct
{
  const BdMimePart *message;    /* the bounce itself */
  const char   *from;           /* its From:, decoded to UTF-8, never NULL ("" if absent) */
  const char   *subject;        /* its Subject:, decoded to UTF-8, never NULL */
  const char   *body;           /* the human-readable text: text/plain parts (or text/html with the
                                 * tags stripped), decoded to UTF-8 with LF line ends, never NULL */
  gsize         body_len;
  gboolean      body_is_ascii;  /* no byte above 0x7f: a phrase with Polish or German letters is not in it */
  const BdMimePart *original;   /* the returned message/rfc822 or text/rfc822-headers part, nullable */
  /* from and subject in ASCII lower case, made once for every scanner's
   * bd_scan_from_has() and bd_scan_subject_has(); NULL in an input made
   * by hand (those then fold as they search) */
  const char   *from_lower;
  const char   *subject_lower;
  /* their lengths, where 16 more bytes may be read past the end of each
   * (bd_scan_input_init()): searched 16 bytes at a time then; 0 in an
   * input made by hand */
  gsize         from_lower_len;
  gsize         subject_lower_len;
  /* from and subject were given to the result (bd_scan_input_give_headers()):
   * still read, no longer freed by bd_scan_input_clear() */
  gboolean      headers_given;
  /* what one scanner worked out for the next ones, hung on by the
   * decoder for its run; NULL otherwise (nothing is then kept) */
  BdScanMemo   *memo;
} BdScanInput;

/* Returns TRUE when the format is recognised and @bounce was filled:
 * bounce->kind, bounce->mta (set by the decoder from the table's name),
 * and one BdRecipient per failed address with whatever the text gives
 * (address, status, reply_code, diagnostic, remote_mta). A scanner may set
 * recipient->reason and ->evidence when the format itself says it; the
 * decoder classifies every recipient left at BD_REASON_UNDEFINED. */
typedef gboolean (*BdScanFunc) (const BdScanInput *input,
                                BdBounce          *bounce);

typedef struct
{
  const char *name;             /* "postfix", "exim", "office365"… — the JSON "mta" */
  BdScanFunc  scan;
} BdScanner;

const BdScanner *bd_scanners_get (guint *n_scanners);

/* One declaration per entry of the scanner list. */
#define BD_SCANNER(function, name) \
  gboolean bd_scan_##function (const BdScanInput *input, BdBounce *bounce);
#include "bd-scanner-list.h"
#undef BD_SCANNER

/* The last resort's best guess, said in the user's language (bd-scan-guess.c). */
const char *bd_scan_guess_explanation (void);

G_END_DECLS
