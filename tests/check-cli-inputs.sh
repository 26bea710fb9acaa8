#!/bin/sh
# check-cli-inputs.sh CLI
#
# bounce-doctor-cli explain over every input we have, in every format:
# the fixtures (tests/fixtures, the fuzz crashers included), the samples
# (data/samples) and, when present, the corpus in ../shared. In the
# sanitizer build (build-aux/run-tests.sh) ASAN_OPTIONS aborts on any
# report, so a crash, overflow, UB or leak fails this test; in any build a
# non-zero exit or a message on standard error does.
set -u

cli=$1
src=${BD_SOURCE_ROOT:-$(dirname "$0")/..}
corpus="$src/../shared/corpus/bounces/dev"
inputs="$src/tests/fixtures $src/data/samples"
[ -d "$corpus" ] && inputs="$inputs $corpus"
err=$(mktemp)
trap 'rm -f "$err"' EXIT

n=0
failed=0
echo "1..2"
for format in json text; do
    n=$((n + 1))
    # shellcheck disable=SC2086
    "$cli" explain --format="$format" $inputs >/dev/null 2>"$err"
    status=$?
    if [ $status -eq 0 ] && [ ! -s "$err" ]; then
        echo "ok $n - explain --format=$format over $inputs"
    else
        echo "not ok $n - explain --format=$format exited with $status"
        sed 's/^/# /' "$err" | head -60
        failed=1
    fi
done
exit $failed
