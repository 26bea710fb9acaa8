/* bd-scanner-list.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one list of prose scanners, in the order they are tried:
 * BD_SCANNER (function, name) is bd_scan_<function> (), which reports
 * itself as <name> (the JSON "mta"; localized templates of a family
 * report the family's name). Specific formats (a provider's own wording,
 * a cheap From: or Subject: marker) come before the generic MTA families
 * whose phrases they may also contain.
 *
 * Included by bd-scanner.h (the declarations) and bd-scanners.c (the
 * table) with BD_SCANNER defined; no include guard on purpose.
 * tests/test-scanners.c checks that every entry has a fixture it wins.
 */
/* Providers */
BD_SCANNER (onet, "onet")
BD_SCANNER (interia, "interia")
BD_SCANNER (wp, "wp")
BD_SCANNER (o2, "o2")
BD_SCANNER (homepl, "homepl")
BD_SCANNER (nazwapl, "nazwapl")
BD_SCANNER (ovh, "ovh")
BD_SCANNER (forpsi, "forpsi")
BD_SCANNER (seznam, "seznam")
BD_SCANNER (tonline, "tonline")
BD_SCANNER (gmx, "gmx")
BD_SCANNER (webde, "webde")
BD_SCANNER (zoho, "zoho")
BD_SCANNER (mfilter, "mfilter")
BD_SCANNER (fml, "fml")
BD_SCANNER (kddi, "kddi")
BD_SCANNER (einsundeins, "einsundeins")
BD_SCANNER (office365, "office365")
BD_SCANNER (amazonses, "amazonses")
BD_SCANNER (yandex, "yandex")
BD_SCANNER (mxlogic, "mxlogic")
/* Localized templates of Exchange, qmail and Postfix (bd-scan-i18n.h) */
BD_SCANNER (office365_i18n, "office365")
BD_SCANNER (exchange_i18n, "exchange2007")
BD_SCANNER (qmail_pl, "qmail")
BD_SCANNER (postfix_i18n, "postfix")
BD_SCANNER (gmail, "gmail")
BD_SCANNER (gmx_en, "gmx")
BD_SCANNER (mailru, "mailru")
BD_SCANNER (yahoo, "yahoo")
BD_SCANNER (googlegroups, "googlegroups")
BD_SCANNER (amazonworkmail, "amazonworkmail")
BD_SCANNER (ezweb, "ezweb")
/* MTAs */
BD_SCANNER (exim, "exim")
BD_SCANNER (qmail, "qmail")
BD_SCANNER (dragonfly, "dragonfly")
BD_SCANNER (v5sendmail, "v5sendmail")
BD_SCANNER (sendmail, "sendmail")
BD_SCANNER (opensmtpd, "opensmtpd")
BD_SCANNER (exchange2003, "exchange2003")
BD_SCANNER (imailserver, "imailserver")
BD_SCANNER (mdaemon, "mdaemon")
BD_SCANNER (notes, "notes")
BD_SCANNER (interscanmss, "interscanmss")
BD_SCANNER (x6, "x6")
BD_SCANNER (apachejames, "apachejames")
BD_SCANNER (smail, "smail")
BD_SCANNER (biglobe, "biglobe")
BD_SCANNER (domino, "domino")
BD_SCANNER (mailmarshal, "mailmarshal")
BD_SCANNER (verizon, "verizon")
BD_SCANNER (postfix, "postfix")
BD_SCANNER (exchange2007, "exchange2007")
BD_SCANNER (courier, "courier")
BD_SCANNER (x3, "x3")
BD_SCANNER (x1, "x1")
BD_SCANNER (mcafee, "mcafee")
BD_SCANNER (barracuda, "barracuda")
BD_SCANNER (mimecast, "mimecast")
BD_SCANNER (sendgrid, "sendgrid")
BD_SCANNER (powermta, "powermta")
BD_SCANNER (messagingserver, "messagingserver")
BD_SCANNER (outlook, "outlook")
BD_SCANNER (surfcontrol, "surfcontrol")
BD_SCANNER (amavis, "amavis")
/* Last: Polish, German or Czech prose no family claimed */
BD_SCANNER (localized, "localized")
/* The very last: a returned email no format claimed, read as a best guess */
BD_SCANNER (guess, "guess")
