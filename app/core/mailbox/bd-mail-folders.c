/* bd-mail-folders.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where desktop mail programs keep their mail under a home folder, so the
 * "Open mailbox" dialog can offer it: Thunderbird (native, Flatpak, Snap
 * and Debian's old Icedove), Evolution and KMail local folders, ~/Maildir.
 * Only folders that exist are returned.
 */
#define G_LOG_DOMAIN "bd-mailbox"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-mailbox-scan.h"

typedef struct
{
  const char *path;   /* under the home folder */
  const char *app;    /* not translated: a product name */
} ThunderbirdRoot;

static const ThunderbirdRoot thunderbird_roots[] = {
  { ".thunderbird", "Thunderbird" },
  { ".var/app/org.mozilla.Thunderbird/.thunderbird", "Thunderbird (Flatpak)" },
  { ".var/app/net.thunderbird.Thunderbird/.thunderbird", "Thunderbird (Flatpak)" },
  { "snap/thunderbird/common/.thunderbird", "Thunderbird (Snap)" },
  { ".mozilla-thunderbird", "Icedove" },
  { ".icedove", "Icedove" },
};

void
bd_mail_folder_free (BdMailFolder *folder)
{
  if (folder == NULL)
    return;
  g_free (folder->label);
  g_free (folder->path);
  g_free (folder);
}

static void
add_folder (GPtrArray *folders,
            char      *label,
            char      *path)
{
  BdMailFolder *folder = g_new0 (BdMailFolder, 1);

  folder->label = label;
  folder->path = path;
  g_ptr_array_add (folders, folder);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char **)a, *(const char **)b);
}

/* Sub-folders of @path, sorted; hidden ones left out. */
static GPtrArray *
list_dirs (const char *path)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return names;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (name[0] != '.' && g_file_test (child, G_FILE_TEST_IS_DIR))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  return names;
}

static void
find_thunderbird (GPtrArray             *folders,
                  const char            *home,
                  const ThunderbirdRoot *root)
{
  g_autofree char *root_path = g_build_filename (home, root->path, NULL);
  g_autoptr(GPtrArray) profiles = list_dirs (root_path);
  static const char *const kinds[] = { "Mail", "ImapMail" };

  for (guint i = 0; i < profiles->len; i++)
    {
      const char *profile = g_ptr_array_index (profiles, i);
      /* "abcd1234.default-release": the part after the dot is the name. */
      const char *profile_name = strchr (profile, '.') != NULL ? strchr (profile, '.') + 1 : profile;

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autofree char *kind_path = g_build_filename (root_path, profile, kinds[k], NULL);
          g_autoptr(GPtrArray) accounts = list_dirs (kind_path);

          for (guint a = 0; a < accounts->len; a++)
            {
              const char *account = g_ptr_array_index (accounts, a);

              char *label =
                /* Translators: %1$s is a mail program (“Thunderbird”), %2$s one of its
                 * account folders (“Local Folders”, “imap.gmail.com”), %3$s its profile */
                g_strdup_printf (_("%1$s: %2$s (profile %3$s)"), root->app, account, profile_name);

              add_folder (folders, label, g_build_filename (kind_path, account, NULL));
            }
        }
    }
}

static void
find_other (GPtrArray  *folders,
            const char *home,
            const char *relative,
            char       *label)
{
  g_autofree char *path = g_build_filename (home, relative, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_free (label);
      return;
    }
  add_folder (folders, label, g_steal_pointer (&path));
}

/**
 * bd_mailbox_find_mail_folders:
 * @home: the folder to look under, usually g_get_home_dir()
 *
 * Returns: (transfer full) (element-type BdMailFolder): the mail folders
 *   found, each a label and a path, Thunderbird's first; free func set
 */
GPtrArray *
bd_mailbox_find_mail_folders (const char *home)
{
  GPtrArray *folders = g_ptr_array_new_with_free_func ((GDestroyNotify)bd_mail_folder_free);

  g_return_val_if_fail (home != NULL, folders);

  for (guint i = 0; i < G_N_ELEMENTS (thunderbird_roots); i++)
    find_thunderbird (folders, home, &thunderbird_roots[i]);
  /* Translators: Evolution is a mail program; keep its name */
  find_other (folders, home, ".local/share/evolution/mail/local", g_strdup (_("Evolution: On This Computer")));
  /* Translators: KMail is a mail program; keep its name */
  find_other (folders, home, ".local/share/local-mail", g_strdup (_("KMail: Local Folders")));
  /* Translators: a mail folder in the home folder, named Maildir */
  find_other (folders, home, "Maildir", g_strdup (_("Maildir in your home folder")));
  return folders;
}
