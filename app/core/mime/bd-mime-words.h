/* bd-mime-words.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The RFC 2047 encoded words nearly every encoded header has, UTF-8 in
 * base64 or "Q", decoded without GMime: its decoder tokenises the value,
 * then opens a converter for each run of words, and cost more than
 * everything else done with a Subject.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *bd_mime_words_decode_utf8 (const char *value,
                                 gsize       len);

G_END_DECLS
