/* fuzz-msg.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An Outlook .msg from bytes (bd-msg.h), as the loader and the mailbox
 * reader take it: rebuilt as a message, then decoded. libgsf's own
 * criticals on a damaged compound file are counted by bd-msg-gsf.c and
 * turn into an error, not a crash; any other warning still aborts
 * (fuzz_log_handler).
 */
#include "config.h"

#include "fuzz-common.h"
#include "bd-decoder.h"
#include "bd-msg.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) mime = NULL;
  g_autoptr(BdBounce) bounce = NULL;

  fuzz_init_once ();
  /* G_DEBUG=fatal-warnings would make libgsf's criticals fatal before
   * our handler's count is read. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK);
  mime = bd_msg_to_mime ((const char *)data, size, NULL);
  if (mime != NULL)
    bounce = bd_decoder_decode_bytes (g_bytes_get_data (mime, NULL), g_bytes_get_size (mime), "fuzz", 0);
  return 0;
}
