/* bd-mx-check.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MX: missing, null MX (RFC 7505), and each host in depth: it resolves
 * (A/AAAA), is a name (not an IP literal), not an alias (CNAME), and not
 * a private address.
 */
#pragma once

#include "bd-dns-answer.h"
#include "bd-finding.h"

G_BEGIN_DECLS

typedef struct
{
  GPtrArray *records;    /* "10 mx.firma.pl." */
  GPtrArray *hosts;      /* (element-type utf8) the hosts, by preference */
  GPtrArray *addresses;  /* (element-type utf8) each host's first address, "" when none */
  GPtrArray *findings;   /* BdFinding */
} BdMxReport;

BdMxReport *bd_mx_check        (const BdDnsLookup *lookup,
                                const char        *domain,
                                GCancellable      *cancellable);
void        bd_mx_report_free  (BdMxReport        *report);

/* A resolver-error finding for a failed look-up, shared by all areas. */
void        bd_findings_add_resolver_error (GPtrArray    *findings,
                                            const char   *area,
                                            const GError *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdMxReport, bd_mx_report_free)

G_END_DECLS
