/* bd-io-error.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The system's reason of a GIO error, for a message that names the file
 * itself (bd-io-error.c).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *bd_io_error_reason (const GError *error);

G_END_DECLS
