/* bd-phrase-fold.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form in which the phrase tables and servers' replies are compared:
 * lower case, Latin letters without diacritics, white space runs as one
 * space (bd-phrase-fold.c says why).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A text in folded form, and its length: made only by
 * bd_phrases_lower_and_fold () (bd-phrase-index.h), so that whoever is given one does not
 * test or fold it again. */
typedef struct
{
  const char *text;
  gsize       len;
} BdFoldedText;

const char *bd_phrase_fold         (const char  *text,
                                    char       **folded);
const char *bd_phrase_fold_len     (const char  *text,
                                    gsize        len,
                                    char       **folded,
                                    gsize       *folded_len);
gboolean    bd_phrase_lower_ascii  (const char  *text,
                                    gsize        len,
                                    char        *out,
                                    gboolean    *breaks);
char       *bd_phrase_fold_umlauts (const char  *phrase);

G_END_DECLS
