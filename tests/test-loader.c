/* test-loader.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app's way in for files: every input gives a decoded bounce or a
 * translated error that names it — never a crash, and one bad file never
 * hides the others.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gmime/gmime.h>
#include <string.h>

#include "bd-loader.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("bd-loader-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *data,
            gsize       len)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static GFile *
sample (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("BD_SOURCE_ROOT"), "data", "samples", name, NULL);

  return g_file_new_for_path (path);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static GPtrArray *
load (GFile **files,
      guint   n_files)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *results;

  bd_loader_load_files_async (files, n_files, NULL, load_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  results = bd_loader_load_files_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, n_files);
  return results;
}

static void
test_loader_mixed (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char ole2[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 rest of a broken Outlook file";
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  GFile *files[7];
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "gone.eml", NULL);
  BdLoadResult *r;

  files[0] = sample ("postfix-user-unknown.eml");
  files[1] = write_file (fixture, "Returned.msg", ole2, sizeof ole2 - 1);
  files[2] = write_file (fixture, "photo.png", png, sizeof png - 1);
  files[3] = write_file (fixture, "empty.eml", "", 0);
  files[4] = g_file_new_for_path (fixture->dir);   /* a folder: a mailbox to scan */
  files[5] = write_file (fixture, "notes.txt", "Dear John,\nthis is a letter.\n", 28);
  files[6] = g_file_new_for_path (missing);

  results = load (files, G_N_ELEMENTS (files));

  r = g_ptr_array_index (results, 0);
  g_assert_no_error (r->error);
  g_assert_nonnull (r->bounce);
  g_assert_cmpint (r->bounce->kind, ==, BD_KIND_BOUNCE);
  g_assert_cmpstr (r->display_name, ==, "postfix-user-unknown.eml");

  r = g_ptr_array_index (results, 1);
  g_assert_error (r->error, BD_LOADER_ERROR, BD_LOADER_ERROR_OUTLOOK_MSG);
  g_assert_nonnull (strstr (r->error->message, "Returned.msg"));
  g_assert_nonnull (strstr (r->error->message, "damaged"));   /* not an Outlook message inside */
  g_assert_null (r->bounce);

  r = g_ptr_array_index (results, 2);
  g_assert_error (r->error, BD_LOADER_ERROR, BD_LOADER_ERROR_NOT_EMAIL);
  g_assert_nonnull (strstr (r->error->message, "photo.png"));

  r = g_ptr_array_index (results, 3);
  g_assert_error (r->error, BD_LOADER_ERROR, BD_LOADER_ERROR_EMPTY);
  g_assert_nonnull (strstr (r->error->message, "empty.eml"));

  r = g_ptr_array_index (results, 4);
  g_assert_no_error (r->error);
  g_assert_true (r->is_mailbox);
  g_assert_null (r->bounce);

  r = g_ptr_array_index (results, 5);
  g_assert_error (r->error, BD_LOADER_ERROR, BD_LOADER_ERROR_NOT_EMAIL);

  /* m17: a missing file is named once, then the system's reason */
  r = g_ptr_array_index (results, 6);
  g_assert_error (r->error, BD_LOADER_ERROR, BD_LOADER_ERROR_UNREADABLE);
  g_test_message ("%s", r->error->message);
  g_assert_nonnull (strstr (r->error->message, "gone.eml"));
  g_assert_null (strstr (strstr (r->error->message, "gone.eml") + 1, "gone.eml"));

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
}

/* Two messages in mbox form make a mailbox; one message with a "From "
 * line (as some programs save it) is still a single email. */
static void
test_loader_mbox (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char one[] = "From someone Fri Nov 27 10:00:00 2026\nFrom: a@example.com\nSubject: hi\n\nbody\n";
  static const char two[] = "From someone Fri Nov 27 10:00:00 2026\nFrom: a@example.com\n\nbody\n\n"
                            "From other Fri Nov 27 11:00:00 2026\nFrom: b@example.com\n\nbody\n";
  GFile *files[2];
  g_autoptr(GPtrArray) results = NULL;

  files[0] = write_file (fixture, "one.eml", one, sizeof one - 1);
  files[1] = write_file (fixture, "Inbox", two, sizeof two - 1);
  results = load (files, 2);

  g_assert_false (((BdLoadResult *)g_ptr_array_index (results, 0))->is_mailbox);
  g_assert_nonnull (((BdLoadResult *)g_ptr_array_index (results, 0))->bounce);
  g_assert_true (((BdLoadResult *)g_ptr_array_index (results, 1))->is_mailbox);

  g_object_unref (files[0]);
  g_object_unref (files[1]);
}

static void
test_loader_bytes (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("BD_SOURCE_ROOT"), "data", "samples",
                                            "gmail-unauthenticated.eml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(BdLoadResult) result = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  bytes = g_bytes_new (contents, len);
  result = bd_loader_load_bytes (bytes, "Pasted text", NULL);

  g_assert_no_error (result->error);
  g_assert_cmpint (result->bounce->kind, ==, BD_KIND_BOUNCE);
  g_assert_cmpuint (result->bounce->recipients->len, ==, 1);
  g_assert_cmpstr (((BdRecipient *)g_ptr_array_index (result->bounce->recipients, 0))->address, ==,
                   "klient@gmail.com");
}

static void
test_loader_cancel (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = sample ("postfix-user-unknown.eml");
  g_autoptr(GPtrArray) results = NULL;

  g_cancellable_cancel (cancellable);
  bd_loader_load_files_async (&file, 1, cancellable, load_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  results = bd_loader_load_files_finish (result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (results);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_mime_init ();

  g_test_add ("/core/loader/mixed", Fixture, NULL, fixture_setup, test_loader_mixed, fixture_teardown);
  g_test_add ("/core/loader/mbox", Fixture, NULL, fixture_setup, test_loader_mbox, fixture_teardown);
  g_test_add_func ("/core/loader/bytes", test_loader_bytes);
  g_test_add_func ("/core/loader/cancel", test_loader_cancel);

  return g_test_run ();
}
