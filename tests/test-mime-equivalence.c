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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();
  g_test_add_func ("/mime/equivalence/fields-one-pass", test_fields_one_pass);
  return g_test_run ();
}
