/* bd-preferences-window.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences: which DNS-over-HTTPS resolver the domain check uses (a
 * public one or a company's own, with its certificate), the DKIM
 * selectors to try and the blocklists to ask. Everything is GSettings.
 */
#define G_LOG_DOMAIN "bd-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bd-doh-client.h"
#include "bd-preferences-window.h"

struct _BdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Owned */
  GSettings            *settings;

  /* Template widgets */
  AdwComboRow          *resolver_row;
  AdwEntryRow          *custom_url_row;
  AdwActionRow         *ca_row;
  GtkButton            *ca_clear_button;
  AdwEntryRow          *selectors_row;
  GtkTextView          *dnsbl_text;

  gboolean              syncing_dnsbl;   /* the text view is being filled from the settings */
  guint                 fit_timeout;     /* fit_dnsbl_timeout(), while shown */
};

G_DEFINE_FINAL_TYPE (BdPreferencesWindow, bd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* In the order of the combo row's items. */
static const char *resolver_choices[] = { "cloudflare", "google", "quad9", "custom" };

static gboolean
choice_to_index (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  const char *choice = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (resolver_choices); i++)
    if (g_strcmp0 (choice, resolver_choices[i]) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
index_to_choice (const GValue       *value,
                 const GVariantType *type,
                 gpointer            user_data)
{
  guint index = g_value_get_uint (value);

  return g_variant_new_string (resolver_choices[MIN (index, G_N_ELEMENTS (resolver_choices) - 1)]);
}

/* "a, b ,c" (or one a line) → ['a', 'b', 'c'] */
static char **
split_list (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text, ", \n\t", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

static gboolean
list_to_text (GValue   *value,
              GVariant *variant,
              gpointer  user_data)
{
  g_autofree const char **items = g_variant_get_strv (variant, NULL);
  g_autofree char *text = g_strjoinv (", ", (char **)items);

  g_value_set_string (value, text);
  return TRUE;
}

static GVariant *
text_to_list (const GValue       *value,
              const GVariantType *type,
              gpointer            user_data)
{
  g_auto(GStrv) items = split_list (g_value_get_string (value));

  return g_variant_new_strv ((const char * const *)items, -1);
}

static char *
dnsbl_text (BdPreferencesWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->dnsbl_text);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* GTK 4.8's GtkTextView lays out its lines in an idle after it was
 * placed, and the height it then needs does not always reach its
 * parents: the field stayed one line (or none) high until the window was
 * resized. While the window is shown, the field's height is compared with
 * what it asks for, ten times a second (one measure: cheap). */
static gboolean
fit_dnsbl_timeout (gpointer user_data)
{
  BdPreferencesWindow *self = user_data;
  GtkWidget *view = GTK_WIDGET (self->dnsbl_text);
  int height = 0;

  gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (view), NULL, &height, NULL, NULL);
  if (height != gtk_widget_get_height (view))
    gtk_widget_queue_resize (view);
  return G_SOURCE_CONTINUE;
}

static void
dnsbl_map_cb (BdPreferencesWindow *self)
{
  if (self->fit_timeout == 0)
    self->fit_timeout = g_timeout_add (100, fit_dnsbl_timeout, self);
}

static void
dnsbl_unmap_cb (BdPreferencesWindow *self)
{
  g_clear_handle_id (&self->fit_timeout, g_source_remove);
}

/* The blocklists field is a wrapping text view, which GSettings cannot
 * bind: it is filled from the settings unless it already says the same
 * (so that "a, " being typed is not rewritten to "a"), and saved as typed. */
static void
dnsbl_from_settings (BdPreferencesWindow *self)
{
  g_auto(GStrv) saved = g_settings_get_strv (self->settings, "dnsbl-lists");
  g_autofree char *text = dnsbl_text (self);
  g_auto(GStrv) shown = split_list (text);
  g_autofree char *joined = NULL;

  if (g_strv_equal ((const char * const *)saved, (const char * const *)shown))
    return;

  joined = g_strjoinv (", ", saved);
  self->syncing_dnsbl = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->dnsbl_text), joined, -1);
  self->syncing_dnsbl = FALSE;
}

static void
dnsbl_changed_cb (BdPreferencesWindow *self,
                  GtkTextBuffer       *buffer)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) items = NULL;

  if (self->syncing_dnsbl)
    return;

  text = dnsbl_text (self);
  items = split_list (text);
  g_settings_set_strv (self->settings, "dnsbl-lists", (const char * const *)items);
}

static void
update_ca_row (BdPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "resolver-ca-file");

  adw_action_row_set_subtitle (self->ca_row, *path ? path : _("None: only the system’s certificates are trusted"));
  gtk_widget_set_visible (GTK_WIDGET (self->ca_clear_button), *path != '\0');
}

/* Review m6: an address the check would refuse is marked as typed, with
 * the check's own reason as the tooltip (the same rule: the DoH client's). */
static void
check_custom_url (BdPreferencesWindow *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->custom_url_row));
  g_autoptr(BdDohClient) client = NULL;
  g_autoptr(GError) error = NULL;

  if (*url != '\0')
    client = bd_doh_client_new (url, &error);
  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->custom_url_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->custom_url_row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->custom_url_row), error != NULL ? error->message : NULL);
}

static void
update_custom_row (BdPreferencesWindow *self)
{
  g_autofree char *choice = g_settings_get_string (self->settings, "resolver");

  gtk_widget_set_visible (GTK_WIDGET (self->custom_url_row), g_strcmp0 (choice, "custom") == 0);
  check_custom_url (self);
}

static void
settings_changed_cb (BdPreferencesWindow *self,
                     const char          *key,
                     GSettings           *settings)
{
  update_ca_row (self);
  update_custom_row (self);
  if (g_strcmp0 (key, "dnsbl-lists") == 0)
    dnsbl_from_settings (self);
}

static void
ca_response_cb (BdPreferencesWindow  *self,
                int                   response,
                GtkFileChooserNative *native)
{
  g_autoptr(GtkFileChooserNative) owned = native;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  path = g_file_get_path (file);
  if (path != NULL)
    g_settings_set_string (self->settings, "resolver-ca-file", path);
}

static void
choose_ca_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BdPreferencesWindow *self = BD_PREFERENCES_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (_("Choose a Certificate"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Certificates (.pem, .crt)"));
  gtk_file_filter_add_pattern (filter, "*.pem");
  gtk_file_filter_add_pattern (filter, "*.crt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_signal_connect_object (native, "response", G_CALLBACK (ca_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
clear_ca_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  g_settings_set_string (BD_PREFERENCES_WINDOW (widget)->settings, "resolver-ca-file", "");
}

static void
bd_preferences_window_dispose (GObject *object)
{
  BdPreferencesWindow *self = (BdPreferencesWindow *)object;

  g_clear_handle_id (&self->fit_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), BD_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bd_preferences_window_parent_class)->dispose (object);
}

static void
bd_preferences_window_class_init (BdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bd_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BdPreferencesWindow, resolver_row);
  gtk_widget_class_bind_template_child (widget_class, BdPreferencesWindow, custom_url_row);
  gtk_widget_class_bind_template_child (widget_class, BdPreferencesWindow, ca_row);
  gtk_widget_class_bind_template_child (widget_class, BdPreferencesWindow, ca_clear_button);
  gtk_widget_class_bind_template_child (widget_class, BdPreferencesWindow, selectors_row);
  gtk_widget_class_bind_template_child (widget_class, BdPreferencesWindow, dnsbl_text);
  gtk_widget_class_install_action (widget_class, "prefs.choose-ca", NULL, choose_ca_action);
  gtk_widget_class_install_action (widget_class, "prefs.clear-ca", NULL, clear_ca_action);
}

static void
bd_preferences_window_init (BdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind_with_mapping (self->settings, "resolver", self->resolver_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, choice_to_index, index_to_choice, NULL, NULL);
  g_settings_bind (self->settings, "resolver-url", self->custom_url_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "dkim-selectors", self->selectors_row, "text",
                                G_SETTINGS_BIND_DEFAULT, list_to_text, text_to_list, NULL, NULL);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->custom_url_row, "changed", G_CALLBACK (check_custom_url), self, G_CONNECT_SWAPPED);
  dnsbl_from_settings (self);
  g_signal_connect_object (gtk_text_view_get_buffer (self->dnsbl_text), "changed",
                           G_CALLBACK (dnsbl_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dnsbl_text, "map", G_CALLBACK (dnsbl_map_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dnsbl_text, "unmap", G_CALLBACK (dnsbl_unmap_cb), self, G_CONNECT_SWAPPED);
  update_ca_row (self);
  update_custom_row (self);
}

GtkWidget *
bd_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (BD_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
}
