/* bd-dsn.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fields of an RFC 3464 delivery-status body (also the per-recipient
 * blocks of RFC 8098 disposition notifications, which use the same
 * "Name: value" syntax). Tolerant of what real servers write: folded lines,
 * missing blank lines between blocks, CR or CRLF line ends, junk lines.
 */
#pragma once

#include "bd-bounce.h"

G_BEGIN_DECLS

/* Longest enhanced status code we keep ("5.123.456" plus slack). */
#define BD_STATUS_MAX 16

/* The fields of a report that the decoder reads (Received-From-MTA is not
 * kept: nothing read it). Zeroed, it is empty, as bd_dsn_clear () leaves it. */
typedef struct
{
  char      *reporting_mta;      /* nullable */
  char      *arrival_date;       /* ISO 8601 when parseable, else as written; nullable */
  char      *disposition;        /* RFC 8098 Disposition:, nullable */
  GPtrArray *recipients;         /* (element-type BdRecipient) owned, never NULL once read */
  guint      dropped;            /* recipients past the cap, not kept */
} BdDsn;

BdDsn    *bd_dsn_parse             (const char *text,
                                    gsize       len,
                                    guint       max_recipients);
BdDsn    *bd_dsn_parse_into        (char       *text,
                                    gsize       len,
                                    guint       max_recipients,
                                    GPtrArray  *recipients);
void      bd_dsn_read              (BdDsn      *dsn,
                                    char       *text,
                                    gsize       len,
                                    guint       max_recipients,
                                    GPtrArray  *recipients);
void      bd_dsn_clear             (BdDsn      *dsn);
void      bd_dsn_free              (BdDsn      *dsn);

gboolean  bd_dsn_find_status       (const char *text,
                                    char        out[BD_STATUS_MAX]);
guint     bd_dsn_find_reply_code   (const char *text);
char     *bd_dsn_clean_address     (const char *value);
char     *bd_dsn_date_to_iso       (const char *value);
void      bd_dsn_fill_from_diagnostic (BdRecipient *recipient);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdDsn, bd_dsn_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BdDsn, bd_dsn_clear)

G_END_DECLS
