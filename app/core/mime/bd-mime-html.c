/* bd-mime-html.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text of an HTML part as a browser lays it out: bounces written in
 * HTML (Exchange, Outlook forwards) are read as the person sees them.
 */
#define G_LOG_DOMAIN "bd-mime-html"

#include "config.h"

#include <string.h>

#include "bd-mime-text.h"
#include "bd-mime-walk.h"

static inline gboolean
tag_is (const char *tag,
        gsize       len,
        const char *name)
{
  gsize n;

  /* The first letter inline (case folded by its 0x20 bit) before any
   * call: every tag is tried against two dozen names. */
  if (len == 0 || (tag[0] | 0x20) != (name[0] | 0x20))
    return FALSE;
  n = strlen (name);
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
      gsize n;

      /* the first letter inline (case folded by its 0x20 bit), before
       * any call: an '&' is tried against every name */
      if (end - p < 2 || (p[1] | 0x20) != entities[i].name[0])
        continue;
      n = strlen (entities[i].name);
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

/* The longest tag name looked for ("/blockquote"), and room for it. */
#define TAG_KEY_SIZE 16

/* The name of the tag [@tag, @tag + @len) as tag_is() matches names: an
 * optional '/', then the letters and digits after it, in lower case; ""
 * when longer than any name looked for. Read once per tag: each was
 * compared with two dozen names. */
static void
read_tag_key (const char *tag,
              gsize       len,
              char        key[TAG_KEY_SIZE])
{
  gsize n = 0, i = 0;

  if (len > 0 && tag[0] == '/')
    key[n++] = tag[i++];
  for (; i < len && g_ascii_isalnum (tag[i]); i++)
    {
      if (n == TAG_KEY_SIZE - 1)
        {
          key[0] = '\0';
          return;
        }
      key[n++] = tag[i] | 0x20;   /* lower case, for letters and digits alike */
    }
  key[n] = '\0';
}

/* White space as HTML collapses it. */
static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* What a tag does to the text around it. */
typedef enum
{
  TAG_OTHER,
  TAG_SKIPPED,     /* script, style: their content is skipped too */
  TAG_BREAK,       /* br */
  TAG_BLOCK,       /* the text after it starts a line of its own */
  TAG_PRE,         /* a block, and white space kept until /pre */
  TAG_PRE_END,
  TAG_CELL_END,    /* /td, /th: a blank between cells */
} TagKind;

/* The kind of the tag whose key (read_tag_key ()) is @key: a switch on
 * its first letter, then one comparison, instead of comparing the key
 * with every name in turn. */
static TagKind
tag_kind (const char *key)
{
  gboolean closing = key[0] == '/';
  const char *name = closing ? key + 1 : key;

  switch (name[0])
    {
    case 'p':
      if (strcmp (name, "pre") == 0)
        return closing ? TAG_PRE_END : TAG_PRE;
      return name[1] == '\0' ? TAG_BLOCK : TAG_OTHER;
    case 'd':
      return strcmp (name, "div") == 0 ? TAG_BLOCK : TAG_OTHER;
    case 'l':
      return strcmp (name, "li") == 0 ? TAG_BLOCK : TAG_OTHER;
    case 't':
      if (strcmp (name, "tr") == 0 || strcmp (name, "table") == 0)
        return TAG_BLOCK;
      return closing && (strcmp (name, "td") == 0 || strcmp (name, "th") == 0) ? TAG_CELL_END : TAG_OTHER;
    case 'h':
      if (name[1] >= '1' && name[1] <= '3' && name[2] == '\0')
        return TAG_BLOCK;
      return !closing && strcmp (name, "hr") == 0 ? TAG_BLOCK : TAG_OTHER;
    case 'b':
      if (strcmp (name, "blockquote") == 0)
        return TAG_BLOCK;
      return !closing && strcmp (name, "br") == 0 ? TAG_BREAK : TAG_OTHER;
    case 's':
      return !closing && (strcmp (name, "script") == 0 || strcmp (name, "style") == 0) ? TAG_SKIPPED : TAG_OTHER;
    default:
      return TAG_OTHER;
    }
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

#ifdef __SSE2__
/* The bytes among the 16 at @p that end a run of text (text_run_end ()),
 * as bits; @after_space tells whether the byte before them is a space,
 * and is set for the next block. */
static inline unsigned
run_stops (const char *p,
           gboolean    pre,
           unsigned   *after_space)
{
  unsigned stops = bd_mime_walk_mask (p, '<') | bd_mime_walk_mask (p, '&');

  return pre ? stops : stops | bd_mime_walk_blank_stops (p, after_space);
}
#endif

/* The end of the run of text at @p that is copied as it is, @p following
 * a byte of the run that is not a space: up to markup, an entity, a line
 * end, tab or CR, or a second space in a row. A single space after a word
 * is in the run: it is the one space the white space rule writes there.
 * Inside <pre> (@pre), white space is kept: up to markup or an entity.
 * Runs went word by word, a copy each, and every space was a step of its
 * own. */
static const char *
text_run_end (const char *p,
              const char *end,
              gboolean    pre)
{
  unsigned after_space = 0;

#ifdef __SSE2__
  for (; end - p >= 16; p += 16)
    {
      unsigned stops = run_stops (p, pre, &after_space);

      if (stops != 0)
        return p + __builtin_ctz (stops);
    }
#endif
  for (; p < end; p++)
    {
      if (*p == '<' || *p == '&')
        return p;
      if (pre)
        continue;
      if (*p == '\t' || *p == '\n' || *p == '\r' || (*p == ' ' && after_space))
        return p;
      after_space = *p == ' ';
    }
  return p;
}

/* The '>' ending the <script> or <style> element whose start tag ends at
 * @close, or NULL: the content is skipped up to the first "</script" or
 * "</style". Looked for up to a NUL, as g_strstr_len () did: *@nul is
 * the first NUL from an earlier @close on (or @end), kept for the next
 * element, as each read the rest of the document to find it. */
static const char *
skip_element (const char  *close,
              const char  *end,
              const char **nul)
{
  const char *limit;
  const char *stop;

  if (*nul < close)
    {
      const char *found = memchr (close, '\0', end - close);

      *nul = found != NULL ? found : end;
    }
  limit = *nul;
  stop = bd_mime_walk_find_pair (close, limit - close, '<', '/');

  while (stop != NULL && !(tag_is (stop + 2, end - stop - 2, "script") || tag_is (stop + 2, end - stop - 2, "style")))
    stop = bd_mime_walk_find_pair (stop + 2, limit - (stop + 2), '<', '/');
  return stop != NULL ? memchr (stop, '>', end - stop) : NULL;
}

/* Reads the tag at @p, a '<' whose '>' is @close, into @out. Returns
 * where the text goes on, or NULL when nothing more is text. */
static const char *
read_tag (GString     *out,
          const char  *p,
          const char  *close,
          const char  *end,
          gboolean    *pre,
          const char **nul)
{
  char key[TAG_KEY_SIZE];

  read_tag_key (p + 1, close - (p + 1), key);
  switch (tag_kind (key))
    {
    case TAG_SKIPPED:
      close = skip_element (close, end, nul);
      break;
    case TAG_BREAK:
      break_line (out);
      break;
    case TAG_PRE:
    case TAG_PRE_END:
      *pre = key[0] != '/';
      start_line (out);
      break;
    case TAG_BLOCK:
      start_line (out);
      break;
    case TAG_CELL_END:
      if (out->len > 0 && out->str[out->len - 1] != '\n' && out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
      break;
    case TAG_OTHER:
    default:
      break;
    }
  return close != NULL ? close + 1 : NULL;
}

/* Past the white space at @p (is_blank ()), 16 bytes a step where SSE2
 * is: a document's indentation, a line end then a run of blanks, went
 * byte by byte. */
static const char *
blank_run_end (const char *p,
               const char *end)
{
#ifdef __SSE2__
  for (; end - p >= 16; p += 16)
    {
      unsigned blanks = bd_mime_walk_mask3 (p, ' ', '\t', '\n') | bd_mime_walk_mask (p, '\r');

      if (blanks != 0xffff)
        return p + __builtin_ctz (~blanks);
    }
#endif
  while (p < end && is_blank (*p))
    p++;
  return p;
}

/**
 * bd_mime_strip_html:
 *
 * Returns: (transfer full): the text of an HTML document as a browser
 * lays it out: tags dropped, a line break at <br> and at block ends, white
 * space (line ends in the source included) made one space except in
 * <pre>, scripts and styles skipped, the common entities decoded.
 */
char *
bd_mime_strip_html (const char *html,
                          gsize       len,
                          gsize      *out_len)
{
  GString *out = g_string_sized_new (len / 2 + 16);
  const char *p = html, *end = html + len;
  const char *nul = html;   /* not looked for yet: before any '>' */
  gboolean pre = FALSE;

  g_return_val_if_fail (html != NULL || len == 0, NULL);

  while (p < end)
    {
      if (*p == '<')
        {
          const char *close = memchr (p, '>', end - p);

          if (close == NULL || (p = read_tag (out, p, close, end, &pre, &nul)) == NULL)
            break;
          continue;
        }
      if (*p == '&')
        {
          p = append_entity (out, p, end);
          continue;
        }
      if (!pre && is_blank (*p))
        {
          /* a run of white space is one space, none at a line start;
           * the run is passed in one go (indentation is long) */
          if (out->len > 0 && out->str[out->len - 1] != '\n' && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          p = blank_run_end (p + 1, end);
          continue;
        }
      /* Plain text, its first byte included whatever it is (in <pre>, a
       * blank), in one copy. */
      {
        const char *run = p;

        p = text_run_end (p + 1, end, pre);
        g_string_append_len (out, run, p - run);
      }
    }
  if (out_len != NULL)
    *out_len = out->len;
  return g_string_free (out, FALSE);
}
