/* bd-phrases-pl.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Polish wording of mail servers' replies and bounce texts (see bd-phrases.h):
 * the Polish qmail template, Polish Postfix and Exchange / Microsoft 365
 * reports, and the texts of Polish providers (Onet, Interia, WP, o2,
 * home.pl, nazwa.pl, OVH). Lower case, with Polish letters; each phrase is
 * specific enough not to match a neighbouring reason ("nie istnieje" alone
 * would match both a mailbox and a domain).
 */
#include "config.h"

#include "bd-phrases.h"

static const BdPhrase phrases[] = {
  /* userunknown */
  { "nie ma tutaj skrzynki o takiej nazwie", BD_REASON_USERUNKNOWN },
  { "nie ma skrzynki o takiej nazwie", BD_REASON_USERUNKNOWN },
  { "skrzynka nie istnieje", BD_REASON_USERUNKNOWN },
  { "skrzynka pocztowa nie istnieje", BD_REASON_USERUNKNOWN },
  { "adres nie istnieje", BD_REASON_USERUNKNOWN },
  { "adres e-mail nie istnieje", BD_REASON_USERUNKNOWN },
  { "adresat nie istnieje", BD_REASON_USERUNKNOWN },
  { "użytkownik nie istnieje", BD_REASON_USERUNKNOWN },
  { "konto nie istnieje", BD_REASON_USERUNKNOWN },
  { "nie ma takiego użytkownika", BD_REASON_USERUNKNOWN },
  { "nie ma takiego adresu", BD_REASON_USERUNKNOWN },
  { "nieznany użytkownik", BD_REASON_USERUNKNOWN },
  { "nieznany adresat", BD_REASON_USERUNKNOWN },
  { "nieznany odbiorca", BD_REASON_USERUNKNOWN },
  { "brak takiego użytkownika", BD_REASON_USERUNKNOWN },
  { "brak takiej skrzynki", BD_REASON_USERUNKNOWN },
  { "nie znaleziono adresata", BD_REASON_USERUNKNOWN },
  { "nie znaleziono użytkownika", BD_REASON_USERUNKNOWN },
  { "nie można odnaleźć wprowadzonego adresu", BD_REASON_USERUNKNOWN },
  /* Gmail's Polish "Nie znaleziono adresu" notice: "Wiadomość nie została
   * dostarczona, ponieważ nie znaleziono adresu odbiorcy (…) lub odbiorca
   * nie może odebrać wiadomości" — its English template's "because the
   * address couldn't be found" (bd-scan-gmail.c) */
  { "nie znaleziono adresu odbiorcy", BD_REASON_USERUNKNOWN },
  { "nieprawidłowy adresat", BD_REASON_USERUNKNOWN },

  /* hostunknown */
  { "domena nie istnieje", BD_REASON_HOSTUNKNOWN },
  { "nieznana domena", BD_REASON_HOSTUNKNOWN },
  { "nie znaleziono domeny", BD_REASON_HOSTUNKNOWN },
  { "nie znalazłem hosta", BD_REASON_HOSTUNKNOWN },
  { "nie mogłem znaleźć hosta", BD_REASON_HOSTUNKNOWN },
  { "nie znaleziono hosta", BD_REASON_HOSTUNKNOWN },
  { "nie można odnaleźć domeny", BD_REASON_HOSTUNKNOWN },

  /* hasmoved */
  { "adresat zmienił adres", BD_REASON_HASMOVED },
  { "użytkownik zmienił adres", BD_REASON_HASMOVED },

  /* suspend */
  { "skrzynka jest zablokowana", BD_REASON_SUSPEND },
  { "skrzynka zablokowana", BD_REASON_SUSPEND },
  { "skrzynka jest nieaktywna", BD_REASON_SUSPEND },
  { "skrzynka nieaktywna", BD_REASON_SUSPEND },
  { "skrzynka została wyłączona", BD_REASON_SUSPEND },
  { "skrzynka została zawieszona", BD_REASON_SUSPEND },
  { "konto jest zablokowane", BD_REASON_SUSPEND },
  { "konto zablokowane", BD_REASON_SUSPEND },
  { "konto jest nieaktywne", BD_REASON_SUSPEND },
  { "konto zostało zawieszone", BD_REASON_SUSPEND },
  { "konto zostało wyłączone", BD_REASON_SUSPEND },
  { "adres jest administracyjnie wyłączony", BD_REASON_SUSPEND },
  { "konto adresata jest nieaktywne", BD_REASON_SUSPEND },
  { "konto adresata jest zablokowane", BD_REASON_SUSPEND },
  { "skrzynka adresata jest nieaktywna", BD_REASON_SUSPEND },
  { "skrzynka adresata jest zablokowana", BD_REASON_SUSPEND },

  /* mailboxfull */
  { "skrzynka jest pełna", BD_REASON_MAILBOXFULL },
  { "skrzynka pełna", BD_REASON_MAILBOXFULL },
  { "skrzynka jest przepełniona", BD_REASON_MAILBOXFULL },
  { "skrzynka adresata jest przepełniona", BD_REASON_MAILBOXFULL },
  { "skrzynka odbiorcy jest pełna", BD_REASON_MAILBOXFULL },
  { "przepełniona skrzynka", BD_REASON_MAILBOXFULL },
  { "pełna skrzynka", BD_REASON_MAILBOXFULL },
  { "brak miejsca w skrzynce", BD_REASON_MAILBOXFULL },
  { "przekroczono limit miejsca", BD_REASON_MAILBOXFULL },
  { "przekroczony limit miejsca", BD_REASON_MAILBOXFULL },
  { "przekroczono pojemność skrzynki", BD_REASON_MAILBOXFULL },
  { "przekroczona pojemność skrzynki", BD_REASON_MAILBOXFULL },
  { "przekroczony rozmiar skrzynki", BD_REASON_MAILBOXFULL },

  /* exceedlimit, mesgtoobig */
  { "wiadomość przekracza maksymalny rozmiar akceptowany przez użytkownika", BD_REASON_EXCEEDLIMIT },
  { "wiadomość jest zbyt duża", BD_REASON_MESGTOOBIG },
  { "wiadomość jest za duża", BD_REASON_MESGTOOBIG },
  { "zbyt duża wiadomość", BD_REASON_MESGTOOBIG },
  { "zbyt duży rozmiar wiadomości", BD_REASON_MESGTOOBIG },
  { "rozmiar wiadomości przekracza", BD_REASON_MESGTOOBIG },
  { "przekroczono maksymalny rozmiar wiadomości", BD_REASON_MESGTOOBIG },
  { "przekroczony maksymalny rozmiar wiadomości", BD_REASON_MESGTOOBIG },

  /* filtered: the recipient's own rules */
  { "odrzucona przez filtr", BD_REASON_FILTERED },
  { "odrzucona przez regułę", BD_REASON_FILTERED },
  { "nadawca jest zablokowany przez adresata", BD_REASON_FILTERED },
  { "adresat zablokował", BD_REASON_FILTERED },
  { "adresat nie przyjmuje wiadomości od", BD_REASON_FILTERED },
  { "nadawca znajduje się na liście zablokowanych", BD_REASON_FILTERED },

  /* rejected: the sender */
  { "adres nadawcy został odrzucony", BD_REASON_REJECTED },
  { "odrzucono adres nadawcy", BD_REASON_REJECTED },
  { "nieprawidłowy adres nadawcy", BD_REASON_REJECTED },
  { "niepoprawny adres nadawcy", BD_REASON_REJECTED },
  { "nadawca odrzucony", BD_REASON_REJECTED },

  /* blocked, badreputation */
  { "czarnej liście", BD_REASON_BLOCKED },
  { "czarnej listy", BD_REASON_BLOCKED },
  { "czarna lista", BD_REASON_BLOCKED },
  { "liście rbl", BD_REASON_BLOCKED },
  { "adres ip jest zablokowany", BD_REASON_BLOCKED },
  { "adres ip został zablokowany", BD_REASON_BLOCKED },
  { "serwer nadawcy jest zablokowany", BD_REASON_BLOCKED },
  { "niska reputacja", BD_REASON_BADREPUTATION },
  { "zła reputacja", BD_REASON_BADREPUTATION },
  { "złą reputację", BD_REASON_BADREPUTATION },

  /* spamdetected, virusdetected */
  { "uznana za spam", BD_REASON_SPAMDETECTED },
  { "uznał za spam", BD_REASON_SPAMDETECTED },
  { "rozpoznana jako spam", BD_REASON_SPAMDETECTED },
  { "zakwalifikowana jako spam", BD_REASON_SPAMDETECTED },
  { "wykryto spam", BD_REASON_SPAMDETECTED },
  { "podejrzenie spamu", BD_REASON_SPAMDETECTED },
  { "wykryto wirusa", BD_REASON_VIRUSDETECTED },
  { "zawiera wirusa", BD_REASON_VIRUSDETECTED },
  { "zainfekowany załącznik", BD_REASON_VIRUSDETECTED },
  { "niebezpieczny załącznik", BD_REASON_VIRUSDETECTED },

  /* authfailure, requireptr, securityerror */
  { "weryfikacji spf", BD_REASON_AUTHFAILURE },
  { "weryfikacja spf", BD_REASON_AUTHFAILURE },
  { "weryfikacji dkim", BD_REASON_AUTHFAILURE },
  { "weryfikacji dmarc", BD_REASON_AUTHFAILURE },
  { "polityki dmarc", BD_REASON_AUTHFAILURE },
  { "brak rekordu ptr", BD_REASON_REQUIREPTR },
  { "brak wpisu ptr", BD_REASON_REQUIREPTR },
  { "brak odwrotnego dns", BD_REASON_REQUIREPTR },
  { "nie posiada rekordu ptr", BD_REASON_REQUIREPTR },
  { "wymagane uwierzytelnienie", BD_REASON_SECURITYERROR },
  { "wymagane uwierzytelnianie", BD_REASON_SECURITYERROR },
  { "wymagana autoryzacja", BD_REASON_SECURITYERROR },
  { "błąd uwierzytelniania", BD_REASON_SECURITYERROR },
  { "błąd autoryzacji", BD_REASON_SECURITYERROR },

  /* policyviolation, norelaying */
  { "niezgodna z polityką", BD_REASON_POLICYVIOLATION },
  { "narusza zasady", BD_REASON_POLICYVIOLATION },
  { "naruszenie zasad", BD_REASON_POLICYVIOLATION },
  { "przekazywanie poczty jest niedozwolone", BD_REASON_NORELAYING },
  { "przekazywanie jest niedozwolone", BD_REASON_NORELAYING },
  { "odmowa przekazania", BD_REASON_NORELAYING },

  /* speeding: the sender's own limits, as Polish providers word them */
  { "limit wysyłki", BD_REASON_SPEEDING },
  /* Onet's help page on returned mail ("Przekroczono limit wysyłania i
   * odbierania poczty", pomoc.poczta.onet.pl, "Co zrobić w przypadku
   * odesłanych lub odrzuconych e-maili", 2022) */
  { "limit wysyłania", BD_REASON_SPEEDING },
  { "limit wysyłanych wiadomości", BD_REASON_SPEEDING },
  { "dzienny limit", BD_REASON_SPEEDING },
  { "godzinowy limit", BD_REASON_SPEEDING },
  { "przekroczono limit wiadomości", BD_REASON_SPEEDING },
  { "przekroczony limit wiadomości", BD_REASON_SPEEDING },
  { "przekroczono limit odbiorców", BD_REASON_SPEEDING },
  { "zbyt wiele wiadomości", BD_REASON_SPEEDING },
  { "zbyt dużo wiadomości", BD_REASON_SPEEDING },
  { "zbyt wielu odbiorców", BD_REASON_SPEEDING },

  /* temporary trouble */
  { "zbyt wiele połączeń", BD_REASON_TOOMANYCONN },
  { "za dużo połączeń", BD_REASON_TOOMANYCONN },
  { "nie można połączyć się", BD_REASON_NETWORKERROR },
  { "nie udało się połączyć", BD_REASON_NETWORKERROR },
  { "nie mogłem się połączyć", BD_REASON_NETWORKERROR },
  { "odmowa połączenia", BD_REASON_NETWORKERROR },
  { "przekroczono czas połączenia", BD_REASON_NETWORKERROR },
  { "przekroczony limit czasu połączenia", BD_REASON_NETWORKERROR },
  { "wiadomość przebywała w kolejce zbyt długo", BD_REASON_EXPIRED },
  { "zbyt długo w kolejce", BD_REASON_EXPIRED },
  { "zrezygnowano z dalszych prób", BD_REASON_EXPIRED },
  { "upłynął czas doręczenia", BD_REASON_EXPIRED },
  { "brak miejsca na dysku", BD_REASON_SYSTEMFULL },
  { "brak miejsca na serwerze", BD_REASON_SYSTEMFULL },
  { "błąd wewnętrzny serwera", BD_REASON_SYSTEMERROR },
  { "wewnętrzny błąd serwera", BD_REASON_SYSTEMERROR },
  { "tymczasowy błąd serwera", BD_REASON_SYSTEMERROR },
  { "nie przyjmuje poczty", BD_REASON_NOTACCEPT },

  { NULL, BD_REASON_UNDEFINED },
};

const BdPhraseTable bd_phrases_pl = {
  "pl", phrases, G_N_ELEMENTS (phrases) - 1,
};
