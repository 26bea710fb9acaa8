/* bd-scan-exchange-i18n.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exchange and Microsoft 365 reports in the recipient organisation's or the
 * sender's language. Microsoft 365 writes
 *
 *   Nie można dostarczyć wiadomości do jan.kowalski@example.pl.
 *   …
 *   Informacje diagnostyczne dla administratorów:
 *   Serwer generujący: AM0PR01MB1234.eurprd01.prod.exchangelabs.com
 *   jan.kowalski@example.pl
 *   Serwer zdalny zwrócił „550 5.1.10 RESOLVER.ADR.RecipientNotFound; …”
 *
 * (German: "Ihre Nachricht an … konnte nicht zugestellt werden",
 * "Diagnoseinformationen für Administratoren", subject "Unzustellbar:"),
 * and on-premises Exchange "Dostarczenie do tych adresatów lub grup nie
 * powiodło się:" / "Die Zustellung an folgende Empfänger oder Gruppen ist
 * fehlgeschlagen:" / "Doručení následujícím příjemcům nebo skupinám se
 * nezdařilo:". The delivery-status part is often stripped by forwarding,
 * so the prose is read on its own.
 */
#define G_LOG_DOMAIN "bd-scan-exchange-i18n"

#include "config.h"

#include <string.h>

#include "bd-scan-i18n.h"
#include "bd-scan-memo.h"
#include "bd-scan-util.h"

static const char *const exchange_markers[] = {
  "Informacje diagnostyczne dla administratorów",
  "Diagnoseinformationen für Administratoren",
  "Diagnostické informace pro správce",
  "adresatów lub grup nie powiodło się",
  "Empfänger oder Gruppen ist fehlgeschlagen",
  "an folgende Empfänger fehlgeschlagen",
  "příjemcům nebo skupinám se nezdařilo",
  "adresatów lub grup zostało opóźnione",
  "Empfänger oder Gruppen verzögert sich",
  "příjemcům nebo skupinám je zpožděno",
  NULL
};

static const char *const cloud_markers[] = {
  "outlook.com", "exchangelabs.com", "Microsoft 365", "Office 365", NULL
};

static gboolean
has_exchange_marker (const BdScanInput *input)
{
  /* every marker has a letter outside ASCII */
  if (input->body_is_ascii)
    return FALSE;
  for (guint i = 0; exchange_markers[i] != NULL; i++)
    if (bd_scan_body_has (input, exchange_markers[i]))
      return TRUE;
  return FALSE;
}

/* Asked by both scanners of this file, one after the other: the answer
 * is kept for the message (bd-scan-memo.h). */
static gboolean
is_localized_exchange (const BdScanInput *input)
{
  BdScanMemoAnswer known = bd_scan_memo_get_answer (input, BD_SCAN_MEMO_LOCALIZED_EXCHANGE);
  gboolean yes;

  if (known != BD_SCAN_MEMO_UNKNOWN)
    return known == BD_SCAN_MEMO_YES;
  yes = has_exchange_marker (input);
  bd_scan_memo_set_answer (input, BD_SCAN_MEMO_LOCALIZED_EXCHANGE, yes);
  return yes;
}

static gboolean
is_cloud (const BdScanInput *input)
{
  return bd_text_contains_any (input->body, cloud_markers);
}

/* Exchange's own component codes name the reason whatever the status
 * says: Microsoft 365 sends 5.1.10, RFC 7505's "null MX", for an
 * unknown recipient, and 5.2.2 both for a full mailbox and for the
 * sender's own submission quota. */
static const struct
{
  const char *code;
  BdReason    reason;
} exchange_codes[] = {
  { "RESOLVER.ADR.RecipientNotFound", BD_REASON_USERUNKNOWN },
  { "RESOLVER.ADR.RecipNotFound", BD_REASON_USERUNKNOWN },
  { "RESOLVER.ADR.ExRecipNotFound", BD_REASON_USERUNKNOWN },
  { "STOREDRV.Deliver.Exception:QuotaExceeded", BD_REASON_MAILBOXFULL },
  { "SubmissionQuotaExceeded", BD_REASON_SPEEDING },
  { "RESOLVER.RST.RecipSizeLimit", BD_REASON_MESGTOOBIG },
  { "RESOLVER.RST.AuthRequired", BD_REASON_SECURITYERROR },
  { "RESOLVER.RST.NotAuthorized", BD_REASON_FILTERED },
  { "Access denied, banned sender", BD_REASON_BLOCKED },
};

static gboolean
read_exchange (const BdScanInput *input,
               BdBounce          *bounce)
{
  if (!bd_scan_localized_read (input, bounce))
    return FALSE;

  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      BdRecipient *recipient = g_ptr_array_index (bounce->recipients, i);

      for (guint j = 0; recipient->diagnostic != NULL && j < G_N_ELEMENTS (exchange_codes); j++)
        if (bd_text_strcasestr (recipient->diagnostic, exchange_codes[j].code) != NULL)
          {
            bd_scan_set_reason (recipient, exchange_codes[j].reason, BD_EVIDENCE_STATED_BY_FORMAT, exchange_codes[j].code);
            break;
          }
    }
  return TRUE;
}

gboolean
bd_scan_office365_i18n (const BdScanInput *input,
                        BdBounce          *bounce)
{
  if (!is_localized_exchange (input) || !is_cloud (input))
    return FALSE;

  return read_exchange (input, bounce);
}

gboolean
bd_scan_exchange_i18n (const BdScanInput *input,
                       BdBounce          *bounce)
{
  if (!is_localized_exchange (input) || is_cloud (input))
    return FALSE;

  return read_exchange (input, bounce);
}
