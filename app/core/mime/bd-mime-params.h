/* bd-mime-params.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading one parameter (charset, boundary…) out of a Content-Type value.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *bd_mime_parameter (const char *value,
                         const char *name);

G_END_DECLS
