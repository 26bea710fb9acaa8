#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Joins a one-letter word to the next word with a no-break space (U+00A0)
in the msgstrs of a .po file, so that it never ends a line.

Polish typesetting forbids a one-letter word (a, i, o, u, w, z) at the end
of a line (Polish review, po/pl.po); careful Ukrainian typesetting does the
same for the one-letter prepositions and conjunctions (в, у, з, і, й, а, о).

Only strings shown as wrapping text are touched: sentences (the msgid ends
with . ! ? : or …) and longer texts (7 words or more). Left alone: the
header, labels with an access key (an underscore), strings only the CLI
prints (every #: location in app/cli/), and a space right before a format
placeholder (%s, %1$s, %u…): what it stands for may be empty or start a
new line, so the join is left to the code that fills it in.

The file is edited in place, entry by entry and line by line: nothing else
changes (no re-wrapping, no re-sorting, no msgmerge).

  build-aux/po-nbsp.py LANG FILE.po            apply (run once; again after a merge)
  build-aux/po-nbsp.py --check LANG FILE.po    list what is missing; exit 1 if any
"""
import re
import sys

LETTERS = {
    'pl': 'aiouwzAIOUWZ',
    'uk': 'вузійаоВУЗІЙАО',
}
NBSP = '\u00a0'
# before the letter: the start, a space (a no-break one too) or an opening mark
BEFORE = r'(?:(?<=^)|(?<=[\s(\[„“"«—–]))'


def pattern(lang):
    return re.compile(BEFORE + '([' + LETTERS[lang] + ']) (?=[^\\s%])')


def unescape(s):
    return re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t'}.get(m.group(1), m.group(1)), s)


def escape(s):
    return s.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n').replace('\t', '\\t')


def is_wrapping(msgid, locations):
    if msgid == '' or re.search(r'_\w', msgid) or msgid == 'translator-credits':
        return False
    if locations and all(loc.startswith('app/cli/') for loc in locations):
        return False
    text = msgid.rstrip()
    return bool(re.search(r'[.!?:…]["”’)]?$', text)) or len(text.split()) >= 7


def entries(lines):
    """Yields (msgid, locations, [indices of msgstr lines]) per entry."""
    i, n = 0, len(lines)
    while i < n:
        locations, msgid_parts, msgstr_lines = [], [], []
        while i < n and lines[i].strip() == '':
            i += 1
        while i < n and lines[i].startswith('#'):
            if lines[i].startswith('#:'):
                locations += [loc.rsplit(':', 1)[0] for loc in lines[i][2:].split()]
            i += 1
        key = None
        while i < n and lines[i].strip() != '' and not lines[i].startswith('#'):
            line = lines[i]
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")\s*$', line)
            if m:
                key = m.group(1)
                body = m.group(2)
            else:
                body = line.strip()
            if key == 'msgid':
                msgid_parts.append(unescape(body[1:-1]))
            elif key is not None and key.startswith('msgstr'):
                msgstr_lines.append(i)
            i += 1
        if msgstr_lines:
            yield ''.join(msgid_parts), locations, msgstr_lines


def fix_entry(lines, indices, regex):
    """Rewrites the msgstr lines at @indices; returns how many joins."""
    segments = []
    for i in indices:
        m = re.match(r'^((?:msgstr(?:\[\d+\])? )?)"(.*)"(\s*)$', lines[i])
        segments.append((i, m.group(1), unescape(m.group(2)), m.group(3)))
    # msgstr[0] and msgstr[1] are separate texts
    groups, current = [], []
    for seg in segments:
        if seg[1] and current:
            groups.append(current)
            current = []
        current.append(seg)
    groups.append(current)
    count = 0
    for group in groups:
        text = ''.join(seg[2] for seg in group)
        fixed, k = regex.subn(lambda m: m.group(1) + NBSP, text)
        count += k
        if k == 0:
            continue
        pos = 0
        for i, prefix, seg_text, tail in group:
            part = fixed[pos:pos + len(seg_text)]   # same length: one space for one NBSP
            pos += len(seg_text)
            if part != seg_text:
                lines[i] = prefix + '"' + escape(part) + '"' + tail
    return count


def main(argv):
    check = '--check' in argv
    args = [a for a in argv[1:] if a != '--check']
    if len(args) != 2 or args[0] not in LETTERS:
        sys.stderr.write(__doc__)
        return 2
    lang, path = args
    regex = pattern(lang)
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    original = list(lines)
    total, touched = 0, 0
    for msgid, locations, indices in entries(lines):
        if not is_wrapping(msgid, locations):
            continue
        k = fix_entry(lines, indices, regex)
        if k:
            total += k
            touched += 1
            if check:
                print('%s: one-letter word before an ordinary space in the msgstr of "%s"' % (path, msgid[:70]))
    if check:
        if total:
            print('%d places in %d strings: run build-aux/po-nbsp.py %s %s' % (total, touched, lang, path))
        return 1 if total else 0
    if lines != original:
        with open(path, 'w', encoding='utf-8') as f:
            f.write('\n'.join(lines))
    print('%s: %d no-break spaces in %d strings' % (path, total, touched))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
