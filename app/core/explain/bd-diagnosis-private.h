/* bd-diagnosis-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared between the bd-diagnosis*.c files only.
 */
#pragma once

#include "bd-diagnosis.h"

G_BEGIN_DECLS

GPtrArray *bd_diagnosis_make_step_groups (const BdDiagnosis *self);
/* exposed for its test */
void       bd_diagnosis_fill_more        (GString           *out,
                                          const char        *format,
                                          const BdBounce    *bounce,
                                          guint              n_more);

G_END_DECLS
