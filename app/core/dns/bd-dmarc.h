/* bd-dmarc.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DMARC (RFC 7489): the record with the organizational-domain fallback
 * (public suffix list through libsoup), its tags, and the external rua
 * authorization check (§7.1).
 */
#pragma once

#include "bd-dns-answer.h"
#include "bd-finding.h"

G_BEGIN_DECLS

typedef struct
{
  char       *record;     /* NULL when none */
  char       *found_at;   /* "_dmarc.firma.pl" */
  char       *policy;     /* the policy that applies to the domain */
  GHashTable *tags;       /* name → value */
  GPtrArray  *findings;
} BdDmarcReport;

/* Parses the tag list; FALSE with @problem (untranslated tag) on a syntax
 * error. @tags receives the tags either way. */
gboolean       bd_dmarc_parse        (const char  *record,
                                      GHashTable  *tags,
                                      char       **problem);
char          *bd_dmarc_org_domain   (const char  *domain);
BdDmarcReport *bd_dmarc_check        (const BdDnsLookup *lookup,
                                      const char        *domain,
                                      GCancellable      *cancellable);
void           bd_dmarc_report_free  (BdDmarcReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdDmarcReport, bd_dmarc_report_free)

G_END_DECLS
