/* bd-mail-url.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The message URLs a mail program hands over on a drag. Thunderbird
 * (Debian 12: 102 and 115 ESR) sets, per dragged message, "text/x-moz-url"
 * (the message's URL; GTK also offers it as text/uri-list), the
 * "text/x-moz-message" URI and a file promise (mail/base/content/
 * threadPane.js, ThreadPaneOnDragStart; nsMailboxService::GetUrlForUri).
 * For a local folder in mbox form the URL is
 * "mailbox:///path/to/Mail/Local%20Folders/Inbox?number=KEY", the key being
 * the byte offset of the message's From_ line in that file; for an IMAP
 * account it is an "imap://" URL, readable only through Thunderbird.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether @url is one of the mail programs' message URLs (mailbox:,
 * imap:, mailbox-message:, imap-message:, news:…) rather than a file. */
gboolean bd_mail_url_is_message (const char *url);

/* The mbox file and the message's offset of a "mailbox:" URL, or FALSE
 * with @error set to a translated explanation of what to do instead. */
gboolean bd_mail_url_parse      (const char  *url,
                                 char       **path,
                                 goffset     *offset,
                                 GError     **error);

G_END_DECLS
