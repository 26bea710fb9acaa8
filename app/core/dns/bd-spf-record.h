/* bd-spf-record.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parsing one SPF record into terms (RFC 7208 §4.6, §12).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  BD_SPF_MECH_ALL,
  BD_SPF_MECH_INCLUDE,
  BD_SPF_MECH_A,
  BD_SPF_MECH_MX,
  BD_SPF_MECH_PTR,
  BD_SPF_MECH_IP4,
  BD_SPF_MECH_IP6,
  BD_SPF_MECH_EXISTS,
} BdSpfMechKind;

typedef struct
{
  char           qualifier;   /* '+', '-', '~' or '?' */
  BdSpfMechKind  kind;
  char          *text;        /* the term as written */
  char          *domain_spec; /* NULL: the current domain */
  GInetAddress  *network;     /* ip4/ip6 */
  int            cidr4;       /* prefix lengths; -1 when absent */
  int            cidr6;
} BdSpfMech;

typedef struct
{
  GPtrArray *mechs;     /* BdSpfMech */
  char      *redirect;  /* domain-spec */
  char      *exp;       /* domain-spec */
} BdSpfRecord;

BdSpfRecord *bd_spf_record_parse (const char  *text,
                                  char       **error_term);
void         bd_spf_record_free  (BdSpfRecord *record);
gboolean     bd_spf_mech_costs_lookup (const BdSpfMech *mech);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdSpfRecord, bd_spf_record_free)

G_END_DECLS
