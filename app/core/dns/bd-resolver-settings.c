/* bd-resolver-settings.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-domain-check"

#include "config.h"

#include <gio/gio.h>

#include "bd-doh-client.h"
#include "bd-resolver-settings.h"

const char *
bd_resolver_url_for_choice (const char *choice)
{
  if (g_strcmp0 (choice, "google") == 0)
    return BD_DOH_GOOGLE_URL;
  if (g_strcmp0 (choice, "quad9") == 0)
    return BD_DOH_QUAD9_URL;
  return BD_DOH_CLOUDFLARE_URL;
}

static GStrv
nonempty_strv (GStrv strv)
{
  if (strv != NULL && strv[0] == NULL)
    g_clear_pointer (&strv, g_strfreev);
  return strv;
}

BdResolverSettings *
bd_resolver_settings_load (void)
{
  BdResolverSettings *result = g_new0 (BdResolverSettings, 1);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *choice = NULL;
  g_autofree char *url = NULL;
  g_autofree char *ca = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "resolver"))
    {
      /* not installed (a bare CLI): Cloudflare's RFC 8484 endpoint */
      result->resolver_url = g_strdup (BD_DOH_CLOUDFLARE_URL);
      return result;
    }
  settings = g_settings_new_full (schema, NULL, NULL);
  choice = g_settings_get_string (settings, "resolver");
  url = g_settings_get_string (settings, "resolver-url");
  ca = g_settings_get_string (settings, "resolver-ca-file");
  if (g_strcmp0 (choice, "custom") == 0 && url[0] != '\0')
    result->resolver_url = g_steal_pointer (&url);
  else
    result->resolver_url = g_strdup (bd_resolver_url_for_choice (choice));
  if (ca[0] != '\0')
    result->ca_file = g_steal_pointer (&ca);
  result->selectors = nonempty_strv (g_settings_get_strv (settings, "dkim-selectors"));
  result->dnsbls = nonempty_strv (g_settings_get_strv (settings, "dnsbl-lists"));
  return result;
}

void
bd_resolver_settings_free (BdResolverSettings *settings)
{
  if (settings == NULL)
    return;
  g_free (settings->resolver_url);
  g_free (settings->ca_file);
  g_strfreev (settings->selectors);
  g_strfreev (settings->dnsbls);
  g_free (settings);
}
