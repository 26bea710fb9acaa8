/* bd-tab-stop.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BD_TYPE_TAB_STOP (bd_tab_stop_get_type ())

G_DECLARE_FINAL_TYPE (BdTabStop, bd_tab_stop, BD, TAB_STOP, GtkWidget)

void bd_tab_stop_set_entry (BdTabStop *self,
                            GtkWidget *entry);

G_END_DECLS
