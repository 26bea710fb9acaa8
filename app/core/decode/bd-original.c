/* bd-original.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-original"

#include "config.h"

#include <gio/gnetworking.h>
#include <string.h>

#include "bd-dsn.h"
#include "bd-gmime-autocleanups.h"
#include "bd-mime.h"
#include "bd-mime-charset.h"
#include "bd-date.h"
#include "bd-original.h"
#include "bd-original-private.h"
#include "bd-mime-text.h"
#include "bd-mime-walk.h"
#include "bd-text.h"

/* Enough of the text to recognise the message: the first lines, blank
 * runs squeezed, cut at a line end. */
#define EXCERPT_MAX_LINES 12
#define EXCERPT_MAX_BYTES 800

/* The excerpt being made: a buffer the size of the whole excerpt at
 * once nearly always (its lines are short), grown only for a long line. */
typedef struct
{
  char  *str;
  gsize  len;
  gsize  size;
} Excerpt;

static void
excerpt_append (Excerpt    *out,
                const char *line,
                gsize       n)
{
  /* room for the line, its line end and the NUL */
  if (out->len + n + 2 > out->size)
    {
      out->size = out->len + n + 2;
      out->str = g_realloc (out->str, out->size);
    }
  memcpy (out->str + out->len, line, n);
  out->len += n;
  out->str[out->len++] = '\n';
}

/* The excerpt's last line end and the NUL: what g_strchomp () left; NULL
 * when nothing is left or it is not UTF-8 (it holds no NUL, so a 7-bit
 * one is). */
static char *
excerpt_finish (Excerpt *out)
{
  while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
    out->len--;
  if (out->len == 0 || (!bd_mime_text_is_seven_bit (out->str, out->len)
                        && !g_utf8_validate (out->str, out->len, NULL)))
    {
      g_free (out->str);
      return NULL;
    }
  out->str[out->len] = '\0';
  return out->str;
}

static char *
make_excerpt (const char *text,
              gsize       len)
{
  /* room for the whole excerpt at once: it is at most the text and a
   * line end, and lines stop being added past EXCERPT_MAX_BYTES; built
   * in place, where a GString's calls (made, appended to, freed) cost
   * more than the copy */
  Excerpt out = { .size = MIN (len, EXCERPT_MAX_BYTES) + 2 };
  const char *p = text, *end = text + len;
  guint lines = 0;
  gboolean blank = TRUE;   /* also skips leading blank lines */

  out.str = g_malloc (out.size);
  while (p < end && lines < EXCERPT_MAX_LINES && out.len < EXCERPT_MAX_BYTES)
    {
      const char *eol = memchr (p, '\n', end - p);
      /* the line up to a NUL in it, stripped, in place */
      const char *line = p, *stop = p + strnlen (p, (eol ? eol : end) - p);

      p = eol ? eol + 1 : end;
      while (line < stop && g_ascii_isspace (*line))
        line++;
      while (stop > line && g_ascii_isspace (stop[-1]))
        stop--;
      if (line == stop)
        {
          if (!blank)
            excerpt_append (&out, line, 0);
          blank = TRUE;
          continue;
        }
      excerpt_append (&out, line, stop - line);
      blank = FALSE;
      lines++;
    }
  return excerpt_finish (&out);
}

/* The part GMime's g_mime_message_get_body() picks: the first text part,
 * depth first; a multipart/alternative is the body as a whole. */
static const BdMimePart *
guess_body (const BdMimePart *part)
{
  guint n;

  if (part->children == NULL)
    return bd_mime_part_is_leaf (part) && bd_mime_part_is (part, "text", "*") ? part : NULL;
  if (strcmp (part->subtype, "alternative") == 0)
    return part;
  n = part->children->len;
  if (n >= 1 && strcmp (part->subtype, "signed") == 0)
    n = 1;   /* the body, if any, is the signed part */
  for (guint i = 0; i < n; i++)
    {
      const BdMimePart *child = g_ptr_array_index (part->children, i);
      const BdMimePart *body = child->children != NULL ? guess_body (child)
                             : bd_mime_part_is_leaf (child) && bd_mime_part_is (child, "text", "*") ? child : NULL;

      if (body != NULL)
        return body;
    }
  return NULL;
}

/* Whether what only the app shows is read (bd_original_set_app_fields ()). */
static gint app_fields = TRUE;

/**
 * bd_original_set_app_fields:
 * @read: whether what only the app shows is read
 *
 * Two things decoded are shown by the app alone: an original's excerpt
 * (BdOriginal.excerpt, its diagnosis view) and the bounce's own To
 * (BdBounce.to, the domain bd_bounce_get_sender_domain () gives its
 * domain check when the copy names no sender). A program that never
 * shows them (the command-line tool: its JSON, text and CSV have
 * neither) turns them off once, at start-up, before it decodes: finding
 * and decoding the excerpt's text and reading the To cost a fourth of
 * reading the original. On by default.
 */
void
bd_original_set_app_fields (gboolean read)
{
  g_atomic_int_set (&app_fields, read);
}

/**
 * bd_original_app_fields:
 *
 * Returns: whether what only the app shows is read
 *   (bd_original_set_app_fields ()).
 */
gboolean
bd_original_app_fields (void)
{
  return g_atomic_int_get (&app_fields);
}

/* The message's text as its recipient would have seen it (the plain text
 * part; HTML is left out rather than shown as markup). */
static void
fill_excerpt (BdOriginal       *original,
              const BdMimePart *message)
{
  const BdMimePart *body;
  g_autofree char *text = NULL;
  gsize len = 0;

  if (original->excerpt != NULL || !bd_original_app_fields ())
    return;

  body = guess_body (message);
  if (body == NULL || body->children != NULL || !bd_mime_part_is (body, "text", "plain"))
    return;

  text = bd_mime_part_text (body, &len);
  if (text != NULL)
    original->excerpt = make_excerpt (text, len);
}

/* One "tag=value" of a DKIM-Signature or BIMI-Selector value
 * ("tag=value; tag=value", RFC 6376 §3.2): the name and value, stripped,
 * as spans of the value. */
typedef struct
{
  const char *name;
  gsize       name_len;
  const char *value;
  gsize       value_len;
} Tag;

/* [@start, @end) without the white space at either end (g_strstrip ()'s). */
static const char *
strip_span (const char *start,
            const char *end,
            gsize      *len)
{
  while (start < end && g_ascii_isspace (*start))
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  *len = end - start;
  return start;
}

/* The next tag at *@p (then moved past its ';'; NULL after the last),
 * split at its first '='; pieces without one are skipped. Read in place:
 * splitting the value into strings, then stripping each, cost more than
 * the rest of reading the original. */
static gboolean
next_tag (const char **p,
          Tag         *tag)
{
  while (*p != NULL)
    {
      const char *piece = *p;
      const char *semicolon = strchr (piece, ';');
      const char *end = semicolon != NULL ? semicolon : piece + strlen (piece);
      const char *eq = memchr (piece, '=', end - piece);

      *p = semicolon != NULL ? semicolon + 1 : NULL;
      if (eq == NULL)
        continue;
      tag->name = strip_span (piece, eq, &tag->name_len);
      tag->value = strip_span (eq + 1, end, &tag->value_len);
      return TRUE;
    }
  return FALSE;
}

static gboolean
tag_is (const Tag  *tag,
        const char *name)
{
  return tag->name_len == strlen (name) && memcmp (tag->name, name, tag->name_len) == 0;
}

/* The first d= and s= of the DKIM-Signature @value into @ref; returns
 * whether both were found. Once both are, the rest (the long bh= and b=
 * among them) is not read. */
static gboolean
read_dkim_tags (BdDkimRef  *ref,
                const char *value)
{
  Tag tag;

  for (const char *p = value; (ref->domain == NULL || ref->selector == NULL) && next_tag (&p, &tag);)
    {
      if (tag_is (&tag, "d") && ref->domain == NULL)
        ref->domain = bd_text_ascii_down_dup (tag.value, tag.value_len);
      else if (tag_is (&tag, "s") && ref->selector == NULL)
        ref->selector = g_strndup (tag.value, tag.value_len);
    }
  return ref->domain != NULL && ref->selector != NULL;
}

/* @ref added to @original, or freed when it names nothing. */
static void
add_dkim (BdOriginal *original,
          BdDkimRef  *ref)
{
  if (ref->domain == NULL && ref->selector == NULL)
    {
      bd_dkim_ref_free (ref);
      return;
    }
  g_ptr_array_add (original->dkim, ref);
}

/* BIMI (draft-brand-indicators-for-message-identification §4.2): the
 * sender names the record to use with "BIMI-Selector: v=BIMI1; s=brand";
 * without the header, receivers look up default._bimi. */
static char *
bimi_selector_of (const char *value)
{
  gboolean bimi1 = FALSE;
  const char *selector = NULL;
  gsize selector_len = 0;
  Tag tag;

  for (const char *p = value; next_tag (&p, &tag);)
    {
      if (tag_is (&tag, "v"))
        bimi1 = tag.value_len == 5 && bd_mime_walk_has_prefix_ci (tag.value, "bimi1", 5);
      else if (tag_is (&tag, "s") && selector == NULL)
        {
          selector = tag.value;
          selector_len = tag.value_len;
        }
    }
  return bimi1 && selector_len > 0 ? bd_text_ascii_down_dup (selector, selector_len) : NULL;
}

/* How many addresses of one field are kept. */
#define MAX_ADDRESSES 1000

static void
add_addresses (GPtrArray           *into,
               InternetAddressList *list,
               guint                depth)
{
  int n;

  if (list == NULL || depth > 2)
    return;
  n = internet_address_list_length (list);
  for (int i = 0; i < n && into->len < MAX_ADDRESSES; i++)
    {
      InternetAddress *address = internet_address_list_get_address (list, i);

      if (INTERNET_ADDRESS_IS_MAILBOX (address))
        g_ptr_array_add (into, g_strdup (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address))));
      else if (INTERNET_ADDRESS_IS_GROUP (address))
        add_addresses (into, internet_address_group_get_members (INTERNET_ADDRESS_GROUP (address)), depth + 1);
    }
}

/* The mailboxes of an address field's @raw value, groups' members
 * included. A plain field ("a@b", "Name <a@b>"), nearly every one, is
 * read without building GMime's objects. */
static void
add_field_addresses (GPtrArray  *into,
                     const char *raw,
                     gsize       len)
{
  g_autoptr(InternetAddressList) list = NULL;

  if (bd_mime_address_value_plain (raw, len, into, MAX_ADDRESSES))
    return;
  list = bd_mime_address_value (raw, len);
  add_addresses (into, list, 0);
}

/* The first of add_field_addresses()'s mailboxes, or NULL: a plain
 * field's without an array to hold the rest. */
static char *
first_field_address (const char *raw,
                     gsize       len)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(InternetAddressList) list = NULL;
  char *first;

  if (bd_mime_address_value_plain_first (raw, len, &first))
    return first;
  all = g_ptr_array_new_with_free_func (g_free);
  list = bd_mime_address_value (raw, len);
  add_addresses (all, list, 0);
  return all->len > 0 ? g_strdup (g_ptr_array_index (all, 0)) : NULL;
}

/* Room on the stack for a field's value read and dropped: nearly every
 * Received: and DKIM-Signature fits, and is then not allocated. */
#define VALUE_ROOM 1024

/* A field's value, unfolded, in @buf or, when it does not fit or was
 * decoded, in *@heap (the caller frees it); *@out_len its length. DKIM-Signature
 * and Received are long and, in practice, plain ASCII: GMime's
 * encoded-word decoder is only run on values that are not plain UTF-8 or
 * hold an encoded word. */
static const char *
header_value_in (const char *raw,
                 gsize       len,
                 char        buf[VALUE_ROOM],
                 char      **heap,
                 gsize      *out_len)
{
  gsize n;
  /* in @buf or *@heap, both ours to change */
  char *value = (char *)bd_mime_unfold_in (raw, len, buf, VALUE_ROOM, heap, &n);
  guint marks = bd_mime_walk_header_marks (value, n);

  /* ASCII (unfolded, it holds no NUL) is UTF-8: the cheaper test first */
  if ((marks & BD_MIME_WALK_ENCODED_WORD) != 0
      || ((marks & BD_MIME_WALK_EIGHT_BIT) != 0 && !g_utf8_validate (value, n, NULL)))
    {
      char *decoded;

      bd_mime_charset_keep_encoded (value);
      decoded = g_mime_utils_header_decode_text (NULL, value);
      g_free (*heap);
      *heap = decoded != NULL ? decoded : g_strdup ("");
      *out_len = strlen (*heap);
      return *heap;
    }
  *out_len = n;
  return value;
}

/* Whether @raw, unfolded, may be a value header_value_in () has GMime
 * decode: it holds an 8-bit byte or an "=?", or a '?' right after a byte
 * the unfolding drops (an '=' before it would make an "=?"). */
static gboolean
may_be_decoded (const char *raw,
                gsize       len)
{
  const char *end = raw + len;

  if (bd_mime_walk_header_marks (raw, len) != 0)
    return TRUE;
  for (const char *q = memchr (raw, '?', len); q != NULL; q = memchr (q + 1, '?', end - (q + 1)))
    if (q > raw && (q[-1] == '\n' || q[-1] == '\r' || q[-1] == '\0'))
      return TRUE;
  return FALSE;
}

/* How much of a DKIM-Signature's start dkim_head_tags () unfolds: its d=
 * and s= nearly always come before h=, bh= and b=, hundreds of bytes
 * that were unfolded only to be passed. */
#define DKIM_HEAD_ROOM 256

/* read_dkim_tags () on @raw's start, up to its last ';' in the first
 * DKIM_HEAD_ROOM bytes: the tags before that ';' are the value's own,
 * unfolded as they would be with the rest (nothing after it is trimmed
 * or decoded into them), so two found there are the answer. Returns
 * FALSE, @ref left empty, when they are not both there or the whole
 * value may need decoding. */
static gboolean
dkim_head_tags (BdDkimRef  *ref,
                const char *raw,
                gsize       len)
{
  char buf[DKIM_HEAD_ROOM];
  char *heap;   /* never set: the start always fits @buf */
  const char *cut = raw + MIN (len, sizeof buf - 1);
  gsize n;

  while (cut > raw && cut[-1] != ';')
    cut--;
  if (cut == raw || may_be_decoded (raw, len))
    return FALSE;
  bd_mime_unfold_in (raw, cut - raw, buf, sizeof buf, &heap, &n);
  g_assert (heap == NULL);
  if (read_dkim_tags (ref, buf))
    return TRUE;
  g_clear_pointer (&ref->domain, g_free);
  g_clear_pointer (&ref->selector, g_free);
  return FALSE;
}

/* Every DKIM-Signature's d= and s=. */
static void
read_dkim (BdOriginal        *original,
           const BdMimeField *f)
{
  BdDkimRef *ref = g_new0 (BdDkimRef, 1);

  if (!dkim_head_tags (ref, f->value, f->value_len))
    {
      char buf[VALUE_ROOM];
      g_autofree char *heap = NULL;
      gsize len;

      read_dkim_tags (ref, header_value_in (f->value, f->value_len, buf, &heap, &len));
    }
  add_dkim (original, ref);
}

/* The Received chain, top down, until one names a public sending IP. */
static void
read_received (BdOriginal        *original,
               const BdMimeField *f)
{
  char buf[VALUE_ROOM];
  g_autofree char *heap = NULL;
  const char *value;
  gsize len;

  if (original->sender_ip != NULL || !bd_original_received_may_name_ip (f->value, f->value_len))
    return;
  value = header_value_in (f->value, f->value_len, buf, &heap, &len);
  bd_original_parse_received_len (value, len, &original->sender_ip, &original->sender_host);
}

/* The first BIMI-Selector that names one. */
static void
read_bimi_selector (BdOriginal        *original,
                    const BdMimeField *f)
{
  char buf[VALUE_ROOM];
  g_autofree char *heap = NULL;
  gsize len;

  if (original->bimi_selector != NULL)
    return;
  original->bimi_selector = bimi_selector_of (header_value_in (f->value, f->value_len, buf, &heap, &len));
}

/* The first field of each name read once, noted in the one walk through
 * the fields that reads the repeated ones: a look-up for each of them
 * went through all the fields again, five times a message. */
typedef struct
{
  const BdMimeField *from;
  const BdMimeField *to;
  const BdMimeField *subject;
  const BdMimeField *message_id;
  const BdMimeField *date;
} Firsts;

/* Whether @f is named @name (@n bytes, as the RFCs write it), in any
 * case: compared as written first, in a few words (nearly every message
 * writes the RFC's case, and the compare of a constant length is
 * inlined), and only then folded byte by byte, where each byte was a
 * branch of its own for every field of the walk. */
static inline gboolean
field_is (const BdMimeField *f,
          const char        *name,
          gsize              n)
{
  return f->name_len == n && (memcmp (f->name, name, n) == 0 || bd_text_equal_ci (f->name, name, n));
}

static inline void
note_first (const BdMimeField **first,
            const BdMimeField  *f)
{
  if (*first == NULL)
    *first = f;
}

/* One field of the walk, told by its name's length first: most fields
 * are none of these, and are passed after one comparison. */
static void
read_field (BdOriginal        *original,
            const BdMimeField *f,
            Firsts            *firsts)
{
  switch (f->name_len)
    {
    case 2:
      if (field_is (f, "To", 2))
        note_first (&firsts->to, f);
      break;
    case 4:
      if (field_is (f, "From", 4))
        note_first (&firsts->from, f);
      else if (field_is (f, "Date", 4))
        note_first (&firsts->date, f);
      break;
    case 7:
      if (field_is (f, "Subject", 7))
        note_first (&firsts->subject, f);
      break;
    case 8:
      if (field_is (f, "Received", 8))
        read_received (original, f);
      break;
    case 10:
      if (field_is (f, "Message-ID", 10))
        note_first (&firsts->message_id, f);
      break;
    case 13:
      if (field_is (f, "BIMI-Selector", 13))
        read_bimi_selector (original, f);
      break;
    case 14:
      if (field_is (f, "DKIM-Signature", 14))
        read_dkim (original, f);
      break;
    default:
      break;
    }
}

static void
read_message_id (BdOriginal        *original,
                 const BdMimeField *f)
{
  char buf[BD_MIME_UNFOLD_ROOM];
  g_autofree char *heap = NULL;
  gsize len;

  /* "<local@domain>", nearly every one, without GMime's parser nor a copy */
  original->message_id = bd_mime_message_id_value_plain (f->value, f->value_len);
  if (original->message_id == NULL)
    original->message_id = g_mime_utils_decode_message_id (bd_mime_unfold_in (f->value, f->value_len, buf, sizeof buf,
                                                                               &heap, &len));
}

static void
read_date (BdOriginal        *original,
           const BdMimeField *f)
{
  char buf[BD_MIME_UNFOLD_ROOM];
  g_autofree char *heap = NULL;
  gsize len;
  const char *value = bd_mime_unfold_in (f->value, f->value_len, buf, sizeof buf, &heap, &len);

  original->date = bd_date_to_iso_utc_len (value, len);
}

/* The fields of @original still unset, from the first field of each name. */
static void
read_firsts (BdOriginal   *original,
             const Firsts *firsts)
{
  if (original->from == NULL && firsts->from != NULL)
    original->from = first_field_address (firsts->from->value, firsts->from->value_len);
  if (original->to->len == 0 && firsts->to != NULL)
    add_field_addresses (original->to, firsts->to->value, firsts->to->value_len);
  if (original->subject == NULL && firsts->subject != NULL)
    original->subject = bd_mime_header_value (firsts->subject->value, firsts->subject->value_len);
  if (original->message_id == NULL && firsts->message_id != NULL)
    read_message_id (original, firsts->message_id);
  if (original->date == NULL && firsts->date != NULL)
    read_date (original, firsts->date);
}

/**
 * bd_original_fill_from_message:
 *
 * Fills the fields of @original still unset from @message's headers.
 */
void
bd_original_fill_from_message (BdOriginal       *original,
                               const BdMimePart *message)
{
  const BdMimeField *fields;
  Firsts firsts = { NULL };
  guint n;

  g_return_if_fail (original != NULL);
  g_return_if_fail (message != NULL);

  fields = bd_mime_fields (message, &n);
  for (guint i = 0; i < n; i++)
    read_field (original, &fields[i], &firsts);
  read_firsts (original, &firsts);
  fill_excerpt (original, message);
}

/* The returned message's copy at @text parsed: its header block for the
 * fields, the content under it only when the excerpt is made. */
static BdMimePart *
parse_copy (const char *text,
            gsize       len)
{
  return bd_original_app_fields () ? bd_mime_parse (text, len, 1) : bd_mime_parse_head (text, len);
}

/**
 * bd_original_fill_from_part:
 * @part: a message/rfc822 or text/rfc822-headers part
 */
void
bd_original_fill_from_part (BdOriginal       *original,
                            const BdMimePart *part)
{
  g_return_if_fail (original != NULL);
  g_return_if_fail (part != NULL);

  if (part->message != NULL)
    {
      bd_original_fill_from_message (original, part->message);
      return;
    }
  if (bd_mime_part_is_leaf (part))
    {
      gsize len;
      g_autofree char *text = bd_mime_part_text (part, &len);
      g_autoptr(BdMimePart) message = parse_copy (text, len);

      bd_original_fill_from_message (original, message);
    }
}

/* Header names that open the copy of a message quoted in a bounce's
 * prose, in lower case (compared without case). */
static const char *const starters[] = {
  "return-path:", "received:", "dkim-signature:", "message-id:", "from:", "date:",
};

/* The starters' first letters, in either case: every line of the prose
 * is tried, and most start with none of them (one look-up, not a test
 * against every starter). Built once. */
static const guint8 *
starter_letters (void)
{
  static guint8 letters[256];
  static gsize built;

  if (g_once_init_enter (&built))
    {
      for (guint i = 0; i < G_N_ELEMENTS (starters); i++)
        {
          letters[(guchar)starters[i][0]] = TRUE;
          letters[(guchar)g_ascii_toupper (starters[i][0])] = TRUE;
        }
      g_once_init_leave (&built, 1);
    }
  return letters;
}

static const char *
find_header_block (const char *text,
                   gsize       len)
{
  const guint8 *letters = starter_letters ();
  const char *end = text + len;

  for (const char *p = text; p < end; )
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *next = eol ? eol + 1 : end;

      for (guint i = 0; letters[(guchar)*p] && i < G_N_ELEMENTS (starters); i++)
        {
          gsize n;

          /* case folded by the 0x20 bit: the starters are in lower case */
          if ((*p | 0x20) != starters[i][0])
            continue;
          n = strlen (starters[i]);
          if ((gsize)(end - p) > n && bd_mime_walk_has_prefix_ci (p, starters[i], n))
            {
              /* A block needs a second header line right after. */
              if (next < end && (g_ascii_isalpha (*next) || *next == ' ' || *next == '\t')
                  && memchr (next, ':', MIN ((gsize)(end - next), 80)) != NULL)
                return p;
            }
        }
      p = next;
    }
  return NULL;
}

/**
 * bd_original_fill_from_text:
 * @text: a bounce's prose, which may quote the returned message's headers
 *
 * Returns: %TRUE when a header block was found and read.
 */
gboolean
bd_original_fill_from_text (BdOriginal *original,
                            const char *text,
                            gsize       len)
{
  const char *start, *blank;
  g_autoptr(BdMimePart) message = NULL;
  gsize n;

  g_return_val_if_fail (original != NULL, FALSE);
  g_return_val_if_fail (text != NULL || len == 0, FALSE);

  start = find_header_block (text, len);
  if (start == NULL)
    return FALSE;
  n = MIN ((gsize)(text + len - start), 256 * 1024);
  /* Only the header block: the quoted body is not needed, but for the
   * excerpt. Without it, the head-only split stops at the block's blank
   * line by itself (the first, as the search below finds it): the block
   * is not looked through twice. */
  if (bd_original_app_fields ())
    {
      /* as g_strstr_len () finds it (not past a NUL) */
      blank = bd_mime_walk_find_blank_line (start, strnlen (start, n));
      if (blank != NULL)
        {
          n = blank - start + 2;
          if (original->excerpt == NULL)
            original->excerpt = make_excerpt (blank + 2, MIN ((gsize)(text + len - (blank + 2)), 16 * 1024));
        }
    }
  message = parse_copy (start, n);
  bd_original_fill_from_message (original, message);
  return TRUE;
}
