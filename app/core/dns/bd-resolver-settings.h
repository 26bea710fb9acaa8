/* bd-resolver-settings.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The domain-check settings (resolver, extra CA, DKIM selectors, blocklists)
 * from GSettings when the schema is installed, else the defaults.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char  *resolver_url;
  char  *ca_file;      /* NULL: system CAs only */
  GStrv  selectors;    /* NULL: the common ones */
  GStrv  dnsbls;       /* NULL: the default lists */
} BdResolverSettings;

const char         *bd_resolver_url_for_choice   (const char *choice);
BdResolverSettings *bd_resolver_settings_load    (void);
void                bd_resolver_settings_free    (BdResolverSettings *settings);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdResolverSettings, bd_resolver_settings_free)

G_END_DECLS
