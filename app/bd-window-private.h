/* bd-window-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by bd-window.c (pages and list), bd-window-actions.c (what the
 * menu, buttons and shortcuts do) and bd-window-dnd.c (drops and paste).
 */
#pragma once

#include "bd-diagnosis-view.h"
#include "bd-domain-view.h"
#include "bd-mailbox-view.h"
#include "bd-tab-stop.h"
#include "bd-window.h"

G_BEGIN_DECLS

/* The pages of the window's stack; the names in bd-window.ui follow this order. */
typedef enum
{
  BD_WINDOW_PAGE_EMPTY,
  BD_WINDOW_PAGE_LOADING,
  BD_WINDOW_PAGE_ERROR,
  BD_WINDOW_PAGE_DOMAIN,
  BD_WINDOW_PAGE_MAILBOX,
  BD_WINDOW_PAGE_RESULTS,
} BdWindowPage;

struct _BdWindow
{
  AdwApplicationWindow  parent_instance;

  /* Owned */
  GSettings            *settings;
  GCancellable         *cancellable;
  GListStore           *bounces;   /* (element-type BdBounceItem): the side list */
  GtkCustomFilter      *search_filter;
  GtkFilterListModel   *shown;     /* bounces that match the search */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkWidget            *drop_highlight;
  GtkButton            *back_button;
  GtkWidget            *open_button;
  GtkWidget            *domain_button;
  GtkToggleButton      *search_button;
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *error_page;
  GtkSpinner           *spinner;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *sidebar_separator;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  BdTabStop            *bounce_list_tab_stop;
  GtkListBox           *bounce_list;
  BdDiagnosisView      *diagnosis_view;
  BdMailboxView        *mailbox_view;
  BdDomainView         *domain_view;

  BdWindowPage          page;
  /* Below NARROW_WIDTH the header keeps only what has no menu item. */
  gboolean              narrow;
  /* The page to go back to from the domain check. */
  BdWindowPage          page_before_domain;
};

void      bd_window_install_actions  (GtkWidgetClass *widget_class);
void      bd_window_update_actions   (BdWindow       *self);
void      bd_window_show_toast       (BdWindow       *self,
                                      const char     *text);
void      bd_window_load_files_cb    (GObject        *object,
                                      GAsyncResult   *result,
                                      gpointer        user_data);
void      bd_window_load_results     (BdWindow       *self,
                                      GPtrArray      *results);
void      bd_window_begin_loading    (BdWindow       *self);
void      bd_window_open_mailbox     (BdWindow       *self,
                                      GFile          *location);
void      bd_window_set_page         (BdWindow       *self,
                                      BdWindowPage    page);
void      bd_window_update_back_button (BdWindow     *self);
void      bd_window_clear_results    (BdWindow       *self);
void      bd_window_show_domain_check  (BdWindow     *self);
gboolean  bd_window_fit_header       (BdWindow       *self,
                                      int             width);

/* bd-window-dnd.c: drops and paste */
void      bd_window_setup_drop_target (BdWindow      *self);
const char *bd_window_error_title    (GPtrArray      *failures);
void      bd_window_paste_action     (GtkWidget      *widget,
                                      const char     *action_name,
                                      GVariant       *parameter);

G_END_DECLS
