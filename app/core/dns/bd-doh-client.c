/* bd-doh-client.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-doh"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "bd-dns-wire.h"
#include "bd-doh-client-private.h"

#define DEFAULT_TIMEOUT_MSEC 5000
#define DEFAULT_MAX_SIZE     65535   /* the largest DNS message there is */
#define MAX_CACHE_TTL        3600

struct _BdDohClient
{
  GObject        parent_instance;

  /* Owned */
  char          *url;
  SoupSession   *session;
  GTlsDatabase  *extra_ca;
  GMainContext  *context;
  GHashTable    *cache;     /* "type/name" → CacheEntry */
  GMutex         cache_lock;

  BdDohProtocol  protocol;
  guint          timeout_msec;
  gsize          max_size;
  guint          n_requests;
  gint64         request_usec;   /* the network requests' times, summed */
};

G_DEFINE_FINAL_TYPE (BdDohClient, bd_doh_client, G_TYPE_OBJECT)

typedef struct
{
  BdDnsAnswer *answer;
  gint64       expires;   /* monotonic µs */
} CacheEntry;

typedef struct
{
  char          *key;
  guint16        type;
  SoupMessage   *message;
  GCancellable  *request_cancellable;   /* cancelled on timeout or by the caller */
  GCancellable  *caller_cancellable;
  gulong         cancelled_id;
  GSource       *timeout_source;
  gboolean       timed_out;
  GOutputStream *sink;
  gint64         started;   /* monotonic µs when sent; 0 from the cache */
} Request;

static void
cache_entry_free (CacheEntry *entry)
{
  bd_dns_answer_unref (entry->answer);
  g_free (entry);
}

static void
request_free (Request *request)
{
  if (request->timeout_source)
    {
      g_source_destroy (request->timeout_source);
      g_source_unref (request->timeout_source);
    }
  if (request->caller_cancellable)
    g_cancellable_disconnect (request->caller_cancellable, request->cancelled_id);
  g_clear_object (&request->caller_cancellable);
  g_clear_object (&request->request_cancellable);
  g_clear_object (&request->message);
  g_clear_object (&request->sink);
  g_free (request->key);
  g_free (request);
}

static void
bd_doh_client_finalize (GObject *object)
{
  BdDohClient *self = (BdDohClient *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->extra_ca);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_mutex_clear (&self->cache_lock);
  g_free (self->url);
  G_OBJECT_CLASS (bd_doh_client_parent_class)->finalize (object);
}

static void
bd_doh_client_class_init (BdDohClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bd_doh_client_finalize;
}

static void
bd_doh_client_init (BdDohClient *self)
{
  const char *timeout = g_getenv ("BD_DOH_TIMEOUT_MSEC");

  /* $BD_DOH_TIMEOUT_MSEC: for slow environments (the sanitizer builds of
   * the tests); a program may still set its own with set_timeout(). */
  self->timeout_msec = DEFAULT_TIMEOUT_MSEC;
  if (timeout != NULL && g_ascii_strtoull (timeout, NULL, 10) > 0)
    self->timeout_msec = MIN (g_ascii_strtoull (timeout, NULL, 10), 120000);
  self->max_size = DEFAULT_MAX_SIZE;
  self->context = g_main_context_ref_thread_default ();
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)cache_entry_free);
  g_mutex_init (&self->cache_lock);
  /* proxies are left to the system; the resolver is the only peer */
  self->session = soup_session_new_with_options ("user-agent", "BounceDoctor/" PACKAGE_VERSION,
                                                 "max-conns-per-host", 8, NULL);
}

/**
 * bd_doh_client_new:
 * @url: an https:// DoH endpoint; a path ending in "/resolve" (Google) or
 *   a "ct=application/dns-json" parameter (Cloudflare) means the JSON API,
 *   anything else RFC 8484
 *
 * Returns: (transfer full) (nullable): a client, or NULL for a bad URL
 */
BdDohClient *
bd_doh_client_new (const char  *url,
                   GError     **error)
{
  g_autoptr(BdDohClient) self = NULL;
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "https") != 0
      || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      /* Translators: %s is what the user typed as the resolver address */
      g_set_error (error, BD_DNS_ERROR, BD_DNS_ERROR_INVALID,
                   _("“%s” is not a DNS-over-HTTPS address: it must start with https://."), url);
      return NULL;
    }
  self = g_object_new (BD_TYPE_DOH_CLIENT, NULL);
  self->url = g_strdup (url);
  /* Google's JSON endpoint is /resolve; Cloudflare's takes ?ct=application/dns-json */
  if (g_str_has_suffix (g_uri_get_path (uri), "/resolve")
      || (g_uri_get_query (uri) && strstr (g_uri_get_query (uri), "ct=application/dns-json")))
    self->protocol = BD_DOH_PROTOCOL_JSON;
  return g_steal_pointer (&self);
}

const char *
bd_doh_client_get_url (BdDohClient *self)
{
  g_return_val_if_fail (BD_IS_DOH_CLIENT (self), NULL);
  return self->url;
}

BdDohProtocol
bd_doh_client_get_protocol (BdDohClient *self)
{
  g_return_val_if_fail (BD_IS_DOH_CLIENT (self), BD_DOH_PROTOCOL_WIRE);
  return self->protocol;
}

/* Trust @path's CA(s) in addition to the system's: a certificate the
 * system store refuses is accepted only if it verifies against this one. */
gboolean
bd_doh_client_set_ca_file (BdDohClient  *self,
                           const char   *path,
                           GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  GTlsDatabase *database;

  g_return_val_if_fail (BD_IS_DOH_CLIENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (path == NULL || *path == '\0')
    {
      g_clear_object (&self->extra_ca);
      return TRUE;
    }
  database = g_tls_file_database_new (path, &local_error);
  if (database == NULL)
    {
      /* Translators: %1$s is a file name, %2$s the reason */
      g_set_error (error, BD_DNS_ERROR, BD_DNS_ERROR_INVALID,
                   _("Cannot use the certificate file “%1$s”: %2$s"), path, local_error->message);
      return FALSE;
    }
  g_clear_object (&self->extra_ca);
  self->extra_ca = database;
  return TRUE;
}

void
bd_doh_client_set_timeout (BdDohClient *self,
                           guint        msec)
{
  g_return_if_fail (BD_IS_DOH_CLIENT (self));
  self->timeout_msec = msec;
}

void
bd_doh_client_set_max_size (BdDohClient *self,
                            gsize        bytes)
{
  g_return_if_fail (BD_IS_DOH_CLIENT (self));
  self->max_size = MAX (bytes, 12);
}

guint
bd_doh_client_get_n_requests (BdDohClient *self)
{
  g_return_val_if_fail (BD_IS_DOH_CLIENT (self), 0);
  return self->n_requests;
}

static BdDnsAnswer *
cache_lookup (BdDohClient *self,
              const char  *key)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->cache_lock);
  CacheEntry *entry = g_hash_table_lookup (self->cache, key);

  if (entry == NULL)
    return NULL;
  if (entry->expires <= g_get_monotonic_time ())
    {
      g_hash_table_remove (self->cache, key);
      return NULL;
    }
  return bd_dns_answer_ref (entry->answer);
}

static void
cache_store (BdDohClient *self,
             const char  *key,
             BdDnsAnswer *answer)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->cache_lock);
  CacheEntry *entry;
  guint32 ttl = MIN (answer->ttl, MAX_CACHE_TTL);

  if (ttl == 0)
    return;
  entry = g_new0 (CacheEntry, 1);
  entry->answer = bd_dns_answer_ref (answer);
  entry->expires = g_get_monotonic_time () + (gint64)ttl * G_USEC_PER_SEC;
  g_hash_table_replace (self->cache, g_strdup (key), entry);
}

static char *
resolver_host (BdDohClient *self)
{
  g_autoptr(GUri) uri = g_uri_parse (self->url, SOUP_HTTP_URI_FLAGS, NULL);

  return g_strdup (uri ? g_uri_get_host (uri) : self->url);
}

/* Turns whatever libsoup/GIO said into one of our errors, in words. */
static GError *
describe_error (BdDohClient *self,
                Request     *request,
                GError      *error)
{
  g_autofree char *host = resolver_host (self);

  if (request->timed_out)
    /* Translators: %s is the resolver's host name */
    return g_error_new (BD_DNS_ERROR, BD_DNS_ERROR_TIMEOUT,
                        _("The DNS resolver %s did not answer in time."), host);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    /* Translators: %s is the resolver's host name */
    return g_error_new (BD_DNS_ERROR, BD_DNS_ERROR_TOO_LARGE,
                        _("The DNS resolver %s sent an answer that is too large."), host);
  if (error->domain == G_TLS_ERROR)
    /* Translators: %1$s is the resolver's host name, %2$s the reason */
    return g_error_new (BD_DNS_ERROR, BD_DNS_ERROR_NETWORK,
                        _("The DNS resolver %1$s could not prove its identity (%2$s). If it is a company resolver, add its certificate authority in Preferences."),
                        host, error->message);
  /* Translators: %1$s is the resolver's host name, %2$s the reason */
  return g_error_new (BD_DNS_ERROR, BD_DNS_ERROR_NETWORK,
                      _("Cannot reach the DNS resolver %1$s (%2$s). Check the internet connection."),
                      host, error->message);
}

static gboolean
accept_certificate_cb (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  BdDohClient *self = user_data;
  g_autoptr(GSocketConnectable) identity = NULL;
  GUri *uri = soup_message_get_uri (message);
  GTlsCertificateFlags flags;

  if (self->extra_ca == NULL)
    return FALSE;
  /* a full verification against the extra CA, host name included */
  identity = g_network_address_new (g_uri_get_host (uri), g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : 443);
  flags = g_tls_database_verify_chain (self->extra_ca, certificate,
                                       G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                       identity, NULL, G_TLS_DATABASE_VERIFY_NONE, NULL, NULL);
  return flags == 0;
}

static gboolean
timeout_cb (gpointer user_data)
{
  Request *request = user_data;

  request->timed_out = TRUE;
  g_cancellable_cancel (request->request_cancellable);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *cancellable,
                     GCancellable *request_cancellable)
{
  g_cancellable_cancel (request_cancellable);
}

static void
return_error (GTask  *task,
              GError *error)
{
  BdDohClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);

  g_task_return_error (task, describe_error (self, request, error));
  g_error_free (error);
}

static void
finish_body (GTask *task)
{
  BdDohClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  GMemoryOutputStream *sink = G_MEMORY_OUTPUT_STREAM (request->sink);
  const char *content_type;
  g_autoptr(GError) error = NULL;
  BdDnsAnswer *answer;
  gsize size = g_memory_output_stream_get_data_size (sink);
  const guint8 *data = g_memory_output_stream_get_data (sink);

  content_type = soup_message_headers_get_content_type (soup_message_get_response_headers (request->message), NULL);
  if (self->protocol == BD_DOH_PROTOCOL_JSON || g_strcmp0 (content_type, "application/dns-json") == 0
      || g_strcmp0 (content_type, "application/json") == 0)
    answer = bd_dns_json_parse ((const char *)data, size, request->type, &error);
  else
    answer = bd_dns_wire_parse (data, size, request->type, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  cache_store (self, request->key, answer);
  g_task_return_pointer (task, answer, (GDestroyNotify)bd_dns_answer_unref);
}

static void
splice_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (object), result, &error) < 0)
    {
      return_error (task, error);
      return;
    }
  finish_body (task);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BdDohClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GInputStream) body = NULL;
  GError *error = NULL;
  guint status;
  goffset length;

  body = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL)
    {
      return_error (task, error);
      return;
    }
  status = soup_message_get_status (request->message);
  if (status < 200 || status > 299)
    {
      g_autofree char *host = resolver_host (self);

      /* Translators: %1$s is the resolver's host name, %2$u an HTTP status such as 404, %3$s its text */
      g_task_return_new_error (task, BD_DNS_ERROR, BD_DNS_ERROR_HTTP,
                               _("The DNS resolver %1$s refused the query (HTTP %2$u %3$s)."),
                               host, status, soup_message_get_reason_phrase (request->message));
      return;
    }
  length = soup_message_headers_get_content_length (soup_message_get_response_headers (request->message));
  if (length > (goffset)self->max_size)
    {
      return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NO_SPACE, "too large"));
      return;
    }
  /* a fixed buffer that cannot grow: one byte more than the cap fails */
  request->sink = g_memory_output_stream_new (g_malloc (self->max_size), self->max_size, NULL, g_free);
  g_output_stream_splice_async (request->sink, body,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, request->request_cancellable,
                                splice_cb, g_steal_pointer (&task));
}

static char *
request_url (BdDohClient  *self,
             const char   *name,
             guint16       type,
             GError      **error)
{
  const char *sep = strchr (self->url, '?') ? "&" : "?";

  if (self->protocol == BD_DOH_PROTOCOL_JSON)
    {
      g_autofree char *escaped = g_uri_escape_string (name, NULL, FALSE);

      return g_strdup_printf ("%s%sname=%s&type=%u", self->url, sep, escaped, type);
    }
  else
    {
      g_autofree char *query = bd_dns_wire_build_query (name, type, error);

      if (query == NULL)
        return NULL;
      return g_strdup_printf ("%s%sdns=%s", self->url, sep, query);
    }
}

void
bd_doh_client_query_async (BdDohClient         *self,
                           const char          *name,
                           guint16              type,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *url = NULL;
  BdDnsAnswer *cached;
  Request *request;
  GError *error = NULL;

  g_return_if_fail (BD_IS_DOH_CLIENT (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bd_doh_client_query_async);
  normalized = bd_dns_normalize_name (name);
  request = g_new0 (Request, 1);
  request->type = type;
  request->key = g_strdup_printf ("%u/%s", type, normalized);
  g_task_set_task_data (task, request, (GDestroyNotify)request_free);

  if ((cached = cache_lookup (self, request->key)) != NULL)
    {
      g_task_return_pointer (task, cached, (GDestroyNotify)bd_dns_answer_unref);
      return;
    }
  if ((url = request_url (self, normalized, type, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  request->message = soup_message_new (SOUP_METHOD_GET, url);
  if (request->message == NULL)
    {
      g_task_return_new_error (task, BD_DNS_ERROR, BD_DNS_ERROR_INVALID,
                               _("“%s” is not a DNS-over-HTTPS address: it must start with https://."), self->url);
      return;
    }
  soup_message_headers_replace (soup_message_get_request_headers (request->message), "Accept",
                                self->protocol == BD_DOH_PROTOCOL_JSON ? "application/dns-json"
                                                                       : "application/dns-message");
  g_signal_connect_object (request->message, "accept-certificate",
                           G_CALLBACK (accept_certificate_cb), self, 0);

  request->request_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      request->caller_cancellable = g_object_ref (cancellable);
      request->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                     request->request_cancellable, NULL);
    }
  if (self->timeout_msec > 0)
    {
      request->timeout_source = g_timeout_source_new (self->timeout_msec);
      g_source_set_callback (request->timeout_source, timeout_cb, request, NULL);
      g_source_attach (request->timeout_source, g_main_context_get_thread_default ());
    }
  self->n_requests++;
  request->started = g_get_monotonic_time ();
  soup_session_send_async (self->session, request->message, G_PRIORITY_DEFAULT,
                           request->request_cancellable, send_cb, g_steal_pointer (&task));
}

BdDnsAnswer *
bd_doh_client_query_finish (BdDohClient   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  Request *request;

  g_return_val_if_fail (BD_IS_DOH_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  request = g_task_get_task_data (G_TASK (result));
  if (request != NULL && request->started > 0)
    self->request_usec += g_get_monotonic_time () - request->started;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The sum of the network look-ups' times (from sending to the answer),
 * to compare with a whole check's time: how much ran in parallel. */
gint64
bd_doh_client_get_request_time (BdDohClient *self)
{
  g_return_val_if_fail (BD_IS_DOH_CLIENT (self), 0);
  return self->request_usec;
}

/* The main context the queries run on (bd-doh-client-private.h). */
GMainContext *
bd_doh_client_get_context (BdDohClient *self)
{
  g_return_val_if_fail (BD_IS_DOH_CLIENT (self), NULL);
  return self->context;
}
