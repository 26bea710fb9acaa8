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
  if (finding->record != NULL)
    {
      g_free (finding->record->name);
      g_free (finding->record->type);
      g_free (finding->record->value);
      g_free (finding->record);
    }
}

/* Not thread-safe against readers: call it right after bd_findings_add (),
 * before the finding is shared. */
void
bd_finding_set_record (BdFinding  *finding,
                       const char *name,
                       const char *type,
                       const char *value)
{
  g_return_if_fail (finding != NULL && name != NULL && type != NULL && value != NULL);

  if (finding->record == NULL)
    finding->record = g_new0 (BdFixRecord, 1);
  g_free (finding->record->name);
  g_free (finding->record->type);
  g_free (finding->record->value);
  finding->record->name = g_strdup (name);
  finding->record->type = g_strdup (type);
  finding->record->value = g_strdup (value);
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
BdFinding *
bd_findings_add (GPtrArray  *findings,
                 const char *id,
                 BdSeverity  severity,
                 const char *area,
                 char       *message,
                 char       *fix)
{
  BdFinding *finding;

  g_return_val_if_fail (findings != NULL, NULL);
  finding = bd_finding_new (id, severity, area, message, fix);
  g_ptr_array_add (findings, finding);
  g_free (message);
  g_free (fix);
  return finding;
}
