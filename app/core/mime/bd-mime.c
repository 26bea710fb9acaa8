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
#include "bd-mime-content-type.h"
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
          const char *eol = bd_mime_walk_find_line_end (p, end);

          /* the last field runs on to the folded line's end */
          if (last != NULL)
            last->value_len = eol - last->value;
          p = after_line (eol, end);
          continue;
        }
      if ((colon = field_colon (p, end, &name_end)) != NULL)
        {
          /* the line's end looked for from the colon: the name is passed */
          const char *eol = bd_mime_walk_find_line_end (colon, end);

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


/* type/subtype and the parameters the decoder uses, and the transfer
 * encoding (bd-mime-content-type.c). */
static void
read_content_type (const Head *head,
                   BdMimePart *part,
                   gboolean    in_digest)
{
  bd_mime_read_content_type (head->arena, part,
                             head->content_type >= 0 ? &part->fields[head->content_type] : NULL,
                             head->encoding >= 0 ? &part->fields[head->encoding] : NULL,
                             in_digest);
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

/**
 * bd_mime_next_dash_line:
 * @p: a line start
 *
 * The first line at or after @p that opens with "--", as boundary lines
 * do; NULL when none does. It looks for a line end followed by a '-'
 * (AVX2 where the processor has it), not for every dash, nor for a rare
 * byte of the boundary: HTML parts and their styles hold dashes on most
 * lines ("font-family"), text a boundary's '_' or '@' here and there,
 * and a search for each, then one for the end of its line, cost more
 * than the look at every byte; base64 holds no '-'.
 */
const char *
bd_mime_next_dash_line (const char *p,
                        const char *end)
{
  const char *nl;

  if (end - p >= 2 && p[0] == '-' && p[1] == '-')
    return p;
  while ((nl = bd_mime_walk_find_pair_long (p, end - p, '\n', '-')) != NULL)
    {
      if (end - nl >= 3 && nl[2] == '-')
        return nl + 1;
      p = nl + 2;
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
  gboolean digest = bd_mime_is_word (part->subtype, "digest");

  part->prologue = p;
  part->prologue_len = part->body_len;
  while ((p = bd_mime_next_dash_line (p, end)) != NULL)
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
  if (!bd_mime_is_word (part->type, "message")
      || (!bd_mime_is_word (part->subtype, "rfc822") && !bd_mime_is_word (part->subtype, "global")
          && !bd_mime_is_word (part->subtype, "news")))
    return FALSE;
  return part->encoding == NULL
      || (!bd_mime_is_word (part->encoding, "base64") && !bd_mime_is_word (part->encoding, "quoted-printable")
          && !bd_mime_is_word (part->encoding, "x-uuencode") && !bd_mime_is_word (part->encoding, "uuencode"));
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
  part->multipart = bd_mime_is_word (part->type, "multipart");
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
  bd_mime_set_content_type (arena, top, "text", 4, "plain", 5);
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
