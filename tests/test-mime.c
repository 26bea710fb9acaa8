/* test-mime.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The decoder's MIME splitter: header blocks, content types and their
 * parameters, multipart boundaries (nested, unclosed, missing), prologues,
 * encapsulated messages, transfer encodings and the depth limit.
 */
#include "config.h"

#include <gmime/gmime.h>
#include <string.h>

#include "bd-mime.h"
#include "bd-mime-params.h"
#include "bd-mime-charset.h"
#include "bd-mime-text.h"

static BdMimePart *
parse (const char *text)
{
  return bd_mime_parse (text, strlen (text), 8);
}

static const BdMimePart *
child (const BdMimePart *part,
       guint             i)
{
  g_assert_nonnull (part->children);
  g_assert_cmpuint (i, <, part->children->len);
  return g_ptr_array_index (part->children, i);
}

static char *
content (const BdMimePart *part)
{
  return bd_mime_part_content (part, NULL);
}

static void
test_headers (void)
{
  g_autoptr(BdMimePart) m = parse ("From: =?utf-8?q?Jan_Kowalski?= <jan@example.pl>\n"
                                   "X-Long: first\n"
                                   "  second\t\n"
                                   "Subject: =?iso-8859-2?q?Zwrot_wiadomo=B6ci?=\n"
                                   "Date: Tue, 3 Mar 2026 10:00:00 +0100\n"
                                   "\n"
                                   "Hello\n");
  g_autofree char *from = bd_mime_header (m, "from");
  g_autofree char *folded = bd_mime_header (m, "X-Long");
  g_autofree char *subject = bd_mime_header (m, "Subject");
  g_autofree char *missing = bd_mime_header (m, "To");
  g_autofree char *body = content (m);

  g_assert_cmpstr (from, ==, "Jan Kowalski <jan@example.pl>");
  g_assert_cmpstr (folded, ==, "first  second");
  g_assert_cmpstr (subject, ==, "Zwrot wiadomości");
  g_assert_null (missing);
  g_assert_cmpstr (m->type, ==, "text");
  g_assert_cmpstr (m->subtype, ==, "plain");
  g_assert_cmpstr (body, ==, "Hello\n");
}

/* A line that is not a header field ends the header block (no blank line). */
static void
test_headers_end_without_blank_line (void)
{
  g_autoptr(BdMimePart) m = parse ("Subject: hi\nThis is the mail system at host x.\n\nMore.\n");
  g_autofree char *body = content (m);

  g_assert_cmpstr (body, ==, "This is the mail system at host x.\n\nMore.\n");
}

static void
test_multipart_report (void)
{
  g_autoptr(BdMimePart) m = parse (
    "Content-Type: multipart/report; report-type=delivery-status;\n"
    "\tboundary=\"=_outer\"\n"
    "\n"
    "This is a MIME message.\n"
    "--=_outer\n"
    "Content-Type: text/plain; charset=\"ISO-8859-2\"\n"
    "Content-Transfer-Encoding: quoted-printable\n"
    "\n"
    "Adres nie istnieje: =B1\n"
    "--=_outer\n"
    "Content-Type: message/delivery-status\n"
    "\n"
    "Action: failed\n"
    "Status: 5.1.1\n"
    "\n"
    "--=_outer\n"
    "Content-Type: message/rfc822\n"
    "\n"
    "From: me@example.com\n"
    "Subject: Offer\n"
    "\n"
    "Body of the offer\n"
    "--=_outer--  \n"
    "epilogue\n");
  g_autofree char *text = NULL;
  g_autofree char *status = NULL;
  g_autofree char *subject = NULL;
  gsize len;

  g_assert_true (bd_mime_part_is (m, "multipart", "report"));
  g_assert_cmpstr (m->boundary, ==, "=_outer");
  g_assert_cmpuint (m->children->len, ==, 3);
  g_assert_cmpuint (m->prologue_len, ==, strlen ("This is a MIME message."));

  g_assert_cmpstr (child (m, 0)->charset, ==, "ISO-8859-2");
  text = bd_mime_part_content (child (m, 0), &len);
  g_assert_cmpstr (text, ==, "Adres nie istnieje: \xb1");   /* the line break is the boundary's */
  g_assert_cmpuint (len, ==, strlen ("Adres nie istnieje: \xb1"));

  g_assert_true (bd_mime_part_is (child (m, 1), "message", "delivery-status"));
  g_assert_true (bd_mime_part_is_leaf (child (m, 1)));
  status = content (child (m, 1));
  g_assert_cmpstr (status, ==, "Action: failed\nStatus: 5.1.1\n");

  g_assert_false (bd_mime_part_is_leaf (child (m, 2)));
  g_assert_nonnull (child (m, 2)->message);
  subject = bd_mime_header (child (m, 2)->message, "Subject");
  g_assert_cmpstr (subject, ==, "Offer");
}

/* An inner boundary that starts like the outer one is not the outer one;
 * an inner multipart left open ends where its parent's part ends. */
static void
test_nested_and_unclosed (void)
{
  g_autoptr(BdMimePart) m = parse (
    "Content-Type: multipart/mixed; boundary=b\n"
    "\n"
    "--b\n"
    "Content-Type: multipart/alternative; boundary=b-1\n"
    "\n"
    "--b-1\n"
    "Content-Type: text/plain\n"
    "\n"
    "plain\n"
    "--b-1\n"
    "Content-Type: text/html\n"
    "\n"
    "<p>html</p>\n"
    "--b\n"
    "Content-Type: text/plain\n"
    "\n"
    "second\n");
  const BdMimePart *alternative;
  g_autofree char *html = NULL;
  g_autofree char *second = NULL;

  g_assert_cmpuint (m->children->len, ==, 2);
  alternative = child (m, 0);
  g_assert_true (bd_mime_part_is (alternative, "multipart", "alternative"));
  g_assert_cmpuint (alternative->children->len, ==, 2);
  html = content (child (alternative, 1));
  g_assert_cmpstr (html, ==, "<p>html</p>");
  second = content (child (m, 1));
  g_assert_cmpstr (second, ==, "second\n");
}

/* A boundary that never appears: no parts, the text is the prologue. */
static void
test_missing_boundary (void)
{
  g_autoptr(BdMimePart) m = parse ("Content-Type: multipart/mixed; boundary=\"nowhere\"\n\nJust text.\n");
  g_autoptr(BdMimePart) none = parse ("Content-Type: multipart/mixed\n\nNo boundary at all.\n");

  g_assert_cmpuint (m->children->len, ==, 0);
  g_assert_cmpuint (m->prologue_len, ==, strlen ("Just text.\n"));
  g_assert_cmpuint (none->children->len, ==, 0);
  g_assert_cmpuint (none->prologue_len, ==, strlen ("No boundary at all.\n"));
}

static void
test_parameters (void)
{
  g_autoptr(BdMimePart) quoted = parse ("Content-Type: TEXT/Plain; name=\"a;b\"; CHARSET = \"utf-8\"\n\nx");
  g_autoptr(BdMimePart) extended = parse ("Content-Type: text/plain; charset*=iso-8859-2'pl'windows%2D1250\n\nx");
  g_autoptr(BdMimePart) broken = parse ("Content-Type: nonsense\n\nx");
  g_autoptr(BdMimePart) digest = parse ("Content-Type: multipart/digest; boundary=d\n\n--d\n\nFrom: a@b\n\nhi\n--d--\n");

  g_assert_cmpstr (quoted->type, ==, "text");
  g_assert_cmpstr (quoted->subtype, ==, "plain");
  g_assert_cmpstr (quoted->charset, ==, "utf-8");
  g_assert_cmpstr (extended->charset, ==, "windows-1250");
  g_assert_true (bd_mime_part_is (broken, "text", "plain"));
  /* a part of a digest is a message unless it says otherwise */
  g_assert_true (bd_mime_part_is (child (digest, 0), "message", "rfc822"));
  g_assert_nonnull (child (digest, 0)->message);
}

static void
test_transfer_encodings (void)
{
  g_autoptr(BdMimePart) b64 = parse ("Content-Transfer-Encoding: BASE64\n\nWmHFvMOzxYLEhyBnxJnFm2zEhSBqYcW6xYQ=\n");
  g_autoptr(BdMimePart) qp = parse ("Content-Transfer-Encoding: quoted-printable\n\nsoft=\nbreak =3D equal\n");
  g_autofree char *text = content (b64);
  g_autofree char *joined = content (qp);

  g_assert_cmpstr (text, ==, "Zażółć gęślą jaźń");
  g_assert_cmpstr (joined, ==, "softbreak = equal\n");
}

/* Nesting beyond the limit is not parsed, and says so. */
static void
test_depth_limit (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(BdMimePart) m = NULL;
  const BdMimePart *p;
  guint depth = 0;

  for (guint i = 0; i < 20; i++)
    g_string_append_printf (text, "Content-Type: multipart/mixed; boundary=b%u\n\n--b%u\n", i, i);
  g_string_append (text, "Content-Type: text/plain\n\ndeep\n");
  m = bd_mime_parse (text->str, text->len, 8);
  for (p = m; p->children != NULL && p->children->len > 0; p = child (p, 0))
    depth++;
  g_assert_cmpuint (depth, ==, 8);
  g_assert_true (p->too_deep);
}

static void
test_fields (void)
{
  g_autoptr(BdMimePart) m = parse ("Received: from a\n  by b\nReceived: from c\nX-Empty:\n\nbody");
  const BdMimeField *fields;
  guint n;

  fields = bd_mime_fields (m, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (fields[0].name_len, ==, 8);
  g_assert_cmpuint (fields[0].value_len, ==, strlen (" from a\n  by b"));
  g_assert_cmpint (strncmp (fields[0].value, " from a\n  by b", fields[0].value_len), ==, 0);
  g_assert_cmpint (strncmp (fields[2].name, "X-Empty", fields[2].name_len), ==, 0);
  g_assert_cmpuint (fields[2].value_len, ==, 0);
}

/* How many fields the header block of "@line\n\nbody" has. */
static guint
count_fields (const char *line)
{
  g_autofree char *text = g_strconcat (line, "\n\nbody", NULL);
  g_autoptr(BdMimePart) m = parse (text);
  guint n;

  bd_mime_fields (m, &n);
  return n;
}

/* A field name is printable US-ASCII, then blanks may come before the
 * ':'. The name is tested eight bytes at a time: a byte that is not
 * allowed is found at every position, in the words and in the tail. */
static void
test_field_names (void)
{
  static const char bad[] = { ' ', '\t', '\x01', ' ' - 1, '\x7f', '\x80', '\xff' };

  g_assert_cmpuint (count_fields ("X-Name: v"), ==, 1);
  g_assert_cmpuint (count_fields ("X-Name \t: v"), ==, 1);
  g_assert_cmpuint (count_fields ("!~#$%&'*+-.^_`{|}0123456789AZaz: v"), ==, 1);
  g_assert_cmpuint (count_fields (": v"), ==, 0);
  g_assert_cmpuint (count_fields (" \t: v"), ==, 0);
  g_assert_cmpuint (count_fields ("no colon at all"), ==, 0);
  for (guint len = 1; len <= 20; len++)
    for (guint at = 0; at < len; at++)
      for (guint b = 0; b < G_N_ELEMENTS (bad); b++)
        {
          char line[32];

          memset (line, 'a', len);
          strcpy (line + len, ": v");
          line[at] = bad[b];
          /* a blank just before the colon only ends the name */
          if ((bad[b] == ' ' || bad[b] == '\t') && at == len - 1)
            g_assert_cmpuint (count_fields (line), ==, len > 1 ? 1 : 0);
          else
            g_assert_cmpuint (count_fields (line), ==, 0);
        }
}

/* A line that is not a header field, with fields after it, is a broken
 * header, skipped (GMime does the same); the last Content-Type counts. */
static void
test_broken_headers (void)
{
  g_autoptr(BdMimePart) m = parse ("Subject: hi\nX-Broken line without colon\nContent-Type: text/plain\n"
                                   "Content-Type: multipart/report; boundary=R\n\n--R\n\nreport\n--R--\n");
  g_autofree char *subject = bd_mime_header (m, "Subject");

  g_assert_cmpstr (subject, ==, "hi");
  g_assert_true (bd_mime_part_is (m, "multipart", "report"));
  g_assert_cmpuint (m->children->len, ==, 1);
}

/* A folded Content-Type whose "boundary=…" line lost its indentation
 * (seen from real mailers) still has its parts; a line after a ';' that
 * is no "name=value" is not taken in, nor one after a field not ending
 * in ';'. */
static void
test_unindented_parameters (void)
{
  g_autoptr(BdMimePart) m = parse ("Subject: hi\nContent-Type: multipart/alternative;\n"
                                   "boundary=\"----=_Part_1\"\n\n------=_Part_1\n"
                                   "Content-Type: text/plain\n\nhello\n------=_Part_1--\n");
  g_autoptr(BdMimePart) prose = parse ("Subject: note;\nthe text = starts here\n");
  g_autoptr(BdMimePart) plain = parse ("Subject: note\nx=1\n");
  g_autofree char *type = bd_mime_header (m, "Content-Type");
  g_autofree char *text = NULL;

  g_assert_cmpstr (type, ==, "multipart/alternative;boundary=\"----=_Part_1\"");
  g_assert_cmpuint (m->children->len, ==, 1);
  text = content (child (m, 0));
  g_assert_cmpstr (text, ==, "hello");
  g_assert_cmpuint (prose->body_len, ==, strlen ("the text = starts here\n"));
  g_assert_cmpuint (plain->body_len, ==, strlen ("x=1\n"));
}

/* A message/rfc822 sent base64-encoded is an opaque part (as in GMime);
 * one that starts with an mbox From_ line still has its headers. */
static void
test_encapsulated_messages (void)
{
  g_autoptr(BdMimePart) encoded = parse ("Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n"
                                         "U3ViamVjdDogaGkKCmJvZHkK\n");
  g_autoptr(BdMimePart) from_line = parse ("Content-Type: message/rfc822\n\nFrom jan@firma.example Mon Sep  2 10:00:00 2024\n"
                                           "Subject: Offer\n\nbody\n");
  g_autofree char *subject = NULL;

  g_assert_null (encoded->message);
  g_assert_true (bd_mime_part_is_leaf (encoded));
  g_assert_nonnull (from_line->message);
  subject = bd_mime_header (from_line->message, "Subject");
  g_assert_cmpstr (subject, ==, "Offer");
}

static void
test_parameter_forms (void)
{
  g_autoptr(BdMimePart) quoted = parse ("Content-Type: multipart/mixed; x=\"; boundary=fake\"; boundary=real\n\n");
  g_autoptr(BdMimePart) split = parse ("Content-Type: multipart/mixed;\n boundary*0=\"abc\";\n boundary*1=\"def\"\n\n");
  g_autoptr(BdMimePart) nul = parse ("Content-Type: text/plain; charset*=''utf%008\n\nx");
  g_autoptr(BdMimePart) spaced = parse ("Content-Type: (a comment) multipart / report; boundary=b\n\n");

  g_assert_cmpstr (quoted->boundary, ==, "real");
  g_assert_cmpstr (split->boundary, ==, "abcdef");
  g_assert_cmpstr (nul->charset, ==, "utf8");
  g_assert_true (bd_mime_part_is (spaced, "multipart", "report"));
}

/* The plain form read in place (bd_mime_parameter's first pass): the first
 * parameter of the name counts, its name case folded and whole, its value
 * unquoted with '\' escapes, an unclosed quote running to the end. */
static void
test_parameter_plain_form (void)
{
  static const struct { const char *value; const char *charset; } rows[] = {
    { "text/plain; charset=utf-8; charset=latin1", "utf-8" },
    { "text/plain; charsetx=1; CharSet=2", "2" },
    { "text/plain; =x; charset; CHARSET = \"a\\\"b\\c\"", "a\"bc" },
    { "text/plain; x=\"a;charset=no\"; charset=\"open", "open" },
    { "text/plain; charset=\"tail\\", "tail\\" },
    { "text/plain; charset=\"\"", "" },
    { "text/plain; charset=a b", "a" },
    { "text/plain; charse=1", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *charset = bd_mime_parameter (rows[i].value, "charset");

      g_assert_cmpstr (charset, ==, rows[i].charset);
    }
}

/* Parts without headers cost no Content-Type line: their number is capped
 * on its own. */
static void
test_part_count_limit (void)
{
  g_autoptr(GString) text = g_string_new ("Content-Type: multipart/mixed; boundary=b\n\n");
  g_autoptr(BdMimePart) m = NULL;

  for (guint i = 0; i < 3 * BD_MIME_MAX_PARTS; i++)
    g_string_append (text, "--b\n\nx\n");
  m = bd_mime_parse (text->str, text->len, 8);
  g_assert_cmpuint (m->children->len, ==, BD_MIME_MAX_PARTS - 1);
  g_assert_true (m->too_many_parts);
}

/* Checks what arena_blocks () wrote for part @i: its @n fields, its
 * charset, boundary-less type and encoding, read back from the tree. */
static void
check_arena_part (const BdMimePart *part,
                  guint             i,
                  guint             n)
{
  guint n_fields;
  const BdMimeField *fields = bd_mime_fields (part, &n_fields);
  g_autofree char *charset = g_strdup_printf ("charset-%u-with-a-long-name-%0*u", i, (int)(i % 40), i);

  g_assert_cmpuint (n_fields, ==, n + 2);
  for (guint k = 0; k < n; k++)
    {
      g_autofree char *name = g_strdup_printf ("X-Field-%u-%u", i, k);
      g_autofree char *value = g_strdup_printf (" value %u of %u", k, i);

      g_assert_cmpmem (fields[k].name, fields[k].name_len, name, strlen (name));
      g_assert_cmpmem (fields[k].value, fields[k].value_len, value, strlen (value));
    }
  g_assert_cmpstr (part->charset, ==, charset);
  g_assert_cmpstr (part->encoding, ==, "quoted-printable");
  g_assert_true (bd_mime_part_is (part, "text", "x-a-subtype-too-long-for-the-part"));
}

/* A tree bigger than the arena's first block: fields and parts that fill
 * several blocks, a header block whose fields outgrow the room left at
 * the top (moved to a new block), strings of every length. */
static void
test_arena_blocks (void)
{
  g_autoptr(GString) text = g_string_new ("Content-Type: multipart/mixed; boundary=b\n");
  g_autoptr(BdMimePart) m = NULL;
  const guint n_parts = 300;

  for (guint k = 0; k < 700; k++)
    g_string_append_printf (text, "X-Top-%u: %u\n", k, k);
  g_string_append (text, "\n");
  for (guint i = 0; i < n_parts; i++)
    {
      g_string_append (text, "--b\n");
      for (guint k = 0; k < i % 90; k++)
        g_string_append_printf (text, "X-Field-%u-%u: value %u of %u\n", i, k, k, i);
      g_string_append_printf (text, "Content-Type: TEXT/X-A-Subtype-Too-Long-For-The-Part;"
                              " charset=\"charset-%u-with-a-long-name-%0*u\"\n", i, (int)(i % 40), i);
      g_string_append (text, "Content-Transfer-Encoding: Quoted-Printable\n\nbody\n");
    }
  g_string_append (text, "--b--\n");
  m = bd_mime_parse (text->str, text->len, 8);
  g_assert_cmpuint (m->n_fields, ==, 701);
  g_assert_cmpmem (m->fields[700].name, m->fields[700].name_len, "X-Top-699", 9);
  g_assert_cmpstr (m->boundary, ==, "b");
  g_assert_cmpuint (m->children->len, ==, n_parts);
  for (guint i = 0; i < n_parts; i++)
    check_arena_part (child (m, i), i, i % 90);
}

/* The splitter notes the last Content-Type and Content-Transfer-Encoding
 * as it adds the fields; the reference looks through them from the end,
 * as read_content_type () did. Random header blocks of names of those
 * lengths, in any case, and near misses. */
static void
test_content_fields_noted (void)
{
  static const char *const names[] = {
    "Content-Type", "content-type", "CONTENT-TYPE", "Content-Typf", "Dontent-Type", "Subject",
    "Content-Transfer-Encoding", "content-transfer-ENCODING", "Content-Transfer-Encodinx",
    "Xontent-Transfer-Encoding", "X-Twelve-Long",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (25);

  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(BdMimePart) m = NULL;
      const char *type = NULL, *encoding = NULL;
      guint n = g_rand_int_range (rand, 0, round % 7 == 0 ? 400 : 12);
      g_autofree char *want_type = NULL;

      for (guint k = 0; k < n; k++)
        g_string_append_printf (text, "%s: v%u/s%u\n", names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))],
                                k, k);
      g_string_append (text, "\nbody\n");
      m = bd_mime_parse (text->str, text->len, 8);
      for (guint k = m->n_fields; k-- > 0;)
        {
          const BdMimeField *f = &m->fields[k];

          if (type == NULL && f->name_len == 12 && g_ascii_strncasecmp (f->name, "Content-Type", 12) == 0)
            type = f->value;
          if (encoding == NULL && f->name_len == 25
              && g_ascii_strncasecmp (f->name, "Content-Transfer-Encoding", 25) == 0)
            encoding = f->value;
        }
      want_type = type != NULL ? g_strndup (type + 1, strchr (type, '/') - type - 1) : g_strdup ("text");
      g_assert_cmpstr (m->type, ==, want_type);
      if (encoding == NULL)
        g_assert_null (m->encoding);
      else
        {
          g_autofree char *want = g_strndup (encoding + 1, strchr (encoding, '\n') - encoding - 1);

          g_assert_cmpstr (m->encoding, ==, want);
        }
    }
}

/* What bd_mime_part_is_leaf () said before the splitter noted it: not
 * a multipart, nor a message/rfc822, global or news part without a
 * transfer encoding that GMime leaves opaque. */
static gboolean
leaf_reference (const BdMimePart *part)
{
  static const char *const opaque[] = { "base64", "quoted-printable", "x-uuencode", "uuencode" };
  gboolean message = g_ascii_strcasecmp (part->type, "message") == 0
                     && (g_ascii_strcasecmp (part->subtype, "rfc822") == 0
                         || g_ascii_strcasecmp (part->subtype, "global") == 0
                         || g_ascii_strcasecmp (part->subtype, "news") == 0);

  for (guint i = 0; message && part->encoding != NULL && i < G_N_ELEMENTS (opaque); i++)
    if (strcmp (part->encoding, opaque[i]) == 0)
      message = FALSE;
  return g_ascii_strcasecmp (part->type, "multipart") != 0 && !message;
}

static void
check_leaves (const BdMimePart *part)
{
  static const char *const words[][2] = {
    { "text", "plain" }, { "TEXT", "*" }, { "Multipart", "MIXED" }, { "message", "rfc822" }, { "MESSAGE", "*" },
    { "m", "*" }, { "messages", "rfc822" }, { "multipart", "digest" }, { "", "*" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    g_assert_cmpint (bd_mime_part_is (part, words[i][0], words[i][1]), ==,
                     g_ascii_strcasecmp (part->type, words[i][0]) == 0
                     && (strcmp (words[i][1], "*") == 0 || g_ascii_strcasecmp (part->subtype, words[i][1]) == 0));
  g_assert_cmpint (bd_mime_part_is_leaf (part), ==, leaf_reference (part));
  for (guint i = 0; part->children != NULL && i < part->children->len; i++)
    check_leaves (child (part, i));
  if (part->message != NULL)
    check_leaves (part->message);
}

/* Parts of every kind, in any case, with and without encodings, at the
 * depth limit and past it: bd_mime_part_is_leaf () and bd_mime_part_is ()
 * against the words compared without case. */
static void
test_leaf_kinds (void)
{
  static const char *const types[] = {
    "text/plain", "Multipart/Mixed; boundary=b", "message/rfc822", "MESSAGE/Global", "message/news",
    "message/delivery-status", "multipart/digest; boundary=b", "messages/rfc822", "multipart", "",
  };
  static const char *const encodings[] = { NULL, "base64", "7bit", "Quoted-Printable", "x-uuencode", "uuencode", "8bit" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (41);

  for (guint round = 0; round < 3000; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(BdMimePart) m = NULL;

      for (guint level = g_rand_int_range (rand, 1, 5); level > 0; level--)
        {
          const char *encoding = encodings[g_rand_int_range (rand, 0, G_N_ELEMENTS (encodings))];

          g_string_append_printf (text, "Content-Type: %s\n", types[g_rand_int_range (rand, 0, G_N_ELEMENTS (types))]);
          if (encoding != NULL)
            g_string_append_printf (text, "Content-Transfer-Encoding: %s\n", encoding);
          g_string_append (text, g_rand_boolean (rand) ? "\n--b\n" : "\n");
        }
      g_string_append (text, "body\n--b--\n");
      m = bd_mime_parse (text->str, text->len, g_rand_int_range (rand, 0, 4));
      check_leaves (m);
    }
}

/* CRLF and lone CR become LF, in place, wherever they fall: first byte,
 * last byte, runs of them. */
static void
test_normalise_newlines (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "", "" }, { "no line end", "no line end" }, { "a\r\nb", "a\nb" }, { "a\rb", "a\nb" },
    { "\r\nx", "\nx" }, { "x\r", "x\n" }, { "x\r\n", "x\n" }, { "\r\r\n\n\r", "\n\n\n\n" },
    { "a\n\rb\r\n\r\nc", "a\n\nb\n\nc" }, { "\r", "\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup (cases[i].in);
      gsize len = bd_mime_normalise_newlines (text, strlen (text));

      g_assert_cmpuint (len, ==, strlen (cases[i].out));
      g_assert_cmpmem (text, len, cases[i].out, len);
    }
}

/* A charset alias is kept under the name iconv knows (as GMime
 * translates it), and a name that opens no converter takes no place. */
static void
test_charset_converters (void)
{
  g_autofree char *korean = NULL;
  guint before = bd_mime_charset_n_kept ();

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("x-no-such-charset-%u", i);

      bd_mime_charset_keep (name);
    }
  g_assert_cmpuint (bd_mime_charset_n_kept (), ==, before);
  bd_mime_charset_keep ("ks_c_5601-1987");
  g_assert_cmpuint (bd_mime_charset_n_kept (), ==, before + 1);
  bd_mime_charset_keep ("latin2");
  g_assert_cmpuint (bd_mime_charset_n_kept (), ==, before + 2);
  korean = bd_mime_text_to_utf8 ("\xb0\xa1", 2, "ks_c_5601-1987", NULL);
  g_assert_cmpstr (korean, ==, "\xea\xb0\x80");   /* U+AC00 */
}

/* bd_mime_text_is_seven_bit() sees an 8-bit byte at every offset of
 * every length up to 100 (its 32- and 8-byte steps and the bytes after),
 * and none past the end. */
static void
test_seven_bit (void)
{
  char text[100];

  memset (text, 'a', sizeof text);
  for (gsize len = 0; len <= sizeof text; len++)
    {
      g_assert_true (bd_mime_text_is_seven_bit (text, len));
      /* and none past the end counts (the last 8 are read in one go) */
      if (len < sizeof text)
        {
          text[len] = (char)0x80;
          g_assert_true (bd_mime_text_is_seven_bit (text, len));
          text[len] = 'a';
        }
      for (gsize i = 0; i < len; i++)
        {
          text[i] = (char)0x80;
          g_assert_false (bd_mime_text_is_seven_bit (text, len));
          text[i] = 'a';
        }
    }
}

/* bd_mime_parse_head () splits @data as bd_mime_parse () does: the same
 * header block, content start and fields, byte for byte. @data is copied
 * into a block of its exact size (a read past it shows under ASan). */
static void
check_head_as_parse (const char *data,
                     gsize       len)
{
  g_autofree char *copy = g_memdup2 (data, len);
  g_autoptr(BdMimePart) whole = bd_mime_parse (copy, len, BD_MIME_MAX_DEPTH);
  g_autoptr(BdMimePart) head = bd_mime_parse_head (copy, len);

  g_assert_true (head->head == whole->head);
  g_assert_cmpuint (head->head_len, ==, whole->head_len);
  g_assert_true (head->body == whole->body);
  g_assert_cmpuint (head->body_len, ==, whole->body_len);
  g_assert_cmpuint (head->n_fields, ==, whole->n_fields);
  for (guint i = 0; i < head->n_fields; i++)
    {
      g_assert_true (head->fields[i].name == whole->fields[i].name);
      g_assert_cmpuint (head->fields[i].name_len, ==, whole->fields[i].name_len);
      g_assert_true (head->fields[i].value == whole->fields[i].value);
      g_assert_cmpuint (head->fields[i].value_len, ==, whole->fields[i].value_len);
    }
  /* its content is not to be read: no parts, no parameters */
  g_assert_true (bd_mime_part_is (head, "text", "plain"));
  g_assert_null (head->children);
  g_assert_null (head->charset);
}

/* The head-only parse of text with a blank line stops there by itself:
 * the same fields as the parse of the block up to it and the blank line
 * (what the returned original's reader parsed before). */
static void
check_head_stops_at_blank (const char *data,
                           gsize       len)
{
  const char *blank = g_strstr_len (data, len, "\n\n");
  g_autoptr(BdMimePart) whole = NULL, cut = NULL;

  if (blank == NULL)
    return;
  whole = bd_mime_parse_head (data, len);
  cut = bd_mime_parse_head (data, blank + 2 - data);
  g_assert_cmpuint (whole->n_fields, ==, cut->n_fields);
  g_assert_cmpuint (whole->head_len, ==, cut->head_len);
  for (guint i = 0; i < whole->n_fields; i++)
    {
      g_assert_true (whole->fields[i].name == cut->fields[i].name);
      g_assert_cmpuint (whole->fields[i].name_len, ==, cut->fields[i].name_len);
      g_assert_true (whole->fields[i].value == cut->fields[i].value);
      g_assert_cmpuint (whole->fields[i].value_len, ==, cut->fields[i].value_len);
    }
}

/* The head-only parse over header blocks of every shape the splitter
 * knows (folded lines, broken lines, unindented parameters, a body
 * straight after the fields, multiparts) and random ones. */
static void
test_parse_head (void)
{
  static const char *const blocks[] = {
    "", "\n", "Subject: hi\n", "Subject: hi", "Subject: hi\n\nbody\n",
    "Subject: hi\nX-Broken line without colon\nContent-Type: multipart/report; boundary=R\n\n--R\n\nreport\n--R--\n",
    "Subject: hi\nContent-Type: multipart/alternative;\nboundary=\"----=_Part_1\"\n\n------=_Part_1\n\nhello\n",
    "Subject: note;\nthe text = starts here\n", "From jan Mon\nSubject: x\n", "Received: from a\n\tby b\n (c)\nTo: d\n\n",
    " folded first\nSubject: x\n", "Content-Type: message/rfc822\n\nSubject: inner\n\nbody\n",
  };
  static const char *const pieces[] = {
    "Subject: a", "From: b@c.example", "Received: from x", "\tby y", " (z)", "Content-Type: text/plain",
    "Content-Type: multipart/mixed; boundary=B", "boundary=B", "--B", "no colon here", "X:", ":", "", "a=b;",
    "Content-Transfer-Encoding: base64",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261208);

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    {
      check_head_as_parse (blocks[i], strlen (blocks[i]));
      check_head_stops_at_blank (blocks[i], strlen (blocks[i]));
    }
  for (guint round = 0; round < 20000; round++)
    {
      g_autoptr(GString) data = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 12);

      for (guint k = 0; k < n; k++)
        g_string_append_printf (data, "%s\n", pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      if (g_rand_boolean (rand) && data->len > 0)
        g_string_truncate (data, data->len - 1);
      check_head_as_parse (data->str, data->len);
      check_head_stops_at_blank (data->str, data->len);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();
  g_test_add_func ("/mime/headers", test_headers);
  g_test_add_func ("/mime/headers-end-without-blank-line", test_headers_end_without_blank_line);
  g_test_add_func ("/mime/multipart-report", test_multipart_report);
  g_test_add_func ("/mime/nested-and-unclosed", test_nested_and_unclosed);
  g_test_add_func ("/mime/missing-boundary", test_missing_boundary);
  g_test_add_func ("/mime/parameters", test_parameters);
  g_test_add_func ("/mime/transfer-encodings", test_transfer_encodings);
  g_test_add_func ("/mime/depth-limit", test_depth_limit);
  g_test_add_func ("/mime/fields", test_fields);
  g_test_add_func ("/mime/field-names", test_field_names);
  g_test_add_func ("/mime/broken-headers", test_broken_headers);
  g_test_add_func ("/mime/unindented-parameters", test_unindented_parameters);
  g_test_add_func ("/mime/encapsulated-messages", test_encapsulated_messages);
  g_test_add_func ("/mime/parameter-forms", test_parameter_forms);
  g_test_add_func ("/mime/parameter-plain-form", test_parameter_plain_form);
  g_test_add_func ("/mime/part-count-limit", test_part_count_limit);
  g_test_add_func ("/mime/arena-blocks", test_arena_blocks);
  g_test_add_func ("/mime/content-fields-noted", test_content_fields_noted);
  g_test_add_func ("/mime/leaf-kinds", test_leaf_kinds);
  g_test_add_func ("/mime/normalise-newlines", test_normalise_newlines);
  g_test_add_func ("/mime/charset-converters", test_charset_converters);
  g_test_add_func ("/mime/seven-bit", test_seven_bit);
  g_test_add_func ("/mime/parse-head", test_parse_head);
  return g_test_run ();
}
