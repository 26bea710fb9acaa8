/* test-mailbox.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Mailbox readers: mbox quirks, a file that grows while read, Maildir
 * and Thunderbird layouts, link loops and unreadable files, the read-only
 * guarantee. Mailboxes are generated into a temp folder. The scan over
 * them is test-mailbox-scan.c.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <gmime/gmime.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bd-decoder.h"
#include "bd-export.h"
#include "bd-mailbox.h"
#include "bd-mailbox-filter.h"
#include "bd-mailbox-private.h"
#include "bd-mailbox-scan.h"
#include "bd-test-util.h"

typedef struct
{
  GPtrArray *offsets;   /* (element-type gint64*) */
  GPtrArray *sources;
  GPtrArray *texts;     /* the data given, "" when skipped */
  GPtrArray *errors;
  ino_t      watch_ino; /* checked against /proc/locks while reading */
} Collected;

static void
collected_clear (Collected *c)
{
  g_clear_pointer (&c->offsets, g_ptr_array_unref);
  g_clear_pointer (&c->sources, g_ptr_array_unref);
  g_clear_pointer (&c->texts, g_ptr_array_unref);
  g_clear_pointer (&c->errors, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Collected, collected_clear)

static void
assert_no_lock (ino_t ino)
{
  g_autofree char *locks = NULL;
  g_autofree char *needle = g_strdup_printf (":%lu ", (unsigned long)ino);

  if (!g_file_get_contents ("/proc/locks", &locks, NULL, NULL))
    return;
  g_assert_null (strstr (locks, needle));
}

static gboolean
collect_message_cb (const char *source,
                    goffset     offset,
                    const char *data,
                    gsize       len,
                    gpointer    user_data)
{
  Collected *c = user_data;

  if (c->watch_ino != 0)
    assert_no_lock (c->watch_ino);
  g_ptr_array_add (c->offsets, g_memdup2 (&offset, sizeof offset));
  g_ptr_array_add (c->sources, g_strdup (source));
  g_ptr_array_add (c->texts, data != NULL ? g_strndup (data, len) : g_strdup (""));
  return TRUE;
}

static void
collect_error_cb (const char   *source,
                  const GError *error,
                  gpointer      user_data)
{
  Collected *c = user_data;

  g_ptr_array_add (c->errors, g_strdup (error->message));
}

static gboolean
read_all (const char         *path,
          BdMailboxReadFlags  flags,
          Collected          *c)
{
  BdMailboxReadOptions options = { 0 };

  c->offsets = g_ptr_array_new_with_free_func (g_free);
  c->sources = g_ptr_array_new_with_free_func (g_free);
  c->texts = g_ptr_array_new_with_free_func (g_free);
  c->errors = g_ptr_array_new_with_free_func (g_free);
  options.flags = flags;
  options.message_func = collect_message_cb;
  options.error_func = collect_error_cb;
  options.user_data = c;
  return bd_mailbox_read_with_options (path, &options);
}

static gint64
offset_at (Collected *c,
           guint      i)
{
  return *(goffset *)g_ptr_array_index (c->offsets, i);
}

#define TEXT(c, i) ((const char *)g_ptr_array_index ((c)->texts, (i)))

static const char plain_mbox[] =
  "From alice@example.com Mon Jan  1 10:00:00 2024\n"
  "From: alice@example.com\nSubject: one\n\n"
  "First line\n>From the escaped line\n>>From twice escaped\n\n"
  "From the desk of Alice, not a separator\n"
  "From me at 10:30 tomorrow, still not one\n"
  /* a time and a year, but no weekday and no blank line before it */
  "From Anna, 10:30 on 3 March 2024, not one either\n\n"
  "From - Tue Jan  2 10:00:00 2024\n"
  "From: bob@example.com\nSubject: two\n\nbody two\n"
  "From bob@example.com Wed Jan  3 10:00:00 2024\n"
  "From: carol@example.com\nSubject: three\n\nbody three\n\n"
  /* no ctime weekday, but a blank line before it (CRLF in the copy) */
  "From dave@example.com 2024-01-05 10:00:00\n"
  "From: dave@example.com\nSubject: four\n\nbody four\n\n"
  "From MAILER-DAEMON Thu Jan  4 10:00:00 2024\n"
  "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\nSubject: Undelivered Mail Ret";

static void
test_mbox_quirks (TestDir       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = test_write_file (fixture->dir, "Inbox", plain_mbox, -1);
  g_auto(Collected) c = { 0 };

  g_assert_true (read_all (path, BD_MAILBOX_READ_DEFAULT, &c));
  g_assert_cmpuint (c.texts->len, ==, 5);
  /* ">From " lost one ">", body lines starting with "From " stayed. */
  g_assert_cmpstr (TEXT (&c, 0), ==,
                   "From: alice@example.com\nSubject: one\n\n"
                   "First line\nFrom the escaped line\n>From twice escaped\n\n"
                   "From the desk of Alice, not a separator\n"
                   "From me at 10:30 tomorrow, still not one\n"
                   "From Anna, 10:30 on 3 March 2024, not one either\n");
  /* A From_ line with a ctime date counts even without a blank line. */
  g_assert_cmpstr (TEXT (&c, 1), ==, "From: bob@example.com\nSubject: two\n\nbody two\n");
  g_assert_cmpint (offset_at (&c, 1), ==, strstr (plain_mbox, "From - Tue") - plain_mbox);
  g_assert_cmpint (offset_at (&c, 2), ==, strstr (plain_mbox, "From bob@") - plain_mbox);
  /* An ISO date after a blank line: a From_ line. */
  g_assert_cmpint (offset_at (&c, 3), ==, strstr (plain_mbox, "From dave@") - plain_mbox);
  g_assert_cmpstr (TEXT (&c, 3), ==, "From: dave@example.com\nSubject: four\n\nbody four\n");
  g_assert_cmpint (offset_at (&c, 4), ==, strstr (plain_mbox, "From MAILER") - plain_mbox);
  /* The truncated last message is still given, as far as it goes. */
  g_assert_true (g_str_has_suffix (TEXT (&c, 4), "Subject: Undelivered Mail Ret"));
  g_assert_cmpuint (c.errors->len, ==, 0);
}

/* Deleted in Thunderbird but not compacted away: not scanned. */
static void
test_mbox_expunged (TestDir       *fixture,
                    gconstpointer  data)
{
  const char *box =
    "From - Mon Jan  1 10:00:00 2024\n"
    "X-Mozilla-Status: 0009\nFrom: MAILER-DAEMON@example.net\nSubject: Undelivered Mail\n\nx\n\n"
    "From - Mon Jan  1 10:00:00 2024\n"
    "X-Mozilla-Status: 0001\nFrom: MAILER-DAEMON@example.net\nSubject: Undelivered Mail\n\ny\n";
  g_autofree char *path = test_write_file (fixture->dir, "Inbox", box, -1);
  g_auto(Collected) c = { 0 };

  g_assert_true (read_all (path, BD_MAILBOX_READ_SKIP_NON_BOUNCES, &c));
  g_assert_cmpuint (c.texts->len, ==, 2);
  g_assert_cmpstr (TEXT (&c, 0), ==, "");
  g_assert_true (g_str_has_suffix (TEXT (&c, 1), "\n\ny\n"));
}

static void
test_mbox_crlf (TestDir       *fixture,
                gconstpointer  data)
{
  g_autoptr(GString) crlf = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_auto(Collected) c = { 0 };

  for (const char *p = plain_mbox; *p; p++)
    {
      if (*p == '\n')
        g_string_append_c (crlf, '\r');
      g_string_append_c (crlf, *p);
    }
  path = test_write_file (fixture->dir, "crlf", crlf->str, crlf->len);
  g_assert_true (read_all (path, BD_MAILBOX_READ_DEFAULT, &c));
  g_assert_cmpuint (c.texts->len, ==, 5);
  g_assert_cmpstr (TEXT (&c, 1), ==, "From: bob@example.com\r\nSubject: two\r\n\r\nbody two\r\n");
  g_assert_nonnull (strstr (TEXT (&c, 0), "\r\nFrom the escaped line\r\n>From twice"));
  g_assert_true (g_str_has_suffix (TEXT (&c, 0), "\r\nFrom Anna, 10:30 on 3 March 2024, not one either\r\n"));
  g_assert_cmpint (offset_at (&c, 1), ==, strstr (crlf->str, "From - Tue") - crlf->str);
  g_assert_cmpint (offset_at (&c, 2), ==, strstr (crlf->str, "From bob@") - crlf->str);
  /* The CRLF blank line before it makes the ISO-dated line a separator. */
  g_assert_cmpint (offset_at (&c, 3), ==, strstr (crlf->str, "From dave@") - crlf->str);
  g_assert_cmpstr (TEXT (&c, 3), ==, "From: dave@example.com\r\nSubject: four\r\n\r\nbody four\r\n");
  g_assert_cmpint (offset_at (&c, 4), ==, strstr (crlf->str, "From MAILER") - crlf->str);
}

static void
test_mbox_empty (TestDir       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = test_write_file (fixture->dir, "Trash", "", 0);
  g_auto(Collected) c = { 0 };

  g_assert_true (read_all (path, BD_MAILBOX_READ_SKIP_NON_BOUNCES, &c));
  g_assert_cmpuint (c.texts->len, ==, 0);
  g_assert_cmpuint (c.errors->len, ==, 0);
}

/* A message bigger than the window is skipped or cut, and the next one
 * is still found at its offset. */
static void
test_mbox_big_message (TestDir       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GString) mbox = g_string_new ("From a@example.com Mon Jan  1 10:00:00 2024\n"
                                          "From: a@example.com\nSubject: photos\n\n");
  g_autofree char *path = NULL;
  g_auto(Collected) c = { 0 };
  gsize second;

  while (mbox->len < 9 * 1024 * 1024)
    g_string_append (mbox, "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3\n");
  g_string_append (mbox, "\n");
  second = mbox->len;
  g_string_append (mbox, "From MAILER-DAEMON Mon Jan  1 10:00:00 2024\n"
                         "From: MAILER-DAEMON@example.net\nSubject: Undelivered Mail\n\nx\n");
  path = test_write_file (fixture->dir, "big", mbox->str, mbox->len);
  g_assert_true (read_all (path, BD_MAILBOX_READ_SKIP_NON_BOUNCES, &c));
  g_assert_cmpuint (c.texts->len, ==, 2);
  g_assert_cmpstr (TEXT (&c, 0), ==, "");
  g_assert_cmpint (offset_at (&c, 1), ==, second);
  g_assert_true (g_str_has_prefix (TEXT (&c, 1), "From: MAILER-DAEMON"));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *)a, *(const char *const *)b);
}

/* A folder's files are read in strcmp () order of their names: random
 * names over few bytes (many share their first 8 bytes, or are a prefix
 * of another), some above 0x7f, against a sort by strcmp (). */
/* Files of a folder that grow past the read window, each read whole: the
 * window is allocated anew between files, not copied, and a file read
 * in several steps that outgrows the first 4 MB window keeps what it
 * read before. Sizes go back down and up again. */
static void
test_growing_files (TestDir       *fixture,
                    gconstpointer  data)
{
  static const gsize sizes[] = { 64, 300, 5000, 70000, 900000, 1100000, 100, 2600000, 3000, 5300000, 200 };
  g_autofree char *folder = g_build_filename (fixture->dir, "growing", NULL);
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func (g_free);
  g_auto(Collected) c = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *name = g_strdup_printf ("m%02u.eml", i);
      GString *text = g_string_new ("From: a@example.com\nSubject: size\n\n");

      /* a byte for each place and file, so that a copy of another file's
       * bytes, or of the wrong place, shows */
      while (text->len < sizes[i])
        g_string_append_c (text, 'a' + (text->len * 7 + i) % 26);
      g_free (test_write_file (folder, name, text->str, text->len));
      g_ptr_array_add (contents, g_string_free (text, FALSE));
    }
  g_assert_true (read_all (folder, BD_MAILBOX_READ_DEFAULT, &c));
  g_assert_cmpuint (c.texts->len, ==, contents->len);
  for (guint i = 0; i < contents->len; i++)
    g_assert_true (g_str_equal (TEXT (&c, i), g_ptr_array_index (contents, i)));
}

static void
test_name_order (TestDir       *fixture,
                 gconstpointer  data)
{
  static const char bytes[] = "aAb0~\x01\x7f\x80\xff";
  const char *msg = "From: a@example.com\nSubject: hi\n\nhello\n";
  g_autofree char *folder = g_build_filename (fixture->dir, "order", NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);
  g_auto(Collected) c = { 0 };

  while (names->len < 300)
    {
      char name[16];
      guint len = g_rand_int_range (rand, 1, 14);

      for (guint i = 0; i < len; i++)
        name[i] = bytes[g_rand_int_range (rand, 0, sizeof bytes - 1)];
      name[len] = '\0';
      if (g_hash_table_contains (seen, name))
        continue;
      g_ptr_array_add (names, g_strdup (name));
      g_hash_table_add (seen, g_ptr_array_index (names, names->len - 1));
      g_free (test_write_file (folder, name, msg, -1));
    }
  g_ptr_array_sort (names, compare_names);
  g_assert_true (read_all (folder, BD_MAILBOX_READ_DEFAULT, &c));
  g_assert_cmpuint (c.sources->len, ==, names->len);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *name = g_path_get_basename (g_ptr_array_index (c.sources, i));

      g_assert_cmpstr (name, ==, g_ptr_array_index (names, i));
    }
}

/* A tree deeper than the process may hold files open: a folder's files
 * are opened in the open folder (openat ()), and the folder is closed
 * while a sub-folder is read, then opened again for the files after it
 * ("a" sorts before "d", "d" before "m"). Keeping each level open would
 * run out of file descriptors here and lose the messages below. */
static void
test_deep_tree (TestDir       *fixture,
                gconstpointer  data)
{
  const char *msg = "From: a@example.com\nSubject: hi\n\nhello\n";
  g_autoptr(GString) folder = g_string_new (fixture->dir);
  g_autoptr(GPtrArray) want = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *top = g_build_filename (fixture->dir, "d", NULL);
  struct rlimit saved, low;
  g_auto(Collected) c = { 0 };
  const guint depth = 150;

  for (guint level = 0; level < depth; level++)
    {
      g_string_append (folder, "/d");
      g_ptr_array_insert (want, level, test_write_file (folder->str, "a", msg, -1));
      g_ptr_array_insert (want, level + 1, test_write_file (folder->str, "m", msg, -1));
    }
  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &saved), ==, 0);
  low = saved;
  low.rlim_cur = 64;
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &low), ==, 0);
  read_all (top, BD_MAILBOX_READ_DEFAULT, &c);
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &saved), ==, 0);

  g_assert_cmpuint (c.errors->len, ==, 0);
  /* each folder's "a", its sub-folder, then its "m" */
  g_assert_cmpuint (c.sources->len, ==, want->len);
  for (guint i = 0; i < want->len; i++)
    {
      g_assert_cmpstr (g_ptr_array_index (c.sources, i), ==, g_ptr_array_index (want, i));
      g_assert_cmpstr (TEXT (&c, i), ==, msg);
    }
}

static void
test_maildir (TestDir       *fixture,
              gconstpointer  data)
{
  const char *msg = "From: a@example.com\nSubject: hi\n\nhello\n";
  g_autofree char *maildir = g_build_filename (fixture->dir, "Maildir", NULL);
  g_auto(Collected) c = { 0 };
  g_autofree char *a = test_write_file (maildir, "cur/1.host:2,S", msg, -1);
  g_autofree char *b = test_write_file (maildir, "new/2.host", msg, -1);
  g_autofree char *t = test_write_file (maildir, "tmp/3.host", msg, -1);
  g_autofree char *meta = test_write_file (maildir, "dovecot-uidlist", "3 V1 N4\n", -1);
  g_autofree char *sub = test_write_file (maildir, ".Sent/cur/4.host:2,S", msg, -1);
  g_autofree char *subnew = test_write_file (maildir, ".Sent/new/.keep-hidden", msg, -1);
  g_autofree char *kmail = test_write_file (maildir, ".inbox.directory/Work/new/5.host", msg, -1);
  g_autofree char *kmail_cur = g_build_filename (maildir, ".inbox.directory/Work/cur", NULL);

  g_mkdir_with_parents (kmail_cur, 0700);
  g_assert_true (read_all (maildir, BD_MAILBOX_READ_DEFAULT, &c));
  g_assert_cmpuint (c.texts->len, ==, 4);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (c.sources, 0), ".Sent/cur/4.host:2,S"));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (c.sources, 1), "Work/new/5.host"));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (c.sources, 2), "cur/1.host:2,S"));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (c.sources, 3), "new/2.host"));
  g_assert_cmpstr (TEXT (&c, 3), ==, msg);
}

static void
test_thunderbird_tree (TestDir       *fixture,
                       gconstpointer  data)
{
  const char *box = "From - Mon Jan  1 10:00:00 2024\nFrom: a@example.com\n\nx\n\n"
                    "From - Mon Jan  1 10:00:01 2024\nFrom: b@example.com\n\ny\n";
  g_auto(Collected) c = { 0 };
  g_autofree char *inbox = test_write_file (fixture->dir, "Local Folders/Inbox", box, -1);
  g_autofree char *msf = test_write_file (fixture->dir, "Local Folders/Inbox.msf", "// <!-- <mdb:mork", -1);
  g_autofree char *sub = test_write_file (fixture->dir, "Local Folders/Inbox.sbd/Clients", box, -1);
  g_autofree char *filters = test_write_file (fixture->dir, "Local Folders/msgFilterRules.dat", "version=\"9\"\n", -1);
  g_autofree char *root = g_build_filename (fixture->dir, "Local Folders", NULL);

  g_assert_true (read_all (root, BD_MAILBOX_READ_DEFAULT, &c));
  g_assert_cmpuint (c.texts->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (c.sources, 0), ==, inbox);
  g_assert_cmpstr (g_ptr_array_index (c.sources, 2), ==, sub);
  g_assert_cmpint (offset_at (&c, 3), ==, strstr (box, "From - Mon Jan  1 10:00:01") - box);
}

/* Index and settings files are left out by their extension alone; a
 * name that only looks like one is read. The sources are the paths
 * g_build_filename () makes, also under a folder given with a final '/'. */
static void
test_skipped_names (TestDir       *fixture,
                    gconstpointer  data)
{
  static const char * const skipped[] = {
    "Inbox.msf", "a.b.dat", "x.json", "x.html", "x.htm", "x.sqlite", "x.sqlite-wal", "x.sqlite-shm",
    "x.mozlz4", "x.lz4", "x.lock", "x.ini", "x.xml", "x.db", "x.db-journal", "x.cmeta", "x.ev-summary",
    "x.ev-summary-meta", "x.index", "x.ids", "x.sorted", "x.summary", "x.log", "x.uidvalidity",
    "m.eml.db", "..msf",
  };
  static const char * const read[] = {
    "Inbox", "x.msfx", "xmsf", "x.MSF", "x.db.eml", "x.ev-summary-metax", "x.meta", "x-summary",
    "x.summary-meta", "msf.", "x.jsonl", "x.dbjournal",
  };
  const char *msg = "From: a@example.com\nSubject: hi\n\nhello\n";
  g_auto(Collected) c = { 0 };
  g_auto(Collected) again = { 0 };
  g_autofree char *folder = g_build_filename (fixture->dir, "names", NULL);
  g_autofree char *slashed = g_strconcat (folder, "/", NULL);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (skipped); i++)
    g_free (test_write_file (folder, skipped[i], msg, -1));
  for (guint i = 0; i < G_N_ELEMENTS (read); i++)
    {
      g_free (test_write_file (folder, read[i], msg, -1));
      g_ptr_array_add (expected, g_build_filename (folder, read[i], NULL));
    }

  g_assert_true (read_all (folder, BD_MAILBOX_READ_DEFAULT, &c));
  g_assert_cmpuint (c.sources->len, ==, G_N_ELEMENTS (read));
  g_assert_true (read_all (slashed, BD_MAILBOX_READ_DEFAULT, &again));
  g_assert_cmpuint (again.sources->len, ==, G_N_ELEMENTS (read));
  for (guint i = 0; i < c.sources->len; i++)
    {
      g_autofree char *name = g_path_get_basename (g_ptr_array_index (c.sources, i));
      g_autofree char *built = g_build_filename (folder, name, NULL);
      g_autofree char *built_slashed = g_build_filename (slashed, name, NULL);

      g_assert_true (g_ptr_array_find_with_equal_func (expected, built, g_str_equal, NULL));
      g_assert_cmpstr (g_ptr_array_index (c.sources, i), ==, built);
      g_assert_cmpstr (g_ptr_array_index (again.sources, i), ==, built_slashed);
    }
}

static void
test_link_loop_and_unreadable (TestDir       *fixture,
                               gconstpointer  data)
{
  const char *msg = "From: a@example.com\nSubject: hi\n\nhello\n";
  g_auto(Collected) c = { 0 };
  g_autofree char *good = test_write_file (fixture->dir, "mail/b-good.eml", msg, -1);
  g_autofree char *secret = test_write_file (fixture->dir, "mail/c-secret.eml", msg, -1);
  g_autofree char *loop = g_build_filename (fixture->dir, "mail/sub/again", NULL);
  g_autofree char *dangling = g_build_filename (fixture->dir, "mail/a-broken.eml", NULL);
  g_autofree char *mail = g_build_filename (fixture->dir, "mail", NULL);
  g_autofree char *sub = g_build_filename (fixture->dir, "mail/sub", NULL);
  guint expected_errors = 2;

  g_mkdir_with_parents (sub, 0700);
  g_assert_cmpint (symlink ("..", loop), ==, 0);
  g_assert_cmpint (symlink ("does-not-exist.eml", dangling), ==, 0);
  /* As root, permissions do not stop reads: then only the link counts. */
  g_chmod (secret, 0);
  if (access (secret, R_OK) != 0)
    expected_errors++;

  g_assert_false (read_all (mail, BD_MAILBOX_READ_DEFAULT, &c));
  g_assert_cmpuint (c.errors->len, ==, expected_errors);
  g_assert_nonnull (strstr (g_ptr_array_index (c.errors, 0), "a-broken.eml"));
  g_assert_cmpuint (c.texts->len, ==, expected_errors == 3 ? 1 : 2);
  g_assert_cmpstr (g_ptr_array_index (c.sources, 0), ==, good);
  for (guint i = 0; i < c.errors->len; i++)
    if (strstr (g_ptr_array_index (c.errors, i), "link loop") != NULL)
      return;
  g_assert_not_reached ();
}

static char *
checksum_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, len);
}

static void
test_read_only (TestDir       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = test_write_file (fixture->dir, "Inbox", plain_mbox, -1);
  g_autofree char *before = NULL, *after = NULL;
  g_auto(Collected) c = { 0 };
  struct stat st1, st2;

  g_chmod (path, 0444);
  before = checksum_file (path);
  g_assert_cmpint (stat (path, &st1), ==, 0);
  c.watch_ino = st1.st_ino;
  g_assert_true (read_all (path, BD_MAILBOX_READ_SKIP_NON_BOUNCES, &c));
  g_assert_cmpuint (c.texts->len, ==, 5);
  after = checksum_file (path);
  g_assert_cmpint (stat (path, &st2), ==, 0);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (st1.st_size, ==, st2.st_size);
  g_assert_cmpint (st1.st_mtim.tv_sec, ==, st2.st_mtim.tv_sec);
  g_assert_cmpint (st1.st_mtim.tv_nsec, ==, st2.st_mtim.tv_nsec);
  g_assert_cmpint (st1.st_ctim.tv_sec, ==, st2.st_ctim.tv_sec);
  g_assert_cmpint (st1.st_ctim.tv_nsec, ==, st2.st_ctim.tv_nsec);
  g_assert_cmpint (st1.st_mode, ==, st2.st_mode);
}

static gboolean
keep_length (const char *source,
             goffset     offset,
             const char *data,
             gsize       len,
             gpointer    user_data)
{
  *(gsize *)user_data = len;
  return TRUE;
}

/* A file that grew between stat () and read (): whatever the size stat ()
 * gave (a whole number of read steps or not), the reader reads on to the
 * real end instead of stopping at the old size. */
static void
test_grown_file (TestDir       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "grown.eml", NULL);
  const gsize whole = 3 * 1024 * 1024 + 100;
  const goffset stat_sizes[] = { 1024 * 1024, 2 * 1024 * 1024, 1500000 };
  g_autofree char *text = g_malloc (whole);

  memcpy (text, "Subject: x\n\n", 13);
  memset (text + 13, 'a', whole - 13);
  g_assert_true (g_file_set_contents (path, text, whole, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (stat_sizes); i++)
    {
      BdMailboxReadOptions options = { 0 };
      BdMailboxReader reader;
      gsize len = 0;
      int fd = open (path, O_RDONLY);

      g_assert_cmpint (fd, >=, 0);
      options.message_func = keep_length;
      options.user_data = &len;
      bd_mailbox_reader_init (&reader, &options);
      bd_mailbox_read_stream (&reader, path, fd, 0, stat_sizes[i]);
      bd_mailbox_reader_clear (&reader);
      close (fd);
      g_assert_cmpuint (len, ==, whole);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_mime_init ();

#define ADD(path, func) g_test_add (path, TestDir, NULL, test_dir_setup, func, test_dir_teardown)
  ADD ("/core/mailbox/mbox/quirks", test_mbox_quirks);
  ADD ("/core/mailbox/mbox/crlf", test_mbox_crlf);
  ADD ("/core/mailbox/mbox/expunged", test_mbox_expunged);
  ADD ("/core/mailbox/mbox/empty", test_mbox_empty);
  ADD ("/core/mailbox/mbox/big-message", test_mbox_big_message);
  ADD ("/core/mailbox/grown-file", test_grown_file);
  ADD ("/core/mailbox/growing-files", test_growing_files);
  ADD ("/core/mailbox/maildir", test_maildir);
  ADD ("/core/mailbox/thunderbird-tree", test_thunderbird_tree);
  ADD ("/core/mailbox/skipped-names", test_skipped_names);
  ADD ("/core/mailbox/name-order", test_name_order);
  ADD ("/core/mailbox/deep-tree", test_deep_tree);
  ADD ("/core/mailbox/loop-and-unreadable", test_link_loop_and_unreadable);
  ADD ("/core/mailbox/read-only", test_read_only);
#undef ADD

  return g_test_run ();
}
