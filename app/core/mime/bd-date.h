/* bd-date.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *bd_date_to_iso_utc     (const char *value);
char     *bd_date_to_iso_utc_len (const char *value,
                                  gsize       len);
gboolean  bd_date_is_canonical   (const char *value);

G_END_DECLS
