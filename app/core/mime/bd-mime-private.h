/* bd-mime-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by bd-mime.c and bd-mime-headers.c only.
 */
#pragma once

#include "bd-mime.h"

G_BEGIN_DECLS

/* bd-mime-headers.c: the last @name field's raw value. GMime lets the
 * last Content-Type and Content-Transfer-Encoding count. */
const char *bd_mime_last_header_raw (const BdMimePart *part,
                                     const char       *name,
                                     gsize            *len);

G_END_DECLS
