/* test-mime-equivalence.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The MIME layer's fast paths give what the slower ways they replaced
 * gave: each is run next to a reference (the old code, or GMime) over
 * hand-made edge cases and over every message of the test fixtures and,
 * when present, of the shared corpus (../shared).
 */
#include "config.h"

#include <gmime/gmime.h>
#include <string.h>

#include "bd-gmime-autocleanups.h"
#include "bd-mime.h"
#include "bd-mime-text.h"

/* --- the messages ------------------------------------------------------- */

static void
add_files_under (GPtrArray  *paths,
                 const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  if (listing == NULL)
    return;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        add_files_under (paths, path);
      else if (g_str_has_suffix (name, ".eml") || g_str_has_suffix (name, ".txt")
               || g_str_has_suffix (name, ".mbox"))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
}

/* The fixtures and, when present, the shared corpus's bounces and peers. */
static GPtrArray *
message_paths (void)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *root = g_getenv ("BD_SOURCE_ROOT");
  g_autofree char *shared = NULL;
  g_autofree char *bounces = NULL;
  g_autofree char *peers = NULL;

  add_files_under (paths, g_test_get_filename (G_TEST_DIST, "fixtures", NULL));
  /* BD_SHARED_DIR names another copy of ../shared. */
  if (g_getenv ("BD_SHARED_DIR") != NULL && *g_getenv ("BD_SHARED_DIR"))
    shared = g_strdup (g_getenv ("BD_SHARED_DIR"));
  else
    shared = g_build_filename (root != NULL ? root : ".", "..", "shared", NULL);
  bounces = g_build_filename (shared, "corpus", "bounces", NULL);
  peers = g_build_filename (shared, "corpus", "peers", NULL);
  add_files_under (paths, bounces);
  add_files_under (paths, peers);
  return paths;
}

/* A file's bytes as the decoder parses them: LF line ends. */
static char *
load_message (const char *path,
              gsize      *len)
{
  char *data = NULL;

  if (!g_file_get_contents (path, &data, len, NULL))
    return NULL;
  *len = bd_mime_normalise_newlines (data, *len);
  return data;
}

typedef void (*PartCheck) (const BdMimePart *part);

static void
walk_parts (const BdMimePart *part,
            PartCheck         check)
{
  check (part);
  if (part->children != NULL)
    for (guint i = 0; i < part->children->len; i++)
      walk_parts (g_ptr_array_index (part->children, i), check);
  if (part->message != NULL)
    walk_parts (part->message, check);
}

/* Runs @check on every part of every message; returns how many. */
static guint
check_every_part (PartCheck check)
{
  g_autoptr(GPtrArray) paths = message_paths ();
  guint n = 0;

  for (guint i = 0; i < paths->len; i++)
    {
      gsize len;
      g_autofree char *data = load_message (g_ptr_array_index (paths, i), &len);
      g_autoptr(BdMimePart) top = NULL;

      if (data == NULL)
        continue;
      top = bd_mime_parse (data, len, BD_MIME_MAX_DEPTH);
      walk_parts (top, check);
      n++;
    }
  return n;
}

/* --- header fields: one pass against the old second pass ---------------- */

/* The header block's fields as they were found before split_head()
 * indexed them: a second walk over the block (bd-mime.c until 2026-12). */
static const char *
ref_line_end (const char *p,
              const char *end)
{
  const char *nl = memchr (p, '\n', end - p);

  return nl != NULL ? nl : end;
}

static const char *
ref_next_line (const char *p,
               const char *end)
{
  const char *nl = memchr (p, '\n', end - p);

  return nl != NULL ? nl + 1 : end;
}

static const char *
ref_field_colon (const char *p,
                 const char *eol)
{
  const char *q = p;

  while (q < eol && *q > ' ' && *q < 127 && *q != ':')
    q++;
  if (q == p)
    return NULL;
  while (q < eol && (*q == ' ' || *q == '\t'))
    q++;
  return q < eol && *q == ':' ? q : NULL;
}

static gboolean
ref_continues_parameters (const char *head,
                          const char *p,
                          const char *eol)
{
  const char *q = p - 1;
  const char *name = p;

  if (p <= head)
    return FALSE;
  while (q > head && (q[-1] == ' ' || q[-1] == '\t' || q[-1] == '\r'))
    q--;
  if (q <= head || q[-1] != ';')
    return FALSE;
  while (name < eol && (g_ascii_isalnum (*name) || *name == '-' || *name == '_' || *name == '*'))
    name++;
  if (name == p)
    return FALSE;
  while (name < eol && (*name == ' ' || *name == '\t'))
    name++;
  return name < eol && *name == '=';
}

static GArray *
ref_index_fields (const BdMimePart *part)
{
  const char *p = part->head, *end = part->head + part->head_len;
  GArray *fields = g_array_new (FALSE, FALSE, sizeof (BdMimeField));

  while (p < end)
    {
      const char *eol = ref_line_end (p, end);
      const char *colon = ref_field_colon (p, eol);
      const char *stop = ref_next_line (p, end);
      const char *n = p;
      BdMimeField field;

      while (stop < end && (*stop == ' ' || *stop == '\t'
                            || ref_continues_parameters (part->head, stop, ref_line_end (stop, end))))
        {
          eol = ref_line_end (stop, end);
          stop = ref_next_line (stop, end);
        }
      if (colon != NULL)
        {
          while (n < colon && *n > ' ')
            n++;
          field.name = p;
          field.name_len = n - p;
          field.value = colon + 1;
          field.value_len = eol - (colon + 1);
          g_array_append_val (fields, field);
        }
      p = stop;
    }
  return fields;
}

static void
assert_fields_as_before (const BdMimePart *part)
{
  g_autoptr(GArray) expected = ref_index_fields (part);
  guint n;
  const BdMimeField *fields = bd_mime_fields (part, &n);

  g_assert_cmpuint (n, ==, expected->len);
  for (guint i = 0; i < n; i++)
    {
      const BdMimeField *want = &g_array_index (expected, BdMimeField, i);

      g_assert_true (fields[i].name == want->name);
      g_assert_cmpuint (fields[i].name_len, ==, want->name_len);
      g_assert_true (fields[i].value == want->value);
      g_assert_cmpuint (fields[i].value_len, ==, want->value_len);
    }
}

static void
test_fields_one_pass (void)
{
  static const char *const heads[] = {
    "Subject: hi\nX-Broken line without colon\n  folded under it\nTo: a@b\n\nbody",
    "Subject: hi\n\tfolded\n  twice\nFrom : spaced colon\n\n",
    "  indented first line\nSubject: x\n\n",
    "Subject: prose follows\nthis is the text\nand more\n",
    "Content-Type: multipart/alternative;\nboundary=\"b\"\nSubject: after\n\n",
    "X-Broken;\nboundary=a:b\nSubject: s\n\n",
    "Subject: s\nbroken one\nbroken two;\nname=v:w\n indented\nTo: t\n\n",
    "Subject: no end",
    "Subject: a\nNo-Colon-At-End\n",
    "A:1\nB:\nC: \n  \n\n",
    "Received: from a\n  by b\nReceived: from c\nX-Empty:\n\nbody",
    "\nonly a body\n",
    "",
    "Name\twith tab: v\nX: y;\n  z=1\nw=2\n\n",
  };
  guint n;

  for (guint i = 0; i < G_N_ELEMENTS (heads); i++)
    {
      g_autoptr(BdMimePart) part = bd_mime_parse (heads[i], strlen (heads[i]), 8);

      walk_parts (part, assert_fields_as_before);
    }
  n = check_every_part (assert_fields_as_before);
  g_test_message ("%u messages", n);
  g_assert_cmpuint (n, >, 0);
}

/* Header blocks made of lines that end in ';', blanks, CRs or other
 * bytes, parameters written without indentation, folded and broken
 * lines: the splitter's test of the line above (its last byte looked at
 * first) against the reference. */
static void
test_fields_random (void)
{
  static const char *const lines[] = {
    "Content-Type: multipart/mixed;\n", "Content-Type: text/plain; \n", "X: y;\t\n", "X: y;\r\n",
    "boundary=\"b\"\n", "charset=utf-8\n", "name = v\n", "a_b*=x\n", "=v\n", " folded;\n",
    "\tfolded\n", "Subject: s\n", "Subject: 9\n", "Subject: :\n", "To: <a@b>\n", "broken\n",
    "broken;\n", "X: \xc3\xa9;\n", "X: ; \t \n", ";\n", "X: z<\n", "\n", "body",
    /* no name before the colon, the colon after blanks */
    ": no name\n", ":\n", "Subject:: s\n", "X :y\n", "X\t\t:y\n",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (41);

  for (guint i = 0; i < 20000; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(BdMimePart) part = NULL;

      for (guint k = g_rand_int_range (rand, 0, 9); k > 0; k--)
        g_string_append (text, lines[g_rand_int_range (rand, 0, G_N_ELEMENTS (lines))]);
      part = bd_mime_parse (text->str, text->len, 8);
      walk_parts (part, assert_fields_as_before);
    }
}

/* The type token's characters (a table) against RFC 2045's list, for
 * every byte but the line breaks and NUL the unfolding drops: "te?xt/plain"
 * is that type when the byte is a token character, "te"/"xt" for '/', and
 * text/plain (no type read) for any other. */
static gboolean
ref_is_token_char (char c)
{
  return c > ' ' && c < 127 && strchr ("()<>@,;:\\\"/[]?=", c) == NULL;
}

static void
test_type_token_bytes (void)
{
  for (guint c = 1; c < 256; c++)
    {
      char head[] = "Content-Type: teXxt/plain\n\n";
      g_autoptr(BdMimePart) part = NULL;
      g_autofree char *type = NULL;

      if (c == '\n' || c == '\r')
        continue;
      head[16] = (char)c;
      part = bd_mime_parse (head, strlen (head), 8);
      if (ref_is_token_char ((char)c))
        {
          type = g_ascii_strdown (head + 14, 5);
          g_assert_cmpstr (part->type, ==, type);
          g_assert_cmpstr (part->subtype, ==, "plain");
        }
      else if (c == '/')
        {
          g_assert_cmpstr (part->type, ==, "te");
          g_assert_cmpstr (part->subtype, ==, "xt");
        }
      else
        {
          g_assert_cmpstr (part->type, ==, "text");
          g_assert_cmpstr (part->subtype, ==, "plain");
        }
    }
}

/* The first field named @name, compared by GLib without case, by a
 * walk through the index: what the look-ups must find. */
static const char *
ref_header_raw (const BdMimePart *part,
                const char       *name,
                gsize            *len)
{
  guint n;
  const BdMimeField *fields = bd_mime_fields (part, &n);

  for (guint i = 0; i < n; i++)
    if (fields[i].name_len == strlen (name) && g_ascii_strncasecmp (fields[i].name, name, fields[i].name_len) == 0)
      {
        *len = fields[i].value_len;
        return fields[i].value;
      }
  return NULL;
}

/* Header look-ups (a literal name, its length worked out when compiling,
 * and a name made at run time) against the walk, over random blocks of
 * names in random case, some alike in length and first letter. */
static void
test_header_lookups (void)
{
  static const char *const names[] = {
    "From", "FROM", "from", "Date", "DATE", "To", "tO", "Subject", "Message-ID", "Message-Id",
    "X-Mailer", "X-Mailed", "Y-Mailer", "Received", "Reply-To", "X", "Content-Type", "Content-Tipe",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (43);

  for (guint i = 0; i < 5000; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(BdMimePart) part = NULL;

      for (guint k = g_rand_int_range (rand, 0, 30); k > 0; k--)
        g_string_append_printf (text, "%s: %u\n", names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))], k);
      g_string_append (text, "\nbody");
      part = bd_mime_parse (text->str, text->len, 8);
      for (guint k = 0; k < G_N_ELEMENTS (names); k++)
        {
          g_autofree char *name = g_strdup (names[k]);
          gsize want_len = 0, got_len = 0;
          const char *want = ref_header_raw (part, name, &want_len);
          g_autofree char *decoded = bd_mime_header (part, name);

          g_assert_true (bd_mime_header_raw (part, name, &got_len) == want);
          g_assert_cmpuint (got_len, ==, want != NULL ? want_len : 0);
          g_assert_cmpint (decoded != NULL, ==, want != NULL);
        }
      g_assert_true (bd_mime_header_raw (part, "Message-ID", &(gsize){ 0 })
                     == ref_header_raw (part, "Message-ID", &(gsize){ 0 }));
      g_assert_true (bd_mime_header_raw (part, "X-Mailer", &(gsize){ 0 })
                     == ref_header_raw (part, "X-Mailer", &(gsize){ 0 }));
      g_assert_true (bd_mime_header_raw (part, "", &(gsize){ 0 }) == NULL);
    }
}

/* Types and subtypes of every length either side of what the part holds
 * in itself (type_buf) and what it allocates, read back in lower case. */
static void
test_type_lengths (void)
{
  for (guint t = 1; t <= 30; t++)
    for (guint u = 1; u <= 30; u++)
      {
        g_autofree char *type = g_strnfill (t, 'T');
        g_autofree char *subtype = g_strnfill (u, 'S');
        g_autofree char *head = g_strdup_printf ("Content-Type: %s/%s; charset=x\n\nbody", type, subtype);
        g_autoptr(BdMimePart) part = bd_mime_parse (head, strlen (head), 8);
        g_autofree char *want_type = g_ascii_strdown (type, -1);
        g_autofree char *want_subtype = g_ascii_strdown (subtype, -1);

        g_assert_cmpstr (part->type, ==, want_type);
        g_assert_cmpstr (part->subtype, ==, want_subtype);
        g_assert_true (part->subtype == part->type + t + 1);
      }
}

/* A transfer encoding as written (case, blanks, folding, other bytes)
 * against the old reading: unfolded, then a lower-case copy. */
static void
test_encoding_values (void)
{
  static const char *const values[] = {
    " base64", "BASE64", " Quoted-Printable ", "\tqUoTeD-pRiNtAbLe", " 7BIT\n ", " x-\n UUencode",
    " 8Bit (comment)", "", " ", " B\xc3\x84SE64", " a\tb",
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *head = g_strdup_printf ("Content-Transfer-Encoding:%s\n\nbody", values[i]);
      g_autoptr(BdMimePart) part = bd_mime_parse (head, strlen (head), 8);
      const char *raw = strchr (head, ':') + 1;
      g_autofree char *unfolded = bd_mime_unfold (raw, strstr (head, "\n\n") - raw);
      g_autofree char *want = g_ascii_strdown (unfolded, -1);

      g_assert_cmpstr (part->encoding, ==, want);
    }
}

/* --- unfolding: runs of lines against byte by byte ---------------------- */

static char *
ref_unfold (const char *raw,
            gsize       len)
{
  const char *end = raw + len;
  char *out, *q;

  while (raw < end && g_ascii_isspace (*raw))
    raw++;
  while (end > raw && g_ascii_isspace (end[-1]))
    end--;
  out = q = g_malloc (end - raw + 1);
  for (; raw < end; raw++)
    if (*raw != '\n' && *raw != '\r' && *raw != '\0')
      *q++ = *raw;
  *q = '\0';
  return out;
}

static void
assert_unfold_as_before (const char *raw,
                         gsize       len)
{
  g_autofree char *expected = ref_unfold (raw, len);
  g_autofree char *unfolded = bd_mime_unfold (raw, len);

  g_assert_cmpstr (unfolded, ==, expected);
}

static void
assert_part_unfold_as_before (const BdMimePart *part)
{
  guint n;
  const BdMimeField *fields = bd_mime_fields (part, &n);

  for (guint i = 0; i < n; i++)
    assert_unfold_as_before (fields[i].value, fields[i].value_len);
}

static void
test_unfold (void)
{
  static const char values[][24] = {
    "", " ", "a", " a b ", "a\n b", "a\n\tb\n c\n", "\n a\n", "a\r\n b", "a\rb", "a\n\n b", "\t\n",
    "x\n", "a \n  \n b",
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    assert_unfold_as_before (values[i], strlen (values[i]));
  assert_unfold_as_before ("a\0b\n c", 6);
  assert_unfold_as_before ("a\n b\0", 5);
  check_every_part (assert_part_unfold_as_before);
}

/* --- multipart bodies: found dashes against every line ------------------ */

/* The old walk over every line of a multipart body: where its parts start
 * and stop, and where the prologue stops. */
static gboolean
ref_is_boundary (const char *p,
                 const char *eol,
                 const char *boundary,
                 gsize       n,
                 gboolean   *last)
{
  if ((gsize)(eol - p) < n + 2 || p[0] != '-' || p[1] != '-' || memcmp (p + 2, boundary, n) != 0)
    return FALSE;
  p += n + 2;
  *last = eol - p >= 2 && p[0] == '-' && p[1] == '-';
  if (*last)
    p += 2;
  while (p < eol && (*p == ' ' || *p == '\t' || *p == '\r'))
    p++;
  return p == eol;
}

static void
assert_parts_as_before (const BdMimePart *part)
{
  const char *p = part->body, *end = part->body + part->body_len;
  const char *start = NULL;
  gsize n, prologue_len = part->body_len;
  guint i = 0;

  if (part->children == NULL || part->boundary == NULL || part->boundary[0] == '\0')
    return;
  n = strlen (part->boundary);
  while (p < end)
    {
      const char *eol = ref_line_end (p, end);
      gboolean last = FALSE;

      if (*p == '-' && ref_is_boundary (p, eol, part->boundary, n, &last))
        {
          const char *stop = p > part->body ? p - 1 : p;

          if (start == NULL)
            prologue_len = stop - part->body;
          else if (i < part->children->len)
            {
              const BdMimePart *child = g_ptr_array_index (part->children, i++);

              g_assert_true (child->head == start);
              g_assert_true (child->body + child->body_len == MAX (stop, start));
            }
          if (last)
            break;
          start = eol < end ? eol + 1 : end;
        }
      p = eol < end ? eol + 1 : end;
    }
  if (p >= end && start != NULL && i < part->children->len)
    {
      const BdMimePart *child = g_ptr_array_index (part->children, i++);

      g_assert_true (child->head == start);
      g_assert_true (child->body + child->body_len == end);
    }
  g_assert_cmpuint (i, ==, part->children->len);
  g_assert_cmpuint (part->prologue_len, ==, prologue_len);
}

static void
test_multipart_dashes (void)
{
  static const char *const messages[] = {
    "Content-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--b\n\ntwo-with - dashes\n-- b\n--bx\n--b--\nafter",
    "Content-Type: multipart/mixed; boundary=b\n\n--b",
    "Content-Type: multipart/mixed; boundary=b\n\nprologue - text\n---b\n--b  \t\n\nx\n--b--",
    "Content-Type: multipart/mixed; boundary=-\n\n---\n\nx\n-----\n",
    "Content-Type: multipart/mixed; boundary=b\n\n-\n--\n--b\n\nunclosed - part\n",
  };
  guint n;

  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      g_autoptr(BdMimePart) part = bd_mime_parse (messages[i], strlen (messages[i]), 8);

      walk_parts (part, assert_parts_as_before);
    }
  n = check_every_part (assert_parts_as_before);
  g_assert_cmpuint (n, >, 0);
}

/* --- quoted-printable: our decoder against GMime's ---------------------- */

static void
assert_quoted_printable_as_gmime (const BdMimePart *part)
{
  g_autofree char *expected = NULL;
  g_autofree char *decoded = NULL;
  int state = 0;
  guint32 save = 0;
  gsize n, len;

  if (part->encoding == NULL || strcmp (part->encoding, "quoted-printable") != 0)
    return;
  expected = g_malloc (part->body_len + 4);
  n = g_mime_encoding_quoted_decode_step ((const unsigned char *)part->body, part->body_len,
                                          (unsigned char *)expected, &state, &save);
  decoded = bd_mime_part_content (part, &len);
  g_assert_cmpmem (decoded, len, expected, n);
}

static void
test_quoted_printable (void)
{
  static const char alphabet[] = "=Aaf09gG \t\r\n.\x80\xff";
  static const char *const bodies[] = {
    "", "=", "=4", "=41", "=\n", "=\r\n", "=\r", "a=\nb", "a=\r\nb", "=4g", "=g4", "==41", "=\r\r",
    "caf=C3=A9", "=c3=a9", "x=", "x=4", "line =\n\n",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);
  guint n;

  for (guint i = 0; i < G_N_ELEMENTS (bodies) + 20000; i++)
    {
      g_autoptr(GString) message = g_string_new ("Content-Transfer-Encoding: quoted-printable\n\n");
      g_autoptr(BdMimePart) part = NULL;

      if (i < G_N_ELEMENTS (bodies))
        g_string_append (message, bodies[i]);
      else
        {
          /* long runs without '=' half the time (the 16-byte copy), the
           * escapes either side of a block's end the other */
          gboolean sparse = g_rand_boolean (rand);

          for (guint k = g_rand_int_range (rand, 0, 100); k > 0; k--)
            g_string_append_c (message, sparse && g_rand_int_range (rand, 0, 12) != 0
                                        ? 'a' : alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]);
        }
      part = bd_mime_parse (message->str, message->len, 8);
      g_assert_cmpstr (part->encoding, ==, "quoted-printable");
      assert_quoted_printable_as_gmime (part);
    }
  n = check_every_part (assert_quoted_printable_as_gmime);
  g_assert_cmpuint (n, >, 0);
}

/* --- address fields: the plain reading against GMime's ------------------ */

/* What the decoder took from GMime's list before the plain reading: every
 * mailbox, groups' members included down to two levels (bd-original.c). */
static void
gmime_flatten (GPtrArray           *into,
               InternetAddressList *list,
               guint                depth)
{
  int n = list != NULL && depth <= 2 ? internet_address_list_length (list) : 0;

  for (int i = 0; i < n; i++)
    {
      InternetAddress *address = internet_address_list_get_address (list, i);

      if (INTERNET_ADDRESS_IS_MAILBOX (address))
        g_ptr_array_add (into, g_strdup (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address))));
      else if (INTERNET_ADDRESS_IS_GROUP (address))
        gmime_flatten (into, internet_address_group_get_members (INTERNET_ADDRESS_GROUP (address)), depth + 1);
    }
}

/* Whether GMime's list of @value holds mailboxes only (no group). */
static gboolean
gmime_all_mailboxes (InternetAddressList *list)
{
  int n = list != NULL ? internet_address_list_length (list) : 0;

  for (int i = 0; i < n; i++)
    if (!INTERNET_ADDRESS_IS_MAILBOX (internet_address_list_get_address (list, i)))
      return FALSE;
  return TRUE;
}

/* The first address alone (bd_mime_address_header_plain_first) against
 * the array's first (bd_mime_address_header_plain with room for one),
 * for @value as a From field, and for no From field at all. */
static void
assert_first_as_array (const char *value)
{
  g_autofree char *head = g_strdup_printf ("To: x@y.z\nFrom: %s\n\nbody", value);
  g_autoptr(BdMimePart) part = bd_mime_parse (head, strlen (head), 8);
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *first = NULL;
  gboolean plain = bd_mime_address_header_plain (part, "From", array, 1);

  g_assert_cmpint (bd_mime_address_header_plain_first (part, "From", &first), ==, plain);
  g_assert_cmpstr (first, ==, plain && array->len > 0 ? g_ptr_array_index (array, 0) : NULL);
  g_clear_pointer (&first, g_free);
  g_assert_true (bd_mime_address_header_plain_first (part, "Cc", &first));
  g_assert_null (first);
}

/* Checks @value both ways; returns whether the plain reading took it. */
static gboolean
assert_addresses_as_gmime (const char *value)
{
  g_autoptr(GPtrArray) plain = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(InternetAddressList) list = NULL;

  assert_first_as_array (value);
  if (!bd_mime_plain_addresses (value, plain, G_MAXUINT))
    {
      g_assert_cmpuint (plain->len, ==, 0);
      return FALSE;
    }
  list = internet_address_list_parse (NULL, value);
  gmime_flatten (expected, list, 0);
  if (plain->len != expected->len)
    g_error ("%s: %u addresses read, GMime gives %u", value, plain->len, expected->len);
  for (guint i = 0; i < plain->len; i++)
    if (strcmp (g_ptr_array_index (plain, i), g_ptr_array_index (expected, i)) != 0)
      g_error ("%s: read %s, GMime gives %s", value, (char *)g_ptr_array_index (plain, i),
               (char *)g_ptr_array_index (expected, i));
  /* no group: the first mailbox is the first address, as every caller
   * that wants one takes it */
  g_assert_true (gmime_all_mailboxes (list));
  g_assert_true (bd_mime_plain_addresses (value, first, 1));
  g_assert_cmpuint (first->len, ==, MIN (plain->len, 1));
  return TRUE;
}

static void
test_plain_addresses_cases (void)
{
  static const char *const plain[] = {
    "a@b.c", "jan.kowalski@example.pl", "Jan <a@b.c>", "\"Kowalski, Jan\" <a@b.c>",
    "John Q. Public <a@b.c>", "<a@b.c>", "a@b.c, Jan <d@e.f>,\"x\" <g@h.i>", "a@b.c ,d@e.f",
    "\"\" <a@b.c>", "\"J\"an <a@b.c>", "Jan<a@b.c>", "MAILER-DAEMON@mx.example.com",
    "=?utf-8?q?x?=@b.c", "\"=?utf-8?q?Jan?=\" <a@b.c>",
  };
  static const char *const not_plain[] = {
    "", " ", "a", "a@", "@b", "a@b.c.", "a@.b", ".a@b", "a.@b", "a..b@c", "a@b..c",
    "a@xn--p1ai.ru", "a@b.XN--p1ai", "Group: a@b.c;", "Group:;", ". <a@b.c>", "a@b.c,",
    ",a@b.c", "a@b.c,,d@e.f", "a@b.c d@e.f", "< a@b.c>", "<a@b.c >", "<<a@b.c>>", "<>",
    "a@b.c (Jan)", "(Jan) a@b.c", "\"unterminated <a@b.c>", "\"a\\\"b\" <c@d.e>",
    "\"a\"@b.c", "a@[1.2.3.4]", "Kowalski, Jan <a@b.c>", "a@b.c <a@b.c>", "J\xc3\xb3n <a@b.c>",
    "a@b.c>", "<a@b.c", "<@r.s:a@b.c>", "Jan <a@b.c> x", "Jan <a@b.c>;",
  };

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    if (!assert_addresses_as_gmime (plain[i]))
      g_error ("not read as plain: %s", plain[i]);
  for (guint i = 0; i < G_N_ELEMENTS (not_plain); i++)
    if (assert_addresses_as_gmime (not_plain[i]))
      g_error ("read as plain: %s", not_plain[i]);

  /* read in one pass: a value found not plain after a good mailbox takes
   * back what it added, and only that */
  {
    g_autoptr(GPtrArray) addrs = g_ptr_array_new_with_free_func (g_free);

    g_ptr_array_add (addrs, g_strdup ("kept@example.com"));
    g_assert_false (bd_mime_plain_addresses ("a@b.c, Jan <d@e.f>, (x) g@h.i", addrs, 10));
    g_assert_cmpuint (addrs->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (addrs, 0), ==, "kept@example.com");
    g_assert_true (bd_mime_plain_addresses ("a@b.c, d@e.f, g@h.i", addrs, 3));
    g_assert_cmpuint (addrs->len, ==, 3);
    g_assert_cmpstr (g_ptr_array_index (addrs, 2), ==, "d@e.f");
  }
}

/* Every printable character (and a tab) in each place of each form, alone
 * and next to another address. */
static void
test_plain_addresses_characters (void)
{
  static const char *const forms[] = {
    "a%cb@example.com", "%cab@example.com", "ab%c@example.com", "ab@ex%cample.com",
    "ab@%cexample.com", "ab@example.com%c", "<a%cb@example.com>", "<ab@ex%cample.com>",
    "J%cn <ab@example.com>", "%cJn <ab@example.com>", "Jn%c <ab@example.com>",
    "\"J%cn\" <ab@example.com>", "Jan %c <ab@example.com>", "Jan <ab@example.com>%c",
    "ab@example.com%ccd@example.org", "Jan <ab@example.com>%c Ola <cd@example.org>",
  };
  guint n_plain = 0, n = 0;

  for (guint f = 0; f < G_N_ELEMENTS (forms); f++)
    for (int c = '\t'; c < 127; c = c == '\t' ? ' ' : c + 1)
      {
        g_autofree char *one = g_strdup_printf (forms[f], c);
        g_autofree char *before = g_strconcat ("x@y.z, ", one, NULL);
        g_autofree char *after = g_strconcat (one, ", \"Y\" <x@y.z>", NULL);

        n_plain += assert_addresses_as_gmime (one);
        assert_addresses_as_gmime (before);
        assert_addresses_as_gmime (after);
        n++;
      }
  g_test_message ("%u of %u read as plain", n_plain, n);
  g_assert_cmpuint (n_plain, >, n / 4);
}

static guint n_address_fields, n_plain_fields;

static void
assert_part_addresses_as_gmime (const BdMimePart *part)
{
  static const char *const names[] = {
    "From", "To", "Cc", "Bcc", "Reply-To", "Sender", "Return-Path", "Resent-From", "Resent-To",
    "Delivered-To", "X-Original-To", "Disposition-Notification-To",
  };
  guint n;
  const BdMimeField *fields = bd_mime_fields (part, &n);

  for (guint i = 0; i < n; i++)
    for (guint k = 0; k < G_N_ELEMENTS (names); k++)
      if (fields[i].name_len == strlen (names[k]) && g_ascii_strncasecmp (fields[i].name, names[k], fields[i].name_len) == 0)
        {
          g_autofree char *value = bd_mime_unfold (fields[i].value, fields[i].value_len);

          n_address_fields++;
          n_plain_fields += assert_addresses_as_gmime (value);
        }
}

static void
test_plain_addresses_corpus (void)
{
  guint n = check_every_part (assert_part_addresses_as_gmime);

  g_test_message ("%u messages: %u of %u address fields read as plain", n, n_plain_fields, n_address_fields);
  g_assert_cmpuint (n_plain_fields * 10, >=, n_address_fields * 8);
}

/* --- message IDs: the plain reading against GMime's ---------------------- */

/* Returns whether the plain reading took @value. */
static gboolean
assert_message_id_as_gmime (const char *value)
{
  g_autofree char *plain = bd_mime_plain_message_id (value);
  g_autofree char *expected = NULL;

  if (plain == NULL)
    return FALSE;
  expected = g_mime_utils_decode_message_id (value);
  if (g_strcmp0 (plain, expected) != 0)
    g_error ("%s: read %s, GMime gives %s", value, plain, expected);
  return TRUE;
}

static guint n_id_fields, n_plain_ids;

static void
assert_part_message_ids_as_gmime (const BdMimePart *part)
{
  guint n;
  const BdMimeField *fields = bd_mime_fields (part, &n);

  for (guint i = 0; i < n; i++)
    if ((fields[i].name_len == 10 && g_ascii_strncasecmp (fields[i].name, "Message-ID", 10) == 0)
        || (fields[i].name_len == 11 && g_ascii_strncasecmp (fields[i].name, "In-Reply-To", 11) == 0))
      {
        g_autofree char *value = bd_mime_unfold (fields[i].value, fields[i].value_len);

        n_id_fields++;
        n_plain_ids += assert_message_id_as_gmime (value);
      }
}

static void
test_plain_message_ids (void)
{
  static const char *const forms[] = {
    "<a%cb@example.com>", "<%cab@example.com>", "<ab%c@example.com>", "<ab@ex%cample.com>",
    "<ab@example.com%c>", "%c<ab@example.com>", "<ab@example.com>%c", "<ab@%cexample.com>",
  };
  static const char *const cases[] = {
    "<a@b>", "<1234.5678$x=y@mail.example.com>", "<a.b.c@d.e.f>", "<a..b@c>", "<a@b.>", "<.a@b>",
    "<a@xn--p1ai.ru>", "<a@b> (comment)", " <a@b>", "<a@b", "a@b>", "a@b", "<>", "<a>", "<@b>",
    "<\"a b\"@c>", "<a@[1.2.3.4]>", "<a@b><c@d>",
  };
  guint n = 0;

  g_assert_true (assert_message_id_as_gmime ("<a@b>"));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_message_id_as_gmime (cases[i]);
  for (guint f = 0; f < G_N_ELEMENTS (forms); f++)
    for (int c = '\t'; c < 127; c = c == '\t' ? ' ' : c + 1)
      {
        g_autofree char *value = g_strdup_printf (forms[f], c);

        n += assert_message_id_as_gmime (value);
      }
  g_assert_cmpuint (n, >, 0);
  check_every_part (assert_part_message_ids_as_gmime);
  g_test_message ("%u of %u message IDs read as plain", n_plain_ids, n_id_fields);
  g_assert_cmpuint (n_plain_ids * 10, >=, n_id_fields * 8);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();
  g_test_add_func ("/mime/equivalence/fields-one-pass", test_fields_one_pass);
  g_test_add_func ("/mime/equivalence/fields-random", test_fields_random);
  g_test_add_func ("/mime/equivalence/type-token-bytes", test_type_token_bytes);
  g_test_add_func ("/mime/equivalence/type-lengths", test_type_lengths);
  g_test_add_func ("/mime/equivalence/encoding-values", test_encoding_values);
  g_test_add_func ("/mime/equivalence/header-lookups", test_header_lookups);
  g_test_add_func ("/mime/equivalence/unfold", test_unfold);
  g_test_add_func ("/mime/equivalence/multipart-dashes", test_multipart_dashes);
  g_test_add_func ("/mime/equivalence/quoted-printable", test_quoted_printable);
  g_test_add_func ("/mime/equivalence/plain-addresses-cases", test_plain_addresses_cases);
  g_test_add_func ("/mime/equivalence/plain-addresses-characters", test_plain_addresses_characters);
  g_test_add_func ("/mime/equivalence/plain-addresses-corpus", test_plain_addresses_corpus);
  g_test_add_func ("/mime/equivalence/plain-message-ids", test_plain_message_ids);
  return g_test_run ();
}
