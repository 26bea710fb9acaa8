/* fuzz-common.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the fuzz targets (with fuzz-common.c, which holds
 * LLVMFuzzerInitialize): one-time set-up, and a NUL-terminated copy of
 * the input for the parsers that take C strings. The same sources build as
 * libFuzzer targets (meson -Dfuzzing=true, clang) and, with fuzz-replay.c,
 * as plain programs that replay the seeds and the kept crashers under any
 * compiler (the "fuzz-replay-*" tests).
 */
#pragma once

#include <glib.h>
#include <gmime/gmime.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize   (int *argc, char ***argv);

/* A warning or critical on hostile input is a bug, not noise: abort(),
 * which libFuzzer catches and saves (a fatal g_log() traps instead, and
 * the input was lost). */
static inline void
fuzz_log_handler (const gchar    *domain,
                  GLogLevelFlags  level,
                  const gchar    *message,
                  gpointer        user_data)
{
  g_log_default_handler (domain, level, message, user_data);
  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_ERROR))
    abort ();
}

static inline void
fuzz_init_once (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;
  g_log_set_default_handler (fuzz_log_handler, NULL);
  g_mime_init ();
}

/* The input as a C string; a NUL byte inside ends it early, as it would for
 * any caller that got the text from a C string. */
static inline char *
fuzz_strdup (const uint8_t *data,
             size_t         size)
{
  return g_strndup ((const char *)data, size);
}
