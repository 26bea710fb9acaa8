/* bd-cli-ordered.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the items of a command (the paths given to "explain") on several
 * threads while their output comes out exactly as if they had run one
 * after another: an item's output is held back until every earlier item
 * has written its own, then streams straight out. Holding back stops at
 * BD_CLI_HOLD_MAX bytes (the item then waits for its turn), so memory
 * stays flat however much a mailbox prints.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BD_CLI_HOLD_MAX (1024 * 1024)
/* A write of this many bytes or more goes straight to write (2), after
 * what stdio holds: copied into stdio's buffer first, it would only be
 * copied again. */
#define BD_CLI_DIRECT_MIN (32 * 1024)

typedef struct _BdCliOutput BdCliOutput;

/* Runs item @index, writing only through @out; returns FALSE on failure. */
typedef gboolean (*BdCliItemFunc) (guint        index,
                                   BdCliOutput *out,
                                   gpointer     user_data);

/* Standard output, in item order. */
void     bd_cli_output_write  (BdCliOutput   *out,
                               const char    *data,
                               gsize          len);
/* A message for standard error, in order with the item's output. */
void     bd_cli_output_error  (BdCliOutput   *out,
                               const char    *message);

/* Returns TRUE when every item returned TRUE. With @n_threads 0, one
 * thread per processor (BD_CLI_THREADS in the environment overrides). */
gboolean bd_cli_stdout_written (int          *saved_errno);
gboolean bd_cli_run_ordered   (guint          n_items,
                               guint          n_threads,
                               BdCliItemFunc  func,
                               gpointer       user_data);

G_END_DECLS
