/* bd-test-util.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What several tests share, compiled once into the tests' helper library
 * (tests/meson.build), as GNOME Console's kgx-test-utils.c:
 *  - running bounce-doctor-cli ($BD_CLI, set by meson) as a user or a
 *    script would, in a given language;
 *  - a minimal RFC 3464 report put through the whole decoder;
 *  - a message file read into the BdScanInput the scanners get, built by
 *    the production builder (bd-scan-input.h).
 * The local DoH, HTTPS and SMTP servers are in doh-server.h,
 * https-server.h and smtp-server.h, in the same library.
 */
#pragma once

#include <glib.h>

#include "bd-bounce.h"
#include "bd-mime.h"
#include "bd-scanner.h"

G_BEGIN_DECLS

/* --- the CLI ------------------------------------------------------------ */

typedef struct
{
  char *out;
  char *err;
  int   status;    /* the exit status: the run must have ended normally */
} CliRun;

void cli_run_clear (CliRun *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

/* @stdin_path: (nullable): a file to give as standard input;
 * @extra_env: (nullable): NAME, VALUE, …, NULL */
void cli_run_argv (CliRun            *run,
                   const char        *language,
                   const char        *stdin_path,
                   const char *const *extra_env,
                   const char *const *args);

/* The arguments, NULL-terminated, after @language. */
void cli_run      (CliRun            *run,
                   const char        *language,
                   ...) G_GNUC_NULL_TERMINATED;

/* --- a minimal delivery report ------------------------------------------ */

/* A minimal RFC 3464 delivery report whose only clues are @status and,
 * optionally, the server's words (@diagnostic: without it the report has
 * no Diagnostic-Code field; with it, the words are the reply to RCPT TO),
 * decoded through the whole production pipeline (bd_decoder_decode_bytes):
 * the table-driven tests put one row of a table at a time in front of the
 * decoder with it. The shape is build-aux/phrase-coverage.py's. */
BdBounce *test_decode_minimal_dsn (const char *status,
                                   const char *diagnostic);

/* --- a scanner's input -------------------------------------------------- */

typedef struct
{
  BdScanInput  input;
  char        *raw;     /* the file, LF line ends, without an mbox From_ line: the tree points into it */
  BdMimePart  *tree;
} TestInput;

/* Reads @path as the decoder does up to the scanners: LF line ends, no
 * mbox From_ line, the one-pass MIME splitter, then bd_scan_input_init()
 * with the first returned message or header part. NULL if unreadable. */
TestInput *test_input_load (const char *path);
void       test_input_free (TestInput  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestInput, test_input_free)

G_END_DECLS
