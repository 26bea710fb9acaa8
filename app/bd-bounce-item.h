/* bd-bounce-item.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "bd-bounce.h"

G_BEGIN_DECLS

#define BD_TYPE_BOUNCE_ITEM (bd_bounce_item_get_type ())

G_DECLARE_FINAL_TYPE (BdBounceItem, bd_bounce_item, BD, BOUNCE_ITEM, GObject)

BdBounceItem *bd_bounce_item_new        (BdBounce     *bounce);
BdBounce     *bd_bounce_item_get_bounce (BdBounceItem *self);
gboolean      bd_bounce_item_matches    (BdBounceItem *self,
                                         const char   *needle);

G_END_DECLS
