/* bd-i18n.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-i18n"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "bd-i18n.h"

/**
 * bd_i18n_init:
 *
 * Sets the locale from the environment and binds our text domain. The
 * translations come from LOCALEDIR, or from $BD_LOCALEDIR when it is set:
 * `meson devenv` and the tests point it at the build tree so that the
 * uninstalled programs speak Polish too.
 */
void
bd_i18n_init (void)
{
  const char *localedir = g_getenv ("BD_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
