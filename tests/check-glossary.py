#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every msgstr of po/pl.po keeps to po/pl-glossary.md.

The glossary's table names, per concept, the rejected variants (regular
expressions in backticks) and the contexts they are allowed inside. A
msgstr that matches a rejected pattern outside those contexts fails the
concept's test, naming the message and the words.

Usage: check-glossary.py SOURCE_ROOT [LANG]   (LANG defaults to pl)
Prints TAP; exit status 0 even on failures (meson reads the TAP).
"""
import os
import re
import sys

MIN_RULES = 10   # a glossary that lost its table must not pass silently


def cells(line):
    """The cells of a markdown table row; '\\|' is a literal bar."""
    parts = re.split(r'(?<!\\)\|', line.strip())[1:-1]
    return [p.strip().replace('\\|', '|') for p in parts]


def patterns(cell):
    return [re.compile(r'(?<!\w)(?:%s)(?!\w)' % p, re.I) for p in re.findall(r'`([^`]+)`', cell)]


def read_rules(path):
    rules = []
    header = None
    with open(path, encoding='utf-8') as f:
        for line in f:
            if not line.lstrip().startswith('|'):
                header = None if not line.strip() else header
                continue
            row = cells(line)
            if header is None:
                header = [c.lower() for c in row]
                continue
            if set(''.join(row)) <= set('-: '):
                continue
            if 'rejected' not in header:
                continue
            entry = dict(zip(header, row))
            rejected = patterns(entry.get('rejected', ''))
            if rejected:
                rules.append((entry[header[0]], entry.get('chosen polish', ''), rejected,
                              patterns(entry.get('allowed inside', ''))))
    return rules


def unquote(s):
    return (s.replace('\\n', '\n').replace('\\t', '\t').replace('\\"', '"')
            .replace('\\\\', '\\'))


def read_po(path):
    """(msgid, [msgstr…]) of every translated entry, header excluded."""
    entries = []
    msgid, strs, key = None, [], None
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n') + ['']
    for line in lines:
        m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line)
        if m:
            key = m.group(1)
            if key in ('msgctxt', 'msgid') and strs:
                entries.append((msgid, strs))
                msgid, strs = None, []
            if key == 'msgid':
                msgid = unquote(m.group(2))
            elif key.startswith('msgstr'):
                strs.append(unquote(m.group(2)))
        elif line.startswith('"') and key:
            text = unquote(line[1:-1])
            if key == 'msgid':
                msgid += text
            elif key.startswith('msgstr'):
                strs[-1] += text
    if strs:
        entries.append((msgid, strs))
    return [(i, s) for i, s in entries if i]


def violations(text, rejected, allowed):
    spans = [m.span() for a in allowed for m in a.finditer(text)]
    for pattern in rejected:
        for m in pattern.finditer(text):
            if not any(s <= m.start() and m.end() <= e for s, e in spans):
                yield m.group(0)


def main():
    if len(sys.argv) not in (2, 3):
        sys.stderr.write('usage: check-glossary.py SOURCE_ROOT [LANG]\n')
        return 2
    src = sys.argv[1]
    lang = sys.argv[2] if len(sys.argv) == 3 else 'pl'
    rules = read_rules(os.path.join(src, 'po', lang + '-glossary.md'))
    entries = read_po(os.path.join(src, 'po', lang + '.po'))
    print('1..%d' % (len(rules) + 1))
    if len(rules) >= MIN_RULES and entries:
        print('ok 1 - %d rules, %d messages' % (len(rules), len(entries)))
    else:
        print('not ok 1 - only %d rules and %d messages read' % (len(rules), len(entries)))
    for n, (concept, chosen, rejected, allowed) in enumerate(rules, start=2):
        bad = []
        for msgid, strs in entries:
            for s in strs:
                words = list(violations(s, rejected, allowed))
                if words:
                    bad.append('“%s” (msgid “%s”)' % ('”, “'.join(words), msgid[:70]))
        if bad:
            print('not ok %d - %s: use %s' % (n, concept, chosen))
            for b in bad:
                print('#   %s' % b)
        else:
            print('ok %d - %s: %s' % (n, concept, chosen))
    return 0


if __name__ == '__main__':
    sys.exit(main())
