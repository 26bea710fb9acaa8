/* bd-window-header.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The header bar at phone width. With Back, Open, Search, the title,
 * Domain check, the main menu and GTK's default window buttons (minimise,
 * maximise, close) the window could not shrink below about 410 px, wider
 * than a GNOME phone (360 px). Below NARROW_WIDTH the buttons whose action
 * is also in the main menu (and has a shortcut) leave the header:
 * Open (Ctrl+O) and Domain check (Ctrl+D). libadwaita 1.2 has no
 * breakpoints, so the window's own allocation decides.
 */
#define G_LOG_DOMAIN "bd-window"

#include "config.h"

#include "bd-window-private.h"

/* Above the widest the header needs with every button (about 410 px with
 * three window buttons), so that a window at its minimum always turns
 * narrow and can then shrink further. */
#define NARROW_WIDTH 480

/**
 * bd_window_fit_header:
 * @width: the width just allocated to the window
 *
 * Called before each allocation: shows or hides the header buttons that
 * the main menu also offers.
 *
 * Returns: whether a button was shown or hidden (the window's children
 *   must then be measured again before they are placed)
 */
gboolean
bd_window_fit_header (BdWindow *self,
                      int       width)
{
  gboolean narrow = width < NARROW_WIDTH;

  if (narrow == self->narrow)
    return FALSE;

  self->narrow = narrow;
  gtk_widget_set_visible (self->open_button, !narrow);
  gtk_widget_set_visible (self->domain_button, !narrow);
  return TRUE;
}
