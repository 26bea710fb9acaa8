/* bd-mime-charset-table.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *bd_mime_charset_table_convert (const char *charset,
                                     const char *text,
                                     gsize       len,
                                     gsize      *out_len);

G_END_DECLS
