/* bd-classify-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the bd-classify*.c files only.
 */
#pragma once

#include "bd-classify.h"

G_BEGIN_DECLS

BdReason bd_classify_provider_rules (const BdRecipient *r,
                                     const char        *reporter,
                                     const char        *lowered,
                                     char             **evidence);

G_END_DECLS
