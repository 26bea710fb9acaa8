/* make-msg-fixtures.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * make-msg-fixtures DIR: writes the Outlook .msg test files with libgsf's
 * OLE2 writer, from the layout [MS-OXMSG] documents (section 2): per
 * object a "__properties_version1.0" stream (a 32-byte header for the
 * top message, 24 for an embedded one, 8 for recipients and attachments,
 * then 16-byte entries: tag, flags, value or size), one
 * "__substg1.0_TTTTTTTT" stream per variable-size property,
 * "__recip_version1.0_#N" and "__attach_version1.0_#N" storages, and an
 * attached message in the storage "__substg1.0_3701000D".
 * msgconvert (libemail-outlook-message-perl), an independent reader, checks
 * every file in tests/check-msg-fixtures.sh, so this writer and our reader
 * cannot share one mistake unnoticed.
 */
#include <gsf/gsf.h>
#include <string.h>

#define PT_LONG    0x0003
#define PT_STRING8 0x001E
#define PT_UNICODE 0x001F
#define PT_BINARY  0x0102

typedef enum { TOP = 32, EMBEDDED = 24, ROW = 8 } Header;

/* One object being written: its fixed-size entries, streams as they come. */
typedef struct
{
  GsfOutfile *dir;
  GByteArray *props;
  Header      header;
  guint       recipients, attachments;
  const char *charset;   /* PT_STRING8 strings are written in it; NULL: Unicode */
} Obj;

static void
put_le32 (GByteArray *a,
          guint32     v)
{
  guint8 b[4] = { v, v >> 8, v >> 16, v >> 24 };

  g_byte_array_append (a, b, 4);
}

static void
write_stream (GsfOutfile   *dir,
              const char   *name,
              const guint8 *data,
              gsize         len)
{
  GsfOutput *out = gsf_outfile_new_child (dir, name, FALSE);

  gsf_output_write (out, len, data);
  gsf_output_close (out);
  g_object_unref (out);
}

static void
entry (Obj     *o,
       guint32  tag,
       guint32  v0,
       guint32  v1)
{
  put_le32 (o->props, tag);
  put_le32 (o->props, 0x6);   /* readable, writable */
  put_le32 (o->props, v0);
  put_le32 (o->props, v1);
}

static void
binary (Obj          *o,
        guint16       id,
        guint16       type,
        const guint8 *data,
        gsize         len,
        gsize         size_field)
{
  g_autofree char *name = g_strdup_printf ("__substg1.0_%04X%04X", id, type);

  write_stream (o->dir, name, data, len);
  entry (o, (guint32)id << 16 | type, size_field, 0);
}

static void
string (Obj        *o,
        guint16     id,
        const char *text)
{
  gsize len;

  if (o->charset == NULL)
    {
      g_autofree char *utf16 = g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, &len, NULL);

      binary (o, id, PT_UNICODE, (guint8 *)utf16, len, len + 2);
    }
  else
    {
      g_autofree char *bytes = g_convert (text, -1, o->charset, "UTF-8", NULL, &len, NULL);

      g_assert (bytes != NULL);
      binary (o, id, PT_STRING8, (guint8 *)bytes, len, len + 1);
    }
}

static void
longval (Obj     *o,
         guint16  id,
         guint32  v)
{
  entry (o, (guint32)id << 16 | PT_LONG, v, 0);
}

static Obj
obj_open (GsfOutfile *dir,
          Header      header,
          const char *charset)
{
  Obj o = { dir, g_byte_array_new (), header, 0, 0, charset };

  return o;
}

static void
obj_close (Obj *o)
{
  g_autoptr(GByteArray) stream = g_byte_array_new ();
  guint8 zero[8] = { 0 };

  g_byte_array_append (stream, zero, 8);   /* reserved */
  if (o->header != ROW)
    {
      put_le32 (stream, o->recipients);    /* next recipient id */
      put_le32 (stream, o->attachments);   /* next attachment id */
      put_le32 (stream, o->recipients);
      put_le32 (stream, o->attachments);
    }
  if (o->header == TOP)
    g_byte_array_append (stream, zero, 8);
  g_byte_array_append (stream, o->props->data, o->props->len);
  write_stream (o->dir, "__properties_version1.0", stream->data, stream->len);
  g_byte_array_unref (o->props);
}

static GsfOutfile *
child_dir (GsfOutfile *dir,
           const char *name)
{
  return GSF_OUTFILE (gsf_outfile_new_child (dir, name, TRUE));
}

static void
close_dir (GsfOutfile *dir)
{
  gsf_output_close (GSF_OUTPUT (dir));
  g_object_unref (dir);
}

static Obj
recipient (Obj        *msg,
           const char *address)
{
  g_autofree char *name = g_strdup_printf ("__recip_version1.0_#%08X", msg->recipients++);
  Obj r = obj_open (child_dir (msg->dir, name), ROW, msg->charset);

  string (&r, 0x3001, address);            /* PidTagDisplayName */
  string (&r, 0x3002, "SMTP");             /* PidTagAddressType */
  string (&r, 0x3003, address);            /* PidTagEmailAddress */
  string (&r, 0x39FE, address);            /* PidTagSmtpAddress */
  longval (&r, 0x0C15, 1);                 /* PidTagRecipientType: To */
  return r;
}

static void
recipient_close (Obj *r)
{
  GsfOutfile *dir = r->dir;

  obj_close (r);
  close_dir (dir);
}

static Obj
attachment (Obj *msg)
{
  g_autofree char *name = g_strdup_printf ("__attach_version1.0_#%08X", msg->attachments++);

  return obj_open (child_dir (msg->dir, name), ROW, msg->charset);
}

static void
file_attachment (Obj        *msg,
                 const char *filename,
                 const char *mime_tag,
                 const char *data,
                 gsize       len)
{
  Obj a = attachment (msg);

  longval (&a, 0x3705, 1);                 /* PidTagAttachMethod: afByValue */
  string (&a, 0x3707, filename);           /* PidTagAttachLongFilename */
  string (&a, 0x370E, mime_tag);           /* PidTagAttachMimeTag */
  binary (&a, 0x3701, PT_BINARY, (const guint8 *)data, len, len);
  recipient_close (&a);
}

static void
headers (Obj        *msg,
         const char *message_class,
         const char *subject,
         const char *from)
{
  string (msg, 0x001A, message_class);     /* PidTagMessageClass */
  string (msg, 0x0037, subject);           /* PidTagSubject */
  string (msg, 0x0C1A, from);              /* PidTagSenderName */
  string (msg, 0x5D01, from);              /* PidTagSenderSmtpAddress */
  /* PidTagClientSubmitTime, 2026-12-01 09:30 UTC as a FILETIME */
  entry (msg, 0x00390040, 0x89435c00u, 0x01dd8176u);
}

/* An ordinary message: transport headers, body, a text attachment. */
static void
ordinary (Obj *msg)
{
  static const char notes[] = "Lista zamówień: 42, 43.\r\n";
  Obj r;

  headers (msg, "IPM.Note", "Zamówienie 42", "anna.nowak@example.com");
  string (msg, 0x007D,                     /* PidTagTransportMessageHeaders */
          "Received: from mail.example.com by mx.example.org; Tue, 1 Dec 2026 09:30:02 +0000\r\n"
          "From: Anna Nowak <anna.nowak@example.com>\r\n"
          "To: Jan Kowalski <jan.kowalski@example.org>\r\n"
          "Subject: =?UTF-8?Q?Zam=C3=B3wienie_42?=\r\n"
          "Date: Tue, 1 Dec 2026 10:30:00 +0100\r\n"
          "Message-ID: <order42@example.com>\r\n"
          "MIME-Version: 1.0\r\n"
          "Content-Type: multipart/mixed; boundary=\"old\"\r\n\r\n");
  string (msg, 0x1000, "Dzień dobry,\r\nw załączniku lista zamówień.\r\nAnna\r\n");
  r = recipient (msg, "jan.kowalski@example.org");
  recipient_close (&r);
  file_attachment (msg, "zamówienia.txt", "text/plain", notes, strlen (notes));
}

/* An Exchange NDR item: two recipients, one with the supplementary text,
 * one with only its status code. */
static void
ndr (Obj *msg)
{
  Obj r;

  headers (msg, "REPORT.IPM.Note.NDR", "Niedostarczalne: Zamówienie 42", "postmaster@example.com");
  string (msg, 0x1000,
          "Nie można dostarczyć wiadomości do tych adresatów lub grup:\r\n\r\n"
          "jan.kowalski@example.org\r\nbiuro@example.net\r\n");
  string (msg, 0x0049, "Zamówienie 42");            /* PidTagOriginalSubject */
  string (msg, 0x0074, "jan.kowalski@example.org; biuro@example.net"); /* PidTagOriginalDisplayTo */
  string (msg, 0x005A, "Anna Nowak");               /* PidTagOriginalSenderName */
  string (msg, 0x0067, "anna.nowak@example.com");   /* PidTagOriginalSenderEmailAddress */
  string (msg, 0x6820, "mail.example.com");         /* PidTagReportingMessageTransferAgent */

  r = recipient (msg, "jan.kowalski@example.org");
  longval (&r, 0x0C05, 0);                 /* PidTagNonDeliveryReportDiagCode: unrecognised */
  longval (&r, 0x0C04, 1);                 /* PidTagNonDeliveryReportReasonCode: impossible */
  longval (&r, 0x0C20, 511);               /* PidTagNonDeliveryReportStatusCode: 5.1.1 */
  string (&r, 0x0C1B,                      /* PidTagSupplementaryInfo */
          "<mx.example.org #5.1.1 smtp;550 5.1.1 <jan.kowalski@example.org>: "
          "Recipient address rejected: User unknown in virtual mailbox table>");
  recipient_close (&r);

  r = recipient (msg, "biuro@example.net");
  longval (&r, 0x0C05, 5);
  longval (&r, 0x0C04, 0);
  longval (&r, 0x0C20, 521);               /* 5.2.1: mailbox disabled */
  recipient_close (&r);
}

static GsfOutfile *
open_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  GsfOutput *sink = gsf_output_stdio_new (path, &error);
  GsfOutfile *outfile;

  if (sink == NULL)
    g_error ("%s: %s", path, error->message);
  outfile = gsf_outfile_msole_new (sink);
  g_object_unref (sink);
  return outfile;
}

static void
write_top (const char *dir,
           const char *name,
           const char *charset,
           void      (*fill) (Obj *msg))
{
  GsfOutfile *file = open_file (dir, name);
  Obj msg = obj_open (file, TOP, charset);

  if (charset != NULL)
    longval (&msg, 0x3FDE, 1250);          /* PidTagInternetCodepage: Central European */
  fill (&msg);
  obj_close (&msg);
  close_dir (file);
}

/* A colleague's Outlook forward with the NDR attached as an item. */
static void
forward_with_ndr (Obj *msg)
{
  Obj a, inner;
  GsfOutfile *storage;
  Obj r;

  headers (msg, "IPM.Note", "PD: Niedostarczalne: Zamówienie 42", "piotr@example.com");
  string (msg, 0x1000, "Dzień dobry, co mam z tym zrobić?\r\nPiotr\r\n");
  r = recipient (msg, "it@example.com");
  recipient_close (&r);

  a = attachment (msg);
  longval (&a, 0x3705, 5);                 /* PidTagAttachMethod: afEmbeddedMessage */
  string (&a, 0x3001, "Niedostarczalne: Zamówienie 42");
  entry (&a, 0x3701000D, 0xffffffffu, 0);  /* the embedded message's entry */
  storage = child_dir (a.dir, "__substg1.0_3701000D");
  inner = obj_open (storage, EMBEDDED, msg->charset);
  ndr (&inner);
  obj_close (&inner);
  close_dir (storage);
  recipient_close (&a);
}

/* Messages inside messages, deeper than the reader opens. */
static void
nest (Obj  *msg,
      guint levels)
{
  Obj a, inner;
  GsfOutfile *storage;

  headers (msg, "IPM.Note", "PD: PD: PD:", "piotr@example.com");
  if (levels == 0)
    {
      ndr (msg);
      return;
    }
  a = attachment (msg);
  longval (&a, 0x3705, 5);
  storage = child_dir (a.dir, "__substg1.0_3701000D");
  inner = obj_open (storage, EMBEDDED, msg->charset);
  nest (&inner, levels - 1);
  obj_close (&inner);
  close_dir (storage);
  recipient_close (&a);
}

static void
deep (Obj *msg)
{
  nest (msg, 12);
}

/* An email carrying a .msg as an application/vnd.ms-outlook attachment. */
static void
write_eml_with_msg (const char *dir)
{
  g_autofree char *msg_path = g_build_filename (dir, "ndr-unicode.msg", NULL);
  g_autofree char *eml_path = g_build_filename (dir, "forward-attached-msg.eml", NULL);
  g_autofree char *data = NULL;
  g_autofree char *encoded = NULL;
  g_autoptr(GString) eml = g_string_new (NULL);
  gsize len;

  if (!g_file_get_contents (msg_path, &data, &len, NULL))
    g_error ("cannot read %s", msg_path);
  encoded = g_base64_encode ((guint8 *)data, len);
  g_string_append (eml,
                   "From: Piotr <piotr@example.com>\n"
                   "To: it@example.com\n"
                   "Subject: FW: Niedostarczalne: Zamowienie 42\n"
                   "Date: Tue, 1 Dec 2026 12:00:00 +0100\n"
                   "MIME-Version: 1.0\n"
                   "Content-Type: multipart/mixed; boundary=\"b1\"\n\n"
                   "--b1\nContent-Type: text/plain; charset=utf-8\n\nCo z tym zrobic?\n\n"
                   "--b1\nContent-Type: application/vnd.ms-outlook; name=\"ndr.msg\"\n"
                   "Content-Transfer-Encoding: base64\n"
                   "Content-Disposition: attachment; filename=\"ndr.msg\"\n\n");
  for (gsize at = 0; at < strlen (encoded); at += 76)
    g_string_append_printf (eml, "%.76s\n", encoded + at);
  g_string_append (eml, "\n--b1--\n");
  if (!g_file_set_contents (eml_path, eml->str, eml->len, NULL))
    g_error ("cannot write %s", eml_path);
}

int
main (int    argc,
      char **argv)
{
  if (argc != 2)
    {
      g_printerr ("usage: %s DIR\n", argv[0]);
      return 2;
    }
  gsf_init ();
  write_top (argv[1], "ordinary.msg", NULL, ordinary);
  write_top (argv[1], "ndr-unicode.msg", NULL, ndr);
  write_top (argv[1], "ndr-string8.msg", "CP1250", ndr);
  write_top (argv[1], "forward-with-ndr.msg", NULL, forward_with_ndr);
  write_top (argv[1], "deep.msg", NULL, deep);
  write_eml_with_msg (argv[1]);
  gsf_shutdown ();
  return 0;
}
