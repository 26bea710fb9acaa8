/* bd-finding.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-domain-check"

#include "config.h"

#include "bd-finding.h"

BdFinding *
bd_finding_new (const char *id,
                BdSeverity  severity,
                const char *area,
                const char *message,
                const char *fix)
{
  BdFinding *finding;

  g_return_val_if_fail (id != NULL && area != NULL && message != NULL, NULL);

  finding = g_atomic_rc_box_new0 (BdFinding);
  finding->id = g_strdup (id);
  finding->severity = severity;
  finding->area = g_strdup (area);
  finding->message = g_strdup (message);
  finding->fix = g_strdup (fix);
  return finding;
}

BdFinding *
bd_finding_ref (BdFinding *finding)
{
  g_return_val_if_fail (finding != NULL, NULL);
  return g_atomic_rc_box_acquire (finding);
}

static void
finding_clear (gpointer data)
{
  BdFinding *finding = data;

  g_free (finding->id);
  g_free (finding->area);
  g_free (finding->message);
  g_free (finding->fix);
}

void
bd_finding_unref (BdFinding *finding)
{
  if (finding != NULL)
    g_atomic_rc_box_release_full (finding, finding_clear);
}

const char *
bd_severity_to_string (BdSeverity severity)
{
  switch (severity)
    {
    case BD_SEVERITY_ERROR: return "error";
    case BD_SEVERITY_WARNING: return "warning";
    case BD_SEVERITY_INFO:
    default: return "info";
    }
}

GPtrArray *
bd_findings_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)bd_finding_unref);
}

/* Takes @message and @fix. */
void
bd_findings_add (GPtrArray  *findings,
                 const char *id,
                 BdSeverity  severity,
                 const char *area,
                 char       *message,
                 char       *fix)
{
  g_return_if_fail (findings != NULL);
  g_ptr_array_add (findings, bd_finding_new (id, severity, area, message, fix));
  g_free (message);
  g_free (fix);
}
