/* bd-multimatch.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Many byte strings searched for at once, in one pass over a text
 * (Aho–Corasick): the time per text does not grow with the number of
 * patterns, only with the text and the matches found (bd-multimatch.c).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BdMultimatch BdMultimatch;

/* One occurrence: pattern @id (the order of bd_multimatch_add(), from 0)
 * at bytes [@start, @end) of the text. Return FALSE to stop the scan. */
typedef gboolean (*BdMultimatchFunc) (guint    id,
                                      gsize    start,
                                      gsize    end,
                                      gpointer user_data);

BdMultimatch *bd_multimatch_new     (void);
guint         bd_multimatch_add     (BdMultimatch       *matcher,
                                     const char         *pattern,
                                     gsize               len);
void          bd_multimatch_compile (BdMultimatch       *matcher);
void          bd_multimatch_scan    (const BdMultimatch *matcher,
                                     const char         *text,
                                     gsize               len,
                                     BdMultimatchFunc    func,
                                     gpointer            user_data);
guint         bd_multimatch_size    (const BdMultimatch *matcher);
void          bd_multimatch_free    (BdMultimatch       *matcher);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdMultimatch, bd_multimatch_free)

G_END_DECLS
