/* bd-mime.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The MIME structure of one message, found in a single pass over its
 * bytes (RFC 2045/2046): header blocks, content types, multipart bodies
 * split at their boundaries, and encapsulated messages (message/rfc822,
 * message/global, message/news) parsed in turn. Nothing is copied or
 * decoded until asked for: a part points into the caller's buffer, which
 * must outlive the tree (LF line ends: bd_decoder_decode_bytes() turns
 * CRLF and CR into LF first).
 *
 * The decoder reads a bounce's few parts and headers once; building a
 * GMime object for every header and part of both the bounce and the
 * returned message cost well over half of its time. GMime still does
 * what it is best at: encoded words, dates, address lists beyond the
 * plain forms, charsets and base64, on the values that are read.
 */
#pragma once

#include <gmime/gmime.h>
#include <string.h>

G_BEGIN_DECLS

/* Parts made for one message at most (a hostile "--b" line repeated
 * millions of times would otherwise take gigabytes). */
#define BD_MIME_MAX_PARTS 1024
/* The one MIME depth limit: nesting deeper than this is neither parsed
 * nor walked (bd-decoder.h lists every limit). */
#define BD_MIME_MAX_DEPTH 32

typedef struct _BdMimePart BdMimePart;

typedef struct
{
  const char *name;
  gsize       name_len;
  const char *value;           /* as in the message: folded lines included */
  gsize       value_len;
} BdMimeField;

/* A multipart's parts. Read like a GPtrArray (len, g_ptr_array_index ()),
 * but not one: it lives in the tree's blocks and is freed with the tree,
 * so a g_ptr_array_*() function given it is a type error, not a crash. */
typedef struct
{
  gpointer *pdata;
  guint     len;
} BdMimeChildren;

struct _BdMimePart
{
  const char *head;            /* the header block, without the blank line */
  gsize       head_len;
  const char *body;            /* the content, still transfer-encoded */
  gsize       body_len;
  char       *type;            /* lower case: "text", "multipart"… */
  char       *subtype;         /* lower case: "plain", "report"…; in @type's allocation */
  char       *charset;         /* the charset parameter, nullable */
  char       *boundary;        /* multipart only, nullable */
  char       *encoding;        /* Content-Transfer-Encoding, lower case, nullable */
  /* multipart: its parts, in order; else NULL */
  BdMimeChildren *children;
  BdMimePart *message;         /* message/rfc822 and the like: the message inside */
  const char *prologue;        /* multipart: the text before the first boundary */
  gsize       prologue_len;
  gboolean    too_deep;        /* parts below @max_depth were not parsed */
  gboolean    too_many_parts;  /* top part only: parts past BD_MIME_MAX_PARTS were not made */
  BdMimeField *fields;         /* the header block's fields, in order (bd_mime_fields()) */
  guint       n_fields;
  char        type_buf[24];    /* private: @type and @subtype when they fit */
  gpointer    arena;           /* private: the top part's, which holds the tree */
  gboolean    multipart;       /* private: what bd_mime_part_is_leaf () asks */
  gboolean    encapsulated;    /* private: message/rfc822 and the like, not encoded */
};

/* The whole tree, its fields and strings live in blocks that the top part
 * owns: bd_mime_part_free () frees them with it, and is a no-op on any
 * other part. */
BdMimePart *bd_mime_parse          (const char       *data,
                                    gsize             len,
                                    guint             max_depth);
/* The header block alone, for a reader of its fields: see bd-mime.c. */
BdMimePart *bd_mime_parse_head     (const char       *data,
                                    gsize             len);
void        bd_mime_part_free      (BdMimePart       *part);

gboolean    bd_mime_part_is        (const BdMimePart *part,
                                    const char       *type,
                                    const char       *subtype);
gboolean    bd_mime_part_is_leaf   (const BdMimePart *part);

const char *bd_mime_header_raw_n   (const BdMimePart *part,
                                    const char       *name,
                                    gsize             name_len,
                                    gsize            *len);
char       *bd_mime_header_n       (const BdMimePart *part,
                                    const char       *name,
                                    gsize             name_len);
/* A field's value found in bd_mime_fields (): unfolded and decoded, as
 * bd_mime_header_n () gives it. */
char       *bd_mime_header_value   (const char       *raw,
                                    gsize             len);

/* Inline, so that a name written in the call has its length known where
 * it is compiled: a strlen () for each of thousands of look-ups a run
 * cost more than a look through a short header. */
static inline const char *
bd_mime_header_raw (const BdMimePart *part,
                    const char       *name,
                    gsize            *len)
{
  return bd_mime_header_raw_n (part, name, name != NULL ? strlen (name) : 0, len);
}

static inline char *
bd_mime_header (const BdMimePart *part,
                const char       *name)
{
  return bd_mime_header_n (part, name, name != NULL ? strlen (name) : 0);
}

char       *bd_mime_unfold         (const char       *raw,
                                    gsize             len);
char       *bd_mime_unfold_len     (const char       *raw,
                                    gsize             len,
                                    gsize            *out_len);
/* The room bd_mime_unfold_in()'s callers give: nearly every Date:,
 * Content-Type: and address list fits. */
#define BD_MIME_UNFOLD_ROOM 256
const char *bd_mime_unfold_in      (const char       *raw,
                                    gsize             len,
                                    char             *buf,
                                    gsize             size,
                                    char            **heap,
                                    gsize            *out_len);
/* An address header (From, To…) parsed by GMime: encoded words, groups. */
InternetAddressList *bd_mime_address_header (const BdMimePart *part,
                                             const char       *name);
/* The plain forms of an address list ("a@b, Name <c@d>") read without
 * GMime; FALSE when GMime must read it. */
gboolean    bd_mime_plain_addresses      (const char       *value,
                                          GPtrArray        *addrs,
                                          guint             max);
gboolean    bd_mime_address_header_plain (const BdMimePart *part,
                                          const char       *name,
                                          GPtrArray        *addrs,
                                          guint             max);
gboolean    bd_mime_address_header_plain_first (const BdMimePart  *part,
                                                const char        *name,
                                                char             **first);
/* The same on a field's value found in bd_mime_fields (). */
InternetAddressList *bd_mime_address_value (const char       *raw,
                                            gsize             len);
gboolean    bd_mime_address_value_plain  (const char       *raw,
                                          gsize             len,
                                          GPtrArray        *addrs,
                                          guint             max);
gboolean    bd_mime_address_value_plain_first (const char  *raw,
                                               gsize        len,
                                               char       **first);
char       *bd_mime_plain_message_id     (const char       *value);
char       *bd_mime_message_id_value_plain (const char     *raw,
                                            gsize           len);

/* The header fields, in order. */
const BdMimeField *bd_mime_fields  (const BdMimePart *part,
                                    guint            *n_fields);

char       *bd_mime_part_content   (const BdMimePart *part,
                                    gsize            *len);

/* Whether @part's content is its body as it stands: no base64 or
 * quoted-printable to undo (bd_mime_part_content ()). Inline, the first
 * letters compared before any call: a reader of a text part's bytes asks
 * it of nearly every part, and the encoding is in lower case. */
static inline gboolean
bd_mime_part_body_is_content (const BdMimePart *part)
{
  const char *encoding = part->encoding;

  return encoding == NULL
      || !((encoding[0] == 'b' && strcmp (encoding, "base64") == 0)
           || (encoding[0] == 'q' && strcmp (encoding, "quoted-printable") == 0));
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdMimePart, bd_mime_part_free)

G_END_DECLS
