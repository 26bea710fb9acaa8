/* bd-dnssec-check.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DNSSEC as a sender needs to know it: is the domain signed (DNSKEY), does
 * its parent vouch for it (DS), and does the chosen validating resolver
 * accept the signatures (the AD bit, RFC 4035 §3.2.3). A zone whose
 * signatures fail answers SERVFAIL at validating resolvers for every name:
 * the "domain not found" bounces that are nobody's typo.
 */
#pragma once

#include "bd-dns-answer.h"
#include "bd-finding.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean   has_dnskey;   /* the zone publishes keys */
  gboolean   has_ds;       /* its parent publishes a DS record */
  gboolean   validated;    /* the resolver set AD on the answers */
  gboolean   bogus;        /* DS at the parent, but the resolver can't validate */
  GPtrArray *ds;           /* (element-type utf8) the DS records */
  GPtrArray *findings;
} BdDnssecReport;

BdDnssecReport *bd_dnssec_check       (const BdDnsLookup *lookup,
                                       const char        *domain,
                                       GCancellable      *cancellable);
void            bd_dnssec_report_free (BdDnssecReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdDnssecReport, bd_dnssec_report_free)

G_END_DECLS
