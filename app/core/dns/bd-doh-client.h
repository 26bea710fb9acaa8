/* bd-doh-client.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DNS over HTTPS: RFC 8484 GET (application/dns-message) or the JSON API
 * (application/dns-json), one SoupSession per client, a TTL cache, a
 * timeout and a response size cap. TLS verification is always on; an extra
 * CA can be trusted for a private resolver.
 */
#pragma once

#include <gio/gio.h>

#include "bd-dns-answer.h"

G_BEGIN_DECLS

#define BD_TYPE_DOH_CLIENT (bd_doh_client_get_type ())

G_DECLARE_FINAL_TYPE (BdDohClient, bd_doh_client, BD, DOH_CLIENT, GObject)

typedef enum
{
  BD_DOH_PROTOCOL_WIRE,   /* RFC 8484 */
  BD_DOH_PROTOCOL_JSON,   /* application/dns-json */
} BdDohProtocol;

#define BD_DOH_CLOUDFLARE_URL "https://cloudflare-dns.com/dns-query"
#define BD_DOH_GOOGLE_URL     "https://dns.google/dns-query"
#define BD_DOH_QUAD9_URL      "https://dns.quad9.net/dns-query"

BdDohClient  *bd_doh_client_new            (const char     *url,
                                            GError        **error);
const char   *bd_doh_client_get_url        (BdDohClient    *self);
BdDohProtocol bd_doh_client_get_protocol   (BdDohClient    *self);
gboolean      bd_doh_client_set_ca_file    (BdDohClient    *self,
                                            const char     *path,
                                            GError        **error);
void          bd_doh_client_set_timeout    (BdDohClient    *self,
                                            guint           msec);
void          bd_doh_client_set_max_size   (BdDohClient    *self,
                                            gsize           bytes);
guint         bd_doh_client_get_n_requests (BdDohClient    *self);
gint64        bd_doh_client_get_request_time (BdDohClient  *self);

void          bd_doh_client_query_async    (BdDohClient         *self,
                                            const char          *name,
                                            guint16              type,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
BdDnsAnswer  *bd_doh_client_query_finish   (BdDohClient    *self,
                                            GAsyncResult   *result,
                                            GError        **error);

/* Blocking: only from a thread other than the one iterating the client's
 * main context (the checks run in worker threads). */
BdDnsAnswer  *bd_doh_client_query_sync     (BdDohClient    *self,
                                            const char     *name,
                                            guint16         type,
                                            GCancellable   *cancellable,
                                            GError        **error);
void          bd_doh_client_get_lookup     (BdDohClient    *self,
                                            BdDnsLookup    *lookup);

G_END_DECLS
