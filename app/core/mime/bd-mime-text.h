/* bd-mime-text.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text of MIME parts for people and scanners: transfer encoding undone,
 * UTF-8, LF line ends (bd-mime-text.c), and HTML laid out as text
 * (bd-mime-html.c).
 */
#pragma once

#include "bd-mime.h"

G_BEGIN_DECLS

char     *bd_mime_part_text          (const BdMimePart *part,
                                      gsize            *len);
char     *bd_mime_part_text_hinted   (const BdMimePart *part,
                                      const char       *fallback,
                                      gsize            *len);
char     *bd_mime_part_text_seven_bit (const BdMimePart *part,
                                      gsize            *len,
                                      gboolean         *seven_bit);
char     *bd_mime_text_to_utf8       (const char       *text,
                                      gsize             len,
                                      const char       *charset,
                                      gsize            *out_len);
gsize     bd_mime_normalise_newlines (char             *text,
                                      gsize             len);
gboolean  bd_mime_text_is_seven_bit  (const char       *text,
                                      gsize             len);
char     *bd_mime_strip_html         (const char       *html,
                                      gsize             len,
                                      gsize            *out_len);

G_END_DECLS
