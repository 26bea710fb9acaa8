#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-cli-output.py FORMAT FILE

Reads what `bounce-doctor-cli explain --format=FORMAT` printed (FILE) and
checks it against the command-line contract (design.md, "Command-line
contract"), with Python's own parsers as the oracle:
  json: every line is one JSON object with every field of the contract
        (absent fields are null, never omitted), recipients likewise, and
        its source names a file;
  csv:  the header, then rows of exactly nine fields (csv module);
  text: valid UTF-8, not empty.
Prints the problems (at most 20) and exits 1 when there is any."""
import csv
import io
import json
import os
import sys

MESSAGE_KEYS = {"source", "offset", "kind", "mta", "reporting_mta", "date",
                "original", "recipients", "summary"}
ORIGINAL_KEYS = {"from", "to", "subject", "message_id", "date", "dkim",
                 "sender_ip", "sender_host"}
RECIPIENT_KEYS = {"address", "original", "action", "status", "reply_code",
                  "diagnostic", "remote_mta", "reason", "hard", "evidence"}
CSV_HEADER = ["source", "offset", "kind", "recipient", "status", "reply_code",
              "reason", "hard", "diagnostic"]


def missing(obj, keys, what):
    if not isinstance(obj, dict):
        return ["%s is not an object" % what]
    return ["%s has no \"%s\"" % (what, k) for k in sorted(keys - obj.keys())]


def check_json(text):
    problems = []
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for n, line in enumerate(lines, 1):
        try:
            obj = json.loads(line)
        except ValueError as e:
            problems.append("line %d is not JSON (%s): %.120s" % (n, e, line))
            continue
        found = missing(obj, MESSAGE_KEYS, "line %d" % n)
        if not found:
            if obj["original"] is not None:
                found += missing(obj["original"], ORIGINAL_KEYS, "line %d's original" % n)
            if not isinstance(obj["recipients"], list):
                found.append("line %d: recipients is not a list" % n)
            else:
                for i, r in enumerate(obj["recipients"]):
                    found += missing(r, RECIPIENT_KEYS, "line %d's recipient %d" % (n, i))
            if not isinstance(obj["offset"], int) or not isinstance(obj["source"], str):
                found.append("line %d: offset or source of the wrong type" % n)
            elif not os.path.isfile(obj["source"]):
                found.append("line %d: source %r is not a file" % (n, obj["source"]))
        problems += found
    if not lines:
        problems.append("no output at all")
    return problems, len(lines)


def check_csv(text):
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or rows[0] != CSV_HEADER:
        return ["the header is %r" % (rows[0] if rows else None)], 0
    problems = ["row %d has %d fields, not 9" % (n, len(row))
                for n, row in enumerate(rows[1:], 2) if len(row) != len(CSV_HEADER)]
    return problems, len(rows) - 1


def check_text(text):
    return ([] if text.strip() else ["no output at all"]), text.count("\n")


def main(fmt, path):
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        print("# the output is not UTF-8: %s" % e)
        return 1
    problems, n = {"json": check_json, "csv": check_csv, "text": check_text}[fmt](text)
    for p in problems[:20]:
        print("# " + p)
    if len(problems) > 20:
        print("# … and %d more" % (len(problems) - 20))
    print("# %d %s" % (n, "lines" if fmt != "csv" else "rows"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
