/* test-scanners-input.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A minimal BdScanInput built straight from GMime, so that the scanners can
 * be tested on their own, without the decoder's pipeline (only the header
 * and part lookups go through bd-mime.h, as the scanners read them).
 */
#pragma once

#include <gmime/gmime.h>
#include <string.h>

#include "bd-scanner.h"

typedef struct
{
  BdScanInput   input;
  GMimeMessage *message;
  char         *raw;        /* the file, LF line ends: the tree points into it */
  BdMimePart   *tree;
  char         *from;
  char         *subject;
  GString      *body;
  GString      *html;
} TestInput;

static void
test_input_free (TestInput *self)
{
  g_clear_object (&self->message);
  g_clear_pointer (&self->tree, bd_mime_part_free);
  g_free (self->raw);
  g_free (self->from);
  g_free (self->subject);
  if (self->body != NULL)
    g_string_free (self->body, TRUE);
  if (self->html != NULL)
    g_string_free (self->html, TRUE);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestInput, test_input_free)

static void
append_text (GString    *out,
             const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          g_string_append_c (out, '\n');
          if (p[1] == '\n')
            p++;
          continue;
        }
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\n');
}

static void
strip_tags (GString    *out,
            const char *html)
{
  gboolean in_tag = FALSE;

  for (const char *p = html; *p != '\0'; p++)
    {
      if (*p == '<')
        in_tag = TRUE;
      else if (*p == '>')
        {
          in_tag = FALSE;
          g_string_append_c (out, ' ');
        }
      else if (!in_tag)
        g_string_append_c (out, *p);
    }
}

static void
collect_part (GMimeObject *parent,
              GMimeObject *part,
              gpointer     user_data)
{
  TestInput *self = user_data;
  GMimeContentType *type = g_mime_object_get_content_type (part);
  g_autofree char *text = NULL;

  if (g_mime_content_type_is_type (type, "message", "rfc822")
      || g_mime_content_type_is_type (type, "text", "rfc822-headers"))
    return;
  if (!GMIME_IS_TEXT_PART (part) || g_mime_part_is_attachment (GMIME_PART (part)))
    return;
  if (g_mime_content_type_is_type (type, "text", "plain"))
    {
      text = g_mime_text_part_get_text (GMIME_TEXT_PART (part));
      if (text != NULL)
        append_text (self->body, text);
    }
  else if (g_mime_content_type_is_type (type, "text", "html"))
    {
      text = g_mime_text_part_get_text (GMIME_TEXT_PART (part));
      if (text != NULL)
        strip_tags (self->html, text);
    }
}

static const BdMimePart *
find_original (const BdMimePart *part)
{
  if (part->message != NULL || bd_mime_part_is (part, "text", "rfc822-headers"))
    return part;
  for (guint i = 0; part->children != NULL && i < part->children->len; i++)
    {
      const BdMimePart *found = find_original (g_ptr_array_index (part->children, i));

      if (found != NULL)
        return found;
    }
  return NULL;
}

static TestInput *
test_input_load (const char *path)
{
  g_autoptr(TestInput) self = g_new0 (TestInput, 1);
  GMimeStream *stream;
  GMimeParser *parser;
  GMimeObject *root;
  const char *value;

  stream = g_mime_stream_file_open (path, "r", NULL);
  if (stream == NULL)
    return NULL;
  parser = g_mime_parser_new_with_stream (stream);
  g_mime_parser_set_format (parser, GMIME_FORMAT_MESSAGE);
  self->message = g_mime_parser_construct_message (parser, NULL);
  g_object_unref (parser);
  g_object_unref (stream);
  self->body = g_string_new (NULL);
  self->html = g_string_new (NULL);
  if (self->message == NULL)
    return NULL;

  value = g_mime_object_get_header (GMIME_OBJECT (self->message), "From");
  self->from = g_strdup (value != NULL ? value : "");
  value = g_mime_message_get_subject (self->message);
  self->subject = g_strdup (value != NULL ? value : "");

  root = g_mime_message_get_mime_part (self->message);
  if (root != NULL && GMIME_IS_MULTIPART (root))
    g_mime_multipart_foreach (GMIME_MULTIPART (root), collect_part, self);
  else if (root != NULL)
    collect_part (NULL, root, self);
  if (self->body->len == 0 && self->html->len > 0)
    append_text (self->body, self->html->str);

  {
    g_autofree char *contents = NULL;
    g_autoptr(GString) lf = g_string_new (NULL);
    const char *start;

    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    append_text (lf, contents);
    /* an mbox From_ line is not a header */
    start = g_str_has_prefix (lf->str, "From ") && strchr (lf->str, '\n') ? strchr (lf->str, '\n') + 1 : lf->str;
    self->raw = g_strdup (start);
    self->tree = bd_mime_parse (self->raw, strlen (self->raw), 33);
  }
  self->input.message = self->tree;
  self->input.original = find_original (self->tree);
  self->input.from = self->from;
  self->input.subject = self->subject;
  self->input.body = self->body->str;
  self->input.body_len = self->body->len;
  self->input.body_is_ascii = TRUE;
  for (gsize i = 0; i < self->body->len; i++)
    self->input.body_is_ascii &= (guchar)self->body->str[i] < 0x80;
  return g_steal_pointer (&self);
}
