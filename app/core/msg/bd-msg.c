/* bd-msg.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads a .msg's storages into BdMsgObjects. The layout is [MS-OXMSG]
 * section 2: each object (message, recipient, attachment) is a storage
 * holding a "__properties_version1.0" stream of 16-byte fixed-size entries
 * after a header (32 bytes for the top message, 24 for an embedded one,
 * 8 for recipients and attachments; 2.4.1), and one "__substg1.0_TTTTTTTT"
 * stream per variable-size property (2.1.3); recipients and attachments
 * are "__recip_version1.0_#N" and "__attach_version1.0_#N" sub-storages
 * (2.2.1, 2.2.2); an attached message is the storage "__substg1.0_3701000D"
 * inside its attachment (2.2.2.1).
 */
#define G_LOG_DOMAIN "bd-msg"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include <gsf/gsf-infile-impl.h>

#include "bd-msg-gsf.h"
#include "bd-msg-private.h"

G_DEFINE_QUARK (bd-msg-error-quark, bd_msg_error)

static const guchar ole2_magic[] = { 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1 };

#define PROPERTIES    "__properties_version1.0"
#define SUBSTG        "__substg1.0_"
#define RECIP         "__recip_version1.0_#"
#define ATTACH        "__attach_version1.0_#"
#define EMBEDDED      SUBSTG "3701000D"

typedef enum
{
  OBJECT_TOP,
  OBJECT_EMBEDDED,
  OBJECT_ROW,       /* a recipient or an attachment */
} ObjectKind;

typedef struct
{
  const BdGsf *gsf;
  gint64       budget;    /* bytes that may still be read */
  guint        objects;   /* recipients and attachments read so far */
} Reader;

gboolean
bd_msg_is_msg (const char *data,
               gsize       len)
{
  return data != NULL && len >= sizeof ole2_magic && memcmp (data, ole2_magic, sizeof ole2_magic) == 0;
}

void
bd_msg_object_free (BdMsgObject *object)
{
  if (object == NULL)
    return;
  g_hash_table_unref (object->props);
  g_clear_pointer (&object->recipients, g_ptr_array_unref);
  g_clear_pointer (&object->attachments, g_ptr_array_unref);
  bd_msg_object_free (object->embedded);
  g_free (object);
}

static BdMsgObject *
object_new (void)
{
  BdMsgObject *object = g_new0 (BdMsgObject, 1);

  object->props = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_bytes_unref);
  object->recipients = g_ptr_array_new_with_free_func ((GDestroyNotify)bd_msg_object_free);
  object->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify)bd_msg_object_free);
  return object;
}

static GError *
damaged (void)
{
  return g_error_new (BD_MSG_ERROR, BD_MSG_ERROR_DAMAGED, _("the file is damaged"));
}

/* A whole stream, or NULL when it is bigger than what is left to read
 * (a hostile file can make many streams share the same sectors). */
static GBytes *
read_stream (Reader   *reader,
             GsfInput *input)
{
  gint64 size = reader->gsf->size (input);
  const guint8 *data;

  if (size < 0 || size > reader->budget)
    return NULL;
  reader->budget -= size;
  if (size == 0)
    return g_bytes_new (NULL, 0);
  data = reader->gsf->read (input, size, NULL);
  return data != NULL ? g_bytes_new (data, size) : NULL;
}

static guint32
read_le32 (const guint8 *p)
{
  return p[0] | p[1] << 8 | p[2] << 16 | (guint32)p[3] << 24;
}

/* The fixed-size values (2.4.2.1); variable ones have their own streams. */
static void
read_properties (BdMsgObject *object,
                 GBytes      *stream,
                 ObjectKind   kind)
{
  gsize len, header = kind == OBJECT_TOP ? 32 : kind == OBJECT_EMBEDDED ? 24 : 8;
  const guint8 *data = g_bytes_get_data (stream, &len);

  for (gsize at = header; at + 16 <= len; at += 16)
    {
      guint32 tag = read_le32 (data + at);
      guint16 type = tag & 0xffff;

      if (type == PT_STRING8 || type == PT_UNICODE || type == PT_BINARY || type == PT_OBJECT
          || (type & 0x1000) != 0)
        continue;
      g_hash_table_replace (object->props, GUINT_TO_POINTER (tag), g_bytes_new (data + at + 8, 8));
    }
}

/* "__substg1.0_0037001F" -> 0x0037001F */
static gboolean
parse_substg (const char *name,
              guint32    *tag)
{
  char *end;
  guint64 value;

  if (!g_str_has_prefix (name, SUBSTG) || strlen (name) != strlen (SUBSTG) + 8)
    return FALSE;
  value = g_ascii_strtoull (name + strlen (SUBSTG), &end, 16);
  *tag = value;
  return *end == '\0';
}

static BdMsgObject *read_object (Reader *reader, GsfInfile *storage, ObjectKind kind, guint depth, GError **error);

static gboolean
read_child (Reader      *reader,
            BdMsgObject *object,
            const char  *name,
            GsfInput    *child,
            ObjectKind   kind,
            guint        depth,
            GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  guint32 tag = 0;

  if (g_str_has_prefix (name, RECIP) || g_str_has_prefix (name, ATTACH))
    {
      GPtrArray *rows = g_str_has_prefix (name, RECIP) ? object->recipients : object->attachments;
      BdMsgObject *row;

      if (++reader->objects > BD_MSG_MAX_OBJECTS)
        return TRUE;
      row = read_object (reader, (GsfInfile *)child, OBJECT_ROW, depth, error);
      if (row != NULL)
        g_ptr_array_add (rows, row);
      return row != NULL;
    }

  if (strcmp (name, EMBEDDED) == 0)
    {
      /* Deeper messages are left out, as the decoder stops opening
       * forwarded messages after a few levels. */
      if (depth >= BD_MSG_MAX_DEPTH || object->embedded != NULL)
        return TRUE;
      object->embedded = read_object (reader, (GsfInfile *)child, OBJECT_EMBEDDED, depth + 1, error);
      return object->embedded != NULL;
    }

  if (strcmp (name, PROPERTIES) != 0 && !parse_substg (name, &tag))
    return TRUE;   /* named-property maps and the like */
  if (strcmp (name, PROPERTIES) != 0 && ((tag & 0x1000) != 0 || ((tag & 0xffff) != PT_STRING8
      && (tag & 0xffff) != PT_UNICODE && (tag & 0xffff) != PT_BINARY)))
    return TRUE;   /* multi-valued and other properties no rule reads */

  bytes = read_stream (reader, child);
  if (bytes == NULL)
    {
      g_propagate_error (error, damaged ());
      return FALSE;
    }
  if (strcmp (name, PROPERTIES) == 0)
    read_properties (object, bytes, kind);
  else
    g_hash_table_replace (object->props, GUINT_TO_POINTER (tag), g_steal_pointer (&bytes));
  return TRUE;
}

/* Sub-storages must be storages, property streams streams: a hostile file
 * can swap them. */
static gboolean
has_right_type (Reader     *reader,
                const char *name,
                GsfInput   *child)
{
  gboolean is_storage = reader->gsf->num_children ((GsfInfile *)child) >= 0;

  return is_storage == (g_str_has_prefix (name, RECIP) || g_str_has_prefix (name, ATTACH)
                        || strcmp (name, EMBEDDED) == 0);
}

/* gsf_infile_child_by_index() without its g_warning() on a damaged
 * file: the class's method, as that function calls it. */
static GsfInput *
open_child (GsfInfile  *storage,
            int         i,
            GError    **error)
{
  GsfInfileClass *klass = (GsfInfileClass *)((GTypeInstance *)storage)->g_class;

  return klass->child_by_index (storage, i, error);
}

static BdMsgObject *
read_object (Reader     *reader,
             GsfInfile  *storage,
             ObjectKind  kind,
             guint       depth,
             GError    **error)
{
  g_autoptr(BdMsgObject) object = object_new ();
  int n = reader->gsf->num_children (storage);

  object->depth = depth;
  if (n < 0)
    {
      g_propagate_error (error, damaged ());
      return NULL;
    }

  for (int i = 0; i < n; i++)
    {
      const char *name = reader->gsf->name_by_index (storage, i);
      g_autoptr(GError) child_error = NULL;
      GsfInput *child = name != NULL ? open_child (storage, i, &child_error) : NULL;
      gboolean ok = TRUE;

      /* A child libgsf cannot open (a missing stream) is passed over. */
      if (child != NULL && has_right_type (reader, name, child))
        ok = read_child (reader, object, name, child, kind, depth, error);
      g_clear_object (&child);
      if (!ok)
        return NULL;
    }
  return g_steal_pointer (&object);
}

/* [MS-OXMSG] 2.1.3.1.2: 8-bit strings are in the message's code page
 * (PidTagInternetCodepage, else PidTagMessageCodepage); the numbers are
 * Windows code page identifiers. */
char *
bd_msg_charset (guint codepage)
{
  if (codepage == 0)
    return g_strdup ("WINDOWS-1252");
  if (codepage == 65001)
    return g_strdup ("UTF-8");
  if (codepage == 20127)
    return g_strdup ("ASCII");
  if (codepage >= 28591 && codepage <= 28599)
    return g_strdup_printf ("ISO-8859-%u", codepage - 28590);
  return g_strdup_printf ("CP%u", codepage);
}

char *
bd_msg_string (const BdMsgObject *object,
               guint16            id)
{
  GBytes *bytes = g_hash_table_lookup (object->props, GUINT_TO_POINTER ((guint32)id << 16 | PT_UNICODE));
  g_autofree char *charset = NULL;
  const char *data;
  char *text;
  gsize len;

  if (bytes != NULL && g_bytes_get_size (bytes) < 2)
    return NULL;
  if (bytes != NULL)
    {
      data = g_bytes_get_data (bytes, &len);
      len &= ~(gsize)1;
      text = g_convert (data, len, "UTF-8", "UTF-16LE", NULL, NULL, NULL);
    }
  else
    {
      bytes = g_hash_table_lookup (object->props, GUINT_TO_POINTER ((guint32)id << 16 | PT_STRING8));
      if (bytes == NULL || g_bytes_get_size (bytes) == 0)
        return NULL;
      data = g_bytes_get_data (bytes, &len);
      charset = bd_msg_charset (object->codepage);
      text = g_convert (data, len, "UTF-8", charset, NULL, NULL, NULL);
      if (text == NULL)
        text = g_convert (data, len, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
    }
  if (text == NULL)
    text = g_utf8_make_valid (data, len);
  /* A stored terminating NUL ends the C string there. */
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

GBytes *
bd_msg_binary (const BdMsgObject *object,
               guint16            id)
{
  return g_hash_table_lookup (object->props, GUINT_TO_POINTER ((guint32)id << 16 | PT_BINARY));
}

gboolean
bd_msg_long (const BdMsgObject *object,
             guint16            id,
             gint32            *value)
{
  GBytes *bytes = g_hash_table_lookup (object->props, GUINT_TO_POINTER ((guint32)id << 16 | PT_LONG));

  if (bytes == NULL)
    return FALSE;
  *value = (gint32)read_le32 (g_bytes_get_data (bytes, NULL));
  return TRUE;
}

char *
bd_msg_date (const BdMsgObject *object,
             guint16            id)
{
  GBytes *bytes = g_hash_table_lookup (object->props, GUINT_TO_POINTER ((guint32)id << 16 | PT_SYSTIME));
  const guint8 *p;
  guint64 filetime;
  g_autoptr(GDateTime) date = NULL;

  if (bytes == NULL)
    return NULL;
  p = g_bytes_get_data (bytes, NULL);
  filetime = read_le32 (p) | (guint64)read_le32 (p + 4) << 32;
  /* FILETIME: 100 ns steps since 1601-01-01 ([MS-DTYP] 2.3.3). */
  date = g_date_time_new_from_unix_utc ((gint64)(filetime / 10000000) - G_GINT64_CONSTANT (11644473600));
  return date != NULL ? g_date_time_format (date, "%a, %d %b %Y %H:%M:%S +0000") : NULL;
}

/* Recipients and attachments read strings in their message's code page. */
static void
set_codepage (BdMsgObject *message,
              guint        codepage)
{
  gint32 value;

  if (bd_msg_long (message, PID_INTERNET_CPID, &value) || bd_msg_long (message, PID_MESSAGE_CODEPAGE, &value))
    codepage = value;
  message->codepage = codepage;
  for (guint i = 0; i < message->recipients->len; i++)
    ((BdMsgObject *)g_ptr_array_index (message->recipients, i))->codepage = codepage;
  for (guint i = 0; i < message->attachments->len; i++)
    {
      BdMsgObject *attachment = g_ptr_array_index (message->attachments, i);

      attachment->codepage = codepage;
      if (attachment->embedded != NULL)
        set_codepage (attachment->embedded, codepage);
    }
}

/* Outlook keeps texts with CRLF; the decoder's MIME parser splits on LF. */
static GBytes *
lf_only (GString *out)
{
  gsize to = 0;

  for (gsize from = 0; from < out->len; from++)
    {
      if (out->str[from] == '\r')
        {
          out->str[to++] = '\n';
          if (from + 1 < out->len && out->str[from + 1] == '\n')
            from++;
          continue;
        }
      out->str[to++] = out->str[from];
    }
  g_string_truncate (out, to);
  return g_string_free_to_bytes (out);
}

GBytes *
bd_msg_to_mime (const char  *data,
                gsize        len,
                GError     **error)
{
  return bd_msg_convert (data, len, 0, error);
}

GBytes *
bd_msg_convert (const char  *data,
                gsize        len,
                guint        depth,
                GError     **error)
{
  const BdGsf *gsf;
  g_autoptr(GObject) input = NULL;
  g_autoptr(GObject) infile = NULL;
  g_autoptr(GError) gsf_error = NULL;
  g_autoptr(BdMsgObject) message = NULL;
  g_autofree char *message_class = NULL;
  g_autofree char *subject = NULL;
  Reader reader = { 0 };
  GString *out;
  guint complaints;

  g_return_val_if_fail (data != NULL, NULL);

  if ((gsf = bd_msg_gsf (error)) == NULL)
    return NULL;
  complaints = bd_msg_gsf_complaints ();
  input = (GObject *)gsf->input_memory_new ((const guint8 *)data, len, FALSE);
  infile = input != NULL ? (GObject *)gsf->infile_msole_new ((GsfInput *)input, &gsf_error) : NULL;
  if (infile == NULL || bd_msg_gsf_complaints () != complaints)
    {
      g_set_error_literal (error, BD_MSG_ERROR, BD_MSG_ERROR_DAMAGED, _("the file is damaged"));
      return NULL;
    }

  reader.gsf = gsf;
  /* No stream can be bigger than the file; all of them together are
   * allowed four times its size. */
  reader.budget = (gint64)len * 4;
  message = read_object (&reader, (GsfInfile *)infile, OBJECT_TOP, depth, error);
  if (message == NULL)
    return NULL;
  if (bd_msg_gsf_complaints () != complaints)
    {
      g_set_error_literal (error, BD_MSG_ERROR, BD_MSG_ERROR_DAMAGED, _("the file is damaged"));
      return NULL;
    }
  set_codepage (message, 0);

  message_class = bd_msg_string (message, PID_MESSAGE_CLASS);
  subject = bd_msg_string (message, PID_SUBJECT);
  if (message_class == NULL && subject == NULL)
    {
      g_set_error_literal (error, BD_MSG_ERROR, BD_MSG_ERROR_NOT_MESSAGE,
                           _("it holds no email message (it may be a Word or Excel file)"));
      return NULL;
    }

  out = g_string_new (NULL);
  if (bd_msg_is_report (message))
    bd_msg_write_report (out, message);
  else
    bd_msg_write_message (out, message);
  return lf_only (out);
}
