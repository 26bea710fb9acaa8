/* bd-mailbox.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-mailbox"

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bd-mailbox.h"

G_DEFINE_QUARK (bd-mailbox-error-quark, bd_mailbox_error)

#define CHUNK (64 * 1024)

typedef struct
{
  BdMailboxMessageFunc  message_func;
  BdMailboxErrorFunc    error_func;
  gpointer              user_data;
  GHashTable           *visited;     /* "dev:ino" of directories seen */
  GByteArray           *message;     /* the message being assembled, reused */
  char                 *chunk;       /* CHUNK bytes, reused */
  gboolean              ok;
  gboolean              stopped;
} Reader;

static void
report_errno (Reader     *reader,
              const char *path,
              int         saved_errno)
{
  g_autoptr(GError) error = NULL;

  /* Translators: the first %s is a file name, the second the system's reason */
  error = g_error_new (G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not read “%s”: %s"), path, g_strerror (saved_errno));
  reader->ok = FALSE;
  if (reader->error_func != NULL)
    reader->error_func (path, error, reader->user_data);
}

static void
report_error (Reader     *reader,
              const char *path,
              GError     *error)
{
  reader->ok = FALSE;
  if (reader->error_func != NULL)
    reader->error_func (path, error, reader->user_data);
  g_error_free (error);
}

static void
emit (Reader     *reader,
      const char *source,
      goffset     offset)
{
  if (reader->stopped)
    return;
  if (!reader->message_func (source, offset, (const char *)reader->message->data,
                             reader->message->len, reader->user_data))
    reader->stopped = TRUE;
}

static void
append_capped (GByteArray *message,
               const char *data,
               gsize       len)
{
  if (message->len >= BD_MAILBOX_MAX_MESSAGE)
    return;
  len = MIN (len, BD_MAILBOX_MAX_MESSAGE - message->len);
  g_byte_array_append (message, (const guint8 *)data, len);
}

typedef struct
{
  goffset  message_offset;
  gboolean in_message;
  gboolean previous_blank;
} MboxState;

/* One complete line of an mbox (with its "\n"), starting at @offset. */
static void
mbox_line (Reader     *reader,
           MboxState  *state,
           const char *source,
           goffset     offset,
           const char *line,
           gsize       len)
{
  gboolean blank = len == 1 || (len == 2 && line[0] == '\r');

  if (len >= 5 && memcmp (line, "From ", 5) == 0 && (state->previous_blank || offset == 0))
    {
      if (state->in_message)
        {
          /* The blank line before "From " belongs to the separator. */
          if (reader->message->len > 0 && reader->message->data[reader->message->len - 1] == '\n')
            g_byte_array_set_size (reader->message, reader->message->len - 1);
          emit (reader, source, state->message_offset);
        }
      g_byte_array_set_size (reader->message, 0);
      state->message_offset = offset;
      state->in_message = TRUE;
      state->previous_blank = FALSE;
      return;
    }
  state->previous_blank = blank;
  if (len >= 6 && line[0] == '>')
    {
      gsize n = strspn (line, ">");

      if (len - n >= 5 && memcmp (line + n, "From ", 5) == 0)
        {
          line++;
          len--;
        }
    }
  append_capped (reader->message, line, len);
}

static void
read_mbox (Reader     *reader,
           const char *source,
           int         fd,
           const char *head,
           gsize       head_len)
{
  MboxState state = { 0, FALSE, TRUE };
  g_autoptr(GByteArray) partial = g_byte_array_new ();
  goffset position = 0;        /* file offset of the first byte of @head */
  const char *data = head;
  gsize len = head_len;

  g_byte_array_set_size (reader->message, 0);
  while (!reader->stopped)
    {
      const char *p = data, *end = data + len;

      while (p < end)
        {
          const char *nl = memchr (p, '\n', end - p);

          if (nl == NULL)
            {
              g_byte_array_append (partial, (const guint8 *)p, end - p);
              break;
            }
          if (partial->len > 0)
            {
              goffset start = position + (p - data) - partial->len;

              g_byte_array_append (partial, (const guint8 *)p, nl + 1 - p);
              mbox_line (reader, &state, source, start, (const char *)partial->data, partial->len);
              g_byte_array_set_size (partial, 0);
            }
          else
            mbox_line (reader, &state, source, position + (p - data), p, nl + 1 - p);
          p = nl + 1;
        }
      position += len;

      {
        gssize n;

        do
          n = read (fd, reader->chunk, CHUNK);
        while (n < 0 && errno == EINTR);
        if (n < 0)
          {
            report_errno (reader, source, errno);
            break;
          }
        if (n == 0)
          break;
        data = reader->chunk;
        len = n;
      }
    }
  if (partial->len > 0)
    mbox_line (reader, &state, source, position - partial->len,
               (const char *)partial->data, partial->len);
  if (state.in_message)
    emit (reader, source, state.message_offset);
}

/* Reads @fd (a file or standard input) as an mbox when it starts with
 * "From ", else as one message. */
static void
read_fd (Reader     *reader,
         const char *source,
         int         fd)
{
  gsize have = 0;

  while (have < 5)
    {
      gssize n = read (fd, reader->chunk + have, CHUNK - have);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          report_errno (reader, source, errno);
          return;
        }
      if (n == 0)
        break;
      have += n;
    }

  if (have >= 5 && memcmp (reader->chunk, "From ", 5) == 0)
    {
      g_autofree char *head = g_memdup2 (reader->chunk, have);

      read_mbox (reader, source, fd, head, have);
      return;
    }

  g_byte_array_set_size (reader->message, 0);
  append_capped (reader->message, reader->chunk, have);
  for (;;)
    {
      gssize n = read (fd, reader->chunk, CHUNK);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          report_errno (reader, source, errno);
          return;
        }
      if (n == 0 || reader->message->len >= BD_MAILBOX_MAX_MESSAGE)
        break;
      append_capped (reader->message, reader->chunk, n);
    }
  emit (reader, source, 0);
}

static void read_path (Reader *reader, const char *path, gboolean top);

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **)a, *(const char **)b);
}

static gboolean
is_dir (const char *path)
{
  struct stat st;

  return stat (path, &st) == 0 && S_ISDIR (st.st_mode);
}

static void
read_dir (Reader     *reader,
          const char *path)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean maildir;
  DIR *dir;
  struct dirent *entry;

  dir = opendir (path);
  if (dir == NULL)
    {
      report_errno (reader, path, errno);
      return;
    }
  while ((entry = readdir (dir)) != NULL)
    {
      const char *name = entry->d_name;

      /* Hidden files, Thunderbird's .msf indexes and Maildir's tmp/ are
       * not messages. */
      if (name[0] == '.' || g_str_has_suffix (name, ".msf"))
        continue;
      g_ptr_array_add (names, g_strdup (name));
    }
  closedir (dir);
  g_ptr_array_sort (names, compare_names);

  {
    g_autofree char *cur = g_build_filename (path, "cur", NULL);
    g_autofree char *new_ = g_build_filename (path, "new", NULL);

    maildir = is_dir (cur) && is_dir (new_);
  }

  for (guint i = 0; i < names->len && !reader->stopped; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (maildir && strcmp (name, "tmp") == 0)
        continue;
      read_path (reader, child, FALSE);
    }
}

static void
read_path (Reader     *reader,
           const char *path,
           gboolean    top)
{
  struct stat st;
  int fd;

  if (stat (path, &st) != 0)
    {
      report_errno (reader, path, errno);
      return;
    }
  if (S_ISDIR (st.st_mode))
    {
      char *key = g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT,
                                   (guint64)st.st_dev, (guint64)st.st_ino);

      if (!g_hash_table_add (reader->visited, key))
        {
          /* Translators: %s is a folder name */
          report_error (reader, path, g_error_new (BD_MAILBOX_ERROR, BD_MAILBOX_ERROR_LOOP,
                                                   _("Skipped “%s”: this folder was already read (a link loop)"),
                                                   path));
          return;
        }
      read_dir (reader, path);
      return;
    }
  if (!S_ISREG (st.st_mode))
    {
      if (!top && !S_ISCHR (st.st_mode) && !S_ISFIFO (st.st_mode))
        return;
      if (!S_ISCHR (st.st_mode) && !S_ISFIFO (st.st_mode))
        {
          /* Translators: %s is a file name */
          report_error (reader, path, g_error_new (BD_MAILBOX_ERROR, BD_MAILBOX_ERROR_NOT_MAIL,
                                                   _("Could not read “%s”: not a file or folder"), path));
          return;
        }
    }

  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    {
      report_errno (reader, path, errno);
      return;
    }
  read_fd (reader, path, fd);
  close (fd);
}

/**
 * bd_mailbox_read:
 * @path: a file, a folder, or "-" for standard input
 * @message_func: called for each message, in order
 * @error_func: (nullable): called for each input that could not be read
 *
 * Returns: %TRUE when every input was read.
 */
gboolean
bd_mailbox_read (const char           *path,
                 BdMailboxMessageFunc  message_func,
                 BdMailboxErrorFunc    error_func,
                 gpointer              user_data)
{
  Reader reader = { 0 };

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (message_func != NULL, FALSE);

  reader.message_func = message_func;
  reader.error_func = error_func;
  reader.user_data = user_data;
  reader.visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader.message = g_byte_array_new ();
  reader.chunk = g_malloc (CHUNK);
  reader.ok = TRUE;

  if (strcmp (path, "-") == 0)
    read_fd (&reader, "-", STDIN_FILENO);
  else
    read_path (&reader, path, TRUE);

  g_hash_table_unref (reader.visited);
  g_byte_array_unref (reader.message);
  g_free (reader.chunk);
  return reader.ok;
}
