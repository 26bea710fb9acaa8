/* bd-multimatch-write.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A compiled automaton written out as C constants, for a generator run at
 * build time (classify/bd-phrase-index-gen.c): the program that scans
 * then starts with its automaton in read-only data, instead of spending
 * millions of instructions building it at every start.
 */
#include "config.h"

#include "bd-multimatch.h"

/* Writes @n numbers (from whichever of @numbers, @bytes or @shorts is
 * given), 16 to a line. An empty array gets one 0, since C has no empty
 * initialisers. */
static void
write_numbers (GString       *out,
               const guint32 *numbers,
               const guint8  *bytes,
               const guint16 *shorts,
               guint32        n)
{
  if (n == 0)
    g_string_append (out, "  0,\n");
  for (guint32 i = 0; i < n; i++)
    g_string_append_printf (out, "%s%u,%s", i % 16 == 0 ? "  " : "",
                            numbers != NULL ? numbers[i] : bytes != NULL ? bytes[i] : shorts[i],
                            i % 16 == 15 || i + 1 == n ? "\n" : "");
}

/**
 * bd_multimatch_write_c:
 * @name: the C identifier of the BdMultimatchTables written (the arrays
 *   behind it are static, named after it)
 * @out: where the C text is appended (it needs bd-multimatch.h included)
 */
void
bd_multimatch_write_c (const BdMultimatchTables *tables,
                       const char               *name,
                       GString                  *out)
{
  g_return_if_fail (tables != NULL && name != NULL && out != NULL);

  g_string_append_printf (out, "static const BdMultimatchState %s_states[] = {\n", name);
  for (guint32 s = 0; s < tables->n_states; s++)
    g_string_append_printf (out, "  { %u, %u },\n", tables->states[s].children, tables->states[s].fail);
  g_string_append_printf (out, "};\n\nstatic const BdMultimatchReport %s_reports[] = {\n", name);
  for (guint32 s = 0; s < tables->n_states; s++)
    g_string_append_printf (out, "  { %u, %u },\n", tables->reports[s].dict, tables->reports[s].outputs);
  g_string_append_printf (out, "};\n\nstatic const BdMultimatchOutput %s_outputs[] = {\n", name);
  for (guint32 o = 0; o < tables->n_outputs; o++)
    g_string_append_printf (out, "  { %u, %u, %u },\n", tables->outputs[o].id, tables->outputs[o].next,
                            tables->outputs[o].len);
  if (tables->n_outputs == 0)
    g_string_append (out, "  { 0, 0, 0 },\n");
  g_string_append_printf (out, "};\n\nstatic const guint32 %s_lengths[] = {\n", name);
  write_numbers (out, tables->lengths, NULL, NULL, tables->n_patterns);
  g_string_append_printf (out, "};\n\nstatic const guint16 %s_classes[] = {\n", name);
  write_numbers (out, NULL, NULL, tables->classes, 256);
  g_string_append_printf (out, "};\n\nstatic const guint16 %s_dense[] = {\n", name);
  write_numbers (out, NULL, NULL, tables->dense, tables->n_dense * tables->n_classes);
  g_string_append_printf (out, "};\n\nconst BdMultimatchTables %s = {\n  {\n", name);
  write_numbers (out, tables->root, NULL, NULL, 256);
  g_string_append_printf (out,
                          "  },\n"
                          "  %s_states, %u,\n"
                          "  %s_reports,\n"
                          "  %s_outputs, %u,\n"
                          "  %s_lengths, %u,\n"
                          "  %s_classes, %u,\n"
                          "  %s_dense, %u,\n"
                          "};\n",
                          name, tables->n_states, name,
                          name, tables->n_outputs, name, tables->n_patterns,
                          name, tables->n_classes, name, tables->n_dense);
}
