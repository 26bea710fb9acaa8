/* bd-dns-zone.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An in-memory zone behind a BdDnsLookup: the SPF conformance suite and the
 * unit tests of the checks run against it, without any network.
 */
#pragma once

#include "bd-dns-answer.h"

G_BEGIN_DECLS

typedef struct _BdDnsZone BdDnsZone;

BdDnsZone *bd_dns_zone_new          (void);
void       bd_dns_zone_free         (BdDnsZone   *zone);
void       bd_dns_zone_add          (BdDnsZone   *zone,
                                     const char  *name,
                                     BdDnsRecord *record);
void       bd_dns_zone_add_timeout  (BdDnsZone   *zone,
                                     const char  *name);
void       bd_dns_zone_get_lookup   (BdDnsZone   *zone,
                                     BdDnsLookup *lookup);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdDnsZone, bd_dns_zone_free)

G_END_DECLS
