/* bd-domain-view.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Domain check page: a domain (and optionally a DKIM selector and the
 * sending server's IP), checked over DNS-over-HTTPS with the resolver the
 * user chose — named on the page, with what it means for privacy.
 */
#define G_LOG_DOMAIN "bd-domain-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bd-domain-view-private.h"
#include "bd-resolver-settings.h"

G_DEFINE_FINAL_TYPE (BdDomainView, bd_domain_view, GTK_TYPE_WIDGET)

static void
set_checking (BdDomainView *self,
              gboolean      checking)
{
  gtk_widget_set_visible (GTK_WIDGET (self->stop_button), checking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "domain.check", !checking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "domain.stop", checking);
  if (checking)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
}

static void
update_privacy_note (BdDomainView *self,
                     const char   *resolver)
{
  g_autofree char *text = NULL;

  /* Translators: %s is the address of a DNS-over-HTTPS resolver */
  text = g_strdup_printf (_("The look-ups go over an encrypted connection to %s, the resolver chosen "
                            "in Preferences. It sees which domain you check, nothing else; no email "
                            "leaves your computer."), resolver);
  gtk_label_set_label (self->privacy_label, text);
}

/* "Jan <jan@firma.pl>" or "firma.pl." → "firma.pl" */
static char *
normalize_domain (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  const char *at = strrchr (copy, '@');
  char *domain = g_ascii_strdown (at ? at + 1 : copy, -1);
  gsize len;

  g_strdelimit (domain, "<>", ' ');
  g_strstrip (domain);
  len = strlen (domain);
  if (len > 0 && domain[len - 1] == '.')
    domain[len - 1] = '\0';
  return domain;
}

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(BdDomainView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdDomainReport) report = bd_domain_check_finish (BD_DOH_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_checking (self, FALSE);
      return;
    }

  set_checking (self, FALSE);
  if (report == NULL)
    {
      bd_domain_view_show_error (self, error->message);
      return;
    }

  bd_domain_view_show_report (self, report);
}

static BdDohClient *
make_client (BdResolverSettings  *settings,
             GError             **error)
{
  g_autoptr(BdDohClient) client = bd_doh_client_new (settings->resolver_url, error);

  if (client == NULL)
    return NULL;
  if (settings->ca_file != NULL && !bd_doh_client_set_ca_file (client, settings->ca_file, error))
    return NULL;

  return g_steal_pointer (&client);
}

static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BdDomainView *self = BD_DOMAIN_VIEW (widget);
  g_autofree char *domain = normalize_domain (gtk_editable_get_text (GTK_EDITABLE (self->domain_row)));
  g_autofree char *selector = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->selector_row))));
  g_autofree char *ip = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->ip_row))));
  g_autoptr(GError) error = NULL;
  g_autoptr(BdResolverSettings) settings = bd_resolver_settings_load ();
  char *selectors[2] = { selector, NULL };
  BdDomainCheckOptions options = { 0 };

  if (*domain == '\0' || strchr (domain, '.') == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->domain_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->domain_row));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->domain_row), "error");

  if (*ip != '\0' && !g_hostname_is_ip_address (ip))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->ip_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->ip_row));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->ip_row), "error");

  g_clear_object (&self->client);
  update_privacy_note (self, settings->resolver_url);
  if ((self->client = make_client (settings, &error)) == NULL)
    {
      bd_domain_view_show_error (self, error->message);
      return;
    }
  update_privacy_note (self, bd_doh_client_get_url (self->client));

  options.domain = domain;
  options.ip = *ip ? ip : NULL;
  /* The selector typed in (or taken from the bounce) first; else the
   * ones from Preferences, else the check's common ones. */
  options.selectors = *selector ? selectors : settings->selectors;
  options.dnsbls = settings->dnsbls;
  /* the selector the bounced message named, for its own domain only */
  if (self->bimi_domain != NULL && g_ascii_strcasecmp (self->bimi_domain, domain) == 0)
    options.bimi_selector = self->bimi_selector;
  self->bimi_used = options.bimi_selector != NULL;
  options.starttls = gtk_switch_get_active (self->starttls_switch);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  bd_domain_view_clear_results (self);
  set_checking (self, TRUE);
  bd_domain_check_async (self->client, &options, self->cancellable, NULL, NULL,
                         check_cb, g_object_ref (self));
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BdDomainView *self = BD_DOMAIN_VIEW (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
entry_changed_cb (BdDomainView *self,
                  GtkEditable  *editable)
{
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
}

static void
entry_activated_cb (BdDomainView *self,
                    AdwEntryRow  *row)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "domain.check", NULL);
}

/* Issue 16 (UX review m6): opened, the page takes the typing (its Domain
 * field) and names the resolver chosen now, not the one of the last check
 * or of start-up (Preferences may have changed it since). */
static void
bd_domain_view_map (GtkWidget *widget)
{
  BdDomainView *self = BD_DOMAIN_VIEW (widget);
  g_autoptr(BdResolverSettings) settings = NULL;

  GTK_WIDGET_CLASS (bd_domain_view_parent_class)->map (widget);
  if (!bd_domain_view_is_checking (self))
    {
      settings = bd_resolver_settings_load ();
      update_privacy_note (self, settings->resolver_url);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->domain_row));
}

static void
bd_domain_view_dispose (GObject *object)
{
  BdDomainView *self = (BdDomainView *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), BD_TYPE_DOMAIN_VIEW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_pointer (&self->area_rows, g_ptr_array_unref);
  g_clear_pointer (&self->bimi_domain, g_free);
  g_clear_pointer (&self->bimi_selector, g_free);

  G_OBJECT_CLASS (bd_domain_view_parent_class)->dispose (object);
}

static void
bd_domain_view_class_init (BdDomainViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bd_domain_view_dispose;
  widget_class->map = bd_domain_view_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bd-domain-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BdDomainView, scroller);
  gtk_widget_class_bind_template_child (widget_class, BdDomainView, domain_row);
  gtk_widget_class_bind_template_child (widget_class, BdDomainView, selector_row);
  gtk_widget_class_bind_template_child (widget_class, BdDomainView, ip_row);
  gtk_widget_class_bind_template_child (widget_class, BdDomainView, starttls_switch);
  gtk_widget_class_bind_template_child (widget_class, BdDomainView, check_button);
  gtk_widget_class_bind_template_child (widget_class, BdDomainView, stop_button);
  gtk_widget_class_bind_template_child (widget_class, BdDomainView, spinner);
  gtk_widget_class_bind_template_child (widget_class, BdDomainView, privacy_label);
  gtk_widget_class_bind_template_child (widget_class, BdDomainView, results_group);

  gtk_widget_class_install_action (widget_class, "domain.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "domain.stop", NULL, stop_action);
}

static void
bd_domain_view_init (BdDomainView *self)
{
  g_autoptr(BdResolverSettings) settings = NULL;
  AdwEntryRow *rows[3];

  gtk_widget_init_template (GTK_WIDGET (self));
  self->area_rows = g_ptr_array_new ();

  rows[0] = self->domain_row;
  rows[1] = self->selector_row;
  rows[2] = self->ip_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_signal_connect_object (rows[i], "changed", G_CALLBACK (entry_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (rows[i], "entry-activated", G_CALLBACK (entry_activated_cb), self, G_CONNECT_SWAPPED);
    }

  settings = bd_resolver_settings_load ();
  update_privacy_note (self, settings->resolver_url);
  set_checking (self, FALSE);
}

/**
 * bd_domain_view_check:
 * @domain: the domain (or an address: its domain is used)
 * @selector: (nullable): a DKIM selector
 * @ip: (nullable): the sending server's address
 *
 * Fills in the form and runs the check, as "Check Sender Domain" does.
 */
void
bd_domain_view_check (BdDomainView *self,
                      const char   *domain,
                      const char   *selector,
                      const char   *ip)
{
  g_return_if_fail (BD_IS_DOMAIN_VIEW (self));
  g_return_if_fail (domain != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->domain_row), domain);
  gtk_editable_set_text (GTK_EDITABLE (self->selector_row), selector ? selector : "");
  gtk_editable_set_text (GTK_EDITABLE (self->ip_row), ip ? ip : "");
  gtk_widget_activate_action (GTK_WIDGET (self), "domain.check", NULL);
}

/**
 * bd_domain_view_set_bimi_selector:
 * @domain: the sender's domain
 * @selector: (nullable): s= of the message's BIMI-Selector header
 *
 * Checks of @domain look up @selector's BIMI record instead of
 * default._bimi, as receivers of that message do.
 */
void
bd_domain_view_set_bimi_selector (BdDomainView *self,
                                  const char   *domain,
                                  const char   *selector)
{
  g_return_if_fail (BD_IS_DOMAIN_VIEW (self));

  g_free (self->bimi_domain);
  g_free (self->bimi_selector);
  self->bimi_domain = selector != NULL ? g_strdup (domain) : NULL;
  self->bimi_selector = g_strdup (selector);
}

gboolean
bd_domain_view_is_checking (BdDomainView *self)
{
  g_return_val_if_fail (BD_IS_DOMAIN_VIEW (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->stop_button));
}

guint
bd_domain_view_get_n_areas (BdDomainView *self)
{
  g_return_val_if_fail (BD_IS_DOMAIN_VIEW (self), 0);

  return self->area_rows->len;
}
