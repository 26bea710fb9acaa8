/* bd-phrase-index.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The phrase tables of every language (bd-phrases.h) merged into one
 * index: which reasons a text's words name. This is a lookup, not a
 * decision: the classifier (bd-classify.c) weighs what it finds against
 * the status code, the command and the provider. Scanners use it to tell
 * whether a line names a cause at all.
 */
#pragma once

#include "bd-phrases.h"
#include "bd-phrase-fold.h"

G_BEGIN_DECLS

/* Every reason some phrase of @text names (folded first: case,
 * diacritics, spaces), as a bit set over #BdReason, and in @found (an
 * array of %BD_N_REASONS) the phrase found for each. */
guint64  bd_phrases_match    (const char  *text,
                              const char **found);
guint64  bd_phrases_match_len (const char  *text,
                               gsize        len,
                               const char **found);
/* @text lowered (bd_text_strdown ()), returned, and that folded in
 * @folded, *@owned when it is a copy of its own. */
char    *bd_phrases_lower_and_fold (const char    *text,
                                    BdFoldedText  *folded,
                                    char         **owned);
/* bd_phrases_lower_and_fold () into @buf (@size bytes) where it fits,
 * else into *@heap: returns @buf or *@heap. */
const char *bd_phrases_lower_and_fold_in (const char    *text,
                                          char          *buf,
                                          gsize          size,
                                          char         **heap,
                                          BdFoldedText  *folded,
                                          char         **owned);
guint64  bd_phrases_match_folded (const BdFoldedText  *text,
                                  const char         **found);

/* Whether @phrase only says that the server refused an address, not why. */
gboolean bd_phrases_is_vague (const char  *phrase);

/* Of the reasons in @matched, the one the words name on their own,
 * without a status code to weigh them against; %BD_REASON_UNDEFINED when
 * none of them can stand alone. */
BdReason bd_phrases_alone    (guint64      matched);

/* bd_phrases_alone() of the words of @text, and its phrase in @phrase. */
BdReason bd_phrases_reason   (const char  *text,
                              const char **phrase);

G_END_DECLS
