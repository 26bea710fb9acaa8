/* main.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gmime/gmime.h>

#include "bd-application.h"
#include "bd-i18n.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(BdApplication) app = NULL;
  int status;

  bd_i18n_init ();

  g_mime_init ();
  app = bd_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  g_mime_shutdown ();

  return status;
}
