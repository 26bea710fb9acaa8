/* fuzz-common.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linked into every fuzz target and its replay program: the one-time
 * set-up libFuzzer (or fuzz-replay.c's main) calls before any input.
 */
#include "config.h"

#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init_once ();
  return 0;
}
