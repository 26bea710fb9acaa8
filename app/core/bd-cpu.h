/* bd-cpu.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which vector paths the processor has. The build targets plain x86-64
 * (SSE2); a few hot loops also have an AVX2 version, chosen when the
 * program runs. BD_CPU_AVX2_PATHS says such versions can be compiled
 * (GCC or Clang on x86-64), bd_cpu_has_avx2 () whether to take them.
 */
#pragma once

#include <glib.h>

#if defined (__x86_64__) && defined (__GNUC__)
#define BD_CPU_AVX2_PATHS 1
#include <immintrin.h>
#endif

G_BEGIN_DECLS

/* Set by tests only: they run each fast path twice, once with the AVX2
 * versions turned off, so that the SSE2 ones are tested on a machine
 * that has AVX2 too. */
extern gboolean bd_cpu_avx2_turned_off;

static inline gboolean
bd_cpu_has_avx2 (void)
{
#ifdef BD_CPU_AVX2_PATHS
  /* GCC's answer is read from a table filled once at start-up */
  return !bd_cpu_avx2_turned_off && __builtin_cpu_supports ("avx2");
#else
  return FALSE;
#endif
}

G_END_DECLS
