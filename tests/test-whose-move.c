/* test-whose-move.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For every reason of the taxonomy and every other kind of message: whose
 * move it is and the English headline (bd-guidance-texts.c), pinned in a
 * table. test-guidance checks that the texts are complete and translated;
 * this test sees one swapped, as when "The address … does not exist"
 * tells the user to wait, or a full mailbox is blamed on the sender.
 */
#include "config.h"

#include "bd-guidance.h"

#define ADDRESS "anna@example.com"

typedef struct
{
  BdReason     reason;
  BdWhoseMove  whose_move;
  const char  *headline;
} ReasonRow;

static const ReasonRow reason_rows[] = {
  { BD_REASON_UNDEFINED, BD_WHOSE_MOVE_PROVIDER, "Your message to anna@example.com was not delivered" },
  { BD_REASON_USERUNKNOWN, BD_WHOSE_MOVE_YOU, "The address anna@example.com does not exist" },
  { BD_REASON_HOSTUNKNOWN, BD_WHOSE_MOVE_YOU, "The domain of the address anna@example.com does not exist" },
  { BD_REASON_HASMOVED, BD_WHOSE_MOVE_YOU, "The recipient no longer uses the address anna@example.com" },
  { BD_REASON_SUSPEND, BD_WHOSE_MOVE_RECIPIENT, "The mailbox anna@example.com is switched off" },
  { BD_REASON_MAILBOXFULL, BD_WHOSE_MOVE_RECIPIENT, "The mailbox of anna@example.com is full" },
  { BD_REASON_EXCEEDLIMIT, BD_WHOSE_MOVE_YOU, "Your message is too large for the mailbox of anna@example.com" },
  { BD_REASON_MESGTOOBIG, BD_WHOSE_MOVE_YOU, "Your message to anna@example.com is too large" },
  { BD_REASON_FILTERED, BD_WHOSE_MOVE_RECIPIENT, "The mailbox anna@example.com does not accept your messages" },
  { BD_REASON_REJECTED, BD_WHOSE_MOVE_PROVIDER, "The mail server of anna@example.com refused your sender address" },
  { BD_REASON_BLOCKED, BD_WHOSE_MOVE_PROVIDER, "The mail server of anna@example.com blocked the server that sends your mail" },
  { BD_REASON_BADREPUTATION, BD_WHOSE_MOVE_PROVIDER, "The mail server of anna@example.com does not trust mail from your server" },
  { BD_REASON_SPAMDETECTED, BD_WHOSE_MOVE_YOU, "The mail server of anna@example.com took your message for spam" },
  { BD_REASON_VIRUSDETECTED, BD_WHOSE_MOVE_YOU, "A virus or a dangerous attachment was found in your message to anna@example.com" },
  { BD_REASON_SECURITYERROR, BD_WHOSE_MOVE_PROVIDER, "Your message to anna@example.com was stopped for a security reason" },
  { BD_REASON_AUTHFAILURE, BD_WHOSE_MOVE_PROVIDER, "The mail server of anna@example.com could not confirm that the message really came from you" },
  { BD_REASON_REQUIREPTR, BD_WHOSE_MOVE_PROVIDER, "The mail server of anna@example.com refused your server because it has no proper name" },
  { BD_REASON_POLICYVIOLATION, BD_WHOSE_MOVE_RECIPIENT, "The mail server of anna@example.com refused your message because of its rules" },
  { BD_REASON_NOTCOMPLIANTRFC, BD_WHOSE_MOVE_PROVIDER, "The mail server of anna@example.com refused your message as badly formed" },
  { BD_REASON_CONTENTERROR, BD_WHOSE_MOVE_YOU, "The mail server of anna@example.com could not accept the content of your message" },
  { BD_REASON_NORELAYING, BD_WHOSE_MOVE_YOU, "The server refused to pass on your message to anna@example.com" },
  { BD_REASON_NOTACCEPT, BD_WHOSE_MOVE_YOU, "The address anna@example.com does not accept email" },
  { BD_REASON_EXPIRED, BD_WHOSE_MOVE_RECIPIENT, "Delivery to anna@example.com was given up after many attempts" },
  { BD_REASON_NETWORKERROR, BD_WHOSE_MOVE_WAIT, "The mail server of anna@example.com could not be reached" },
  { BD_REASON_TOOMANYCONN, BD_WHOSE_MOVE_WAIT, "The mail server of anna@example.com is busy" },
  { BD_REASON_SPEEDING, BD_WHOSE_MOVE_YOU, "Your message to anna@example.com was held back: too many messages were sent" },
  { BD_REASON_SYSTEMERROR, BD_WHOSE_MOVE_WAIT, "The mail server of anna@example.com had a technical problem" },
  { BD_REASON_SYSTEMFULL, BD_WHOSE_MOVE_RECIPIENT, "The mail server of anna@example.com has run out of space" },
  { BD_REASON_MAILERERROR, BD_WHOSE_MOVE_RECIPIENT, "A program on the mail server of anna@example.com failed" },
  { BD_REASON_SYNTAXERROR, BD_WHOSE_MOVE_PROVIDER, "The mail servers could not understand each other while sending to anna@example.com" },
  { BD_REASON_ONHOLD, BD_WHOSE_MOVE_WAIT, "Delivery to anna@example.com is on hold" },
  { BD_REASON_DELIVERED, BD_WHOSE_MOVE_NONE, "Your message was delivered to anna@example.com" },
  { BD_REASON_VACATION, BD_WHOSE_MOVE_NONE, "anna@example.com replied automatically" },
  { BD_REASON_FEEDBACK, BD_WHOSE_MOVE_YOU, "anna@example.com reported your message as spam" },
};

typedef struct
{
  BdKind       kind;
  BdWhoseMove  whose_move;
  const char  *headline;
} KindRow;

static const KindRow kind_rows[] = {
  { BD_KIND_NOT_BOUNCE, BD_WHOSE_MOVE_NONE, "This is not a returned email" },
  { BD_KIND_DELAYED, BD_WHOSE_MOVE_WAIT, "Your message to anna@example.com has not been delivered yet" },
  { BD_KIND_DELIVERED, BD_WHOSE_MOVE_NONE, "Your message was delivered to anna@example.com" },
  { BD_KIND_VACATION, BD_WHOSE_MOVE_NONE, "anna@example.com replied automatically" },
  { BD_KIND_FEEDBACK, BD_WHOSE_MOVE_YOU, "anna@example.com reported your message as spam" },
};

static const char *const move_names[] = {
  "BD_WHOSE_MOVE_YOU", "BD_WHOSE_MOVE_RECIPIENT", "BD_WHOSE_MOVE_PROVIDER",
  "BD_WHOSE_MOVE_WAIT", "BD_WHOSE_MOVE_NONE",
};

/* Every difference is listed, as a row to paste, before the test fails. */
static void
test_every_reason (void)
{
  g_autoptr(GString) wrong = g_string_new (NULL);

  g_assert_cmpuint (G_N_ELEMENTS (reason_rows), ==, BD_N_REASONS);
  for (guint i = 0; i < G_N_ELEMENTS (reason_rows); i++)
    {
      const ReasonRow *row = &reason_rows[i];
      g_autoptr(BdGuidance) guidance = bd_guidance_for_reason (BD_KIND_BOUNCE, row->reason, ADDRESS);
      g_autofree char *upper = g_ascii_strup (bd_reason_to_string (row->reason), -1);

      g_assert_cmpuint (row->reason, ==, i);
      if (guidance->whose_move != row->whose_move || g_strcmp0 (guidance->headline, row->headline) != 0)
        g_string_append_printf (wrong, "  { BD_REASON_%s, %s, \"%s\" },\n", upper,
                                move_names[guidance->whose_move], guidance->headline);
    }
  if (wrong->len > 0)
    g_test_message ("reasons whose move or headline differ:\n%s", wrong->str);
  g_assert_cmpstr (wrong->str, ==, "");
}

static void
test_every_kind (void)
{
  g_autoptr(GString) wrong = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kind_rows); i++)
    {
      const KindRow *row = &kind_rows[i];
      g_autoptr(BdGuidance) guidance = bd_guidance_for_reason (row->kind, BD_REASON_UNDEFINED, ADDRESS);

      if (guidance->whose_move != row->whose_move || g_strcmp0 (guidance->headline, row->headline) != 0)
        g_string_append_printf (wrong, "  { /* %s */ %u, %s, \"%s\" },\n", bd_kind_to_string (row->kind), row->kind,
                                move_names[guidance->whose_move], guidance->headline);
    }
  if (wrong->len > 0)
    g_test_message ("kinds whose move or headline differ:\n%s", wrong->str);
  g_assert_cmpstr (wrong->str, ==, "");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/whose-move/every-reason", test_every_reason);
  g_test_add_func ("/core/whose-move/every-kind", test_every_kind);
  return g_test_run ();
}
