#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the whole suite as CI does: under a virtual X display and a private
# session bus, so the UI tests open a real window. Ends with the line
# 'N passed, N failed, N skipped' and a non-zero exit on any failure.
set -u
build=${1:-build}
shift 2>/dev/null || true

xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- \
    meson test -C "$build" --print-errorlogs "$@"
status=$?
rm -f "$build/test-summary.txt"
summary=$(python3 "$(dirname "$0")/test-summary.py" "$build/meson-logs/testlog.json")
summary_status=$?
echo "$summary" | tee "$build/test-summary.txt"
[ $status -eq 0 ] && [ $summary_status -eq 0 ]
