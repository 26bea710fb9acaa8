/* bd-window.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window: an empty page that invites a drop, a spinner while
 * decoding, an error page, and the results — a side list of returned
 * emails beside the diagnosis of the selected one, in an AdwLeaflet that
 * folds into one column on a narrow screen.
 */
#define G_LOG_DOMAIN "bd-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bd-bounce-item.h"
#include "bd-bounce-row.h"
#include "bd-loader.h"
#include "bd-tab-stop.h"
#include "bd-ui-util.h"
#include "bd-window-private.h"

G_DEFINE_FINAL_TYPE (BdWindow, bd_window, ADW_TYPE_APPLICATION_WINDOW)

/* In the stack's order (BdWindowPage). */
static const char *const page_names[] = {
  "empty", "loading", "error", "domain", "mailbox", "results",
};

/* A toast title is one ellipsized line: a longer message (a file that
 * cannot be read, with the advice on what to do) gets a Details button
 * that shows it whole. */
#define TOAST_MAX_CHARS 60

void
bd_window_show_toast (BdWindow   *self,
                      const char *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 8);
  if (g_utf8_strlen (text, -1) > TOAST_MAX_CHARS || strchr (text, '\n') != NULL)
    {
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "win.show-message");
      adw_toast_set_action_target_value (toast, g_variant_new_string (text));
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static guint
count_rows (BdWindow *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->bounces));
}

/* With one returned email the list adds nothing: show only the diagnosis. */
static void
update_sidebar (BdWindow *self)
{
  gboolean several = count_rows (self) > 1;

  gtk_widget_set_visible (self->sidebar, several);
  gtk_widget_set_visible (self->sidebar_separator, several);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), several);
}

void
bd_window_update_back_button (BdWindow *self)
{
  gboolean visible = FALSE;

  switch (self->page)
    {
    case BD_WINDOW_PAGE_MAILBOX:
      visible = bd_mailbox_view_can_go_back (self->mailbox_view);
      break;

    case BD_WINDOW_PAGE_DOMAIN:
      visible = TRUE;
      break;

    case BD_WINDOW_PAGE_RESULTS:
      visible = adw_leaflet_get_folded (self->leaflet) &&
                adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->diagnosis_view) &&
                gtk_widget_get_visible (self->sidebar);
      break;

    case BD_WINDOW_PAGE_EMPTY:
    case BD_WINDOW_PAGE_LOADING:
    case BD_WINDOW_PAGE_ERROR:
    default:
      break;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), visible);
}

/**
 * bd_window_set_page:
 *
 * The one way to change page: keeps the spinner, the Back button, the
 * actions and the page Back returns to from the domain check in step.
 */
void
bd_window_set_page (BdWindow     *self,
                    BdWindowPage  page)
{
  g_return_if_fail (BD_IS_WINDOW (self));
  g_return_if_fail (page <= BD_WINDOW_PAGE_RESULTS);

  if (page == BD_WINDOW_PAGE_DOMAIN && self->page != BD_WINDOW_PAGE_DOMAIN &&
      self->page != BD_WINDOW_PAGE_LOADING)
    self->page_before_domain = self->page;

  self->page = page;
  if (page == BD_WINDOW_PAGE_LOADING)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
  /* GtkStack lets Tab into its hidden pages (GTK 4.8): only the page
   * shown may take the focus. Before the switch: a page that takes the
   * focus when mapped (the Domain check's field) could not otherwise. */
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    gtk_widget_set_can_focus (gtk_stack_get_child_by_name (self->stack, page_names[i]), i == page);
  gtk_stack_set_visible_child_name (self->stack, page_names[page]);
  bd_window_update_back_button (self);
  bd_window_update_actions (self);
}

static void
show_error_page (BdWindow  *self,
                 GPtrArray *failures)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < failures->len; i++)
    {
      const BdLoadResult *result = g_ptr_array_index (failures, i);

      if (text->len > 0)
        g_string_append (text, "\n\n");
      g_string_append (text, result->error->message);
    }

  adw_status_page_set_title (self->error_page, bd_window_error_title (failures));
  adw_status_page_set_description (self->error_page, text->str);
  bd_window_set_page (self, BD_WINDOW_PAGE_ERROR);
}

static void
bounce_list_row_selected_cb (BdWindow      *self,
                             GtkListBoxRow *row,
                             GtkListBox    *list)
{
  if (row == NULL)
    return;

  bd_diagnosis_view_set_bounce (self->diagnosis_view, bd_bounce_row_get_bounce (BD_BOUNCE_ROW (row)));
  bd_tab_stop_set_entry (self->bounce_list_tab_stop, GTK_WIDGET (row));
  bd_window_update_actions (self);
}

/* Click, tap, Enter or Space: in a folded window this is the only way
 * from the list to the diagnosis. */
static void
bounce_list_row_activated_cb (BdWindow      *self,
                              GtkListBoxRow *row,
                              GtkListBox    *list)
{
  if (gtk_list_box_get_selected_row (list) != row)
    gtk_list_box_select_row (list, row);
  bd_ui_show_leaflet_page (self->leaflet, GTK_WIDGET (self->diagnosis_view));
}

static GtkWidget *
create_bounce_row (gpointer item,
                   gpointer user_data)
{
  GtkWidget *row = bd_bounce_row_new (bd_bounce_item_get_bounce (item));

  /* AdwActionRow is not activatable by default: without this no click
   * ever emits row-activated. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static gboolean
filter_item (gpointer item,
             gpointer user_data)
{
  BdWindow *self = user_data;
  g_autofree char *needle = bd_ui_search_fold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  return bd_bounce_item_matches (item, g_strstrip (needle));
}

static void
search_entry_search_changed_cb (BdWindow       *self,
                                GtkSearchEntry *entry)
{
  gtk_filter_changed (GTK_FILTER (self->search_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

void
bd_window_begin_loading (BdWindow *self)
{
  /* The spinner only replaces an empty or error page: with results
   * already shown, new ones are simply added. */
  if (self->page != BD_WINDOW_PAGE_RESULTS)
    bd_window_set_page (self, BD_WINDOW_PAGE_LOADING);
}

/**
 * bd_window_clear_results:
 *
 * Empties the side list, forgets the diagnosis and stops a mailbox scan.
 */
void
bd_window_clear_results (BdWindow *self)
{
  g_list_store_remove_all (self->bounces);
  bd_diagnosis_view_set_bounce (self->diagnosis_view, NULL);
  bd_mailbox_view_cancel (self->mailbox_view);
  bd_window_set_page (self, BD_WINDOW_PAGE_EMPTY);
}

static void
show_failures_as_toasts (BdWindow  *self,
                         GPtrArray *failures)
{
  for (guint i = 0; i < failures->len; i++)
    bd_window_show_toast (self, ((BdLoadResult *)g_ptr_array_index (failures, i))->error->message);
}

/**
 * bd_window_load_results:
 * @results: (element-type BdLoadResult): what the loader found
 *
 * Shows decoded bounces in the list (selecting the first new one) and the
 * failures as toasts, or on the error page when nothing could be read.
 */
void
bd_window_load_results (BdWindow  *self,
                        GPtrArray *results)
{
  g_autoptr(GPtrArray) failures = g_ptr_array_new ();
  guint first_new = count_rows (self);

  /* New results must be seen: a search that might hide them ends. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_filter_changed (GTK_FILTER (self->search_filter), GTK_FILTER_CHANGE_LESS_STRICT);

  for (guint i = 0; i < results->len; i++)
    {
      BdLoadResult *result = g_ptr_array_index (results, i);
      BdBounceItem *item;

      if (result->is_mailbox)
        {
          bd_window_open_mailbox (self, result->file);
          continue;
        }

      if (result->error != NULL)
        {
          g_ptr_array_add (failures, result);
          continue;
        }

      item = bd_bounce_item_new (result->bounce);
      g_list_store_append (self->bounces, item);
      g_object_unref (item);
    }

  if (first_new == count_rows (self) && self->page == BD_WINDOW_PAGE_MAILBOX)
    {
      show_failures_as_toasts (self, failures);
      return;
    }

  if (count_rows (self) == 0)
    {
      if (failures->len > 0)
        show_error_page (self, failures);
      else
        bd_window_set_page (self, BD_WINDOW_PAGE_EMPTY);
      return;
    }

  show_failures_as_toasts (self, failures);
  update_sidebar (self);
  if (first_new < count_rows (self))
    gtk_list_box_select_row (self->bounce_list, gtk_list_box_get_row_at_index (self->bounce_list, first_new));
  bd_window_set_page (self, BD_WINDOW_PAGE_RESULTS);
}


void
bd_window_load_files_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(BdWindow) self = user_data;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  results = bd_loader_load_files_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      bd_window_show_toast (self, error->message);
      return;
    }

  bd_window_load_results (self, results);
}

static void
leaflet_notify_cb (BdWindow   *self,
                   GParamSpec *pspec,
                   AdwLeaflet *leaflet)
{
  bd_window_update_back_button (self);
}

static void
mailbox_view_toast_cb (BdWindow      *self,
                       const char    *message,
                       BdMailboxView *view)
{
  bd_window_show_toast (self, message);
}

/* A recipient chosen in the mailbox, or its page turned: the report
 * actions and the Back button follow what it shows. */
static void
mailbox_view_shown_changed_cb (BdWindow      *self,
                               BdMailboxView *view)
{
  bd_window_update_back_button (self);
  bd_window_update_actions (self);
}

/**
 * bd_window_open_mailbox:
 * @location: an mbox file, a Maildir or a folder of messages
 *
 * Shows the mailbox page and scans @location, read-only.
 */
void
bd_window_open_mailbox (BdWindow *self,
                        GFile    *location)
{
  g_return_if_fail (BD_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (location));

  bd_mailbox_view_scan (self->mailbox_view, location);
  bd_window_set_page (self, BD_WINDOW_PAGE_MAILBOX);
}

/**
 * bd_window_show_domain_check:
 *
 * Shows the Domain check page; Back returns to the page shown before.
 */
void
bd_window_show_domain_check (BdWindow *self)
{
  g_return_if_fail (BD_IS_WINDOW (self));

  bd_window_set_page (self, BD_WINDOW_PAGE_DOMAIN);
}

/**
 * bd_window_get_domain_view:
 *
 * Returns: (transfer none): the Domain check page (for tests)
 */
BdDomainView *
bd_window_get_domain_view (BdWindow *self)
{
  g_return_val_if_fail (BD_IS_WINDOW (self), NULL);

  return self->domain_view;
}

/**
 * bd_window_get_mailbox_view:
 *
 * Returns: (transfer none): the mailbox page (for tests)
 */
BdMailboxView *
bd_window_get_mailbox_view (BdWindow *self)
{
  g_return_val_if_fail (BD_IS_WINDOW (self), NULL);

  return self->mailbox_view;
}

static void
save_window_state (BdWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
bd_window_close_request (GtkWindow *window)
{
  save_window_state (BD_WINDOW (window));

  return GTK_WINDOW_CLASS (bd_window_parent_class)->close_request (window);
}

static void
bd_window_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  /* Before the children are placed, so that they are placed once, with
   * the header's buttons already shown or hidden. */
  if (bd_window_fit_header (BD_WINDOW (widget), width))
    {
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
          gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, NULL, NULL, NULL);
        }
    }
  GTK_WIDGET_CLASS (bd_window_parent_class)->size_allocate (widget, width, height, baseline);
}

static void
bd_window_dispose (GObject *object)
{
  BdWindow *self = (BdWindow *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), BD_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->shown);
  g_clear_object (&self->search_filter);
  g_clear_object (&self->bounces);

  G_OBJECT_CLASS (bd_window_parent_class)->dispose (object);
}

static void
bd_window_class_init (BdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = bd_window_dispose;
  window_class->close_request = bd_window_close_request;
  widget_class->size_allocate = bd_window_size_allocate;

  g_type_ensure (BD_TYPE_DIAGNOSIS_VIEW);
  g_type_ensure (BD_TYPE_TAB_STOP);
  g_type_ensure (BD_TYPE_MAILBOX_VIEW);
  g_type_ensure (BD_TYPE_DOMAIN_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, drop_highlight);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, domain_button);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, sidebar_separator);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, bounce_list_tab_stop);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, bounce_list);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, diagnosis_view);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, mailbox_view);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, domain_view);

  bd_window_install_actions (widget_class);
}

static void
bd_window_init (BdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  bd_window_setup_drop_target (self);

  self->bounces = g_list_store_new (BD_TYPE_BOUNCE_ITEM);
  self->search_filter = gtk_custom_filter_new (filter_item, self, NULL);
  self->shown = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->bounces)),
                                           GTK_FILTER (g_object_ref (self->search_filter)));
  gtk_list_box_bind_model (self->bounce_list, G_LIST_MODEL (self->shown), create_bounce_row, NULL, NULL);

  g_object_bind_property (self->search_button, "active", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (search_entry_search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->bounce_list, "row-selected",
                           G_CALLBACK (bounce_list_row_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->bounce_list, "row-activated",
                           G_CALLBACK (bounce_list_row_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (leaflet_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::visible-child", G_CALLBACK (leaflet_notify_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->mailbox_view, "toast", G_CALLBACK (mailbox_view_toast_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->mailbox_view, "shown-changed", G_CALLBACK (mailbox_view_shown_changed_cb),
                           self, G_CONNECT_SWAPPED);

  bd_window_set_page (self, BD_WINDOW_PAGE_EMPTY);
}

BdWindow *
bd_window_new (BdApplication *application)
{
  g_return_val_if_fail (BD_IS_APPLICATION (application), NULL);

  return g_object_new (BD_TYPE_WINDOW, "application", application, NULL);
}

/**
 * bd_window_open_files:
 * @files: (array length=n_files): the files to read
 *
 * The one way in for files: drops, Open… and the command line all end here.
 */
void
bd_window_open_files (BdWindow  *self,
                      GFile    **files,
                      int        n_files)
{
  g_return_if_fail (BD_IS_WINDOW (self));
  g_return_if_fail (n_files == 0 || files != NULL);

  if (n_files <= 0)
    return;

  bd_window_begin_loading (self);
  bd_loader_load_files_async (files, n_files, self->cancellable, bd_window_load_files_cb, g_object_ref (self));
}

/**
 * bd_window_get_diagnosis_view:
 *
 * Returns: (transfer none): the view of the selected bounce (for tests)
 */
BdDiagnosisView *
bd_window_get_diagnosis_view (BdWindow *self)
{
  g_return_val_if_fail (BD_IS_WINDOW (self), NULL);

  return self->diagnosis_view;
}
