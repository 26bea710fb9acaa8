/* bd-mime-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by bd-mime.c, bd-mime-headers.c and bd-dsn.c only: field names
 * compared without case, inline (GLib's calls a function for every byte,
 * and names are compared for every look-up).
 */
#pragma once

#include <glib.h>

#include "bd-text.h"

G_BEGIN_DECLS

/* g_ascii_strncasecmp () == 0 for @n bytes holding no NUL. */
static inline gboolean
bd_mime_names_equal (const char *a,
                     const char *b,
                     gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (bd_text_ascii_lower (a[i]) != bd_text_ascii_lower (b[i]))
      return FALSE;
  return TRUE;
}

G_END_DECLS
