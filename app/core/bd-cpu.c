/* bd-cpu.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bd-cpu.h"

gboolean bd_cpu_avx2_turned_off = FALSE;
