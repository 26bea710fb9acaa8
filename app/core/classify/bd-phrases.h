/* bd-phrases.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What mail servers write, mapped to a reason: one table per language, each
 * in its own file (bd-phrases-en.c, bd-phrases-pl.c…), all consulted by the
 * classifier. A phrase is matched as a substring of the server's reply (the
 * diagnostic) with both folded (bd-phrase-fold.h): case, diacritics, runs
 * of spaces and folded lines do not matter, so "uzivatel neexistuje"
 * matches "uživatel neexistuje". Write it in lower case and as the servers
 * write it, with its letters, e.g. { "mailbox is full", BD_REASON_MAILBOXFULL }.
 */
#pragma once

#include "bd-reason.h"

G_BEGIN_DECLS

typedef struct
{
  const char *phrase;    /* lower case, UTF-8 */
  BdReason    reason;
} BdPhrase;

typedef struct
{
  const char     *language;   /* "en", "pl", "de", "cs" */
  const BdPhrase *phrases;
  guint           n_phrases;
} BdPhraseTable;

extern const BdPhraseTable bd_phrases_en;
extern const BdPhraseTable bd_phrases_pl;
extern const BdPhraseTable bd_phrases_de;
extern const BdPhraseTable bd_phrases_cs;

/* Whether @phrase (a pointer into one of the tables) comes from a table
 * other than the English one. */
gboolean bd_phrases_is_localized (const char *phrase);

G_END_DECLS
