/* https-server.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A libsoup HTTPS server on 127.0.0.1 for the MTA-STS tests, in its own
 * thread, with a certificate from the test CA for every mta-sts.NAME.sts.test
 * host. It serves /.well-known/mta-sts.txt by the Host: name: a good
 * policy, one whose mx lines miss the MX, one in testing mode with a short
 * max_age, one too large, a slow one, one sent as HTML, a redirect and one
 * that is not a policy.
 */
#include "https-server.h"

static gboolean
https_unpause_cb (gpointer data)
{
  SoupServerMessage *message = data;
  const char *policy = "version: STSv1\nmode: enforce\nmx: mx.slow.sts.test\nmax_age: 604800\n";

  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_STATIC, policy, strlen (policy));
  soup_server_message_unpause (message);
  g_object_unref (message);
  return G_SOURCE_REMOVE;
}

static void
https_policy_cb (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           data)
{
  const char *host = soup_message_headers_get_one (soup_server_message_get_request_headers (message), "Host");
  const char *policy = NULL;
  const char *type = "text/plain";

  if (host == NULL)
    host = "";
  if (g_str_has_prefix (host, "mta-sts.good."))
    policy = "version: STSv1\r\nmode: enforce\r\nmx: mx.good.sts.test\r\nmax_age: 604800\r\n";
  else if (g_str_has_prefix (host, "mta-sts.mismatch."))
    policy = "version: STSv1\nmode: enforce\nmx: *.elsewhere.test\nmax_age: 604800\n";
  else if (g_str_has_prefix (host, "mta-sts.testing."))
    policy = "version: STSv1\nmode: testing\nmx: mx.testing.sts.test\nmax_age: 3600\n";
  else if (g_str_has_prefix (host, "mta-sts.invalid."))
    policy = "<html>hello</html>\n";
  else if (g_str_has_prefix (host, "mta-sts.type."))
    {
      policy = "version: STSv1\nmode: enforce\nmx: mx.type.sts.test\nmax_age: 604800\n";
      type = "text/html";
    }
  else if (g_str_has_prefix (host, "mta-sts.redirect."))
    {
      soup_server_message_set_redirect (message, 301, "https://www.example.com/mta-sts.txt");
      return;
    }
  else if (g_str_has_prefix (host, "mta-sts.huge."))
    {
      gsize size = 200 * 1024;
      char *big = g_malloc (size);

      memset (big, 'x', size);
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_TAKE, big, size);
      return;
    }
  else if (g_str_has_prefix (host, "mta-sts.slow."))
    {
      /* answers after 5 s: longer than the check's 2 s timeout */
      soup_server_message_pause (message);
      g_timeout_add_seconds (5, https_unpause_cb, g_object_ref (message));
      return;
    }
  if (policy == NULL)
    {
      soup_server_message_set_status (message, 404, NULL);
      return;
    }
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, type, SOUP_MEMORY_STATIC, policy, strlen (policy));
}

static gpointer
https_server_thread (gpointer data)
{
  HttpsServer *https = data;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  GSList *uris;

  g_main_context_push_thread_default (https->context);
  server = soup_server_new ("tls-certificate", https->certificate, NULL);
  soup_server_add_handler (server, "/.well-known/mta-sts.txt", https_policy_cb, https, NULL);
  soup_server_listen (server, address, SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_mutex_lock (&https->lock);
  https->port = g_uri_get_port (uris->data);
  g_cond_signal (&https->ready);
  g_mutex_unlock (&https->lock);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  g_main_loop_run (https->loop);
  soup_server_disconnect (server);
  g_main_context_pop_thread_default (https->context);
  return NULL;
}

void
https_server_start (HttpsServer *https,
                    const char  *cert_file)
{
  g_autoptr(GError) error = NULL;

  https->certificate = g_tls_certificate_new_from_file (cert_file, &error);
  g_assert_no_error (error);
  https->context = g_main_context_new ();
  https->loop = g_main_loop_new (https->context, FALSE);
  g_mutex_init (&https->lock);
  g_cond_init (&https->ready);
  g_mutex_lock (&https->lock);
  https->thread = g_thread_new ("https-server", https_server_thread, https);
  while (https->port == 0)
    g_cond_wait (&https->ready, &https->lock);
  g_mutex_unlock (&https->lock);
}

void
https_server_stop (HttpsServer *https)
{
  if (https->thread == NULL)
    return;
  g_main_loop_quit (https->loop);
  g_main_context_wakeup (https->context);
  g_thread_join (https->thread);
  g_main_loop_unref (https->loop);
  g_main_context_unref (https->context);
  g_clear_object (&https->certificate);
  https->thread = NULL;
}
