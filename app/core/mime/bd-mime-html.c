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

/* Whether the key is @name (of two bytes at least, with its NUL); the
 * first two compared inline, as most tags are none of the names. */
static inline gboolean
key_is (const char *key,
        const char *name)
{
  return key[0] == name[0] && key[1] == name[1] && (name[1] == '\0' || strcmp (key + 2, name + 2) == 0);
}

/* Block tags: the text after them starts a line of its own. */
static gboolean
is_block_tag (const char *key)
{
  static const char *const tags[] = {
    "p", "/p", "div", "/div", "tr", "/tr", "li", "/li", "table", "/table", "h1", "/h1", "h2", "/h2",
    "h3", "/h3", "blockquote", "/blockquote", "hr", "pre", "/pre",
  };

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    if (key_is (key, tags[i]))
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

/* The bytes a run of plain text stops at: markup, entities, white space. */
static const gboolean ends_text_run[256] = {
  ['<'] = TRUE, ['&'] = TRUE, [' '] = TRUE, ['\t'] = TRUE, ['\n'] = TRUE, ['\r'] = TRUE,
};

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
  gboolean pre = FALSE;

  g_return_val_if_fail (html != NULL || len == 0, NULL);

  while (p < end)
    {
      if (*p == '<')
        {
          const char *close = memchr (p, '>', end - p);
          const char *tag = p + 1;
          char key[TAG_KEY_SIZE];

          if (close == NULL)
            break;
          read_tag_key (tag, close - tag, key);
          if (key_is (key, "script") || key_is (key, "style"))
            {
              const char *stop = g_strstr_len (close, end - close, "</");

              while (stop != NULL && !(tag_is (stop + 2, end - stop - 2, "script")
                                       || tag_is (stop + 2, end - stop - 2, "style")))
                stop = g_strstr_len (stop + 2, end - stop - 2, "</");
              close = stop ? memchr (stop, '>', end - stop) : NULL;
              if (close == NULL)
                break;
            }
          else if (key_is (key, "br"))
            break_line (out);
          else if (is_block_tag (key))
            {
              if (key_is (key, "pre") || key_is (key, "/pre"))
                pre = tag[0] != '/';
              start_line (out);
            }
          else if ((key_is (key, "/td") || key_is (key, "/th"))
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
      /* Plain text up to the next byte handled above, in one copy. */
      {
        const char *run = p;

        while (p < end && !ends_text_run[(guchar)*p])
          p++;
        if (p == run)
          p++;   /* white space inside <pre> */
        g_string_append_len (out, run, p - run);
      }
    }
  if (out_len != NULL)
    *out_len = out->len;
  return g_string_free (out, FALSE);
}
