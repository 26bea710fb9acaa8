/* bd-spf-check.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SPF area of the domain check: the record, the look-up counts, the
 * include tree, the result for the sending IP, and findings with fixes.
 */
#pragma once

#include "bd-dns-answer.h"
#include "bd-finding.h"
#include "bd-spf.h"

G_BEGIN_DECLS

typedef struct
{
  char        *record;        /* NULL when none */
  char        *corrected;     /* the record with every fix applied; NULL when none */
  guint        lookups;
  guint        void_lookups;
  gboolean     has_result;    /* an IP was given */
  BdSpfResult  result;
  char        *matched;
  BdSpfNode   *tree;          /* owned by walk */
  BdSpfReport *walk;          /* without the IP: counts and tree */
  GPtrArray   *findings;
} BdSpfCheck;

BdSpfCheck *bd_spf_check      (const BdDnsLookup *lookup,
                               const char        *domain,
                               const char        *ip,
                               GCancellable      *cancellable);
void        bd_spf_check_free (BdSpfCheck *check);

/* The corrected record: @ip added before the final "all" (or redirect). */
char       *bd_spf_record_with_ip (const char *record,
                                   const char *ip);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdSpfCheck, bd_spf_check_free)

G_END_DECLS
