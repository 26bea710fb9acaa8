/* bd-spf-eval.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the two halves of check_host() only: the record walk
 * (bd-spf.c) and the mechanisms' matching (bd-spf-mechanisms.c).
 */
#pragma once

#include "bd-spf-private.h"
#include "bd-spf-record.h"

G_BEGIN_DECLS

#define MAX_LOOKUPS 10
#define MAX_VOID_LOOKUPS BD_SPF_MAX_VOID_LOOKUPS
#define MAX_WALK_LOOKUPS 60   /* without an IP we keep counting, up to here */

typedef struct
{
  const BdDnsLookup *lookup;
  GCancellable      *cancellable;
  GInetAddress      *ip;
  char              *sender;
  char              *local;
  char              *sender_domain;
  char              *helo;
  BdSpfReport       *report;
  GPtrArray         *stack;     /* domains being evaluated, for loops */
  gboolean           walking;   /* no IP: count, don't match */
  const char        *current;   /* <domain> of the record being expanded */
  guint              top_depth; /* stack depth whose matches are reported;
                                 * a top-level redirect= replaces the record */
} Ctx;

typedef enum { MATCH_NO, MATCH_YES, MATCH_ERROR } Match;

/* bd-spf.c */
BdSpfResult  bd_spf_fail_with       (Ctx              *ctx,
                                     BdSpfResult       result,
                                     BdSpfProblem      problem,
                                     const char       *detail);
gboolean     bd_spf_count_lookup    (Ctx              *ctx);
/* A DNS query for a mechanism; NULL with *error for a DNS error. */
BdDnsAnswer *bd_spf_query           (Ctx              *ctx,
                                     const char       *name,
                                     guint16           type,
                                     gboolean          counts_void,
                                     gboolean         *error);
BdSpfNode   *bd_spf_node_new        (const char       *via,
                                     const char       *domain);
/* check_host() of @domain, recursively for include: and redirect=. */
BdSpfResult  bd_spf_check_host_in   (Ctx              *ctx,
                                     const char       *domain,
                                     BdSpfNode        *node);

/* bd-spf-mechanisms.c */
char        *bd_spf_expand          (Ctx              *ctx,
                                     const char       *spec,
                                     const char       *domain);
Match        bd_spf_match_mechanism (Ctx              *ctx,
                                     const BdSpfMech  *mech,
                                     const char       *domain,
                                     BdSpfNode        *node,
                                     BdSpfResult      *error_result);

G_END_DECLS
