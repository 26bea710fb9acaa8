/* bd-tlsrpt-bimi.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SMTP TLS reporting (RFC 8460: the _smtp._tls TXT record and its rua=)
 * and BIMI (draft-brand-indicators-for-message-identification: the
 * SELECTOR._bimi TXT record, its l= logo and a= certificate URLs, and the
 * DMARC enforcement it requires).
 */
#pragma once

#include "bd-dns-answer.h"
#include "bd-finding.h"

G_BEGIN_DECLS

typedef struct
{
  char      *record;     /* NULL when none */
  GPtrArray *findings;
} BdTxtAreaReport;

BdTxtAreaReport *bd_tlsrpt_check        (const BdDnsLookup *lookup,
                                         const char        *domain,
                                         GCancellable      *cancellable);
/* @dmarc_policy: the policy that applies to @domain (NULL when none). */
BdTxtAreaReport *bd_bimi_check          (const BdDnsLookup *lookup,
                                         const char        *domain,
                                         const char        *selector,
                                         const char        *dmarc_policy,
                                         GCancellable      *cancellable);
void             bd_txt_area_report_free (BdTxtAreaReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdTxtAreaReport, bd_txt_area_report_free)

G_END_DECLS
