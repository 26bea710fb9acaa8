/* bd-window-dnd.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window takes from a drop or the clipboard, besides files and
 * text: a mail program's message bytes (message/rfc822, read as GBytes)
 * and its message URLs (Thunderbird's text/x-moz-url and _NETSCAPE_URL,
 * read as BdMessageUrls). bd-window-dnd.c registers the two content
 * deserializers; the tests deliver these values to the drop target.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  char **urls;
} BdMessageUrls;

#define BD_TYPE_MESSAGE_URLS (bd_message_urls_get_type ())

GType          bd_message_urls_get_type (void) G_GNUC_CONST;
BdMessageUrls *bd_message_urls_new      (const char * const *urls);
BdMessageUrls *bd_message_urls_copy     (const BdMessageUrls *urls);
void           bd_message_urls_free     (BdMessageUrls       *urls);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdMessageUrls, bd_message_urls_free)

/* Registers the deserializers (once); the drop target calls it. */
void           bd_window_dnd_init       (void);

G_END_DECLS
