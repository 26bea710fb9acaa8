#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `make screenshots`: PNGs of the app's main states, in English and Polish,
# taken from the real window under a private Xvfb (used by README.md and
# the AppStream metainfo). Usage: screenshots.sh BUILD_DIR OUT_DIR
set -eu
build=$(cd "${1:-build}" && pwd)
out=${2:-data/screenshots}
src=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
samples="$src/data/samples"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# shot NAME LANGUAGE WIDTH HEIGHT [FILE…]
shot() {
    name=$1 lang=$2 width=$3 height=$4
    shift 4
    display=${BD_SHOT_DISPLAY:-:$((90 + $(od -An -N1 -tu1 /dev/urandom | tr -d ' ') % 100))}
    Xvfb "$display" -screen 0 "${width}x${height}x24" -nolisten tcp >/dev/null 2>&1 &
    xvfb=$!
    sleep 1
    # The window size comes from GSettings: a keyfile backend in a
    # throw-away config dir lets each shot choose it.
    mkdir -p "$tmp/$name/glib-2.0/settings"
    printf '[io/github/bouncedoctor/BounceDoctor]\nwindow-width=%s\nwindow-height=%s\n' \
        "$width" "$height" > "$tmp/$name/glib-2.0/settings/keyfile"
    # its own process group (setsid), ended by its id below
    setsid env DISPLAY="$display" LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE="$lang" GTK_A11Y=none \
        XDG_CONFIG_HOME="$tmp/$name" GSETTINGS_BACKEND=keyfile \
        GSETTINGS_SCHEMA_DIR="$build/data" BD_LOCALEDIR="$build/po" \
        XDG_DATA_DIRS="$src/data:/usr/local/share:/usr/share" \
        dbus-run-session -- "$build/app/bounce-doctor" "$@" >"$tmp/$name.log" 2>&1 &
    app=$!
    # on a busy machine the window takes longer than a fixed pause: wait
    # for it to be shown, then let it draw (results, chart, icons);
    # BD_SHOT_WAIT seconds, more on a loaded machine
    DISPLAY="$display" timeout 30 xdotool search --sync --onlyvisible --name 'Bounce Doctor' >/dev/null 2>&1 || true
    sleep "${BD_SHOT_WAIT:-3}"
    DISPLAY="$display" import -window root "$out/$name.png"
    kill -- -$app 2>/dev/null || true
    kill $xvfb 2>/dev/null || true
    wait 2>/dev/null || true
    echo "wrote $out/$name.png"
}

# A small mailbox for the mailbox page: the samples and the test fixtures
# in mbox form (Thunderbird keeps folders like this).
mbox="$tmp/Inbox"
for f in "$samples"/*.eml "$src"/tests/fixtures/*/*.eml; do
    printf 'From MAILER-DAEMON Fri Nov 27 10:00:00 2026\n'
    cat "$f"
    printf '\n'
done > "$mbox"

for lang in en pl; do
    shot "empty-$lang" "$lang" 960 700
    shot "diagnosis-$lang" "$lang" 960 900 "$samples/postfix-user-unknown.eml"
    shot "several-$lang" "$lang" 1100 800 "$samples"/*.eml
    shot "narrow-$lang" "$lang" 360 720 "$samples/qmail-pl-skrzynka-pelna.eml"
    shot "mailbox-$lang" "$lang" 1280 860 "${BD_SHOT_MAILBOX:-$mbox}"
    shot "error-$lang" "$lang" 800 600 "$src/data/icons/hicolor/scalable/apps/io.github.bouncedoctor.BounceDoctor.svg"
done

# The domain check needs a DNS server, and the dialogs a click: the UI test
# opens them, runs the check against the
# test DoH server (BIND on 127.0.0.1) and saves the window itself.
for test in test-window test-window-pl; do
    case $test in *-pl) lang=pl ;; *) lang=en ;; esac
    env LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE="$lang" GTK_A11Y=none GSETTINGS_BACKEND=memory \
        GSETTINGS_SCHEMA_DIR="$build/data" BD_LOCALEDIR="$build/po" BD_SOURCE_ROOT="$src" \
        G_TEST_SRCDIR="$src/tests" BD_SCREENSHOT_DIR="$(cd "$out" && pwd)" \
        xvfb-run -a -s "-screen 0 1280x1100x24" dbus-run-session -- \
        "$build/tests/$test" -p /ui/window/domain-check-bind -p /ui/window/dialogs >/dev/null 2>&1 &&
        echo "wrote $out/domain-$lang.png, preferences-$lang.png, open-mailbox-$lang.png"
done

# An Outlook .msg NDR item dropped as a file (tests/test-window-dnd.c).
for test in test-window-dnd test-window-dnd-pl; do
    case $test in *-pl) lang=pl ;; *) lang=en ;; esac
    env LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE="$lang" GTK_A11Y=none GSETTINGS_BACKEND=memory \
        GSETTINGS_SCHEMA_DIR="$build/data" BD_LOCALEDIR="$build/po" BD_SOURCE_ROOT="$src" \
        G_TEST_SRCDIR="$src/tests" BD_SCREENSHOT_DIR="$(cd "$out" && pwd)" \
        xvfb-run -a -s "-screen 0 1280x1100x24" dbus-run-session -- \
        "$build/tests/$test" -p /ui/dnd/drop-file-list-msg >/dev/null 2>&1 &&
        echo "wrote $out/msg-ndr-$lang.png"
done
