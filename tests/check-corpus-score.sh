#!/bin/sh
# check-corpus-score.sh CLI MIN_REASON_PERCENT MIN_ROWS_PERCENT
#
# Scores bounce-doctor-cli on the labelled bounce corpus in ../shared (see
# ../shared/bench/score-bounces) and fails when
#  - the share of recipients whose reason is right falls below
#    MIN_REASON_PERCENT, or the share of rows fully right (status, reply
#    code, reason and hard all agree) below MIN_ROWS_PERCENT: both are
#    meson test arguments, set to today's figures so that a single row
#    lost fails (raise them as the decoder improves);
#  - the CLI reported recipients the corpus does not have
#    (extra_recipients), printed a line that is not JSON
#    (unparsable_json_lines) or exited non-zero (cli_exit): the scorer
#    prints these and a reason percentage does not show them.
# Skips when ../shared is absent, as on a user's machine. BD_SHARED_DIR
# names another copy of it.
set -u

cli=$1
min=$2
min_rows=$3
shared="${BD_SHARED_DIR:-${BD_SOURCE_ROOT:-$(dirname "$0")/..}/../shared}"
scorer="$shared/bench/score-bounces"

if [ ! -f "$scorer" ] || [ ! -d "$shared/corpus/bounces/dev" ]; then
    echo "1..0 # SKIP no corpus at $shared"
    exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "1..0 # SKIP python3 is not installed"
    exit 0
fi

echo "1..5"
out=$(python3 "$scorer" --cli "$cli" --show 10 2>&1)
status=$?
echo "$out" | sed 's/^/# /'
last=$(echo "$out" | tail -n 1)
reason=$(echo "$last" | sed -n 's/^reason \([0-9.]*\)%.*/\1/p')
rows=$(echo "$last" | sed -n 's/.*rows fully right \([0-9.]*\)%.*/\1/p')
counts=$(echo "$out" | grep '^files=' | tail -n 1)
count () {
    echo "$counts" | sed -n "s/.*[ ]$1=\([0-9-]*\).*/\1/p"
}
cli_exit=$(count cli_exit)
bad_lines=$(count unparsable_json_lines)
extra=$(count extra_recipients)

if [ $status -ne 0 ] || [ -z "$reason" ] || [ -z "$rows" ] || [ -z "$cli_exit" ] \
   || [ -z "$bad_lines" ] || [ -z "$extra" ]; then
    echo "not ok 1 - the scorer did not run or its output changed"
    exit 1
fi

failed=0
at_least () {   # N GOT MIN WHAT
    if awk -v got="$2" -v min="$3" 'BEGIN { exit !(got + 0 >= min + 0) }'; then
        echo "ok $1 - $4 for $2% of the corpus rows (threshold $3%)"
    else
        echo "not ok $1 - $4 for only $2% of the corpus rows (threshold $3%)"
        failed=1
    fi
}
zero () {       # N GOT WHAT
    if [ "$2" = 0 ]; then
        echo "ok $1 - $3: 0"
    else
        echo "not ok $1 - $3: $2, expected 0"
        failed=1
    fi
}
at_least 1 "$reason" "$min" "reason right"
at_least 2 "$rows" "$min_rows" "status, reply code, reason and hard right"
zero 3 "$extra" "recipients the corpus does not have (extra_recipients)"
zero 4 "$bad_lines" "output lines that are not JSON (unparsable_json_lines)"
zero 5 "$cli_exit" "the CLI's exit status (cli_exit)"
exit $failed
