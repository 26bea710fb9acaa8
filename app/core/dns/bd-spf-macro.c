/* bd-spf-macro.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 7208 §7: macro expansion. Called with env == NULL to check the syntax
 * of a whole record before it is evaluated (§4.6: a syntax error anywhere
 * is a permerror, even past the term that matches).
 */
#define G_LOG_DOMAIN "bd-spf"

#include "config.h"

#include <string.h>

#include "bd-spf-private.h"

static char *
ip_macro (GInetAddress *ip,
          gboolean      readable)
{
  const guint8 *bytes;
  GString *out;

  if (ip == NULL)
    return g_strdup ("unknown");
  if (g_inet_address_get_family (ip) == G_SOCKET_FAMILY_IPV4 || readable)
    return g_inet_address_to_string (ip);

  /* %{i} of an IPv6 address: dot-separated nibbles (§7.3) */
  bytes = g_inet_address_to_bytes (ip);
  out = g_string_new (NULL);
  for (guint i = 0; i < 16; i++)
    g_string_append_printf (out, "%s%x.%x", i ? "." : "", bytes[i] >> 4, bytes[i] & 0xf);
  return g_string_free (out, FALSE);
}

static char *
letter_value (char                 letter,
              const BdSpfMacroEnv *env)
{
  switch (g_ascii_tolower (letter))
    {
    case 's': return g_strdup (env->sender);
    case 'l': return g_strdup (env->local);
    case 'o': return g_strdup (env->sender_domain);
    case 'd': return g_strdup (env->domain);
    case 'h': return g_strdup (env->helo);
    case 'i': return ip_macro (env->ip, FALSE);
    case 'c': return ip_macro (env->ip, TRUE);
    case 'v':
      return g_strdup (env->ip && g_inet_address_get_family (env->ip) == G_SOCKET_FAMILY_IPV6
                       ? "ip6" : "in-addr");
    case 'p':
      return env->validated_ptr ? env->validated_ptr (env->user_data) : g_strdup ("unknown");
    case 'r': return g_strdup ("unknown");
    case 't': return g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
    default: return NULL;
    }
}

/* Split on the delimiters, maybe reverse, keep the rightmost @keep parts. */
static char *
transform (const char *value,
           guint       keep,
           gboolean    reverse,
           const char *delimiters)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *copy = g_strdup (value);
  g_autoptr(GString) out = g_string_new (NULL);
  char *start = copy;
  guint first;

  for (char *p = copy; ; p++)
    {
      if (*p == '\0' || strchr (delimiters, *p))
        {
          gboolean end = *p == '\0';

          *p = '\0';
          g_ptr_array_add (parts, start);
          start = p + 1;
          if (end)
            break;
        }
    }
  if (reverse)
    for (guint i = 0; i < parts->len / 2; i++)
      {
        gpointer tmp = parts->pdata[i];

        parts->pdata[i] = parts->pdata[parts->len - 1 - i];
        parts->pdata[parts->len - 1 - i] = tmp;
      }
  first = (keep > 0 && keep < parts->len) ? parts->len - keep : 0;
  for (guint i = first; i < parts->len; i++)
    {
      if (i > first)
        g_string_append_c (out, '.');
      g_string_append (out, g_ptr_array_index (parts, i));
    }
  return g_strdup (out->str);
}

static gboolean
is_macro_letter (char     c,
                 gboolean explain)
{
  /* strchr() finds the NUL too: "%{" at the very end is no macro */
  if (c == '\0')
    return FALSE;
  c = g_ascii_tolower (c);
  if (strchr ("slodiphv", c))
    return TRUE;
  return explain && strchr ("crt", c);
}

/* Parses "%{…}" at @p; appends the expansion to @out when @env is set.
 * Returns the position after the "}" or NULL on a syntax error. */
static const char *
expand_braces (const char          *p,
               const BdSpfMacroEnv *env,
               gboolean             explain,
               GString             *out)
{
  char letter = p[2];
  guint keep = 0;
  gboolean reverse = FALSE;
  g_autoptr(GString) delimiters = g_string_new (NULL);
  g_autofree char *value = NULL;
  g_autofree char *result = NULL;

  if (!is_macro_letter (letter, explain))
    return NULL;
  p += 3;
  if (g_ascii_isdigit (*p))
    {
      guint64 n = 0;

      while (g_ascii_isdigit (*p))
        {
          n = n * 10 + (*p++ - '0');
          if (n > 128)
            return NULL;
        }
      if (n == 0)
        return NULL;
      keep = n;
    }
  if (*p == 'r' || *p == 'R')
    {
      reverse = TRUE;
      p++;
    }
  while (*p && strchr (".-+,/_=", *p))
    g_string_append_c (delimiters, *p++);
  if (*p != '}')
    return NULL;
  if (env == NULL)
    return p + 1;

  value = letter_value (letter, env);
  result = transform (value ? value : "", keep, reverse,
                      delimiters->len ? delimiters->str : ".");
  if (g_ascii_isupper (letter))
    {
      g_autofree char *escaped = g_uri_escape_string (result, NULL, FALSE);

      g_string_append (out, escaped);
    }
  else
    g_string_append (out, result);
  return p + 1;
}

gboolean
bd_spf_macro_expand (const char           *macro_string,
                     const BdSpfMacroEnv  *env,
                     gboolean              explain,
                     char                **out)
{
  g_autoptr(GString) result = g_string_new (NULL);

  for (const char *p = macro_string; *p; )
    {
      if (*p != '%')
        {
          /* macro-literal: visible ASCII except "%" (and space in explain) */
          if ((guchar)*p < 0x21 || (guchar)*p > 0x7e)
            {
              if (!(explain && *p == ' '))
                return FALSE;
            }
          g_string_append_c (result, *p++);
          continue;
        }
      switch (p[1])
        {
        case '%': g_string_append_c (result, '%'); p += 2; break;
        case '_': g_string_append_c (result, ' '); p += 2; break;
        case '-': g_string_append (result, "%20"); p += 2; break;
        case '{':
          p = expand_braces (p, env, explain, result);
          if (p == NULL)
            return FALSE;
          break;
        default:
          return FALSE;
        }
    }
  if (out != NULL)
    *out = g_strdup (result->str);
  return TRUE;
}

char *
bd_spf_truncate_domain (char *domain)
{
  const char *p = domain;

  while (strlen (p) > 253)
    {
      const char *dot = strchr (p, '.');

      if (dot == NULL)
        break;
      p = dot + 1;
    }
  if (p != domain)
    memmove (domain, p, strlen (p) + 1);
  return domain;
}
