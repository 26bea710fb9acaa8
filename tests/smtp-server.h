/* smtp-server.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small SMTP server on 127.0.0.1 for the STARTTLS probe's tests, built on
 * GLib's own TLS (the same GnuTLS the app uses), with a certificate from
 * the test CA: it greets, answers EHLO (with or without STARTTLS), does
 * STARTTLS and QUIT. SMTP_SILENT accepts and never says a word. Chosen over
 * Exim or Postfix from Debian because neither is installed here and both
 * want a system account and spool to run; this speaks the same RFC 3207
 * dialogue the probe needs.
 */
#pragma once

#include <gio/gio.h>
#include <string.h>

typedef enum
{
  SMTP_STARTTLS,
  SMTP_PLAIN,
  SMTP_SILENT,
} SmtpMode;

typedef struct
{
  GSocketListener *listener;
  GCancellable    *cancellable;
  GThread         *thread;
  GTlsCertificate *certificate;
  volatile gint    mode;
  guint16          port;
} SmtpServer;

void smtp_server_start (SmtpServer *server,
                        const char *cert_file);
void smtp_server_set_certificate (SmtpServer *server,
                                  const char *cert_file);
void smtp_server_stop (SmtpServer *server);
