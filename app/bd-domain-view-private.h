/* bd-domain-view-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by bd-domain-view.c (the form and the check) and
 * bd-domain-view-results.c (a traffic-light row per area).
 */
#pragma once

#include "bd-domain-check.h"
#include "bd-domain-view.h"

G_BEGIN_DECLS

struct _BdDomainView
{
  GtkWidget            parent_instance;

  /* Owned */
  GCancellable        *cancellable;
  BdDohClient         *client;
  GPtrArray           *area_rows;       /* (element-type GtkWidget) borrowed from results_group */
  char                *bimi_domain;     /* the domain whose message named… */
  char                *bimi_selector;   /* …this BIMI selector (Check Sender Domain) */
  gboolean             bimi_used;       /* the check being shown looked it up */

  /* Template widgets */
  GtkScrolledWindow   *scroller;
  AdwEntryRow         *domain_row;
  AdwEntryRow         *selector_row;
  AdwEntryRow         *ip_row;
  GtkSwitch           *starttls_switch;
  GtkButton           *check_button;
  GtkButton           *stop_button;
  GtkSpinner          *spinner;
  GtkLabel            *privacy_label;
  AdwPreferencesGroup *results_group;
};

void bd_domain_view_clear_results (BdDomainView         *self);
void bd_domain_view_show_report   (BdDomainView         *self,
                                   const BdDomainReport *report);
void bd_domain_view_show_error    (BdDomainView         *self,
                                   const char           *message);

/* bd-domain-view-results.c: the rows' parts, shared with the fix section */
GtkWidget *bd_domain_view_copy_button_new (const char     *text,
                                           const char     *tooltip);
void       bd_domain_view_add_text_row    (AdwExpanderRow *expander,
                                           const char     *title,
                                           const char     *value,
                                           gboolean        monospace);

/* bd-domain-view-fix.c: the records to publish and the message for the
 * hosting company, after the areas; nothing when nothing is wrong. */
void       bd_domain_view_add_fix         (BdDomainView         *self,
                                           const BdDomainReport *report);

G_END_DECLS
