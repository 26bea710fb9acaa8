/* bd-io-error.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "bd-io-error.h"

/**
 * bd_io_error_reason:
 *
 * GIO's messages name the file again, then the system's reason ("Error
 * opening file “/home/ala/x.eml”: No such file or directory", gio/glocalfile.c).
 * Our messages already name the file ("Could not read “x.eml”: %s"), so
 * they take only what follows the file's closing quote.
 *
 * Returns: the reason, borrowed from @error: the whole message when it
 *   names no file
 */
const char *
bd_io_error_reason (const GError *error)
{
  const char *message, *after = NULL;

  g_return_val_if_fail (error != NULL, "");

  message = error->message;
  for (const char *p = message; (p = strstr (p, "”: ")) != NULL; p++)
    after = p + strlen ("”: ");
  return after != NULL && *after != '\0' ? after : message;
}
