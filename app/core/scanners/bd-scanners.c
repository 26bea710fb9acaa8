/* bd-scanners.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table of prose scanners, made from the one list in
 * bd-scanner-list.h (the order they are tried in is explained there).
 */
#define G_LOG_DOMAIN "bd-scanners"

#include "config.h"

#include "bd-scanner.h"

#define BD_SCANNER(function, name) { name, bd_scan_##function },
static const BdScanner scanners[] = {
#include "bd-scanner-list.h"
  { NULL, NULL },
};
#undef BD_SCANNER

/**
 * bd_scanners_get:
 * @n_scanners: (out): how many entries the table has
 *
 * Returns: (transfer none) (array length=n_scanners): the scanner table.
 */
const BdScanner *
bd_scanners_get (guint *n_scanners)
{
  g_return_val_if_fail (n_scanners != NULL, NULL);

  *n_scanners = G_N_ELEMENTS (scanners) - 1;
  return scanners;
}
