/* bd-decoder-challenge.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Challenge-response notices: a filter in front of the recipient's mailbox
 * holds a message from an unknown sender and asks the sender to confirm
 * (or says the sender is already on its list). The message was not
 * refused, so the notice is not a returned email, even when it comes as a
 * delivery report (Boxbe sends a multipart/report with "Status: 4.7.0").
 *
 * Only the services' own sentences are recognised, each from a published
 * list of them:
 *  - Mail::DeliveryStatus::BounceParser (CPAN 1.543, lib/Mail/DeliveryStatus/
 *    BounceParser.pm, "Deal with some common C/R systems"): TMDA's
 *    "X-Delivery-Agent: TMDA" header, Bluebottle's "This account is
 *    protected by Bluebottle", Boxbe's "Please add yourself to my Boxbe
 *    Guest List" and "This is a one-time automated message to confirm that
 *    you're listed on my Boxbe Guest List";
 *  - What The Email (Daniel Bachhuber, class What_The_Email,
 *    $blocked_messages): the same Boxbe sentence, ChoiceMail's "ChoiceMail
 *    is holding the message you sent because your email address is not on
 *    my list of approved senders" and SpamBLK's "The person you tried to
 *    send this email to is using SpamBLK Whitemail to prevent spam".
 * BounceParser also takes "Your server requires confirmation" for one; we
 * do not: that text comes in a server's 550 refusal, quoted by the sending
 * server's report (Action: failed), so the message was not delivered and
 * will not be: a bounce, whose reply says what to do.
 * The sentences are compared in folded form (bd-phrase-fold.c), so line
 * breaks and case do not matter.
 */
#define G_LOG_DOMAIN "bd-decoder"

#include "config.h"

#include <string.h>

#include "bd-decoder-private.h"
#include "bd-mime.h"
#include "bd-phrase-fold.h"
#include "bd-text.h"

/* Each service's name is looked for first (the text is folded only when
 * the name is in it), and before the name a part of it that starts with
 * a rarer letter: every message goes through here, nearly none is a
 * challenge, and the search costs the most where its first letter is
 * common ('s' of SpamBLK). Each name is searched once, for all its
 * sentences. */
static const struct
{
  const char *service;
  const char *rare_part;             /* of @service */
  const char *const sentences[3];    /* folded, NULL-terminated */
} challenges[] = {
  { "Boxbe", "xbe", { "please add yourself to my boxbe guest list", "you're listed on my boxbe guest list", NULL } },
  { "Bluebottle", "bluebottle", { "this account is protected by bluebottle", NULL } },
  { "ChoiceMail", "choicemail", { "choicemail is holding the message you sent", NULL } },
  { "SpamBLK", "blk", { "is using spamblk whitemail to prevent spam", NULL } },
};

/* challenges[].rare_part, in the same order */
static const char *const rare_parts[] = { "xbe", "bluebottle", "choicemail", "blk" };

static gboolean
is_challenge (const BdMimePart *message,
              const char       *text)
{
  g_autofree char *agent = NULL;
  static BdTextNeedles *rare_part_set;   /* made ready once */
  g_autofree char *folded = NULL;
  const char *folded_text = NULL;
  gsize len;

  if (message != NULL && (agent = bd_mime_header (message, "X-Delivery-Agent")) != NULL
      && g_ascii_strncasecmp (g_strstrip (agent), "TMDA", 4) == 0)
    return TRUE;
  len = strlen (text);   /* once, not once a search */
  /* Nearly no message names a service: one pass over @text for all the
   * rare parts answers that (it was one pass each); the loop below only
   * runs, unchanged, when one of them is there. */
  if (g_once_init_enter (&rare_part_set))
    g_once_init_leave (&rare_part_set, bd_text_needles_new (rare_parts, G_N_ELEMENTS (rare_parts), TRUE));
  if (bd_text_needles_find (rare_part_set, text, len, NULL) == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (challenges); i++)
    {
      if (bd_text_find_ci (text, len, challenges[i].rare_part) == NULL
          || bd_text_find_ci (text, len, challenges[i].service) == NULL)
        continue;
      if (folded_text == NULL)
        folded_text = bd_phrase_fold (text, &folded);
      for (guint j = 0; challenges[i].sentences[j] != NULL; j++)
        if (strstr (folded_text, challenges[i].sentences[j]) != NULL)
          return TRUE;
    }
  return FALSE;
}

/**
 * bd_decoder_drop_challenge:
 * @bounce: what the report and the scanners read from @message
 * @message: the message
 * @text: its human-readable text (BdScanInput's body)
 *
 * When @message is a challenge-response notice, drops what its report
 * said (recipients, reporting server), so that it is read as no bounce.
 */
void
bd_decoder_drop_challenge (BdBounce         *bounce,
                           const BdMimePart *message,
                           const char       *text)
{
  if (!is_challenge (message, text))
    return;
  g_ptr_array_set_size (bounce->recipients, 0);
  g_clear_pointer (&bounce->mta, g_free);
  g_clear_pointer (&bounce->reporting_mta, g_free);
  g_clear_pointer (&bounce->arrival_date, g_free);
}
