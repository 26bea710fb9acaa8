/* bd-mailbox-scan.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker thread only appends to a queue and bumps counters under a
 * mutex; a 100 ms timer on the caller's main context drains the queue into
 * "bounces-found-batch" and "file-error" (in the order the worker met
 * them) and notifies the progress properties. So the UI gets at most ten
 * updates a second however fast the scan goes, and never a signal from
 * another thread.
 */
#define G_LOG_DOMAIN "bd-mailbox-scan"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <sys/stat.h>

#include "bd-decoder.h"
#include "bd-mailbox.h"
#include "bd-mailbox-scan.h"

#define FLUSH_INTERVAL_MS 100

typedef struct
{
  BdBounce *bounce;   /* one of the two */
  char     *error;
} Event;

typedef struct
{
  guint64  bytes_done;
  guint64  bytes_total;
  guint    messages_read;
  guint    bounces_found;
} Counters;

struct _BdMailboxScan
{
  GObject       parent_instance;

  /* Owned */
  GFile        *location;
  GSource      *timer;
  guint         flush_interval_ms;
  Counters      shown;        /* what the properties say (main context) */

  /* Shared with the worker, under @mutex */
  GMutex        mutex;
  Counters      counted;
  GQueue        events;       /* (element-type Event) */
  gboolean      running;
};

G_DEFINE_FINAL_TYPE (BdMailboxScan, bd_mailbox_scan, G_TYPE_OBJECT)

enum { PROP_0, PROP_LOCATION, PROP_BYTES_DONE, PROP_BYTES_TOTAL, PROP_MESSAGES_READ,
       PROP_BOUNCES_FOUND, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_BOUNCES_FOUND_BATCH, SIGNAL_FILE_ERROR, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
event_free (Event *event)
{
  g_clear_pointer (&event->bounce, bd_bounce_unref);
  g_free (event->error);
  g_free (event);
}

static void
push_event (BdMailboxScan *self,
            BdBounce      *bounce,
            char          *error)
{
  Event *event = g_new0 (Event, 1);

  event->bounce = bounce;
  event->error = error;
  g_mutex_lock (&self->mutex);
  g_queue_push_tail (&self->events, event);
  if (bounce != NULL)
    self->counted.bounces_found++;
  g_mutex_unlock (&self->mutex);
}

static gboolean
message_cb (const char *source,
            goffset     offset,
            const char *data,
            gsize       len,
            gpointer    user_data)
{
  BdMailboxScan *self = user_data;
  BdBounce *bounce;

  g_mutex_lock (&self->mutex);
  self->counted.messages_read++;
  g_mutex_unlock (&self->mutex);
  if (data == NULL)
    return TRUE;
  bounce = bd_decoder_decode_bytes (data, len, source, offset);
  if (bounce->kind == BD_KIND_NOT_BOUNCE)
    bd_bounce_unref (bounce);
  else
    push_event (self, bounce, NULL);
  return TRUE;
}

static void
error_cb (const char   *source,
          const GError *error,
          gpointer      user_data)
{
  push_event (user_data, NULL, g_strdup (error->message));
}

static void
progress_cb (guint64  bytes,
             gpointer user_data)
{
  BdMailboxScan *self = user_data;

  g_mutex_lock (&self->mutex);
  self->counted.bytes_done += bytes;
  g_mutex_unlock (&self->mutex);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  BdMailboxScan *self = source_object;
  g_autofree char *path = g_file_get_path (self->location);
  BdMailboxReadOptions options = { 0 };
  struct stat st;
  guint64 total;

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (self->location);

      /* Translators: %s is a location such as an smb:// or sftp:// address */
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Could not read “%s”: only mailboxes on this computer can be opened"), uri);
      return;
    }
  if (stat (path, &st) != 0)
    {
      int saved_errno = errno;

      /* Translators: the first %s is a file name, the second the system's reason */
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _("Could not read “%s”: %s"), path, g_strerror (saved_errno));
      return;
    }

  total = bd_mailbox_measure (path, cancellable);
  g_mutex_lock (&self->mutex);
  self->counted.bytes_total = total;
  g_mutex_unlock (&self->mutex);

  options.flags = BD_MAILBOX_READ_SKIP_NON_BOUNCES;
  options.message_func = message_cb;
  options.error_func = error_cb;
  options.progress_func = progress_cb;
  options.cancellable = cancellable;
  options.user_data = self;
  bd_mailbox_read_with_options (path, &options);
  g_task_return_boolean (task, TRUE);
}

static void
notify_counter (BdMailboxScan *self,
                guint64       *shown,
                guint64        counted,
                guint          prop)
{
  if (*shown == counted)
    return;
  *shown = counted;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
notify_count (BdMailboxScan *self,
              guint         *shown,
              guint          counted,
              guint          prop)
{
  if (*shown == counted)
    return;
  *shown = counted;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* A new array per batch: a handler may keep a reference to it. */
static void
emit_batch (BdMailboxScan  *self,
            GPtrArray     **batch)
{
  if ((*batch)->len == 0)
    return;
  g_signal_emit (self, signals[SIGNAL_BOUNCES_FOUND_BATCH], 0, *batch);
  g_ptr_array_unref (*batch);
  *batch = g_ptr_array_new_with_free_func ((GDestroyNotify)bd_bounce_unref);
}

/* On the main context: hands out what the worker queued. */
static void
flush (BdMailboxScan *self)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify)bd_bounce_unref);
  GQueue events = G_QUEUE_INIT;
  Counters counted;
  Event *event;

  g_mutex_lock (&self->mutex);
  events = self->events;
  g_queue_init (&self->events);
  counted = self->counted;
  g_mutex_unlock (&self->mutex);

  g_object_ref (self);
  g_object_freeze_notify (G_OBJECT (self));
  while ((event = g_queue_pop_head (&events)) != NULL)
    {
      if (event->bounce != NULL)
        g_ptr_array_add (batch, g_steal_pointer (&event->bounce));
      else
        {
          emit_batch (self, &batch);
          g_signal_emit (self, signals[SIGNAL_FILE_ERROR], 0, event->error);
        }
      event_free (event);
    }
  emit_batch (self, &batch);
  notify_counter (self, &self->shown.bytes_total, counted.bytes_total, PROP_BYTES_TOTAL);
  notify_counter (self, &self->shown.bytes_done, counted.bytes_done, PROP_BYTES_DONE);
  notify_count (self, &self->shown.messages_read, counted.messages_read, PROP_MESSAGES_READ);
  notify_count (self, &self->shown.bounces_found, counted.bounces_found, PROP_BOUNCES_FOUND);
  g_object_thaw_notify (G_OBJECT (self));
  g_object_unref (self);
}

static gboolean
flush_timeout_cb (gpointer user_data)
{
  flush (user_data);
  return G_SOURCE_CONTINUE;
}

static void
stop_timer (BdMailboxScan *self)
{
  if (self->timer == NULL)
    return;
  g_source_destroy (self->timer);
  g_clear_pointer (&self->timer, g_source_unref);
}

/* Back on the caller's context: the last events, then the result. */
static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  BdMailboxScan *self = BD_MAILBOX_SCAN (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  stop_timer (self);
  flush (self);
  self->running = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
bd_mailbox_scan_dispose (GObject *object)
{
  BdMailboxScan *self = (BdMailboxScan *)object;

  stop_timer (self);
  G_OBJECT_CLASS (bd_mailbox_scan_parent_class)->dispose (object);
}

static void
bd_mailbox_scan_finalize (GObject *object)
{
  BdMailboxScan *self = (BdMailboxScan *)object;

  g_clear_object (&self->location);
  g_queue_clear_full (&self->events, (GDestroyNotify)event_free);
  g_mutex_clear (&self->mutex);
  G_OBJECT_CLASS (bd_mailbox_scan_parent_class)->finalize (object);
}

static void
bd_mailbox_scan_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BdMailboxScan *self = BD_MAILBOX_SCAN (object);

  switch (prop_id)
    {
    case PROP_LOCATION:
      g_value_set_object (value, self->location);
      break;
    case PROP_BYTES_DONE:
      g_value_set_uint64 (value, bd_mailbox_scan_get_bytes_done (self));
      break;
    case PROP_BYTES_TOTAL:
      g_value_set_uint64 (value, bd_mailbox_scan_get_bytes_total (self));
      break;
    case PROP_MESSAGES_READ:
      g_value_set_uint (value, bd_mailbox_scan_get_messages_read (self));
      break;
    case PROP_BOUNCES_FOUND:
      g_value_set_uint (value, bd_mailbox_scan_get_bounces_found (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_mailbox_scan_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BdMailboxScan *self = BD_MAILBOX_SCAN (object);

  switch (prop_id)
    {
    case PROP_LOCATION:
      self->location = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_mailbox_scan_class_init (BdMailboxScanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags read_only = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = bd_mailbox_scan_dispose;
  object_class->finalize = bd_mailbox_scan_finalize;
  object_class->get_property = bd_mailbox_scan_get_property;
  object_class->set_property = bd_mailbox_scan_set_property;

  properties[PROP_LOCATION] =
    g_param_spec_object ("location", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BYTES_DONE] = g_param_spec_uint64 ("bytes-done", NULL, NULL, 0, G_MAXUINT64, 0, read_only);
  properties[PROP_BYTES_TOTAL] = g_param_spec_uint64 ("bytes-total", NULL, NULL, 0, G_MAXUINT64, 0, read_only);
  properties[PROP_MESSAGES_READ] = g_param_spec_uint ("messages-read", NULL, NULL, 0, G_MAXUINT, 0, read_only);
  properties[PROP_BOUNCES_FOUND] = g_param_spec_uint ("bounces-found", NULL, NULL, 0, G_MAXUINT, 0, read_only);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BdMailboxScan::bounces-found-batch:
   * @bounces: (element-type BdBounce) (transfer none): delivery reports
   *   (every kind but not-bounce), in file order
   */
  signals[SIGNAL_BOUNCES_FOUND_BATCH] =
    g_signal_new ("bounces-found-batch", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
  /**
   * BdMailboxScan::file-error:
   * @message: a translated sentence naming the file that could not be read
   */
  signals[SIGNAL_FILE_ERROR] =
    g_signal_new ("file-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
bd_mailbox_scan_init (BdMailboxScan *self)
{
  g_mutex_init (&self->mutex);
  g_queue_init (&self->events);
}

/**
 * bd_mailbox_scan_new:
 * @location: an mbox file, a Maildir or a folder
 *
 * Returns: (transfer full): a scan, not started yet
 */
BdMailboxScan *
bd_mailbox_scan_new (GFile *location)
{
  g_return_val_if_fail (G_IS_FILE (location), NULL);

  return g_object_new (BD_TYPE_MAILBOX_SCAN, "location", location, NULL);
}

/**
 * bd_mailbox_scan_set_flush_interval:
 * @msec: how often found bounces and progress are handed over, in ms
 *
 * The default suits a window; a test sets it short to see results
 * arrive while a small mailbox is still being read. Call before running.
 */
void
bd_mailbox_scan_set_flush_interval (BdMailboxScan *self,
                                    guint          msec)
{
  g_return_if_fail (BD_IS_MAILBOX_SCAN (self));
  g_return_if_fail (msec > 0);

  self->flush_interval_ms = msec;
}

guint64
bd_mailbox_scan_get_bytes_done (BdMailboxScan *self)
{
  g_return_val_if_fail (BD_IS_MAILBOX_SCAN (self), 0);

  return self->shown.bytes_done;
}

/* 0 until the worker has measured the mailbox. */
guint64
bd_mailbox_scan_get_bytes_total (BdMailboxScan *self)
{
  g_return_val_if_fail (BD_IS_MAILBOX_SCAN (self), 0);

  return self->shown.bytes_total;
}

guint
bd_mailbox_scan_get_messages_read (BdMailboxScan *self)
{
  g_return_val_if_fail (BD_IS_MAILBOX_SCAN (self), 0);

  return self->shown.messages_read;
}

/* Delivery reports of every kind but not-bounce: what the batches held. */
guint
bd_mailbox_scan_get_bounces_found (BdMailboxScan *self)
{
  g_return_val_if_fail (BD_IS_MAILBOX_SCAN (self), 0);

  return self->shown.bounces_found;
}

/**
 * bd_mailbox_scan_run_async:
 *
 * Starts the scan; a scan runs once. Signals and notifications arrive on
 * the thread-default main context of the caller, all of them before
 * @callback.
 */
void
bd_mailbox_scan_run_async (BdMailboxScan       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;

  g_return_if_fail (BD_IS_MAILBOX_SCAN (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (!self->running);

  self->running = TRUE;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bd_mailbox_scan_run_async);

  self->timer = g_timeout_source_new (self->flush_interval_ms ? self->flush_interval_ms : FLUSH_INTERVAL_MS);
  g_source_set_callback (self->timer, flush_timeout_cb, self, NULL);
  g_source_set_static_name (self->timer, "[bd-mailbox-scan] flush");
  g_source_attach (self->timer, g_main_context_get_thread_default ());

  worker = g_task_new (self, cancellable, run_cb, g_steal_pointer (&task));
  g_task_set_check_cancellable (worker, FALSE);
  g_task_run_in_thread (worker, run_thread);
}

/**
 * bd_mailbox_scan_run_finish:
 *
 * Returns: %TRUE when the scan ran to the end (files it could not read
 *   were reported by "file-error"); %FALSE with %G_IO_ERROR_CANCELLED
 *   when cancelled, or another error when the location could not be read.
 */
gboolean
bd_mailbox_scan_run_finish (BdMailboxScan  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (BD_IS_MAILBOX_SCAN (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * bd_mailbox_reread_message:
 * @source: a BdBounce's source
 * @offset: its offset
 *
 * Reads one message again (for the detail view) and decodes it.
 *
 * Returns: (transfer full): the decoded message, or %NULL with @error set
 */
BdBounce *
bd_mailbox_reread_message (const char  *source,
                           goffset      offset,
                           GError     **error)
{
  g_autoptr(GBytes) message = NULL;
  gsize len;
  const char *data;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (offset >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!bd_mailbox_read_message_at (source, offset, &message, error))
    return NULL;
  data = g_bytes_get_data (message, &len);
  return bd_decoder_decode_bytes (data != NULL ? data : "", len, source, offset);
}
