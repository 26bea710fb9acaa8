/* bd-mailbox-filter.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cheap test that lets a mailbox scan skip ordinary mail without
 * parsing it: a look at the header block (and, for multipart/mixed mail,
 * a memmem over the start of the body). Generous on purpose — a false
 * "maybe" only costs one full decode, which then says "not a bounce";
 * a false "no" loses a bounce.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  BD_FILTER_PEEK = 0,    /* nothing in the headers; plain text: look at the body's start */
  BD_FILTER_SKIP,        /* nothing in the headers, and not plain text: not a report */
  BD_FILTER_LOOK_INSIDE, /* a mixed message: a report may be attached */
  BD_FILTER_DECODE,      /* may be a report: decode it */
} BdFilterVerdict;

/* How much of a body is searched for an attached report. */
#define BD_FILTER_BODY_LOOK (1024 * 1024)
/* How much of a body is searched for a server's own words. */
#define BD_FILTER_BODY_PEEK 2048

const char     *bd_mailbox_memmem            (const char *hay,
                                              gsize       len,
                                              const char *needle,
                                              gsize       n);
gsize           bd_mailbox_filter_header_end (const char *data,
                                              gsize       len,
                                              gboolean   *complete);
BdFilterVerdict bd_mailbox_filter_headers    (const char *data,
                                              gsize       len);
gboolean        bd_mailbox_filter_message    (const char *data,
                                              gsize       len);
gboolean        bd_mailbox_filter_is_expunged (const char *data,
                                               gsize       len);
gboolean        bd_mailbox_filter_can_skip_start (const char *data,
                                                  gsize       len);
gboolean        bd_mailbox_filter_starts_with_field (const char *data,
                                                     gsize       len);

G_END_DECLS
