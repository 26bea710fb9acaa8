/* test-reason.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bd-reason.h"

/* Every machine name of the design's taxonomy, in its order. */
static const char *taxonomy[] = {
  "userunknown", "hostunknown", "hasmoved", "suspend", "mailboxfull", "exceedlimit",
  "mesgtoobig", "filtered", "rejected", "blocked", "badreputation", "spamdetected",
  "virusdetected", "securityerror", "authfailure", "requireptr", "policyviolation",
  "notcompliantrfc", "contenterror", "norelaying", "notaccept", "expired", "networkerror",
  "toomanyconn", "speeding", "systemerror", "systemfull", "mailererror", "syntaxerror",
  "onhold", "undefined", "delivered", "vacation", "feedback",
};

static void
test_reason_round_trip (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (taxonomy), ==, BD_N_REASONS);

  for (guint i = 0; i < G_N_ELEMENTS (taxonomy); i++)
    {
      BdReason reason = bd_reason_from_string (taxonomy[i]);

      g_assert_cmpstr (bd_reason_to_string (reason), ==, taxonomy[i]);
      g_assert_cmpint (bd_reason_get_group (reason), <, BD_N_REASON_GROUPS);
    }

  g_assert_cmpint (bd_reason_from_string ("no-such-reason"), ==, BD_REASON_UNDEFINED);
}

static void
test_reason_hard (void)
{
  g_assert_true (bd_reason_is_hard (BD_REASON_USERUNKNOWN, 550, "5.1.1"));
  g_assert_true (bd_reason_is_hard (BD_REASON_HOSTUNKNOWN, 0, NULL));
  g_assert_true (bd_reason_is_hard (BD_REASON_HASMOVED, 0, NULL));
  g_assert_true (bd_reason_is_hard (BD_REASON_NOTACCEPT, 556, NULL));
  g_assert_true (bd_reason_is_hard (BD_REASON_NOTACCEPT, 0, "5.1.10"));
  g_assert_false (bd_reason_is_hard (BD_REASON_NOTACCEPT, 421, "4.4.1"));
  g_assert_false (bd_reason_is_hard (BD_REASON_MAILBOXFULL, 552, "5.2.2"));
  g_assert_false (bd_reason_is_hard (BD_REASON_EXPIRED, 0, NULL));
}

static void
test_reason_groups (void)
{
  g_assert_cmpint (bd_reason_get_group (BD_REASON_USERUNKNOWN), ==, BD_REASON_GROUP_ADDRESS);
  g_assert_cmpint (bd_reason_get_group (BD_REASON_MAILBOXFULL), ==, BD_REASON_GROUP_MAILBOX);
  g_assert_cmpint (bd_reason_get_group (BD_REASON_AUTHFAILURE), ==, BD_REASON_GROUP_AUTHENTICATION);
  g_assert_cmpint (bd_reason_get_group (BD_REASON_EXPIRED), ==, BD_REASON_GROUP_TEMPORARY);
  g_assert_cmpint (bd_reason_get_group (BD_REASON_VACATION), ==, BD_REASON_GROUP_NOT_FAILURE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/reason/round-trip", test_reason_round_trip);
  g_test_add_func ("/core/reason/hard", test_reason_hard);
  g_test_add_func ("/core/reason/groups", test_reason_groups);

  return g_test_run ();
}
