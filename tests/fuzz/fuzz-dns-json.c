/* fuzz-dns-json.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DoH resolver's JSON API answer (application/dns-json), read for each
 * record type the checks ask for, and the splitting of TXT data.
 */
#include "config.h"

#include <stdlib.h>

#include "fuzz-common.h"
#include "bd-dns-wire.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const guint16 types[] = {
    BD_DNS_TYPE_A, BD_DNS_TYPE_AAAA, BD_DNS_TYPE_MX, BD_DNS_TYPE_TXT, BD_DNS_TYPE_CNAME, BD_DNS_TYPE_PTR,
  };
  g_autofree char *text = fuzz_strdup (data, size);
  g_auto(GStrv) strings = NULL;

  fuzz_init_once ();
  if (size > 64 * 1024)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BdDnsAnswer) answer = bd_dns_json_parse ((const char *)data, size, types[i], &error);

      if ((answer == NULL) != (error != NULL))
        abort ();
    }
  strings = bd_dns_json_split_txt (text);
  return 0;
}
