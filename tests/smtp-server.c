/* smtp-server.c
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
#include "smtp-server.h"

static gboolean
smtp_write (GIOStream  *stream,
            const char *text)
{
  return g_output_stream_write_all (g_io_stream_get_output_stream (stream), text, strlen (text),
                                    NULL, NULL, NULL);
}

static char *
smtp_read_line (GIOStream *stream)
{
  GString *line = g_string_new (NULL);
  char c;

  while (line->len < 1000 && g_input_stream_read (g_io_stream_get_input_stream (stream), &c, 1, NULL, NULL) == 1)
    {
      if (c == '\n')
        return g_string_free (line, FALSE);
      if (c != '\r')
        g_string_append_c (line, c);
    }
  g_string_free (line, TRUE);
  return NULL;
}

/* The dialogue after the greeting, on @stream (plain, then TLS). */
static void
smtp_session (SmtpServer *server,
              GIOStream  *stream,
              gboolean    tls)
{
  char *line;

  while ((line = smtp_read_line (stream)) != NULL)
    {
      g_autofree char *command = line;

      if (g_ascii_strncasecmp (command, "EHLO", 4) == 0)
        smtp_write (stream, server->mode == SMTP_STARTTLS && !tls ? "250-mx.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n"
                                                                 : "250-mx.test\r\n250 PIPELINING\r\n");
      else if (g_ascii_strcasecmp (command, "STARTTLS") == 0 && server->mode == SMTP_STARTTLS && !tls)
        {
          g_autoptr(GIOStream) secure = NULL;

          smtp_write (stream, "220 2.0.0 Ready to start TLS\r\n");
          secure = g_tls_server_connection_new (stream, server->certificate, NULL);
          if (secure != NULL && g_tls_connection_handshake (G_TLS_CONNECTION (secure), NULL, NULL))
            smtp_session (server, secure, TRUE);
          return;
        }
      else if (g_ascii_strcasecmp (command, "QUIT") == 0)
        {
          smtp_write (stream, "221 2.0.0 Bye\r\n");
          return;
        }
      else
        smtp_write (stream, "502 5.5.2 Not implemented\r\n");
    }
}

static gpointer
smtp_server_thread (gpointer data)
{
  SmtpServer *server = data;

  for (;;)
    {
      g_autoptr(GSocketConnection) connection = g_socket_listener_accept (server->listener, NULL,
                                                                          server->cancellable, NULL);
      if (connection == NULL)
        return NULL;
      if (server->mode == SMTP_SILENT)
        {
          char c;

          /* say nothing until the client gives up */
          while (g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)), &c, 1,
                                      server->cancellable, NULL) == 1)
            ;
          continue;
        }
      smtp_write (G_IO_STREAM (connection), "220 mx.test ESMTP test server\r\n");
      smtp_session (server, G_IO_STREAM (connection), FALSE);
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
    }
}

void
smtp_server_start (SmtpServer *server,
                   const char *cert_file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  server->certificate = g_tls_certificate_new_from_file (cert_file, &error);
  g_assert_no_error (error);
  server->listener = g_socket_listener_new ();
  g_socket_listener_add_address (server->listener, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &bound, &error);
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  server->cancellable = g_cancellable_new ();
  server->thread = g_thread_new ("smtp-server", smtp_server_thread, server);
}

void
smtp_server_set_certificate (SmtpServer *server,
                             const char *cert_file)
{
  g_clear_object (&server->certificate);
  server->certificate = g_tls_certificate_new_from_file (cert_file, NULL);
}

void
smtp_server_stop (SmtpServer *server)
{
  if (server->thread == NULL)
    return;
  g_cancellable_cancel (server->cancellable);
  g_socket_listener_close (server->listener);
  g_thread_join (server->thread);
  g_clear_object (&server->listener);
  g_clear_object (&server->cancellable);
  g_clear_object (&server->certificate);
  server->thread = NULL;
}
