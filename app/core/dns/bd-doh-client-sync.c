/* bd-doh-client-sync.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The blocking side of BdDohClient, for the domain check's worker threads
 * (BdDnsLookup): each query still runs asynchronously on the client's own
 * main context (bd-doh-client.c), and the calling thread waits for it.
 */
#define G_LOG_DOMAIN "bd-doh"

#include "config.h"

#include "bd-doh-client-private.h"

/* The blocking call: the query runs on the client's own main context and
 * this thread waits for it. */
typedef struct
{
  BdDohClient  *self;
  const char   *name;
  guint16       type;
  GCancellable *cancellable;
  GMutex        mutex;
  GCond         cond;
  gboolean      done;
  BdDnsAnswer  *answer;
  GError       *error;
} SyncCall;

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyncCall *call = user_data;
  BdDnsAnswer *answer;
  GError *error = NULL;

  answer = bd_doh_client_query_finish (BD_DOH_CLIENT (object), result, &error);
  g_mutex_lock (&call->mutex);
  call->answer = answer;
  call->error = error;
  call->done = TRUE;
  g_cond_signal (&call->cond);
  g_mutex_unlock (&call->mutex);
}

static gboolean
sync_start_cb (gpointer user_data)
{
  SyncCall *call = user_data;

  bd_doh_client_query_async (call->self, call->name, call->type, call->cancellable,
                             sync_done_cb, call);
  return G_SOURCE_REMOVE;
}

BdDnsAnswer *
bd_doh_client_query_sync (BdDohClient   *self,
                          const char    *name,
                          guint16        type,
                          GCancellable  *cancellable,
                          GError       **error)
{
  SyncCall call = { self, name, type, cancellable };
  g_autoptr(GSource) source = NULL;

  g_return_val_if_fail (BD_IS_DOH_CLIENT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (!g_main_context_is_owner (bd_doh_client_get_context (self)), NULL);

  g_mutex_init (&call.mutex);
  g_cond_init (&call.cond);
  source = g_idle_source_new ();
  /* Default priority, not idle: a busy GUI (a spinner redrawing every
   * frame) must not starve the look-ups a worker thread waits for. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, sync_start_cb, &call, NULL);
  g_source_attach (source, bd_doh_client_get_context (self));

  g_mutex_lock (&call.mutex);
  while (!call.done)
    g_cond_wait (&call.cond, &call.mutex);
  g_mutex_unlock (&call.mutex);
  g_mutex_clear (&call.mutex);
  g_cond_clear (&call.cond);

  if (call.error != NULL)
    g_propagate_error (error, call.error);
  return call.answer;
}

static BdDnsAnswer *
client_lookup (gpointer       user_data,
               const char    *name,
               guint16        type,
               GCancellable  *cancellable,
               GError       **error)
{
  return bd_doh_client_query_sync (BD_DOH_CLIENT (user_data), name, type, cancellable, error);
}

void
bd_doh_client_get_lookup (BdDohClient *self,
                          BdDnsLookup *lookup)
{
  g_return_if_fail (BD_IS_DOH_CLIENT (self));
  g_return_if_fail (lookup != NULL);
  lookup->func = client_lookup;
  lookup->user_data = self;
}
