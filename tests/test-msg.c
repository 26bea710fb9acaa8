/* test-msg.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Outlook .msg files (bd-msg.h) through the loader, the decoder and the
 * mailbox reader: an NDR report item in Unicode and in an 8-bit code page,
 * an ordinary message, an Outlook forward with the report attached as an
 * item, an email with a .msg attachment, nesting deeper than we open; and
 * hostile files (cut short, a looping or broken FAT chain, huge sizes,
 * streams that point nowhere), which must give an error naming the file.
 * The fixtures are tests/make-msg-fixtures.c's (checked by msgconvert in
 * check-msg-fixtures.sh).
 */
#include "config.h"

#include <gmime/gmime.h>
#include <string.h>

#include "bd-decoder.h"
#include "bd-loader.h"
#include "bd-mail-url.h"
#include "bd-mailbox.h"
#include "bd-msg.h"

static GBytes *
fixture_bytes (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "msg", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data;
  gsize len;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static BdLoadResult *
load (const char *name)
{
  g_autoptr(GBytes) bytes = fixture_bytes (name);

  return bd_loader_load_bytes (bytes, name, NULL);
}

static const BdRecipient *
recipient (const BdBounce *bounce,
           guint           i)
{
  g_assert_cmpuint (bounce->recipients->len, >, i);
  return g_ptr_array_index (bounce->recipients, i);
}

static void
check_ndr (const BdBounce *bounce)
{
  const BdRecipient *jan, *biuro;

  g_assert_cmpint (bounce->kind, ==, BD_KIND_BOUNCE);
  g_assert_cmpuint (bounce->recipients->len, ==, 2);
  jan = recipient (bounce, 0);
  g_assert_cmpstr (jan->address, ==, "jan.kowalski@example.org");
  g_assert_cmpstr (jan->status, ==, "5.1.1");
  g_assert_cmpint (jan->reply_code, ==, 550);
  g_assert_cmpstr (jan->remote_mta, ==, "mx.example.org");
  g_assert_nonnull (strstr (jan->diagnostic, "User unknown in virtual mailbox table"));
  g_assert_cmpint (jan->reason, ==, BD_REASON_USERUNKNOWN);
  /* Only PidTagNonDeliveryReportStatusCode: 521 is 5.2.1 */
  biuro = recipient (bounce, 1);
  g_assert_cmpstr (biuro->address, ==, "biuro@example.net");
  g_assert_cmpstr (biuro->status, ==, "5.2.1");
  g_assert_cmpint (biuro->reason, ==, BD_REASON_FILTERED);
  g_assert_cmpstr (bounce->original->subject, ==, "Zamówienie 42");
}

/* The report item's own record of the returned message's sender */
static void
check_original_sender (const BdBounce *bounce)
{
  g_assert_cmpstr (bounce->original->from, ==, "anna.nowak@example.com");
}

static void
test_ndr_unicode (void)
{
  g_autoptr(BdLoadResult) result = load ("ndr-unicode.msg");

  g_assert_no_error (result->error);
  check_ndr (result->bounce);
  check_original_sender (result->bounce);
}

/* PT_STRING8 strings in code page 1250: "ó" is 0xF3 there. */
static void
test_ndr_string8 (void)
{
  g_autoptr(BdLoadResult) result = load ("ndr-string8.msg");

  g_assert_no_error (result->error);
  check_ndr (result->bounce);
  g_assert_cmpstr (result->bounce->subject, ==, "Niedostarczalne: Zamówienie 42");
}

static void
test_ordinary (void)
{
  g_autoptr(GBytes) bytes = fixture_bytes ("ordinary.msg");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) mime = bd_msg_to_mime (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_autofree char *text = NULL;
  g_autoptr(BdLoadResult) result = load ("ordinary.msg");

  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (mime, NULL), g_bytes_get_size (mime));
  /* The transport headers as they came, the old body's fields dropped */
  g_assert_nonnull (strstr (text, "Message-ID: <order42@example.com>\n"));
  g_assert_null (strstr (text, "boundary=\"old\""));
  g_assert_nonnull (strstr (text, "w załączniku lista zamówień.\nAnna\n"));
  g_assert_null (strchr (text, '\r'));
  g_assert_nonnull (strstr (text, "Content-Type: text/plain; name=\"zamówienia.txt\""));
  g_assert_nonnull (strstr (text, "TGlzdGEgemFtw7N3aWXFhDogNDIsIDQzLg"));

  g_assert_no_error (result->error);
  g_assert_cmpint (result->bounce->kind, ==, BD_KIND_NOT_BOUNCE);
  g_assert_cmpstr (result->bounce->subject, ==, "Zamówienie 42");
}

static void
test_forward_with_ndr (void)
{
  g_autoptr(BdLoadResult) result = load ("forward-with-ndr.msg");

  g_assert_no_error (result->error);
  check_ndr (result->bounce);
}

/* An application/vnd.ms-outlook attachment inside an email. */
static void
test_email_with_msg (void)
{
  g_autoptr(GBytes) bytes = fixture_bytes ("forward-attached-msg.eml");
  g_autoptr(BdBounce) bounce = bd_decoder_decode_bytes (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                                        "forward-attached-msg.eml", 0);

  check_ndr (bounce);
}

/* Twelve messages deep: opened BD_MSG_MAX_DEPTH levels, no error. */
static void
test_deep (void)
{
  g_autoptr(BdLoadResult) result = load ("deep.msg");

  g_assert_no_error (result->error);
  g_assert_cmpint (result->bounce->kind, ==, BD_KIND_NOT_BOUNCE);
}

static gboolean
count_message (const char *source,
               goffset     offset,
               const char *data,
               gsize       len,
               gpointer    user_data)
{
  g_autoptr(BdBounce) bounce = bd_decoder_decode_bytes (data, len, source, offset);

  if (bounce->kind == BD_KIND_BOUNCE)
    (*(guint *)user_data)++;
  return TRUE;
}

/* A folder scan (and the CLI, which reads the same way) reads .msg files
 * too, past the pre-filter that skips ordinary mail. */
static void
test_folder_scan (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fixtures", "msg", NULL);
  BdMailboxReadOptions options = { 0 };
  guint bounces = 0;

  options.message_func = count_message;
  options.user_data = &bounces;
  options.flags = BD_MAILBOX_READ_SKIP_NON_BOUNCES_IN_MAILBOXES;
  g_assert_true (bd_mailbox_read_with_options (dir, &options));
  /* ndr-unicode, ndr-string8, forward-with-ndr and the .eml */
  g_assert_cmpuint (bounces, ==, 4);
}

/* --- Hostile files, made from ndr-unicode.msg ([MS-CFB] 2.2 header) --- */

static guint32
le32 (const guint8 *p)
{
  return p[0] | p[1] << 8 | p[2] << 16 | (guint32)p[3] << 24;
}

static void
set_le32 (guint8 *p,
          guint32 v)
{
  p[0] = v;
  p[1] = v >> 8;
  p[2] = v >> 16;
  p[3] = v >> 24;
}

#define SECTOR(data, n) ((data) + ((gsize)(n) + 1) * 512)

typedef void (*Spoil) (guint8 *data, gsize *len);

static void
cut_short (guint8 *data,
           gsize  *len)
{
  *len = *len / 2;
}

/* The directory's chain points at itself. */
static void
fat_cycle (guint8 *data,
           gsize  *len)
{
  guint32 dir = le32 (data + 0x30);
  guint8 *fat = SECTOR (data, le32 (data + 0x4C));

  set_le32 (fat + 4 * dir, dir);
}

static void
fat_broken (guint8 *data,
            gsize  *len)
{
  guint32 dir = le32 (data + 0x30);
  guint8 *fat = SECTOR (data, le32 (data + 0x4C));

  set_le32 (fat + 4 * dir, 0x00fffff0);
}

/* Every directory entry ([MS-CFB] 2.6) of the first directory sector. */
static void
spoil_entries (guint8  *data,
               guint32  offset,
               guint32  value)
{
  guint8 *dir = SECTOR (data, le32 (data + 0x30));

  for (guint i = 0; i < 4; i++)
    if (dir[128 * i + 0x42] != 0)
      set_le32 (dir + 128 * i + offset, value);
}

static void
huge_sizes (guint8 *data,
            gsize  *len)
{
  spoil_entries (data, 0x78, 0x7ffffff0);
}

static void
missing_streams (guint8 *data,
                 gsize  *len)
{
  spoil_entries (data, 0x74, 0x00fffff0);
}

static void
garbage (guint8 *data,
         gsize  *len)
{
  for (gsize i = 8; i < *len; i++)
    data[i] = (guint8)(i * 2654435761u >> 13);
}

static void
test_hostile (gconstpointer user_data)
{
  Spoil spoil = (Spoil)user_data;
  g_autoptr(GBytes) good = fixture_bytes ("ndr-unicode.msg");
  gsize len = g_bytes_get_size (good);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (good, NULL), len);
  g_autoptr(GBytes) bad = NULL;
  g_autoptr(BdLoadResult) result = NULL;
  gint64 start = g_get_monotonic_time ();

  spoil (data, &len);
  bad = g_bytes_new (data, len);
  result = bd_loader_load_bytes (bad, "hostile.msg", NULL);
  /* Either the parts libgsf could still read, or an error naming it */
  if (result->error != NULL)
    {
      g_assert_error (result->error, BD_LOADER_ERROR, BD_LOADER_ERROR_OUTLOOK_MSG);
      g_assert_nonnull (strstr (result->error->message, "hostile.msg"));
    }
  else
    g_assert_nonnull (result->bounce);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

/* Kept hostile files (tests/msg-hostile/, outside tests/fixtures, which
 * the CLI test reads expecting no error): one crashed bd_msg_to_mime()
 * called without a GError. Each must give an error naming it, or a
 * result, with a GError and without. */
static void
test_kept_hostile (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "msg-hostile", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *data = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GBytes) mime = NULL;
      g_autoptr(BdLoadResult) result = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      mime = bd_msg_to_mime (data, len, NULL);
      bytes = g_bytes_new (data, len);
      result = bd_loader_load_bytes (bytes, name, NULL);
      if (result->error != NULL)
        g_assert_nonnull (strstr (result->error->message, name));
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

/* Cut short, it cannot be a bounce any more: the error must say so. */
static void
test_cut_short_is_error (void)
{
  g_autoptr(GBytes) good = fixture_bytes ("ndr-unicode.msg");
  g_autoptr(GBytes) bad = g_bytes_new_from_bytes (good, 0, 600);
  g_autoptr(BdLoadResult) result = bd_loader_load_bytes (bad, "cut.msg", NULL);

  g_assert_error (result->error, BD_LOADER_ERROR, BD_LOADER_ERROR_OUTLOOK_MSG);
  g_assert_nonnull (strstr (result->error->message, "“cut.msg”"));
}

/* libgsf's own checks of a damaged file log criticals (bd-msg-gsf.c
 * counts them and reports the file as damaged). G_DEBUG=fatal-warnings
 * and g_test_init() make every critical fatal: here only ours and GLib's
 * are. */
static void
fatal_only_ours (void)
{
  static const char *const domains[] = {
    "bd-msg", "bd-loader", "bd-decoder", "bd-mailbox", "GLib", "GLib-GObject", "GLib-GIO", "gmime",
  };

  g_log_set_always_fatal (G_LOG_FATAL_MASK);
  for (guint i = 0; i < G_N_ELEMENTS (domains); i++)
    g_log_set_fatal_mask (domains[i], G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

/* A damaged .msg attached to an email: the email is still decoded (the
 * attachment is read with no GError to fill in; that crashed once). */
static void
test_email_with_damaged_msg (void)
{
  g_autoptr(GBytes) good = fixture_bytes ("ndr-unicode.msg");
  gsize len = g_bytes_get_size (good);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (good, NULL), len);
  g_autofree char *encoded = NULL;
  g_autofree char *eml = NULL;
  g_autoptr(BdBounce) bounce = NULL;

  huge_sizes (data, &len);
  encoded = g_base64_encode (data, len);
  eml = g_strdup_printf ("From: piotr@example.com\nSubject: FW: report\nMIME-Version: 1.0\n"
                                          "Content-Type: multipart/mixed; boundary=b\n\n--b\n"
                                          "Content-Type: text/plain\n\nsee attached\n--b\n"
                                          "Content-Type: application/vnd.ms-outlook\n"
                                          "Content-Transfer-Encoding: base64\n\n%s\n--b--\n", encoded);
  bounce = bd_decoder_decode_bytes (eml, strlen (eml), "damaged-attachment.eml", 0);

  g_assert_cmpint (bounce->kind, ==, BD_KIND_NOT_BOUNCE);
}

/* --- Thunderbird's message URLs (bd-mail-url.h) --- */

static void
test_mail_url (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  goffset offset = -1;

  g_assert_true (bd_mail_url_parse ("mailbox:///home/jan/.thunderbird/x.default/Mail/Local%20Folders/Inbox?number=4096",
                                    &path, &offset, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, "/home/jan/.thunderbird/x.default/Mail/Local Folders/Inbox");
  g_assert_cmpint (offset, ==, 4096);
  g_clear_pointer (&path, g_free);

  /* Thunderbird adds its own parameters beside the key */
  g_assert_true (bd_mail_url_parse ("mailbox:///tmp/Inbox?number=0&fileName=Undelivered.eml", &path, &offset, &error));
  g_assert_cmpint (offset, ==, 0);
  g_clear_pointer (&path, g_free);

  g_assert_true (bd_mail_url_is_message ("imap://jan@mail.example.com:993/fetch%3EUID%3E/INBOX%3E42"));
  g_assert_true (bd_mail_url_is_message ("mailbox-message://nobody@Local%20Folders/Inbox#4096"));
  g_assert_false (bd_mail_url_is_message ("file:///tmp/a.eml"));
  g_assert_false (bd_mail_url_is_message ("mailboxes are fun"));

  g_assert_false (bd_mail_url_parse ("imap://jan@mail.example.com:993/fetch%3EUID%3E/INBOX%3E42", &path, &offset, &error));
  g_assert_error (error, BD_LOADER_ERROR, BD_LOADER_ERROR_NOT_OFFLINE);
  g_clear_error (&error);
  g_assert_false (bd_mail_url_parse ("mailbox:///tmp/Inbox", &path, &offset, &error));
  g_assert_error (error, BD_LOADER_ERROR, BD_LOADER_ERROR_NOT_EMAIL);
  g_clear_error (&error);
  g_assert_false (bd_mail_url_parse ("mailbox:///tmp/Inbox?number=12abc", &path, &offset, &error));
  g_clear_error (&error);
  g_assert_false (bd_mail_url_parse ("mailbox:///tmp/Inbox?number=-5", &path, &offset, &error));
  g_clear_error (&error);
  g_assert_null (path);
}

/* --- Pasted text (UX review M1): read as `explain -` reads it --- */

static void
test_text (void)
{
  static const char visible[] =
    "This is the mail system at host mail.example.org.\n\n"
    "I'm sorry to have to inform you that your message could not\n"
    "be delivered to one or more recipients. It's attached below.\n\n"
    "                   The mail system\n\n"
    "<jan.kowalsky@example.com>: host mx.example.com[192.0.2.25] said: 550 5.1.1\n"
    "    <jan.kowalsky@example.com>: Recipient address rejected: User unknown in\n"
    "    virtual mailbox table (in reply to RCPT TO command)\n";
  g_autoptr(GBytes) text = g_bytes_new_static (visible, sizeof visible - 1);
  g_autoptr(GBytes) prose = g_bytes_new_static ("Dear John,\nsee you.\n", 20);
  g_autoptr(GBytes) blank = g_bytes_new_static (" \n\t\n", 4);
  g_autoptr(BdLoadResult) pasted = bd_loader_load_text (text, "Pasted text", BD_LOADER_TEXT_PASTED);
  g_autoptr(BdLoadResult) letter = bd_loader_load_text (prose, "Pasted text", BD_LOADER_TEXT_PASTED);
  g_autoptr(BdLoadResult) dropped = bd_loader_load_text (prose, "Dropped text", BD_LOADER_TEXT_DROPPED);
  g_autoptr(BdLoadResult) empty = bd_loader_load_text (blank, "Pasted text", BD_LOADER_TEXT_PASTED);
  g_autoptr(BdBounce) cli = bd_decoder_decode_bytes (visible, sizeof visible - 1, "-", 0);

  g_assert_no_error (pasted->error);
  g_assert_cmpint (pasted->bounce->kind, ==, cli->kind);
  g_assert_cmpstr (recipient (pasted->bounce, 0)->address, ==, recipient (cli, 0)->address);
  g_assert_cmpint (recipient (pasted->bounce, 0)->reason, ==, BD_REASON_USERUNKNOWN);

  g_assert_error (letter->error, BD_LOADER_ERROR, BD_LOADER_ERROR_NOT_BOUNCE);
  g_assert_nonnull (strstr (letter->error->message, "pasted text"));
  g_assert_null (strstr (letter->error->message, ".eml"));
  g_assert_nonnull (strstr (dropped->error->message, "dropped text"));
  g_assert_error (empty->error, BD_LOADER_ERROR, BD_LOADER_ERROR_EMPTY);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();
  fatal_only_ours ();

  g_test_add_func ("/msg/ndr-unicode", test_ndr_unicode);
  g_test_add_func ("/msg/ndr-string8", test_ndr_string8);
  g_test_add_func ("/msg/ordinary", test_ordinary);
  g_test_add_func ("/msg/forward-with-ndr", test_forward_with_ndr);
  g_test_add_func ("/msg/email-with-msg", test_email_with_msg);
  g_test_add_func ("/msg/email-with-damaged-msg", test_email_with_damaged_msg);
  g_test_add_func ("/msg/deep", test_deep);
  g_test_add_func ("/msg/folder-scan", test_folder_scan);
  g_test_add_data_func ("/msg/hostile/cut-short", cut_short, test_hostile);
  g_test_add_data_func ("/msg/hostile/fat-cycle", fat_cycle, test_hostile);
  g_test_add_data_func ("/msg/hostile/fat-broken", fat_broken, test_hostile);
  g_test_add_data_func ("/msg/hostile/huge-sizes", huge_sizes, test_hostile);
  g_test_add_data_func ("/msg/hostile/missing-streams", missing_streams, test_hostile);
  g_test_add_data_func ("/msg/hostile/garbage", garbage, test_hostile);
  g_test_add_func ("/msg/hostile/cut-short-is-error", test_cut_short_is_error);
  g_test_add_func ("/msg/hostile/kept", test_kept_hostile);
  g_test_add_func ("/mail-url/parse", test_mail_url);
  g_test_add_func ("/loader/text", test_text);
  return g_test_run ();
}
