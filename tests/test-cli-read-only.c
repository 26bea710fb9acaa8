/* test-cli-read-only.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The read-only promise, end to end: bounce-doctor-cli explain over a big
 * mbox, a Thunderbird folder (mbox beside its .msf index), a Maildir and
 * a single .eml never changes a byte, a size, a time stamp (mtime, ctime)
 * or a mode, never creates a file (no "Inbox.lock", no index), and never
 * holds a lock: /proc/locks is polled from outside while the scan runs.
 * test-mailbox.c checks the reader in process; this checks the program.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

typedef struct
{
  char        *path;
  char        *checksum;
  struct stat  st;
} Snapshot;

static void
snapshot_free (Snapshot *s)
{
  g_free (s->path);
  g_free (s->checksum);
  g_free (s);
}

static char *
checksum_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, len);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* Every file and folder under @path, with its checksum and stat. */
static void
snapshot_tree (GPtrArray  *out,
               const char *path)
{
  Snapshot *s = g_new0 (Snapshot, 1);

  s->path = g_strdup (path);
  g_assert_cmpint (lstat (path, &s->st), ==, 0);
  g_ptr_array_add (out, s);
  if (S_ISREG (s->st.st_mode))
    s->checksum = checksum_file (path);
  else if (S_ISDIR (s->st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (path, name, NULL));
      g_ptr_array_sort (names, compare_paths);
      for (guint i = 0; i < names->len; i++)
        snapshot_tree (out, g_ptr_array_index (names, i));
    }
}

static void
assert_same (GPtrArray *before,
             GPtrArray *after)
{
  g_assert_cmpuint (before->len, ==, after->len);   /* nothing created or removed */
  for (guint i = 0; i < before->len; i++)
    {
      Snapshot *a = g_ptr_array_index (before, i), *b = g_ptr_array_index (after, i);

      g_assert_cmpstr (a->path, ==, b->path);
      g_assert_cmpstr (a->checksum, ==, b->checksum);
      g_assert_cmpint (a->st.st_size, ==, b->st.st_size);
      g_assert_cmpint (a->st.st_mode, ==, b->st.st_mode);
      g_assert_cmpint (a->st.st_ino, ==, b->st.st_ino);
      g_assert_cmpint (a->st.st_mtim.tv_sec, ==, b->st.st_mtim.tv_sec);
      g_assert_cmpint (a->st.st_mtim.tv_nsec, ==, b->st.st_mtim.tv_nsec);
      g_assert_cmpint (a->st.st_ctim.tv_sec, ==, b->st.st_ctim.tv_sec);
      g_assert_cmpint (a->st.st_ctim.tv_nsec, ==, b->st.st_ctim.tv_nsec);
    }
}

static char *
fixture (const char *dir,
         const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", dir, name, NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static void
write_file (const char *path,
            const char *data,
            gssize      len)
{
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (parent, 0700);
  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

/* An mbox of @size bytes: ordinary mail, a bounce every so often. */
static void
write_big_mbox (const char *path,
                gsize       size)
{
  g_autofree char *bounce = fixture ("decoder", "multi-recipient.eml");
  g_autoptr(GString) box = g_string_sized_new (size + 65536);

  for (guint i = 0; box->len < size; i++)
    {
      g_string_append_printf (box, "From sender%u@example.org Fri Nov 27 10:%02u:00 2026\n", i, i % 60);
      if (i % 50 == 0)
        g_string_append (box, bounce);
      else
        {
          g_string_append_printf (box, "From: sender%u@example.org\nTo: jan@firma.example\n"
                                       "Subject: Invoice %u\nMessage-ID: <%u@example.org>\n\n", i, i, i);
          for (guint j = 0; j < 40; j++)
            g_string_append (box, "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.\n");
        }
      g_string_append_c (box, '\n');
    }
  write_file (path, box->str, box->len);
}

/* The inodes of @paths' regular files as /proc/locks writes them. */
static GPtrArray *
lock_needles (GPtrArray *snapshots)
{
  GPtrArray *needles = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < snapshots->len; i++)
    {
      Snapshot *s = g_ptr_array_index (snapshots, i);

      g_ptr_array_add (needles, g_strdup_printf (":%lu ", (unsigned long)s->st.st_ino));
    }
  return needles;
}

/* The poll can see a lock: one flock() taken here shows in /proc/locks. */
static void
assert_lock_visible (const char *path)
{
  g_autofree char *locks = NULL;
  g_autofree char *needle = NULL;
  struct stat st;
  int fd = open (path, O_RDONLY);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (fstat (fd, &st), ==, 0);
  g_assert_cmpint (flock (fd, LOCK_SH), ==, 0);
  needle = g_strdup_printf (":%lu ", (unsigned long)st.st_ino);
  if (g_file_get_contents ("/proc/locks", &locks, NULL, NULL))
    g_assert_nonnull (strstr (locks, needle));
  close (fd);
}

static void
test_cli_read_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bd-read-only-XXXXXX", &error);
  g_autofree char *mail = g_build_filename (dir, "Mail", NULL);
  g_autofree char *mbox = g_build_filename (dir, "Mail", "Inbox", NULL);
  g_autofree char *maildir_tmp = NULL;
  g_autofree char *msf = g_build_filename (dir, "Mail", "Inbox.msf", NULL);
  g_autofree char *maildir = g_build_filename (dir, "Maildir", NULL);
  g_autofree char *eml = g_build_filename (dir, "bounce.eml", NULL);
  g_autofree char *delayed = fixture ("decoder", "delayed.eml");
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func ((GDestroyNotify)snapshot_free);
  g_autoptr(GPtrArray) after = g_ptr_array_new_with_free_func ((GDestroyNotify)snapshot_free);
  g_autoptr(GPtrArray) needles = NULL;
  g_autoptr(GSubprocess) cli = NULL;
  guint polls = 0;

  g_assert_no_error (error);
  write_big_mbox (mbox, 24 * 1024 * 1024);
  write_file (msf, "// <!-- <mdb:mork:z v=\"1.4\"/> -->\n", -1);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("%u.M%uP1.host:2,S", 1764230000 + i, i);
      g_autofree char *path = g_build_filename (maildir, i == 2 ? "new" : "cur", name, NULL);

      write_file (path, delayed, -1);
    }
  maildir_tmp = g_build_filename (maildir, "tmp", NULL);
  g_mkdir_with_parents (maildir_tmp, 0700);
  write_file (eml, delayed, -1);
  /* Read-only modes too: a reader that opened for writing would fail. */
  g_chmod (mbox, 0444);
  g_chmod (eml, 0444);
  snapshot_tree (before, dir);
  needles = lock_needles (before);
  assert_lock_visible (msf);

  cli = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                          g_getenv ("BD_CLI"), "explain", "--format=csv", mail, maildir, eml, mbox, NULL);
  g_assert_no_error (error);
  /* While it runs (GLib reaps it in its worker thread, then the
   * identifier goes NULL): no lock on any of our files, from anyone. */
  while (g_subprocess_get_identifier (cli) != NULL)
    {
      g_autofree char *locks = NULL;

      if (g_file_get_contents ("/proc/locks", &locks, NULL, NULL))
        for (guint i = 0; i < needles->len; i++)
          g_assert_null (strstr (locks, g_ptr_array_index (needles, i)));
      polls++;
      g_usleep (2000);
    }
  g_subprocess_wait_check (cli, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("/proc/locks polled %u times while the scan ran", polls);
  g_assert_cmpuint (polls, >, 1);

  snapshot_tree (after, dir);
  assert_same (before, after);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/read-only", test_cli_read_only);

  return g_test_run ();
}
