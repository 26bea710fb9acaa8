/* bd-mime-charset.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keeps the converters of the charsets met so far loaded for the rest of
 * the process (bd-mime-charset.c says why).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void bd_mime_charset_keep         (const char *charset);
void bd_mime_charset_keep_encoded (const char *value);

/* Internal, for tests: the number of converters kept open. */
guint bd_mime_charset_n_kept      (void);

G_END_DECLS
