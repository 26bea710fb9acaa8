/* bd-cli-text.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plain-language text output of "explain".
 */
#pragma once

#include "bd-bounce.h"

G_BEGIN_DECLS

void bd_cli_append_text (GString        *out,
                         const BdBounce *bounce);

G_END_DECLS
