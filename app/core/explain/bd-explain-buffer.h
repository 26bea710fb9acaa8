/* bd-explain-buffer.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Appending to a GString in place, for the writers of explain/: a GString
 * append is a library call that checks and measures again, and a JSON line
 * is some hundred pieces. The room is reserved first, then the bytes are
 * written straight into it.
 */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

/* Makes room for @n more bytes after out->len (and the NUL after them);
 * returns where they go. out->len is not moved: see bd_buffer_commit (). */
static inline char *
bd_buffer_reserve (GString *out,
                   gsize    n)
{
  if (out->allocated_len - out->len <= n)
    {
      gsize len = out->len;

      g_string_set_size (out, len + n);
      out->len = len;
    }
  return out->str + out->len;
}

/* Ends a write that bd_buffer_reserve () made room for: @end is one past
 * its last byte. */
static inline void
bd_buffer_commit (GString *out,
                  char    *end)
{
  *end = '\0';
  out->len = end - out->str;
}

/* g_string_append_len () of @n bytes known not to overlap @out. */
static inline void
bd_buffer_append (GString    *out,
                  const char *s,
                  gsize       n)
{
  char *p = bd_buffer_reserve (out, n);

  memcpy (p, s, n);
  bd_buffer_commit (out, p + n);
}

/* printf's "%" G_GUINT64_FORMAT of @value at @p, without parsing a
 * format; returns the end. */
static inline char *
bd_buffer_put_uint (char    *p,
                    guint64  value)
{
  char digits[20];
  char *end = digits + sizeof digits, *d = end;

  do
    *--d = '0' + value % 10;
  while ((value /= 10) != 0);
  memcpy (p, d, end - d);
  return p + (end - d);
}

G_END_DECLS
