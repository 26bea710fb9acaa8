/* bd-dns-wire.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The two bodies a DoH resolver speaks: RFC 1035 wire messages (RFC 8484,
 * built and parsed with ldns) and the JSON API (application/dns-json).
 */
#pragma once

#include "bd-dns-answer.h"

G_BEGIN_DECLS

/* The base64url query (no padding) for a GET, message id 0 (RFC 8484 §4.1). */
char        *bd_dns_wire_build_query (const char  *name,
                                      guint16      type,
                                      GError     **error);
BdDnsAnswer *bd_dns_wire_parse       (const guint8 *data,
                                      gsize         length,
                                      guint16       type,
                                      GError      **error);
BdDnsAnswer *bd_dns_json_parse       (const char   *data,
                                      gsize         length,
                                      guint16       type,
                                      GError      **error);
/* A TXT "data" field: "\"a\" \"b\"" (Cloudflare) or plain (Google). */
GStrv        bd_dns_json_split_txt   (const char   *data);

G_END_DECLS
