/* bd-guidance.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Turns a decoded bounce into the explanation the user reads: picks the
 * text for the kind and reason (bd-guidance-texts.c), adds what the
 * provider means by its code (bd-guidance-provider.c), and recognises
 * bounces of mail the user never sent (backscatter).
 */
#define _GNU_SOURCE   /* strchrnul */
#define G_LOG_DOMAIN "bd-guidance"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-explain-buffer.h"
#include "bd-guidance-private.h"

typedef struct
{
  const char *name;
  const char *label;
} MoveInfo;

static const MoveInfo moves[BD_N_WHOSE_MOVES] = {
  [BD_WHOSE_MOVE_YOU]       = { "you",       NC_("whose move", "You") },
  [BD_WHOSE_MOVE_RECIPIENT] = { "recipient", NC_("whose move", "The recipient") },
  [BD_WHOSE_MOVE_PROVIDER]  = { "provider",  NC_("whose move", "Your IT or email provider") },
  [BD_WHOSE_MOVE_WAIT]      = { "wait",      NC_("whose move", "Nobody — just wait") },
  [BD_WHOSE_MOVE_NONE]      = { "none",      NC_("whose move", "Nobody — nothing to do") },
};

/**
 * bd_whose_move_to_string:
 *
 * Returns: (transfer none): a stable machine name ("you", "recipient",
 * "provider", "wait", "none").
 */
const char *
bd_whose_move_to_string (BdWhoseMove move)
{
  g_return_val_if_fail (move < BD_N_WHOSE_MOVES, "none");

  return moves[move].name;
}

/**
 * bd_whose_move_get_label:
 *
 * Returns: (transfer none): who has to act, translated ("Your IT or email
 * provider").
 */
const char *
bd_whose_move_get_label (BdWhoseMove move)
{
  g_return_val_if_fail (move < BD_N_WHOSE_MOVES, "");

  return g_dpgettext2 (GETTEXT_PACKAGE, "whose move", moves[move].label);
}

static void
append_str (GString    *out,
            const char *s)
{
  bd_buffer_append (out, s, strlen (s));
}

/* Appends the translated @format with @address for its "%s". A format
 * with no other '%' is filled by hand: every exported message's summary
 * asks, and printf costs more than the rest of the headline. */
static void
append_filled (GString    *out,
               const char *format,
               const char *address)
{
  const char *at = strchr (format, '%');
  const char *end;

  /* the end of what follows the "%s", unless another '%' comes first */
  if (at == NULL || at[1] != 's' || *(end = strchrnul (at + 2, '%')) != '\0')
    {
      g_string_append_printf (out, format, address);
      return;
    }
  bd_buffer_append (out, format, at - format);
  append_str (out, address);
  bd_buffer_append (out, at + 2, end - (at + 2));
}

/**
 * bd_guidance_text_names_address:
 *
 * Whether @text's headline (untranslated) has the "%s" of the address.
 * Its only '%' is that one (test-guidance checks every text), so the
 * first '%' answers, found faster than strstr () finds "%s".
 */
gboolean
bd_guidance_text_names_address (const BdGuidanceText *text)
{
  return strchr (text->headline, '%') != NULL;
}

/* Appends @text's headline, translated, naming @address where it can.
 * Appended rather than returned: the JSON writer puts it straight into
 * its line, without a string of its own to allocate, measure and copy. */
static void
append_headline (GString              *out,
                 const BdGuidanceText *text,
                 const char           *address)
{
  if (!bd_guidance_text_names_address (text))
    append_str (out, _(text->headline));
  else if (address != NULL)
    append_filled (out, _(text->headline), address);
  else if (text->headline_unnamed != NULL)
    append_str (out, _(text->headline_unnamed));
  else
    /* A failure report that names no address (ARF and some prose do). */
    append_str (out, _("Your message did not reach one of its recipients"));
}

static char *
headline_new (const BdGuidanceText *text,
              const char           *address)
{
  GString *out = g_string_new (NULL);

  append_headline (out, text, address);
  return g_string_free (out, FALSE);
}

static BdGuidance *
guidance_new (const BdGuidanceText *text,
              const char           *address)
{
  BdGuidance *self = g_new0 (BdGuidance, 1);
  g_autoptr(GStrvBuilder) steps = g_strv_builder_new ();

  self->headline = headline_new (text, address);
  self->what_happened = g_strdup (_(text->what));
  self->whose_move = text->move;
  self->whose_move_label = g_strdup (bd_whose_move_get_label (text->move));
  for (guint i = 0; text->steps[i] != NULL; i++)
    g_strv_builder_add (steps, _(text->steps[i]));
  self->steps = g_strv_builder_end (steps);
  return self;
}

static const BdGuidanceText *
text_for (BdKind   kind,
          BdReason reason)
{
  const BdGuidanceText *text = bd_guidance_text_for_kind (kind);

  return text != NULL ? text : bd_guidance_text_for_reason (reason);
}

/**
 * bd_guidance_for_reason:
 * @kind: the kind of message
 * @reason: the recipient's reason; only used for %BD_KIND_BOUNCE
 * @address: (nullable): the recipient's address, for the headline
 *
 * The explanation of a reason without a particular bounce: what the UI
 * shows under a reason heading, and what the tests walk.
 *
 * Returns: (transfer full): the guidance, translated.
 */
BdGuidance *
bd_guidance_for_reason (BdKind      kind,
                        BdReason    reason,
                        const char *address)
{
  g_return_val_if_fail (reason < BD_N_REASONS, NULL);

  return guidance_new (text_for (kind, reason), address);
}

/**
 * bd_guidance_for_backscatter:
 * @address: (nullable): the address the forged message was sent to
 *
 * Returns: (transfer full): the explanation of a bounce of a message the
 * user never sent.
 */
BdGuidance *
bd_guidance_for_backscatter (const char *address)
{
  BdGuidance *self = guidance_new (bd_guidance_text_backscatter (), address);

  self->backscatter = TRUE;
  return self;
}

/**
 * bd_guidance_recipient_kind:
 * @recipient: (nullable): one of @bounce's recipients
 *
 * One report can mix outcomes: a failure for one recipient, a delay or a
 * delivery for another (RFC 3464's per-recipient Action).
 *
 * Returns: what happened to @recipient, as a kind of message.
 */
BdKind
bd_guidance_recipient_kind (const BdBounce    *bounce,
                            const BdRecipient *recipient)
{
  g_return_val_if_fail (bounce != NULL, BD_KIND_NOT_BOUNCE);

  if (bounce->kind != BD_KIND_BOUNCE || recipient == NULL || recipient->action == NULL)
    return bounce->kind;
  /* "failed", nearly every time: none of the four below, by its first
   * letter, without comparing it with each */
  if (strchr ("dDrReE", recipient->action[0]) == NULL)
    return bounce->kind;
  if (g_ascii_strcasecmp (recipient->action, "delayed") == 0)
    return BD_KIND_DELAYED;
  if (g_ascii_strcasecmp (recipient->action, "delivered") == 0
      || g_ascii_strcasecmp (recipient->action, "relayed") == 0
      || g_ascii_strcasecmp (recipient->action, "expanded") == 0)
    return BD_KIND_DELIVERED;
  return bounce->kind;
}

/* The text that explains @recipient's outcome, and whether it is the
 * backscatter one. */
static const BdGuidanceText *
text_for_recipient (const BdBounce    *bounce,
                    const BdRecipient *recipient,
                    gboolean          *backscatter)
{
  *backscatter = bd_guidance_detect_backscatter (bounce, NULL, NULL);
  if (*backscatter)
    return bd_guidance_text_backscatter ();

  return text_for (bd_guidance_recipient_kind (bounce, recipient),
                   recipient != NULL ? bd_classify_shown_reason (recipient) : BD_REASON_UNDEFINED);
}

/**
 * bd_guidance_for_recipient:
 * @bounce: the decoded message
 * @recipient: (nullable): one of its recipients; %NULL for a message
 *   without any (not a bounce)
 *
 * Returns: (transfer full): what to tell the user about @recipient.
 */
BdGuidance *
bd_guidance_for_recipient (const BdBounce    *bounce,
                           const BdRecipient *recipient)
{
  const BdGuidanceText *text;
  gboolean backscatter;
  BdGuidance *self;

  g_return_val_if_fail (bounce != NULL, NULL);

  text = text_for_recipient (bounce, recipient, &backscatter);
  self = guidance_new (text, recipient != NULL ? recipient->address : NULL);
  self->backscatter = backscatter;
  if (!backscatter && recipient != NULL && bounce->kind != BD_KIND_NOT_BOUNCE)
    self->provider_note = bd_guidance_provider_note (bounce, recipient);
  return self;
}

/**
 * bd_guidance_append_headline:
 * @out: where to append it
 * @recipient: (nullable): one of @bounce's recipients
 *
 * The headline alone, without the provider note (the costly part): the
 * JSON summary of every exported message asks for it, and takes it
 * appended to the line it writes.
 */
void
bd_guidance_append_headline (GString           *out,
                             const BdBounce    *bounce,
                             const BdRecipient *recipient)
{
  gboolean backscatter;

  g_return_if_fail (out != NULL);
  g_return_if_fail (bounce != NULL);

  /* Only the headline: the rest of a BdGuidance (what happened, the
   * steps, each translated and copied) would be freed unread. */
  append_headline (out, text_for_recipient (bounce, recipient, &backscatter),
                   recipient != NULL ? recipient->address : NULL);
}

/**
 * bd_guidance_headline:
 * @recipient: (nullable): one of @bounce's recipients
 *
 * bd_guidance_append_headline () as a string of its own.
 *
 * Returns: (transfer full): the headline, translated.
 */
char *
bd_guidance_headline (const BdBounce    *bounce,
                      const BdRecipient *recipient)
{
  GString *out;

  g_return_val_if_fail (bounce != NULL, NULL);

  out = g_string_new (NULL);
  bd_guidance_append_headline (out, bounce, recipient);
  return g_string_free (out, FALSE);
}

/**
 * bd_guidance_copy:
 *
 * Returns: (transfer full): a copy of @guidance; the same explanation,
 *   without asking the provider rules again.
 */
BdGuidance *
bd_guidance_copy (const BdGuidance *guidance)
{
  BdGuidance *copy;

  g_return_val_if_fail (guidance != NULL, NULL);

  copy = g_new0 (BdGuidance, 1);
  copy->headline = g_strdup (guidance->headline);
  copy->what_happened = g_strdup (guidance->what_happened);
  copy->whose_move = guidance->whose_move;
  copy->whose_move_label = g_strdup (guidance->whose_move_label);
  copy->steps = g_strdupv (guidance->steps);
  copy->provider_note = g_strdup (guidance->provider_note);
  copy->backscatter = guidance->backscatter;
  return copy;
}

void
bd_guidance_free (BdGuidance *guidance)
{
  if (guidance == NULL)
    return;

  g_free (guidance->headline);
  g_free (guidance->what_happened);
  g_free (guidance->whose_move_label);
  g_strfreev (guidance->steps);
  g_free (guidance->provider_note);
  g_free (guidance);
}
