#!/bin/sh
# check-cli-inputs.sh CLI
#
# bounce-doctor-cli explain over every input we have, in every format:
# the fixtures (tests/fixtures, the fuzz crashers included), the samples
# (data/samples) and, when present, the corpus in ../shared (BD_SHARED_DIR
# names another copy). In the sanitizer build (build-aux/run-tests.sh)
# ASAN_OPTIONS aborts on any report, so a crash, overflow, UB or leak fails
# this test; in any build a non-zero exit or a message on standard error
# does. The output is read back with Python's parsers
# (check-cli-output.py): every JSON line must parse and carry every field
# of the contract and name a file that exists, and the CSV must have nine
# fields a row. Last, a fixture whose subject,
# address and diagnostic hold ", \, line ends and control characters
# (fixtures/decoder/json-escapes.eml) must read back with exactly those
# values, in JSON and in CSV.
set -u

cli=$1
src=${BD_SOURCE_ROOT:-$(dirname "$0")/..}
here=$(dirname "$0")
shared=${BD_SHARED_DIR:-$src/../shared}
corpus="$shared/corpus/bounces/dev"
inputs="$src/tests/fixtures $src/data/samples"
[ -d "$corpus" ] && inputs="$inputs $corpus"
err=$(mktemp)
out=$(mktemp)
trap 'rm -f "$err" "$out"' EXIT

if ! command -v python3 >/dev/null 2>&1; then
    echo "1..0 # SKIP python3 is not installed"
    exit 0
fi

n=0
failed=0
echo "1..5"
# shellcheck disable=SC2086
n_files=$(find $inputs -type f | wc -l)
for format in json csv text; do
    n=$((n + 1))
    # shellcheck disable=SC2086
    "$cli" explain --format="$format" $inputs >"$out" 2>"$err"
    status=$?
    if [ $status -ne 0 ] || [ -s "$err" ]; then
        echo "not ok $n - explain --format=$format exited with $status"
        sed 's/^/# /' "$err" | head -60
        failed=1
        continue
    fi
    check=$(python3 "$here/check-cli-output.py" "$format" "$out")
    check_status=$?
    echo "$check"
    lines=$(wc -l <"$out")
    if [ $check_status -ne 0 ]; then
        echo "not ok $n - explain --format=$format: the output breaks the contract"
        failed=1
    else
        echo "ok $n - explain --format=$format over $inputs ($n_files files, $lines lines)"
    fi
done

# The values a parser reads back, against what the fixture holds (its
# Subject is RFC 2047 encoded: =22 ", =5C \, =0A LF, =0D CR, =07 BEL, =09
# TAB, =7F DEL; the address and the diagnostic hold raw ", \, 0x01 and
# 0x7f; a TAB in the diagnostic is a blank, as the server's words are one
# line).
fixture="$src/tests/fixtures/decoder/json-escapes.eml"
n=$((n + 1))
if "$cli" explain --format=json "$fixture" >"$out" 2>"$err" && [ ! -s "$err" ] \
   && python3 - "$out" <<'EOF'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    lines = f.read().split("\n")
assert lines[-1] == "" and len(lines) == 2, "one line: %r" % lines
got = json.loads(lines[0])
r = got["recipients"][0]
want = {
    "subject": 'Say "hi" C:\\dir line one\nline two\r\nthree bell\x07 tab\t del\x7f end',
    "address": '"ctl\x01quo\\"te\\\\back"@example.net',
    "diagnostic": '550 5.1.1 "quoted" \\back\\slash bell\x01 del\x7f tab end',
}
have = {"subject": got["original"]["subject"], "address": r["address"], "diagnostic": r["diagnostic"]}
for k in want:
    if have[k] != want[k]:
        print("# %s: %r, expected %r" % (k, have[k], want[k]))
        sys.exit(1)
assert len(got["recipients"]) == 1 and want["address"] in got["summary"], got["summary"]
EOF
then
    echo "ok $n - JSON escapes read back: subject, address, diagnostic"
else
    echo "not ok $n - JSON escapes do not read back"
    sed 's/^/# /' "$err" "$out" | head -20
    failed=1
fi

n=$((n + 1))
if "$cli" explain --format=csv "$fixture" >"$out" 2>"$err" && [ ! -s "$err" ] \
   && python3 - "$out" <<'EOF'
import csv, sys
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    rows = list(csv.reader(f))
assert len(rows) == 2, rows
row = dict(zip(rows[0], rows[1]))
assert row["recipient"] == '"ctl\x01quo\\"te\\\\back"@example.net', row
assert row["diagnostic"] == '550 5.1.1 "quoted" \\back\\slash bell\x01 del\x7f tab end', row
EOF
then
    echo "ok $n - CSV quoting reads back: address, diagnostic"
else
    echo "not ok $n - CSV quoting does not read back"
    sed 's/^/# /' "$err" "$out" | head -20
    failed=1
fi
exit $failed
