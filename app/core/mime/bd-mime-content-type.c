/* bd-mime-content-type.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A part's Content-Type and Content-Transfer-Encoding, read for the MIME
 * splitter (bd-mime.c): type/subtype lowered, the charset, boundary and
 * other parameters the decoder uses, as GMime reads them. The common
 * forms (a one-line value, "; name=value" and "; name=\"value\"") are read
 * where they are in the message; every other form (folded lines, RFC
 * 2231, comments, backslashes) is unfolded and goes to
 * bd_mime_parameters_copy ().
 */
#define G_LOG_DOMAIN "bd-mime"

#include "config.h"

#include <gmime/gmime.h>
#include <string.h>

#include "bd-mime-arena.h"
#include "bd-mime-content-type.h"
#include "bd-mime-params.h"
#include "bd-mime-private.h"
#include "bd-mime-walk.h"

static const char *
skip_blanks (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* Past a "(comment)" at @p, nested ones included. */
static const char *
skip_comment (const char *p)
{
  int depth = 0;

  if (*p != '(')
    return p;
  for (; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        p++;
      else if (*p == '(')
        depth++;
      else if (*p == ')' && --depth == 0)
        return skip_blanks (p + 1);
    }
  return p;
}

/* The token characters (RFC 2045): printable US-ASCII but the
 * tspecials. A table, one load a byte: it runs for every byte of every
 * content type (a switch cost a dozen instructions a byte). */
static const guint8 token_table[256] = {
  ['!'] = TRUE, ['#' ... '\''] = TRUE, ['*' ... '+'] = TRUE, ['-' ... '.'] = TRUE,
  ['0' ... '9'] = TRUE, ['A' ... 'Z'] = TRUE, ['^' ... '~'] = TRUE,
};

static inline gboolean
is_token_char (char c)
{
  return token_table[(guchar)c];
}

/* g_ascii_strdown () of @n bytes without NUL into @out, folded inline: it
 * calls a function for each byte, for every part's type, subtype and
 * encoding. */
static void
lower_copy (char       *out,
            const char *s,
            gsize       n)
{
  gsize i = 0;

  /* 8 bytes at once ("multipart", "alternative", "quoted-printable"),
   * then 4 ("text", "plain"), the rest one by one */
  for (; i + 8 <= n; i += 8)
    {
      guint64 word;

      memcpy (&word, s + i, 8);
      word = bd_mime_fold_word (word);
      memcpy (out + i, &word, 8);
    }
  if (i + 4 <= n)
    {
      guint32 half;

      memcpy (&half, s + i, 4);
      half = (guint32)bd_mime_fold_word (half);
      memcpy (out + i, &half, 4);
      i += 4;
    }
  for (; i < n; i++)
    out[i] = bd_text_ascii_lower (s[i]);
  out[n] = '\0';
}

/* bd_mime_set_content_type () into the part's own buffer, both fitting it and
 * each shorter than 16 bytes: copied without a call, then the whole
 * buffer folded a word at a time (the bytes past them for nothing),
 * where lower_copy () folded each in turn, its tail byte by byte. */
static void
set_short_content_type (BdMimePart *part,
                        const char *type,
                        gsize       type_len,
                        const char *subtype,
                        gsize       subtype_len)
{
  char *buf = part->type_buf;

  G_STATIC_ASSERT (sizeof part->type_buf % 8 == 0);
  bd_text_copy_short (buf, type, type_len);
  buf[type_len] = '\0';
  bd_text_copy_short (buf + type_len + 1, subtype, subtype_len);
  buf[type_len + 1 + subtype_len] = '\0';
  for (gsize i = 0; i < sizeof part->type_buf; i += 8)
    {
      guint64 word;

      memcpy (&word, buf + i, 8);
      word = bd_mime_fold_word (word);
      memcpy (buf + i, &word, 8);
    }
  part->type = buf;
  part->subtype = buf + type_len + 1;
}

/* The type and subtype, lower case, in one allocation ("type\0subtype"):
 * the subtype points into the type's block, freed with it. Every part
 * has both; two allocations each cost as much as reading them. */
void
bd_mime_set_content_type (BdMimeArena *arena,
                          BdMimePart  *part,
                          const char  *type,
                          gsize        type_len,
                          const char  *subtype,
                          gsize        subtype_len)
{
  gsize size = type_len + 1 + subtype_len + 1;

  /* in the part itself when they fit ("multipart\0alternative", say):
   * an allocation cost as much as reading them */
  if (size <= sizeof part->type_buf && type_len < 16 && subtype_len < 16)
    {
      set_short_content_type (part, type, type_len, subtype, subtype_len);
      return;
    }
  part->type = size <= sizeof part->type_buf ? part->type_buf : bd_mime_arena_alloc (arena, size);
  lower_copy (part->type, type, type_len);
  part->subtype = part->type + type_len + 1;
  lower_copy (part->subtype, subtype, subtype_len);
}

/* The bytes of a parameter name read by read_plain_parameters (): a
 * token's but '*' (RFC 2231's forms are left to bd-mime-params.c) and
 * the tspecials. None of them ends a name there either. */
static const guint8 plain_name_table[256] = {
  ['0' ... '9'] = TRUE, ['A' ... 'Z'] = TRUE, ['a' ... 'z'] = TRUE, ['-'] = TRUE, ['_'] = TRUE, ['.'] = TRUE,
  ['+'] = TRUE,
};

/* The bytes that end an unquoted parameter value (bd-mime-params.c's
 * next_param ()): NUL, ';' and blanks; and LF, which ends a value read
 * in the message (read_raw_content_type ()), never in an unfolded one. */
static const guint8 value_stop_table[256] = {
  ['\0'] = TRUE, [';'] = TRUE, [' '] = TRUE, ['\t'] = TRUE, ['\n'] = TRUE,
};

/* A parameter's value as written, in the unfolded Content-Type. */
typedef struct
{
  const char *text;
  gsize       len;
} Span;

/* Reads the value at @p, unquoted or a quoted string without '\\',
 * not past @end; returns past it, or NULL for another form. The closing
 * quote is searched for, not walked to: boundaries are long. */
static const char *
read_plain_value (const char *p,
                  const char *end,
                  Span       *value)
{
  const char *close;

  if (*p != '"')
    {
      value->text = p;
      while (!value_stop_table[(guchar)*p])
        p++;
      value->len = p - value->text;
      return p;
    }
  value->text = ++p;
  close = bd_mime_walk_find_byte (p, end, '"');
  if (close == end || memchr (p, '\\', close - p) != NULL)
    return NULL;
  value->len = close - p;
  return close + 1;
}

/* The charset and (with @want_boundary) boundary parameters after the
 * subtype at @p, up to @end (a NUL or LF, the only one from @p on), read
 * as bd_mime_parameters_copy () reads them, for the
 * form nearly every Content-Type has: '; name=value' or
 * '; name="value"', blanks around them. Returns FALSE when the value has
 * any other form (then bd_mime_parameters_copy () must read it): that
 * reader splits every parameter into a name, and its lookup compares it
 * with both names each time, for a few hundred instructions a part. */
static gboolean
read_plain_parameters (const char *p,
                       const char *end,
                       gboolean    want_boundary,
                       Span       *charset,
                       Span       *boundary)
{
  guint left = want_boundary ? 2 : 1;

  for (p = skip_blanks (p); left > 0 && p < end; p = skip_blanks (p))
    {
      const char *name;
      gsize n;
      Span value;

      if (*p != ';')
        return FALSE;
      name = p = skip_blanks (p + 1);
      while (plain_name_table[(guchar)*p])
        p++;
      n = p - name;
      p = skip_blanks (p);
      if (n == 0 || *p != '=' || (p = read_plain_value (skip_blanks (p + 1), end, &value)) == NULL)
        return FALSE;
      /* the first of each name counts */
      if (n == 7 && charset->text == NULL && bd_mime_names_equal (name, "charset", 7))
        {
          *charset = value;
          left--;
        }
      else if (n == 8 && want_boundary && boundary->text == NULL && bd_mime_names_equal (name, "boundary", 8))
        {
          *boundary = value;
          left--;
        }
    }
  return TRUE;
}

/* The part's charset and (for a multipart) boundary, from the unfolded
 * Content-Type @value, @params its bytes after the subtype, or NULL when
 * the type was not read plainly (a comment, no subtype). */
/* Sets the part's charset and boundary from the spans read. */
static void
set_parameters (BdMimeArena *arena,
                BdMimePart  *part,
                const Span  *charset,
                const Span  *boundary)
{
  if (charset->text != NULL)
    part->charset = bd_mime_arena_strndup (charset->text, charset->len, arena);
  if (boundary->text != NULL)
    part->boundary = bd_mime_arena_strndup (boundary->text, boundary->len, arena);
}

/* The part's charset and (for a multipart) boundary, from the unfolded
 * Content-Type @value, @len bytes, @params its bytes after the subtype,
 * or NULL when the type was not read plainly (a comment, no subtype). */
static void
read_parameters (BdMimeArena *arena,
                 BdMimePart  *part,
                 const char  *value,
                 gsize        len,
                 const char  *params)
{
  static const char *const with_boundary[] = { "charset", "boundary", NULL };
  static const char *const charset_only[] = { "charset", NULL };
  gboolean multipart = bd_mime_is_word (part->type, "multipart");
  Span charset = { NULL, 0 }, boundary = { NULL, 0 };
  char *found[2] = { NULL, NULL };

  if (params != NULL && read_plain_parameters (params, value + len, multipart, &charset, &boundary))
    {
      set_parameters (arena, part, &charset, &boundary);
      return;
    }
  bd_mime_parameters_copy (value, multipart ? with_boundary : charset_only, found, bd_mime_arena_strndup, arena);
  part->charset = found[0];
  part->boundary = found[1];
}

/* "type / subtype" at @p (blanks before it skipped): sets @type and
 * @subtype to them and returns past the subtype, or NULL when there are
 * not both. */
static const char *
read_type (const char *p,
           Span       *type,
           Span       *subtype)
{
  type->text = p = skip_blanks (p);
  while (is_token_char (*p))
    p++;
  type->len = p - type->text;
  p = skip_blanks (p);
  if (*p != '/' || type->len == 0)
    return NULL;
  subtype->text = p = skip_blanks (p + 1);
  while (is_token_char (*p))
    p++;
  subtype->len = p - subtype->text;
  return subtype->len > 0 ? p : NULL;
}

/* Whether the Content-Type @field may be read where it is in the
 * message, not unfolded first: one line (no LF, CR or NUL in it, which
 * an unfolding drops) ended by a LF inside the part's header block (so
 * the reading stops there), and no white space but blanks at its end
 * (which the unfolding trims, a value read in place would keep). */
static gboolean
is_raw_plain (const BdMimePart  *part,
              const BdMimeField *field)
{
  const char *end = field->value + field->value_len;

  if (end >= part->head + part->head_len || bd_mime_walk_has_break (field->value, field->value_len))
    return FALSE;
  while (end > field->value && (end[-1] == ' ' || end[-1] == '\t'))
    end--;
  return end == field->value || !g_ascii_isspace (end[-1]);
}

/* The type and parameters of a one-line Content-Type (is_raw_plain ())
 * read in place, in the plain forms (read_type () without a comment,
 * read_plain_parameters ()), to what its unfolding gives; FALSE, the part
 * unchanged, for any other form. Nearly every part's is one: its copy
 * cost as much as reading it. */
static gboolean
read_raw_content_type (BdMimeArena       *arena,
                       BdMimePart        *part,
                       const BdMimeField *field)
{
  const char *end = field->value + field->value_len;
  Span type, subtype, charset = { NULL, 0 }, boundary = { NULL, 0 };
  const char *p;
  gboolean multipart;

  if ((p = read_type (field->value, &type, &subtype)) == NULL)
    return FALSE;
  multipart = type.len == 9 && bd_mime_names_equal (type.text, "multipart", 9);
  if (!read_plain_parameters (p, end, multipart, &charset, &boundary))
    return FALSE;
  bd_mime_set_content_type (arena, part, type.text, type.len, subtype.text, subtype.len);
  set_parameters (arena, part, &charset, &boundary);
  return TRUE;
}

/* Without a Content-Type (or one without a type and subtype) the type
 * is text/plain, or message/rfc822 inside a multipart/digest
 * (@in_digest), as RFC 2046 5.1.5 has it. */
static void
set_default_type (BdMimeArena *arena,
                  BdMimePart  *part,
                  gboolean     in_digest)
{
  if (in_digest)
    bd_mime_set_content_type (arena, part, "message", 7, "rfc822", 6);
  else
    bd_mime_set_content_type (arena, part, "text", 4, "plain", 5);
}

/* The Content-Type @field read from its unfolding: a leading (comment)
 * allowed, the parameters in every form bd_mime_parameters_copy ()
 * reads. */
static void
read_unfolded_content_type (BdMimeArena       *arena,
                            BdMimePart        *part,
                            const BdMimeField *field,
                            gboolean           in_digest)
{
  char buf[BD_MIME_UNFOLD_ROOM];
  g_autofree char *heap = NULL;
  const char *value, *p, *params;
  gboolean comment;
  Span type, subtype;
  gsize len;

  value = bd_mime_unfold_in (field->value, field->value_len, buf, sizeof buf, &heap, &len);
  /* "type / subtype", blanks and a leading (comment) allowed */
  p = skip_blanks (value);
  comment = *p == '(';
  params = read_type (comment ? skip_comment (p) : p, &type, &subtype);
  if (params != NULL)
    bd_mime_set_content_type (arena, part, type.text, type.len, subtype.text, subtype.len);
  else
    set_default_type (arena, part, in_digest);
  read_parameters (arena, part, value, len, comment ? NULL : params);
}

/* The Content-Transfer-Encoding @field, unfolded on the stack (or the
 * heap when long), lowered into the arena. */
static void
read_encoding (BdMimeArena       *arena,
               BdMimePart        *part,
               const BdMimeField *field)
{
  char room[BD_MIME_UNFOLD_ROOM];
  g_autofree char *long_value = NULL;
  const char *unfolded;
  gsize n;

  unfolded = bd_mime_unfold_in (field->value, field->value_len, room, sizeof room, &long_value, &n);
  part->encoding = bd_mime_arena_alloc (arena, n + 1);
  lower_copy (part->encoding, unfolded, n);
}

/**
 * bd_mime_read_content_type:
 * @type: (nullable): the part's last Content-Type field
 * @encoding: (nullable): its last Content-Transfer-Encoding field
 * @in_digest: whether the part is in a multipart/digest (message/rfc822
 *   by default)
 *
 * Sets @part's type/subtype, the parameters the decoder uses and the
 * transfer encoding, in @arena.
 */
void
bd_mime_read_content_type (BdMimeArena       *arena,
                           BdMimePart        *part,
                           const BdMimeField *type,
                           const BdMimeField *encoding,
                           gboolean           in_digest)
{
  if (type == NULL)
    set_default_type (arena, part, in_digest);
  else if (!is_raw_plain (part, type) || !read_raw_content_type (arena, part, type))
    read_unfolded_content_type (arena, part, type, in_digest);
  if (encoding != NULL)
    read_encoding (arena, part, encoding);
}
