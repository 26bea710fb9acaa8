/* bd-recipient-row.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bd-diagnosis.h"

G_BEGIN_DECLS

#define BD_TYPE_RECIPIENT_ROW (bd_recipient_row_get_type ())

G_DECLARE_FINAL_TYPE (BdRecipientRow, bd_recipient_row, BD, RECIPIENT_ROW, AdwExpanderRow)

GtkWidget *bd_recipient_row_new (BdDiagnosis *diagnosis,
                                 guint        index);

G_END_DECLS
