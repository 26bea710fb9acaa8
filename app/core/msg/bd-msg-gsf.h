/* bd-msg-gsf.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The few libgsf functions the .msg reader calls, looked up in the library
 * the first time a .msg is met (see meson.build for why it is not linked).
 */
#pragma once

#include <gsf/gsf.h>

G_BEGIN_DECLS

typedef struct
{
  __typeof__ (gsf_input_memory_new)      *input_memory_new;
  __typeof__ (gsf_infile_msole_new)      *infile_msole_new;
  __typeof__ (gsf_infile_num_children)   *num_children;
  __typeof__ (gsf_infile_name_by_index)  *name_by_index;
  __typeof__ (gsf_input_size)            *size;
  __typeof__ (gsf_input_read)            *read;
} BdGsf;

/* NULL, with @error set, when libgsf cannot be loaded. */
const BdGsf *bd_msg_gsf (GError **error);
/* How many times libgsf complained about a file on this thread. */
guint        bd_msg_gsf_complaints (void);

G_END_DECLS
