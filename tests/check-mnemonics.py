#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""No two items of one menu or one page share an access key (Alt+letter).

Reads the .ui files for what is shown together, and the .mo files that the
po/ target compiled for what each language calls it:
- every <menu> is one group (its sections are one popover);
- a page is what one window shows at once: a GtkStack shows one of its
  pages, everything else beside it (AdwLeaflet's panes, a Bd* widget's own
  template) is shown together;
- each gtk_file_chooser_native_new () in app/ is a group of its two buttons.
A label with a mnemonic must keep exactly one in every translation (GTK
would otherwise show no access key at all).

Usage: check-mnemonics.py SOURCE_ROOT PO_BUILD_DIR
Prints TAP; exit status 0 even on failures (meson reads the TAP).
"""
import gettext
import glob
import itertools
import os
import re
import sys
import xml.etree.ElementTree as ET

DOMAIN = 'bounce-doctor'


def mnemonics(text):
    """The access keys of a label: the characters after single underscores."""
    keys = []
    i = 0
    while i < len(text) - 1:
        if text[i] == '_':
            if text[i + 1] != '_':
                keys.append(text[i + 1].lower())
            i += 2
        else:
            i += 1
    return keys


class Label:
    def __init__(self, msgid, context, where):
        self.msgid, self.context, self.where = msgid, context, where


def label_of(prop, where):
    return Label(prop.text or '', prop.get('context'), where)


def object_labels(obj, where):
    """The label or title of an object that has use-underline set."""
    props = {p.get('name').replace('_', '-'): p for p in obj.findall('property')}
    underline = props.get('use-underline')
    if underline is None or (underline.text or '').strip().lower() not in ('true', '1', 'yes'):
        return []
    for name in ('label', 'title'):
        if name in props and props[name].get('translatable') == 'yes':
            return [label_of(props[name], where)]
    return []


class UiFiles:
    def __init__(self, ui_dir):
        self.templates = {}
        self.menus = []
        for path in sorted(glob.glob(os.path.join(ui_dir, '*.ui'))):
            root = ET.parse(path).getroot()
            name = os.path.basename(path)
            for template in root.iter('template'):
                self.templates[template.get('class')] = (template, name)
            for menu in root.iter('menu'):
                labels = [label_of(a, name) for a in menu.iter('attribute')
                          if a.get('name') == 'label' and a.get('translatable') == 'yes'
                          and '_' in (a.text or '')]
                self.menus.append(('%s menu %s' % (name, menu.get('id')), labels))

    def children(self, node):
        """Objects directly inside node (through <child> and <property>)."""
        for sub in node:
            if sub.tag == 'object':
                yield sub
            elif sub.tag in ('child', 'property'):
                yield from self.children(sub)

    def visible_sets(self, obj, where, seen=()):
        """Every combination of labels shown at once inside obj, each as
        (names of the stack pages chosen, labels)."""
        own = object_labels(obj, where)
        cls = obj.get('class')
        if cls in self.templates and cls not in seen and obj.tag == 'object':
            template, tname = self.templates[cls]
            inner = self.visible_sets(template, tname, seen + (cls,))
            return [(names, own + labels) for names, labels in inner]
        if cls == 'GtkStackPage':
            page = next((p.text for p in obj.findall('property') if p.get('name') == 'name'), '?')
            return [((page,) + names, labels) for names, labels in self.visible_children(obj, where, seen, own)]
        if cls == 'GtkStack':
            alternatives = []
            for kid in self.children(obj):
                alternatives.extend(self.visible_sets(kid, where, seen))
            return [(names, own + labels) for names, labels in (alternatives or [((), [])])]
        return self.visible_children(obj, where, seen, own)

    def visible_children(self, obj, where, seen, own):
        combos = [((), own)]
        for kid in self.children(obj):
            kid_sets = self.visible_sets(kid, where, seen)
            combos = [(a[0] + b[0], a[1] + b[1]) for a, b in itertools.product(combos, kid_sets)]
        return combos

    def pages(self):
        """Groups for the top-level windows (templates not used inside another)."""
        used = set()
        for template, _ in self.templates.values():
            for obj in template.iter('object'):
                used.add(obj.get('class'))
        groups = []
        for cls, (template, name) in sorted(self.templates.items()):
            if cls in used:
                continue
            for names, labels in self.visible_sets(template, name, (cls,)):
                if len(labels) > 1:
                    page = '/'.join(names) or 'its page'
                    groups.append(('%s, %s' % (cls, page), labels))
        return groups


def file_chooser_groups(app_dir):
    call = re.compile(r'gtk_file_chooser_native_new\s*\([^;]*?_\s*\("([^"]*)"\)\s*,\s*_\s*\("([^"]*)"\)', re.S)
    groups = []
    for path in sorted(glob.glob(os.path.join(app_dir, '*.c'))):
        with open(path, encoding='utf-8') as f:
            text = f.read()
        for m in call.finditer(text):
            where = os.path.basename(path)
            line = text.count('\n', 0, m.start()) + 1
            groups.append(('%s:%d file chooser' % (where, line),
                           [Label(m.group(1), None, where), Label(m.group(2), None, where)]))
    return groups


def translate(catalog, label):
    if catalog is None:
        return label.msgid
    if label.context:
        return catalog.pgettext(label.context, label.msgid)
    return catalog.gettext(label.msgid)


def check_group(lang, catalog, name, labels):
    """Problems of one group in one language (empty list: fine)."""
    problems = []
    by_key = {}
    for label in labels:
        text = translate(catalog, label)
        keys = mnemonics(text)
        if len(keys) != 1:
            problems.append('“%s” has %d access keys (from “%s”)' % (text, len(keys), label.msgid))
            continue
        by_key.setdefault(keys[0], []).append(text)
    for key, texts in sorted(by_key.items()):
        if len(texts) > 1:
            problems.append('Alt+%s is shared by %s' % (key.upper(), ', '.join('“%s”' % t for t in texts)))
    return problems


def main():
    if len(sys.argv) != 3:
        sys.stderr.write('usage: check-mnemonics.py SOURCE_ROOT PO_BUILD_DIR\n')
        return 2
    src, po_build = sys.argv[1], sys.argv[2]
    with open(os.path.join(src, 'po', 'LINGUAS')) as f:
        langs = [w for line in f if not line.startswith('#') for w in line.split()]
    ui = UiFiles(os.path.join(src, 'ui'))
    groups = ui.menus + ui.pages() + file_chooser_groups(os.path.join(src, 'app'))
    catalogs = [('en', None)]
    for lang in langs:
        mo = os.path.join(po_build, lang, 'LC_MESSAGES', DOMAIN + '.mo')
        with open(mo, 'rb') as f:
            catalogs.append((lang, gettext.GNUTranslations(f)))
    print('1..%d' % (len(catalogs) * len(groups)))
    n = 0
    for lang, catalog in catalogs:
        for name, labels in groups:
            n += 1
            problems = check_group(lang, catalog, name, labels)
            keys = ' '.join(translate(catalog, l) for l in labels)
            if problems:
                print('not ok %d - %s: %s' % (n, lang, name))
                for p in problems:
                    print('#   %s' % p)
            else:
                print('ok %d - %s: %s (%s)' % (n, lang, name, keys))
    return 0


if __name__ == '__main__':
    sys.exit(main())
