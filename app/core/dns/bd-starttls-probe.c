/* bd-starttls-probe.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-domain-check"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-starttls-probe.h"

/* RFC 5321 §4.5.3.1.5: a reply line is at most 512 octets */
#define MAX_LINE 1000
#define MAX_LINES 100
/* a certificate that ends within this many days is worth a warning */
#define EXPIRY_WARNING_DAYS 14

void
bd_starttls_result_free (BdStarttlsResult *result)
{
  if (result == NULL)
    return;
  g_free (result->host);
  g_free (result->address);
  g_free (result->greeting);
  g_clear_pointer (&result->names, g_ptr_array_unref);
  g_clear_pointer (&result->not_after, g_date_time_unref);
  g_free (result->problem);
  g_free (result);
}

/* One line, without CR LF; NULL at the end, on a timeout or past the cap. */
static char *
read_line (GInputStream  *input,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GString) line = g_string_new (NULL);
  guint8 byte;

  while (line->len < MAX_LINE)
    {
      gssize n = g_input_stream_read (input, &byte, 1, cancellable, error);

      if (n <= 0)
        {
          if (n == 0 && error && *error == NULL)
            g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, "connection closed");
          return NULL;
        }
      if (byte == '\n')
        {
          if (line->len > 0 && line->str[line->len - 1] == '\r')
            g_string_truncate (line, line->len - 1);
          return g_string_free (g_steal_pointer (&line), FALSE);
        }
      g_string_append_c (line, byte);
    }
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE, "reply line too long");
  return NULL;
}

/* A whole (multi-line) reply: its code, and its lines in @lines. */
static int
read_reply (GInputStream  *input,
            GPtrArray     *lines,
            GCancellable  *cancellable,
            GError       **error)
{
  for (guint n = 0; n < MAX_LINES; n++)
    {
      char *line = read_line (input, cancellable, error);

      if (line == NULL)
        return -1;
      g_ptr_array_add (lines, line);
      if (strlen (line) < 3 || !g_ascii_isdigit (line[0]))
        break;
      if (line[3] != '-')
        return atoi (line);
    }
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "not an SMTP reply");
  return -1;
}

static gboolean
send_command (GOutputStream  *output,
              const char     *command,
              GCancellable   *cancellable,
              GError        **error)
{
  g_autofree char *line = g_strconcat (command, "\r\n", NULL);

  return g_output_stream_write_all (output, line, strlen (line), NULL, cancellable, error);
}

static gboolean
accept_certificate_cb (GTlsConnection       *connection,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  BdStarttlsResult *result = user_data;

  /* accepted, to read its names and dates; the errors become findings */
  result->errors = errors;
  return TRUE;
}

static void
read_certificate (BdStarttlsResult *result,
                  GTlsConnection   *tls)
{
  GTlsCertificate *certificate = g_tls_connection_get_peer_certificate (tls);
  g_autoptr(GPtrArray) names = NULL;

  if (certificate == NULL)
    return;
  names = g_tls_certificate_get_dns_names (certificate);
  for (guint i = 0; names && i < names->len; i++)
    {
      GBytes *name = g_ptr_array_index (names, i);
      gsize size;
      const char *data = g_bytes_get_data (name, &size);

      g_ptr_array_add (result->names, g_strndup (data, size));
    }
  result->not_after = g_tls_certificate_get_not_valid_after (certificate);
}

static gboolean
starttls (BdStarttlsResult  *result,
          GIOStream         *connection,
          GTlsDatabase      *database,
          guint16            port,
          GCancellable      *cancellable,
          GError           **error)
{
  g_autoptr(GSocketConnectable) identity = g_network_address_new (result->host, port);
  g_autoptr(GIOStream) tls = g_tls_client_connection_new (connection, identity, error);

  if (tls == NULL)
    return FALSE;
  if (database != NULL)
    g_tls_connection_set_database (G_TLS_CONNECTION (tls), database);
  g_signal_connect (tls, "accept-certificate", G_CALLBACK (accept_certificate_cb), result);
  if (!g_tls_connection_handshake (G_TLS_CONNECTION (tls), cancellable, error))
    return FALSE;
  result->encrypted = TRUE;
  read_certificate (result, G_TLS_CONNECTION (tls));
  send_command (g_io_stream_get_output_stream (tls), "QUIT", cancellable, NULL);
  g_io_stream_close (tls, NULL, NULL);
  return TRUE;
}

static gboolean
converse (BdStarttlsResult  *result,
          GSocketConnection *connection,
          GTlsDatabase      *database,
          guint16            port,
          GCancellable      *cancellable,
          GError           **error)
{
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  int code;

  /* unbuffered reads: nothing of the TLS handshake may be swallowed */
  code = read_reply (input, lines, cancellable, error);
  if (code < 0)
    return FALSE;
  result->reached = TRUE;
  result->greeting = g_strdup (lines->pdata[0]);
  if (code != 220)
    {
      result->problem = g_strdup (result->greeting);
      return TRUE;
    }
  g_ptr_array_set_size (lines, 0);
  if (!send_command (output, "EHLO bounce-doctor.invalid", cancellable, error)
      || (code = read_reply (input, lines, cancellable, error)) < 0)
    return FALSE;
  for (guint i = 0; code == 250 && i < lines->len; i++)
    result->starttls |= strlen (lines->pdata[i]) >= 4
                        && g_ascii_strncasecmp ((char *)lines->pdata[i] + 4, "STARTTLS", 8) == 0;
  if (!result->starttls)
    {
      send_command (output, "QUIT", cancellable, NULL);
      return TRUE;
    }
  g_ptr_array_set_size (lines, 0);
  if (!send_command (output, "STARTTLS", cancellable, error)
      || (code = read_reply (input, lines, cancellable, error)) < 0)
    return FALSE;
  if (code != 220)
    {
      result->problem = g_strdup (lines->pdata[lines->len - 1]);
      return TRUE;
    }
  return starttls (result, G_IO_STREAM (connection), database, port, cancellable, error);
}

BdStarttlsResult *
bd_starttls_probe (const char   *host,
                   const char   *address,
                   guint16       port,
                   GTlsDatabase *database,
                   guint         timeout_seconds,
                   GCancellable *cancellable)
{
  g_autoptr(BdStarttlsResult) result = g_new0 (BdStarttlsResult, 1);
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) target = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (host != NULL && address != NULL, NULL);

  result->host = g_strdup (host);
  result->address = g_strdup (address);
  result->names = g_ptr_array_new_with_free_func (g_free);
  if (inet == NULL)
    {
      result->problem = g_strdup ("no address");
      return g_steal_pointer (&result);
    }
  target = g_inet_socket_address_new (inet, port);
  /* the timeout applies to the connection and to every read and write */
  g_socket_client_set_timeout (client, timeout_seconds);
  connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (target), cancellable, &error);
  if (connection == NULL || !converse (result, connection, database, port, cancellable, &error))
    {
      g_clear_pointer (&result->problem, g_free);
      result->problem = g_strdup (error ? error->message : "failed");
    }
  if (connection != NULL)
    g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return g_steal_pointer (&result);
}

static char *
describe_certificate (const BdStarttlsResult *result)
{
  g_autofree char *names = NULL;
  g_autofree char *date = NULL;

  g_ptr_array_add (result->names, NULL);
  names = g_strjoinv (", ", (char **)result->names->pdata);
  g_ptr_array_remove_index (result->names, result->names->len - 1);
  date = result->not_after ? g_date_time_format (result->not_after, "%Y-%m-%d") : g_strdup ("?");
  /* Translators: %1$s is a list of host names, %2$s a date (2026-03-01) */
  return g_strdup_printf (_("The certificate is for %1$s and is valid until %2$s."), *names ? names : "—", date);
}

static void
add_certificate_findings (GPtrArray              *findings,
                          const BdStarttlsResult *result)
{
  g_autofree char *about = describe_certificate (result);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GString) what = g_string_new (NULL);

  if (result->errors & G_TLS_CERTIFICATE_EXPIRED)
    /* Translators: one reason a certificate is not accepted, joined with others */
    g_string_append_printf (what, "%s%s", what->len ? "; " : "", _("it has expired"));
  if (result->errors & G_TLS_CERTIFICATE_BAD_IDENTITY)
    g_string_append_printf (what, "%s%s", what->len ? "; " : "", _("it is not for this host name"));
  if (result->errors & G_TLS_CERTIFICATE_UNKNOWN_CA)
    g_string_append_printf (what, "%s%s", what->len ? "; " : "", _("it is not signed by a known authority (self-signed?)"));
  if (result->errors & ~(G_TLS_CERTIFICATE_EXPIRED | G_TLS_CERTIFICATE_BAD_IDENTITY | G_TLS_CERTIFICATE_UNKNOWN_CA))
    g_string_append_printf (what, "%s%s", what->len ? "; " : "", _("it is not valid"));
  if (what->len > 0)
    {
      bd_findings_add (findings, "mx-tls-certificate", BD_SEVERITY_WARNING, "starttls",
                       /* Translators: %1$s is a host name, %2$s the reasons, %3$s names and expiry */
                       g_strdup_printf (_("The TLS certificate of %1$s is not accepted: %2$s. %3$s Servers that insist on valid certificates (MTA-STS, DANE) won’t deliver to it."),
                                        result->host, what->str, about),
                       /* Translators: %s is a host name */
                       g_strdup_printf (_("Install a certificate for %s from a public authority (Let’s Encrypt is free) on the mail server."), result->host));
      return;
    }
  if (result->not_after != NULL
      && g_date_time_difference (result->not_after, now) < EXPIRY_WARNING_DAYS * G_TIME_SPAN_DAY)
    bd_findings_add (findings, "mx-tls-expiring", BD_SEVERITY_WARNING, "starttls",
                     /* Translators: %1$s is a host name, %2$s names and expiry */
                     g_strdup_printf (_("The TLS certificate of %1$s expires within two weeks. %2$s"), result->host, about),
                     g_strdup (_("Renew the certificate on the mail server (or check that its automatic renewal works).")));
}

void
bd_starttls_add_findings (GPtrArray              *findings,
                          const BdStarttlsResult *result,
                          guint16                 port)
{
  g_return_if_fail (findings != NULL && result != NULL);

  if (!result->reached)
    bd_findings_add (findings, "mx-smtp-unreachable", BD_SEVERITY_INFO, "starttls",
                     /* Translators: %1$s is a host name, %2$s its address, %3$u a port, %4$s the error */
                     g_strdup_printf (_("Could not talk to %1$s (%2$s) on port %3$u: %4$s. Port 25 is blocked on many home and office connections, so this may be your network, not the server."),
                                      result->host, result->address, port, result->problem),
                     g_strdup (_("Run the check from a network that allows outgoing port 25 (a server, or your provider’s tools) to test encryption.")));
  else if (result->problem != NULL && !result->encrypted && !result->starttls)
    bd_findings_add (findings, "mx-smtp-refused", BD_SEVERITY_WARNING, "starttls",
                     /* Translators: %1$s is a host name, %2$s its reply */
                     g_strdup_printf (_("%1$s did not accept a connection: it replied “%2$s”."), result->host, result->problem),
                     g_strdup (_("Check the mail server’s logs; it may refuse this network, or be overloaded.")));
  else if (!result->starttls)
    bd_findings_add (findings, "mx-starttls-missing", BD_SEVERITY_WARNING, "starttls",
                     /* Translators: %s is a host name */
                     g_strdup_printf (_("%s does not offer STARTTLS: mail to it travels unencrypted, and senders that require encryption won’t deliver."), result->host),
                     /* Translators: %s is a host name */
                     g_strdup_printf (_("Turn on TLS in the mail server, with a certificate for %s."), result->host));
  else if (!result->encrypted)
    bd_findings_add (findings, "mx-tls-failed", BD_SEVERITY_WARNING, "starttls",
                     /* Translators: %1$s is a host name, %2$s the error */
                     g_strdup_printf (_("%1$s offers STARTTLS, but the encrypted connection failed: %2$s."), result->host,
                                      result->problem ? result->problem : "?"),
                     g_strdup (_("Check the TLS settings and the certificate of the mail server.")));
  else
    add_certificate_findings (findings, result);
}
