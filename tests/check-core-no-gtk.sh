#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The core library must never see GTK: compile a file that includes gtk.h
# with exactly the core's dependencies and expect it to fail; and no file
# under app/core/ may include gtk or libadwaita.
top=${1:?usage: check-core-no-gtk.sh SOURCE_ROOT}
echo "1..2"

probe=$(mktemp --suffix=.c)
trap 'rm -f "$probe"' EXIT
printf '#include <gtk/gtk.h>\nint main (void) { return 0; }\n' > "$probe"
cflags=$(pkg-config --cflags glib-2.0 gio-2.0 gmime-3.0 libsoup-3.0 json-glib-1.0 ldns)
if ${CC:-cc} $cflags -fsyntax-only "$probe" 2>/dev/null; then
    echo "not ok 1 - gtk.h compiles with the core's dependencies"
else
    echo "ok 1 - gtk.h does not compile with the core's dependencies"
fi

if grep -rEn '#include *[<"](gtk|adwaita|gdk)' "$top/app/core"; then
    echo "not ok 2 - app/core includes GTK or libadwaita"
else
    echo "ok 2 - app/core includes neither GTK nor libadwaita"
fi
