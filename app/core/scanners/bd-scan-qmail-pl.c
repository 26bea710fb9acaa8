/* bd-scan-qmail-pl.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * qmail with the Polish translation of its bounce template, long used by
 * Polish hosting companies:
 *
 *   Witaj, tu program qmail-send z serwera mail.example.pl.
 *   Niestety, nie mogłem dostarczyć Twojej wiadomości pod jeden lub więcej
 *   adresów docelowych. To jest błąd stały; nie będę więcej próbował.
 *
 *   <jan.kowalski@example.pl>:
 *   Przykro mi, ale nie ma tutaj skrzynki o takiej nazwie. (#5.1.1)
 *
 *   --- Poniżej tej linii znajduje się kopia wiadomości.
 *
 * The paragraphs are qmail's ("<addr>:" and its explanation), so the
 * localized reader takes them as they are.
 */
#define G_LOG_DOMAIN "bd-scan-qmail-pl"

#include "config.h"

#include <string.h>

#include "bd-scan-i18n.h"
#include "bd-scan-util.h"

/* qmail's program names, or the Polish line above the copy (which an
 * ASCII body cannot hold). The names are asked of the body's runs
 * (bd_scan_body_has()), which tell most bodies apart at once: a search
 * for "qmail-" first did not, as its runs are in "mail" and "ail-". */
static gboolean
names_qmail (const BdScanInput *input)
{
  if (bd_scan_body_has (input, "qmail-send") || bd_scan_body_has (input, "qmail-remote"))
    return TRUE;
  return !input->body_is_ascii
         && bd_scan_body_has (input, "Poniżej tej linii znajduje się kopia wiadomości");
}

static gboolean
is_qmail_pl (const BdScanInput *input)
{
  if (!names_qmail (input))
    return FALSE;
  return bd_scan_body_has (input, "Witaj") || bd_scan_body_has (input, "Przykro mi")
         || bd_scan_body_has (input, "Poniżej tej linii");
}

gboolean
bd_scan_qmail_pl (const BdScanInput *input,
                  BdBounce          *bounce)
{
  if (!is_qmail_pl (input))
    return FALSE;

  return bd_scan_localized_read (input, bounce);
}
