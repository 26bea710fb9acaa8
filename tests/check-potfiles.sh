#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every source file with translatable strings must be listed in
# po/POTFILES.in, and every listed file must exist.
top=${1:?usage: check-potfiles.sh SOURCE_ROOT}
cd "$top" || exit 1
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort)
found=$( (grep -rlE '\b(_|N_|C_|NC_|ngettext)\(' app --include='*.c';
          grep -rl 'translatable="yes"' ui data --include='*.ui' --include='*.xml*';
          ls data/*.desktop.in.in data/*.metainfo.xml.in.in data/*.gschema.xml) | sort -u)

echo "1..2"
missing=$(printf '%s\n' "$found" | while read -r f; do
    printf '%s\n' "$listed" | grep -qxF "$f" || echo "$f"; done)
if [ -n "$missing" ]; then
    echo "not ok 1 - files with translatable strings missing from po/POTFILES.in:"
    printf '#   %s\n' $missing
else
    echo "ok 1 - po/POTFILES.in lists every file with translatable strings"
fi

gone=$(printf '%s\n' "$listed" | while read -r f; do [ -e "$f" ] || echo "$f"; done)
if [ -n "$gone" ]; then
    echo "not ok 2 - po/POTFILES.in lists files that do not exist:"
    printf '#   %s\n' $gone
else
    echo "ok 2 - every file in po/POTFILES.in exists"
fi
