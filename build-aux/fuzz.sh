#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer targets of tests/fuzz/ with clang, ASan and UBSan in
# their own build directory and runs each for SECONDS seconds, JOBS at a
# time. Each target's corpus grows in BUILD/fuzz-corpus/<target>/ (its
# seeds and kept crashers are read too, never written); a crash, leak or
# hang is written to BUILD/fuzz-artifacts/<target>/ and fails the run: fix
# it, then keep the input as tests/fixtures/fuzz/<target>/<name> so the
# fuzz-replay-<target> test runs it from then on.
#
#   build-aux/fuzz.sh [-b BUILD] [-s SECONDS] [-j JOBS] [-r SEED] [TARGET…]
# With -r the random seed is fixed, so a run takes the same path (CI uses it:
# a finding of a long run belongs to `make fuzz`, not to a random CI run).
# Ends with one line per target: runs, cov, ft, exec/s, and its verdict;
# a failed target also prints its crashing input in base64, so that a CI
# log alone is enough to reproduce it.
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
build=build-fuzz
seconds=60
jobs=2
seed_arg=""
while getopts b:s:j:r: opt; do
    case $opt in
        b) build=$OPTARG ;;
        s) seconds=$OPTARG ;;
        j) jobs=$OPTARG ;;
        r) seed_arg="-seed=$OPTARG" ;;
        *) echo "usage: $0 [-b BUILD] [-s SECONDS] [-j JOBS] [-r SEED] [TARGET…]" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
case $build in /*) ;; *) build=$src/$build ;; esac

if ! command -v clang >/dev/null 2>&1; then
    echo "fuzz: clang is not installed (build-aux/debian-packages.txt lists it)" >&2
    exit 1
fi

targets=${*:-$(cd "$src/tests/fuzz" && ls fuzz-*.c | sed -e 's/^fuzz-//' -e 's/\.c$//' \
                 | grep -v -x -e common -e replay -e zone)}

if [ ! -f "$build/build.ninja" ]; then
    log=$(mktemp)
    CC=clang meson setup "$build" "$src" -Dfuzzing=true -Db_sanitize=address,undefined \
        -Db_lundef=false -Dc_args='-fno-sanitize-recover=all -fno-omit-frame-pointer -gline-tables-only' \
        >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; exit 1; }
    rm -f "$log"
fi
exes=""
for t in $targets; do exes="$exes tests/fuzz/fuzz-$t"; done
# shellcheck disable=SC2086
ninja -C "$build" -j "$jobs" $exes >"$build/fuzz-build.log" 2>&1 \
    || { tail -40 "$build/fuzz-build.log" >&2; exit 1; }

# Any sanitizer report is fatal; leaks count (GLib's by-design ones aside).
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1:print_stacktrace=1:fast_unwind_on_malloc=0"
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$src/tests/lsan.supp:print_suppressions=0"
export G_DEBUG=fatal-criticals

# Seed folders, as tests/fuzz/meson.build lists them.
seeds_of () {
    case $1 in
        decoder) echo "$src/tests/fixtures/decoder $src/tests/fixtures/scanners $src/tests/fixtures/i18n $src/data/samples" ;;
        msg) echo "$src/tests/fixtures/msg $src/tests/msg-hostile" ;;
        *) echo "$src/tests/fuzz/seeds/$1" ;;
    esac
}

run_one () {
    t=$1
    corpus=$build/fuzz-corpus/$t
    artifacts=$build/fuzz-artifacts/$t
    crashers=$src/tests/fixtures/fuzz/$t
    mkdir -p "$corpus" "$artifacts"
    [ -d "$crashers" ] || crashers=""
    # shellcheck disable=SC2046
    "$build/tests/fuzz/fuzz-$t" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts/" $seed_arg \
        "$corpus" $(seeds_of "$t") $crashers >"$build/fuzz-logs/$t.log" 2>&1
    echo $? >"$build/fuzz-logs/$t.status"
}

mkdir -p "$build/fuzz-logs"
running=0
for t in $targets; do
    run_one "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait
        running=0
    fi
done
wait

failed=0
: >"$build/fuzz-logs/testlog.json"
for t in $targets; do
    log=$build/fuzz-logs/$t.log
    status=$(cat "$build/fuzz-logs/$t.status" 2>/dev/null || echo 1)
    last=$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -1)
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | head -n 1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | head -n 1)
    cov=$(echo "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
    ft=$(echo "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
    if [ "$status" -eq 0 ]; then
        verdict=ok
        result=OK
    else
        verdict="FAILED (see $log; input in $build/fuzz-artifacts/$t/)"
        result=FAIL
        failed=1
        grep -E -A24 '^==[0-9]+==ERROR|runtime error|CRITICAL|ERROR: libFuzzer' "$log" | head -40
        for input in "$build/fuzz-artifacts/$t"/*; do
            [ -f "$input" ] || continue
            echo "crashing input $(basename "$input"), $(wc -c <"$input") bytes, base64:"
            base64 -w 100 "$input" | head -c 12000
            echo
        done
    fi
    # one line per target in meson's testlog format, for test-summary.py
    printf '{"name": "fuzz-%s", "result": "%s"}\n' "$t" "$result" >>"$build/fuzz-logs/testlog.json"
    printf '%-10s runs %-9s cov %-6s ft %-7s exec/s %-6s %s\n' "$t" "${runs:-?}" "${cov:-?}" "${ft:-?}" "${speed:-?}" "$verdict"
done
exit $failed
