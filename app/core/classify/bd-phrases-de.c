/* bd-phrases-de.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * German wording of mail servers' replies and bounce texts (see bd-phrases.h):
 * German Exchange / Microsoft 365 reports ("Unzustellbar"), translated
 * Postfix templates, and the texts of T-Online, GMX and WEB.DE. Lower case.
 */
#include "config.h"

#include "bd-phrases.h"

static const BdPhrase phrases[] = {
  /* userunknown */
  { "empfänger unbekannt", BD_REASON_USERUNKNOWN },
  { "unbekannter empfänger", BD_REASON_USERUNKNOWN },
  { "benutzer unbekannt", BD_REASON_USERUNKNOWN },
  { "unbekannter benutzer", BD_REASON_USERUNKNOWN },
  { "postfach existiert nicht", BD_REASON_USERUNKNOWN },
  { "postfach nicht vorhanden", BD_REASON_USERUNKNOWN },
  { "adresse existiert nicht", BD_REASON_USERUNKNOWN },
  { "e-mail-adresse ist nicht vorhanden", BD_REASON_USERUNKNOWN },
  { "konnte nicht gefunden werden", BD_REASON_USERUNKNOWN },
  { "kein postfach", BD_REASON_USERUNKNOWN },
  { "empfängeradresse abgelehnt", BD_REASON_USERUNKNOWN },

  /* hostunknown */
  { "domäne existiert nicht", BD_REASON_HOSTUNKNOWN },
  { "domain existiert nicht", BD_REASON_HOSTUNKNOWN },
  { "unbekannte domain", BD_REASON_HOSTUNKNOWN },
  { "unbekannte domäne", BD_REASON_HOSTUNKNOWN },
  { "host nicht gefunden", BD_REASON_HOSTUNKNOWN },
  { "unbekannter host", BD_REASON_HOSTUNKNOWN },

  /* suspend */
  { "postfach gesperrt", BD_REASON_SUSPEND },
  { "postfach ist gesperrt", BD_REASON_SUSPEND },
  { "postfach deaktiviert", BD_REASON_SUSPEND },
  { "postfach ist deaktiviert", BD_REASON_SUSPEND },
  { "konto gesperrt", BD_REASON_SUSPEND },
  { "konto ist gesperrt", BD_REASON_SUSPEND },
  { "konto deaktiviert", BD_REASON_SUSPEND },
  { "account gesperrt", BD_REASON_SUSPEND },

  /* mailboxfull, size */
  { "postfach ist voll", BD_REASON_MAILBOXFULL },
  { "postfach voll", BD_REASON_MAILBOXFULL },
  { "postfach des empfängers ist voll", BD_REASON_MAILBOXFULL },
  { "speicherplatz überschritten", BD_REASON_MAILBOXFULL },
  { "speicherkontingent", BD_REASON_MAILBOXFULL },
  { "kontingent überschritten", BD_REASON_MAILBOXFULL },
  { "quota überschritten", BD_REASON_MAILBOXFULL },
  { "nachricht ist zu groß", BD_REASON_MESGTOOBIG },
  { "nachricht zu groß", BD_REASON_MESGTOOBIG },
  { "maximale nachrichtengröße", BD_REASON_MESGTOOBIG },
  { "größenbeschränkung", BD_REASON_MESGTOOBIG },

  /* filtered, rejected */
  { "empfänger hat sie blockiert", BD_REASON_FILTERED },
  { "vom empfänger blockiert", BD_REASON_FILTERED },
  { "absender ist gesperrt", BD_REASON_FILTERED },
  { "absender abgelehnt", BD_REASON_REJECTED },
  { "absenderadresse abgelehnt", BD_REASON_REJECTED },
  { "ungültige absenderadresse", BD_REASON_REJECTED },

  /* blocked, reputation, spam, viruses */
  { "sperrliste", BD_REASON_BLOCKED },
  { "schwarze liste", BD_REASON_BLOCKED },
  { "schwarzen liste", BD_REASON_BLOCKED },
  { "ip-adresse ist gesperrt", BD_REASON_BLOCKED },
  { "ip-adresse wurde gesperrt", BD_REASON_BLOCKED },
  { "schlechte reputation", BD_REASON_BADREPUTATION },
  { "als spam eingestuft", BD_REASON_SPAMDETECTED },
  { "als spam erkannt", BD_REASON_SPAMDETECTED },
  { "spamverdacht", BD_REASON_SPAMDETECTED },
  { "virus gefunden", BD_REASON_VIRUSDETECTED },
  { "virus erkannt", BD_REASON_VIRUSDETECTED },
  { "enthält einen virus", BD_REASON_VIRUSDETECTED },

  /* authentication */
  { "spf-prüfung fehlgeschlagen", BD_REASON_AUTHFAILURE },
  { "dkim-prüfung fehlgeschlagen", BD_REASON_AUTHFAILURE },
  { "dmarc-prüfung fehlgeschlagen", BD_REASON_AUTHFAILURE },
  { "kein ptr", BD_REASON_REQUIREPTR },
  { "fehlender ptr", BD_REASON_REQUIREPTR },
  { "kein reverse dns", BD_REASON_REQUIREPTR },
  { "keinen reverse-dns", BD_REASON_REQUIREPTR },
  { "authentifizierung erforderlich", BD_REASON_SECURITYERROR },
  { "authentifizierung fehlgeschlagen", BD_REASON_SECURITYERROR },

  /* policy, relaying, limits */
  { "richtlinie", BD_REASON_POLICYVIOLATION },
  { "relaying nicht erlaubt", BD_REASON_NORELAYING },
  { "relaying verweigert", BD_REASON_NORELAYING },
  { "weiterleitung nicht erlaubt", BD_REASON_NORELAYING },
  { "sendelimit", BD_REASON_SPEEDING },
  { "versandlimit", BD_REASON_SPEEDING },
  { "zu viele nachrichten", BD_REASON_SPEEDING },
  { "zu viele empfänger", BD_REASON_SPEEDING },
  { "zu viele verbindungen", BD_REASON_TOOMANYCONN },

  /* temporary trouble */
  { "verbindung abgelehnt", BD_REASON_NETWORKERROR },
  { "verbindung fehlgeschlagen", BD_REASON_NETWORKERROR },
  { "zeitüberschreitung", BD_REASON_NETWORKERROR },
  { "nicht erreichbar", BD_REASON_NETWORKERROR },
  { "zu lange in der warteschlange", BD_REASON_EXPIRED },
  { "maximale zustellzeit", BD_REASON_EXPIRED },
  { "festplatte voll", BD_REASON_SYSTEMFULL },
  { "interner serverfehler", BD_REASON_SYSTEMERROR },
  { "temporärer serverfehler", BD_REASON_SYSTEMERROR },

  { NULL, BD_REASON_UNDEFINED },
};

const BdPhraseTable bd_phrases_de = {
  "de", phrases, G_N_ELEMENTS (phrases) - 1,
};
