/* bd-scan-input.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Charset conversion happens once per part, here, so that the scanners and
 * the classifier only ever see UTF-8 with LF line ends.
 */
#define G_LOG_DOMAIN "bd-scan-input"

#include "config.h"

#include <string.h>

#include <gmime/gmime.h>

#include "bd-scan-input.h"

/* Text parts bigger than this (encoded) are not read: a bounce's prose is
 * short, a huge text part is an attachment. */
#define MAX_TEXT_PART (4 * 1024 * 1024)

static gboolean
is_utf8_name (const char *charset)
{
  return g_ascii_strcasecmp (charset, "utf-8") == 0
      || g_ascii_strcasecmp (charset, "utf8") == 0
      || g_ascii_strcasecmp (charset, "us-ascii") == 0
      || g_ascii_strcasecmp (charset, "ascii") == 0;
}

/* Charsets in which the bytes 0x01-0x7f are ASCII: 7-bit text in them needs
 * no conversion (unlike ISO-2022-JP or UTF-7, left out). */
static gboolean
is_ascii_superset (const char *charset)
{
  return g_ascii_strncasecmp (charset, "iso-8859-", 9) == 0
      || g_ascii_strncasecmp (charset, "windows-125", 11) == 0
      || g_ascii_strncasecmp (charset, "cp125", 5) == 0
      || g_ascii_strncasecmp (charset, "koi8-", 5) == 0;
}

/* Whether no byte is above 0x7f. Tested eight bytes at a time, as
 * nearly every bounce is plain ASCII. */
static gboolean
is_seven_bit (const char *text,
              gsize       len)
{
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 w;

      memcpy (&w, text + i, 8);
      if ((w & high) != 0)
        return FALSE;
    }
  for (; i < len; i++)
    if ((guchar)text[i] >= 0x80)
      return FALSE;
  return TRUE;
}

/* Whether every byte is 0x01-0x7f: valid UTF-8 as it stands. */
static gboolean
is_plain_ascii (const char *text,
                gsize       len)
{
  return is_seven_bit (text, len) && memchr (text, '\0', len) == NULL;
}

/* Drops every CR: CRLF and lone CR both become LF. */
static gsize
normalise_newlines (char  *text,
                    gsize  len)
{
  char *out = text;

  if (memchr (text, '\r', len) == NULL)
    return len;
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '\r')
        {
          *out++ = '\n';
          if (i + 1 < len && text[i + 1] == '\n')
            i++;
          continue;
        }
      *out++ = text[i];
    }
  *out = '\0';
  return out - text;
}

/**
 * bd_scan_input_to_utf8:
 * @charset: (nullable): the declared charset
 *
 * Returns: (transfer full): @text converted to valid UTF-8, NUL-terminated.
 */
char *
bd_scan_input_to_utf8 (const char *text,
                       gsize       len,
                       const char *charset,
                       gsize      *out_len)
{
  char *out = NULL;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (len == 0)
    {
      if (out_len != NULL)
        *out_len = 0;
      return g_strdup ("");
    }
  /* Each way that sets out has validated it already. */
  if ((charset == NULL || is_utf8_name (charset) || is_ascii_superset (charset)) && is_plain_ascii (text, len))
    out = g_strndup (text, len);
  else if ((charset == NULL || is_utf8_name (charset)) && g_utf8_validate_len (text, len, NULL))
    out = g_strndup (text, len);
  else if (charset != NULL && !is_utf8_name (charset))
    {
      iconv_t cd = g_mime_iconv_open ("UTF-8", charset);

      if (cd != (iconv_t) -1)
        {
          out = g_mime_iconv_strndup (cd, text, len);
          g_mime_iconv_close (cd);
          if (out != NULL && !g_utf8_validate (out, -1, NULL))
            g_clear_pointer (&out, g_free);
        }
    }
  if (out == NULL)
    {
      out = g_mime_utils_decode_8bit (NULL, text, len);
      if (out == NULL || !g_utf8_validate (out, -1, NULL))
        {
          char *valid = g_utf8_make_valid (out ? out : text, out ? -1 : (gssize)len);

          g_free (out);
          out = valid;
        }
    }
  if (out_len != NULL)
    *out_len = normalise_newlines (out, strlen (out));
  else
    normalise_newlines (out, strlen (out));
  return out;
}

/**
 * bd_scan_input_part_text:
 * @part: a leaf part
 * @len: (out) (optional): the length of the result
 *
 * Returns: (transfer full): the part's content with the transfer encoding
 * undone, in UTF-8 with LF line ends; "" when it has none.
 */
char *
bd_scan_input_part_text (const BdMimePart *part,
                         gsize            *len)
{
  return bd_scan_input_part_text_hinted (part, NULL, len);
}

/**
 * bd_scan_input_part_text_hinted:
 * @fallback: (nullable): the charset to try when the part declares none and
 *   is not UTF-8 (servers write 8-bit report parts in the charset of their
 *   explanation, e.g. ISO-8859-2 for Polish)
 *
 * Like bd_scan_input_part_text().
 */
char *
bd_scan_input_part_text_hinted (const BdMimePart *part,
                                const char       *fallback,
                                gsize            *len)
{
  const char *charset;
  g_autofree char *content = NULL;
  gsize n;

  g_return_val_if_fail (part != NULL, NULL);

  if (len != NULL)
    *len = 0;
  if (!bd_mime_part_is_leaf (part))
    return g_strdup ("");

  content = bd_mime_part_content (part, &n);
  charset = part->charset;
  if (charset == NULL && fallback != NULL && !g_utf8_validate_len (content, n, NULL))
    charset = fallback;
  return bd_scan_input_to_utf8 (content, n, charset, len);
}

static gboolean
tag_is (const char *tag,
        gsize       len,
        const char *name)
{
  gsize n = strlen (name);

  return len >= n && g_ascii_strncasecmp (tag, name, n) == 0
      && (len == n || !g_ascii_isalnum (tag[n]));
}

/* "&#8217;" or "&#x27;" at @p: the character, and where the reference
 * ends; 0 when it is none (or names no character text may hold). */
static gunichar
read_char_ref (const char  *p,
               const char  *end,
               const char **after)
{
  gboolean hex = p + 2 < end && (p[2] == 'x' || p[2] == 'X');
  const char *q = p + (hex ? 3 : 2);
  guint32 c = 0;
  guint digits = 0;

  if (p + 2 >= end || p[1] != '#')
    return 0;
  for (; q < end && digits <= 8 && (hex ? g_ascii_isxdigit (*q) : g_ascii_isdigit (*q)); q++, digits++)
    c = c * (hex ? 16 : 10) + (hex ? (guint32)g_ascii_xdigit_value (*q) : (guint32)(*q - '0'));
  if (digits == 0 || digits > 8 || q >= end || *q != ';'
      || c == 0 || c >= 0x110000 || (c >= 0xd800 && c <= 0xdfff))
    return 0;
  *after = q + 1;
  return c;
}

static const char *
append_entity (GString    *out,
               const char *p,
               const char *end)
{
  /* The ones bounces and mail programs write; &shy; is a hyphenation hint. */
  static const struct { const char *name; const char *text; } entities[] = {
    { "nbsp;", " " }, { "amp;", "&" }, { "lt;", "<" }, { "gt;", ">" },
    { "quot;", "\"" }, { "apos;", "'" }, { "rsquo;", "’" }, { "lsquo;", "‘" },
    { "rdquo;", "”" }, { "ldquo;", "“" }, { "bdquo;", "„" }, { "ndash;", "–" }, { "mdash;", "—" },
    { "hellip;", "…" }, { "laquo;", "«" }, { "raquo;", "»" }, { "shy;", "" },
  };
  const char *after;
  gunichar c;

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      gsize n = strlen (entities[i].name);

      if ((gsize)(end - p) > n && g_ascii_strncasecmp (p + 1, entities[i].name, n) == 0)
        {
          g_string_append (out, entities[i].text);
          return p + 1 + n;
        }
    }
  if ((c = read_char_ref (p, end, &after)) != 0)
    {
      g_string_append_unichar (out, c);
      return after;
    }
  g_string_append_c (out, '&');
  return p + 1;
}

/* Block tags: the text after them starts a line of its own. */
static gboolean
is_block_tag (const char *tag,
              gsize       len)
{
  static const char *const tags[] = {
    "p", "/p", "div", "/div", "tr", "/tr", "li", "/li", "table", "/table", "h1", "/h1", "h2", "/h2",
    "h3", "/h3", "blockquote", "/blockquote", "hr", "pre", "/pre",
  };

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    if (tag_is (tag, len, tags[i]))
      return TRUE;
  return FALSE;
}

static void
drop_trailing_blanks (GString *out)
{
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
}

/* Ends the line: a blank at its end is dropped. */
static void
break_line (GString *out)
{
  drop_trailing_blanks (out);
  g_string_append_c (out, '\n');
}

/* Makes the next text start a line, as blocks do; at the start of the
 * text, nothing. Paragraphs count as blocks: Outlook writes every line as
 * one (with no margin), and an empty line as one holding only &nbsp;. */
static void
start_line (GString *out)
{
  gsize len = out->len;

  drop_trailing_blanks (out);
  if (out->len == 0)
    return;
  if (out->str[out->len - 1] != '\n' || out->len < len)
    g_string_append_c (out, '\n');
}

/**
 * bd_scan_input_strip_html:
 *
 * Returns: (transfer full): the text of an HTML document as a browser
 * lays it out: tags dropped, a line break at <br> and at block ends, white
 * space (line ends in the source included) made one space except in
 * <pre>, scripts and styles skipped, the common entities decoded.
 */
char *
bd_scan_input_strip_html (const char *html,
                          gsize       len,
                          gsize      *out_len)
{
  GString *out = g_string_sized_new (len / 2 + 16);
  const char *p = html, *end = html + len;
  gboolean pre = FALSE;

  g_return_val_if_fail (html != NULL || len == 0, NULL);

  while (p < end)
    {
      if (*p == '<')
        {
          const char *close = memchr (p, '>', end - p);
          const char *tag = p + 1;
          gsize tag_len;

          if (close == NULL)
            break;
          tag_len = close - tag;
          if (tag_is (tag, tag_len, "script") || tag_is (tag, tag_len, "style"))
            {
              const char *stop = g_strstr_len (close, end - close, "</");

              while (stop != NULL && !(tag_is (stop + 2, end - stop - 2, "script")
                                       || tag_is (stop + 2, end - stop - 2, "style")))
                stop = g_strstr_len (stop + 2, end - stop - 2, "</");
              close = stop ? memchr (stop, '>', end - stop) : NULL;
              if (close == NULL)
                break;
            }
          else if (tag_is (tag, tag_len, "br"))
            break_line (out);
          else if (is_block_tag (tag, tag_len))
            {
              if (tag_is (tag, tag_len, "pre") || tag_is (tag, tag_len, "/pre"))
                pre = tag[0] != '/';
              start_line (out);
            }
          else if ((tag_is (tag, tag_len, "/td") || tag_is (tag, tag_len, "/th"))
                   && out->len > 0 && out->str[out->len - 1] != '\n' && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          p = close + 1;
          continue;
        }
      if (*p == '&')
        {
          p = append_entity (out, p, end);
          continue;
        }
      if (!pre && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        {
          /* a run of white space is one space, none at a line start */
          if (out->len > 0 && out->str[out->len - 1] != '\n' && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          p++;
          continue;
        }
      g_string_append_c (out, *p++);
    }
  if (out_len != NULL)
    *out_len = out->len;
  return g_string_free (out, FALSE);
}

typedef struct
{
  GString          *plain;
  GString          *html;
  const BdMimePart *original;
} Collect;

static gboolean
is_report_part (const BdMimePart *part)
{
  const char *sub = part->subtype;

  return strcmp (part->type, "message") == 0
      || strcmp (sub, "rfc822-headers") == 0
      || strcmp (sub, "delivery-status") == 0
      || strcmp (sub, "feedback-report") == 0
      || strcmp (sub, "disposition-notification") == 0;
}

static void
collect_text (Collect          *collect,
              const BdMimePart *part,
              guint             depth)
{
  if (part == NULL || depth > BD_SCAN_MAX_DEPTH || part == collect->original)
    return;

  if (part->children != NULL)
    {
      for (guint i = 0; i < part->children->len; i++)
        collect_text (collect, g_ptr_array_index (part->children, i), depth + 1);
      return;
    }
  if (!bd_mime_part_is_leaf (part) || is_report_part (part))
    return;
  if (bd_mime_part_is (part, "text", "plain") || bd_mime_part_is (part, "text", "html"))
    {
      gboolean html = bd_mime_part_is (part, "text", "html");
      GString *into = html ? collect->html : collect->plain;
      gsize len;
      g_autofree char *text = NULL;

      if (part->body_len > MAX_TEXT_PART)
        return;
      text = bd_scan_input_part_text (part, &len);

      if (into->len > 0)
        g_string_append_c (into, '\n');
      if (html)
        {
          g_autofree char *stripped = bd_scan_input_strip_html (text, len, &len);
          g_string_append_len (into, stripped, len);
        }
      else
        g_string_append_len (into, text, len);
    }
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
  GString *body;

  g_return_if_fail (input != NULL);
  g_return_if_fail (message != NULL);

  memset (input, 0, sizeof *input);
  collect.plain = g_string_new (NULL);
  collect.html = g_string_new (NULL);
  collect.original = original;
  collect_text (&collect, message, 0);

  if (collect.plain->len > 0)
    {
      body = collect.plain;
      g_string_free (collect.html, TRUE);
    }
  else
    {
      body = collect.html;
      g_string_free (collect.plain, TRUE);
    }

  /* A broken MIME structure (a boundary that never opens) leaves a
   * multipart without parts, its text stranded in the prologue: let the
   * scanners read that instead. Only then, and only a bounded amount:
   * big or deeply nested messages have parts and are read as such. */
  if (body->len == 0 && message->children != NULL && message->children->len == 0 && message->prologue_len > 0)
    {
      g_autofree char *valid = g_utf8_make_valid (message->prologue, MIN (message->prologue_len, 256 * 1024));

      g_string_append (body, valid);
    }

  input->message = message;
  input->original = original;
  input->from = decoded_header (message, "From");
  input->subject = decoded_header (message, "Subject");
  input->body_len = body->len;
  input->body_is_ascii = is_seven_bit (body->str, body->len);
  input->body = g_string_free (body, FALSE);
}

void
bd_scan_input_clear (BdScanInput *input)
{
  g_return_if_fail (input != NULL);

  g_free ((char *)input->from);
  g_free ((char *)input->subject);
  g_free ((char *)input->body);
  memset (input, 0, sizeof *input);
}
