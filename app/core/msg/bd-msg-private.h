/* bd-msg-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A .msg read into memory (bd-msg.c), for the writers of its MIME form
 * (bd-msg-mime.c, bd-msg-ndr.c). Property tags are [MS-OXPROPS]'s: the
 * property id in the high 16 bits, its type in the low 16.
 */
#pragma once

#include "bd-msg.h"

G_BEGIN_DECLS

/* Property types ([MS-OXCDATA] 2.11.1) */
#define PT_LONG     0x0003
#define PT_SYSTIME  0x0040
#define PT_STRING8  0x001E
#define PT_UNICODE  0x001F
#define PT_BINARY   0x0102
#define PT_OBJECT   0x000D

/* Property ids ([MS-OXPROPS]) */
#define PID_MESSAGE_CLASS            0x001A
#define PID_SUBJECT                  0x0037
#define PID_CLIENT_SUBMIT_TIME       0x0039
#define PID_ORIGINAL_SUBJECT         0x0049
#define PID_ORIGINAL_SUBMIT_TIME     0x004E
#define PID_ORIGINAL_SENDER_NAME     0x005A
#define PID_ORIGINAL_SENDER_EMAIL    0x0067
#define PID_ORIGINAL_DISPLAY_TO      0x0074
#define PID_TRANSPORT_HEADERS        0x007D
#define PID_NDR_REASON_CODE          0x0C04
#define PID_NDR_DIAG_CODE            0x0C05
#define PID_RECIPIENT_TYPE           0x0C15
#define PID_SENDER_NAME              0x0C1A
#define PID_SUPPLEMENTARY_INFO       0x0C1B
#define PID_SENDER_EMAIL_ADDRESS     0x0C1F
#define PID_NDR_STATUS_CODE          0x0C20
#define PID_REMOTE_MTA               0x0C21
#define PID_DISPLAY_TO               0x0E04
#define PID_MESSAGE_DELIVERY_TIME    0x0E06
#define PID_BODY                     0x1000
#define PID_REPORT_TEXT              0x1001
#define PID_HTML                     0x1013
#define PID_INTERNET_MESSAGE_ID      0x1035
#define PID_DISPLAY_NAME             0x3001
#define PID_EMAIL_ADDRESS            0x3003
#define PID_ATTACH_DATA              0x3701
#define PID_ATTACH_FILENAME          0x3704
#define PID_ATTACH_LONG_FILENAME     0x3707
#define PID_ATTACH_MIME_TAG          0x370E
#define PID_SMTP_ADDRESS             0x39FE
#define PID_INTERNET_CPID            0x3FDE
#define PID_MESSAGE_CODEPAGE         0x3FFD
#define PID_SENDER_SMTP_ADDRESS      0x5D01
#define PID_REPORTING_MTA            0x6820

typedef struct _BdMsgObject BdMsgObject;

/* A message, a recipient or an attachment. */
struct _BdMsgObject
{
  GHashTable  *props;        /* tag -> GBytes (fixed values: their 8 bytes) */
  GPtrArray   *recipients;   /* of BdMsgObject, messages only */
  GPtrArray   *attachments;  /* of BdMsgObject, messages only */
  BdMsgObject *embedded;     /* an attachment that is a message, nullable */
  guint        codepage;     /* for PT_STRING8, from the message */
  guint        depth;        /* 0 for the file's message, 1 for one attached to it… */
};

/* bd_msg_to_mime() for a .msg found @depth levels inside another. */
GBytes   *bd_msg_convert       (const char        *data,
                                gsize              len,
                                guint              depth,
                                GError           **error);

void      bd_msg_object_free   (BdMsgObject       *object);

/* A string property as UTF-8 (Unicode or 8-bit form), or NULL. */
char     *bd_msg_string        (const BdMsgObject *object,
                                guint16            id);
/* The iconv name of a Windows code page number. */
char     *bd_msg_charset       (guint              codepage);
GBytes   *bd_msg_binary        (const BdMsgObject *object,
                                guint16            id);
gboolean  bd_msg_long          (const BdMsgObject *object,
                                guint16            id,
                                gint32            *value);
/* An RFC 5322 date from a PT_SYSTIME, or NULL. */
char     *bd_msg_date          (const BdMsgObject *object,
                                guint16            id);

/* bd-msg-mime.c */
void      bd_msg_write_message (GString           *out,
                                const BdMsgObject *message);
void      bd_msg_write_headers (GString           *out,
                                const BdMsgObject *message,
                                const char        *content_type);
void      bd_msg_write_attachments (GString           *out,
                                    const BdMsgObject *message,
                                    const char        *boundary);
/* bd-msg-ndr.c */
gboolean  bd_msg_is_report     (const BdMsgObject *message);
void      bd_msg_write_report  (GString           *out,
                                const BdMsgObject *message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdMsgObject, bd_msg_object_free)

G_END_DECLS
