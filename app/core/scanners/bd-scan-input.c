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

/* Text parts bigger than this (encoded) are not read: a bounce's prose is
 * short, a huge text part is an attachment. */
#define MAX_TEXT_PART (4 * 1024 * 1024)

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
  if (part == NULL || depth > BD_MIME_MAX_DEPTH || part == collect->original)
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
      text = bd_mime_part_text (part, &len);

      if (into->len > 0)
        g_string_append_c (into, '\n');
      if (html)
        {
          g_autofree char *stripped = bd_mime_strip_html (text, len, &len);
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
  input->from_lower = g_ascii_strdown (input->from, -1);
  input->subject_lower = g_ascii_strdown (input->subject, -1);
  input->body_len = body->len;
  input->body_is_ascii = bd_mime_text_is_seven_bit (body->str, body->len);
  input->body = g_string_free (body, FALSE);
}

void
bd_scan_input_clear (BdScanInput *input)
{
  g_return_if_fail (input != NULL);

  g_free ((char *)input->from);
  g_free ((char *)input->subject);
  g_free ((char *)input->from_lower);
  g_free ((char *)input->subject_lower);
  g_free ((char *)input->body);
  memset (input, 0, sizeof *input);
}
