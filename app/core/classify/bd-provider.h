/* bd-provider.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one registry of mail providers (bd-provider.c): who they are, the
 * mail domains of their users, the host names of their servers and the
 * names our scanners report for their notices. The classifier's provider
 * rules, the provider scanners and the guidance notes all read it, so a
 * provider is recognised the same way everywhere. Sisimai keeps the same
 * kind of table ($RhostClass in lib/Sisimai/Rhost.pm).
 */
#pragma once

#include "bd-bounce.h"

G_BEGIN_DECLS

typedef enum
{
  BD_PROVIDER_NONE = 0,
  /* webmail and hosting whose users we advise */
  BD_PROVIDER_MICROSOFT,
  BD_PROVIDER_GOOGLE,
  BD_PROVIDER_YAHOO,
  BD_PROVIDER_ONET,
  BD_PROVIDER_WP,
  BD_PROVIDER_O2,
  BD_PROVIDER_INTERIA,
  BD_PROVIDER_HOMEPL,
  BD_PROVIDER_NAZWAPL,
  BD_PROVIDER_OVH,
  BD_PROVIDER_FORPSI,
  BD_PROVIDER_SEZNAM,
  BD_PROVIDER_TONLINE,
  BD_PROVIDER_GMX,
  BD_PROVIDER_WEBDE,
  /* receivers whose codes have documented meanings */
  BD_PROVIDER_MIMECAST,
  BD_PROVIDER_FACEBOOK,
  BD_PROVIDER_GODADDY,
  BD_PROVIDER_MESSAGELABS,
  BD_PROVIDER_COX,
  BD_PROVIDER_QQ,
  BD_PROVIDER_ZOHO,
  BD_PROVIDER_ICLOUD,
  BD_PROVIDER_AMAZON,
  BD_PROVIDER_CLOUDFLARE,
  BD_PROVIDER_KDDI,
  BD_PROVIDER_DOCOMO,
  BD_PROVIDER_SPECTRUM,
  BD_N_PROVIDERS
} BdProviderId;

typedef struct
{
  BdProviderId       id;
  const char        *name;           /* shown to the user: a brand, not translated */
  const char *const *mail_domains;   /* its users' addresses end so (NULL-terminated) */
  const char *const *host_suffixes;  /* its servers' names end so; they name themselves so too */
  const char *const *mta_names;      /* BdBounce.mta of the scanners that read its notices */
} BdProvider;

const BdProvider *bd_provider_get             (BdProviderId  id);
const BdProvider *bd_provider_for_host        (const char   *host);
const BdProvider *bd_provider_for_address     (const char   *address);
const BdProvider *bd_provider_for_mta         (const char   *mta);
gboolean          bd_provider_has_host        (const BdProvider *provider,
                                               const char   *host);
gboolean          bd_provider_has_address     (const BdProvider *provider,
                                               const char   *address);
gboolean          bd_provider_named_in        (const BdProvider *provider,
                                               const char   *lowered);
gboolean          bd_host_has_suffix          (const char   *host,
                                               const char   *suffix);
guint32           bd_provider_mask_for_host   (const char   *host);
guint32           bd_provider_mask_for_address (const char  *address);
guint32           bd_provider_mask_named_in   (const char   *lowered);

const BdProvider *bd_provider_receiving       (const BdBounce    *bounce,
                                               const BdRecipient *recipient);
const BdProvider *bd_provider_sending         (const BdBounce    *bounce);

G_END_DECLS
