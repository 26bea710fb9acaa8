/* bd-original-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared between bd-original.c and bd-original-received.c.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean bd_original_received_may_name_ip (const char *raw,
                                           gsize       len);
gboolean bd_original_parse_received_len (const char  *received,
                                         gsize        len,
                                         char       **ip,
                                         char       **host);

G_END_DECLS
