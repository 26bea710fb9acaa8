/* bd-bounce-row.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bd-bounce.h"

G_BEGIN_DECLS

#define BD_TYPE_BOUNCE_ROW (bd_bounce_row_get_type ())

G_DECLARE_FINAL_TYPE (BdBounceRow, bd_bounce_row, BD, BOUNCE_ROW, AdwActionRow)

GtkWidget *bd_bounce_row_new         (BdBounce    *bounce);
BdBounce  *bd_bounce_row_get_bounce  (BdBounceRow *self);

G_END_DECLS
