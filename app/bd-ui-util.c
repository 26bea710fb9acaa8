/* bd-ui-util.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-ui-util"

#include "config.h"

#include <glib/gi18n.h>

#include "bd-ui-util.h"

/**
 * bd_ui_reason_icon_name:
 *
 * One icon per plain heading, so the side list reads at a glance.
 */
const char *
bd_ui_reason_icon_name (BdReason reason)
{
  switch (bd_reason_get_group (reason))
    {
    case BD_REASON_GROUP_ADDRESS:        return "contact-new-symbolic";
    case BD_REASON_GROUP_MAILBOX:        return "mail-mark-important-symbolic";
    case BD_REASON_GROUP_REFUSED:        return "action-unavailable-symbolic";
    case BD_REASON_GROUP_AUTHENTICATION: return "channel-secure-symbolic";
    case BD_REASON_GROUP_TEMPORARY:      return "network-error-symbolic";
    case BD_REASON_GROUP_NOT_FAILURE:    return "emblem-ok-symbolic";
    case BD_N_REASON_GROUPS:
    default:                             return "dialog-question-symbolic";
    }
}

/**
 * bd_ui_format_date:
 * @iso8601: (nullable): a date as the decoder stores it
 *
 * Returns: (transfer full) (nullable): the date in the user's time zone and
 *   language, or the text as written when it is not ISO 8601.
 */
char *
bd_ui_format_date (const char *iso8601)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso8601 == NULL || *iso8601 == '\0')
    return NULL;

  utc = g_date_time_new_from_iso8601 (iso8601, NULL);
  if (utc == NULL)
    return g_strdup (iso8601);

  local = g_date_time_to_local (utc);
  /* Translators: how dates are shown, in g_date_time_format() syntax;
   * prefer numbers in languages whose month names inflect */
  return g_date_time_format (local, _("%e %b %Y, %H:%M"));
}

/**
 * bd_ui_first_address:
 *
 * Returns: (transfer none) (nullable): the first recipient's address, or
 *   the original message's first To: address.
 */
const char *
bd_ui_first_address (const BdBounce *bounce)
{
  g_return_val_if_fail (bounce != NULL, NULL);

  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      const BdRecipient *recipient = g_ptr_array_index (bounce->recipients, i);

      if (recipient->address != NULL)
        return recipient->address;
    }

  if (bounce->original->to->len > 0)
    return g_ptr_array_index (bounce->original->to, 0);

  return NULL;
}
