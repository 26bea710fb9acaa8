/* test-doh-client.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The DoH client: the real protocol against BIND 9.18 started by
 * start-doh-server.sh on 127.0.0.1 (trusting the run's CA through the
 * client's own setting) and the error paths against an in-process
 * SoupServer. Never the internet. The messages alone: test-dns-messages.c.
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "bd-dns-wire.h"
#include "bd-doh-client.h"
#include "doh-server.h"

static DohServer bind;

#define bind_url (bind.url)

/* --- helpers ------------------------------------------------------------ */

static void
got_result_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static BdDnsAnswer *
query (BdDohClient   *client,
       const char    *name,
       guint16        type,
       GCancellable  *cancellable,
       GError       **error)
{
  GAsyncResult *result = NULL;
  BdDnsAnswer *answer;

  bd_doh_client_query_async (client, name, type, cancellable, got_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  answer = bd_doh_client_query_finish (client, result, error);
  g_object_unref (result);
  return answer;
}

static BdDohClient *
bind_client (void)
{
  g_autoptr(GError) error = NULL;
  BdDohClient *client = bd_doh_client_new (bind_url, &error);

  g_assert_no_error (error);
  bd_doh_client_set_ca_file (client, bind.ca_file, &error);
  g_assert_no_error (error);
  return client;
}

static gboolean
need_bind (void)
{
  if (bind_url == NULL)
    {
      g_test_skip (bind.skip_reason);
      return FALSE;
    }
  return TRUE;
}

static const BdDnsRecord *
record (BdDnsAnswer *answer,
        guint        i)
{
  g_assert_cmpuint (i, <, answer->records->len);
  return g_ptr_array_index (answer->records, i);
}

/* --- against BIND ------------------------------------------------------- */

static void
test_bind_txt (void)
{
  g_autoptr(BdDohClient) client = NULL;
  g_autoptr(BdDnsAnswer) answer = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;

  if (!need_bind ())
    return;
  client = bind_client ();
  answer = query (client, "good.bd.test", BD_DNS_TYPE_TXT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (answer->rcode, ==, BD_DNS_RCODE_NOERROR);
  g_assert_cmpuint (answer->records->len, ==, 2);
  for (guint i = 0; i < answer->records->len; i++)
    found |= g_strcmp0 (record (answer, i)->data, "v=spf1 mx ip4:203.0.113.7 -all") == 0;
  g_assert_true (found);
  g_assert_cmpuint (answer->ttl, ==, 300);
}

static void
test_bind_quotes (void)
{
  g_autoptr(BdDohClient) client = NULL;
  g_autoptr(BdDnsAnswer) answer = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_bind ())
    return;
  client = bind_client ();
  answer = query (client, "quotes.bd.test", BD_DNS_TYPE_TXT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (record (answer, 0)->strings[0], ==, "say \"hi\" \\ back;");
  g_assert_cmpstr (record (answer, 0)->strings[1], ==, "second");
  g_assert_cmpstr (record (answer, 0)->data, ==, "say \"hi\" \\ back;second");
}

static void
test_bind_long_txt (void)
{
  g_autoptr(BdDohClient) client = NULL;
  g_autoptr(BdDnsAnswer) answer = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_bind ())
    return;
  client = bind_client ();
  answer = query (client, "big.bd.test", BD_DNS_TYPE_TXT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (record (answer, 0)->strings), ==, 2);
  g_assert_cmpuint (strlen (record (answer, 0)->strings[0]), ==, 255);
  g_assert_cmpuint (strlen (record (answer, 0)->data), ==, 300);
}

static void
test_bind_large_and_cap (void)
{
  g_autoptr(BdDohClient) client = NULL;
  g_autoptr(BdDnsAnswer) answer = NULL;
  g_autoptr(BdDnsAnswer) capped = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_bind ())
    return;
  client = bind_client ();
  answer = query (client, "large.bd.test", BD_DNS_TYPE_TXT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (answer->records->len, ==, 40);

  g_clear_object (&client);
  client = bind_client ();
  bd_doh_client_set_max_size (client, 2048);
  capped = query (client, "large.bd.test", BD_DNS_TYPE_TXT, NULL, &error);
  g_assert_error (error, BD_DNS_ERROR, BD_DNS_ERROR_TOO_LARGE);
  g_assert_null (capped);
}

static void
test_bind_negative (void)
{
  g_autoptr(BdDohClient) client = NULL;
  g_autoptr(BdDnsAnswer) nx = NULL;
  g_autoptr(BdDnsAnswer) nodata = NULL;
  g_autoptr(BdDnsAnswer) nullmx = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_bind ())
    return;
  client = bind_client ();
  nx = query (client, "missing.bd.test", BD_DNS_TYPE_TXT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nx->rcode, ==, BD_DNS_RCODE_NXDOMAIN);
  g_assert_true (bd_dns_answer_is_void (nx));

  nodata = query (client, "nomx.bd.test", BD_DNS_TYPE_MX, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nodata->rcode, ==, BD_DNS_RCODE_NOERROR);
  g_assert_cmpuint (nodata->records->len, ==, 0);

  nullmx = query (client, "nullmx.bd.test", BD_DNS_TYPE_MX, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (record (nullmx, 0)->preference, ==, 0);
  g_assert_cmpstr (record (nullmx, 0)->data, ==, ".");
}

static void
test_bind_untrusted (void)
{
  g_autoptr(BdDohClient) client = NULL;
  g_autoptr(BdDnsAnswer) answer = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_bind ())
    return;
  /* no extra CA: the self-signed test CA must be refused */
  client = bd_doh_client_new (bind_url, &error);
  g_assert_no_error (error);
  answer = query (client, "good.bd.test", BD_DNS_TYPE_TXT, NULL, &error);
  g_assert_error (error, BD_DNS_ERROR, BD_DNS_ERROR_NETWORK);
  g_assert_null (answer);
}

static void
test_bind_cache (void)
{
  g_autoptr(BdDohClient) client = NULL;
  g_autoptr(BdDnsAnswer) first = NULL;
  g_autoptr(BdDnsAnswer) second = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_bind ())
    return;
  client = bind_client ();
  first = query (client, "good.bd.test", BD_DNS_TYPE_MX, NULL, &error);
  g_assert_no_error (error);
  second = query (client, "GOOD.bd.test.", BD_DNS_TYPE_MX, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bd_doh_client_get_n_requests (client), ==, 1);
  g_assert_true (first == second);
  g_assert_cmpstr (record (first, 0)->data, ==, "mx.good.bd.test");
}

typedef struct
{
  guint *pending;
  guint  index;
} ParallelQuery;

/* Each of the twenty names has its own address (parallel.test.zone): an
 * answer delivered to another query's callback shows. */
static void
parallel_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ParallelQuery *query = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdDnsAnswer) answer = bd_doh_client_query_finish (BD_DOH_CLIENT (object), result, &error);
  g_autofree char *address = g_strdup_printf ("192.0.2.%u", 100 + query->index);

  g_assert_no_error (error);
  g_assert_nonnull (answer);
  g_assert_cmpint (answer->rcode, ==, 0);
  g_assert_cmpuint (answer->records->len, ==, 1);
  g_assert_cmpuint (record (answer, 0)->type, ==, BD_DNS_TYPE_A);
  g_assert_cmpstr (record (answer, 0)->data, ==, address);
  (*query->pending)--;
}

static void
test_bind_parallel (void)
{
  g_autoptr(BdDohClient) client = NULL;
  ParallelQuery queries[20];
  guint pending = 0;

  if (!need_bind ())
    return;
  client = bind_client ();
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *name = g_strdup_printf ("n%u.parallel.test", i);

      queries[i] = (ParallelQuery) { &pending, i };
      bd_doh_client_query_async (client, name, BD_DNS_TYPE_A, NULL, parallel_cb, &queries[i]);
      pending++;
    }
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (bd_doh_client_get_n_requests (client), ==, G_N_ELEMENTS (queries));
}

static gint sync_done;

static gpointer
sync_thread (gpointer data)
{
  BdDohClient *client = data;
  g_autoptr(GError) error = NULL;
  BdDnsAnswer *answer = bd_doh_client_query_sync (client, "mx.good.bd.test", BD_DNS_TYPE_A, NULL, &error);

  g_assert_no_error (error);
  g_atomic_int_set (&sync_done, 1);
  g_main_context_wakeup (NULL);
  return answer;
}

static void
test_bind_sync (void)
{
  g_autoptr(BdDohClient) client = NULL;
  g_autoptr(BdDnsAnswer) answer = NULL;
  GThread *thread;

  if (!need_bind ())
    return;
  client = bind_client ();
  thread = g_thread_new ("sync", sync_thread, client);
  /* the main thread keeps the client's context running */
  while (!g_atomic_int_get (&sync_done))
    g_main_context_iteration (NULL, TRUE);
  answer = g_thread_join (thread);
  g_assert_cmpstr (record (answer, 0)->data, ==, "192.0.2.10");
}

/* --- against an in-process SoupServer ----------------------------------- */

typedef struct
{
  SoupServer  *server;
  BdDohClient *client;
  SoupServerMessage *delayed;
} Fixture;

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query_params,
           gpointer           user_data)
{
  Fixture *fixture = user_data;
  const char *mode = g_uri_get_path (soup_server_message_get_uri (msg));

  if (g_str_has_prefix (mode, "/error"))
    {
      soup_server_message_set_status (msg, 503, NULL);
      return;
    }
  if (g_str_has_prefix (mode, "/malformed"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/dns-message", SOUP_MEMORY_STATIC, "\x00\x00\x81", 3);
      return;
    }
  if (g_str_has_prefix (mode, "/oversized"))
    {
      char *big = g_malloc0 (100000);

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/dns-message", SOUP_MEMORY_TAKE, big, 100000);
      return;
    }
  if (g_str_has_prefix (mode, "/slow"))
    {
      fixture->delayed = msg;
      soup_server_message_pause (msg);
      return;
    }
  if (g_str_has_prefix (mode, "/resolve"))
    {
      const char *name = g_hash_table_lookup (query_params, "name");
      const char *body;

      /* Cloudflare quotes TXT strings, Google sends them plain */
      if (g_strcmp0 (name, "cloudflare.example") == 0)
        body = "{\"Status\":0,\"Answer\":[{\"name\":\"cloudflare.example.\",\"type\":16,\"TTL\":60,"
               "\"data\":\"\\\"v=spf1 ip4:192.0.2.1 \\\" \\\"-all\\\"\"}]}";
      else if (g_strcmp0 (name, "google.example") == 0)
        body = "{\"Status\":0,\"Answer\":[{\"name\":\"google.example.\",\"type\":16,\"TTL\":60,"
               "\"data\":\"v=spf1 ip4:192.0.2.1 -all\"}]}";
      else if (g_strcmp0 (name, "mx.example") == 0)
        body = "{\"Status\":0,\"Answer\":[{\"name\":\"mx.example.\",\"type\":15,\"TTL\":60,"
               "\"data\":\"10 mail.mx.example.\"}]}";
      else if (g_strcmp0 (name, "bad.example") == 0)
        body = "{\"Status\":0,\"Answer\":\"nope\"}";
      else
        body = "{\"Status\":3}";
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/dns-json", SOUP_MEMORY_STATIC, body, strlen (body));
      return;
    }
  soup_server_message_set_status (msg, 404, NULL);
}

static char *
server_url (Fixture    *fixture,
            const char *path)
{
  GSList *uris = soup_server_get_uris (fixture->server);
  char *url = g_strdup_printf ("https://127.0.0.1:%d%s", g_uri_get_port (uris->data), path);

  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  return url;
}

/* One CA and server certificate for all the SoupServer tests: making RSA
 * keys takes a second each time. */
static char *ca_dir;

static void
ensure_ca (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "make-test-ca.sh", NULL);
  const char *argv[] = { script, NULL, NULL };
  int status;

  if (ca_dir != NULL)
    return;
  ca_dir = g_dir_make_tmp ("bd-doh-XXXXXX", &error);
  g_assert_no_error (error);
  argv[1] = ca_dir;
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) cert = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *url = NULL;

  ensure_ca ();
  pem = g_build_filename (ca_dir, "server.pem", NULL);
  cert = g_tls_certificate_new_from_file (pem, &error);
  g_assert_no_error (error);

  fixture->server = soup_server_new ("tls-certificate", cert, NULL);
  soup_server_add_handler (fixture->server, NULL, server_cb, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);

  url = server_url (fixture, (const char *)data);
  fixture->client = bd_doh_client_new (url, &error);
  g_assert_no_error (error);
  ca = g_build_filename (ca_dir, "ca.pem", NULL);
  bd_doh_client_set_ca_file (fixture->client, ca, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->delayed)
    {
      soup_server_message_set_status (fixture->delayed, 500, NULL);
      soup_server_message_unpause (fixture->delayed);
    }
  g_clear_object (&fixture->client);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_http_error (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdDnsAnswer) answer = query (fixture->client, "a.example", BD_DNS_TYPE_A, NULL, &error);

  g_assert_error (error, BD_DNS_ERROR, BD_DNS_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "503"));
  g_assert_null (answer);
}

static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdDnsAnswer) answer = query (fixture->client, "a.example", BD_DNS_TYPE_A, NULL, &error);

  g_assert_error (error, BD_DNS_ERROR, BD_DNS_ERROR_MALFORMED);
  g_assert_null (answer);
}

static void
test_oversized (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdDnsAnswer) answer = query (fixture->client, "a.example", BD_DNS_TYPE_A, NULL, &error);

  g_assert_error (error, BD_DNS_ERROR, BD_DNS_ERROR_TOO_LARGE);
  g_assert_null (answer);
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdDnsAnswer) answer = NULL;
  gint64 start = g_get_monotonic_time ();

  bd_doh_client_set_timeout (fixture->client, 200);
  answer = query (fixture->client, "a.example", BD_DNS_TYPE_A, NULL, &error);
  g_assert_error (error, BD_DNS_ERROR, BD_DNS_ERROR_TIMEOUT);
  g_assert_null (answer);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdDnsAnswer) answer = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_timeout_add (100, cancel_cb, cancellable);
  answer = query (fixture->client, "a.example", BD_DNS_TYPE_A, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (answer);
}

static void
test_json (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdDnsAnswer) cloudflare = NULL;
  g_autoptr(BdDnsAnswer) google = NULL;
  g_autoptr(BdDnsAnswer) mx = NULL;
  g_autoptr(BdDnsAnswer) nx = NULL;
  g_autoptr(BdDnsAnswer) bad = NULL;

  g_assert_cmpint (bd_doh_client_get_protocol (fixture->client), ==, BD_DOH_PROTOCOL_JSON);
  cloudflare = query (fixture->client, "cloudflare.example", BD_DNS_TYPE_TXT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (record (cloudflare, 0)->data, ==, "v=spf1 ip4:192.0.2.1 -all");
  g_assert_cmpuint (g_strv_length (record (cloudflare, 0)->strings), ==, 2);
  google = query (fixture->client, "google.example", BD_DNS_TYPE_TXT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (record (google, 0)->data, ==, "v=spf1 ip4:192.0.2.1 -all");
  mx = query (fixture->client, "mx.example", BD_DNS_TYPE_MX, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (record (mx, 0)->preference, ==, 10);
  g_assert_cmpstr (record (mx, 0)->data, ==, "mail.mx.example");
  nx = query (fixture->client, "nothing.example", BD_DNS_TYPE_TXT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nx->rcode, ==, BD_DNS_RCODE_NXDOMAIN);
  bad = query (fixture->client, "bad.example", BD_DNS_TYPE_TXT, NULL, &error);
  g_assert_error (error, BD_DNS_ERROR, BD_DNS_ERROR_MALFORMED);
}

/* --- malformed wire messages -------------------------------------------- */

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_print ("1..0 # SKIP no TLS backend (glib-networking)\n");
      return 0;
    }
  doh_server_start (&bind);

  g_test_add_func ("/core/doh/bind/txt", test_bind_txt);
  g_test_add_func ("/core/doh/bind/quotes-and-escapes", test_bind_quotes);
  g_test_add_func ("/core/doh/bind/long-txt", test_bind_long_txt);
  g_test_add_func ("/core/doh/bind/large-and-cap", test_bind_large_and_cap);
  g_test_add_func ("/core/doh/bind/negative", test_bind_negative);
  g_test_add_func ("/core/doh/bind/untrusted", test_bind_untrusted);
  g_test_add_func ("/core/doh/bind/cache", test_bind_cache);
  g_test_add_func ("/core/doh/bind/parallel", test_bind_parallel);
  g_test_add_func ("/core/doh/bind/sync", test_bind_sync);
  g_test_add ("/core/doh/http-error", Fixture, "/error", fixture_setup, test_http_error, fixture_teardown);
  g_test_add ("/core/doh/malformed", Fixture, "/malformed", fixture_setup, test_malformed, fixture_teardown);
  g_test_add ("/core/doh/oversized", Fixture, "/oversized", fixture_setup, test_oversized, fixture_teardown);
  g_test_add ("/core/doh/timeout", Fixture, "/slow", fixture_setup, test_timeout, fixture_teardown);
  g_test_add ("/core/doh/cancel", Fixture, "/slow", fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/core/doh/json", Fixture, "/resolve", fixture_setup, test_json, fixture_teardown);

  ret = g_test_run ();
  doh_server_stop (&bind);
  if (ca_dir != NULL)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", ca_dir);

      if (system (cmd) != 0)
        g_printerr ("could not remove %s\n", ca_dir);
      g_free (ca_dir);
    }
  return ret;
}
