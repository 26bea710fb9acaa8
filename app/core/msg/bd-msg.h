/* bd-msg.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Outlook .msg files ([MS-OXMSG]: a message's MAPI properties in an OLE2
 * compound file) turned into the RFC 5322 message the decoder reads: an
 * ordinary message keeps its transport headers, body and attachments (an
 * embedded .msg becomes a message/rfc822 part); an Exchange non-delivery
 * report item (REPORT.IPM.Note.NDR) becomes a multipart/report with one
 * RFC 3464 delivery-status block per recipient of its recipient table.
 *
 * Hostile files: every stream is checked against the file's size, at most
 * BD_MSG_MAX_OBJECTS recipients and attachments are read, embedded
 * messages are opened BD_MSG_MAX_DEPTH levels deep; libgsf itself rejects
 * broken or looping FAT chains. A file that cannot be read gives an error
 * saying why, never a crash.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BD_MSG_ERROR (bd_msg_error_quark ())

typedef enum
{
  BD_MSG_ERROR_NO_LIBRARY,
  BD_MSG_ERROR_DAMAGED,      /* not a readable compound file */
  BD_MSG_ERROR_NOT_MESSAGE,  /* a compound file, but no message in it (a .doc, .xls…) */
} BdMsgError;

#define BD_MSG_MAX_DEPTH    4
#define BD_MSG_MAX_OBJECTS  10000

GQuark    bd_msg_error_quark (void);

/* Whether @data starts like an OLE2 compound file. */
gboolean  bd_msg_is_msg      (const char  *data,
                              gsize        len);

/* The message as RFC 5322 bytes (LF line ends), or NULL with @error set
 * to a translated reason (the caller names the file). */
GBytes   *bd_msg_to_mime     (const char  *data,
                              gsize        len,
                              GError     **error);

G_END_DECLS
