#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the seed corpora of the fuzz targets that do not read the
fixtures directly (tests/fuzz/seeds/<target>/): DNS wire messages and JSON
answers, SPF/DMARC/DKIM zones, delivery-status bodies cut out of the
fixture bounces, and mailboxes built from them. Run it again after adding
fixtures; the output is committed."""
import email
import email.policy
import glob
import hashlib
import json
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(HERE, "seeds")


def write(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    folder = os.path.join(OUT, target)
    os.makedirs(folder, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(folder, name), "wb") as out:
        out.write(data)


def fixtures():
    paths = []
    for sub in ("decoder", "scanners", "i18n"):
        paths += glob.glob(os.path.join(ROOT, "tests", "fixtures", sub, "*.eml"))
    paths += glob.glob(os.path.join(ROOT, "data", "samples", "*.eml"))
    return sorted(paths)


# --- DNS wire -------------------------------------------------------------

def name(n):
    out = b""
    for label in n.rstrip(".").split("."):
        out += bytes([len(label)]) + label.encode()
    return out + b"\0"


def rr(owner, rtype, rdata, ttl=300):
    return owner + struct.pack("!HHIH", rtype, 1, ttl, len(rdata)) + rdata


def message(qname, qtype, answers, rcode=0, flags=0x8180):
    header = struct.pack("!HHHHHH", 0, flags | rcode, 1, len(answers), 0, 0)
    question = name(qname) + struct.pack("!HH", qtype, 1)
    return header + question + b"".join(answers)


PTR0 = b"\xc0\x0c"   # a compression pointer to the question name


def txt(*strings):
    return b"".join(bytes([len(s)]) + s.encode() for s in strings)


def dns_wire():
    write("dns-wire", message("example.com", 1, [rr(PTR0, 1, bytes([192, 0, 2, 1]))]))
    write("dns-wire", message("example.com", 28, [rr(PTR0, 28, bytes(16))]))
    write("dns-wire", message("example.com", 15, [rr(PTR0, 15, struct.pack("!H", 10) + name("mx.example.com")),
                                                  rr(PTR0, 15, struct.pack("!H", 20) + b"\x02mx\xc0\x0c")]))
    write("dns-wire", message("example.com", 16, [rr(PTR0, 16, txt("v=spf1 ip4:192.0.2.0/24 ", "-all")),
                                                  rr(PTR0, 16, txt("google-site-verification=x"))]))
    write("dns-wire", message("www.example.com", 1, [rr(PTR0, 5, name("example.com")),
                                                     rr(name("example.com"), 1, bytes([192, 0, 2, 9]))]))
    write("dns-wire", message("1.2.0.192.in-addr.arpa", 12, [rr(PTR0, 12, name("mail.example.com"))]))
    write("dns-wire", message("nx.example.com", 1, [], rcode=3))
    write("dns-wire", message("example.com", 16, [], rcode=2))
    write("dns-wire", message("example.com", 16, [rr(PTR0, 16, txt(""))]))


def dns_json():
    def answer(qname, qtype, records, status=0):
        return json.dumps({"Status": status, "TC": False, "RD": True, "RA": True, "AD": False, "CD": False,
                           "Question": [{"name": qname + ".", "type": qtype}],
                           "Answer": [{"name": qname + ".", "type": t, "TTL": 300, "data": d} for t, d in records]})
    write("dns-json", answer("example.com", 1, [(1, "192.0.2.1")]))
    write("dns-json", answer("example.com", 28, [(28, "2001:db8::1")]))
    write("dns-json", answer("example.com", 15, [(15, "10 mx.example.com."), (15, "20 mx2.example.com.")]))
    write("dns-json", answer("example.com", 16, [(16, "\"v=spf1 -all\""), (16, "\"a\" \"b\\\"c\"")]))
    write("dns-json", answer("example.com", 16, [(16, "v=spf1 include:_spf.google.com ~all")]))
    write("dns-json", answer("www.example.com", 1, [(5, "example.com."), (1, "192.0.2.9")]))
    write("dns-json", answer("1.2.0.192.in-addr.arpa", 12, [(12, "mail.example.com.")]))
    write("dns-json", answer("nx.example.com", 1, [], status=3))
    write("dns-json", '{"Status": 2}')


# --- records --------------------------------------------------------------

def spf():
    seeds = [
        "v=spf1 -all",
        "v=spf1 mx a ip4:203.0.113.7 ip6:2001:db8::/32 -all",
        "v=spf1 include:_spf.example.com ~all\n_spf.example.com T v=spf1 ip4:192.0.2.0/24 ?all",
        "v=spf1 redirect=r.example.com\nr.example.com T v=spf1 a:mx.example.com/24 -all",
        "v=spf1 include:loop.example.com -all\nloop.example.com T v=spf1 include:example.com -all",
        "v=spf1 exists:%{i}.%{l1r-}.%{d2}.bl.example.com ptr:example.com -all exp=e.example.com\n"
        "e.example.com T %{i} is not one of %{d}'s servers (%{c} %{r} %{t})",
        "v=spf1 a:void1.example.com a:void2.example.com a:void3.example.com -all",
        "v=spf1 mx:t.example.com -all\nt.example.com X",
        "v=spf1 a//64 ip4:192.0.2.1/33 +all",
        "v=spf1 include:c.example.com -all\nc.example.com C example.com",
        "v=spf1 unknown=%{s}%{o}%{h}%{v}%{p} moo:bar -all",
    ]
    for s in seeds:
        write("spf", s)


def dmarc():
    seeds = [
        "v=DMARC1; p=none",
        "v=DMARC1; p=reject; sp=quarantine; pct=50; rua=mailto:dmarc@example.com; ruf=mailto:f@example.com",
        "v=DMARC1; p=quarantine; rua=mailto:r@other.example\nexample.com._report._dmarc.other.example T v=DMARC1",
        "v=DMARC1; p=reject; adkim=s; aspf=r; ri=86400; fo=1; rua=mailto:a@b.example!10m,mailto:c@d.example",
        "v=DMARC1;p=none;rua=",
        "p=none; v=DMARC1",
    ]
    for s in seeds:
        write("dmarc", s)


def dkim():
    key = ("MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC2MDE9Ud7nXBSH5brH/xruHA1c+hldIEuw5th6PVbdORXuCEZMv2jnnHmxcoVac+4pU1G0"
           "kWfj5oHFuRvBSMGeXKKIEeIYfFNcFgTP/hTgNfuSUWdVxOf92NE3Ubl0oPSD595KEnDgktXJWvSnWtMgSL9rR4BbtiKtcYEROZb0ywIDAQAB")
    seeds = [
        "v=DKIM1; k=rsa; p=" + key,
        "v=DKIM1; t=y:s; k=rsa; p=" + key[:60] + " " + key[60:],
        "v=DKIM1; k=rsa; p=",
        "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
        "k=rsa; p=AAAA!!",
    ]
    for s in seeds:
        write("dkim", s)


# --- mail -----------------------------------------------------------------

def dsn_and_mailbox():
    texts = []
    for path in fixtures():
        with open(path, "rb") as f:
            raw = f.read()
        texts.append(raw)
        msg = email.message_from_bytes(raw, policy=email.policy.compat32)
        for part in msg.walk():
            if part.get_content_type() in ("message/delivery-status", "message/disposition-notification",
                                           "message/feedback-report"):
                payload = part.get_payload()
                if isinstance(payload, list):
                    write("dsn", b"\n".join(p.as_bytes() for p in payload))
                elif isinstance(payload, str):
                    write("dsn", payload)
    # mailboxes: flags byte (bit 0 pre-filter, bit 1 packets of 1 + (byte >> 2) bytes), then an mbox
    sep = b"From MAILER-DAEMON Fri Nov 27 10:00:00 2026\n"
    for i in range(0, len(texts), 6):
        box = b"".join(sep + t.replace(b"\nFrom ", b"\n>From ") + b"\n" for t in texts[i:i + 6])
        write("mailbox", bytes([0]) + box)
        write("mailbox", bytes([1 | 2 | (i % 64) << 2]) + box)
    write("mailbox", bytes([2 | 7 << 2]) + texts[0])
    write("mailbox", bytes([1]) + sep + b"Subject: a\r\n\r\nFrom here\r\n>From there\r\n\r\n" + sep + b"\n")


def main():
    dns_wire()
    dns_json()
    spf()
    dmarc()
    dkim()
    dsn_and_mailbox()


if __name__ == "__main__":
    main()
