#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mailbox benchmark (not a test): builds a large mbox from generated
ordinary mail (text, HTML, base64 attachments, body lines starting with
"From ", escaped and not) with the project's bounce fixtures mixed in at
about 5 %, then reports in one run the CLI's throughput beside
`grep -c '^From '` on the same file, its peak RSS, the messages read and
the bounces found against those inserted.

usage: build-aux/bench-mailbox.py [--build DIR] [--size 1G] [--keep] [--mbox PATH]
"""
import argparse
import base64
import glob
import json
import os
import random
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

WORDS = ("invoice order meeting project report budget quarter client offer delivery schedule "
         "team update review draft contract budget approval travel lunch office printer "
         "faktura zamówienie spotkanie projekt raport klient oferta termin umowa biuro "
         "Rechnung Angebot Besprechung Termin Bericht Vertrag").split()


def parse_size(text):
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([KMG]?)B?", text.upper())
    if not m:
        sys.exit("bench-mailbox: bad size %r" % text)
    return int(float(m.group(1)) * {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[m.group(2)])


def paragraph(rng, n_words):
    return " ".join(rng.choice(WORDS) for _ in range(n_words)).capitalize() + "."


def wrap(text, width=72):
    out, line = [], ""
    for word in text.split():
        if len(line) + len(word) + 1 > width:
            out.append(line)
            line = word
        else:
            line = (line + " " + word).strip()
    out.append(line)
    return "\n".join(out)


def headers(rng, i, content_type):
    sender = "%s%d@firma.example" % (rng.choice(["jan", "anna", "piotr", "ewa", "tom"]), rng.randrange(50))
    return ("From: %s\nTo: team@firma.example\nSubject: %s %d\n"
            "Date: Mon, 2 Sep 2024 10:%02d:00 +0200\nMessage-ID: <%d.%d@firma.example>\n"
            "MIME-Version: 1.0\nContent-Type: %s\n\n"
            % (sender, paragraph(rng, 4)[:-1], i, i % 60, i, rng.randrange(1 << 30), content_type))


def text_body(rng):
    parts = [wrap(paragraph(rng, rng.randrange(20, 120))) for _ in range(rng.randrange(2, 12))]
    # Lines that start with "From ": an mboxrd writer escapes them, a careless one does not.
    parts.insert(1, ">From the desk of the office manager: " + paragraph(rng, 8))
    parts.insert(2, "UNESCAPED 2019 onwards we send " + paragraph(rng, 6))
    parts.append("Regards,\nUNESCAPED Jan")
    return "\n\n".join(parts) + "\n"


def make_plain(rng, i):
    return headers(rng, i, "text/plain; charset=utf-8") + text_body(rng)


def make_html(rng, i):
    text = text_body(rng)
    html = "<html><body>" + "".join("<p>%s</p>\n" % p for p in text.split("\n\n")) + "</body></html>\n"
    html = "\n".join(html[k:k + 76] for k in range(0, len(html), 76))
    return (headers(rng, i, 'multipart/alternative; boundary="alt%d"' % i)
            + "--alt%d\nContent-Type: text/plain; charset=utf-8\n\n%s\n"
              "--alt%d\nContent-Type: text/html; charset=utf-8\n\n%s\n--alt%d--\n"
            % (i, text, i, html, i))


def make_attachment(rng, i, blob):
    size = rng.choice([8, 20, 40, 80, 200, 600]) * 1024
    start = rng.randrange(0, len(blob) - size)
    data = base64.encodebytes(blob[start:start + size]).decode()
    return (headers(rng, i, 'multipart/mixed; boundary="mix%d"' % i)
            + "--mix%d\nContent-Type: text/plain; charset=utf-8\n\n%s\n"
              "--mix%d\nContent-Type: application/pdf; name=\"doc%d.pdf\"\n"
              "Content-Transfer-Encoding: base64\nContent-Disposition: attachment\n\n%s\n--mix%d--\n"
            % (i, text_body(rng), i, i, data, i))


def escape_from(text):
    return re.sub(r"(?m)^(>*From )", r">\1", text)


def cli(build):
    return os.path.join(build, "app", "cli", "bounce-doctor-cli")


def fixtures(build):
    """The bounce fixtures and samples, with the kind each decodes to alone."""
    paths = sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "**", "*.eml"), recursive=True)
                   + glob.glob(os.path.join(ROOT, "data", "samples", "*.eml")))
    found = []
    for path in paths:
        out = subprocess.run([cli(build), "explain", "--format=json", path], capture_output=True, text=True)
        kind = json.loads(out.stdout.splitlines()[0])["kind"] if out.stdout else "not-bounce"
        with open(path, "rb") as f:
            data = f.read().replace(b"\r\n", b"\n").decode("utf-8", "surrogateescape")
        found.append((path, kind, data))
    return found


def build_mbox(path, size, build):
    rng = random.Random(42)
    blob = rng.randbytes(4 << 20)
    bounces = fixtures(build)
    # A pool of ordinary messages, escaped once; the mbox cycles through it.
    pool = []
    for i in range(600):
        r = rng.random()
        text = make_plain(rng, i) if r < 0.55 else make_html(rng, i) if r < 0.85 else make_attachment(rng, i, blob)
        body = escape_from(text.rstrip("\n") + "\n").replace("UNESCAPED ", "From ")
        sep = "From - Mon Sep  2 10:00:00 2024\n" if i % 2 else "From jan@firma.example Mon Sep  2 10:00:00 2024\n"
        pool.append((sep + body + "\n").encode("utf-8"))
    reports = [("From MAILER-DAEMON Mon Sep  2 10:00:00 2024\n"
                + escape_from(text.rstrip("\n") + "\n") + "\n").encode("utf-8", "surrogateescape")
               for _, _, text in bounces]
    inserted = {}          # offset -> kind
    n = 0
    offset = 0
    with open(path, "wb") as out:
        while offset < size:
            if rng.random() < 0.05:
                k = n % len(bounces)
                chunk = reports[k]
                if bounces[k][1] != "not-bounce":
                    inserted[offset] = bounces[k][1]
            else:
                chunk = pool[rng.randrange(len(pool))]
            out.write(chunk)
            offset += len(chunk)
            n += 1
    return n, inserted


def timed(argv, stdout, time_path):
    """Runs argv under /usr/bin/time -v: (wall s, cpu s, peak RSS kB)."""
    start = time.monotonic()
    subprocess.run(["/usr/bin/time", "-v", "-o", time_path] + argv, stdout=stdout, check=False)
    wall = time.monotonic() - start
    with open(time_path) as f:
        report = f.read()
    os.remove(time_path)
    cpu = sum(float(re.search(r"%s time \(seconds\): ([\d.]+)" % k, report).group(1)) for k in ("User", "System"))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", report).group(1))
    return wall, cpu, rss


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--size", default="1G")
    parser.add_argument("--mbox", default=None, help="where to write the mbox (default /tmp/bd-bench-SIZE.mbox)")
    parser.add_argument("--keep", action="store_true", help="keep the mbox (reused when it exists)")
    args = parser.parse_args()
    size = parse_size(args.size)
    path = args.mbox or "/tmp/bd-bench-%s.mbox" % args.size
    meta = path + ".json"

    if not os.access(cli(args.build), os.X_OK):
        sys.exit("bench-mailbox: build first (%s not found)" % cli(args.build))
    if not os.access("/usr/bin/time", os.X_OK):
        sys.exit("bench-mailbox: /usr/bin/time is missing (apt-get install time; see build-aux/debian-packages.txt)")

    if args.keep and os.path.exists(path) and os.path.exists(meta):
        with open(meta) as f:
            n_messages, inserted = json.load(f)
        inserted = {int(k): v for k, v in inserted.items()}
        print("reusing %s" % path)
    else:
        t = time.monotonic()
        n_messages, inserted = build_mbox(path, size, args.build)
        with open(meta, "w") as f:
            json.dump([n_messages, inserted], f)
        print("built %s in %.1f s" % (path, time.monotonic() - t))
    file_size = os.path.getsize(path)
    mb = file_size / 1e6

    # Warm the page cache, then time grep and the CLI on the same cached file.
    subprocess.run(["cat", path], stdout=subprocess.DEVNULL, check=True)
    time_path = path + ".time"
    # Not to /dev/null: GNU grep then stops at the first match.
    count_path = path + ".count"
    with open(count_path, "w") as count:
        grep_wall, grep_cpu, _ = timed(["grep", "-c", "^From ", path], count, time_path)
    with open(count_path) as count:
        grep_count = int(count.read())
    os.remove(count_path)
    out_path = path + ".jsonl"
    with open(out_path, "w") as out:
        cli_wall, cli_cpu, rss_kb = timed([cli(args.build), "explain", "--format=json", path], out, time_path)

    read = 0
    found = {}
    with open(out_path) as f:
        for line in f:
            obj = json.loads(line)
            read += 1
            if obj["kind"] != "not-bounce":
                found[obj["offset"]] = obj["kind"]
    missed = [o for o in inserted if o not in found]
    wrong = [o for o in inserted if o in found and found[o] != inserted[o]]
    extra = [o for o in found if o not in inserted]

    print("load average:     %.1f %.1f %.1f on %d CPUs (wall times suffer when it is high; CPU times less)"
          % (os.getloadavg() + (os.cpu_count(),)))
    print("mbox:             %s, %.0f MB, %d messages (%d bounce reports inserted)"
          % (path, mb, n_messages, len(inserted)))
    print("grep -c '^From ': wall %.2f s = %.0f MB/s, CPU %.2f s = %.0f MB/s (%d lines: body lines count too)"
          % (grep_wall, mb / grep_wall, grep_cpu, mb / max(grep_cpu, 0.01), grep_count))
    print("explain --format=json: wall %.2f s = %.0f MB/s, CPU %.2f s = %.0f MB/s"
          % (cli_wall, mb / cli_wall, cli_cpu, mb / max(cli_cpu, 0.01)))
    wall_ratio = grep_wall / cli_wall
    cpu_ratio = max(grep_cpu, 0.01) / max(cli_cpu, 0.01)
    print("explain vs grep:  %.0f %% (wall), %.0f %% (CPU)" % (100 * wall_ratio, 100 * cpu_ratio))
    print("peak RSS:         %.1f MB" % (rss_kb / 1024))
    print("messages read:    %d of %d" % (read, n_messages))
    print("bounces found:    %d of %d inserted (missed %d, other kind %d, reported besides %d)"
          % (len(inserted) - len(missed), len(inserted), len(missed), len(wrong), len(extra)))
    ok = (read == n_messages and not missed and not wrong and rss_kb <= 150 * 1024
          and max(wall_ratio, cpu_ratio) >= 0.25)
    print("targets (every message, every bounce, RSS <= 150 MB, >= 25 %% of grep): %s"
          % ("met" if ok else "NOT met"))
    os.remove(out_path)
    if not args.keep:
        os.remove(path)
        os.remove(meta)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
