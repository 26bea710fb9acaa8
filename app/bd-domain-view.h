/* bd-domain-view.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BD_TYPE_DOMAIN_VIEW (bd_domain_view_get_type ())

G_DECLARE_FINAL_TYPE (BdDomainView, bd_domain_view, BD, DOMAIN_VIEW, GtkWidget)

void     bd_domain_view_check       (BdDomainView *self,
                                     const char   *domain,
                                     const char   *selector,
                                     const char   *ip);
void     bd_domain_view_set_bimi_selector (BdDomainView *self,
                                           const char   *domain,
                                           const char   *selector);
gboolean bd_domain_view_is_checking (BdDomainView *self);
guint    bd_domain_view_get_n_areas (BdDomainView *self);

G_END_DECLS
