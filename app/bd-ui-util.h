/* bd-ui-util.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small presentation helpers shared by the views.
 */
#pragma once

#include <adwaita.h>

#include "bd-bounce.h"

G_BEGIN_DECLS

const char *bd_ui_reason_icon_name (BdReason     reason);
char       *bd_ui_format_date      (const char  *iso8601);
const char *bd_ui_first_address    (const BdBounce *bounce);
void        bd_ui_show_leaflet_page (AdwLeaflet *leaflet,
                                     GtkWidget  *page);
char       *bd_ui_search_fold      (const char *text);
char       *bd_ui_break_addresses  (const char *text);
void        bd_ui_label_copy_without_breaks (GtkLabel *label);

G_END_DECLS
