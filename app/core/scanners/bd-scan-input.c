/* bd-scan-input.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input every prose scanner reads, built once per message: the text
 * parts' decoding is mime/bd-mime-text.c's.
 */
#define G_LOG_DOMAIN "bd-scan-input"

#include "config.h"

#include <string.h>

#include <gmime/gmime.h>

#include "bd-mime-text.h"
#include "bd-scan-input.h"
#include "bd-text.h"

/* Text parts bigger than this (encoded) are not read: a bounce's prose is
 * short, a huge text part is an attachment. */
#define MAX_TEXT_PART (4 * 1024 * 1024)

/* A text part's text, as the collector keeps it; an HTML part's only
 * once it is needed (@text NULL until then). */
typedef struct
{
  const BdMimePart *part;
  char             *text;
  gsize             len;
  gboolean          seven_bit;   /* known to be (FALSE: not known) */
} Piece;

/* The text parts of one kind, in order. Most bounces have one or two, so
 * they live on the stack: a GArray for each cost two allocations and two
 * frees per message. Not to be copied (@items may point into @first). */
typedef struct
{
  Piece *items;
  guint  len;
  guint  size;
  Piece  first[4];
} Pieces;

static void
pieces_init (Pieces *pieces)
{
  pieces->items = pieces->first;
  pieces->len = 0;
  pieces->size = G_N_ELEMENTS (pieces->first);
}

static void
pieces_add (Pieces *pieces,
            Piece   piece)
{
  if (pieces->len == pieces->size)
    {
      Piece *grown = g_new (Piece, pieces->size * 2);

      memcpy (grown, pieces->items, pieces->len * sizeof (Piece));
      if (pieces->items != pieces->first)
        g_free (pieces->items);
      pieces->items = grown;
      pieces->size *= 2;
    }
  pieces->items[pieces->len++] = piece;
}

static void
pieces_clear (Pieces *pieces)
{
  for (guint i = 0; i < pieces->len; i++)
    g_free (pieces->items[i].text);
  if (pieces->items != pieces->first)
    g_free (pieces->items);
}

typedef struct
{
  Pieces            plain;
  Pieces            html;    /* the parts only: laid out when no plain text */
  const BdMimePart *original;
} Collect;

/* Whether @s is @word; the first bytes compared inline, as most differ
 * there. */
static inline gboolean
is_word (const char *s,
         const char *word)
{
  return s[0] == word[0] && strcmp (s, word) == 0;
}

static void
collect_text (Collect          *collect,
              const BdMimePart *part,
              guint             depth)
{
  if (part == NULL || depth > BD_MIME_MAX_DEPTH || part == collect->original)
    return;

  if (part->children != NULL)
    {
      for (guint i = 0; i < part->children->len; i++)
        collect_text (collect, g_ptr_array_index (part->children, i), depth + 1);
      return;
    }
  /* Only text/plain and text/html are read: a leaf (neither multipart
   * nor message), and none of the report parts (message/…,
   * text/rfc822-headers…). Type and subtype are in lower case
   * (bd-mime.h), so compared as they are: bd_mime_part_is () folds them
   * again, and this was asked of every part. */
  if (!is_word (part->type, "text") || part->body_len > MAX_TEXT_PART)
    return;
  if (is_word (part->subtype, "plain"))
    {
      Piece piece = { part, NULL, 0, FALSE };

      piece.text = bd_mime_part_text_seven_bit (part, &piece.len, &piece.seven_bit);
      pieces_add (&collect->plain, piece);
    }
  else if (is_word (part->subtype, "html"))
    pieces_add (&collect->html, (Piece) { part, NULL, 0, FALSE });
}

/* The HTML parts' text, laid out: only read when there is no plain text
 * (a multipart/alternative bounce has both, and its HTML was laid out
 * for nothing). */
static void
lay_out_html (Pieces *html)
{
  for (guint i = 0; i < html->len; i++)
    {
      Piece *piece = &html->items[i];
      g_autofree char *text = bd_mime_part_text (piece->part, &piece->len);

      piece->text = bd_mime_strip_html (text, piece->len, &piece->len);
    }
}

/* The pieces one after the other, a line break before each that follows
 * some text; @len is set to the length. The one piece most bounces have
 * is taken as it is, not copied. */
static char *
join_pieces (Pieces *pieces,
             gsize  *len)
{
  GString *joined;
  gsize total = 0;

  if (pieces->len == 1)
    {
      Piece *only = &pieces->items[0];

      *len = only->len;
      return g_steal_pointer (&only->text);
    }
  for (guint i = 0; i < pieces->len; i++)
    total += pieces->items[i].len + 1;
  joined = g_string_sized_new (total);
  for (guint i = 0; i < pieces->len; i++)
    {
      const Piece *piece = &pieces->items[i];

      if (joined->len > 0)
        g_string_append_c (joined, '\n');
      g_string_append_len (joined, piece->text, piece->len);
    }
  *len = joined->len;
  return g_string_free (joined, FALSE);
}

/* Whether the pieces are known to be 7-bit, so that the joined body (they
 * and line breaks) is: the text of a part was looked at as it was read,
 * and the body's own look repeated it. */
static gboolean
pieces_seven_bit (const Pieces *pieces)
{
  for (guint i = 0; i < pieces->len; i++)
    if (!pieces->items[i].seven_bit)
      return FALSE;
  return TRUE;
}

/* How much text the pieces hold together. */
static gsize
pieces_length (const Pieces *pieces)
{
  gsize total = 0;

  for (guint i = 0; i < pieces->len; i++)
    total += pieces->items[i].len;
  return total;
}

/* Copies @s, @n bytes, into @out in ASCII lower case with its NUL, and
 * returns the byte after it (GLib's g_ascii_strdown () calls a function
 * for each byte; ours lowers 16 at a time). */
static char *
lower_into (char       *out,
            const char *s,
            gsize       n)
{
  bd_text_ascii_down_copy (out, s, n);
  out[n] = '\0';
  return out + n + 1;
}

/* From: and Subject: in lower case, in one block that from_lower owns
 * (subject_lower points into it): one allocation a message, not two. 16
 * bytes follow the Subject's NUL (the Subject follows the From's), so
 * that both are searched 16 bytes at a time (bd_scan_from_has()). */
static void
lower_from_and_subject (BdScanInput *input)
{
  gsize from_len = strlen (input->from);
  gsize subject_len = strlen (input->subject);
  char *block = g_malloc (from_len + subject_len + 2 + 16);

  input->from_lower = block;
  input->subject_lower = block + from_len + 1;
  input->from_lower_len = from_len;
  input->subject_lower_len = subject_len;
  memset (lower_into (lower_into (block, input->from, from_len), input->subject, subject_len), 0, 16);
}

/* A header as the scanners read it: decoded, trimmed, "" when absent. */
static char *
decoded_header (const BdMimePart *message,
                const char       *name)
{
  char *value = bd_mime_header (message, name);

  return value != NULL ? value : g_strdup ("");
}

/**
 * bd_scan_input_init:
 * @input: (out caller-allocates): what to fill
 * @message: the bounce
 * @original: (nullable): its returned-message part
 *
 * Fills @input; release with bd_scan_input_clear().
 */
void
bd_scan_input_init (BdScanInput      *input,
                    const BdMimePart *message,
                    const BdMimePart *original)
{
  Collect collect;
  char *body;
  gsize body_len;
  gboolean seven_bit = FALSE;

  g_return_if_fail (input != NULL);
  g_return_if_fail (message != NULL);

  memset (input, 0, sizeof *input);
  pieces_init (&collect.plain);
  pieces_init (&collect.html);
  collect.original = original;
  collect_text (&collect, message, 0);

  if (pieces_length (&collect.plain) > 0)
    {
      seven_bit = pieces_seven_bit (&collect.plain);
      body = join_pieces (&collect.plain, &body_len);
    }
  else
    {
      lay_out_html (&collect.html);
      body = join_pieces (&collect.html, &body_len);
    }
  pieces_clear (&collect.plain);
  pieces_clear (&collect.html);

  /* A broken MIME structure (a boundary that never opens) leaves a
   * multipart without parts, its text stranded in the prologue: let the
   * scanners read that instead. Only then, and only a bounded amount:
   * big or deeply nested messages have parts and are read as such. */
  if (body_len == 0 && message->children != NULL && message->children->len == 0 && message->prologue_len > 0)
    {
      g_free (body);
      body = g_utf8_make_valid (message->prologue, MIN (message->prologue_len, 256 * 1024));
      body_len = strlen (body);
    }

  input->message = message;
  input->original = original;
  input->from = decoded_header (message, "From");
  input->subject = decoded_header (message, "Subject");
  lower_from_and_subject (input);
  input->body_len = body_len;
  input->body_is_ascii = seven_bit || bd_mime_text_is_seven_bit (body, body_len);
  input->body = body;
}

/**
 * bd_scan_input_give_headers:
 * @from: (out) (transfer full): set to @input's From:
 * @subject: (out) (transfer full): set to @input's Subject:
 *
 * Hands @input's From: and Subject: to the caller (the decoder's result,
 * which kept a copy of each), once. @input still reads them: the caller
 * frees them only after clearing @input.
 */
void
bd_scan_input_give_headers (BdScanInput  *input,
                            char        **from,
                            char        **subject)
{
  g_return_if_fail (input != NULL && !input->headers_given);

  *from = (char *)input->from;
  *subject = (char *)input->subject;
  input->headers_given = TRUE;
}

void
bd_scan_input_clear (BdScanInput *input)
{
  g_return_if_fail (input != NULL);

  if (!input->headers_given)
    {
      g_free ((char *)input->from);
      g_free ((char *)input->subject);
    }
  g_free ((char *)input->from_lower);   /* subject_lower too: see lower_from_and_subject () */
  g_free ((char *)input->body);
  memset (input, 0, sizeof *input);
}
