/* bd-mailbox-stream.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Splits one open file into messages. The window is filled with read() in
 * 1 MB steps and searched with memmem for "\nFrom "; a message is handed
 * out as a pointer into the window, so ordinary mail is never copied.
 * While a message is still being read the window keeps it whole; when it
 * outgrows the window, a message the pre-filter rules out is dropped as it
 * streams by, and any other is given out cut at BD_MAILBOX_MAX_MESSAGE.
 */
#define G_LOG_DOMAIN "bd-mailbox"
#define _GNU_SOURCE   /* memmem */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "bd-mailbox-filter.h"
#include "bd-mailbox-private.h"
#include "bd-msg.h"

#define READ_SIZE    (1024 * 1024)
#define WINDOW_FIRST (4 * 1024 * 1024)
#define WINDOW_MAX   (BD_MAILBOX_MAX_MESSAGE + 2 * READ_SIZE)
/* A From_ line longer than this is not one. */
#define FROM_LINE_MAX 1024

typedef struct
{
  BdMailboxReader *reader;
  const char      *source;
  int              fd;
  gsize            len;    /* bytes of reader->buf in use */
  goffset          base;   /* file offset of reader->buf[0] */
  goffset          size;   /* 0 when unknown */
  goffset          done;   /* bytes read from the file */
  gboolean         eof;
} Stream;

/* The next "\nFrom " in [p, end): the loop every byte of an mbox goes
 * through. With SSE2 (every x86-64) 16 bytes are tested at once for a
 * "\n" followed by "F", several times faster than glibc's memmem. */
static const char *
find_from (const char *p,
           const char *end)
{
#ifdef __SSE2__
  const __m128i nl = _mm_set1_epi8 ('\n');
  const __m128i f = _mm_set1_epi8 ('F');

  while (end - p >= 17)
    {
      __m128i a = _mm_loadu_si128 ((const __m128i *)p);
      __m128i b = _mm_loadu_si128 ((const __m128i *)(p + 1));
      unsigned mask = _mm_movemask_epi8 (_mm_and_si128 (_mm_cmpeq_epi8 (a, nl), _mm_cmpeq_epi8 (b, f)));

      while (mask != 0)
        {
          const char *hit = p + __builtin_ctz (mask);

          if (end - hit < 6)
            return bd_mailbox_memmem (hit, end - hit, "\nFrom ", 6);
          if (memcmp (hit + 2, "rom ", 4) == 0)
            return hit;
          mask &= mask - 1;
        }
      p += 16;
    }
#endif
  return bd_mailbox_memmem (p, end - p, "\nFrom ", 6);
}

typedef enum
{
  SEPARATOR_NO,
  SEPARATOR_YES,
  SEPARATOR_MORE,    /* the line is not in the window yet */
} Separator;

/* Whether the pre-filter may drop messages of this input: @mbox when it
 * is split on From_ lines. */
static gboolean
filtering (BdMailboxReader *reader,
           gboolean         mbox)
{
  BdMailboxReadFlags flags = reader->options->flags;

  return (flags & BD_MAILBOX_READ_SKIP_NON_BOUNCES) != 0
      || ((flags & BD_MAILBOX_READ_SKIP_NON_BOUNCES_IN_MAILBOXES) != 0
          && (mbox || reader->folder_depth > 0));
}

/* Makes the window @cap bytes, its first @keep kept. Between files the
 * window holds none of the next one: it is then allocated anew, where a
 * realloc () copied the last file's bytes for nothing (a folder's bigger
 * files grow it several times). */
static void
resize_window (BdMailboxReader *reader,
               gsize            cap,
               gsize            keep)
{
  reader->cap = cap;
  if (keep > 0)
    {
      reader->buf = g_realloc (reader->buf, cap);
      return;
    }
  g_free (reader->buf);
  reader->buf = g_malloc (cap);
}

static void
ensure_capacity (BdMailboxReader *reader,
                 gsize            wanted,
                 gsize            keep)
{
  if (reader->cap >= wanted)
    return;
  resize_window (reader, MAX (wanted, MIN (MAX (reader->cap * 2, WINDOW_FIRST), WINDOW_MAX)), keep);
}

/* The room the next read needs: a whole small file, and the byte that
 * shows its end, needs no multi-megabyte window, so a folder of .eml
 * files is read without growing one. */
static gsize
wanted_room (Stream *s)
{
  if (s->size > 0 && s->done <= s->size && s->size - s->done < READ_SIZE)
    return s->size - s->done + 1;
  return READ_SIZE;
}

static void
make_room_to_read (Stream *s)
{
  BdMailboxReader *reader = s->reader;
  gsize wanted = s->len + wanted_room (s);

  if (reader->cap >= wanted)
    return;
  if (wanted < READ_SIZE)
    {
      resize_window (reader, MAX (wanted, MIN (reader->cap * 2, READ_SIZE)), s->len);
      return;
    }
  ensure_capacity (reader, wanted, s->len);
}

/* Reads once more into the window; sets eof at the end or on an error. */
static void
fill (Stream *s)
{
  BdMailboxReader *reader = s->reader;
  gsize want;
  gssize n;

  make_room_to_read (s);
  want = MIN (reader->cap - s->len, READ_SIZE);
  do
    n = read (s->fd, reader->buf + s->len, want);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    {
      bd_mailbox_report_errno (reader, s->source, errno);
      s->eof = TRUE;
      return;
    }
  if (n == 0)
    {
      s->eof = TRUE;
      return;
    }
  s->len += n;
  s->done += n;
  /* A regular file read to the size stat() gave, by a read that asked
   * for more: no read() for the end. A file that grew meanwhile gave the
   * bytes past it, and is read on. */
  if (s->size > 0 && s->done == s->size && (gsize)n < want)
    s->eof = TRUE;
  if (reader->options->progress_func != NULL)
    reader->options->progress_func (n, reader->options->user_data);
}

/* Drops the first @keep bytes of the window. */
static void
drop (Stream *s,
      gsize   n)
{
  if (n == 0)
    return;
  memmove (s->reader->buf, s->reader->buf + n, s->len - n);
  s->len -= n;
  s->base += n;
}

/* mboxrd and mboxo both turn "From " at a line start into ">From "
 * (mboxrd also adds one more ">" to ">From "): remove one ">". */
static const char *
unescape (BdMailboxReader *reader,
          const char      *data,
          gsize           *len)
{
  const char *p = data, *end = data + *len, *copied = data;
  GByteArray *out = reader->scratch;

  g_byte_array_set_size (out, 0);
  while (p < end && (p = bd_mailbox_memmem (p, end - p, "From ", 5)) != NULL)
    {
      const char *q = p;

      while (q > data && q[-1] == '>')
        q--;
      if (q < p && (q == data || q[-1] == '\n'))
        {
          g_byte_array_append (out, (const guint8 *)copied, q - copied);
          copied = q + 1;
        }
      p += 5;
    }
  if (copied == data)
    return data;
  g_byte_array_append (out, (const guint8 *)copied, end - copied);
  *len = out->len;
  return (const char *)out->data;
}

static void
emit (BdMailboxReader *reader,
      const char      *source,
      goffset          offset,
      const char      *data,
      gsize            len,
      gboolean         mbox)
{
  const BdMailboxReadOptions *options = reader->options;

  if (bd_mailbox_reader_stopped (reader))
    return;
  len = MIN (len, BD_MAILBOX_MAX_MESSAGE);
  if (data != NULL && filtering (reader, mbox)
      && (!bd_mailbox_filter_message (data, len) || (mbox && bd_mailbox_filter_is_expunged (data, len))))
    data = NULL;
  if (data == NULL)
    len = 0;
  else if (mbox)
    data = unescape (reader, data, &len);
  if (!options->message_func (source, offset, data, len, options->user_data) || reader->first_only)
    reader->stopped = TRUE;
}

/* [start, end) of the window is one mbox message, From_ line included. */
static void
emit_mbox_message (Stream  *s,
                   gsize    start,
                   gsize    end,
                   goffset  offset)
{
  const char *p = s->reader->buf + start, *e = s->reader->buf + end;
  const char *nl = memchr (p, '\n', e - p);

  p = nl != NULL ? nl + 1 : e;
  /* The blank line before the next From_ line is the separator's. */
  if (e - p >= 2 && e[-1] == '\n' && e[-2] == '\n')
    e--;
  else if (e - p >= 3 && e[-1] == '\n' && e[-2] == '\r' && e[-3] == '\n')
    e -= 2;
  emit (s->reader, s->source, offset, p, e - p, TRUE);
}

static gboolean
has_time (const char *p,
          const char *end)
{
  for (; p + 4 <= end; p++)
    if (g_ascii_isdigit (p[0]) && p[1] == ':' && g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3]))
      return TRUE;
  return FALSE;
}

static gboolean
has_year (const char *p,
          const char *end)
{
  for (; p + 4 <= end; p++)
    if ((p[0] == '1' || p[0] == '2') && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2])
        && g_ascii_isdigit (p[3]) && (p + 4 == end || !g_ascii_isdigit (p[4])))
      return TRUE;
  return FALSE;
}

static gboolean
starts_with_weekday (const char *p,
                     const char *end)
{
  static const char days[] = "MonTueWedThuFriSatSun";

  while (p < end && *p == ' ')
    p++;
  if (end - p < 4 || p[3] != ' ')
    return FALSE;
  for (guint i = 0; i < 7; i++)
    if (memcmp (p, days + 3 * i, 3) == 0)
      return TRUE;
  return FALSE;
}

/* "From sender date": a body line that merely starts with "From " has no
 * time and year after one word. Without a blank line before it, the date
 * must also start with a weekday, as ctime() writes it. */
static gboolean
is_from_line (const char *line,
              const char *end,
              gboolean    after_blank)
{
  const char *p = line + 5, *rest;

  while (end > p && (end[-1] == '\n' || end[-1] == '\r'))
    end--;
  if (p < end && *p == ' ')
    p++;   /* "From  Mon Jan…": an empty sender */
  else
    {
      while (p < end && *p != ' ' && *p != '\t')
        p++;
    }
  rest = p;
  if (rest >= end || !has_time (rest, end) || !has_year (rest, end))
    return FALSE;
  return after_blank || starts_with_weekday (rest, end);
}

static Separator
check_separator (Stream *s,
                 gsize   sep)
{
  const char *buf = s->reader->buf;
  gsize avail = MIN (s->len - sep, FROM_LINE_MAX);
  const char *nl = memchr (buf + sep, '\n', avail);
  gboolean after_blank;

  if (nl == NULL && !s->eof && s->len - sep < FROM_LINE_MAX)
    return SEPARATOR_MORE;
  if (nl == NULL && !s->eof)
    return SEPARATOR_NO;
  after_blank = (sep >= 2 && buf[sep - 2] == '\n')
                || (sep >= 3 && buf[sep - 2] == '\r' && buf[sep - 3] == '\n');
  return is_from_line (buf + sep, nl != NULL ? nl + 1 : buf + s->len, after_blank)
         ? SEPARATOR_YES : SEPARATOR_NO;
}

/* Whether the start of a message, now in [0, len) of the window, can be
 * dropped: it is too big to keep and the pre-filter rules it out. */
static gboolean
can_skip_partial (Stream *s)
{
  const char *p = s->reader->buf, *nl;

  if (!filtering (s->reader, TRUE))
    return FALSE;
  nl = memchr (p, '\n', s->len);
  p = nl != NULL ? nl + 1 : p;
  return bd_mailbox_filter_can_skip_start (p, s->reader->buf + s->len - p);
}

typedef struct
{
  gsize    start;      /* the current message's From_ line in the window */
  gsize    search;     /* where to look for the next "\nFrom " */
  goffset  offset;     /* the current message's file offset */
  gboolean skipping;   /* its bytes are no longer kept */
} MboxState;

/* Before a read: slide the window so the current message (or, when it is
 * being skipped, only the last bytes needed to check a separator) stays. */
static void
make_room (Stream    *s,
           MboxState *m)
{
  gsize keep;

  if (!m->skipping)
    {
      drop (s, m->start);
      m->search -= m->start;
      m->start = 0;
      if (s->reader->cap - s->len >= wanted_room (s))
        return;
      if (can_skip_partial (s))
        emit (s->reader, s->source, m->offset, NULL, 0, TRUE);
      else if (s->reader->cap < WINDOW_MAX)
        return;   /* fill() grows the window */
      else
        emit_mbox_message (s, 0, s->len, m->offset);   /* cut */
      m->skipping = TRUE;
    }
  keep = m->search >= 2 ? m->search - 2 : 0;
  drop (s, keep);
  m->search -= keep;
}

static void
read_mbox (Stream *s)
{
  MboxState m = { 0, 0, s->base, FALSE };
  BdMailboxReader *reader = s->reader;

  while (!bd_mailbox_reader_stopped (reader))
    {
      const char *hit = NULL;

      if (s->len > m.search)
        hit = find_from (reader->buf + m.search, reader->buf + s->len);
      if (hit != NULL)
        {
          gsize sep = hit - reader->buf + 1;

          switch (check_separator (s, sep))
            {
            case SEPARATOR_NO:
              m.search = sep;
              continue;
            case SEPARATOR_YES:
              if (!m.skipping)
                emit_mbox_message (s, m.start, sep, m.offset);
              m.start = m.search = sep;
              m.offset = s->base + sep;
              m.skipping = FALSE;
              continue;
            case SEPARATOR_MORE:
            default:
              m.search = sep - 1;
              break;
            }
        }
      else if (s->eof)
        {
          if (!m.skipping)
            emit_mbox_message (s, m.start, s->len, m.offset);
          return;
        }
      else
        m.search = MAX (s->len >= 5 ? s->len - 5 : 0, m.skipping ? 0 : m.start);
      make_room (s, &m);
      fill (s);
    }
}

/* An Outlook .msg (bd-msg.h): read whole, then decoded as the email it
 * holds; the pre-filter sees that email. */
static void
read_msg (Stream *s)
{
  BdMailboxReader *reader = s->reader;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) mime = NULL;

  while (!s->eof && s->len <= BD_MAILBOX_MAX_MSG_FILE && !bd_mailbox_reader_stopped (reader))
    fill (s);
  if (s->len > BD_MAILBOX_MAX_MSG_FILE)
    g_set_error (&error, BD_MSG_ERROR, BD_MSG_ERROR_DAMAGED,
                 /* Translators: %d is a size in megabytes */
                 _("it is bigger than %d MB"), BD_MAILBOX_MAX_MSG_FILE / (1024 * 1024));
  else
    mime = bd_msg_to_mime (reader->buf, s->len, &error);
  if (mime == NULL)
    {
      bd_mailbox_report_error (reader, s->source,
                               g_error_new (BD_MAILBOX_ERROR, BD_MAILBOX_ERROR_OUTLOOK_MSG,
                                            /* Translators: the first %s is a file name, the second the reason */
                                            _("“%s” is an Outlook message file (.msg) that cannot be read: %s."),
                                            s->source, error->message));
      return;
    }
  emit (reader, s->source, s->base, g_bytes_get_data (mime, NULL), g_bytes_get_size (mime), FALSE);
}

/* One message per file (.eml, Maildir): read up to the cap, or only its
 * header block when the pre-filter rules it out. */
static void
read_single (Stream *s)
{
  BdMailboxReader *reader = s->reader;

  while (s->len < 8 && !s->eof)
    fill (s);
  if (bd_msg_is_msg (reader->buf, s->len))
    {
      read_msg (s);
      return;
    }
  while (!s->eof && s->len < BD_MAILBOX_MAX_MESSAGE && !bd_mailbox_reader_stopped (reader))
    {
      if (filtering (reader, FALSE) && bd_mailbox_filter_can_skip_start (reader->buf, s->len))
        break;
      fill (s);
    }
  if (s->len == 0)
    return;   /* an empty file holds no message */
  if (!s->eof && s->size > s->done && reader->options->progress_func != NULL)
    reader->options->progress_func (s->size - s->done, reader->options->user_data);
  emit (reader, s->source, s->base, reader->buf, s->len, FALSE);
}

/* An mbox is split at "\nFrom " lines. A message saved with old Mac line
 * ends (CR only) has no LF at all: its "From " line starts one message,
 * not a mailbox. */
static gboolean
is_cr_only (Stream *s)
{
  const char *buf = s->reader->buf;
  const char *cr, *lf;

  while (s->len < 4096 && !s->eof)
    fill (s);
  cr = memchr (buf, '\r', s->len);
  lf = memchr (buf, '\n', s->len);
  return cr != NULL && (lf == NULL || (cr < lf && cr + 1 != lf));
}

void
bd_mailbox_read_stream (BdMailboxReader *reader,
                        const char      *source,
                        int              fd,
                        goffset          base,
                        goffset          size)
{
  Stream s = { reader, source, fd, 0, base, size, 0, FALSE };

  while (s.len < 5 && !s.eof)
    fill (&s);
  if (s.len >= 5 && memcmp (reader->buf, "From ", 5) == 0 && !is_cr_only (&s))
    read_mbox (&s);
  else
    read_single (&s);
}
