#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every shipped translation must be complete: no untranslated or fuzzy
# messages, against a template extracted from the current sources.
top=${1:?usage: check-po-complete.sh SOURCE_ROOT}
cd "$top/po" || exit 1
pot=$(mktemp --suffix=.pot)
trap 'rm -f "$pot" "$pot".*' EXIT
xgettext --files-from=POTFILES.in --directory=.. --from-code=UTF-8 --add-comments=Translators \
    --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 \
    --keyword=ngettext:1,2 --output="$pot" 2>"$pot.err" || { cat "$pot.err"; exit 1; }

n=0
echo "1..$(wc -w < LINGUAS)"
for lang in $(cat LINGUAS); do
    n=$((n + 1))
    msgmerge --quiet --no-fuzzy-matching "$lang.po" "$pot" -o "$pot.$lang" 2>/dev/null
    stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$pot.$lang" 2>&1)
    if echo "$stats" | grep -qE 'untranslated|fuzzy'; then
        echo "not ok $n - $lang.po is incomplete: $stats"
        LC_ALL=C msgattrib --untranslated --only-fuzzy "$pot.$lang" 2>/dev/null | grep '^msgid' | head -20 | sed 's/^/#   /'
        LC_ALL=C msgattrib --untranslated "$pot.$lang" 2>/dev/null | grep '^msgid' | head -20 | sed 's/^/#   /'
    else
        echo "ok $n - $lang.po is complete ($stats)"
    fi
done
