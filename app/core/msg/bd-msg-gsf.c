/* bd-msg-gsf.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-msg"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmodule.h>

#include "bd-msg.h"
#include "bd-msg-gsf.h"

/* Debian 12's libgsf-1-114; the soname changes only with its ABI. */
#define GSF_SONAME "libgsf-1.so.114"

static BdGsf gsf;
static gboolean loaded;
static GPrivate complaints;

/* libgsf checks a damaged file with g_return_val_if_fail(), which logs a
 * critical and goes on safely. Those are not our bugs: counted, so the
 * file is reported as damaged, and kept off the terminal. */
static void
complaint_cb (const char     *domain,
              GLogLevelFlags  level,
              const char     *message,
              gpointer        user_data)
{
  /* Nothing is logged from here: GLib would take it as a recursion. */
  g_private_set (&complaints, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_private_get (&complaints)) + 1));
}

guint
bd_msg_gsf_complaints (void)
{
  return GPOINTER_TO_UINT (g_private_get (&complaints));
}

static gboolean
look_up (GModule    *module,
         const char *name,
         gpointer   *symbol)
{
  return g_module_symbol (module, name, symbol) && *symbol != NULL;
}

static gpointer
load_once (gpointer data)
{
  GModule *module = g_module_open (GSF_SONAME, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

  if (module == NULL)
    return NULL;
  if (!look_up (module, "gsf_input_memory_new", (gpointer *)&gsf.input_memory_new)
      || !look_up (module, "gsf_infile_msole_new", (gpointer *)&gsf.infile_msole_new)
      || !look_up (module, "gsf_infile_num_children", (gpointer *)&gsf.num_children)
      || !look_up (module, "gsf_infile_name_by_index", (gpointer *)&gsf.name_by_index)
      || !look_up (module, "gsf_input_size", (gpointer *)&gsf.size)
      || !look_up (module, "gsf_input_read", (gpointer *)&gsf.read))
    {
      g_module_close (module);
      return NULL;
    }
  g_log_set_handler ("libgsf:msole", G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL, complaint_cb, NULL);
  g_log_set_handler ("libgsf", G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL, complaint_cb, NULL);
  /* Kept open for the life of the process. */
  g_module_make_resident (module);
  loaded = TRUE;
  return NULL;
}

const BdGsf *
bd_msg_gsf (GError **error)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, load_once, NULL);
  if (loaded)
    return &gsf;
  g_set_error (error, BD_MSG_ERROR, BD_MSG_ERROR_NO_LIBRARY,
               /* Translators: %s is a library's file name */
               _("the library that reads Outlook files (%s, Debian package libgsf-1-114) is not installed"),
               GSF_SONAME);
  return NULL;
}
