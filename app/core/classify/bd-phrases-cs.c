/* bd-phrases-cs.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Czech wording of mail servers' replies and bounce texts (see bd-phrases.h):
 * Seznam.cz, Forpsi, Czech Exchange / Microsoft 365 and translated Postfix
 * templates. Lower case, with Czech letters.
 */
#include "config.h"

#include "bd-phrases.h"

static const BdPhrase phrases[] = {
  /* userunknown */
  { "uživatel neexistuje", BD_REASON_USERUNKNOWN },
  { "neznámý uživatel", BD_REASON_USERUNKNOWN },
  { "neznámý příjemce", BD_REASON_USERUNKNOWN },
  { "příjemce neexistuje", BD_REASON_USERUNKNOWN },
  { "adresa neexistuje", BD_REASON_USERUNKNOWN },
  { "schránka neexistuje", BD_REASON_USERUNKNOWN },
  { "neexistující adresa", BD_REASON_USERUNKNOWN },
  { "neexistující schránka", BD_REASON_USERUNKNOWN },
  { "nebyla nalezena", BD_REASON_USERUNKNOWN },

  /* hostunknown */
  { "doména neexistuje", BD_REASON_HOSTUNKNOWN },
  { "neznámá doména", BD_REASON_HOSTUNKNOWN },
  { "neexistující doména", BD_REASON_HOSTUNKNOWN },

  /* suspend */
  { "schránka je zablokována", BD_REASON_SUSPEND },
  { "schránka je deaktivována", BD_REASON_SUSPEND },
  { "účet je zablokován", BD_REASON_SUSPEND },
  { "účet je zrušen", BD_REASON_SUSPEND },

  /* mailboxfull, size */
  { "schránka je plná", BD_REASON_MAILBOXFULL },
  { "plná schránka", BD_REASON_MAILBOXFULL },
  { "schránka příjemce je plná", BD_REASON_MAILBOXFULL },
  { "překročena kvóta", BD_REASON_MAILBOXFULL },
  { "překročení kvóty", BD_REASON_MAILBOXFULL },
  { "zpráva je příliš velká", BD_REASON_MESGTOOBIG },
  { "příliš velká zpráva", BD_REASON_MESGTOOBIG },
  { "překračuje maximální velikost", BD_REASON_MESGTOOBIG },

  /* spam, viruses, blocking */
  { "označena jako spam", BD_REASON_SPAMDETECTED },
  { "vyhodnocena jako spam", BD_REASON_SPAMDETECTED },
  { "považována za spam", BD_REASON_SPAMDETECTED },
  { "obsahuje virus", BD_REASON_VIRUSDETECTED },
  { "nalezen virus", BD_REASON_VIRUSDETECTED },
  { "černé listině", BD_REASON_BLOCKED },
  { "černá listina", BD_REASON_BLOCKED },
  { "ip adresa je blokována", BD_REASON_BLOCKED },
  { "špatná reputace", BD_REASON_BADREPUTATION },
  { "nízká reputace", BD_REASON_BADREPUTATION },
  { "odesílatel odmítnut", BD_REASON_REJECTED },
  { "neplatný odesílatel", BD_REASON_REJECTED },

  /* authentication, policy, relaying */
  { "chybí ptr záznam", BD_REASON_REQUIREPTR },
  { "chybějící ptr", BD_REASON_REQUIREPTR },
  { "ověření spf selhalo", BD_REASON_AUTHFAILURE },
  { "kontrola spf selhala", BD_REASON_AUTHFAILURE },
  { "vyžadováno ověření", BD_REASON_SECURITYERROR },
  { "přeposílání není povoleno", BD_REASON_NORELAYING },
  { "relay není povolen", BD_REASON_NORELAYING },

  /* limits and temporary trouble */
  { "překročen limit odeslaných zpráv", BD_REASON_SPEEDING },
  { "příliš mnoho zpráv", BD_REASON_SPEEDING },
  { "příliš mnoho příjemců", BD_REASON_SPEEDING },
  { "příliš mnoho spojení", BD_REASON_TOOMANYCONN },
  { "spojení odmítnuto", BD_REASON_NETWORKERROR },
  { "nepodařilo se spojit", BD_REASON_NETWORKERROR },
  { "vypršel časový limit", BD_REASON_NETWORKERROR },
  { "příliš dlouho ve frontě", BD_REASON_EXPIRED },
  { "interní chyba serveru", BD_REASON_SYSTEMERROR },

  { NULL, BD_REASON_UNDEFINED },
};

const BdPhraseTable bd_phrases_cs = {
  "cs", phrases, G_N_ELEMENTS (phrases) - 1,
};
