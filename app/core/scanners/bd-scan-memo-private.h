/* bd-scan-memo-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The memo's fields, for bd-scan-memo.c and for the body search that
 * bd-scan-util.h inlines into every scanner (the body's grams, read
 * without a call).
 */
#pragma once

#include "bd-scan-memo.h"
#include "bd-text-grams.h"

G_BEGIN_DECLS

struct _BdScanMemo
{
  /* Owned; each made on first use */
  char             *from_address;
  char             *lower_prose;
  BdTextGrams      *body_grams;
  BdTextGrams      *lower_prose_grams;
  guint32           from_providers;
  gsize             body_text_len;       /* strlen (body): as far as strstr () read it */
  guint             body_text_len_done : 1;
  guint             from_address_done : 1;
  guint             from_providers_done : 1;
  BdScanMemoAnswer  answers[BD_SCAN_MEMO_N_QUESTIONS];
};

G_END_DECLS
