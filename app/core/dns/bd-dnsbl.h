/* bd-dnsbl.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DNS blocklists (RFC 5782) for the sending IP. Each list is self-tested
 * first through the chosen resolver (127.0.0.2 listed, 127.0.0.1 not);
 * a list that refuses public resolvers (Spamhaus answers 127.255.255.x) is
 * "uncheckable", never "listed".
 */
#pragma once

#include "bd-dns-answer.h"
#include "bd-finding.h"

G_BEGIN_DECLS

typedef enum
{
  BD_DNSBL_NOT_LISTED,
  BD_DNSBL_LISTED,
  BD_DNSBL_UNCHECKABLE,
} BdDnsblStatus;

typedef struct
{
  char          *list;
  BdDnsblStatus  status;
  char          *detail;    /* translated */
} BdDnsblResult;

/* The default lists; SORBS is not among them (closed in 2024). */
extern const char * const bd_dnsbl_default_lists[];

const char    *bd_dnsbl_status_to_string (BdDnsblStatus status);
char          *bd_dnsbl_query_name       (const char    *ip,
                                          const char    *zone);
BdDnsblResult *bd_dnsbl_check            (const BdDnsLookup *lookup,
                                          const char        *ip,
                                          const char        *zone,
                                          GPtrArray         *findings,
                                          GCancellable      *cancellable);
void           bd_dnsbl_result_free      (BdDnsblResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdDnsblResult, bd_dnsbl_result_free)

G_END_DECLS
