#!/bin/sh
# check-corpus-score.sh CLI MIN_REASON_PERCENT
#
# Scores bounce-doctor-cli on the labelled bounce corpus in ../shared (see
# ../shared/bench/score-bounces) and fails when the share of recipients
# whose reason is right falls below MIN_REASON_PERCENT. The threshold is a
# meson test argument, raised as the decoder improves (the target is 97).
# Skips when ../shared is absent, as on a user's machine.
set -u

cli=$1
min=$2
shared="${BD_SOURCE_ROOT:-$(dirname "$0")/..}/../shared"
scorer="$shared/bench/score-bounces"

echo "1..1"
if [ ! -f "$scorer" ] || [ ! -d "$shared/corpus/bounces/dev" ]; then
    echo "ok 1 # SKIP no corpus at $shared"
    exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "ok 1 # SKIP python3 is not installed"
    exit 0
fi

out=$(python3 "$scorer" --cli "$cli" --show 10 2>&1)
status=$?
echo "$out" | sed 's/^/# /'
last=$(echo "$out" | tail -n 1)
reason=$(echo "$last" | sed -n 's/^reason \([0-9.]*\)%.*/\1/p')

if [ $status -ne 0 ] || [ -z "$reason" ]; then
    echo "not ok 1 - the scorer did not run"
    exit 1
fi
if awk -v got="$reason" -v min="$min" 'BEGIN { exit !(got + 0 >= min + 0) }'; then
    echo "ok 1 - reason right for $reason% of the corpus rows (threshold $min%)"
else
    echo "not ok 1 - reason right for only $reason% of the corpus rows (threshold $min%)"
    exit 1
fi
