/* bd-sender.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-sender"

#include "config.h"

#include <string.h>

#include "bd-gmime-autocleanups.h"
#include "bd-original.h"
#include "bd-sender.h"

/**
 * bd_sender_first_address:
 * @message: a message
 * @header: an address header's name ("To")
 *
 * Returns: (transfer full) (nullable): the first mailbox address of
 *   @header, looking into groups; NULL when it names none.
 */
char *
bd_sender_first_address (const BdMimePart *message,
                         const char       *header)
{
  g_autoptr(InternetAddressList) list = NULL;
  char *first;
  int n;

  g_return_val_if_fail (message != NULL, NULL);
  g_return_val_if_fail (header != NULL, NULL);

  /* A plain field (no group) is read without building GMime's objects. */
  if (bd_mime_address_header_plain_first (message, header, &first))
    return first;
  list = bd_mime_address_header (message, header);
  n = list != NULL ? internet_address_list_length (list) : 0;
  for (int i = 0; i < n; i++)
    {
      InternetAddress *address = internet_address_list_get_address (list, i);

      if (INTERNET_ADDRESS_IS_GROUP (address))
        {
          InternetAddressList *members = internet_address_group_get_members (INTERNET_ADDRESS_GROUP (address));

          address = members != NULL && internet_address_list_length (members) > 0
                    ? internet_address_list_get_address (members, 0) : NULL;
        }
      if (address != NULL && INTERNET_ADDRESS_IS_MAILBOX (address))
        return g_strdup (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address)));
    }
  return NULL;
}

/**
 * bd_sender_bounce_to:
 * @message: a bounce
 *
 * The bounce's own To, which only the app reads
 * (bd_bounce_get_sender_domain ()): not read while
 * bd_original_set_app_fields () has it off.
 *
 * Returns: (transfer full) (nullable): bd_sender_first_address() of To,
 *   or %NULL when it is not read.
 */
char *
bd_sender_bounce_to (const BdMimePart *message)
{
  g_return_val_if_fail (message != NULL, NULL);

  return bd_original_app_fields () ? bd_sender_first_address (message, "To") : NULL;
}

static const char *
domain_of (const char *address)
{
  const char *at = address != NULL ? strrchr (address, '@') : NULL;

  return at != NULL && at[1] != '\0' ? at + 1 : NULL;
}

/**
 * bd_bounce_get_sender_domain:
 *
 * The domain the returned message was sent from: the From of the copy
 * the report returned; without a copy (WP, Onet and many Exchange
 * servers send none), the bounce's own To:, since a report goes back to
 * the envelope sender (RFC 3464 §2, RFC 5321 §4.5.5), whose address the
 * reporting server also writes as To: (the same in every scanner fixture
 * that has both).
 *
 * Returns: (nullable): the domain, borrowed from @bounce
 */
const char *
bd_bounce_get_sender_domain (const BdBounce *bounce)
{
  const char *domain;

  if (bounce == NULL)
    return NULL;

  domain = domain_of (bounce->original->from);
  return domain != NULL ? domain : domain_of (bounce->to);
}

/**
 * bd_bounce_get_dkim_selector:
 *
 * The selector of the signature @domain made on the returned copy, when
 * the copy kept its DKIM-Signature headers (RFC 6376 §3.5: d= and s=).
 *
 * Returns: (nullable): the selector, borrowed from @bounce
 */
const char *
bd_bounce_get_dkim_selector (const BdBounce *bounce,
                             const char     *domain)
{
  if (bounce == NULL || domain == NULL)
    return NULL;

  for (guint i = 0; i < bounce->original->dkim->len; i++)
    {
      const BdDkimRef *ref = g_ptr_array_index (bounce->original->dkim, i);

      if (ref->domain != NULL && g_ascii_strcasecmp (ref->domain, domain) == 0)
        return ref->selector;
    }
  return NULL;
}

/**
 * bd_bounce_get_bimi_selector:
 *
 * The BIMI selector the returned copy named in its BIMI-Selector header
 * (s=), which receivers look up instead of default._bimi.
 *
 * Returns: (nullable): the selector, borrowed from @bounce
 */
const char *
bd_bounce_get_bimi_selector (const BdBounce *bounce)
{
  return bounce != NULL ? bounce->original->bimi_selector : NULL;
}
