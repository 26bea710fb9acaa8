/* fuzz-dsn.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The delivery-status field parser (RFC 3464 "Name: value" blocks) and the
 * helpers that read status codes, reply codes, addresses and dates.
 */
#include "config.h"

#include "fuzz-common.h"
#include "bd-dsn.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(BdDsn) dsn = NULL;
  g_autofree char *text = fuzz_strdup (data, size);
  g_autofree char *address = NULL;
  g_autofree char *date = NULL;
  char status[BD_STATUS_MAX];

  fuzz_init_once ();
  /* The parser takes a length: it must not read past it. */
  dsn = bd_dsn_parse ((const char *)data, size, 50);
  for (guint i = 0; i < dsn->recipients->len; i++)
    bd_dsn_fill_from_diagnostic (g_ptr_array_index (dsn->recipients, i));
  bd_dsn_find_status (text, status);
  bd_dsn_find_reply_code (text);
  address = bd_dsn_clean_address (text);
  date = bd_dsn_date_to_iso (text);
  return 0;
}
