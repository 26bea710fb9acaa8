#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""audit-mutants.py SHARED_DIR [MESON TEST ARGS...]

Not a test: the 2026-12 test audit's 15 one-line bugs, planted one at a
time in this source tree (each pattern must match exactly once), each
followed by `meson compile -C build` and `meson test -C build --no-rebuild
ARGS` with BD_SHARED_DIR=SHARED_DIR (a missing folder runs the suite as
without ../shared); the failing tests are printed, then the file is put
back with `git checkout` (commit or stash your own changes first). ONLY=a,b
runs some of them. The patterns follow the code as of issue 13 item 0: a
pattern that no longer matches is reported, not planted.

  tests/audit-mutants.py /nonexistent --suite core --suite cli
"""
import json, os, subprocess, sys
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
M = [
 ("CLS-5.2.2", "app/core/bd-classify.c", '{ "5.2.2", BD_REASON_MAILBOXFULL }', '{ "5.2.2", BD_REASON_EXCEEDLIMIT }'),
 ("CLS-5.7.26", "app/core/bd-classify.c", '{ "5.7.26", BD_REASON_AUTHFAILURE }', '{ "5.7.26", BD_REASON_SECURITYERROR }'),
 ("DSN-final-repeat", "app/core/bd-dsn.c", "        return;\n      if (state->current != NULL && state->current->address != NULL)\n        close_recipient (state);", "        return;\n      if (FALSE && state->current != NULL && state->current->address != NULL)\n        close_recipient (state);"),
 ("DSN-x-actual", "app/core/bd-dsn.c", "if (actual && state->current != NULL && state->current->address != NULL)", "if (FALSE && actual && state->current != NULL && state->current->address != NULL)"),
 ("MBOX-weekday", "app/core/bd-mailbox-stream.c", "return after_blank || starts_with_weekday (rest, end);", "return TRUE;"),
 ("MBOX-crlf-blank", "app/core/bd-mailbox-stream.c", "                || (sep >= 3 && buf[sep - 2] == '\\r' && buf[sep - 3] == '\\n');", "                ;"),
 ("SPF-void-limit", "app/core/dns/bd-spf.c", "#define MAX_VOID_LOOKUPS BD_SPF_MAX_VOID_LOOKUPS", "#define MAX_VOID_LOOKUPS 3"),
 ("DMARC-sp", "app/core/dns/bd-dmarc.c", 'policy_tag = at_org && g_hash_table_lookup', 'policy_tag = g_hash_table_lookup'),
 ("PL-phrase-fixture", "app/core/bd-phrases-pl.c", '{ "konto adresata jest nieaktywne", BD_REASON_SUSPEND }', '{ "konto adresata jest nieaktywne", BD_REASON_MAILBOXFULL }'),
 ("PL-phrase-unbacked", "app/core/bd-phrases-pl.c", '{ "nie ma takiego użytkownika", BD_REASON_USERUNKNOWN }', '{ "nie ma takiego użytkownika", BD_REASON_MAILBOXFULL }'),
 ("HTML-amp", "app/core/bd-scan-input.c", '{ "amp;", "&" }', '{ "amp;", "" }'),
 ("HTML-br", "app/core/bd-scan-input.c", '          else if (tag_is (tag, tag_len, "br"))\n            break_line (out);', '          else if (tag_is (tag, tag_len, "br"))\n            start_line (out);'),
 ("JSON-quote", "app/core/bd-export.c", "case '\"': g_string_append_len (out, \"\\\\\\\"\", 2); break;", "case '\"': g_string_append_c (out, '\"'); break;"),
 ("JSON-newline", "app/core/bd-export.c", "case '\\n': g_string_append_len (out, \"\\\\n\", 2); break;", "case '\\n': g_string_append_c (out, '\\n'); break;"),
 ("GUIDE-whose-hostunknown", "app/core/bd-guidance-texts.c", "domain has expired, or it never received email. Your message was not delivered.\"),\n    BD_WHOSE_MOVE_YOU,", "domain has expired, or it never received email. Your message was not delivered.\"),\n    BD_WHOSE_MOVE_RECIPIENT,"),
]
TESTS = sys.argv[2:] if len(sys.argv) > 2 else None
env = dict(os.environ)
shared = sys.argv[1]
env["BD_SHARED_DIR"] = shared
only = os.environ.get("ONLY")
results = []
for name, path, old, new in M:
    if only and name not in only.split(","):
        continue
    full = os.path.join(ROOT, path)
    text = open(full, encoding="utf-8").read()
    if text.count(old) != 1:
        results.append((name, "PATTERN %d" % text.count(old), []))
        print(name, "pattern count", text.count(old), flush=True)
        continue
    open(full, "w", encoding="utf-8").write(text.replace(old, new))
    try:
        b = subprocess.run(["meson", "compile", "-C", "build"], cwd=ROOT, capture_output=True, text=True)
        if b.returncode != 0:
            results.append((name, "BUILD FAILED", [])); print(b.stdout[-2000:]); continue
        cmd = ["meson", "test", "-C", "build", "--no-rebuild"] + (TESTS or [])
        subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        failed = []
        for line in open(os.path.join(ROOT, "build/meson-logs/testlog.json")):
            d = json.loads(line)
            if d["result"] not in ("OK", "SKIP", "EXPECTEDFAIL"):
                failed.append(d["name"].split(" / ")[-1])
        results.append((name, "killed" if failed else "SURVIVED", failed))
        print(name, "killed by " + ", ".join(failed) if failed else "SURVIVED", flush=True)
    finally:
        subprocess.run(["git", "checkout", "--", path], cwd=ROOT)
subprocess.run(["meson", "compile", "-C", "build"], cwd=ROOT, capture_output=True)
print("%d of %d killed" % (sum(r[1] == "killed" for r in results), len(results)))
