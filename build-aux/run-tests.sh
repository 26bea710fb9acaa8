#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the whole suite as CI does, then the hostile-input checks:
#  1. BUILD (default: build): every suite, under a virtual X display and a
#     private session bus, so the UI tests open a real window;
#  2. the sanitizer build (BD_ASAN_BUILD, default build-asan): configured
#     here with -Db_sanitize=address,undefined and -fno-sanitize-recover;
#     the core and cli suites (not ui: GTK under ASan is noise). Those
#     include the CLI over every fixture, sample and corpus message
#     (cli-every-input) and the fuzz targets replaying their seeds and kept
#     crashers (fuzz-replay-*). tests/meson.build sets ASAN_OPTIONS so that
#     any report aborts;
#  3. when clang is installed, each libFuzzer target for BD_CI_FUZZ_SECONDS
#     seconds (default 10) in BD_FUZZ_BUILD (default build-fuzz), through
#     build-aux/fuzz.sh with a fixed seed, so that CI repeats itself
#     (`make fuzz` runs them longer, with fresh seeds).
# BD_CI_SANITIZERS=0 skips 2 and 3. Extra arguments go to the first run.
# Ends with the line 'N passed, N failed, N skipped' counting all of them,
# and a non-zero exit on any failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
shift 2>/dev/null || true
asan=${BD_ASAN_BUILD:-build-asan}
fuzz=${BD_FUZZ_BUILD:-build-fuzz}
logs="$build/meson-logs/testlog.json"

xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- \
    meson test -C "$build" --print-errorlogs "$@"
status=$?

if [ "${BD_CI_SANITIZERS:-1}" != 0 ]; then
    failed_log="$build/meson-logs/hostile-input-failures.json"
    : >"$failed_log"
    logs="$logs $failed_log"

    echo "== ASan/UBSan build: $asan"
    if [ ! -f "$asan/build.ninja" ]; then
        meson setup "$asan" -Db_sanitize=address,undefined \
            -Dc_args='-fno-sanitize-recover=all -fno-omit-frame-pointer' >/dev/null
    fi
    if meson compile -C "$asan" >"$build/meson-logs/asan-build.log" 2>&1; then
        # Slower under ASan: the DoH tests' timeouts are stretched too.
        meson test -C "$asan" --no-rebuild --print-errorlogs --timeout-multiplier 4 \
            --suite core --suite cli || status=1
        logs="$logs $asan/meson-logs/testlog.json"
    else
        tail -40 "$build/meson-logs/asan-build.log"
        echo '{"name": "build-asan", "result": "FAIL"}' >>"$failed_log"
        status=1
    fi

    if command -v clang >/dev/null 2>&1; then
        echo "== libFuzzer targets, ${BD_CI_FUZZ_SECONDS:-10} s each: $fuzz"
        "$here/fuzz.sh" -b "$fuzz" -s "${BD_CI_FUZZ_SECONDS:-10}" -r "${BD_CI_FUZZ_SEED:-1}" || status=1
        if [ -f "$fuzz/fuzz-logs/testlog.json" ]; then
            logs="$logs $fuzz/fuzz-logs/testlog.json"
        else
            echo '{"name": "build-fuzz", "result": "FAIL"}' >>"$failed_log"
        fi
    else
        echo "== libFuzzer targets skipped: clang is not installed"
        echo '{"name": "fuzz (no clang)", "result": "SKIP"}' >>"$failed_log"
    fi
fi

rm -f "$build/test-summary.txt"
# shellcheck disable=SC2086
summary=$(python3 "$here/test-summary.py" $logs)
summary_status=$?
echo "$summary" | tee "$build/test-summary.txt"
[ $status -eq 0 ] && [ $summary_status -eq 0 ]
