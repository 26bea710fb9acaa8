/* bd-mime-headers.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A part's header fields as the splitter indexed them (bd-mime.c): raw,
 * unfolded, with RFC 2047 encoded words decoded (GMime's decoder), or as
 * an address list (GMime's parser).
 */
#define G_LOG_DOMAIN "bd-mime"

#include "config.h"

#include <gmime/gmime.h>
#include <string.h>

#include "bd-mime-charset.h"
#include "bd-mime-private.h"

/**
 * bd_mime_fields:
 * @n_fields: (out): how many
 *
 * Returns: (array length=n_fields): the header fields of @part, in order.
 */
const BdMimeField *
bd_mime_fields (const BdMimePart *part,
                guint            *n_fields)
{
  g_return_val_if_fail (part != NULL, NULL);

  *n_fields = part->fields->len;
  return (const BdMimeField *)(gpointer)part->fields->data;
}

/* The first (or, with @last, the last) @name field's raw value. */
static const char *
find_field (const BdMimePart *part,
            const char       *name,
            gboolean          last,
            gsize            *len)
{
  gsize wanted = strlen (name);
  guint n;
  const BdMimeField *fields = bd_mime_fields (part, &n);

  for (guint k = 0; k < n; k++)
    {
      const BdMimeField *f = &fields[last ? n - 1 - k : k];

      /* The first letter compared inline, case folded by its 0x20 bit: a
       * header has dozens of fields and this is called for each lookup. */
      if (f->name_len == wanted && (f->name[0] | 0x20) == (name[0] | 0x20)
          && g_ascii_strncasecmp (f->name, name, wanted) == 0)
        {
          *len = f->value_len;
          return f->value;
        }
    }
  return NULL;
}

/**
 * bd_mime_header_raw:
 * @len: (out): the length of the value
 *
 * Returns: (nullable): the first @name field's value as it is in the
 *   message, folded lines included, or %NULL.
 */
const char *
bd_mime_header_raw (const BdMimePart *part,
                    const char       *name,
                    gsize            *len)
{
  return find_field (part, name, FALSE, len);
}

/* GMime lets the last Content-Type and Content-Transfer-Encoding count. */
const char *
bd_mime_last_header_raw (const BdMimePart *part,
                         const char       *name,
                         gsize            *len)
{
  return find_field (part, name, TRUE, len);
}

/**
 * bd_mime_unfold:
 *
 * Returns: (transfer full): @raw without its line breaks, trimmed.
 */
char *
bd_mime_unfold (const char *raw,
                gsize       len)
{
  const char *end = raw + len;
  char *out, *q;

  while (raw < end && g_ascii_isspace (*raw))
    raw++;
  while (end > raw && g_ascii_isspace (end[-1]))
    end--;
  out = q = g_malloc (end - raw + 1);
  for (; raw < end; raw++)
    if (*raw != '\n' && *raw != '\r' && *raw != '\0')
      *q++ = *raw;
  *q = '\0';
  return out;
}

static gboolean
needs_decoding (const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    if ((guchar)*p >= 0x80 || (p[0] == '=' && p[1] == '?'))
      return TRUE;
  return FALSE;
}

/**
 * bd_mime_header:
 *
 * Returns: (transfer full) (nullable): the first @name field's value,
 *   unfolded, trimmed and with encoded words decoded (as GMime gives a
 *   header's value), or %NULL when there is none.
 */
char *
bd_mime_header (const BdMimePart *part,
                const char       *name)
{
  gsize len;
  const char *raw;
  char *value;

  g_return_val_if_fail (part != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if ((raw = bd_mime_header_raw (part, name, &len)) == NULL)
    return NULL;
  value = bd_mime_unfold (raw, len);
  if (needs_decoding (value))
    {
      char *decoded;

      bd_mime_charset_keep_encoded (value);
      decoded = g_mime_utils_header_decode_text (NULL, value);

      g_free (value);
      value = decoded != NULL ? g_strstrip (decoded) : g_strdup ("");
    }
  return value;
}

/**
 * bd_mime_address_header:
 *
 * Returns: (transfer full) (nullable): the first @name field parsed as an
 *   address list, or %NULL when there is none.
 */
InternetAddressList *
bd_mime_address_header (const BdMimePart *part,
                        const char       *name)
{
  gsize len;
  const char *raw = bd_mime_header_raw (part, name, &len);
  g_autofree char *value = NULL;

  if (raw == NULL)
    return NULL;
  value = bd_mime_unfold (raw, len);
  bd_mime_charset_keep_encoded (value);
  return internet_address_list_parse (NULL, value);
}
