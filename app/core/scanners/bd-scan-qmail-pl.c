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

static gboolean
is_qmail_pl (const BdScanInput *input)
{
  if (strstr (input->body, "qmail-send") == NULL && strstr (input->body, "qmail-remote") == NULL
      && strstr (input->body, "Poniżej tej linii znajduje się kopia wiadomości") == NULL)
    return FALSE;
  return strstr (input->body, "Witaj") != NULL || strstr (input->body, "Przykro mi") != NULL
         || strstr (input->body, "Poniżej tej linii") != NULL;
}

gboolean
bd_scan_qmail_pl (const BdScanInput *input,
                  BdBounce          *bounce)
{
  if (!is_qmail_pl (input))
    return FALSE;

  return bd_scan_localized_read (input, bounce);
}
