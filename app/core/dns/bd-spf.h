/* bd-spf.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SPF (RFC 7208): check_host() for a sending IP, and the same walk without
 * an IP to count look-ups and draw the include tree.
 */
#pragma once

#include "bd-dns-answer.h"

G_BEGIN_DECLS

/* RFC 7208 §4.6.4: more than two look-ups that find nothing are a
 * permerror. The evaluator and the domain check's finding both use it. */
#define BD_SPF_MAX_VOID_LOOKUPS 2

typedef enum
{
  BD_SPF_NONE,
  BD_SPF_NEUTRAL,
  BD_SPF_PASS,
  BD_SPF_FAIL,
  BD_SPF_SOFTFAIL,
  BD_SPF_TEMPERROR,
  BD_SPF_PERMERROR,
} BdSpfResult;

typedef enum
{
  BD_SPF_PROBLEM_NONE,
  BD_SPF_PROBLEM_SYNTAX,
  BD_SPF_PROBLEM_MULTIPLE,
  BD_SPF_PROBLEM_TOO_MANY_LOOKUPS,
  BD_SPF_PROBLEM_VOID_LOOKUPS,
  BD_SPF_PROBLEM_LOOP,
  BD_SPF_PROBLEM_INCLUDE_NONE,   /* an include or redirect target has no SPF record */
  BD_SPF_PROBLEM_DNS,
} BdSpfProblem;

typedef struct _BdSpfNode BdSpfNode;

/* One record in the include tree. */
struct _BdSpfNode
{
  char      *via;        /* "include:…" or "redirect=…"; NULL for the root */
  char      *domain;
  char      *record;     /* NULL when the domain had none */
  guint      lookups;    /* DNS-querying terms of this record itself */
  GPtrArray *children;   /* BdSpfNode */
};

typedef struct
{
  BdSpfResult   result;
  char         *matched;      /* the term that decided, or NULL */
  char         *explanation;  /* from exp=, for a fail */
  guint         lookups;      /* counted through include and redirect */
  guint         void_lookups;
  BdSpfProblem  problem;      /* why permerror/temperror */
  char         *problem_detail; /* untranslated detail (the term, the domain) */
  gboolean      uses_ptr;
  BdSpfNode    *tree;
} BdSpfReport;

const char  *bd_spf_result_to_string (BdSpfResult result);

/* @ip NULL: walk the whole tree without matching any IP (only "all"
 * matches), counting every look-up. @sender may be empty (then
 * postmaster@@helo, RFC 7208 §4.3). */
BdSpfReport *bd_spf_check_host (const BdDnsLookup *lookup,
                                const char        *ip,
                                const char        *domain,
                                const char        *sender,
                                const char        *helo,
                                GCancellable      *cancellable);

void         bd_spf_report_free (BdSpfReport *report);
void         bd_spf_node_free   (BdSpfNode   *node);

/* RFC 7208 record selection: is @txt an SPF version 1 record? */
gboolean     bd_spf_is_record   (const char  *txt);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdSpfReport, bd_spf_report_free)

G_END_DECLS
