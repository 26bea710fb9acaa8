#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Print 'N passed, N failed, N skipped' over meson test logs (testlog.json,
one JSON object per line with a "result"), one line for all the files
given: the ordinary build, the sanitizer build, the fuzz runs
(build-aux/run-tests.sh). Exit non-zero when anything failed or nothing
passed.

"skipped" counts the tests meson skipped and also the subtests skipped
inside a test meson reports as passed: a TAP line "ok N … # SKIP why"
(g_test_skip), such as the RFC 7208 suite or the corpus pass of
test-scanners when ../shared is absent. Each such subtest is listed above
the summary, and when ../shared (BD_SHARED_DIR, default the folder beside
the source tree) is absent a line says so, since the corpus gate, the SPF
conformance suite and the corpus scanner pass then did not run.

The last line printed is always the summary: CI parses it."""
import json
import os
import re
import sys

# "ok 3 /core/spf/suite/json # SKIP ../shared/conformance/spf is absent"
SKIPPED_SUBTEST = re.compile(r"^ok\s+\d+\s*(.*?)\s*#\s*SKIP\b\s*(.*)$", re.I)


def skipped_subtests(stdout):
    """(name, why) of each subtest a TAP output says was skipped."""
    found = []
    for line in (stdout or "").splitlines():
        m = SKIPPED_SUBTEST.match(line.strip())
        if m:
            found.append((m.group(1) or "(unnamed)", m.group(2)))
    return found


def shared_dir():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.environ.get("BD_SHARED_DIR") or os.path.normpath(os.path.join(here, "..", "..", "shared"))


def main(paths):
    passed = failed = skipped = 0
    notes = []
    for path in paths:
        with open(path, encoding="utf-8") as log:
            for line in log:
                if not line.strip():
                    continue
                test = json.loads(line)
                result = test.get("result")
                if result in ("OK", "EXPECTEDFAIL"):
                    passed += 1
                    inner = skipped_subtests(test.get("stdout"))
                    skipped += len(inner)
                    notes += ["skipped inside %s: %s (%s)" % (test.get("name"), name, why or "no reason given")
                              for name, why in inner]
                elif result == "SKIP":
                    skipped += 1
                    notes.append("skipped: %s" % test.get("name"))
                else:
                    failed += 1
    for note in notes:
        print(note)
    shared = shared_dir()
    if not os.path.isdir(os.path.join(shared, "corpus")):
        print("NOTE: %s is absent: the corpus score, the RFC 7208 SPF suite and the corpus "
              "scanner pass did not run (counted as skipped above)" % shared)
    print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
