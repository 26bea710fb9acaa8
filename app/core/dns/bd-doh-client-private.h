/* bd-doh-client-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by bd-doh-client.c and bd-doh-client-sync.c only.
 */
#pragma once

#include "bd-doh-client.h"

G_BEGIN_DECLS

GMainContext *bd_doh_client_get_context (BdDohClient *self);

G_END_DECLS
