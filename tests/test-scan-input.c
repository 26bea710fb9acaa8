/* test-scan-input.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bd_scan_input_init () against the way it built the input before its
 * fast paths (HTML laid out only when there is no plain text, ...), kept
 * here as the reference: every text part decoded and every HTML one laid
 * out, the plain ones joined (the HTML ones when the plain hold no text),
 * the prologue of a multipart without parts, then the body's 7-bit test
 * over the joined text. Compared over random MIME trees.
 */
#include "config.h"

#include <gmime/gmime.h>
#include <string.h>

#include "bd-mime.h"
#include "bd-mime-text.h"
#include "bd-scan-input.h"
#include "bd-test-util.h"

/* --- the reference: bd-scan-input.c as it was at 102580e ---------------- */

#define REF_MAX_TEXT_PART (4 * 1024 * 1024)

typedef struct
{
  GString          *plain;
  GString          *html;
  gsize             plain_len;   /* the plain pieces' text, joins left out */
  const BdMimePart *original;
} RefCollect;

static gboolean
ref_is_report_part (const BdMimePart *part)
{
  const char *sub = part->subtype;

  return strcmp (part->type, "message") == 0
      || strcmp (sub, "rfc822-headers") == 0
      || strcmp (sub, "delivery-status") == 0
      || strcmp (sub, "feedback-report") == 0
      || strcmp (sub, "disposition-notification") == 0;
}

/* join_pieces (): a line break before each piece that follows some text */
static void
ref_join (GString    *joined,
          const char *text,
          gsize       len)
{
  if (joined->len > 0)
    g_string_append_c (joined, '\n');
  g_string_append_len (joined, text, len);
}

static void
ref_collect_text (RefCollect       *collect,
                  const BdMimePart *part,
                  guint             depth)
{
  if (part == NULL || depth > BD_MIME_MAX_DEPTH || part == collect->original)
    return;

  if (part->children != NULL)
    {
      for (guint i = 0; i < part->children->len; i++)
        ref_collect_text (collect, g_ptr_array_index (part->children, i), depth + 1);
      return;
    }
  if (!bd_mime_part_is_leaf (part) || ref_is_report_part (part))
    return;
  if (bd_mime_part_is (part, "text", "plain") || bd_mime_part_is (part, "text", "html"))
    {
      gboolean html = bd_mime_part_is (part, "text", "html");
      gsize len;
      g_autofree char *text = NULL;

      if (part->body_len > REF_MAX_TEXT_PART)
        return;
      text = bd_mime_part_text (part, &len);
      if (html)
        {
          char *stripped = bd_mime_strip_html (text, len, &len);

          g_free (text);
          text = stripped;
        }
      else
        collect->plain_len += len;
      ref_join (html ? collect->html : collect->plain, text, len);
    }
}

/* The body as bd_scan_input_init () built it: @len and @ascii set. */
static char *
ref_body (const BdMimePart *message,
          const BdMimePart *original,
          gsize            *len,
          gboolean         *ascii)
{
  RefCollect collect = { g_string_new (NULL), g_string_new (NULL), 0, original };
  GString *chosen;
  char *body;

  ref_collect_text (&collect, message, 0);
  chosen = collect.plain_len > 0 ? collect.plain : collect.html;
  *len = chosen->len;
  body = g_string_free (chosen, FALSE);
  g_string_free (chosen == collect.plain ? collect.html : collect.plain, TRUE);
  if (*len == 0 && message->children != NULL && message->children->len == 0 && message->prologue_len > 0)
    {
      g_free (body);
      body = g_utf8_make_valid (message->prologue, MIN (message->prologue_len, 256 * 1024));
      *len = strlen (body);
    }
  *ascii = bd_mime_text_is_seven_bit (body, *len);
  return body;
}

/* --- random MIME trees ------------------------------------------------ */

/* Bodies: ASCII, CRLF and lone CR, Latin-2 and UTF-8 bytes, NULs, HTML
 * with entities that lay out as non-ASCII, and nothing at all. */
static const char *const bodies[] = {
  "", "550 5.1.1 user unknown\n", "line one\r\nline two\r\n", "cr\ronly\r",
  "za\xbf\xf3\xb3\xe6 g\xea\x9cl\xb9 ja\xbc\xf1\n", "za\xc5\xbc\xc3\xb3\xc5\x82\xc4\x87\n",
  "nul\0inside\n", "<p>The mail&nbsp;system</p><br>&rsquo;550&rsquo;",
  "<html><body><div>plain ascii html</div></body></html>", " \n", "<br>",
  "a long line of prose that fills more than one block of thirty-two bytes, twice over\r\n",
};

static const char *const charsets[] = { NULL, "us-ascii", "utf-8", "iso-8859-2", "x-unknown", "iso-2022-jp" };

/* A leaf of @type/@subtype with a random body, charset and encoding. */
static void
append_leaf (GString    *mail,
             GRand      *rand,
             const char *type)
{
  guint b = g_rand_int_range (rand, 0, G_N_ELEMENTS (bodies));
  const char *body = bodies[b];
  /* the one with a NUL: its length is not strlen ()'s */
  gsize body_len = b == 6 ? sizeof "nul\0inside\n" - 1 : strlen (body);
  const char *charset = charsets[g_rand_int_range (rand, 0, G_N_ELEMENTS (charsets))];
  guint encoding = g_rand_int_range (rand, 0, 3);

  g_string_append_printf (mail, "Content-Type: %s", type);
  if (charset != NULL)
    g_string_append_printf (mail, "; charset=%s", charset);
  g_string_append (mail, "\n");
  if (encoding == 1)
    {
      g_autofree char *b64 = g_base64_encode ((const guchar *)body, body_len);

      g_string_append_printf (mail, "Content-Transfer-Encoding: base64\n\n%s\n", b64);
      return;
    }
  if (encoding == 2)
    g_string_append (mail, "Content-Transfer-Encoding: quoted-printable\n\n=3D=\n");
  else
    g_string_append (mail, "\n");
  g_string_append_len (mail, body, body_len);
  g_string_append_c (mail, '\n');
}

static const char *const leaf_types[] = {
  "text/plain", "text/plain", "text/html", "text/html", "message/delivery-status",
  "text/rfc822-headers", "application/octet-stream", "TEXT/Plain", "text/HTML", "message/rfc822",
  "image/plain", "message/html", "text/plainer",
};

/* A part: a leaf, or (above @depth 0) a multipart of up to four parts,
 * sometimes one whose boundary never opens (its text is a prologue). */
static void
append_part (GString *mail,
             GRand   *rand,
             guint    depth)
{
  g_autofree char *boundary = NULL;
  guint n;

  if (depth == 0 || g_rand_int_range (rand, 0, 3) == 0)
    {
      append_leaf (mail, rand, leaf_types[g_rand_int_range (rand, 0, G_N_ELEMENTS (leaf_types))]);
      return;
    }
  boundary = g_strdup_printf ("b%u-%u", depth, g_rand_int_range (rand, 0, 1000));
  g_string_append_printf (mail, "Content-Type: multipart/%s; boundary=\"%s\"\n\n",
                          g_rand_boolean (rand) ? "mixed" : "alternative", boundary);
  if (g_rand_int_range (rand, 0, 6) == 0)
    {
      g_string_append (mail, "The prologue: the mail system said 550\r\n");
      return;
    }
  n = g_rand_int_range (rand, 0, 5);
  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (mail, "--%s\n", boundary);
      append_part (mail, rand, depth - 1);
    }
  g_string_append_printf (mail, "--%s--\n", boundary);
}

/* The first message/rfc822 part of @part, as the decoder passes it. */
static const BdMimePart *
find_original (const BdMimePart *part)
{
  if (part->message != NULL)
    return part;
  for (guint i = 0; part->children != NULL && i < part->children->len; i++)
    {
      const BdMimePart *found = find_original (g_ptr_array_index (part->children, i));

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
assert_input_as_before (const char *mail,
                        gsize       len)
{
  g_autoptr(BdMimePart) message = bd_mime_parse (mail, len, BD_MIME_MAX_DEPTH);
  const BdMimePart *original = find_original (message);
  g_auto(BdScanInput) input = { 0 };
  gsize ref_len;
  gboolean ref_ascii;
  g_autofree char *ref = ref_body (message, original, &ref_len, &ref_ascii);

  bd_scan_input_init (&input, message, original);
  g_assert_cmpmem (input.body, input.body_len + 1, ref, ref_len + 1);
  g_assert_cmpint (input.body_is_ascii, ==, ref_ascii);
}

static void
test_input_random_trees (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (443);

  for (guint round = 0; round < BD_TEST_ROUNDS (20000); round++)
    {
      g_autoptr(GString) mail = g_string_new ("From: a@example.com\nSubject: s\n");

      if (g_rand_int_range (rand, 0, 8) == 0)
        g_string_append (mail, "Content-Type: message/rfc822\n\nFrom: b@example.com\n\nthe original\n");
      else
        append_part (mail, rand, g_rand_int_range (rand, 0, 4));
      assert_input_as_before (mail->str, mail->len);
    }
}

/* Plain text wins over HTML, and an empty plain part lets the HTML in. */
static void
test_input_plain_over_html (void)
{
  static const char *const mails[] = {
    "Content-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain\n\nplain\n"
    "--b\nContent-Type: text/html\n\n<p>html&rsquo;s</p>\n--b--\n",
    "Content-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain\n\n"
    "--b\nContent-Type: text/html\n\n<p>html&rsquo;s</p>\n--b--\n",
    "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/html\n\n<p>one</p>\n"
    "--b\nContent-Type: text/html\n\n<p>two</p>\n--b--\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (mails); i++)
    assert_input_as_before (mails[i], strlen (mails[i]));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_mime_init ();

  g_test_add_func ("/core/scanners/input/plain-over-html", test_input_plain_over_html);
  g_test_add_func ("/core/scanners/input/random-trees", test_input_random_trees);
  return g_test_run ();
}
