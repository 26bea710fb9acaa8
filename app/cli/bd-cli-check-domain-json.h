/* bd-cli-check-domain-json.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * check-domain --format=json: the object of app/DESIGN.md, every member
 * present, null when unknown.
 */
#pragma once

#include "bd-domain-check.h"

G_BEGIN_DECLS

char *bd_cli_domain_report_to_json (BdDomainReport *report);

G_END_DECLS
