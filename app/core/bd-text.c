/* bd-text.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Case-insensitive text helpers shared by every stage of decoding: the
 * scanners, the classifier and the decoder. They live below all of them so
 * that no stage includes another's header for them.
 */
#define G_LOG_DOMAIN "bd-text"

#include "config.h"

#include <string.h>

#include "bd-text.h"

/* g_utf8_strdown(), without its per-character Unicode walk when @text is
 * plain ASCII (nearly always: server replies). */
char *
bd_text_strdown (const char *text,
                 gssize      len)
{
  gsize n;

  g_return_val_if_fail (text != NULL, NULL);

  n = len < 0 ? strlen (text) : (gsize)len;
  for (gsize i = 0; i < n; i++)
    if ((guchar)text[i] >= 0x80 || text[i] == '\0')
      return g_utf8_strdown (text, len);
  return g_ascii_strdown (text, n);
}

const char *
bd_text_strcasestr (const char *haystack,
                    const char *needle)
{
  gsize n;
  char lower, upper;

  g_return_val_if_fail (haystack != NULL, NULL);
  g_return_val_if_fail (needle != NULL, NULL);

  n = strlen (needle);
  if (n == 0)
    return haystack;

  /* Both cases of the first letter compared inline: this loop runs over
   * whole bodies, and g_ascii_tolower () is a call per byte. */
  lower = g_ascii_tolower (needle[0]);
  upper = g_ascii_toupper (needle[0]);
  for (const char *p = haystack; *p != '\0'; p++)
    {
      /* The second byte too, before the call (case folded by its 0x20
       * bit, a pre-test only; a NUL ends the haystack and fails it). */
      if ((*p == lower || *p == upper) && (n == 1 || (p[1] | 0x20) == (needle[1] | 0x20))
          && g_ascii_strncasecmp (p + 1, needle + 1, n - 1) == 0)
        return p;
    }
  return NULL;
}

gboolean
bd_text_has_prefix_ci (const char *text,
                       const char *prefix)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (prefix != NULL, FALSE);

  return g_ascii_strncasecmp (text, prefix, strlen (prefix)) == 0;
}

gboolean
bd_text_contains_any (const char        *text,
                      const char *const *needles)
{
  g_return_val_if_fail (needles != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (guint i = 0; needles[i] != NULL; i++)
    {
      if (bd_text_strcasestr (text, needles[i]) != NULL)
        return TRUE;
    }
  return FALSE;
}
