/* bd-mime-params.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading parameters (charset, boundary…) out of a Content-Type value.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *bd_mime_parameter  (const char        *value,
                          const char        *name);
void  bd_mime_parameters (const char        *value,
                          const char *const *names,
                          char             **values);

G_END_DECLS
