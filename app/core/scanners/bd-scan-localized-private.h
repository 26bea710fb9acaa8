/* bd-scan-localized-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The line helpers of the localized reader (bd-scan-localized-lines.c),
 * and its bounce markers, for the test that holds its search for them to
 * a plain strstr () of each.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @line without @address and the punctuation around it, collapsed. */
char     *bd_localized_line_without       (const char *line,
                                           const char *address);
/* Whether @line names a recipient (not a quoted header, not one of @skip,
 * not the mailer); the address in @address_out. */
gboolean  bd_localized_line_has_recipient (const char *line,
                                           GPtrArray  *skip,
                                           char      **address_out);
/* A line of dashes or equals signs under a label. */
gboolean  bd_localized_is_rule            (const char *line);
/* A 4xx/5xx reply with an enhanced status code on its own line. */
gboolean  bd_localized_is_server_reply    (const char *line);
/* A field's name alone: one word ending in ':'. */
gboolean  bd_localized_is_label           (const char *text);
/* "This message was not delivered", lower case, NULL-terminated. */
const char *const *bd_localized_bounce_markers (void);

G_END_DECLS
