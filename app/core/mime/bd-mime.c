/* bd-mime.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It follows what GMime's parser does with the same bytes where that
 * matters to a bounce: the last Content-Type and Content-Transfer-Encoding
 * fields count; a line that is not a header field is skipped when header
 * fields follow it before the blank line; a boundary line is "--boundary",
 * optionally "--" after it, then only white space; the line break before a
 * boundary line belongs to the boundary; a multipart whose boundary never
 * appears has no parts, only a prologue; an encapsulated message with a
 * transfer encoding is left as an opaque part. It departs from GMime on
 * purpose in one case: header fields followed by text without a blank line
 * (prose bounces written that way) keep the text as the body, where GMime
 * drops it.
 */
#define G_LOG_DOMAIN "bd-mime"

#include "config.h"

#include <gmime/gmime.h>
#include <string.h>

#include "bd-mime.h"
#include "bd-mime-arena.h"
#include "bd-mime-params.h"
#include "bd-mime-private.h"
#include "bd-mime-walk.h"

static const char *
line_end (const char *p,
          const char *end)
{
  return bd_mime_walk_find_byte (p, end, '\n');
}

static const char *
next_line (const char *p,
           const char *end)
{
  const char *nl = line_end (p, end);

  return nl < end ? nl + 1 : end;
}

/* The start of the line after the one ending at @eol (from line_end()):
 * no second search for the same line end. */
static const char *
after_line (const char *eol,
            const char *end)
{
  return eol < end ? eol + 1 : end;
}

/* The bytes a line ending in parameters may end with: ';' and the
 * blanks after it. */
static const guint8 param_line_end[256] = {
  [';'] = TRUE, [' '] = TRUE, ['\t'] = TRUE, ['\r'] = TRUE,
};

/* Whether the line at @p, not indented, still continues the field
 * above: that line ended with ';' and this one is a "name=value"
 * parameter. Some mailers drop the indentation when they fold a
 * Content-Type ("multipart/alternative;" then "boundary=…" at the start of
 * the next line); without this the boundary, and every part, is lost. */
static gboolean
continues_parameters (const char *head,
                      const char *p,
                      const char *end)
{
  const char *q = p - 1;   /* the '\n' ending the line above */
  const char *name = p;

  if (p <= head)
    return FALSE;
  /* The last byte of the line above, looked at once: nearly every line
   * ends in a letter, a digit or '>' (this runs for every line of every
   * header). */
  if (q > head && !param_line_end[(guchar)q[-1]])
    return FALSE;
  while (q > head && (q[-1] == ' ' || q[-1] == '\t' || q[-1] == '\r'))
    q--;
  if (q <= head || q[-1] != ';')
    return FALSE;
  /* bounded by @end, not the line's end: none of these bytes ends a line */
  while (name < end && (g_ascii_isalnum (*name) || *name == '-' || *name == '_' || *name == '*'))
    name++;
  if (name == p)
    return FALSE;
  while (name < end && (*name == ' ' || *name == '\t'))
    name++;
  return name < end && *name == '=';
}

/* The next line at or after @p that is a header field, stopping at the
 * blank line (returns NULL then, or at @end). */
static const char *
next_field_line (const char *p,
                 const char *end)
{
  const char *name_end;

  while (p < end)
    {
      if (*p == '\n')
        return NULL;
      if (*p != ' ' && *p != '\t' && bd_mime_walk_field_colon (p, end, &name_end) != NULL)
        return p;
      p = next_line (p, end);
    }
  return NULL;
}

/* A header block being split: where its fields go, and the fields
 * read_content_type () needs, noted as they are added (a look through
 * every part's fields from the end for them cost more than the split). */
typedef struct
{
  BdMimeArena *arena;
  guint  capacity;       /* how many fields fit at the arena's top */
  int    content_type;   /* the last Content-Type field's index, or -1 */
  int    encoding;       /* the last Content-Transfer-Encoding's, or -1 */
} Head;

/* The fields of the header block being split are made at the arena's
 * top, where the array grows while nothing else is allocated: the room
 * left in its block, at least 16 fields. */
static guint
fields_room (BdMimeArena *arena)
{
  if ((gsize)(arena->limit - arena->top) < 16 * sizeof (BdMimeField))
    bd_mime_arena_add_block (arena, 16 * sizeof (BdMimeField));
  return (arena->limit - arena->top) / sizeof (BdMimeField);
}

/* The array at the top is full: moved to a new block with room for
 * twice as many. */
static void
grow_fields (Head       *head,
             BdMimePart *part)
{
  BdMimeField *old = part->fields;
  BdMimeArena *arena = head->arena;

  bd_mime_arena_add_block (arena, 2 * (gsize)head->capacity * sizeof (BdMimeField));
  part->fields = (BdMimeField *)(gpointer)arena->top;
  memcpy (part->fields, old, part->n_fields * sizeof (BdMimeField));
  head->capacity = (arena->limit - arena->top) / sizeof (BdMimeField);
}

/* Notes the field @i, its name @n bytes at @name, when it is a
 * Content-Type or Content-Transfer-Encoding (the last of each counts, as
 * GMime has it). */
static void
note_content_field (Head       *head,
                    guint       i,
                    const char *name,
                    gsize       n)
{
  if (n == 12 && bd_mime_names_equal (name, "Content-Type", 12))
    head->content_type = i;
  else if (n == 25 && bd_mime_names_equal (name, "Content-Transfer-Encoding", 25))
    head->encoding = i;
}

/* A header field starting on the line at @line, its name ending at
 * @name_end, its value from @colon up to @eol (the folded lines after it
 * extend it); returns it. The array grows in place, at the arena's top:
 * a GArray cost a function call for every field and its own allocation.
 * The count is kept in *@n while the block is split, not in the part:
 * stored there for each field, it was loaded and stored again. */
static inline BdMimeField *
add_field (Head       *head,
           BdMimePart *part,
           guint      *n,
           const char *line,
           const char *name_end,
           const char *colon,
           const char *eol)
{
  BdMimeField *field;
  gsize name_len = name_end - line;

  if (G_UNLIKELY (*n == head->capacity))
    {
      part->n_fields = *n;
      grow_fields (head, part);
    }
  field = &part->fields[*n];
  /* the two lengths tested inline: the names are compared for few fields */
  if (name_len == 12 || name_len == 25)
    note_content_field (head, *n, line, name_len);
  (*n)++;
  field->name = line;
  field->name_len = name_len;
  field->value = colon + 1;
  field->value_len = eol - (colon + 1);
  return field;
}

/* bd_mime_walk_field_colon () with its usual answer first: the colon
 * right after the name ("Subject:"), one byte looked at. */
static inline const char *
field_colon (const char  *p,
             const char  *end,
             const char **name_end)
{
  const char *q = bd_mime_walk_skip_name (p, end);

  if (q < end && *q == ':' && q > p)
    {
      *name_end = q;
      return q;
    }
  return bd_mime_walk_field_colon (p, end, name_end);
}

/* split_head ()'s walk, the fields added at the arena's top. */
static void
split_fields (Head       *head,
              BdMimePart *part,
              const char *p,
              const char *end)
{
  const char *start = p;
  BdMimeField *last = NULL;   /* the field the line above belongs to */
  guint n = 0;

  part->head = start;
  while (p < end)
    {
      const char *colon, *name_end, *field;

      if (*p == '\n')
        {
          /* the blank line */
          part->n_fields = n;
          part->head_len = p - start;
          part->body = p + 1;
          part->body_len = end - part->body;
          return;
        }
      if (((*p == ' ' || *p == '\t') && p > start) || continues_parameters (start, p, end))
        {
          const char *eol = line_end (p, end);

          /* the last field runs on to the folded line's end */
          if (last != NULL)
            last->value_len = eol - last->value;
          p = after_line (eol, end);
          continue;
        }
      if ((colon = field_colon (p, end, &name_end)) != NULL)
        {
          /* the line's end looked for from the colon: the name is passed */
          const char *eol = line_end (colon, end);

          last = add_field (head, part, &n, p, name_end, colon, eol);
          p = after_line (eol, end);
          continue;
        }
      last = NULL;
      if (p == start || (field = next_field_line (next_line (p, end), end)) == NULL)
        break;   /* not a header: the content starts here */
      p = field;
    }
  part->n_fields = n;
  part->head_len = p - start;
  part->body = p;
  part->body_len = end - p;
}

/* Splits [p, end) into its header block and content, and indexes the
 * block's fields in the same pass: every part's Content-Type is looked
 * up, so an index made later meant reading each header block twice. A
 * line that is not a header field is skipped when fields follow it
 * before the blank line (a broken header), and so are the folded lines
 * after it; when none do, the content starts there (prose written
 * straight after the headers). */
static void
split_head (Head       *head,
            BdMimePart *part,
            const char *p,
            const char *end)
{
  BdMimeArena *arena = head->arena;

  head->capacity = fields_room (arena);
  head->content_type = head->encoding = -1;
  part->fields = (BdMimeField *)(gpointer)arena->top;
  split_fields (head, part, p, end);
  /* the array made, the arena's top moves past it */
  arena->top = (char *)(part->fields + part->n_fields);
}


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

/* Whether @s, a part's lower-case type, subtype or encoding, is @word:
 * the first bytes compared inline, as they mostly differ (every part is
 * tested against several words, some many times). */
static inline gboolean
is_word (const char *s,
         const char *word)
{
  return s[0] == word[0] && strcmp (s, word) == 0;
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

/* set_content_type () into the part's own buffer, both fitting it and
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
static void
set_content_type (BdMimeArena      *arena,
                  BdMimePart *part,
                  const char *type,
                  gsize       type_len,
                  const char *subtype,
                  gsize       subtype_len)
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
  gboolean multipart = is_word (part->type, "multipart");
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
  set_content_type (arena, part, type.text, type.len, subtype.text, subtype.len);
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
    set_content_type (arena, part, "message", 7, "rfc822", 6);
  else
    set_content_type (arena, part, "text", 4, "plain", 5);
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
    set_content_type (arena, part, type.text, type.len, subtype.text, subtype.len);
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

/* type/subtype and the parameters the decoder uses, and the transfer
 * encoding. */
static void
read_content_type (const Head *head,
                   BdMimePart *part,
                   gboolean    in_digest)
{
  BdMimeArena *arena = head->arena;
  const BdMimeField *type, *encoding;

  type = head->content_type >= 0 ? &part->fields[head->content_type] : NULL;
  encoding = head->encoding >= 0 ? &part->fields[head->encoding] : NULL;
  if (type == NULL)
    set_default_type (arena, part, in_digest);
  else if (!is_raw_plain (part, type) || !read_raw_content_type (arena, part, type))
    read_unfolded_content_type (arena, part, type, in_digest);
  if (encoding != NULL)
    read_encoding (arena, part, encoding);
}

/* Whether [p, eol) is a boundary line of @boundary (@n bytes); sets @last
 * for the closing one. */
static gboolean
is_boundary (const char *p,
             const char *eol,
             const char *boundary,
             gsize       n,
             gboolean   *last)
{
  if ((gsize)(eol - p) < n + 2 || p[0] != '-' || p[1] != '-' || memcmp (p + 2, boundary, n) != 0)
    return FALSE;
  p += n + 2;
  *last = eol - p >= 2 && p[0] == '-' && p[1] == '-';
  if (*last)
    p += 2;
  while (p < eol && (*p == ' ' || *p == '\t' || *p == '\r'))
    p++;
  return p == eol;
}

/* The first line at or after @p, a line start, that opens with "--", as
 * boundary lines do; NULL when none does. It looks for the dashes, not
 * for every line end: an attachment's base64 has no '-' at all, and a
 * line is looked at only when it holds one. */
static const char *
next_dash_line (const char *p,
                const char *end)
{
  while (p < end)
    {
      const char *dash = memchr (p, '-', end - p);

      if (dash == NULL)
        return NULL;
      if ((dash == p || dash[-1] == '\n') && dash + 1 < end && dash[1] == '-')
        return dash;
      p = next_line (dash, end);
    }
  return NULL;
}

/* The bytes rare in mail that an attachment's base64 never holds. Bytes
 * as common as '.' are not among them: a boundary keyed on '.'
 * (Sendmail's "id.time/host") met more dots than the dash walk met
 * dashes. A table: strcspn () built one for each boundary. */
static const guint8 rare_table[256] = {
  ['_'] = TRUE, ['`'] = TRUE, ['~'] = TRUE, ['^'] = TRUE, ['|'] = TRUE, ['\\'] = TRUE, ['{'] = TRUE,
  ['}'] = TRUE, ['%'] = TRUE, ['&'] = TRUE, ['*'] = TRUE, ['$'] = TRUE, ['!'] = TRUE, ['#'] = TRUE,
  ['\''] = TRUE, ['?'] = TRUE, [']'] = TRUE, ['['] = TRUE, [','] = TRUE, ['@'] = TRUE
};

/* The first rare byte of @boundary (@n bytes), so that a search for it
 * skips both the text and the attachments; FALSE when it has none. */
gboolean
bd_mime_boundary_key (const char        *boundary,
                      gsize              n,
                      BdMimeBoundaryKey *key)
{
  gsize i = 0;

  while (i < n && !rare_table[(guchar)boundary[i]])
    i++;
  if (i == n)
    return FALSE;
  key->rare = boundary[i];
  key->at = i + 2;
  return TRUE;
}

/* The first line at or after @p, a line start, that opens with "--" and
 * @boundary; NULL when none does. Only @key's byte is searched for: one
 * search for each of its few places, where the dash walk above took two
 * for each line holding a '-'. */
const char *
bd_mime_next_boundary_line (const char              *p,
                            const char              *end,
                            const char              *boundary,
                            gsize                    n,
                            const BdMimeBoundaryKey *key)
{
  const char *from = p, *hit;

  if ((gsize)(end - p) < n + 2)
    return NULL;   /* no room for one, nor for @key's place past @p */
  for (p += key->at; p < end && (hit = memchr (p, key->rare, end - p)) != NULL; p = hit + 1)
    {
      const char *line = hit - key->at;

      if ((line == from || line[-1] == '\n') && (gsize)(end - line) >= n + 2 && line[0] == '-' && line[1] == '-'
          && memcmp (line + 2, boundary, n) == 0)
        return line;
    }
  return NULL;
}

/* One bd_mime_parse(): its limits and how many parts it made. */
typedef struct
{
  BdMimeArena   *arena;
  guint    max_depth;
  guint    n_parts;
  gboolean too_many;
} Parser;

static BdMimePart *parse_part (Parser *parser, const char *p, const char *end, gboolean in_digest, guint depth);

/* A multipart's children while it is split: on the stack for the usual
 * few, as parsing each allocates in the arena between two of them. */
typedef struct
{
  BdMimePart **items;
  guint        n;
  guint        capacity;
  BdMimePart  *stack[16];
} Children;

static void
add_child (Children   *children,
           BdMimePart *child)
{
  if (children->n == children->capacity)
    {
      children->capacity *= 2;
      if (children->items == children->stack)
        children->items = g_memdup2 (children->stack, sizeof children->stack);
      children->items = g_renew (BdMimePart *, children->items, children->capacity);
    }
  children->items[children->n++] = child;
}

/* The part's children array, in the arena, taking those of @children
 * (when not NULL). */
static void
set_children (BdMimeArena      *arena,
              BdMimePart *part,
              Children   *children)
{
  BdMimeChildren *array = bd_mime_arena_alloc (arena, sizeof (BdMimeChildren));
  guint n = children != NULL ? children->n : 0;

  array->len = n;
  array->pdata = NULL;
  if (n > 0)
    {
      array->pdata = bd_mime_arena_alloc (arena, n * sizeof (gpointer));
      memcpy (array->pdata, children->items, n * sizeof (gpointer));
    }
  part->children = array;
}

static void split_parts (Parser *parser, BdMimePart *part, guint depth, Children *children);

static void
split_multipart (Parser     *parser,
                 BdMimePart *part,
                 guint       depth)
{
  Children children = { NULL, 0, G_N_ELEMENTS (children.stack), { NULL } };

  children.items = children.stack;
  split_parts (parser, part, depth, &children);
  set_children (parser->arena, part, &children);
  if (children.items != children.stack)
    g_free (children.items);
}

/* split_multipart ()'s walk over the boundary lines. */
static void
split_parts (Parser     *parser,
             BdMimePart *part,
             guint       depth,
             Children   *children)
{
  const char *p = part->body, *end = part->body + part->body_len;
  const char *start = NULL;   /* the current part's first byte */
  gsize n = strlen (part->boundary);
  gboolean digest = is_word (part->subtype, "digest");
  BdMimeBoundaryKey key;
  gboolean keyed = bd_mime_boundary_key (part->boundary, n, &key);

  part->prologue = p;
  part->prologue_len = part->body_len;
  while ((p = keyed ? bd_mime_next_boundary_line (p, end, part->boundary, n, &key) : next_dash_line (p, end)) != NULL)
    {
      const char *eol = line_end (p, end);
      gboolean last = FALSE;

      if (is_boundary (p, eol, part->boundary, n, &last))
        {
          /* the line break before the boundary line is the boundary's */
          const char *stop = p > part->body ? p - 1 : p;

          if (start == NULL)
            part->prologue_len = stop - part->body;
          else if (parser->n_parts < BD_MIME_MAX_PARTS)
            add_child (children, parse_part (parser, start, MAX (stop, start), digest, depth + 1));
          else
            parser->too_many = TRUE;
          if (last)
            return;
          start = eol < end ? eol + 1 : end;
        }
      p = eol < end ? eol + 1 : end;
    }
  if (start != NULL && parser->n_parts < BD_MIME_MAX_PARTS)
    add_child (children, parse_part (parser, start, end, digest, depth + 1));
  else if (start != NULL)
    parser->too_many = TRUE;
}

/* A message inside the message. One sent with a transfer encoding (which
 * RFC 2046 forbids) is left as an opaque part, as GMime does. */
static gboolean
is_message_type (const BdMimePart *part)
{
  if (!is_word (part->type, "message")
      || (!is_word (part->subtype, "rfc822") && !is_word (part->subtype, "global")
          && !is_word (part->subtype, "news")))
    return FALSE;
  return part->encoding == NULL
      || (!is_word (part->encoding, "base64") && !is_word (part->encoding, "quoted-printable")
          && !is_word (part->encoding, "x-uuencode") && !is_word (part->encoding, "uuencode"));
}

/* An mbox "From sender date" line before an encapsulated message's
 * headers is not one of them. */
static const char *
skip_from_line (const char *p,
                const char *end)
{
  if ((end - p > 5 && memcmp (p, "From ", 5) == 0) || (end - p > 6 && memcmp (p, ">From ", 6) == 0))
    return next_line (p, end);
  return p;
}

static BdMimePart *
parse_part (Parser     *parser,
            const char *p,
            const char *end,
            gboolean    in_digest,
            guint       depth)
{
  BdMimePart *part = memset (bd_mime_arena_alloc (parser->arena, sizeof (BdMimePart)), 0, sizeof (BdMimePart));
  Head head = { parser->arena, 0, -1, -1 };

  parser->n_parts++;
  split_head (&head, part, p, end);
  read_content_type (&head, part, in_digest);
  /* known once: bd_mime_part_is_leaf () is asked for every part, often */
  part->multipart = is_word (part->type, "multipart");
  part->encapsulated = !part->multipart && is_message_type (part);
  if (depth >= parser->max_depth)
    {
      part->too_deep = part->multipart || part->encapsulated;
      return part;
    }
  if (part->multipart)
    {
      if (part->boundary != NULL && part->boundary[0] != '\0')
        split_multipart (parser, part, depth);
      else
        {
          /* no boundary: GMime keeps the content as a prologue */
          set_children (parser->arena, part, NULL);
          part->prologue = part->body;
          part->prologue_len = part->body_len;
        }
    }
  else if (part->encapsulated)
    part->message = parse_part (parser, skip_from_line (part->body, part->body + part->body_len),
                                part->body + part->body_len, FALSE, depth + 1);
  return part;
}

/**
 * bd_mime_parse:
 * @data: a message with LF line ends; must outlive the result
 * @max_depth: how deep multiparts and encapsulated messages are parsed
 *
 * At most BD_MIME_MAX_PARTS parts are made; past that the top part's
 * too_many_parts is set.
 *
 * Returns: (transfer full): the message's top part: its header block is
 *   the message's, its content type the message's.
 */
BdMimePart *
bd_mime_parse (const char *data,
               gsize       len,
               guint       max_depth)
{
  Parser parser = { NULL, max_depth, 0, FALSE };
  const char *start = data != NULL ? data : "";
  BdMimePart *top;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  parser.arena = bd_mime_arena_new ();
  top = parse_part (&parser, start, start + len, FALSE, 0);
  top->too_many_parts = parser.too_many;
  top->arena = parser.arena;
  return top;
}

/**
 * bd_mime_parse_head:
 * @data: a message with LF line ends; must outlive the result
 *
 * bd_mime_parse() for a reader of the header fields alone
 * (bd_mime_fields ()): the header block is split and its fields indexed
 * the same, but its Content-Type and Content-Transfer-Encoding are not
 * read and nothing under it is parsed. The part says text/plain, without
 * charset, boundary or encoding, whatever its fields say: its content is
 * not to be read. Reading the content type cost a third of the split.
 *
 * Returns: (transfer full): the message's top part.
 */
BdMimePart *
bd_mime_parse_head (const char *data,
                    gsize       len)
{
  const char *start = data != NULL ? data : "";
  BdMimeArena *arena;
  BdMimePart *top;
  Head head;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  arena = bd_mime_arena_new ();
  top = memset (bd_mime_arena_alloc (arena, sizeof (BdMimePart)), 0, sizeof (BdMimePart));
  head = (Head) { arena, 0, -1, -1 };
  split_head (&head, top, start, start + len);
  set_content_type (arena, top, "text", 4, "plain", 5);
  top->arena = arena;
  return top;
}

void
bd_mime_part_free (BdMimePart *part)
{
  /* the top part, in the arena itself, goes with it */
  if (part != NULL && part->arena != NULL)
    bd_mime_arena_free (part->arena);
}

/**
 * bd_mime_part_is:
 * @subtype: a subtype, or "*" for any
 */
gboolean
bd_mime_part_is (const BdMimePart *part,
                 const char       *type,
                 const char       *subtype)
{
  /* the part's words are lower case: their first bytes, against the
   * asked ones' lowered, tell most of the calls apart inline */
  if (part->type[0] != bd_text_ascii_lower (type[0]))
    return FALSE;
  return bd_mime_walk_equal_ci (part->type, type)
      && ((subtype[0] == '*' && subtype[1] == '\0') || bd_mime_walk_equal_ci (part->subtype, subtype));
}

/* Neither a multipart nor an encapsulated message: GMime's GMimePart. */
gboolean
bd_mime_part_is_leaf (const BdMimePart *part)
{
  return !part->multipart && !part->encapsulated;
}

/* g_ascii_xdigit_value () of a hex digit (@c is one), inline: a call
 * for each of the two digits of every "=XX". */
static int
hex_digit_value (char c)
{
  return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

/* Decodes the "=" at @eq (before @end) into @o as
 * g_mime_encoding_quoted_decode_step() does: "=XX" (hex digits of either
 * case) is the byte, "=" then LF or CRLF a soft line break, any other
 * "=" kept with the two bytes after it. Returns past what it read, or
 * NULL for an "=" in the last two bytes (dropped with what follows: the
 * end). Moves *@o past what it wrote. */
static const char *
decode_qp_escape (const char *eq,
                  const char *end,
                  char      **o)
{
  char first, second;

  if (end - eq < 2)
    return NULL;   /* a last "=" */
  first = eq[1];
  if (first == '\n')
    return eq + 2;
  if (end - eq < 3)
    return NULL;   /* a last "=x" */
  second = eq[2];
  if (g_ascii_isxdigit (first) && g_ascii_isxdigit (second))
    *(*o)++ = (char)(hex_digit_value (first) << 4 | hex_digit_value (second));
  else if (!(first == '\r' && second == '\n'))
    {
      *(*o)++ = '=';
      *(*o)++ = first;
      *(*o)++ = second;
    }
  return eq + 3;
}

/* Quoted-printable decoded as g_mime_encoding_quoted_decode_step() does
 * in one step (decode_qp_escape()). The text between two '=' is copied
 * 16 bytes at a time where SSE2 is, the '=' found in the same look: a
 * memchr () and a memcpy () for every "=XX" cost more than the bytes
 * (non-ASCII text has one every few letters); GMime looks at every byte.
 * Returns the length written to @out, which has room for @len bytes. */
static gsize
decode_quoted_printable (const char *in,
                         gsize       len,
                         char       *out)
{
  const char *p = in, *end = in + len;
  char *o = out;

  while (p < end)
    {
#ifdef __SSE2__
      unsigned eqs = 0;

      /* the output is never ahead of @p: 16 bytes fit at @o */
      for (; end - p >= 16; p += 16, o += 16)
        {
          _mm_storeu_si128 ((__m128i *)(gpointer)o, _mm_loadu_si128 ((const __m128i *)(gconstpointer)p));
          if ((eqs = bd_mime_walk_mask (p, '=')) != 0)
            break;
        }
      if (eqs != 0)
        {
          /* the bytes before the '=' are stored already */
          o += __builtin_ctz (eqs);
          p += __builtin_ctz (eqs);
        }
      else
#endif
        {
          const char *eq = memchr (p, '=', end - p);
          const char *stop = eq != NULL ? eq : end;

          memcpy (o, p, stop - p);
          o += stop - p;
          p = stop;
          if (eq == NULL)
            break;
        }
      if ((p = decode_qp_escape (p, end, &o)) == NULL)
        break;
    }
  return o - out;
}

/**
 * bd_mime_part_content:
 * @len: (out) (optional): its length
 *
 * Returns: (transfer full): the content with its transfer encoding
 *   (base64, quoted-printable) undone, NUL-terminated; bytes, in the
 *   part's charset.
 */
char *
bd_mime_part_content (const BdMimePart *part,
                      gsize            *len)
{
  char *out;
  gsize n;

  g_return_val_if_fail (part != NULL, NULL);

  if (!bd_mime_part_body_is_content (part))
    {
      int state = 0;
      guint32 save = 0;

      out = g_malloc (part->body_len + 4);
      if (part->encoding[0] == 'b')
        n = g_mime_encoding_base64_decode_step ((const unsigned char *)part->body, part->body_len,
                                                (unsigned char *)out, &state, &save);
      else
        n = decode_quoted_printable (part->body, part->body_len, out);
      out[n] = '\0';
    }
  else
    {
      n = part->body_len;
      out = g_malloc (n + 1);
      memcpy (out, part->body, n);
      out[n] = '\0';
    }
  if (len != NULL)
    *len = n;
  return out;
}
