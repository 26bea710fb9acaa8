/* test-classify-fast.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The classifier's fast paths against the lines they replaced: the
 * weighings of a code and words visited by bit (bd-classify-decide.c),
 * a diagnostic type compared inline (bd-classify-private.h), and a reply's length handed on
 * rather than measured (bd-classify-provider.c).
 */
#include "config.h"

#include <string.h>

#include "bd-classify-private.h"
#include "bd-test-util.h"
#include "bd-text.h"

/* code_and_words_order of bd-classify-decide.c, the oracle's copy: the
 * loop it replaced visited every place, skipping those whose reason was
 * not named, except the blocked one ("access denied"). */
static const BdReason order[] = {
  BD_REASON_MAILBOXFULL, BD_REASON_MESGTOOBIG, BD_REASON_EXCEEDLIMIT, BD_REASON_SUSPEND,
  BD_REASON_HASMOVED, BD_REASON_NORELAYING, BD_REASON_AUTHFAILURE, BD_REASON_REQUIREPTR,
  BD_REASON_NOTCOMPLIANTRFC, BD_REASON_BADREPUTATION, BD_REASON_SPEEDING, BD_REASON_USERUNKNOWN,
  BD_REASON_FILTERED, BD_REASON_REJECTED, BD_REASON_NOTACCEPT, BD_REASON_HOSTUNKNOWN,
  BD_REASON_SPAMDETECTED, BD_REASON_TOOMANYCONN, BD_REASON_BLOCKED,
};

static guint32
weighings_slow (guint64 named)
{
  guint32 todo = 0;

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if ((named >> order[i] & 1) || order[i] == BD_REASON_BLOCKED)
      todo |= 1u << i;
  return todo;
}

static void
check_weighings (guint64 named)
{
  g_assert_cmphex (bd_classify_weighings_for (named), ==, weighings_slow (named));
}

static void
test_weighings (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpint (bd_classify_weighing_reason (i), ==, order[i]);
  check_weighings (0);
  for (guint a = 0; a < BD_N_REASONS; a++)
    {
      check_weighings (G_GUINT64_CONSTANT (1) << a);
      for (guint b = 0; b < BD_N_REASONS; b++)
        check_weighings (G_GUINT64_CONSTANT (1) << a | G_GUINT64_CONSTANT (1) << b);
    }
  for (guint round = 0; round < BD_TEST_ROUNDS (20000); round++)
    check_weighings (((guint64)g_random_int () << 32 | g_random_int ())
                     & ((G_GUINT64_CONSTANT (1) << BD_N_REASONS) - 1));
}

/* bd_classify_type_is () against g_ascii_strcasecmp (), with @type
 * copied to a buffer of its own size (AddressSanitizer). */
static void
check_type (const char *type,
            const char *name)
{
  g_autofree char *copy = g_strdup (type);

  g_assert_cmpint (bd_classify_type_is (copy, name), ==, g_ascii_strcasecmp (copy, name) == 0);
}

static void
test_type_is (void)
{
  static const char *const types[] = {
    "", "s", "smtp", "SMTP", "Smtp", "smtP", "smtp ", " smtp", "smt", "smtpx", "x-unix", "X-Unix",
    "x-postfix", "X-POSTFIX", "x-postfi", "x-postfixx", "x-unixx", "smtp\x80", "\xd3mtp", "rfc822",
  };
  char random[8];

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      check_type (types[i], "smtp");
      check_type (types[i], "x-unix");
      check_type (types[i], "x-postfix");
    }
  for (guint round = 0; round < BD_TEST_ROUNDS (20000); round++)
    {
      static const char letters[] = "smtpSMTPx-unixUNIXq\x80\xf3";
      guint len = g_random_int_range (0, sizeof random);

      for (guint i = 0; i < len; i++)
        random[i] = letters[g_random_int_range (0, sizeof letters - 1)];
      random[len] = '\0';
      check_type (random, "smtp");
      check_type (random, "x-unix");
    }
}

/* bd_classify_reply_init_len () with the length the caller knows against
 * the lines of bd_classify_reply_init () it replaced, which measured the
 * reply itself. */
static void
check_reply_len (const char *lowered)
{
  gsize len = lowered != NULL ? strlen (lowered) : 0;
  BdClassifyReply fast;

  bd_classify_reply_init_len (&fast, lowered, len);
  g_assert_true (fast.lowered == lowered);
  g_assert_cmpuint (fast.len, ==, len);
  g_assert_cmphex (fast.named, ==, bd_provider_mask_named_in (lowered));
  g_assert_cmpint (fast.may_hold_franceptt, ==, lowered != NULL && bd_classify_may_hold_franceptt_code (lowered, len));
  g_assert_false (fast.asked);
  bd_classify_reply_clear (&fast);
}

static void
test_reply_len (void)
{
  static const char *const replies[] = {
    "", "550 5.1.1 user unknown", "550 ofr_416 mailbox full (mx.orange.fr)",
    "421 lpn416 try later", "550 5.7.1 rejected by mx1.hotmail.com",
  };

  check_reply_len (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
    check_reply_len (replies[i]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/classify-fast/weighings", test_weighings);
  g_test_add_func ("/core/classify-fast/type-is", test_type_is);
  g_test_add_func ("/core/classify-fast/reply-len", test_reply_len);

  return g_test_run ();
}
