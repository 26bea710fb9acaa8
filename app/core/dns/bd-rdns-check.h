/* bd-rdns-check.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reverse DNS of the sending server: its PTR record (RFC 1035 §3.5) and
 * whether that name resolves back to the same address ("forward-confirmed
 * reverse DNS", RFC 8601 §3: iprev), the check behind "requires PTR" and
 * "reverse DNS does not match" bounces (Gmail, Microsoft 365, T-Online).
 */
#pragma once

#include "bd-dns-answer.h"
#include "bd-finding.h"

G_BEGIN_DECLS

typedef struct
{
  char      *ip;
  char      *query;        /* 7.113.0.203.in-addr.arpa */
  GPtrArray *names;        /* (element-type utf8) the PTR names */
  gboolean   confirmed;    /* one of them resolves back to @ip */
  GPtrArray *findings;
} BdRdnsReport;

BdRdnsReport *bd_rdns_check       (const BdDnsLookup *lookup,
                                   const char        *ip,
                                   GCancellable      *cancellable);
void          bd_rdns_report_free (BdRdnsReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdRdnsReport, bd_rdns_report_free)

G_END_DECLS
