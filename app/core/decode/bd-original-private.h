/* bd-original-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared between bd-original.c and bd-original-received.c.
 */
#pragma once

#include <glib.h>

#include "bd-text.h"

G_BEGIN_DECLS

/* g_ascii_strdown () of @n bytes, lowered inline: GLib's calls
 * g_ascii_tolower () for each byte. */
static inline char *
bd_original_strdown_len (const char *s,
                         gsize       n)
{
  return bd_text_ascii_down_in_place (g_strndup (s, n));
}

gboolean bd_original_received_may_name_ip (const char *raw,
                                           gsize       len);
gboolean bd_original_parse_received_len (const char  *received,
                                         gsize        len,
                                         char       **ip,
                                         char       **host);

G_END_DECLS
