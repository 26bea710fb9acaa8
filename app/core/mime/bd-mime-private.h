/* bd-mime-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by bd-mime.c, bd-mime-headers.c and bd-dsn.c only: field names
 * compared without case, inline (GLib's calls a function for every byte,
 * and names are compared for every look-up); and the boundary search,
 * for its test.
 */
#pragma once

#include <glib.h>
#include <string.h>

#include "bd-text.h"

G_BEGIN_DECLS

/* Whether the @n bytes at @a and @b, 4 to 16 of them, are the same as
 * written: the first and last 4 or 8 bytes compared as words, which
 * overlap to cover them all. */
static inline gboolean
bd_mime_names_same (const char *a,
                    const char *b,
                    gsize       n)
{
  if (n >= 8)
    {
      guint64 a0, a1, b0, b1;

      memcpy (&a0, a, 8);
      memcpy (&b0, b, 8);
      memcpy (&a1, a + n - 8, 8);
      memcpy (&b1, b + n - 8, 8);
      return a0 == b0 && a1 == b1;
    }
  else
    {
      guint32 a0, a1, b0, b1;

      memcpy (&a0, a, 4);
      memcpy (&b0, b, 4);
      memcpy (&a1, a + n - 4, 4);
      memcpy (&b1, b + n - 4, 4);
      return a0 == b0 && a1 == b1;
    }
}

/* g_ascii_strncasecmp () == 0 for @n bytes holding no NUL. Names are
 * compared as written first, a few words at once: nearly every message
 * writes a field's name as the RFC does, and when they match so do the
 * names (folded byte by byte, they cost a dozen instructions a byte). */
static inline gboolean
bd_mime_names_equal (const char *a,
                     const char *b,
                     gsize       n)
{
  if (n >= 4 && n <= 16 && bd_mime_names_same (a, b, n))
    return TRUE;
  for (gsize i = 0; i < n; i++)
    if (bd_text_ascii_lower (a[i]) != bd_text_ascii_lower (b[i]))
      return FALSE;
  return TRUE;
}

/* Where a boundary line is looked for by one of its own bytes: @rare,
 * at @at in "--boundary" (its first place there, so that the first hit on
 * a boundary line is that one). Private to bd-mime.c but for a test that
 * compares the search with a line walk. */
typedef struct
{
  char  rare;
  gsize at;
} BdMimeBoundaryKey;

gboolean    bd_mime_boundary_key       (const char              *boundary,
                                        gsize                    n,
                                        BdMimeBoundaryKey       *key);
const char *bd_mime_next_boundary_line (const char              *p,
                                        const char              *end,
                                        const char              *boundary,
                                        gsize                    n,
                                        const BdMimeBoundaryKey *key);

G_END_DECLS
