/* bd-mime-charset.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * glibc loads the converter of a charset other than UTF-8 and Latin-1
 * (ISO-2022-JP, ISO-8859-2…) as a shared object (iconv/gconv_dl.c) when
 * a descriptor is opened, and unloads it when the last one is closed.
 * GMime and bd-mime-text.c open and close one per part or encoded word,
 * so every Japanese bounce mapped four libraries (ISO-2022-JP.so needs
 * libJIS, libGB, libKSC) and unmapped them again: the munmap's TLB
 * flushes were 9 % of a run over the corpus (perf, make bench-decode).
 * One descriptor per charset met, kept open for the life of the process,
 * keeps its converter loaded; conversions are unchanged (each caller
 * still opens its own descriptor, iconv state is not shared).
 */
#define G_LOG_DOMAIN "bd-mime"

#include "config.h"

#include <gmime/gmime.h>
#include <iconv.h>
#include <string.h>

#include "bd-mime-charset.h"

/* A bound on what a hostile message can make us keep: a real mail stream
 * uses a handful of charsets. */
#define MAX_KEPT 32
#define MAX_NAME 40

static GMutex lock;
static char kept[MAX_KEPT][MAX_NAME];
/* Held, so that they stay reachable: nothing reads them, and without
 * "used" the compiler drops the array and its stores, and the descriptors
 * look lost to valgrind (make valgrind failed on them). */
static iconv_t kept_cd[MAX_KEPT] __attribute__ ((used));
static guint n_kept;

static gboolean
is_kept (const char *name)
{
  for (guint i = 0; i < n_kept; i++)
    if (g_ascii_strcasecmp (kept[i], name) == 0)
      return TRUE;
  return FALSE;
}

/**
 * bd_mime_charset_keep:
 * @charset: (nullable): a charset name as a message declares it
 *
 * Keeps the converter from @charset to UTF-8 loaded from now on.
 */
void
bd_mime_charset_keep (const char *charset)
{
  if (charset == NULL || charset[0] == '\0' || strlen (charset) >= MAX_NAME)
    return;
  g_mutex_lock (&lock);
  if (n_kept < MAX_KEPT && !is_kept (charset))
    {
      /* The name iconv knows, as g_mime_iconv_open () translates it
       * ("ks_c_5601-1987" is CP949): the converter the callers load. A
       * name that opens nothing takes no place, so that a message
       * declaring 32 made-up charsets cannot use up the places. */
      iconv_t cd = iconv_open ("UTF-8", g_mime_charset_iconv_name (charset));

      if (cd != (iconv_t) -1)
        {
          g_strlcpy (kept[n_kept], charset, MAX_NAME);
          kept_cd[n_kept++] = cd;   /* never closed: that is the point */
        }
    }
  g_mutex_unlock (&lock);
}

/* For tests: how many converters are kept. */
guint
bd_mime_charset_n_kept (void)
{
  guint n;

  g_mutex_lock (&lock);
  n = n_kept;
  g_mutex_unlock (&lock);
  return n;
}

/**
 * bd_mime_charset_keep_encoded:
 * @value: (nullable): a raw header value
 *
 * bd_mime_charset_keep() for the charset of each encoded word
 * ("=?charset?B?…?=", RFC 2047, section 2) of @value.
 */
void
bd_mime_charset_keep_encoded (const char *value)
{
  char name[MAX_NAME];

  for (const char *p = value ? strstr (value, "=?") : NULL; p != NULL; p = strstr (p + 2, "=?"))
    {
      const char *start = p + 2;
      gsize n = strcspn (start, "?*= \t\r\n");

      if (n == 0 || n >= MAX_NAME || (start[n] != '?' && start[n] != '*'))
        continue;
      memcpy (name, start, n);
      name[n] = '\0';
      bd_mime_charset_keep (name);
    }
}
