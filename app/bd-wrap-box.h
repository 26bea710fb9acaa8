/* bd-wrap-box.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BD_TYPE_WRAP_BOX (bd_wrap_box_get_type ())

G_DECLARE_FINAL_TYPE (BdWrapBox, bd_wrap_box, BD, WRAP_BOX, GtkWidget)

GtkWidget *bd_wrap_box_new (void);

G_END_DECLS
