/* bd-test-util.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What several tests share, compiled once into the tests' helper library
 * (tests/meson.build), as GNOME Console's kgx-test-utils.c:
 *  - running bounce-doctor-cli ($BD_CLI, set by meson) as a user or a
 *    script would, in a given language;
 *  - a minimal RFC 3464 report put through the whole decoder;
 *  - a message file read into the BdScanInput the scanners get, built by
 *    the production builder (bd-scan-input.h);
 *  - a temporary folder per test, removed with what the test wrote;
 *  - which language a shown text is in.
 * The local DoH, HTTPS and SMTP servers are in doh-server.h,
 * https-server.h and smtp-server.h, in the same library.
 */
#pragma once

#include <glib.h>

#include "bd-bounce.h"
#include "bd-mime.h"
#include "bd-scanner.h"

/* Rounds of a random equivalence loop, and the step of an exhaustive
 * one: fewer under AddressSanitizer, whose build is there to check memory
 * (each loop still runs), and which makes such loops about a hundred times
 * slower, past the test timeout. The plain build runs them all. */
#if defined(__SANITIZE_ADDRESS__)
#define BD_TEST_ROUNDS(n) ((n) / 20 + 1)
#define BD_TEST_STEP 7
#else
#define BD_TEST_ROUNDS(n) (n)
#define BD_TEST_STEP 1
#endif

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

/* The rows of the tab-separated fixture tests/fixtures/@folder/@name, each
 * split at its tabs (a GStrv); empty lines and "#" comments left out. */
GPtrArray *test_load_tsv (const char *folder,
                          const char *name);

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

/* --- a temporary folder ------------------------------------------------ */

/* A g_test_add() fixture: @dir is made before the test and removed with
 * everything in it after (unreadable folders included). */
typedef struct
{
  char *dir;
} TestDir;

void  test_dir_setup    (TestDir       *fixture,
                         gconstpointer  data);
void  test_dir_teardown (TestDir       *fixture,
                         gconstpointer  data);
void  test_remove_tree  (const char    *path);
/* Writes @data (@len, or -1 for a string) to @dir/@name, making the
 * folders on the way. Returns: (transfer full): the path. */
char *test_write_file   (const char    *dir,
                         const char    *name,
                         const char    *data,
                         gssize         len);
/* Appends @message to @mbox after a From_ line, as a mail program keeps
 * it in an mbox file. */
void  test_mbox_append  (GString       *mbox,
                         const char    *message);
/* Writes every message of data/samples into the mbox @dir/Inbox.
 * Returns: (transfer full): its path. */
char *test_write_samples_mbox (const char *dir);

/* --- random input ----------------------------------------------------- */

/* @len random bytes, each one of the first @n_alphabet of @alphabet (which
 * may hold NULs), NUL-terminated. Returns: (transfer full). */
char *test_random_text_of_length (GRand      *rand,
                                  const char *alphabet,
                                  gsize       n_alphabet,
                                  gsize       len);

/* --- vector paths ------------------------------------------------------- */

/* Registers @func at @path, and again at @path/sse2 with the AVX2 loops
 * turned off (bd-cpu.h): a machine with AVX2 would otherwise never run
 * the SSE2 loops on long texts, which machines without it do. */
void test_add_func_each_vector_path (const char *path,
                                     GTestFunc   func);

/* --- which language a text is in --------------------------------------- */

gboolean has_polish_letters (const char *text);
/* A sentence in Ukrainian, not just any Cyrillic: mostly Cyrillic letters,
 * and at least one of the letters Russian does not have. */
gboolean is_ukrainian       (const char *text);
/* Words in Cyrillic (a headline has an address in it). */
gboolean has_cyrillic_words (const char *text);
/* Whether @text, its quotes („…”, “…”) and @kept left out, still has a
 * word of English: a sentence left untranslated. */
gboolean has_english_words  (const char *text,
                             const char *kept);

G_END_DECLS
