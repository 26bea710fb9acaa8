/* bd-cli-ordered.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Items are taken in index order, so the item whose turn it is to write
 * has always been taken by a thread and never waits: the others wait for
 * it, never the other way round.
 */
#define G_LOG_DOMAIN "bd-cli"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "bd-cli-ordered.h"

#define MAX_THREADS 8

typedef struct
{
  guint          n_items;
  BdCliItemFunc  func;
  gpointer       user_data;
  gint           next;      /* atomic: the next item to take */
  gint           failed;    /* atomic */
  GMutex         lock;
  GCond          turn_changed;
  guint          turn;      /* the item whose output goes out now */
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
  GString *held;
  GArray  *errors;          /* of HeldError */
};

static void
write_stdout (const char *data,
              gsize       len)
{
  if (len > 0)
    fwrite (data, 1, len, stdout);
}

static void
write_stderr (const char *message)
{
  fflush (stdout);
  fputs (message, stderr);
}

/* Waits until every earlier item is out, then lets out what was held. */
static void
take_turn (BdCliOutput *out)
{
  Runner *runner = out->runner;
  gsize done = 0;

  if (out->head)
    return;
  g_mutex_lock (&runner->lock);
  while (runner->turn != out->index)
    g_cond_wait (&runner->turn_changed, &runner->lock);
  g_mutex_unlock (&runner->lock);

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
  out->head = TRUE;
}

void
bd_cli_output_write (BdCliOutput *out,
                     const char  *data,
                     gsize        len)
{
  if (out->head)
    {
      write_stdout (data, len);
      return;
    }
  g_string_append_len (out->held, data, len);
  if (out->held->len > BD_CLI_HOLD_MAX)
    take_turn (out);
}

void
bd_cli_output_error (BdCliOutput *out,
                     const char  *message)
{
  HeldError e;

  if (out->head)
    {
      write_stderr (message);
      return;
    }
  e.at = out->held->len;
  e.message = g_strdup (message);
  g_array_append_val (out->errors, e);
}

static void
run_item (Runner *runner,
          guint   index)
{
  BdCliOutput out = { runner, index, FALSE, g_string_new (NULL), g_array_new (FALSE, FALSE, sizeof (HeldError)) };

  if (!runner->func (index, &out, runner->user_data))
    g_atomic_int_set (&runner->failed, 1);
  take_turn (&out);
  g_mutex_lock (&runner->lock);
  runner->turn++;
  g_cond_broadcast (&runner->turn_changed);
  g_mutex_unlock (&runner->lock);
  g_string_free (out.held, TRUE);
  g_array_unref (out.errors);
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
  n = MIN (threads_wanted (n_threads), MAX (n_items, 1));
  /* The calling thread is one of them. */
  for (guint i = 1; i < n; i++)
    threads[i] = g_thread_new ("bd-cli-item", worker, &runner);
  worker (&runner);
  for (guint i = 1; i < n; i++)
    g_thread_join (threads[i]);
  g_mutex_clear (&runner.lock);
  g_cond_clear (&runner.turn_changed);
  return g_atomic_int_get (&runner.failed) == 0;
}
