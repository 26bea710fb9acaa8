#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The decode pipeline runs one way (app/DESIGN.md): scanners record what
# the server's format says and never decide a reason the classifier's way,
# and the classifier reads no scanner. A scanner that wants to know which
# cause the words name asks the phrase index (bd-phrase-index.h).
top=${1:?usage: check-pipeline-one-way.sh SOURCE_ROOT}
echo "1..3"

check () {
    n=$1; what=$2; shift 2
    if found=$("$@"); then
        echo "not ok $n - $what"
        echo "$found" | sed 's/^/# /'
    else
        echo "ok $n - $what"
    fi
}

check 1 "no scanner includes a classifier header" \
    grep -rEn '#include *"bd-classify[^"]*\.h"' "$top/app/core/scanners"
check 2 "no scanner calls the classifier" \
    grep -rEn '\bbd_classify_[a-z_]+ *\(' "$top/app/core/scanners"
check 3 "the classifier includes no scanner header" \
    grep -rEn '#include *"bd-scan[^"]*\.h"' "$top/app/core/classify"
