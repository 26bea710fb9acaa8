/* test-mailbox-summary.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mailbox summary's counts (bd-mailbox-summary.h): messages, failed
 * recipients split hard/soft, different addresses and recipients per
 * reason, over reports decoded by the production pipeline.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gmime/gmime.h>
#include <string.h>

#include "bd-mailbox.h"
#include "bd-mailbox-summary.h"
#include "bd-test-util.h"

static void
test_summary_counts (void)
{
  g_autoptr(BdMailboxSummary) summary = bd_mailbox_summary_new ();
  g_autoptr(BdBounce) unknown = test_decode_minimal_dsn ("5.1.1", "User unknown");
  g_autoptr(BdBounce) again = test_decode_minimal_dsn ("5.1.1", "User unknown");
  g_autoptr(BdBounce) full = test_decode_minimal_dsn ("4.2.2", "Mailbox full");
  g_autoptr(BdBounce) delivered = test_decode_minimal_dsn ("2.0.0", NULL);
  guint slot = bd_mailbox_summary_slot (unknown, 0);

  g_assert_true (bd_mailbox_summary_add (summary, unknown));
  g_assert_true (bd_mailbox_summary_add (summary, again));
  g_assert_true (bd_mailbox_summary_add (summary, full));
  /* a success report is no failure: not counted */
  g_assert_false (bd_mailbox_summary_add (summary, delivered));

  /* returned emails: every report, as the window's scan counts them */
  g_assert_cmpuint (bd_mailbox_summary_get_messages (summary), ==, 4);
  g_assert_cmpuint (bd_mailbox_summary_get_recipients (summary), ==, 3);
  g_assert_cmpuint (bd_mailbox_summary_get_hard (summary), ==, 2);
  g_assert_cmpuint (bd_mailbox_summary_get_soft (summary), ==, 1);
  /* the same address twice is one address (row@example.net in all) */
  g_assert_cmpuint (bd_mailbox_summary_get_addresses (summary), ==, 1);
  g_assert_cmpuint (slot, ==, BD_REASON_USERUNKNOWN);
  g_assert_cmpuint (bd_mailbox_summary_get_reason_count (summary, slot), ==, 2);
  g_assert_cmpuint (bd_mailbox_summary_get_reason_count (summary, bd_mailbox_summary_slot (full, 0)), ==, 1);

  bd_mailbox_summary_clear (summary);
  g_assert_cmpuint (bd_mailbox_summary_get_recipients (summary), ==, 0);
  g_assert_cmpuint (bd_mailbox_summary_get_addresses (summary), ==, 0);
  g_assert_cmpuint (bd_mailbox_summary_get_reason_count (summary, slot), ==, 0);
}

/* Addresses are told apart as g_utf8_casefold () tells them: ASCII case
 * and Unicode case (Ł and ł) are the same address, another byte is not. */
static void
test_summary_addresses_folded (void)
{
  static const char * const addresses[] = {
    "row@example.net", "Row@Example.NET", "ROW@EXAMPLE.NET", "r\xc3\xb3w@example.net", "R\xc3\x93W@example.net",
    "\xc5\x81ukasz@example.pl", "\xc5\x82ukasz@example.pl", "\xc5\x81UKASZ@EXAMPLE.PL", "row@example.net.",
    "Stra\xc3\x9f" "e@example.de", "strasse@example.de", "a\xff@example.com", "A\xff@example.com",
  };
  g_autoptr(BdMailboxSummary) summary = bd_mailbox_summary_new ();
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autoptr(BdBounce) bounce = test_decode_minimal_dsn ("5.1.1", "User unknown");
      BdRecipient *recipient = g_ptr_array_index (bounce->recipients, 0);

      g_free (recipient->address);
      recipient->address = g_strdup (addresses[i]);
      g_assert_true (bd_mailbox_summary_add (summary, bounce));
      g_hash_table_add (expected, g_utf8_casefold (addresses[i], -1));
      g_assert_cmpuint (bd_mailbox_summary_get_addresses (summary), ==, g_hash_table_size (expected));
    }
  g_assert_cmpuint (bd_mailbox_summary_get_addresses (summary), ==, 6);
}

#define FROM_LINE "From MAILER-DAEMON Fri Nov 27 10:00:00 2026\n"
#define MESSAGE   "From: a@example.org\nSubject: x\n\nFrom here on, a body line.\n\n"

static gboolean
is_mailbox_file (const char *dir,
                 const char *contents,
                 gsize       tail)
{
  g_autofree char *path = g_build_filename (dir, "probe", NULL);
  g_autoptr(GString) data = g_string_new (contents);

  /* a long last message: the rule must not need it */
  for (gsize i = 0; i < tail; i++)
    g_string_append (data, "x\n");
  g_assert_true (g_file_set_contents (path, data->str, data->len, NULL));
  return bd_mailbox_is_mailbox (path, NULL);
}

static void
test_is_mailbox (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bd-is-mailbox-XXXXXX", NULL);
  g_autofree char *probe = g_build_filename (dir, "probe", NULL);

  g_assert_true (bd_mailbox_is_mailbox (dir, NULL));
  /* one message saved with its From_ line is one email */
  g_assert_false (is_mailbox_file (dir, FROM_LINE MESSAGE, 0));
  /* a body line starting with "From " is no separator */
  g_assert_false (is_mailbox_file (dir, FROM_LINE MESSAGE "From the office, with love\n", 0));
  g_assert_false (is_mailbox_file (dir, MESSAGE FROM_LINE MESSAGE, 0));
  g_assert_true (is_mailbox_file (dir, FROM_LINE MESSAGE FROM_LINE MESSAGE, 0));
  g_assert_true (is_mailbox_file (dir, FROM_LINE MESSAGE FROM_LINE MESSAGE FROM_LINE, 4 * 1024 * 1024));
  g_assert_false (bd_mailbox_is_mailbox ("/nonexistent/bd-probe", NULL));
  g_remove (probe);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

  g_test_add_func ("/mailbox-summary/counts", test_summary_counts);
  g_test_add_func ("/mailbox-summary/addresses-folded", test_summary_addresses_folded);
  g_test_add_func ("/mailbox-summary/is-mailbox", test_is_mailbox);

  return g_test_run ();
}
