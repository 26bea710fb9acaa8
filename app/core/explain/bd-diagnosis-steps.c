/* bd-diagnosis-steps.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The steps of a report with several recipients: one group per distinct
 * set of steps, the most urgent first. A blocklisted server stops all the
 * user's mail, so it comes before one mistyped address, however the report
 * ordered its recipients (UX review M6).
 */
#define G_LOG_DOMAIN "bd-diagnosis"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bd-diagnosis-private.h"

/* Addresses named in a group's title; the rest are counted. */
#define MAX_NAMED 3

typedef struct
{
  const BdDiagnosisRecipient *first;
  GPtrArray                  *addresses;   /* (element-type utf8) borrowed */
  guint                       urgency;
} Group;

/* Lower is more urgent. What the user's IT must fix (a blocked server,
 * failed authentication) affects every message; what the user must fix
 * affects this message; the recipient's side and waiting come last. An
 * unrecognised reason is also “ask your IT”, but says nothing certain,
 * so it does not jump the queue. */
static guint
urgency_of (const BdDiagnosisRecipient *r)
{
  if (r->reason == BD_REASON_UNDEFINED)
    return 3;

  switch (r->guidance->whose_move)
    {
    case BD_WHOSE_MOVE_PROVIDER:  return 0;
    case BD_WHOSE_MOVE_YOU:       return 1;
    case BD_WHOSE_MOVE_RECIPIENT: return 2;
    case BD_WHOSE_MOVE_WAIT:      return 4;
    case BD_WHOSE_MOVE_NONE:
    case BD_N_WHOSE_MOVES:
    default:                      return 5;
    }
}

static void
group_free (Group *group)
{
  g_ptr_array_unref (group->addresses);
  g_free (group);
}

static Group *
find_group (GPtrArray                  *groups,
            const BdDiagnosisRecipient *r)
{
  for (guint i = 0; i < groups->len; i++)
    {
      Group *group = g_ptr_array_index (groups, i);
      const BdGuidance *seen = group->first->guidance;

      if (seen->whose_move == r->guidance->whose_move
          && g_strv_equal ((const char * const *)seen->steps, (const char * const *)r->guidance->steps))
        return group;
    }
  return NULL;
}

static gint
compare_urgency (gconstpointer a,
                 gconstpointer b)
{
  const Group *group_a = *(Group * const *)a;
  const Group *group_b = *(Group * const *)b;

  return (gint)group_a->urgency - (gint)group_b->urgency;
}

static char *
make_title (const Group *group)
{
  GString *names = g_string_new (NULL);
  guint n = group->addresses->len;
  g_autofree char *joined = NULL;

  for (guint i = 0; i < MIN (n, MAX_NAMED); i++)
    g_string_append_printf (names, i ? ", %s" : "%s", (const char *)g_ptr_array_index (group->addresses, i));
  if (n > MAX_NAMED)
    /* Translators: after a list of addresses; %u is how many more there are */
    g_string_append_printf (names, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more", n - MAX_NAMED),
                            n - MAX_NAMED);
  joined = g_string_free (names, FALSE);

  /* Translators: a heading over steps; %1$s is a reason such as “Mailbox
   * full”, %2$s the addresses it concerns */
  return g_strdup_printf (_("%1$s: %2$s"), group->first->label, joined);
}

static BdStepGroup *
step_group_new (const BdGuidance *guidance,
                char             *title)
{
  BdStepGroup *self = g_new0 (BdStepGroup, 1);

  self->title = title;
  self->whose_move = guidance->whose_move;
  self->steps = g_strdupv (guidance->steps);
  return self;
}

static void
step_group_free (BdStepGroup *self)
{
  g_free (self->title);
  g_strfreev (self->steps);
  g_free (self);
}

static GPtrArray *
group_recipients (const BdDiagnosis *self)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify)group_free);

  for (guint i = 0; i < self->recipients->len; i++)
    {
      const BdDiagnosisRecipient *r = g_ptr_array_index (self->recipients, i);
      Group *group = find_group (groups, r);

      if (group == NULL)
        {
          group = g_new0 (Group, 1);
          group->first = r;
          group->addresses = g_ptr_array_new ();
          group->urgency = urgency_of (r);
          g_ptr_array_add (groups, group);
        }
      g_ptr_array_add (group->addresses, (gpointer)r->address);
    }

  /* Stable since GLib 2.32: equal urgency keeps the report's order. */
  g_ptr_array_sort (groups, compare_urgency);
  return groups;
}

/**
 * bd_diagnosis_make_step_groups:
 *
 * Returns: (transfer full) (element-type BdStepGroup): at least one group,
 *   the most urgent first; only several groups have titles.
 */
GPtrArray *
bd_diagnosis_make_step_groups (const BdDiagnosis *self)
{
  GPtrArray *step_groups = g_ptr_array_new_with_free_func ((GDestroyNotify)step_group_free);
  g_autoptr(GPtrArray) groups = group_recipients (self);

  if (groups->len <= 1)
    {
      g_ptr_array_add (step_groups, step_group_new (self->guidance, NULL));
      return step_groups;
    }

  for (guint i = 0; i < groups->len; i++)
    {
      const Group *group = g_ptr_array_index (groups, i);

      g_ptr_array_add (step_groups, step_group_new (group->first->guidance, make_title (group)));
    }
  return step_groups;
}
