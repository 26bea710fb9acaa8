/* bd-cli-ordered.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Items are taken in index order, so the item whose turn it is to write
 * has always been taken by a thread and never waits. An item that ends
 * before its turn leaves its output behind and its thread goes on with the
 * next item; whoever ends the item whose turn it is writes out every
 * finished output that follows it. A thread waits only when too much is
 * held back (BD_CLI_HOLD_MAX in one item, PENDING_MAX left behind).
 */
#define G_LOG_DOMAIN "bd-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bd-cli-ordered.h"

#define MAX_THREADS 8
#define PENDING_MAX (8 * 1024 * 1024)

typedef struct
{
  guint          n_items;
  BdCliItemFunc  func;
  gpointer       user_data;
  gint           next;      /* atomic: the next item to take */
  gint           failed;    /* atomic */
  GMutex         lock;
  GCond          turn_changed;
  gint           turn;      /* atomic; changed under the lock: the item whose output goes out now */
  guint          waiting;   /* threads in wait_for_turn (): without any, no wake-up call */
  GHashTable    *finished;  /* index → BdCliOutput left behind, not yet out */
  gsize          pending;   /* bytes they hold */
} Runner;

typedef struct
{
  gsize  at;                /* where in the held output it came */
  char  *message;
} HeldError;

struct _BdCliOutput
{
  Runner  *runner;
  guint    index;
  gboolean head;            /* its turn: writes go straight out */
  gsize    held_size;       /* bytes held, error messages included */
  GString *held;
  GArray  *errors;          /* of HeldError */
};

/* The first error writing standard output (a full disk, a closed
 * socket), 0 while there is none: bd_cli_stdout_written () reports it, so
 * that a run whose output was lost does not end as if it had been written. */
static int stdout_errno;

static void
note_stdout_error (int saved_errno)
{
  if (stdout_errno == 0)
    stdout_errno = saved_errno != 0 ? saved_errno : EIO;
}

/* write (2) of all @len bytes at @data to standard output, after what
 * stdio holds. */
static void
write_direct (const char *data,
              gsize       len)
{
  if (fflush (stdout) != 0)
    note_stdout_error (errno);
  while (len > 0)
    {
      gssize n = write (STDOUT_FILENO, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          note_stdout_error (n < 0 ? errno : EIO);
          return;
        }
      data += n;
      len -= n;
    }
}

static void
write_stdout (const char *data,
              gsize       len)
{
  if (len >= BD_CLI_DIRECT_MIN)
    write_direct (data, len);
  else if (len > 0 && fwrite (data, 1, len, stdout) < len)
    note_stdout_error (errno);
}

/**
 * bd_cli_stdout_written:
 * @saved_errno: (out): why not, when not
 *
 * Flushes standard output. Returns: %TRUE when everything written to it
 * (through this file's writers or stdio) got out.
 */
gboolean
bd_cli_stdout_written (int *saved_errno)
{
  if (fflush (stdout) != 0 || ferror (stdout))
    note_stdout_error (errno);
  *saved_errno = stdout_errno;
  return stdout_errno == 0;
}

static void
write_stderr (const char *message)
{
  fflush (stdout);
  fputs (message, stderr);
}

static BdCliOutput *
output_new (Runner *runner,
            guint   index)
{
  BdCliOutput *out = g_new0 (BdCliOutput, 1);

  out->runner = runner;
  out->index = index;
  out->held = g_string_new (NULL);
  out->errors = g_array_new (FALSE, FALSE, sizeof (HeldError));
  return out;
}

static void
output_free (BdCliOutput *out)
{
  g_string_free (out->held, TRUE);
  g_array_unref (out->errors);
  g_free (out);
}

/* Lets out what @out held, errors in their places. */
static void
write_held (BdCliOutput *out)
{
  gsize done = 0;

  for (guint i = 0; i < out->errors->len; i++)
    {
      HeldError *e = &g_array_index (out->errors, HeldError, i);

      write_stdout (out->held->str + done, e->at - done);
      done = e->at;
      write_stderr (e->message);
      g_free (e->message);
    }
  write_stdout (out->held->str + done, out->held->len - done);
  g_array_set_size (out->errors, 0);
  g_string_truncate (out->held, 0);
  out->held_size = 0;
}

/* With the lock held: waits until every earlier item is out. */
static void
wait_for_turn (Runner *runner,
               guint   index)
{
  while ((guint)g_atomic_int_get (&runner->turn) != index)
    {
      runner->waiting++;
      g_cond_wait (&runner->turn_changed, &runner->lock);
      runner->waiting--;
    }
}

/* Called while an item runs, when its turn has come or it holds too
 * much: waits for its turn, then streams straight out. */
static void
take_turn (BdCliOutput *out)
{
  Runner *runner = out->runner;

  if (out->head)
    return;
  g_mutex_lock (&runner->lock);
  wait_for_turn (runner, out->index);
  g_mutex_unlock (&runner->lock);
  write_held (out);
  out->head = TRUE;
}

/* Whether @out should stop holding: its turn has come (every earlier item
 * is out), or it holds too much. */
static gboolean
should_stream (BdCliOutput *out)
{
  return (guint)g_atomic_int_get (&out->runner->turn) == out->index || out->held_size > BD_CLI_HOLD_MAX;
}

void
bd_cli_output_write (BdCliOutput *out,
                     const char  *data,
                     gsize        len)
{
  if (!out->head && should_stream (out))
    take_turn (out);
  if (out->head)
    {
      write_stdout (data, len);
      return;
    }
  g_string_append_len (out->held, data, len);
  out->held_size += len;
}

void
bd_cli_output_error (BdCliOutput *out,
                     const char  *message)
{
  HeldError e;

  if (!out->head && should_stream (out))
    take_turn (out);
  if (out->head)
    {
      write_stderr (message);
      return;
    }
  e.at = out->held->len;
  e.message = g_strdup (message);
  g_array_append_val (out->errors, e);
  out->held_size += strlen (message);
}

/* With the lock held, at @out's turn: writes it and every finished output
 * after it, and moves the turn on. */
static void
write_in_order (Runner      *runner,
                BdCliOutput *out)
{
  BdCliOutput *next;

  write_held (out);
  output_free (out);
  g_atomic_int_inc (&runner->turn);
  while ((next = g_hash_table_lookup (runner->finished, GINT_TO_POINTER (g_atomic_int_get (&runner->turn)))) != NULL)
    {
      g_hash_table_remove (runner->finished, GINT_TO_POINTER (g_atomic_int_get (&runner->turn)));
      runner->pending -= next->held_size;
      write_held (next);
      output_free (next);
      g_atomic_int_inc (&runner->turn);
    }
  /* GLib's broadcast is a system call even with nobody waiting. */
  if (runner->waiting > 0)
    g_cond_broadcast (&runner->turn_changed);
}

static void
run_item (Runner *runner,
          guint   index)
{
  BdCliOutput *out = output_new (runner, index);

  if (!runner->func (index, out, runner->user_data))
    g_atomic_int_set (&runner->failed, 1);

  g_mutex_lock (&runner->lock);
  if ((guint)g_atomic_int_get (&runner->turn) != index && runner->pending + out->held_size <= PENDING_MAX)
    {
      /* not its turn: leave the output behind and go on */
      runner->pending += out->held_size;
      g_hash_table_insert (runner->finished, GUINT_TO_POINTER (index), out);
    }
  else
    {
      wait_for_turn (runner, index);
      write_in_order (runner, out);
    }
  g_mutex_unlock (&runner->lock);
}

static gpointer
worker (gpointer data)
{
  Runner *runner = data;
  guint index;

  while ((index = (guint)g_atomic_int_add (&runner->next, 1)) < runner->n_items)
    run_item (runner, index);
  return NULL;
}

static guint
threads_wanted (guint n_threads)
{
  const char *env = g_getenv ("BD_CLI_THREADS");

  if (n_threads == 0 && env != NULL && atoi (env) > 0)
    n_threads = (guint)atoi (env);
  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  return CLAMP (n_threads, 1, MAX_THREADS);
}

gboolean
bd_cli_run_ordered (guint         n_items,
                    guint         n_threads,
                    BdCliItemFunc func,
                    gpointer      user_data)
{
  Runner runner = { n_items, func, user_data, 0, 0 };
  GThread *threads[MAX_THREADS];
  guint n;

  g_return_val_if_fail (func != NULL, FALSE);

  g_mutex_init (&runner.lock);
  g_cond_init (&runner.turn_changed);
  runner.finished = g_hash_table_new (NULL, NULL);
  n = MIN (threads_wanted (n_threads), MAX (n_items, 1));
  /* The calling thread is one of them. */
  for (guint i = 1; i < n; i++)
    threads[i] = g_thread_new ("bd-cli-item", worker, &runner);
  worker (&runner);
  for (guint i = 1; i < n; i++)
    g_thread_join (threads[i]);
  g_assert (g_hash_table_size (runner.finished) == 0);
  g_hash_table_unref (runner.finished);
  g_mutex_clear (&runner.lock);
  g_cond_clear (&runner.turn_changed);
  return g_atomic_int_get (&runner.failed) == 0;
}
