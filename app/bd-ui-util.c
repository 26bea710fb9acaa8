/* bd-ui-util.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-ui-util"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bd-diagnosis.h"
#include "bd-ui-util.h"

/**
 * bd_ui_reason_icon_name:
 *
 * One icon per plain heading, so the side list reads at a glance.
 */
const char *
bd_ui_reason_icon_name (BdReason reason)
{
  switch (bd_reason_get_group (reason))
    {
    case BD_REASON_GROUP_ADDRESS:        return "contact-new-symbolic";
    case BD_REASON_GROUP_MAILBOX:        return "mail-mark-important-symbolic";
    case BD_REASON_GROUP_REFUSED:        return "action-unavailable-symbolic";
    case BD_REASON_GROUP_AUTHENTICATION: return "channel-secure-symbolic";
    case BD_REASON_GROUP_TEMPORARY:      return "network-error-symbolic";
    case BD_REASON_GROUP_NOT_FAILURE:    return "emblem-ok-symbolic";
    case BD_N_REASON_GROUPS:
    default:                             return "dialog-question-symbolic";
    }
}

/**
 * bd_ui_format_date:
 * @iso8601: (nullable): a date as the decoder stores it
 *
 * Returns: (transfer full) (nullable): the date in the user's time zone and
 *   language, or the text as written when it is not ISO 8601. The core
 *   formats it, so the report and the CLI show dates the same way.
 */
char *
bd_ui_format_date (const char *iso8601)
{
  return bd_diagnosis_format_date (iso8601);
}

/**
 * bd_ui_first_address:
 *
 * Returns: (transfer none) (nullable): the first recipient's address, or
 *   the original message's first To: address.
 */
const char *
bd_ui_first_address (const BdBounce *bounce)
{
  g_return_val_if_fail (bounce != NULL, NULL);

  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      const BdRecipient *recipient = g_ptr_array_index (bounce->recipients, i);

      if (recipient->address != NULL)
        return recipient->address;
    }

  if (bounce->original->to->len > 0)
    return g_ptr_array_index (bounce->original->to, 0);

  return NULL;
}

/**
 * bd_ui_show_leaflet_page:
 *
 * Turns a leaflet to @page without the focus following: AdwLeaflet moves
 * the focus into the new page when the old one held it, and the first
 * thing there able to take it is the diagnosis's selectable headline,
 * which then shows all its text selected. Folded, the old page is gone:
 * the focus is cleared, and the next Tab reaches the header's Back button
 * first. Side by side, the focus stays where it was (the arrows keep
 * moving through the list); the page still becomes the visible child,
 * because AdwLeaflet's Tab chain starts there and would otherwise never
 * reach it.
 */
void
bd_ui_show_leaflet_page (AdwLeaflet *leaflet,
                         GtkWidget  *page)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (leaflet));
  g_autoptr(GtkWidget) focus = NULL;

  g_return_if_fail (ADW_IS_LEAFLET (leaflet));

  if (root != NULL && gtk_root_get_focus (root) != NULL &&
      gtk_widget_is_ancestor (gtk_root_get_focus (root), GTK_WIDGET (leaflet)))
    {
      focus = g_object_ref (gtk_root_get_focus (root));
      gtk_root_set_focus (root, NULL);
    }
  adw_leaflet_set_visible_child (leaflet, page);
  if (focus != NULL && !adw_leaflet_get_folded (leaflet))
    gtk_widget_grab_focus (focus);
}

/* Letters that carry their accent in the letter itself, so that Unicode
 * decomposition (NFD) does not separate it. */
static gunichar
base_letter (gunichar c)
{
  switch (c)
    {
    case 0x0142: return 'l';   /* ł */
    case 0x0111: return 'd';   /* đ */
    case 0x00F8: return 'o';   /* ø */
    case 0x0127: return 'h';   /* ħ */
    case 0x0131: return 'i';   /* dotless ı */
    default:     return c;
    }
}

/**
 * bd_ui_search_fold:
 *
 * What search compares: casefolded, and without diacritics, so that
 * "lodz" finds "Łódź" as people type it on a keyboard without Polish
 * letters (the decoder's phrase matching is accent-blind the same way).
 * Marks are dropped in every script (Ukrainian "ї" is found by "і"); a
 * search finds a little more, never less.
 *
 * Returns: (transfer full): the folded text
 */
char *
bd_ui_search_fold (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFD);
  GString *out = g_string_sized_new (strlen (folded));

  for (const char *p = decomposed ? decomposed : folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        continue;
      /* the translations join one-letter words with U+00A0 (build-aux/po-nbsp.py):
       * "w sprawie" typed with a space must find it */
      if (c == 0x00A0)
        c = ' ';
      g_string_append_unichar (out, base_letter (c));
    }

  return g_string_free (out, FALSE);
}

/* U+200B ZERO WIDTH SPACE: a line may break there, and nothing shows. */
#define BREAK_HERE "\xe2\x80\x8b"

/* Where an address ends in a sentence: a space, a quote or a bracket. */
static gboolean
ends_token (gunichar c)
{
  switch (c)
    {
    case 0: case '"': case '\'': case '<': case '>': case '(': case ')':
    case '[': case ']': case ',': case ';': case ':':
    case 0x201E: case 0x201D: case 0x201C: case 0x00AB: case 0x00BB:   /* „ ” “ « » */
      return TRUE;
    default:
      return g_unichar_isspace (c);
    }
}

/**
 * bd_ui_break_addresses:
 * @text: a sentence that may hold email addresses
 *
 * GTK wraps a word too long for the line anywhere (PANGO_WRAP_WORD_CHAR),
 * so that an address read "m.dabrowski@examp" / "le.com" at 360 px. Inside
 * each token with an '@', a line may now break before the '@' and before
 * each '.' of the domain (as the Chicago Manual of Style breaks addresses:
 * the next line starts with the mark, so it reads as a continuation), and
 * only there unless a part is itself wider than the line. The name before
 * the '@' stays whole: "m" / ".dabrowski" would read as two words.
 *
 * Returns: (transfer full): @text with U+200B at those places; a label
 *   showing it copies without them (bd_ui_label_copy_without_breaks()).
 */
char *
bd_ui_break_addresses (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 16);
  const char *p = text;

  while (*p != '\0')
    {
      const char *end = p;
      gboolean address = FALSE;

      while (*end != '\0' && !ends_token (g_utf8_get_char (end)))
        {
          address |= *end == '@' && end > p;
          end = g_utf8_next_char (end);
        }
      for (const char *q = p, *at = NULL; q < end; q++)
        {
          /* before the '@', and before a '.' of the domain that does
           * not end the sentence */
          if (address && q > p && q[-1] != '.' &&
              ((*q == '@' && at == NULL) || (*q == '.' && at != NULL && q > at + 1 && q + 1 < end)))
            g_string_append (out, BREAK_HERE);
          if (*q == '@' && at == NULL)
            at = q;
          g_string_append_c (out, *q);
        }
      if (end == p)
        {
          end = g_utf8_next_char (p);
          g_string_append_len (out, p, end - p);
        }
      p = end;
    }
  return g_string_free (out, FALSE);
}

static char *
without_breaks (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, BREAK_HERE, -1);

  return g_strjoinv ("", parts);
}

/* Ctrl+C and the context menu's Copy both emit GtkLabel::copy-clipboard. */
static void
copy_clipboard_cb (GtkLabel *label,
                   gpointer  user_data)
{
  const char *text = gtk_label_get_text (label);
  int start, end;
  g_autofree char *selected = NULL;
  g_autofree char *plain = NULL;

  g_signal_stop_emission_by_name (label, "copy-clipboard");
  if (!gtk_label_get_selection_bounds (label, &start, &end))
    return;

  selected = g_utf8_substring (text, start, end);
  plain = without_breaks (selected);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (label)), plain);
}

/**
 * bd_ui_label_copy_without_breaks:
 *
 * A selectable @label showing bd_ui_break_addresses() text copies what
 * the user sees, without the invisible break marks.
 */
void
bd_ui_label_copy_without_breaks (GtkLabel *label)
{
  g_signal_connect (label, "copy-clipboard", G_CALLBACK (copy_clipboard_cb), NULL);
}
