/* fuzz-mailbox.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mbox splitter and single-message reader (bd-mailbox-stream.c) with
 * the header pre-filter. The first input byte picks the options: bit 0 the
 * pre-filter, bit 1 a packet socket instead of a file, so read() returns
 * the rest of the input in pieces of 1 + (byte >> 2) bytes, the way a pipe
 * may cut it (deterministically: each piece is one packet).
 */
#define _GNU_SOURCE   /* memfd_create */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fuzz-common.h"
#include "bd-mailbox-filter.h"
#include "bd-mailbox-private.h"

/* Pieces sent on the socket; their total must fit its buffer. */
#define MAX_PIECES 48

typedef struct
{
  goffset last_offset;
  gsize   input_len;
  guint   messages;
  guint   sum;
} Seen;

static gboolean
message_cb (const char *source,
            goffset     offset,
            const char *data,
            gsize       len,
            gpointer    user_data)
{
  Seen *seen = user_data;

  /* Offsets grow, and point inside the input. */
  if (seen->messages > 0 && offset <= seen->last_offset)
    abort ();
  if (offset < 0 || (gsize)offset >= seen->input_len || len > BD_MAILBOX_MAX_MESSAGE)
    abort ();
  if (data == NULL && len != 0)
    abort ();
  seen->last_offset = offset;
  seen->messages++;
  /* Touch every byte, so a pointer past the window is caught. */
  for (gsize i = 0; i < len; i++)
    seen->sum += (guchar)data[i];
  if (data != NULL)
    bd_mailbox_filter_headers (data, len);
  return TRUE;
}

static int
open_file (const uint8_t *data,
           size_t         size)
{
  int fd = memfd_create ("fuzz-mailbox", 0);

  if (fd < 0 || write (fd, data, size) != (ssize_t)size || lseek (fd, 0, SEEK_SET) != 0)
    abort ();
  return fd;
}

static int
open_packets (const uint8_t *data,
              size_t         size,
              guint          piece)
{
  int fds[2];
  size_t done = 0;

  if (socketpair (AF_UNIX, SOCK_SEQPACKET, 0, fds) != 0)
    abort ();
  for (guint n = 0; done < size; n++)
    {
      size_t len = n + 1 < MAX_PIECES ? MIN (piece, size - done) : size - done;

      if (write (fds[1], data + done, len) != (ssize_t)len)
        abort ();
      done += len;
    }
  close (fds[1]);
  return fds[0];
}

static char  *window;
static gsize  window_cap;

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  BdMailboxReadOptions options = { 0 };
  BdMailboxReader reader;
  Seen seen = { 0 };
  gboolean packets;
  int fd;

  fuzz_init_once ();
  if (size < 1 || size > 64 * 1024)
    return 0;
  packets = (data[0] & 2) != 0;
  options.flags = (data[0] & 1) ? BD_MAILBOX_READ_SKIP_NON_BOUNCES : BD_MAILBOX_READ_DEFAULT;
  options.message_func = message_cb;
  options.user_data = &seen;
  seen.input_len = size - 1;

  fd = packets ? open_packets (data + 1, size - 1, 1 + (data[0] >> 2))
               : open_file (data + 1, size - 1);
  bd_mailbox_reader_init (&reader, &options);
  /* The window (4 MB at first) is kept from run to run, as the reader
   * keeps it from file to file: allocating it each time is most of the
   * cost of a run. */
  reader.buf = window;
  reader.cap = window_cap;
  bd_mailbox_read_stream (&reader, "fuzz", fd, 0, packets ? 0 : (goffset)(size - 1));
  window = g_steal_pointer (&reader.buf);
  window_cap = reader.cap;
  bd_mailbox_reader_clear (&reader);
  close (fd);
  return 0;
}
