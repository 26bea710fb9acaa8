/* bd-scan-memo.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What several scanners work out from the same input, made once per
 * message. The decoder tries up to sixty scanners on every message, and
 * many ask the same question first: the twelve provider scanners each
 * took the From: address apart, and the localized reader, asked by five
 * scanners, lowered the same prose each time. The decoder hangs one memo
 * on the input for its run (BdScanInput.memo); an input made by hand has
 * none, and every answer is then worked out on the spot. (The memo's
 * type, bd_scan_memo_new() and _free() are in bd-scanner.h, for the
 * decoder.)
 */
#pragma once

#include "bd-scanner.h"
#include "bd-text-grams.h"

G_BEGIN_DECLS

const char *bd_scan_memo_from_address        (const BdScanInput *input,
                                              char             **owned);
const char *bd_scan_memo_lower_prose         (const BdScanInput *input,
                                              char             **owned);
const BdTextGrams *bd_scan_memo_lower_prose_grams (const BdScanInput *input);
guint32     bd_scan_memo_from_providers      (const BdScanInput *input);

/* The yes/no questions several scanners ask about the same message. */
typedef enum
{
  BD_SCAN_MEMO_LOCALIZED_BOUNCE,     /* bd_scan_localized_is_bounce() */
  BD_SCAN_MEMO_LOCALIZED_EXCHANGE,   /* a localized Exchange report's markers */
  BD_SCAN_MEMO_FROM_NAMES_PROVIDER,  /* a name of bd-scan-providers-i18n.c's providers in the From: */
  BD_SCAN_MEMO_HAS_X_MLSERVER,       /* header fields, all asked in one walk (bd_scan_gate_has_field()) */
  BD_SCAN_MEMO_HAS_X_MAILER,
  BD_SCAN_MEMO_HAS_SES_STAMP,        /* X-SES-Outgoing or X-AWS-Outgoing */
  BD_SCAN_MEMO_N_QUESTIONS
} BdScanMemoQuestion;

/* An answer kept for the message: BD_SCAN_MEMO_UNKNOWN until told. */
typedef enum
{
  BD_SCAN_MEMO_UNKNOWN = 0,
  BD_SCAN_MEMO_NO,
  BD_SCAN_MEMO_YES,
} BdScanMemoAnswer;

BdScanMemoAnswer bd_scan_memo_get_answer (const BdScanInput  *input,
                                          BdScanMemoQuestion  question);
void             bd_scan_memo_set_answer (const BdScanInput  *input,
                                          BdScanMemoQuestion  question,
                                          gboolean            yes);

G_END_DECLS
