#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# valgrind --leak-check=full on bounce-doctor-cli explain over every
# fixture and sample (VALGRIND_CORPUS=1: and the corpus in ../shared), in each
# output format. Fails on any memory error or definite leak; GLib's
# by-design allocations are "still reachable" or "possibly lost", never
# "definitely lost". Too slow for CI; `make valgrind` runs it.
#   build-aux/valgrind-cli.sh [BUILD]
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
build=${1:-build}
cli="$build/app/cli/bounce-doctor-cli"
inputs="$src/tests/fixtures $src/data/samples"
# VALGRIND_CORPUS=1: the corpus in ../shared too (minutes more)
if [ "${VALGRIND_CORPUS:-0}" = 1 ] && [ -d "$src/../shared/corpus/bounces/dev" ]; then
    inputs="$inputs $src/../shared/corpus/bounces/dev"
fi

if ! command -v valgrind >/dev/null 2>&1; then
    echo "valgrind is not installed (build-aux/debian-packages.txt lists it)" >&2
    exit 1
fi
[ -x "$cli" ] || { echo "no $cli: build first" >&2; exit 1; }

status=0
for format in json csv text; do
    log="$build/valgrind-$format.log"
    # --soname-synonyms: the CLI may run on mimalloc (meson.build), whose
    # malloc valgrind must replace as it does glibc's to see leaks.
    # shellcheck disable=SC2086
    G_SLICE=always-malloc valgrind --leak-check=full --errors-for-leak-kinds=definite \
        --soname-synonyms=somalloc=libmimalloc.so.2 \
        --error-exitcode=99 --suppressions="$here/valgrind.supp" --log-file="$log" \
        "$cli" explain --format="$format" $inputs >/dev/null 2>&1
    code=$?
    definite=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$log" | tail -1)
    errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$log" | tail -1)
    echo "explain --format=$format: exit $code, definitely lost ${definite:-0} bytes, ${errors:-?} errors ($log)"
    if [ "$code" -eq 99 ] || [ "${errors:-1}" != 0 ]; then
        status=1
    fi
done
exit $status
