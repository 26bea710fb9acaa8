#!/usr/bin/env python3
"""Measure how bounce-doctor-cli reads the wording real mail servers use.

Sisimai (Debian's libsisimai-perl) keeps, per reason, the phrases mail
servers write ("mailbox is full", "no such user here"…), as lists of strings
and, in a few modules, as regular expressions. This script takes every such
phrase (a regular expression is expanded into the strings it matches, one
per alternative), wraps each in a minimal delivery report as the server's
reply to RCPT TO with an uninformative status (5.0.0), runs the CLI once over
all of them and counts the phrases whose reason differs from Sisimai's.

It measures, it does not test: some differences are deliberate (Sisimai 4
predates reasons our taxonomy has, such as authfailure or requireptr), and
the count depends on the Sisimai version installed. --dir reads another copy
of the modules (Sisimai 5's, say); --show lists the differences.
"""
import argparse
import glob
import json
import os
import re
import re._constants as C
import re._parser as P
import subprocess
import sys
import tempfile

DEFAULT_DIR = "/usr/share/perl5/Sisimai/Reason"


def literal_phrases(source):
    """The strings of a module's index and pairs lists ('a … b' for a pair)."""
    found = []
    for m in re.finditer(r"state \$(index|pairs)\s*=\s*(\[.*?\n\s*\];)", source, re.S):
        body = re.sub(r"#.*", "", m.group(2))
        if m.group(1) == "index":
            found += [s for _, s in re.findall(r"""^\s*(['"])(.*?)\1\s*,""", body, re.M)]
        else:
            found += [a + " … " + b for a, b in re.findall(r"\[\s*'(.*?)'\s*,\s*'(.*?)'\s*\]", body)]
    return found


def one_char(items):
    """A character a character class matches ('x' for a negated one)."""
    for op, av in items:
        if op == C.NEGATE:
            return "x"
    for op, av in items:
        if op == C.LITERAL:
            return chr(av)
        if op == C.RANGE:
            return chr(av[0])
    return "x"


def expand(tree, cap=400):
    """Strings the parsed expression matches: every alternative once,
    repetitions at their minimum, at most cap of them."""
    results = [""]
    for op, av in tree:
        if op == C.LITERAL:
            options = [chr(av)]
        elif op in (C.NOT_LITERAL, C.ANY):
            options = ["x"]
        elif op == C.IN:
            options = [one_char(av)]
        elif op == C.BRANCH:
            options = [s for branch in av[1] for s in expand(branch, cap)]
        elif op == C.SUBPATTERN:
            options = expand(av[-1], cap)
        elif op == C.ATOMIC_GROUP:
            options = expand(av, cap)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            low, _, sub = av
            inner = expand(sub, cap)
            options = [s * low for s in inner] if low > 0 else [""] + inner[:3]
        else:
            options = [""]
        results = [a + b for a in results for b in options][:cap]
    return results


def regex_phrases(source):
    found = []
    for m in re.finditer(r"qr\{(.*?)\}x", source, re.S):
        pattern = m.group(1).replace("\\z", "$").replace("\\A", "^")
        try:
            tree = P.parse(pattern, re.X)
        except re.error:
            continue
        found += [re.sub(r"\s+", " ", s).strip() for s in expand(list(tree))]
    return [s for s in found if s]


def phrases_of(directory):
    rows = set()
    for path in sorted(glob.glob(os.path.join(directory, "*.pm"))):
        with open(path, encoding="utf-8") as f:
            source = f.read()
        name = re.search(r"sub text\s*\{\s*'(\w+)'", source)
        if name is None:
            continue
        for phrase in literal_phrases(source) + regex_phrases(source):
            rows.add((name.group(1), phrase))
    return sorted(rows)


def report(index, phrase):
    """A minimal RFC 3464 report whose only clue is @phrase."""
    return ("From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n"
            "From: MAILER-DAEMON@mx.example.org\nTo: sender@example.org\n"
            "Subject: Undelivered Mail Returned to Sender\nDate: Thu, 1 Jan 2026 00:00:00 +0000\n"
            "Message-ID: <phrase-%d@mx.example.org>\nMIME-Version: 1.0\n"
            "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"
            "--b\nContent-Type: text/plain\n\nDelivery failed.\n\n"
            "--b\nContent-Type: message/delivery-status\n\n"
            "Reporting-MTA: dns; mx.example.org\n\n"
            "Final-Recipient: rfc822; r%d@example.net\nAction: failed\nStatus: 5.0.0\n"
            "Diagnostic-Code: smtp; %s (in reply to RCPT TO command)\n\n--b--\n\n"
            % (index, index, phrase.replace("\n", " ")))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", required=True)
    ap.add_argument("--dir", default=DEFAULT_DIR, help="Sisimai's Reason modules (default %(default)s)")
    ap.add_argument("--show", action="store_true", help="list the phrases read differently")
    a = ap.parse_args()
    rows = phrases_of(a.dir)
    if not rows:
        print("phrase-coverage: no Sisimai reason modules in %s (install libsisimai-perl)" % a.dir)
        return 77
    with tempfile.NamedTemporaryFile("w", suffix=".mbox", encoding="utf-8") as mbox:
        for i, (_, phrase) in enumerate(rows):
            mbox.write(report(i, phrase))
        mbox.flush()
        out = subprocess.run([a.cli, "explain", "--format=json", mbox.name],
                             stdout=subprocess.PIPE, text=True).stdout
    got = {}
    for line in out.splitlines():
        item = json.loads(line)
        for r in item.get("recipients", []):
            m = re.match(r"r(\d+)@", r.get("address") or "")
            if m:
                got[int(m.group(1))] = r.get("reason")
    differ = [(i, reason, phrase) for i, (reason, phrase) in enumerate(rows) if got.get(i) != reason]
    if a.show:
        for i, reason, phrase in differ:
            print("%-16s %-16s %s" % (reason, got.get(i), phrase))
    print("%d of %d phrases read differently from Sisimai (%s)" % (len(differ), len(rows), a.dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
