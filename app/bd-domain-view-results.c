/* bd-domain-view-results.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The result of a domain check: one row per area with a traffic light
 * (green: nothing wrong, amber: a warning, red: an error). Expanded, the
 * raw record and every finding with its fix, each with a copy button.
 */
#define G_LOG_DOMAIN "bd-domain-view"

#include "config.h"

#include <glib/gi18n.h>

#include "bd-domain-view-private.h"

static void
copy_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  const char *text = g_object_get_data (G_OBJECT (button), "bd-text");

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), text);
  gtk_button_set_icon_name (button, "object-select-symbolic");
}

GtkWidget *
bd_domain_view_copy_button_new (const char *text,
                                const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "bd-text", g_strdup (text), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (copy_clicked_cb), NULL);
  return button;
}

static const char *
severity_icon (int severity)
{
  switch (severity)
    {
    case BD_SEVERITY_ERROR:   return "dialog-error-symbolic";
    case BD_SEVERITY_WARNING: return "dialog-warning-symbolic";
    case BD_SEVERITY_INFO:    return "dialog-information-symbolic";
    default:                  return "emblem-ok-symbolic";
    }
}

static const char *
severity_class (int severity)
{
  switch (severity)
    {
    case BD_SEVERITY_ERROR:   return "error";
    case BD_SEVERITY_WARNING: return "warning";
    case BD_SEVERITY_INFO:    return "accent";
    default:                  return "success";
    }
}

static GtkWidget *
light_new (int         severity,
           const char *accessible)
{
  GtkWidget *image = gtk_image_new_from_icon_name (severity_icon (severity));

  gtk_widget_add_css_class (image, severity_class (severity));
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return image;
}

/* A text row: @title above a selectable @value, with a copy button. */
void
bd_domain_view_add_text_row (AdwExpanderRow *expander,
                             const char     *title,
                             const char     *value,
                             gboolean        monospace)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *text = gtk_label_new (value);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  /* a long DNS name in the title must not hold a 360 px window wider */
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (heading), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (heading, "caption-heading");
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  if (monospace)
    gtk_widget_add_css_class (text, "monospace");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_set_hexpand (box, TRUE);

  gtk_box_append (GTK_BOX (hbox), box);
  gtk_box_append (GTK_BOX (hbox), bd_domain_view_copy_button_new (value, _("Copy")));
  gtk_widget_add_css_class (hbox, "record-row");   /* its margins: ui/style.css */
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), hbox);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  adw_expander_row_add_row (expander, row);
}

static void
add_finding_row (AdwExpanderRow  *expander,
                 const BdFinding *finding)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), finding->message);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), light_new (finding->severity, bd_severity_to_string (finding->severity)));
  if (finding->fix != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), finding->fix);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      /* the record itself when there is one: that is what gets pasted into DNS */
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 finding->record
                                 ? bd_domain_view_copy_button_new (finding->record->value, _("Copy the record to publish"))
                                 : bd_domain_view_copy_button_new (finding->fix, _("Copy the fix")));
    }
  adw_expander_row_add_row (expander, row);
}

static int
worst_severity (const BdDomainReport *report,
                const char           *area,
                const BdFinding     **worst)
{
  int severity = -1;

  *worst = NULL;
  for (guint i = 0; i < report->findings->len; i++)
    {
      const BdFinding *finding = g_ptr_array_index (report->findings, i);

      if (g_strcmp0 (finding->area, area) == 0 && (int)finding->severity > severity)
        {
          severity = finding->severity;
          *worst = finding;
        }
    }
  return severity;
}

static AdwExpanderRow *
add_area (BdDomainView         *self,
          const BdDomainReport *report,
          const char           *area,
          const char           *title)
{
  const BdFinding *worst;
  int severity = worst_severity (report, area, &worst);
  GtkWidget *expander = adw_expander_row_new ();
  g_autofree char *accessible = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander),
                                 worst ? worst->message : _("No problems found"));
  /* Translators: what a screen reader says for an area's traffic light; %s is the area */
  accessible = g_strdup_printf (severity < 0 ? _("%s: no problems") : _("%s: problems found"), title);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (expander), light_new (severity, accessible));

  for (guint i = 0; i < report->findings->len; i++)
    {
      const BdFinding *finding = g_ptr_array_index (report->findings, i);

      if (g_strcmp0 (finding->area, area) == 0)
        add_finding_row (ADW_EXPANDER_ROW (expander), finding);
    }

  adw_preferences_group_add (self->results_group, expander);
  g_ptr_array_add (self->area_rows, expander);
  return ADW_EXPANDER_ROW (expander);
}

static void
append_tree (GString         *out,
             const BdSpfNode *node,
             guint            depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
  /* Translators: one line of the SPF include tree; %1$s is a domain, %2$u its look-ups */
  g_string_append_printf (out, ngettext ("%1$s (%2$u look-up)", "%1$s (%2$u look-ups)", node->lookups),
                          node->domain, node->lookups);
  g_string_append_c (out, '\n');
  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    append_tree (out, g_ptr_array_index (node->children, i), depth + 1);
}

static void
add_spf (BdDomainView         *self,
         const BdDomainReport *report)
{
  AdwExpanderRow *row = add_area (self, report, "spf", _("SPF: servers allowed to send for the domain"));
  const BdSpfCheck *spf = report->spf;

  if (spf == NULL)
    return;

  if (spf->record != NULL)
    bd_domain_view_add_text_row (row, _("Published record"), spf->record, TRUE);

  if (spf->has_result)
    {
      g_autofree char *text = NULL;

      /* Translators: %1$s is an IP address, %2$s the SPF result (pass, fail…), %3$s the deciding term */
      text = g_strdup_printf (_("%1$s: %2$s (decided by %3$s)"), report->ip,
                              bd_spf_result_to_string (spf->result), spf->matched ? spf->matched : "—");
      bd_domain_view_add_text_row (row, _("Result for the sending server"), text, FALSE);
    }

  if (spf->tree != NULL)
    {
      g_autoptr(GString) tree = g_string_new (NULL);
      g_autofree char *title = NULL;

      append_tree (tree, spf->tree, 0);
      g_strchomp (tree->str);
      /* Translators: %u is the number of DNS look-ups; the limit is 10 */
      title = g_strdup_printf (_("Include tree: %u of the 10 allowed look-ups"), spf->lookups);
      bd_domain_view_add_text_row (row, title, tree->str, TRUE);
    }
}

static void
add_dkim (BdDomainView         *self,
          const BdDomainReport *report)
{
  AdwExpanderRow *row = add_area (self, report, "dkim", _("DKIM: signatures on your messages"));

  for (guint i = 0; report->dkim != NULL && i < report->dkim->len; i++)
    {
      const BdDkimReport *dkim = g_ptr_array_index (report->dkim, i);
      g_autofree char *title = NULL;

      if (dkim->record == NULL)
        continue;
      /* Translators: %s is a DKIM selector such as “google” */
      title = g_strdup_printf (_("Key for selector “%s”"), dkim->selector);
      bd_domain_view_add_text_row (row, title, dkim->record, TRUE);
    }
}

static void
add_dnsbl (BdDomainView         *self,
           const BdDomainReport *report)
{
  AdwExpanderRow *row;

  if (report->dnsbl == NULL || report->dnsbl->len == 0)
    return;

  row = add_area (self, report, "dnsbl", _("Blocklists: the sending server’s reputation"));
  for (guint i = 0; i < report->dnsbl->len; i++)
    {
      const BdDnsblResult *result = g_ptr_array_index (report->dnsbl, i);

      bd_domain_view_add_text_row (row, result->list, result->detail ? result->detail : bd_dnsbl_status_to_string (result->status), FALSE);
    }
}

static void
add_starttls (BdDomainView         *self,
              const BdDomainReport *report)
{
  AdwExpanderRow *row = add_area (self, report, "starttls", _("Encryption of the mail servers (STARTTLS)"));

  for (guint i = 0; i < report->starttls->len; i++)
    {
      const BdStarttlsResult *result = g_ptr_array_index (report->starttls, i);
      g_autofree char *text = NULL;

      if (result->encrypted)
        {
          g_autofree char *date = result->not_after ? g_date_time_format (result->not_after, "%x") : g_strdup ("?");
          g_autofree char *names = NULL;

          g_ptr_array_add (result->names, NULL);
          names = g_strjoinv (", ", (char **)result->names->pdata);
          g_ptr_array_remove_index (result->names, result->names->len - 1);
          /* Translators: %1$s is the names in a certificate, %2$s its expiry date */
          text = g_strdup_printf (_("Encrypted; certificate for %1$s, valid until %2$s"), names, date);
        }
      else
        text = g_strdup (result->reached ? _("Not encrypted") : _("Could not connect"));
      bd_domain_view_add_text_row (row, result->host, text, FALSE);
    }
}

void
bd_domain_view_clear_results (BdDomainView *self)
{
  for (guint i = 0; i < self->area_rows->len; i++)
    adw_preferences_group_remove (self->results_group, g_ptr_array_index (self->area_rows, i));
  g_ptr_array_set_size (self->area_rows, 0);
  adw_preferences_group_set_title (self->results_group, "");
  adw_preferences_group_set_description (self->results_group, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->results_group), FALSE);
}

void
bd_domain_view_show_error (BdDomainView *self,
                           const char   *message)
{
  bd_domain_view_clear_results (self);
  adw_preferences_group_set_title (self->results_group, _("The Check Could Not Be Done"));
  adw_preferences_group_set_description (self->results_group, message);
  gtk_widget_set_visible (GTK_WIDGET (self->results_group), TRUE);
}

void
bd_domain_view_show_report (BdDomainView         *self,
                            const BdDomainReport *report)
{
  g_autofree char *title = NULL;
  AdwExpanderRow *row;

  bd_domain_view_clear_results (self);

  /* Translators: %s is a domain */
  title = g_strdup_printf (_("Results for %s"), report->domain);
  adw_preferences_group_set_title (self->results_group, title);

  row = add_area (self, report, "mx", _("Mail servers (MX)"));
  for (guint i = 0; report->mx != NULL && i < report->mx->records->len; i++)
    bd_domain_view_add_text_row (row, _("Mail server"), g_ptr_array_index (report->mx->records, i), TRUE);
  if (report->starttls != NULL)
    add_starttls (self, report);

  add_spf (self, report);
  add_dkim (self, report);

  row = add_area (self, report, "dmarc", _("DMARC: what receivers do with failing mail"));
  if (report->dmarc != NULL && report->dmarc->record != NULL)
    bd_domain_view_add_text_row (row, report->dmarc->found_at ? report->dmarc->found_at : _("Published record"),
                  report->dmarc->record, TRUE);

  if (report->rdns != NULL)
    {
      row = add_area (self, report, "rdns", _("Reverse DNS of the sending server"));
      for (guint i = 0; i < report->rdns->names->len; i++)
        bd_domain_view_add_text_row (row, report->rdns->ip, g_ptr_array_index (report->rdns->names, i), TRUE);
    }
  add_dnsbl (self, report);

  row = add_area (self, report, "mta-sts", _("MTA-STS: encryption required by senders"));
  if (report->mta_sts != NULL && report->mta_sts->policy != NULL)
    bd_domain_view_add_text_row (row, report->mta_sts->policy_url, report->mta_sts->policy, TRUE);
  row = add_area (self, report, "tlsrpt", _("TLS reports: news of failed encryption"));
  if (report->tlsrpt != NULL && report->tlsrpt->record != NULL)
    bd_domain_view_add_text_row (row, _("Published record"), report->tlsrpt->record, TRUE);
  if (report->bimi != NULL && report->bimi->record != NULL)
    {
      row = add_area (self, report, "bimi", _("BIMI: the logo beside your messages"));
      /* not default._bimi: the one the returned message named */
      if (self->bimi_used)
        bd_domain_view_add_text_row (row, _("Selector named by your message"), self->bimi_selector, TRUE);
      bd_domain_view_add_text_row (row, _("Published record"), report->bimi->record, TRUE);
    }

  row = add_area (self, report, "dnssec", _("DNSSEC: signatures on the domain’s DNS"));
  if (report->dnssec != NULL && report->dnssec->validated)
    bd_domain_view_add_text_row (row, _("State"), _("Signed, and the signatures validate."), FALSE);
  for (guint i = 0; report->dnssec != NULL && i < report->dnssec->ds->len; i++)
    bd_domain_view_add_text_row (row, _("DS record at the parent zone"), g_ptr_array_index (report->dnssec->ds, i), TRUE);

  if (worst_severity (report, "resolver", &(const BdFinding *){ NULL }) >= 0)
    add_area (self, report, "resolver", _("The resolver"));

  bd_domain_view_add_fix (self, report);

  gtk_widget_set_visible (GTK_WIDGET (self->results_group), TRUE);
}
