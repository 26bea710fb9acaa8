/* bd-diagnosis-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared between the bd-diagnosis*.c files only.
 */
#pragma once

#include "bd-diagnosis.h"

G_BEGIN_DECLS

GPtrArray *bd_diagnosis_make_step_groups (const BdDiagnosis *self);

G_END_DECLS
