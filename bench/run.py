#!/usr/bin/env python3
"""Benchmark guidesmith against mdBook (build) and textlint (lint).

    python3 bench/run.py                       # sizes 100, 1000, 10000; 5 runs each
    python3 bench/run.py --sizes 100 --runs 1 --customers 100 --smoke   # what CI runs

It generates a synthetic corpus per size (bench/corpus.py) under target/bench/, runs each
command several times and reports the median wall time and the peak RSS (from wait4's
rusage), with the ratios of the peers measured in the same run. The peers are optional:
install them with bench/install-tools.sh into target/bench-tools/; a missing peer is
reported as "not installed" and its ratio left out. Only the Python standard library
is used. Every guidesmith command must succeed, so the smoke run also checks that the
commands work on a large generated corpus.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOLS = os.path.join(REPO, "target", "bench-tools")
MDBOOK = os.path.join(TOOLS, "bin", "mdbook")
TEXTLINT = os.path.join(TOOLS, "node_modules", ".bin", "textlint")
CATALOG = os.path.join(REPO, "content", "labels", "salesforce.yaml")


def run_once(cmd, cwd, ok=(0,)):
    """Run `cmd`; (wall seconds, peak RSS in MB)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - start
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode not in ok:
            err.seek(0)
            tail = err.read().decode(errors="replace")[-3000:]
            sys.exit(f"command failed ({p.returncode}): {' '.join(cmd)} in {cwd}\n{tail}")
    return wall, usage.ru_maxrss / 1024


def measure(name, cmd, cwd, runs, before=None, ok=(0,)):
    """Median wall time and the largest peak RSS over `runs` runs."""
    walls, rss = [], []
    for _ in range(runs):
        if before:
            before()
        w, r = run_once(cmd, cwd, ok)
        walls.append(w)
        rss.append(r)
    m = statistics.median(walls)
    print(f"  {name:<34} median {m:8.3f} s   peak {max(rss):7.1f} MB   runs {runs}", flush=True)
    return {"name": name, "median_s": m, "peak_mb": max(rss), "runs": walls}


def rmtree(path):
    """Remove the previous run's output and flush the page cache's writes, so a
    run is not charged for the write-back of the one before (587 MB at 10,000)."""
    def clean():
        shutil.rmtree(path, ignore_errors=True)
        os.sync()
    return clean


def has_serve(gs_bin):
    out = subprocess.run([gs_bin, "--help"], capture_output=True, text=True).stdout
    return any(line.strip().startswith("serve") for line in out.splitlines())


def bench_size(n, args, gs_bin):
    root = os.path.join(args.work, f"corpus-{n}")
    t = time.perf_counter()
    corpus.generate(root, n, CATALOG, args.customers)
    print(f"\n== {n} guides (corpus {root}, generated in {time.perf_counter() - t:.1f} s)")
    gs, md = os.path.join(root, "gs"), os.path.join(root, "md")
    r = {"size": n}
    runs = args.runs if n < 10000 else max(1, min(args.runs, 3))
    r["gs_build"] = measure("guidesmith build", [gs_bin, "build"], gs, runs,
                            rmtree(os.path.join(gs, "build")))
    r["gs_lint"] = measure("guidesmith lint", [gs_bin, "lint"], gs, runs)
    peers = n <= args.peer_max_size
    if peers and os.path.exists(MDBOOK):
        r["mdbook"] = measure("mdbook build", [MDBOOK, "build"], md, runs,
                              rmtree(os.path.join(md, "book")))
    if peers and os.path.exists(TEXTLINT):
        link = os.path.join(md, "node_modules")  # textlint finds its rules from the cwd
        if not os.path.islink(link):
            os.symlink(os.path.join(TOOLS, "node_modules"), link)
        cmd = [TEXTLINT, "--config", ".textlintrc.json", "src/"]
        r["textlint"] = measure("textlint (terminology)", cmd, md, runs, ok=(0, 1))
    return r


def bench_batch(args, gs_bin):
    """Checklists for every customer of the smallest corpus, from a directory and a CSV."""
    n = min(args.sizes)
    root = os.path.join(args.work, f"corpus-{n}")
    gs, out = os.path.join(root, "gs"), os.path.join(root, "out")
    print(f"\n== batch render: {args.customers} personalised checklists of one guide")
    res = {}
    for key, flag, src in [("dir", "--values-dir", "customers"), ("csv", "--values-csv", "customers.csv")]:
        cmd = [gs_bin, "render", "g00001", flag, os.path.join(root, src), "--out-dir", out,
               "--format", "checklist"]
        res[key] = measure(f"render {flag}", cmd, gs, args.runs, rmtree(out))
        written = len(os.listdir(out))
        if written != args.customers:
            sys.exit(f"batch render wrote {written} files, expected {args.customers}")
    return res


def bench_rebuild(args, gs_bin):
    """serve's rebuild after one guide changes, at 1,000 guides (or the largest size below).

    Starts `guidesmith serve --port 0` on the corpus, changes one guide per run
    and reads the time serve reports for the rebuild ("serve: rebuilt 1 guide
    in N ms"), which excludes the watcher's 250 ms debounce. serve rebuilds
    only what depends on the change (src/cmd/rebuild.rs).
    """
    import re
    import subprocess
    import threading
    import queue
    n = max([s for s in args.sizes if s <= 1000] or [min(args.sizes)])
    gs = os.path.join(args.work, f"corpus-{n}", "gs")
    if not has_serve(gs_bin):
        print("\n== serve rebuild: not measurable, this binary has no `serve` command")
        return None
    guide = os.path.join(gs, "content", "guides", "g00001.yaml")
    with open(guide, encoding="utf-8") as f:
        original = f.read()
    print(f"\n== serve rebuild after one guide changes, {n} guides")
    proc = subprocess.Popen([gs_bin, "serve", "--port", "0"], cwd=gs, stderr=subprocess.PIPE, text=True)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(l) for l in proc.stderr], daemon=True).start()
    pattern = re.compile(r"serve: rebuilt (\d+) guides? in (\d+) ms")

    def next_rebuild(timeout=120):
        while True:
            line = lines.get(timeout=timeout)
            m = pattern.search(line)
            if m:
                return int(m.group(1)), float(m.group(2))
            if "rebuild failed" in line:
                sys.exit("serve's rebuild failed: " + line)

    times = []
    try:
        first_n, first_ms = next_rebuild()
        print(f"  first build: {first_n} guides in {first_ms:.0f} ms")
        for i in range(args.runs):
            time.sleep(0.5)
            with open(guide, "w", encoding="utf-8") as f:
                f.write(original.replace("Part 1", f"Part 1 (edit {i + 1})", 1))
            rebuilt, ms = next_rebuild()
            print(f"  run {i + 1}: {rebuilt} guide rebuilt in {ms:.0f} ms")
            times.append(ms / 1000.0)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        with open(guide, "w", encoding="utf-8") as f:
            f.write(original)
    return {"size": n, "median_s": statistics.median(times), "peak_mb": 0.0}


def bench_pathological(args, gs_bin):
    """A step whose Markdown is `[a](<b` repeated 50,000 times (pulldown-cmark#251):
    build and lint must stay linear; printed with the time per 12,500 repeats."""
    src = os.path.join(REPO, "tests", "testsuite", "fixtures")
    work = os.path.join(args.work, "pathological")
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(os.path.join(src, "_shared"), work)
    os.makedirs(os.path.join(work, "content", "guides"), exist_ok=True)
    with open(os.path.join(src, "lint", "clean", "content", "guides", "g.yaml"), encoding="utf-8") as f:
        guide = f.read()
    print("\n== pathological Markdown: `[a](<b` repeated N times in one step")
    out = {}
    for n in (12500, 25000, 50000):
        body = guide.replace("        text: Sandboxes copy production settings.", '        text: "' + "[a](<b" * n + '"')
        with open(os.path.join(work, "content", "guides", "g.yaml"), "w", encoding="utf-8") as f:
            f.write(body)
        r = measure(f"build, N={n}", [gs_bin, "build"], work, max(1, min(args.runs, 3)))
        out[n] = r["median_s"]
    return out


def fmt_ratio(a, b):
    return f"{b / a:6.1f}x" if a and b else "     -"


def table(results, batch, customers, rebuild):
    lines = [
        "| guides | guidesmith build | per guide | peak | mdBook build | build speed-up | "
        "guidesmith lint | per guide | peak | textlint | lint speed-up |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        n, b, lt = r["size"], r["gs_build"], r["gs_lint"]
        mb, tl = r.get("mdbook"), r.get("textlint")
        cell = lambda x: f"{x['median_s']:.3f} s" if x else "not run"  # noqa: E731
        lines.append(
            f"| {n:,} | {b['median_s']:.3f} s | {1000 * b['median_s'] / n:.2f} ms | "
            f"{b['peak_mb']:.0f} MB | {cell(mb)} | "
            f"{fmt_ratio(b['median_s'], mb['median_s'] if mb else 0).strip()} | "
            f"{lt['median_s']:.3f} s | {1000 * lt['median_s'] / n:.2f} ms | {lt['peak_mb']:.0f} MB | "
            f"{cell(tl)} | {fmt_ratio(lt['median_s'], tl['median_s'] if tl else 0).strip()} |"
        )
    if batch:
        lines += ["", f"| batch render, {customers:,} checklists | median | per customer | peak |",
                  "|---|---:|---:|---:|"]
        for key, r in batch.items():
            lines.append(f"| {r['name']} | {r['median_s']:.3f} s | "
                         f"{1e3 * r['median_s'] / customers:.3f} ms | {r['peak_mb']:.0f} MB |")
    if rebuild:
        lines += ["", f"serve rebuild after one guide changes ({rebuild['size']:,} guides, "
                  f"only what depends on it): median {rebuild['median_s'] * 1000:.0f} ms"]
    return "\n".join(lines)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="100,1000,10000", help="comma-separated guide counts")
    p.add_argument("--runs", type=int, default=5, help="runs per command (3 at most at 10,000)")
    p.add_argument("--customers", type=int, default=10000, help="customers for the batch render")
    p.add_argument("--peer-max-size", type=int, default=1000, help="largest size the peers run at")
    p.add_argument("--work", default=os.path.join(REPO, "target", "bench"), help="corpus directory")
    p.add_argument("--bin", default=os.path.join(REPO, "target", "release", "guidesmith"))
    p.add_argument("--no-build", action="store_true", help="do not run cargo build --release")
    p.add_argument("--smoke", action="store_true", help="CI: no peers, just check it all runs")
    args = p.parse_args()
    args.bin = os.path.abspath(args.bin)
    args.sizes = sorted(int(s) for s in args.sizes.split(","))
    if args.smoke:
        args.peer_max_size = 0
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--locked", "-q"], cwd=REPO, check=True)
    print(f"machine: {os.cpu_count()} CPUs; binary {args.bin}")
    results = [bench_size(n, args, args.bin) for n in args.sizes]
    batch = bench_batch(args, args.bin)
    rebuild = bench_rebuild(args, args.bin)
    pathological = bench_pathological(args, args.bin)
    print("\n" + table(results, batch, args.customers, rebuild))
    print("pathological Markdown, build time by repeats: "
          + ", ".join(f"{n:,}: {s:.3f} s" for n, s in pathological.items()))
    with open(os.path.join(args.work, "results.json"), "w") as f:
        json.dump({"sizes": results, "batch": batch, "rebuild": rebuild}, f, indent=1)


if __name__ == "__main__":
    main()
