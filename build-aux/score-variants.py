#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Score bounce-doctor-cli on rewritten copies of the labelled corpus.

The corpus (../shared/corpus/bounces/dev) holds bounces as their servers
sent them; users meet them in other shapes too. Each variant rewrites every
file the same way and scores the copies against the same expected rows
(../shared/bench/score-bounces), so a drop shows what the decoder depends
on that it should not:

  crlf, cr     the same bytes with CRLF or CR line ends
  base64       a one-part text body sent base64-encoded
  attached     forwarded by a colleague as a message/rfc822 attachment
  pasted       forwarded by Gmail with the bounce in the text ("----------
               Forwarded message ---------" and the bounce's headers)
  outlook-html forwarded by a Polish Outlook as HTML (one <p> per line,
               indentation as &nbsp;, "Od:", "Wysłano:", "Temat:")
  gmail-pl, gmail-uk
               forwarded by Gmail in Polish or Ukrainian: only the sender's
               label is translated ("Od:", "Від:"), the rest stays English
  thunderbird-pl, thunderbird-cs, thunderbird-uk
               forwarded inline by Thunderbird in plain text, its labels
               from the localisation ("Temat:", "Nadawca:", "Adresat:"...)
  outlook-text-cs
               forwarded by Czech Outlook (2019 and later) as plain text
  apple, apple-pl, apple-uk
               forwarded by Apple Mail in English, Polish or Ukrainian,
               quoted with "> " ("Begin forwarded message:", "Od:",
               "Від кого:")
  quoted       a reply by Polish Thunderbird that quotes the bounce's text
               with "> " under "W dniu ..., ... pisze:" (no headers)
  ascii        the outlook-html forward after a gateway that strips
               diacritics and anything else outside ASCII
  html-only    the bounce's text sent as one text/html part (a <br> per
               line, indentation as &nbsp;), as relays that re-render
               text as HTML write it
  iso-8859-2   the thunderbird-pl forward sent in ISO-8859-2, as declared

Sources of the forward headers (what each client writes):
  Gmail, Apple Mail, Outlook 2019 cs, Thunderbird pl: the test fixtures
    and lib/parser.js of crisp-oss/email-forward-parser (MIT), e.g.
    test/fixtures/gmail_pl_body.txt, gmail_uk_body.txt,
    apple_mail_en_body.txt, apple_mail_pl_body.txt, apple_mail_uk_body.txt,
    new_outlook_2019_cs_body.txt, thunderbird_pl_body.txt;
  (No Ukrainian Outlook variant: no published copy of Outlook's
  Ukrainian forward labels was found to build it from.)
  Thunderbird: comm-central mailnews/mime/src/mimedrft.cpp
    (mime_insert_normal_headers: the delimiter, then "Label: value" in the
    order Subject, Date, From, To; a tab follows ": " where its HTML
    header table becomes text, as in crisp's thunderbird_pl_body.txt),
    labels from the thunderbird-l10n
    repository, {pl,cs,uk}/mail/chrome/messenger/mime.properties (1000
    Subject, 1007 Date, 1009 From, 1012 To) and the delimiter from
    messengercompose/composeMsgs.properties
    (mailnews.forward_header_originalmessage); the reply header
    "W dniu #2 o #3, #1 pisze:" from the same file
    (mailnews.reply_header_ondateauthorwrote).

The text variants only rewrite one-part, unencoded bounces (a multipart
report cannot be pasted as text), and score those files only.

Usage: score-variants.py --cli CLI [--variants crlf,cr,...] [--min PERCENT]
With --min it exits 1 when any variant's reason accuracy is below it.
"""
import argparse
import base64
import email
import email.policy
import html
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("BD_SHARED_DIR") or os.path.join(HERE, "..", "..", "shared")
CORPUS = os.path.join(SHARED, "corpus", "bounces", "dev")
SCORER = os.path.join(SHARED, "bench", "score-bounces")
ALL = ("crlf", "cr", "base64", "attached", "pasted", "outlook-html", "gmail-pl", "gmail-uk",
       "thunderbird-pl", "thunderbird-cs", "thunderbird-uk", "outlook-text-cs", "apple", "apple-pl",
       "apple-uk", "quoted", "ascii", "html-only", "iso-8859-2")

# The forwards written as text: (delimiter, lines above the header block,
# quote mark, labels in the client's order, date as written, tab after the
# label's ": ", blank lines between the block and the text). See the
# sources in the docstring.
TEXT_FORWARDS = {
    "gmail-pl": ("---------- Forwarded message ---------", "", "",
                 (("Od", "From"), ("Date", "date"), ("Subject", "Subject"), ("To", "To")),
                 "śr., 4 mar 2026 o 09:31", False, 1),
    "gmail-uk": ("---------- Forwarded message ---------", "", "",
                 (("Від", "From"), ("Date", "date"), ("Subject", "Subject"), ("To", "To")),
                 "ср, 4 бер. 2026 о 09:31", False, 1),
    "thunderbird-pl": ("--- Treść przekazanej wiadomości ---", "", "",
                       (("Temat", "Subject"), ("Data", "Date"), ("Nadawca", "From"), ("Adresat", "To")),
                       None, True, 3),
    "thunderbird-cs": ("-------- Přeposlaná zpráva --------", "", "",
                       (("Předmět", "Subject"), ("Datum", "Date"), ("Od", "From"), ("Komu", "To")),
                       None, True, 3),
    "thunderbird-uk": ("-------- Переслане повідомлення --------", "", "",
                       (("Тема", "Subject"), ("Дата", "Date"), ("Від", "From"), ("Кому", "To")),
                       None, True, 3),
    "outlook-text-cs": (None, "", "",
                        (("Od", "From"), ("Datum", "date"), ("Komu", "To"), ("Předmět", "Subject")),
                        "středa, 4. března 2026 9:31", False, 0),
    "apple": ("Begin forwarded message:", "\n", "> ",
              (("From", "From"), ("Subject", "Subject"), ("Date", "date"), ("To", "To")),
              "4 March 2026 at 09:31:08 CET", False, 1),
    "apple-pl": ("Początek przekazywanej wiadomości:", "\n", "> ",
                 (("Od", "From"), ("Temat", "Subject"), ("Data", "date"), ("Do", "To")),
                 "4 marca 2026 o 09:31:08 CET", False, 1),
    "apple-uk": ("Початок листа, що пересилається:", "\n", "> ",
                 (("Від кого", "From"), ("Тема", "Subject"), ("Дата", "date"), ("Кому", "To")),
                 "4 березня 2026 р. о 09:31:08 GMT+1", False, 1),
}


def lf(raw):
    return raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def without_from_line(raw):
    return raw.split(b"\n", 1)[1] if raw.startswith(b"From ") else raw


def split(raw):
    at = raw.find(b"\n\n")
    return (raw, b"") if at < 0 else (raw[:at + 1], raw[at + 2:])


def is_plain_one_part(head):
    return not re.search(rb"(?im)^content-type:\s*multipart", head) \
        and not re.search(rb"(?im)^content-transfer-encoding:\s*(base64|quoted)", head)


def text_of(head, body):
    m = re.search(rb'(?im)^content-type:.*charset="?([A-Za-z0-9_-]+)', head)
    try:
        return body.decode(m.group(1).decode() if m else "utf-8")
    except (LookupError, UnicodeDecodeError):
        return body.decode("latin-1")


def header(raw, name):
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    return str(msg.get(name) or "").replace("\n", " ")


def nbsp_indent(line):
    stripped = line.lstrip(" ")
    return "&nbsp;" * (len(line) - len(stripped)) + stripped


def rewrite(variant, raw):
    """The rewritten file, or None when the variant does not apply."""
    if variant == "crlf":
        return lf(raw).replace(b"\n", b"\r\n")
    if variant == "cr":
        return lf(raw).replace(b"\n", b"\r")
    raw = without_from_line(lf(raw))
    head, body = split(raw)
    if variant == "attached":
        return (b"From: Anna Kowalska <anna@biuro.example>\nTo: it@biuro.example\n"
                b"Subject: Fwd: prosze o pomoc\nDate: Mon, 2 Mar 2026 10:00:00 +0100\nMIME-Version: 1.0\n"
                b'Content-Type: multipart/mixed; boundary="fwd-1"\n\n--fwd-1\n'
                b"Content-Type: text/plain; charset=utf-8\n\nCo to znaczy?\n\n--fwd-1\n"
                b"Content-Type: message/rfc822\n\n" + raw + b"\n--fwd-1--\n")
    if not is_plain_one_part(head):
        return None
    if variant == "base64":
        head = re.sub(rb"(?im)^content-transfer-encoding:.*\n", b"", head)
        if not re.search(rb"(?im)^content-type:", head):
            head += b"Content-Type: text/plain; charset=us-ascii\n"
        return head + b"MIME-Version: 1.0\nContent-Transfer-Encoding: base64\n\n" + base64.encodebytes(body)
    text = text_of(head, body)
    if variant == "pasted":
        return ("From: Jan Nowak <jan@biuro.example>\nTo: admin@biuro.example\nSubject: Fwd: "
                + header(raw, "Subject") + "\nDate: Tue, 3 Mar 2026 09:00:00 +0100\nMIME-Version: 1.0\n"
                "Content-Type: text/plain; charset=utf-8\n\nProsze zobaczyc.\n\n"
                "---------- Forwarded message ---------\nFrom: " + header(raw, "From") + "\nDate: "
                + header(raw, "Date") + "\nSubject: " + header(raw, "Subject") + "\nTo: " + header(raw, "To")
                + "\n\n\n" + text).encode("utf-8")
    if variant == "outlook-html":
        return (wrapper("PD: " + header(raw, "Subject"), ctype="text/html")
                + outlook_html(raw, text)).encode("utf-8")
    if variant == "ascii":
        return ascii_fold(wrapper("PD: " + header(raw, "Subject"), "us-ascii", "text/html")
                          + outlook_html(raw, text)).encode("ascii")
    if variant in TEXT_FORWARDS:
        prefix = "Fwd: " if not variant.startswith("outlook") else "FW: "
        return (wrapper(prefix + header(raw, "Subject")) + text_forward(variant, raw, text)).encode("utf-8")
    if variant == "iso-8859-2":
        try:
            return (wrapper("Fwd: " + header(raw, "Subject"), "iso-8859-2")
                    + text_forward("thunderbird-pl", raw, text)).encode("iso-8859-2")
        except UnicodeEncodeError:
            return None
    if variant == "quoted":
        who = re.sub(r"\s*<.*", "", header(raw, "From")).strip('" ') or header(raw, "From")
        quoted = "\n".join(("> " + line).rstrip() for line in text.rstrip("\n").split("\n"))
        return (wrapper("Re: " + header(raw, "Subject")) + "Co to znaczy?\n\nW dniu 2.03.2026 o 16:15, "
                + who + " pisze:\n" + quoted + "\n").encode("utf-8")
    if variant == "html-only":
        head = re.sub(rb"(?im)^content-(type|transfer-encoding):.*\n(?:[ \t].*\n)*", b"", head)
        body = "<html><body><div>" + "<br>\n".join(nbsp_indent(html.escape(line)) for line in text.split("\n")) \
            + "</div></body></html>\n"
        return head + b"MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n" \
            b"Content-Transfer-Encoding: 8bit\n\n" + body.encode("utf-8")
    raise ValueError(variant)


def wrapper(subject, charset="utf-8", ctype="text/plain"):
    return ("From: Jan Nowak <jan@biuro.example>\nTo: admin@biuro.example\nSubject: " + subject
            + "\nDate: Tue, 3 Mar 2026 09:00:00 +0100\nMIME-Version: 1.0\nContent-Type: " + ctype
            + "; charset=" + charset + "\nContent-Transfer-Encoding: 8bit\n\n")


def text_forward(variant, raw, text):
    delimiter, gap, quote, labels, date, tab, blanks = TEXT_FORWARDS[variant]
    lines = [delimiter, gap.strip("\n")] if gap else ([delimiter] if delimiter else [])
    for label, name in labels:
        value = date if name == "date" else header(raw, name)
        lines.append(label + ": " + ("\t" if tab else "") + value)
    lines += [""] * blanks + text.rstrip("\n").split("\n")
    if quote:
        lines = [(quote + line).rstrip() if line else quote.rstrip() for line in lines]
    return "Proszę zobaczyć.\n\n" + "\n".join(lines) + "\n"


def ascii_fold(text):
    """What a gateway that keeps ASCII only leaves: letters without their
    diacritics (ł as l), any other character dropped."""
    text = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    return "".join(c for c in text if ord(c) < 128)


def outlook_html(raw, text):
    lines = ["Dzień dobry, proszę o pomoc.", "", "<b>Od:</b> " + html.escape(header(raw, "From")),
             "<b>Wysłano:</b> wtorek, 3 marca 2026 09:00", "<b>Do:</b> " + html.escape(header(raw, "To")),
             "<b>Temat:</b> " + html.escape(header(raw, "Subject")), ""]
    lines += [nbsp_indent(html.escape(line)) for line in text.split("\n")]
    paragraphs = "".join("<p class=MsoNormal>%s<o:p></o:p></p>\n" % (line or "&nbsp;") for line in lines)
    return "<html><body>" + paragraphs + "</body></html>\n"


def score(cli, folder):
    out = subprocess.run([sys.executable, SCORER, "--cli", cli, "--corpus", folder, "--show", "0"],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout
    last = out.strip().splitlines()[-1] if out.strip() else ""
    m = re.match(r"reason ([0-9.]+)% \((\d+)/(\d+)\), rows fully right ([0-9.]+)%", last)
    if m is None:
        sys.exit("score-variants: the scorer printed: " + last)
    return float(m.group(1)), int(m.group(3)), float(m.group(4))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", required=True)
    ap.add_argument("--variants", default=",".join(ALL))
    ap.add_argument("--min", type=float)
    a = ap.parse_args()
    if not os.path.isfile(SCORER) or not os.path.isdir(CORPUS):
        print("score-variants: no corpus at %s: nothing scored" % os.path.normpath(SHARED))
        return 77
    failed = False
    for variant in a.variants.split(","):
        with tempfile.TemporaryDirectory(prefix="bd-variant-") as folder:
            for name in sorted(os.listdir(CORPUS)):
                if not name.endswith(".eml"):
                    continue
                with open(os.path.join(CORPUS, name), "rb") as f:
                    rewritten = rewrite(variant, f.read())
                if rewritten is not None:
                    with open(os.path.join(folder, name), "wb") as f:
                        f.write(rewritten)
            reason, rows, full = score(os.path.abspath(a.cli), folder)
        low = a.min is not None and reason < a.min
        failed |= low
        print("%-15s reason %6.2f%%  all four fields %6.2f%%  (%d rows)%s"
              % (variant, reason, full, rows, "  BELOW %.0f%%" % a.min if low else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
