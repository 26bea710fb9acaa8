/* bd-starttls-probe.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The optional STARTTLS probe of an MX host (RFC 3207): connect to its
 * SMTP port, read the greeting, EHLO, STARTTLS, the TLS handshake, and the
 * certificate's names and expiry; then QUIT. Off by default: outgoing port
 * 25 is blocked on many home and office connections. Every read has a
 * timeout and a length cap, so a server that never answers or talks
 * without end gives a finding, not a hang.
 */
#pragma once

#include <gio/gio.h>

#include "bd-finding.h"

G_BEGIN_DECLS

typedef struct
{
  char      *host;
  char      *address;
  gboolean   reached;      /* the server greeted us */
  char      *greeting;     /* its first reply line */
  gboolean   starttls;     /* offered in the EHLO reply */
  gboolean   encrypted;    /* the handshake succeeded */
  GPtrArray *names;        /* (element-type utf8) the certificate's DNS names */
  GDateTime *not_after;    /* the certificate's expiry; NULL when none */
  GTlsCertificateFlags errors;  /* what validation found wrong */
  char      *problem;      /* why the probe stopped, untranslated detail; NULL */
} BdStarttlsResult;

BdStarttlsResult *bd_starttls_probe        (const char   *host,
                                            const char   *address,
                                            guint16       port,
                                            GTlsDatabase *database,
                                            guint         timeout_seconds,
                                            GCancellable *cancellable);
void              bd_starttls_add_findings (GPtrArray              *findings,
                                            const BdStarttlsResult *result,
                                            guint16                 port);
void              bd_starttls_result_free  (BdStarttlsResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdStarttlsResult, bd_starttls_result_free)

G_END_DECLS
