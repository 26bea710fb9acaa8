/* bd-mail-url.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-loader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-loader.h"
#include "bd-mail-url.h"

static const char *const message_schemes[] = {
  "mailbox", "mailbox-message", "imap", "imap-message", "news", "news-message", "ews", "owl", NULL,
};

static gboolean
has_scheme (const char *url,
            const char *scheme)
{
  gsize len = strlen (scheme);

  return g_ascii_strncasecmp (url, scheme, len) == 0 && url[len] == ':';
}

gboolean
bd_mail_url_is_message (const char *url)
{
  for (guint i = 0; url != NULL && message_schemes[i] != NULL; i++)
    if (has_scheme (url, message_schemes[i]))
      return TRUE;
  return FALSE;
}

static GError *
not_offline (void)
{
  return g_error_new_literal (BD_LOADER_ERROR, BD_LOADER_ERROR_NOT_OFFLINE,
                              _("Your mail program handed over only a link to this message, which is kept "
                                "on the mail server and not on this computer. Save the message as a file "
                                "(in Thunderbird: File → Save As → File) and drop that file here."));
}

gboolean
bd_mail_url_parse (const char  *url,
                   char       **path,
                   goffset     *offset,
                   GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  const char *number;
  char *end;
  guint64 key;

  g_return_val_if_fail (url != NULL, FALSE);

  if (!has_scheme (url, "mailbox"))
    {
      g_propagate_error (error, not_offline ());
      return FALSE;
    }
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED_QUERY, NULL);
  params = uri != NULL && g_uri_get_query (uri) != NULL
           ? g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL) : NULL;
  number = params != NULL ? g_hash_table_lookup (params, "number") : NULL;
  key = number != NULL ? g_ascii_strtoull (number, &end, 10) : 0;
  if (number == NULL || *number == '\0' || *end != '\0' || key > G_MAXINT64
      || g_uri_get_path (uri) == NULL || *g_uri_get_path (uri) != '/')
    {
      g_set_error (error, BD_LOADER_ERROR, BD_LOADER_ERROR_NOT_EMAIL,
                   /* Translators: %s is a link a mail program handed over */
                   _("Your mail program handed over “%s”, which does not say where the message is. "
                     "Save the message as a file (in Thunderbird: File → Save As → File) and drop "
                     "that file here."), url);
      return FALSE;
    }
  *path = g_strdup (g_uri_get_path (uri));
  *offset = (goffset)key;
  return TRUE;
}
