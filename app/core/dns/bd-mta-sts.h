/* bd-mta-sts.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MTA-STS (RFC 8461): the _mta-sts TXT record, and the policy fetched over
 * HTTPS from mta-sts.DOMAIN (libsoup: no redirects, text/plain, a size cap
 * and a timeout, RFC 8461 §3.3), its mode, its mx patterns against the
 * real MX hosts, and its max_age.
 */
#pragma once

#include <gio/gio.h>

#include "bd-dns-answer.h"
#include "bd-finding.h"

G_BEGIN_DECLS

typedef struct
{
  char       *record;      /* the _mta-sts TXT record; NULL when none */
  char       *policy_url;
  char       *policy;      /* the policy text; NULL when not fetched */
  char       *mode;        /* "enforce", "testing", "none"; NULL */
  GPtrArray  *mx;          /* (element-type utf8) its mx patterns */
  gint64      max_age;     /* -1 when unknown */
  GPtrArray  *findings;
} BdMtaStsReport;

typedef struct
{
  guint16       https_port;    /* 0: 443 */
  guint         timeout;       /* seconds; 0: 10 */
  GTlsDatabase *database;      /* nullable: the system's */
} BdMtaStsOptions;

BdMtaStsReport *bd_mta_sts_check          (const BdDnsLookup     *lookup,
                                           const char            *domain,
                                           GPtrArray             *mx_hosts,
                                           const BdMtaStsOptions *options,
                                           GCancellable          *cancellable);
gboolean        bd_mta_sts_mx_matches     (const char *pattern,
                                           const char *host);
void            bd_mta_sts_report_free    (BdMtaStsReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdMtaStsReport, bd_mta_sts_report_free)

G_END_DECLS
