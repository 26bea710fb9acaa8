/* bd-cli-text.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plain-language text output of "explain".
 */
#pragma once

#include "bd-bounce.h"
#include "bd-mailbox-summary.h"

G_BEGIN_DECLS

void bd_cli_append_text (GString        *out,
                         const BdBounce *bounce);

void bd_cli_append_mailbox_summary (GString                *out,
                                    const char             *path,
                                    guint                   messages,
                                    const BdMailboxSummary *summary);

G_END_DECLS
