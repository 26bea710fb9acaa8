/* bd-mime-headers.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A part's header fields as the splitter indexed them (bd-mime.c): raw,
 * unfolded, with RFC 2047 encoded words decoded (GMime's decoder), or as
 * an address list (GMime's parser). The plain forms of address lists and
 * message IDs, nearly all of them, are read here without GMime, to the
 * same answer (test-mime-equivalence compares the two).
 */
#define G_LOG_DOMAIN "bd-mime"

#include "config.h"

#include <gmime/gmime.h>
#include <string.h>

#include "bd-mime-charset.h"
#include "bd-mime.h"
#include "bd-mime-private.h"
#include "bd-mime-text.h"
#include "bd-mime-walk.h"
#include "bd-mime-words.h"

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

  *n_fields = part->n_fields;
  return part->fields;
}

/* The first @name field's raw value. */
static const char *
find_field (const BdMimePart *part,
            const char       *name,
            gsize             wanted,
            gsize            *len)
{
  /* the array itself, not bd_mime_fields (): its checks cost a call for
   * every look-up */
  for (guint k = 0; k < part->n_fields; k++)
    {
      const BdMimeField *f = &part->fields[k];

      /* The first letter compared inline, case folded by its 0x20 bit: a
       * header has dozens of fields and this is called for each lookup. */
      if (f->name_len == wanted && (f->name[0] | 0x20) == (name[0] | 0x20)
          && bd_mime_names_equal (f->name, name, wanted))
        {
          *len = f->value_len;
          return f->value;
        }
    }
  return NULL;
}

/**
 * bd_mime_header_raw_n:
 * @name_len: strlen (@name) (bd_mime_header_raw () works it out)
 * @len: (out): the length of the value
 *
 * Returns: (nullable): the first @name field's value as it is in the
 *   message, folded lines included, or %NULL.
 */
const char *
bd_mime_header_raw_n (const BdMimePart *part,
                      const char       *name,
                      gsize             name_len,
                      gsize            *len)
{
  return find_field (part, name, name_len, len);
}

#ifdef __SSE2__
/* The LF, CR and NUL bytes among the 16 at @p, as bits. */
static inline unsigned
break_mask (const char *p)
{
  return bd_mime_walk_mask3 (p, '\n', '\r', '\0');
}

/* The bytes among the 16 at @p that may start or be part of what
 * bd_mime_walk_header_marks () looks for: an 8-bit byte or a '?'
 * (without a '?', no "=?"). */
static inline unsigned
marks_mask (const char *p)
{
  __m128i block = _mm_loadu_si128 ((const __m128i *)(gconstpointer)p);

  return (unsigned)_mm_movemask_epi8 (_mm_or_si128 (block, _mm_cmpeq_epi8 (block, _mm_set1_epi8 ('?'))));
}
#endif

/* Copies [@p, @end) to @q without its LF, CR and NUL bytes (the
 * decoder turned CRLF into LF; a CR or NUL left is dropped too); returns
 * the end of the copy. One pass, 16 bytes at a time where SSE2 is: it
 * was a search for CR, one for NUL, then one for LF on every line, for
 * every field read. The copy is never ahead of @p, so a whole block
 * stored at @q fits in a buffer as long as [@p, @end). With @marks, sets
 * it nonzero when an 8-bit byte or a '?' is among the bytes (every one is
 * in a block looked at): zero, the copy needs no decoding, and
 * bd_mime_header_value () does not look at it again. */
G_ALWAYS_INLINE static inline char *
copy_without_breaks (char       *q,
                     const char *p,
                     const char *end,
                     unsigned   *marks)
{
#ifdef __SSE2__
  const char *start = p;

  while (end - p >= 16)
    {
      unsigned breaks = break_mask (p);
      guint keep = breaks != 0 ? (guint)__builtin_ctz (breaks) : 16;

      if (marks != NULL)
        *marks |= marks_mask (p);
      /* all 16 stored, the bytes before the first break kept */
      _mm_storeu_si128 ((__m128i *)(gpointer)q, _mm_loadu_si128 ((const __m128i *)(gconstpointer)p));
      q += keep;
      p += breaks != 0 ? keep + 1 : 16;
    }
  /* The last bytes, looked at in the block ending at @end: without a
   * break among them (how a value usually ends) they are copied whole. */
  if (p < end && end - start >= 16 && (break_mask (end - 16) >> (16 - (end - p))) == 0)
    {
      if (marks != NULL)
        *marks |= marks_mask (end - 16);
      return bd_text_copy_short (q, p, end - p);
    }
#endif
  for (; p < end; p++)
    {
      if (marks != NULL && ((guchar)*p >= 0x80 || *p == '?'))
        *marks = 1;
      if (*p != '\n' && *p != '\r' && *p != '\0')
        *q++ = *p;
    }
  return q;
}

/* @raw's bytes between its leading and trailing white space. Inlined,
 * as copy_without_breaks () is, in both unfoldings: called, they cost as
 * much as the allocation bd_mime_unfold_in () saves. */
G_ALWAYS_INLINE static inline void
trim_blanks (const char **raw,
             const char **end)
{
  while (*raw < *end && g_ascii_isspace (**raw))
    (*raw)++;
  while (*end > *raw && g_ascii_isspace ((*end)[-1]))
    (*end)--;
}

/* bd_mime_unfold_len (), with @marks as copy_without_breaks () sets it. */
G_ALWAYS_INLINE static inline char *
unfold_alloc (const char *raw,
              gsize       len,
              gsize      *out_len,
              unsigned   *marks)
{
  const char *end = raw + len;
  char *out, *stop;

  trim_blanks (&raw, &end);
  out = g_malloc (end - raw + 1);
  stop = copy_without_breaks (out, raw, end, marks);
  *stop = '\0';
  *out_len = stop - out;
  return out;
}

/**
 * bd_mime_unfold_len:
 * @out_len: (out): the length of the result
 *
 * bd_mime_unfold() that also gives the result's length (it holds no NUL):
 * the tests that follow an unfolding need it, and strlen () cost a call.
 *
 * Returns: (transfer full): @raw without its line breaks, trimmed.
 */
char *
bd_mime_unfold_len (const char *raw,
                    gsize       len,
                    gsize      *out_len)
{
  return unfold_alloc (raw, len, out_len, NULL);
}

/**
 * bd_mime_unfold_in:
 * @buf: room for a short value
 * @size: its size in bytes
 * @heap: (out) (transfer full): the allocation made when the value did
 *   not fit @buf, else %NULL
 * @out_len: (out): the length of the result
 *
 * bd_mime_unfold_len() into the caller's @buf when it fits: for a value
 * read and dropped in place (a date, a Content-Type, an address list),
 * most of them short, an allocation saved.
 *
 * Returns: @raw without its line breaks, trimmed, in @buf or in *@heap.
 */
const char *
bd_mime_unfold_in (const char  *raw,
                   gsize        len,
                   char        *buf,
                   gsize        size,
                   char       **heap,
                   gsize       *out_len)
{
  const char *end = raw + len;
  char *stop;

  trim_blanks (&raw, &end);
  *heap = NULL;
  if ((gsize)(end - raw) >= size)
    return *heap = bd_mime_unfold_len (raw, end - raw, out_len);
  stop = copy_without_breaks (buf, raw, end, NULL);
  *stop = '\0';
  *out_len = stop - buf;
  return buf;
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
  gsize n;

  return bd_mime_unfold_len (raw, len, &n);
}

/* 8-bit text or an encoded word in the @len bytes of @value: one look
 * at them for both (bd_mime_walk_header_marks()). */
static gboolean
needs_decoding (const char *value,
                gsize       len)
{
  return bd_mime_walk_header_marks (value, len) != 0;
}

/**
 * bd_mime_header_value:
 * @raw: a field's value as it is in the message (bd_mime_fields())
 * @len: its length
 *
 * bd_mime_header_n() on a field already found: a caller that reads
 * several fields in one walk through them does not look each up again.
 *
 * Returns: (transfer full): @raw unfolded, trimmed and with encoded
 *   words decoded.
 */
char *
bd_mime_header_value (const char *raw,
                      gsize       len)
{
  char *value;
  unsigned marks = 0;

  g_return_val_if_fail (raw != NULL || len == 0, NULL);

  value = unfold_alloc (raw, len, &len, &marks);
  if (marks != 0 && needs_decoding (value, len))
    {
      /* UTF-8 encoded words, nearly all of them, without GMime */
      char *decoded = bd_mime_words_decode_utf8 (value, len);

      if (decoded == NULL)
        {
          bd_mime_charset_keep_encoded (value);
          decoded = g_mime_utils_header_decode_text (NULL, value);
        }

      g_free (value);
      value = decoded != NULL ? g_strstrip (decoded) : g_strdup ("");
    }
  return value;
}

/**
 * bd_mime_header_n:
 * @name_len: strlen (@name) (bd_mime_header () works it out)
 *
 * Returns: (transfer full) (nullable): the first @name field's value,
 *   unfolded, trimmed and with encoded words decoded (as GMime gives a
 *   header's value), or %NULL when there is none.
 */
char *
bd_mime_header_n (const BdMimePart *part,
                  const char       *name,
                  gsize             name_len)
{
  gsize len;
  const char *raw;

  g_return_val_if_fail (part != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if ((raw = bd_mime_header_raw_n (part, name, name_len, &len)) == NULL)
    return NULL;
  return bd_mime_header_value (raw, len);
}

/**
 * bd_mime_address_value:
 * @raw: an address field's value as it is in the message
 *
 * bd_mime_address_header() on a field already found.
 *
 * Returns: (transfer full) (nullable): @raw parsed as an address list.
 */
InternetAddressList *
bd_mime_address_value (const char *raw,
                       gsize       len)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (raw != NULL || len == 0, NULL);

  value = bd_mime_unfold (raw, len);
  bd_mime_charset_keep_encoded (value);
  return internet_address_list_parse (NULL, value);
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

  if (raw == NULL)
    return NULL;
  return bd_mime_address_value (raw, len);
}

/* The plain forms of an address list, read without GMime: GMime's parser
 * builds a GObject for the list and one for each address, and freeing
 * them cost more than the parse. Only forms whose address GMime takes
 * as written are read here; any other value (a group, a comment, a
 * quoted or IDN address, 8-bit text…) is left to GMime. */

/* RFC 5322 atext: the characters of an atom. A table, one load a byte:
 * tests by range then a switch cost a dozen instructions for each byte
 * of every address read. */
static const guint8 atext_table[256] = {
  ['a' ... 'z'] = TRUE, ['A' ... 'Z'] = TRUE, ['0' ... '9'] = TRUE,
  ['!'] = TRUE, ['#'] = TRUE, ['$'] = TRUE, ['%'] = TRUE, ['&'] = TRUE, ['\''] = TRUE, ['*'] = TRUE,
  ['+'] = TRUE, ['-'] = TRUE, ['/'] = TRUE, ['='] = TRUE, ['?'] = TRUE, ['^'] = TRUE, ['_'] = TRUE,
  ['`'] = TRUE, ['{'] = TRUE, ['|'] = TRUE, ['}'] = TRUE, ['~'] = TRUE,
};

static inline gboolean
is_atext (char c)
{
  return atext_table[(guchar)c];
}

/* Past the atext bytes at @p, before @end: the bound tested once for
 * four bytes (a byte at a time, it was a second test for each byte of
 * every address read). */
static inline const char *
skip_atext (const char *p,
            const char *end)
{
  for (; end - p >= 4; p += 4)
    {
      if (!is_atext (p[0]))
        return p;
      if (!is_atext (p[1]))
        return p + 1;
      if (!is_atext (p[2]))
        return p + 2;
      if (!is_atext (p[3]))
        return p + 3;
    }
  while (p < end && is_atext (*p))
    p++;
  return p;
}

/* Past the dot-atom at @p ("a.b.c"), before @end, or NULL when there is
 * none or it has a leading, trailing or doubled dot (which GMime drops or
 * refuses). With @idn, sets whether one of its atoms (a domain's labels)
 * starts with "xn--": GMime turns such a domain into Unicode. The labels
 * are looked at as they are passed, not searched for again. */
static const char *
skip_dot_atom (const char *p,
               const char *end,
               gboolean   *idn)
{
  for (;;)
    {
      const char *atom = p;

      /* the 4 bytes of "xn--" match only within an atom (no dot in them) */
      if (idn != NULL && end - p >= 4 && (*p | 0x20) == 'x' && bd_mime_walk_has_prefix_ci (p, "xn--", 4))
        *idn = TRUE;
      p = skip_atext (p, end);
      if (p == atom)
        return NULL;
      if (p == end || *p != '.')
        return p;
      p++;
    }
}

/* Past the addr-spec at @p, "local@domain" with both parts dot-atoms,
 * before @end, or NULL. */
static const char *
skip_plain_addr_spec (const char *p,
                      const char *end)
{
  gboolean idn = FALSE;

  p = skip_dot_atom (p, end, NULL);
  if (p == NULL || p == end || *p != '@')
    return NULL;
  p = skip_dot_atom (p + 1, end, &idn);
  if (p == NULL || idn)
    return NULL;
  return p;
}

/* The closing quote of the quoted string whose text starts at @p, before
 * @end, or NULL when a '\\', a line break, a NUL or an 8-bit byte comes
 * first: those are the only places such bytes could hide in a value read
 * as plain (all others are atext, blanks or the list's punctuation), so
 * a value read where it lies in the message, not unfolded, and not
 * looked through for 8-bit text first, reads as its unfolding would. */
static const char *
find_closing_quote (const char *p,
                    const char *end)
{
  for (; p < end; p++)
    {
      guchar c = (guchar)*p;

      if (c == '"')
        return p;
      if (c == '\\' || c == '\n' || c == '\r' || c == '\0' || c >= 0x80)
        return NULL;
    }
  return NULL;
}

/* Past the display name at @p, before @end: atoms and quoted strings
 * (without '\\'), blanks between them, and dots after a word, which
 * GMime takes into the name. Stops at the first other character. */
static const char *
skip_plain_phrase (const char *p,
                   const char *end)
{
  gboolean after_word = FALSE;

  while (p < end)
    {
      if (*p == ' ' || *p == '\t' || (*p == '.' && after_word))
        p++;
      else if (*p == '"')
        {
          const char *close = find_closing_quote (p + 1, end);

          if (close == NULL)
            return p;
          p = close + 1;
          after_word = TRUE;
        }
      else if (is_atext (*p))
        {
          p = skip_atext (p, end);
          after_word = TRUE;
        }
      else
        return p;
    }
  return p;
}

/* Reads the mailbox at @p, "local@domain" or "[name] <local@domain>",
 * before @end; returns the character after it, or NULL when it has
 * another form. */
static const char *
read_plain_mailbox (const char  *p,
                    const char  *end,
                    const char **addr,
                    gsize       *addr_len)
{
  const char *stop = skip_plain_addr_spec (p, end);

  if (stop != NULL)
    {
      *addr = p;
      *addr_len = stop - p;
      return stop;
    }
  p = skip_plain_phrase (p, end);
  if (p == end || *p != '<')
    return NULL;
  stop = skip_plain_addr_spec (p + 1, end);
  if (stop == NULL || stop == end || *stop != '>')
    return NULL;
  *addr = p + 1;
  *addr_len = stop - (p + 1);
  return stop + 1;
}

static const char *
skip_blanks (const char *p,
             const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  return p;
}

/* Reads [@value, @end) as plain mailboxes separated by commas; adds
 * their addresses to @addrs (when not NULL) while it holds fewer than
 * @max, and points @first (when not NULL) at the first one, @first_len
 * its length. Returns whether it has that form, to its end; when not,
 * what it added is taken back (whatever @addrs's free function). */
static gboolean
read_plain_list (const char  *value,
                 const char  *end,
                 GPtrArray   *addrs,
                 guint        max,
                 const char **first,
                 gsize       *first_len)
{
  const char *p = value;
  guint before = addrs != NULL ? addrs->len : 0;

  for (;;)
    {
      const char *addr;
      gsize len;

      if ((p = read_plain_mailbox (skip_blanks (p, end), end, &addr, &len)) == NULL)
        break;
      if (first != NULL && *first == NULL)
        {
          *first = addr;
          *first_len = len;
        }
      if (addrs != NULL && addrs->len < max)
        g_ptr_array_add (addrs, g_strndup (addr, len));
      p = skip_blanks (p, end);
      if (p == end)
        return TRUE;
      if (*p != ',')
        break;
      p++;
    }
  while (addrs != NULL && addrs->len > before)
    g_free (g_ptr_array_steal_index (addrs, addrs->len - 1));
  if (first != NULL)
    *first = NULL;
  return FALSE;
}

/* read_plain_list () on a field's @raw value: where it lies in the
 * message when that reads (a plain value is one line, whose unfolding is
 * itself trimmed: see find_closing_quote ()), else on its unfolding, on
 * the stack when it fits. Nearly every From, To and Message-ID is read
 * without a copy. */
static gboolean
read_plain_list_raw (const char  *raw,
                     gsize        len,
                     GPtrArray   *addrs,
                     guint        max,
                     const char **first,
                     gsize       *first_len,
                     char       **heap)
{
  const char *end = raw + len, *value;
  char buf[BD_MIME_UNFOLD_ROOM];

  trim_blanks (&raw, &end);
  if (read_plain_list (raw, end, addrs, max, first, first_len))
    return TRUE;
  if (!bd_mime_walk_has_break (raw, end - raw))
    return FALSE;
  /* the first address, if wanted, must outlive @buf: unfolded on the heap */
  value = first != NULL ? (*heap = bd_mime_unfold_len (raw, end - raw, &len))
                        : bd_mime_unfold_in (raw, end - raw, buf, sizeof buf, heap, &len);
  return read_plain_list (value, value + len, addrs, max, first, first_len);
}

/**
 * bd_mime_plain_addresses:
 * @value: an address field's value, unfolded
 * @addrs: (element-type utf8): where the addresses go
 * @max: how many addresses @addrs may hold
 *
 * Reads the forms nearly every address field has: mailboxes written
 * "local@domain", "Name <local@domain>" or "\"Name\" <local@domain>",
 * separated by commas, in ASCII, the local part and domain dot-atoms.
 *
 * Returns: whether @value has that form; then the addresses GMime's
 *   parser gives for it (internet_address_mailbox_get_addr ()) were
 *   added to @addrs, in order, while it held fewer than @max. When not,
 *   @addrs is unchanged: GMime must read @value.
 */
gboolean
bd_mime_plain_addresses (const char *value,
                         GPtrArray  *addrs,
                         guint       max)
{
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (addrs != NULL, FALSE);

  return read_plain_list (value, value + strlen (value), addrs, max, NULL, NULL);
}

/**
 * bd_mime_address_value_plain:
 * @raw: an address field's value as it is in the message
 * @addrs: (element-type utf8): where the addresses go
 * @max: how many addresses @addrs may hold
 *
 * bd_mime_plain_addresses() on a field's raw value, unfolded on the
 * stack when it fits.
 *
 * Returns: whether the value is plain (its addresses added); %FALSE when
 *   GMime must read it (bd_mime_address_value()).
 */
gboolean
bd_mime_address_value_plain (const char *raw,
                             gsize       len,
                             GPtrArray  *addrs,
                             guint       max)
{
  g_autofree char *heap = NULL;

  g_return_val_if_fail (raw != NULL || len == 0, FALSE);
  g_return_val_if_fail (addrs != NULL, FALSE);

  return read_plain_list_raw (raw, len, addrs, max, NULL, NULL, &heap);
}

/**
 * bd_mime_address_header_plain:
 * @addrs: (element-type utf8): where the addresses go
 * @max: how many addresses @addrs may hold
 *
 * bd_mime_plain_addresses() on the first @name field.
 *
 * Returns: %TRUE when the field is missing (no address added) or plain
 *   (its addresses added); %FALSE when GMime must read it
 *   (bd_mime_address_header()).
 */
gboolean
bd_mime_address_header_plain (const BdMimePart *part,
                              const char       *name,
                              GPtrArray        *addrs,
                              guint             max)
{
  gsize len;
  const char *raw;

  g_return_val_if_fail (part != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if ((raw = bd_mime_header_raw (part, name, &len)) == NULL)
    return TRUE;
  return bd_mime_address_value_plain (raw, len, addrs, max);
}

/**
 * bd_mime_address_value_plain_first:
 * @raw: an address field's value as it is in the message
 * @first: (out) (transfer full) (nullable): the first address, or %NULL
 *
 * bd_mime_address_value_plain() for the first address alone.
 *
 * Returns: %TRUE when the value is plain (@first set to its first
 *   address); %FALSE, @first set to %NULL, when GMime must read it
 *   (bd_mime_address_value()).
 */
gboolean
bd_mime_address_value_plain_first (const char  *raw,
                                   gsize        len,
                                   char       **first)
{
  const char *addr = NULL;
  g_autofree char *heap = NULL;

  g_return_val_if_fail (raw != NULL || len == 0, FALSE);
  g_return_val_if_fail (first != NULL, FALSE);

  *first = NULL;
  if (!read_plain_list_raw (raw, len, NULL, 0, &addr, &len, &heap))
    return FALSE;
  *first = g_strndup (addr, len);   /* a plain list has a mailbox */
  return TRUE;
}

/**
 * bd_mime_address_header_plain_first:
 * @first: (out) (transfer full) (nullable): the first address, or %NULL
 *
 * bd_mime_address_header_plain() for the first address alone: the
 * callers that want one made an array, an element and a copy of it.
 *
 * Returns: %TRUE when the field is missing (@first set to %NULL) or plain
 *   (@first set to its first address); %FALSE, @first set to %NULL,
 *   when GMime must read it (bd_mime_address_header()).
 */
gboolean
bd_mime_address_header_plain_first (const BdMimePart  *part,
                                    const char        *name,
                                    char             **first)
{
  gsize len;
  const char *raw;

  g_return_val_if_fail (part != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (first != NULL, FALSE);

  *first = NULL;
  if ((raw = bd_mime_header_raw (part, name, &len)) == NULL)
    return TRUE;
  return bd_mime_address_value_plain_first (raw, len, first);
}

/* "<local@domain>", all of [@p, @end), as "local@domain"; NULL for any
 * other form. */
static char *
plain_message_id (const char *p,
                  const char *end)
{
  const char *stop;

  if (end - p < 2 || p[0] != '<' || (stop = skip_plain_addr_spec (p + 1, end)) == NULL
      || stop + 1 != end || *stop != '>')
    return NULL;
  return g_strndup (p + 1, stop - (p + 1));
}

/**
 * bd_mime_plain_message_id:
 * @value: a Message-ID field's value, unfolded
 *
 * The form nearly every message ID has, "<local@domain>" with both parts
 * dot-atoms (no blanks, comments, quotes or IDN label), read without GMime.
 *
 * Returns: (transfer full) (nullable): what g_mime_utils_decode_message_id()
 *   gives for it, "local@domain"; %NULL when @value has another form (GMime
 *   must read it).
 */
char *
bd_mime_plain_message_id (const char *value)
{
  g_return_val_if_fail (value != NULL, NULL);

  return plain_message_id (value, value + strlen (value));
}

/**
 * bd_mime_message_id_value_plain:
 * @raw: a Message-ID field's value as it is in the message
 *
 * bd_mime_plain_message_id() on @raw unfolded: read where it lies when
 * it is one line (nearly every one), unfolded first only when not.
 *
 * Returns: (transfer full) (nullable): the ID, or %NULL when GMime must
 *   read it (g_mime_utils_decode_message_id() on the unfolded value).
 */
char *
bd_mime_message_id_value_plain (const char *raw,
                                gsize       len)
{
  const char *end = raw + len;
  char buf[BD_MIME_UNFOLD_ROOM];
  g_autofree char *heap = NULL;
  const char *value;
  char *id;

  g_return_val_if_fail (raw != NULL || len == 0, NULL);

  trim_blanks (&raw, &end);
  /* a plain ID has no break: one found in the span's ID is not plain */
  if ((id = plain_message_id (raw, end)) != NULL || !bd_mime_walk_has_break (raw, end - raw))
    return id;
  value = bd_mime_unfold_in (raw, end - raw, buf, sizeof buf, &heap, &len);
  return plain_message_id (value, value + len);
}
