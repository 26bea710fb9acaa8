/* test-mailbox-summary.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mailbox summary's counts (bd-mailbox-summary.h): messages, failed
 * recipients split hard/soft, different addresses and recipients per
 * reason, over reports decoded by the production pipeline.
 */
#include "config.h"

#include <gmime/gmime.h>
#include <string.h>

#include "bd-mailbox-summary.h"
#include "minimal-dsn.h"

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

  g_assert_cmpuint (bd_mailbox_summary_get_messages (summary), ==, 3);
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

  g_test_add_func ("/mailbox-summary/counts", test_summary_counts);

  return g_test_run ();
}
