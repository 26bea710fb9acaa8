/* bd-dns-answer.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DNS answer as the checks need it (whatever transport fetched it), the
 * error domain of every look-up, and BdDnsLookup: the one blocking call the
 * checks make, so that they run the same against DoH and an in-memory zone.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BD_DNS_ERROR (bd_dns_error_quark ())

typedef enum
{
  BD_DNS_ERROR_NETWORK,     /* the resolver can't be reached */
  BD_DNS_ERROR_HTTP,        /* the resolver answered with an HTTP error */
  BD_DNS_ERROR_MALFORMED,   /* the body is not a DNS message we can read */
  BD_DNS_ERROR_TOO_LARGE,   /* the body is larger than the cap */
  BD_DNS_ERROR_TIMEOUT,
  BD_DNS_ERROR_SERVER,      /* SERVFAIL, REFUSED and the like */
  BD_DNS_ERROR_INVALID,     /* a name or URL we can't query */
} BdDnsError;

GQuark bd_dns_error_quark (void);

enum
{
  BD_DNS_TYPE_A     = 1,
  BD_DNS_TYPE_CNAME = 5,
  BD_DNS_TYPE_PTR   = 12,
  BD_DNS_TYPE_MX    = 15,
  BD_DNS_TYPE_TXT   = 16,
  BD_DNS_TYPE_AAAA  = 28,
  BD_DNS_TYPE_SPF   = 99,   /* deprecated by RFC 7208 §3.1; looked for only to say so */
  BD_DNS_TYPE_DS    = 43,
  BD_DNS_TYPE_DNSKEY = 48,
};

enum
{
  BD_DNS_RCODE_NOERROR  = 0,
  BD_DNS_RCODE_SERVFAIL = 2,
  BD_DNS_RCODE_NXDOMAIN = 3,
};

typedef struct
{
  guint16  type;
  guint32  ttl;
  guint16  preference;   /* MX only */
  char    *data;         /* TXT: the strings joined; A/AAAA: the address;
                          * MX/CNAME/PTR: the host name, without the final dot;
                          * DS/DNSKEY: the presentation form of the data */
  GStrv    strings;      /* TXT only: the character-strings as sent */
} BdDnsRecord;

typedef struct
{
  int        rcode;
  GPtrArray *records;    /* BdDnsRecord, only those of the type asked for */
  guint32    ttl;        /* the smallest TTL, for the cache */
  gboolean   authenticated; /* the AD bit: a validating resolver checked
                             * the DNSSEC signatures (RFC 4035 §3.2.3) */
} BdDnsAnswer;

BdDnsRecord *bd_dns_record_new   (guint16      type,
                                  guint32      ttl,
                                  const char  *data);
BdDnsRecord *bd_dns_record_new_txt (guint32            ttl,
                                    const char * const *strings);
void         bd_dns_record_free  (BdDnsRecord *record);

BdDnsAnswer *bd_dns_answer_new   (int          rcode);
BdDnsAnswer *bd_dns_answer_ref   (BdDnsAnswer *answer);
void         bd_dns_answer_unref (BdDnsAnswer *answer);
void         bd_dns_answer_add   (BdDnsAnswer *answer,
                                  BdDnsRecord *record);
gboolean     bd_dns_answer_is_void (const BdDnsAnswer *answer);

char        *bd_dns_normalize_name (const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdDnsAnswer, bd_dns_answer_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdDnsRecord, bd_dns_record_free)

/* A blocking look-up. Returns NULL with @error set when there is no answer
 * at all (timeout, network, SERVFAIL); NXDOMAIN and no-data are answers. It
 * may be called from worker threads at the same time. */
typedef BdDnsAnswer *(*BdDnsLookupFunc) (gpointer       user_data,
                                         const char    *name,
                                         guint16        type,
                                         GCancellable  *cancellable,
                                         GError       **error);

typedef struct
{
  BdDnsLookupFunc func;
  gpointer        user_data;
} BdDnsLookup;

BdDnsAnswer *bd_dns_lookup (const BdDnsLookup  *lookup,
                            const char         *name,
                            guint16             type,
                            GCancellable       *cancellable,
                            GError            **error);

G_END_DECLS
