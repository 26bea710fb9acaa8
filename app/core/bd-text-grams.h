/* bd-text-grams.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which runs of four bytes a text holds, to tell in a few steps that a
 * needle is not in it (bd-text-grams.c).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BdTextGrams BdTextGrams;

BdTextGrams *bd_text_grams_new          (const char        *text,
                                         gsize              len);
void         bd_text_grams_free         (BdTextGrams       *grams);
gboolean     bd_text_grams_may_contain  (const BdTextGrams *grams,
                                         const char        *needle);
gboolean     bd_text_grams_may_contain_len (const BdTextGrams *grams,
                                            const char        *needle,
                                            gsize              needle_len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdTextGrams, bd_text_grams_free)

G_END_DECLS
