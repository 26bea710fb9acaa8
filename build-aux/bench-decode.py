#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Decoding benchmark (not a test): the bounces of the corpus beside the
project (../shared/corpus/bounces/dev) copied N times into /tmp, so that
process start-up no longer counts, then in one run:

  - our CLI, `explain --format=json DIR`, on one thread (a folder is one
    input, and the CLI gives one thread to each input);
  - our CLI with every file named on the command line, so that it reads
    them on one thread per processor (BD_CLI_THREADS unset);
  - Perl Sisimai (Debian's libsisimai-perl), Sisimai->make over the same
    folder, timed inside Perl around the call (its module loading, about
    0.2 s, is left out, in its favour).

It prints CPU time (user + sys of the child, from getrusage) per message,
emails per second of wall time, and the ratios to Sisimai. The one-thread
run is the median of --rounds runs, shown beside the kernel's cost of only
opening and reading the same files (no decoding), measured the same way.

--phrases-x K: also runs a CLI built with -Dbench_phrases=true (in
BUILD-bench, made here when missing) whose phrase index takes K times as
many dummy phrases as there are real ones (BD_BENCH_DUMMY_PHRASES=K), to
show whether time per message grows with the number of phrases. The
dummies are real phrases with a byte no folded text holds appended, so
they share every prefix with the real ones (the worst case for any index)
and never match: the JSON stays the same, which the run checks.
Why a build option and not an environment variable in every build: the
shipped CLI must not change what it does depending on the environment of
whoever runs it; only a build made for benchmarking reads that variable.

usage: build-aux/bench-decode.py [--build DIR] [--copies N] [--no-sisimai]
                                 [--sisimai-copies N] [--phrases-x K [--rounds R]] [--keep]
"""
import argparse
import glob
import os
import resource
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("BD_SHARED_DIR") or os.path.join(ROOT, "..", "shared")

SISIMAI = r"""
use strict; use Sisimai; use Time::HiRes ();
my @t0 = times; my $w0 = Time::HiRes::time();
my $v = Sisimai->make($ARGV[0], delivered => 1) || [];
my @t1 = times; my $w1 = Time::HiRes::time();
printf "%.6f %.6f %d\n", ($t1[0] - $t0[0]) + ($t1[1] - $t0[1]), $w1 - $w0, scalar @$v;
"""


def copy_corpus(files, copies, dest):
    """The corpus copied @copies times into @dest (kept between runs)."""
    want = len(files) * copies
    if os.path.isdir(dest) and len(os.listdir(dest)) == want:
        return
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(dest)
    for i in range(1, copies + 1):
        for f in files:
            shutil.copyfile(f, os.path.join(dest, "%d-%s" % (i, os.path.basename(f))))


def warm_page_cache(paths):
    """Reads every copy once, so that each program below is timed reading
    from the page cache: this machine drops cached files within minutes,
    and whichever program ran first would otherwise pay the disk reads
    (block I/O submitted from read(), counted as its sys time)."""
    for path in paths:
        with open(path, "rb") as f:
            f.read()


def kernel_read_floor(folder, names):
    """The kernel's CPU (sys seconds) to open (by name, in the open folder),
    fstat, read and close every file once, with no decoding: the CLI makes
    the same four calls per file of a folder, so this much of its sys time
    is reading the files. Python's own user time here is not part of it and
    is not counted."""
    flags = os.O_RDONLY | os.O_CLOEXEC | getattr(os, "O_NOATIME", 0)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_stime
    folder_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for name in names:
            fd = os.open(name, flags, dir_fd=folder_fd)
            try:
                os.read(fd, os.fstat(fd).st_size + 1)
            finally:
                os.close(fd)
    finally:
        os.close(folder_fd)
    return resource.getrusage(resource.RUSAGE_SELF).ru_stime - before


def median_run(argv, env, rounds):
    """run_timed () @rounds times; the run of median CPU. One run on a shared
    machine differs from the next by more than a step of speed work."""
    runs = sorted(run_timed(argv, env, subprocess.PIPE) for _ in range(rounds))
    outputs = {r[4] for r in runs}
    if len(outputs) != 1:
        sys.exit("bench-decode: the same run gave different JSON")
    return runs[len(runs) // 2]


def run_timed(argv, env=None, stdout=subprocess.DEVNULL):
    """(cpu seconds of the child, user, sys, wall seconds, stdout bytes)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.run(argv, env=env, stdout=stdout, stderr=subprocess.PIPE)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit("bench-decode: %s failed (%d): %s" % (argv[0], proc.returncode, proc.stderr.decode()[-500:]))
    user = after.ru_utime - before.ru_utime
    sys_ = after.ru_stime - before.ru_stime
    return user + sys_, user, sys_, wall, proc.stdout


def report(name, n, cpu, wall, user=None, sys_=None, base=None):
    line = "%-46s %8.1f µs CPU/msg %10.0f emails/s" % (name, cpu / n * 1e6, n / wall)
    if user is not None:
        line += "   (user %.2f s, sys %.2f s)" % (user, sys_)
    if base is not None:
        line += "   Sisimai/this %.1f×" % (base / (cpu / n))
    print(line, flush=True)
    return cpu / n


def ensure_bench_build(build):
    bench = build.rstrip("/") + "-bench"
    if not os.path.exists(os.path.join(bench, "build.ninja")):
        subprocess.run(["meson", "setup", bench, "-Dbench_phrases=true", "-Dtests=false"],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["meson", "compile", "-C", bench, "bounce-doctor-cli"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(ROOT, bench, "app", "cli", "bounce-doctor-cli")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--sisimai-copies", type=int, default=None,
                    help="copies Sisimai reads (default: the same as ours; it takes ~1 ms a message)")
    ap.add_argument("--no-sisimai", action="store_true")
    ap.add_argument("--phrases-x", type=int, default=0)
    ap.add_argument("--rounds", type=int, default=5,
                    help="runs of the one-thread CLI and of the --phrases-x comparison (their median is shown)")
    ap.add_argument("--keep", action="store_true", help="keep the copies in /tmp")
    args = ap.parse_args()

    corpus = os.path.join(SHARED, "corpus", "bounces", "dev")
    files = sorted(glob.glob(os.path.join(corpus, "*.eml")))
    if not files:
        print("bench-decode: skipped: no corpus in %s (set BD_SHARED_DIR)" % corpus)
        return 0
    cli = os.path.join(ROOT, args.build, "app", "cli", "bounce-doctor-cli")
    if not os.access(cli, os.X_OK):
        sys.exit("bench-decode: %s is not built (make build)" % cli)

    dest = "/tmp/bd-bench-decode-x%d" % args.copies
    copy_corpus(files, args.copies, dest)
    names = sorted(os.listdir(dest))
    paths = [os.path.join(dest, n) for n in names]
    warm_page_cache(paths)
    n = len(paths)
    print("%d messages (%d files × %d) in %s, %d processors" % (n, len(files), args.copies, dest,
                                                                 os.cpu_count()), flush=True)

    sisimai = None
    if not args.no_sisimai and subprocess.run(["perl", "-MSisimai", "-e", "1"], stderr=subprocess.DEVNULL).returncode != 0:
        print("bench-decode: Perl Sisimai not installed (apt install libsisimai-perl): its run is skipped")
        args.no_sisimai = True
    if not args.no_sisimai:
        s_copies = args.sisimai_copies or args.copies
        s_dest = dest if s_copies == args.copies else "/tmp/bd-bench-decode-x%d" % s_copies
        copy_corpus(files, s_copies, s_dest)
        out = subprocess.run(["perl", "-e", SISIMAI, s_dest], check=True, capture_output=True).stdout.split()
        s_n = len(files) * s_copies
        sisimai = float(out[0]) / s_n
        print("%-46s %8.1f µs CPU/msg %10.0f emails/s   (%s bounces of %d, module loading left out)"
              % ("Perl Sisimai 4.25 (one thread)", sisimai * 1e6, s_n / float(out[1]), out[2].decode(), s_n),
              flush=True)

    env1 = dict(os.environ, BD_CLI_THREADS="1")
    cpu, user, sys_, wall, json1 = median_run([cli, "explain", "--format=json", dest], env1, args.rounds)
    ours = report("bounce-doctor-cli, one thread, median of %d" % args.rounds, n, cpu, wall, user, sys_,
                  sisimai)
    floor = sorted(kernel_read_floor(dest, names) for _ in range(args.rounds))[args.rounds // 2] / n
    print("%-46s %8.1f µs CPU/msg   (kernel only, median of %d: open, fstat, read, close of each file)"
          % ("reading the files, no decoding", floor * 1e6, args.rounds), flush=True)
    cpu, user, sys_, wall, _ = run_timed([cli, "explain", "--format=json"] + paths,
                                         {k: v for k, v in os.environ.items() if k != "BD_CLI_THREADS"})
    report("bounce-doctor-cli, %d threads" % os.cpu_count(), n, cpu, wall, user, sys_, sisimai)

    if args.phrases_x > 0:
        # Interleaved rounds, the median of each: on a shared machine one
        # run of each differs by more than what is measured here.
        bench_cli = ensure_bench_build(args.build)
        runs = {0: [], args.phrases_x: []}
        for _ in range(args.rounds):
            for k in runs:
                env = dict(env1, BD_BENCH_DUMMY_PHRASES=str(k))
                cpu, user, sys_, wall, out = run_timed([bench_cli, "explain", "--format=json", dest], env,
                                                       subprocess.PIPE)
                runs[k].append((cpu, wall, user, sys_))
                if out != json1:
                    sys.exit("bench-decode: the JSON differs with %d× dummy phrases" % k)
        for k, values in runs.items():
            cpu, wall, user, sys_ = sorted(values)[len(values) // 2]
            report("bench build, phrases ×%d, median of %d" % (k + 1, args.rounds), n, cpu, wall, user, sys_,
                   sisimai)
    if sisimai is not None:
        print("one thread: %.1f× cheaper than Perl Sisimai per message" % (sisimai / ours))
    print("one thread, less the kernel's reading of the files: %.1f µs CPU/msg" % ((ours - floor) * 1e6))
    if not args.keep:
        shutil.rmtree(dest, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
