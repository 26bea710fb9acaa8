/* bd-mime-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by bd-mime.c, bd-mime-headers.c and bd-dsn.c only: field names
 * compared without case, inline (GLib's calls a function for every byte,
 * and names are compared for every look-up); and the boundary lines'
 * search, for its test.
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

/* The 8 bytes of @x with 'A' to 'Z' made lower case, all at once: a
 * byte's high bit, its 7 low bits added to, says whether they are at
 * least 'A' or past 'Z' (no carry reaches the next byte); bytes above
 * 0x7f are left alone, as bd_text_ascii_lower () leaves them. */
static inline guint64
bd_mime_fold_word (guint64 x)
{
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  guint64 low = x & ~high;
  guint64 at_least_a = low + G_GUINT64_CONSTANT (0x3f3f3f3f3f3f3f3f);   /* 0x80 - 'A' */
  guint64 past_z = low + G_GUINT64_CONSTANT (0x2525252525252525);       /* 0x80 - 'Z' - 1 */
  guint64 upper = at_least_a & ~past_z & ~x & high;

  return x | upper >> 2;
}

/* The @n bytes at @a and @b, 8 or more, the same once folded: words
 * folded 8 bytes at a time, the last overlapping the one before. */
static inline gboolean
bd_mime_names_fold_equal (const char *a,
                          const char *b,
                          gsize       n)
{
  for (gsize i = 0;; i += 8)
    {
      guint64 x, y;

      if (i + 8 > n)
        i = n - 8;
      memcpy (&x, a + i, 8);
      memcpy (&y, b + i, 8);
      if (bd_mime_fold_word (x) != bd_mime_fold_word (y))
        return FALSE;
      if (i + 8 == n)
        return TRUE;
    }
}

/* g_ascii_strncasecmp () == 0 for @n bytes holding no NUL. Names are
 * compared as written first, a few words at once: nearly every message
 * writes a field's name as the RFC does, and when they match so do the
 * names. Else names of 8 bytes or more are folded a word at a time (byte
 * by byte, they cost a dozen instructions a byte: a long name, or one in
 * another case, was the most of a look-up). */
static inline gboolean
bd_mime_names_equal (const char *a,
                     const char *b,
                     gsize       n)
{
  if (n >= 4 && n <= 16 && bd_mime_names_same (a, b, n))
    return TRUE;
  if (n >= 8)
    return bd_mime_names_fold_equal (a, b, n);
  for (gsize i = 0; i < n; i++)
    if (bd_text_ascii_lower (a[i]) != bd_text_ascii_lower (b[i]))
      return FALSE;
  return TRUE;
}

/* Private to bd-mime.c but for a test that compares the search with a
 * line walk. */
const char *bd_mime_next_dash_line (const char *p,
                                    const char *end);

G_END_DECLS
