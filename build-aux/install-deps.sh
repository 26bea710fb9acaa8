#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian packages of build-aux/debian-packages.txt that are
# missing. Does nothing (and needs no network) when all are present.
set -eu
here=$(dirname "$0")
list="$here/debian-packages.txt"

missing=""
for pkg in $(sed 's/#.*//' "$list"); do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    case "$status" in
        *" installed") ;;
        *) missing="$missing $pkg" ;;
    esac
done

[ -z "$missing" ] && exit 0

echo "Installing missing Debian packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
    run=""
elif command -v sudo >/dev/null 2>&1; then
    run="sudo"
else
    echo "error: these packages are missing and I am neither root nor able to use sudo:" >&2
    echo "   $missing" >&2
    echo "Ask your administrator to run: apt-get install$missing" >&2
    exit 1
fi
$run apt-get update
DEBIAN_FRONTEND=noninteractive $run apt-get install -y --no-install-recommends $missing
