/* bd-domain-check.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The domain check: MX, SPF, DMARC, DKIM and blocklists, run in parallel
 * worker threads over one DoH client (or any BdDnsLookup), with progress,
 * cancellation and findings that carry stable ids and fixes.
 */
#pragma once

#include "bd-dkim-record.h"
#include "bd-dmarc.h"
#include "bd-dnsbl.h"
#include "bd-dnssec-check.h"
#include "bd-doh-client.h"
#include "bd-finding.h"
#include "bd-mta-sts.h"
#include "bd-mx-check.h"
#include "bd-rdns-check.h"
#include "bd-spf-check.h"
#include "bd-starttls-probe.h"
#include "bd-tlsrpt-bimi.h"

G_BEGIN_DECLS

typedef struct
{
  char  *domain;
  char  *ip;          /* nullable: the sending IP to evaluate */
  GStrv  selectors;   /* nullable: DKIM selectors; NULL tries the common ones */
  GStrv  dnsbls;      /* nullable: NULL uses bd_dnsbl_default_lists */
  gboolean starttls;  /* probe each MX host's STARTTLS (off by default:
                       * port 25 is blocked on many networks) */
  guint16  smtp_port; /* 0: 25 */
  guint    smtp_timeout; /* seconds; 0: 10 */
  char    *tls_ca_file;  /* nullable: trust only this CA in the probe and
                          * the MTA-STS fetch (tests, company CAs) */
  guint16  https_port;   /* 0: 443, for the MTA-STS policy (tests) */
  char    *bimi_selector; /* nullable: s= of the message's BIMI-Selector;
                           * NULL checks default._bimi */
} BdDomainCheckOptions;

typedef struct
{
  char          *domain;
  char          *resolver;
  char          *ip;
  BdMxReport    *mx;
  BdSpfCheck    *spf;
  BdDmarcReport *dmarc;
  GPtrArray     *dkim;      /* BdDkimReport */
  GPtrArray     *dnsbl;     /* BdDnsblResult */
  GPtrArray     *dnsbl_findings;
  BdDnssecReport *dnssec;
  GPtrArray     *starttls;  /* BdStarttlsResult; NULL when not probed */
  GPtrArray     *starttls_findings;
  BdRdnsReport  *rdns;      /* NULL without an IP */
  BdMtaStsReport *mta_sts;
  BdTxtAreaReport *tlsrpt;
  BdTxtAreaReport *bimi;
  GPtrArray     *findings;  /* every area's findings, in area order */
} BdDomainReport;

/* Called on the caller's main context after each area; @area is "mx",
 * "spf", "dmarc", "dkim", "dnsbl" or "dnssec". */
typedef void (*BdDomainCheckProgress) (const char *area,
                                       double      fraction,
                                       gpointer    user_data);

void            bd_domain_check_async  (BdDohClient                *client,
                                        const BdDomainCheckOptions *options,
                                        GCancellable               *cancellable,
                                        BdDomainCheckProgress       progress,
                                        gpointer                    progress_data,
                                        GAsyncReadyCallback         callback,
                                        gpointer                    user_data);
BdDomainReport *bd_domain_check_finish (BdDohClient                *client,
                                        GAsyncResult               *result,
                                        GError                    **error);

void            bd_domain_report_free  (BdDomainReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdDomainReport, bd_domain_report_free)

G_END_DECLS
