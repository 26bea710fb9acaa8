/* bd-ui-util.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-ui-util"

#include "config.h"

#include <glib/gi18n.h>

#include "bd-diagnosis.h"
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
 *   language, or the text as written when it is not ISO 8601. The core
 *   formats it, so the report and the CLI show dates the same way.
 */
char *
bd_ui_format_date (const char *iso8601)
{
  return bd_diagnosis_format_date (iso8601);
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
