/* bd-dkim-record.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DKIM key record (RFC 6376 §3.6.1) and its check: missing, revoked,
 * weak RSA key, testing mode.
 */
#pragma once

#include "bd-dns-answer.h"
#include "bd-finding.h"

G_BEGIN_DECLS

typedef struct
{
  char      *selector;
  char      *record;     /* NULL when none was found */
  char      *key_type;   /* "rsa", "ed25519" */
  guint      key_bits;   /* 0 when unknown or revoked */
  gboolean   revoked;
  gboolean   testing;
  gboolean   valid;
  GPtrArray *findings;
} BdDkimReport;

/* The number of bits of the modulus of a DER RSA public key
 * (SubjectPublicKeyInfo or PKCS#1 RSAPublicKey), 0 if unreadable. */
guint         bd_dkim_rsa_key_bits   (const guint8 *der,
                                      gsize         length);
/* Parses @text into @report (record, key_type, key_bits, flags). */
gboolean      bd_dkim_record_parse   (const char   *text,
                                      BdDkimReport *report);
BdDkimReport *bd_dkim_check          (const BdDnsLookup *lookup,
                                      const char        *domain,
                                      const char        *selector,
                                      gboolean           explicit_selector,
                                      GCancellable      *cancellable);
void          bd_dkim_report_free    (BdDkimReport *report);

/* The selectors tried when none is known (issue: google, selector1, …). */
extern const char * const bd_dkim_common_selectors[];

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdDkimReport, bd_dkim_report_free)

G_END_DECLS
