/* bd-mime-params.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parameters of a Content-Type value (RFC 2045 §5.1): name=token or
 * name="quoted string" after each ';' outside quotes, and the RFC 2231
 * forms: name*=charset'language'percent-encoded, and values split into
 * name*0, name*1… (each maybe with its own '*').
 */
#define G_LOG_DOMAIN "bd-mime"

#include "config.h"

#include <string.h>

#include "bd-mime-params.h"
#include "bd-text.h"

typedef struct
{
  char *name;      /* lower case, with any "*N" and "*" */
  char *value;     /* unquoted, still percent-encoded when extended */
} Param;

static void
param_clear (Param *param)
{
  g_free (param->name);
  g_free (param->value);
}

/* The closing quote of the quoted string whose content starts at @p, or
 * its end (NUL). From one '"' or '\\' to the next (strcspn ()): boundary
 * strings are long. */
static const char *
quoted_end (const char *p)
{
  for (;;)
    {
      p += strcspn (p, "\"\\");
      if (*p != '\\')
        return p;
      p += p[1] != '\0' ? 2 : 1;   /* the escaped byte */
    }
}

/* Past a quoted string that starts at @p ('"'). */
static const char *
skip_quoted (const char *p)
{
  p = quoted_end (p + 1);
  return *p == '"' ? p + 1 : p;
}

/* The next ';' outside quotes, or the end. */
static const char *
next_semicolon (const char *p)
{
  for (;;)
    {
      /* after a value, where it nearly always is: no strcspn () call */
      if (*p == ';' || *p == '\0')
        return p;
      p += strcspn (p, ";\"");
      if (*p != '"')
        return p;
      p = skip_quoted (p);
    }
}

static const char *
skip_blanks (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* The bytes that end a parameter's name: NUL, '=', ';', blanks. A
 * table, one load a byte, for every name of every Content-Type. */
static const guint8 name_stop[256] = {
  ['\0'] = TRUE, ['='] = TRUE, [';'] = TRUE, [' '] = TRUE, ['\t'] = TRUE,
};

/* One "name=value" parameter as written: the name as is, the value
 * still quoted when @quoted. */
typedef struct
{
  const char *name;
  gsize       name_len;
  const char *value;   /* after the opening quote when quoted */
  gsize       value_len;
  gboolean    quoted;
} RawParam;

/* Reads the parameter after the ';' at *@p and moves *@p to the next ';'
 * outside quotes, or the end. A piece without a name or '=' is skipped.
 * Returns FALSE when *@p is at the end. */
static gboolean
next_param (const char **p,
            RawParam    *param)
{
  const char *q = *p;

  while (*q == ';')
    {
      param->name = q = skip_blanks (q + 1);
      while (!name_stop[(guchar)*q])
        q++;
      param->name_len = q - param->name;
      q = skip_blanks (q);
      if (*q != '=' || param->name_len == 0)
        {
          q = next_semicolon (q);
          continue;
        }
      q = skip_blanks (q + 1);
      param->quoted = *q == '"';
      if (param->quoted)
        {
          param->value = ++q;
          q = quoted_end (q);
          param->value_len = q - param->value;
          if (*q == '"')
            q++;
        }
      else
        {
          param->value = q;
          q += strcspn (q, "; \t");
          param->value_len = q - param->value;
        }
      *p = next_semicolon (q);
      return TRUE;
    }
  *p = q;
  return FALSE;
}

/* @len bytes at @text as a string made by @copy, or by g_strndup ()
 * when it is NULL. */
static char *
copy_text (const char     *text,
           gsize           len,
           BdMimeCopyFunc  copy,
           gpointer        user_data)
{
  return copy != NULL ? copy (text, len, user_data) : g_strndup (text, len);
}

/* @text (from GLib, NUL-terminated) as copy_text () makes it: itself,
 * or its copy, @text then freed. */
static char *
give_text (char           *text,
           BdMimeCopyFunc  copy,
           gpointer        user_data)
{
  char *made;

  if (copy == NULL || text == NULL)
    return text;
  made = copy (text, strlen (text), user_data);
  g_free (text);
  return made;
}

/* The value, unquoted. */
static char *
param_value (const RawParam *param,
             BdMimeCopyFunc  copy,
             gpointer        user_data)
{
  char *out, *o;

  /* Quoted values (boundaries, long) rarely hold a '\\': one search for
   * it, then a copy, instead of a test for each byte. */
  if (!param->quoted || memchr (param->value, '\\', param->value_len) == NULL)
    return copy_text (param->value, param->value_len, copy, user_data);
  out = o = g_malloc (param->value_len + 1);
  for (gsize i = 0; i < param->value_len; i++)
    {
      if (param->value[i] == '\\' && i + 1 < param->value_len)
        i++;
      *o++ = param->value[i];
    }
  *o = '\0';
  return give_text (out, copy, user_data);
}

/* Whether the parameter is @name (lower case), its own name case folded. */
static gboolean
param_is (const RawParam *param,
          const char     *name)
{
  gsize i;

  for (i = 0; i < param->name_len; i++)
    if (name[i] == '\0' || bd_text_ascii_lower (param->name[i]) != name[i])
      return FALSE;
  return name[i] == '\0';
}

static GArray *
split_params (const char *value)
{
  GArray *params = g_array_new (FALSE, FALSE, sizeof (Param));
  const char *p = next_semicolon (value);
  RawParam raw;

  g_array_set_clear_func (params, (GDestroyNotify)param_clear);
  while (next_param (&p, &raw))
    {
      Param param;

      param.name = g_ascii_strdown (raw.name, raw.name_len);
      param.value = param_value (&raw, NULL, NULL);
      g_array_append_val (params, param);
    }
  return params;
}

static const char *
find (GArray     *params,
      const char *name)
{
  for (guint i = 0; i < params->len; i++)
    {
      Param *param = &g_array_index (params, Param, i);

      if (strcmp (param->name, name) == 0)
        return param->value;
    }
  return NULL;
}

/* Appends @text percent-decoded; a %00 is dropped (it would end the
 * value). */
static void
append_percent_decoded (GString    *out,
                        const char *text)
{
  for (const char *v = text; *v != '\0'; v++)
    {
      if (*v == '%' && g_ascii_isxdigit (v[1]) && g_ascii_isxdigit (v[2]))
        {
          char c = (char)(g_ascii_xdigit_value (v[1]) * 16 + g_ascii_xdigit_value (v[2]));

          if (c != '\0')
            g_string_append_c (out, c);
          v += 2;
        }
      else
        g_string_append_c (out, *v);
    }
}

/* "charset'language'value": the value part (the charset is not needed
 * for a boundary or a charset name, which are ASCII). */
static const char *
after_language (const char *text)
{
  const char *first = strchr (text, '\'');
  const char *second = first != NULL ? strchr (first + 1, '\'') : NULL;

  return second != NULL ? second + 1 : text;
}

/* "name*3" or "name*3*" (RFC 2231 §3), without printf's cost: this runs
 * for every parameter asked for and not there. */
static char *
segment_name (const char *name,
              guint       i,
              const char *suffix)
{
  char digits[12];
  gsize n = sizeof digits;

  digits[--n] = '\0';
  do
    digits[--n] = '0' + i % 10;
  while ((i /= 10) > 0);
  return g_strconcat (name, "*", digits + n, suffix, NULL);
}

/* Whether the parameter is one of @name's RFC 2231 forms: its name is
 * @name then '*' ("name*", "name*0", "name*0*"…), case folded. */
static gboolean
param_extends (const RawParam *param,
               const char     *name)
{
  gsize i;

  for (i = 0; name[i] != '\0'; i++)
    if (i >= param->name_len || bd_text_ascii_lower (param->name[i]) != name[i])
      return FALSE;
  return i < param->name_len && param->name[i] == '*';
}

/* The parameter @name in its RFC 2231 forms (name*, name*0…), for a
 * @value that has no plain "name=" parameter but one of those. */
static char *
extended_parameter (const char *value,
                    const char *name)
{
  g_autoptr(GArray) params = NULL;
  g_autofree char *extended = NULL;
  GString *joined;
  const char *v;

  params = split_params (value);

  extended = g_strconcat (name, "*", NULL);
  if ((v = find (params, extended)) != NULL)
    {
      joined = g_string_new (NULL);
      append_percent_decoded (joined, after_language (v));
      return g_string_free (joined, FALSE);
    }

  /* name*0, name*1…: the segments in order, each plain or extended */
  joined = NULL;
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *plain = segment_name (name, i, "");
      g_autofree char *encoded = segment_name (name, i, "*");

      if ((v = find (params, plain)) != NULL)
        {
          if (joined == NULL)
            joined = g_string_new (NULL);
          g_string_append (joined, v);
        }
      else if ((v = find (params, encoded)) != NULL)
        {
          if (joined == NULL)
            joined = g_string_new (NULL);
          append_percent_decoded (joined, i == 0 ? after_language (v) : v);
        }
      else
        break;
    }
  return joined != NULL ? g_string_free (joined, FALSE) : NULL;
}

/**
 * bd_mime_parameters:
 * @value: a Content-Type value, unfolded (e.g. "text/plain; charset=utf-8")
 * @names: the parameters, lower case, %NULL-terminated, none twice
 * @values: (out caller-allocates): one for each name: its value, unquoted
 *   and decoded, or %NULL
 *
 * bd_mime_parameter() for several parameters, @value read once: every
 * part's charset and a multipart's boundary are asked for.
 */
void
bd_mime_parameters (const char        *value,
                    const char *const *names,
                    char             **values)
{
  bd_mime_parameters_copy (value, names, values, NULL, NULL);
}

/**
 * bd_mime_parameters_copy:
 * @copy: (nullable): makes each value found from its bytes, instead of
 *   g_strndup () (then @values are @copy's, not to be g_free()d)
 *
 * bd_mime_parameters() with the values made by @copy: the MIME splitter
 * keeps them with the message's tree, where an allocation for each (and
 * its free) cost more than reading them.
 */
void
bd_mime_parameters_copy (const char        *value,
                         const char *const *names,
                         char             **values,
                         BdMimeCopyFunc     copy,
                         gpointer           user_data)
{
  guint n = 0, found = 0;
  guint32 extended = 0;   /* the names with an RFC 2231 form, as bits */
  RawParam raw;

  g_return_if_fail (value != NULL);
  g_return_if_fail (names != NULL && values != NULL);

  for (; names[n] != NULL; n++)
    values[n] = NULL;
  g_return_if_fail (n <= 32);
  /* The plain form, which nearly every message uses, read in place: the
   * first parameter of each name. The RFC 2231 forms are noted on the
   * way: without one, there is nothing to split (most Content-Types are
   * asked for a boundary or charset they lack). */
  for (const char *p = next_semicolon (value); found < n && next_param (&p, &raw);)
    for (guint i = 0; i < n; i++)
      {
        if (values[i] != NULL)
          continue;
        if (param_is (&raw, names[i]))
          {
            values[i] = param_value (&raw, copy, user_data);
            found++;
            break;
          }
        if (param_extends (&raw, names[i]))
          extended |= 1u << i;
      }
  for (guint i = 0; i < n && found < n; i++)
    if (values[i] == NULL && (extended & (1u << i)) != 0)
      values[i] = give_text (extended_parameter (value, names[i]), copy, user_data);
}

/**
 * bd_mime_parameter:
 * @value: a Content-Type value, unfolded (e.g. "text/plain; charset=utf-8")
 * @name: the parameter, lower case
 *
 * Returns: (transfer full) (nullable): the parameter's value, unquoted and
 *   decoded, or %NULL.
 */
char *
bd_mime_parameter (const char *value,
                   const char *name)
{
  const char *names[] = { name, NULL };
  char *found;

  g_return_val_if_fail (value != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  bd_mime_parameters (value, names, &found);
  return found;
}
