/* bd-phrases-cs.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Czech wording of mail servers' replies and bounce texts (see bd-phrases.h).
 */
#include "config.h"

#include "bd-phrases.h"

static const BdPhrase phrases[] = {
  { NULL, BD_REASON_UNDEFINED },
};

const BdPhraseTable bd_phrases_cs = {
  "cs", phrases, G_N_ELEMENTS (phrases) - 1,
};
