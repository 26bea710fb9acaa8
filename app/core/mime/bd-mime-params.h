/* bd-mime-params.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading parameters (charset, boundary…) out of a Content-Type value.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A string of the @len bytes at @text, NUL added. */
typedef char *(*BdMimeCopyFunc) (const char *text,
                                 gsize       len,
                                 gpointer    user_data);

char *bd_mime_parameter  (const char        *value,
                          const char        *name);
void  bd_mime_parameters (const char        *value,
                          const char *const *names,
                          char             **values);
void  bd_mime_parameters_copy (const char        *value,
                               const char *const *names,
                               char             **values,
                               BdMimeCopyFunc     copy,
                               gpointer           user_data);

G_END_DECLS
