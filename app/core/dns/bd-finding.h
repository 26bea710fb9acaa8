/* bd-finding.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One finding of the domain check: a stable id (app/DESIGN.md), a severity, the
 * area, a translated message and a concrete fix, and where the fix is a
 * DNS record we can write out, that record ready to publish.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  BD_SEVERITY_INFO,
  BD_SEVERITY_WARNING,
  BD_SEVERITY_ERROR,
} BdSeverity;

/* The corrected record to publish: it replaces the record of the same kind
 * (the SPF TXT, the DMARC TXT…) at @name, or is added when there is none. */
typedef struct
{
  char *name;    /* "firma.pl", "_dmarc.firma.pl" */
  char *type;    /* "TXT", "MX" */
  char *value;   /* "v=spf1 mx ~all" */
} BdFixRecord;

typedef struct
{
  char       *id;
  BdSeverity  severity;
  char       *area;      /* "mx", "spf", "dkim", "dmarc", "dnsbl", "resolver" */
  char       *message;
  char       *fix;       /* may be NULL */
  BdFixRecord *record;   /* may be NULL */
} BdFinding;

BdFinding  *bd_finding_new    (const char *id,
                               BdSeverity  severity,
                               const char *area,
                               const char *message,
                               const char *fix);
BdFinding  *bd_finding_ref    (BdFinding  *finding);
void        bd_finding_unref  (BdFinding  *finding);
const char *bd_severity_to_string (BdSeverity severity);

void        bd_finding_set_record (BdFinding  *finding,
                                   const char *name,
                                   const char *type,
                                   const char *value);

/* Adds a finding to @findings (a GPtrArray of BdFinding); returns it
 * (borrowed) so that a record can be set. */
BdFinding  *bd_findings_add   (GPtrArray  *findings,
                               const char *id,
                               BdSeverity  severity,
                               const char *area,
                               char       *message,
                               char       *fix);
GPtrArray  *bd_findings_new   (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdFinding, bd_finding_unref)

G_END_DECLS
