/* https-server.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A libsoup HTTPS server on 127.0.0.1 for the MTA-STS tests, in its own
 * thread, with a certificate from the test CA for every mta-sts.NAME.sts.test
 * host. It serves /.well-known/mta-sts.txt by the Host: name: a good
 * policy, one whose mx lines miss the MX, one in testing mode with a short
 * max_age, one too large, a slow one, one sent as HTML, a redirect and one
 * that is not a policy.
 */
#pragma once

#include <libsoup/soup.h>
#include <string.h>

typedef struct
{
  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  GTlsCertificate *certificate;
  guint16          port;
  GMutex           lock;
  GCond            ready;
} HttpsServer;

void https_server_start (HttpsServer *https,
                         const char  *cert_file);
void https_server_stop (HttpsServer *https);
