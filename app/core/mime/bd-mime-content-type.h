/* bd-mime-content-type.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For bd-mime.c only: a part's Content-Type and transfer encoding read
 * into the part (bd-mime-content-type.c).
 */
#pragma once

#include <string.h>

#include "bd-mime.h"
#include "bd-mime-arena.h"

G_BEGIN_DECLS

/* Whether @s, a part's lower-case type, subtype or encoding, is @word:
 * the first bytes compared inline, as they mostly differ (every part is
 * tested against several words, some many times). */
static inline gboolean
bd_mime_is_word (const char *s,
                 const char *word)
{
  return s[0] == word[0] && strcmp (s, word) == 0;
}

/* The type and subtype, lower case, in one allocation ("type\0subtype"). */
void bd_mime_set_content_type  (BdMimeArena       *arena,
                                BdMimePart        *part,
                                const char        *type,
                                gsize              type_len,
                                const char        *subtype,
                                gsize              subtype_len);
void bd_mime_read_content_type (BdMimeArena       *arena,
                                BdMimePart        *part,
                                const BdMimeField *type,
                                const BdMimeField *encoding,
                                gboolean           in_digest);

G_END_DECLS
