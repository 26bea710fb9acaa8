/* fuzz-dns-wire.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An RFC 1035 message as a DoH resolver's application/dns-message body,
 * read for each record type the checks ask for.
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

  fuzz_init_once ();
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BdDnsAnswer) answer = bd_dns_wire_parse (data, size, types[i], &error);

      /* NULL exactly when an error is set */
      if ((answer == NULL) != (error != NULL))
        abort ();
    }
  return 0;
}
