"""Query latency of the real service over HTTP, against SQLite FTS5 in the same run.

1. generate the archive (``bench/out/archive-N``, reused when present) and bring the index
   (``bench/out/index-N``) up to date with ``build_index`` (a no-op when it already is);
2. start the service (uvicorn, loopback, a free port) as a subprocess, wait for /healthz;
3. build a mixed query set from the archive's own vocabulary and metadata;
4. one untimed warm-up pass, then the timed pass(es) over a keep-alive httpx client:
   p50/p95/p99 per category and overall, plus the server's memory (VmRSS, VmHWM);
5. the same queries in-process against SQLite FTS5 (``unicode61 remove_diacritics 2``):
   bm25 top 10 plus a doc_type facet count for searches, an indexed column for lookups;
   the ratio tracuu / FTS5 per category.

Everything is bounded (``--max-requests``, ``--time-limit``); the server is stopped at the
end, also on errors and Ctrl-C.

With ``--backend solr`` the SolrCloud engine (a running cluster: ``--solr-url`` or
``TRACUU_SOLR_URL``; collection ``tracuu_bench_N``, 2 shards) is indexed and timed too,
after the Whoosh engine, and a last table puts both engines and FTS5 side by side.

Usage: ``python bench/query_bench.py --docs 50000 [--per-category 60] [--jobs 2]
[--backend solr]``
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import DEFAULT_DATA, ensure_archive, read_meta  # noqa: E402
from index_bench import TreeMemory, du  # noqa: E402
from relevance import strip_accents  # noqa: E402

OUT = ROOT / "bench" / "out"
FIRST_QUERY = "chi dao tinh uy"  # the first search after a start, typed without accents
SEARCH_CATEGORIES = ("word", "words", "words_noaccent", "phrase", "facet", "browse")
CATEGORIES = (*SEARCH_CATEGORIES, "lookup")
WORD = re.compile(r"\w+")
TARGETS = {"search_p50": 30.0, "search_p95": 150.0, "lookup_p95": 10.0, "memory_mb": 1024.0}


@dataclass
class BenchQuery:
    """One query, in the API's terms; ``fts`` says how the FTS5 baseline runs it."""

    category: str
    q: str = ""
    doc_type: list[str] = field(default_factory=list)
    year: list[int] = field(default_factory=list)
    date_from: str | None = None
    date_to: str | None = None
    sort: str = "relevance"
    number: str | None = None

    def request(self) -> tuple[str, list[tuple[str, str]]]:
        if self.category == "lookup":
            return "/api/lookup", [("number", self.number or "")]
        params = [("q", self.q), ("sort", self.sort), ("per_page", "10")]
        params += [("doc_type", t) for t in self.doc_type]
        params += [("year", str(y)) for y in self.year]
        if self.date_from:
            params += [("date_from", self.date_from), ("date_to", self.date_to or "")]
        return "/api/search", params


# --- the query set -----------------------------------------------------------------------


def body_paragraphs(text: str) -> list[str]:
    return [line for line in text.splitlines() if len(line) >= 100]


def make_queries(archive: Path, metas: list[dict], per_category: int, seed: int) -> list:
    """``per_category`` queries of each category, from the archive's words and metadata."""
    rng = random.Random(seed)
    sample = rng.sample(metas, min(len(metas), 800))
    paragraphs: list[list[str]] = []
    df: Counter[str] = Counter()
    for meta in sample:
        paras = body_paragraphs((archive / meta["path"]).read_text(encoding="utf-8"))
        paragraphs += [WORD.findall(p) for p in paras]
        df.update({w.lower() for p in paras for w in WORD.findall(p) if w.isalpha()})
    # sorted: the same queries in every run (set order changes with the hash seed)
    common = sorted(w for w, c in df.items() if 0.02 * len(sample) <= c <= 0.5 * len(sample))
    rarer = sorted(w for w, c in df.items() if 2 <= c < max(3, 0.02 * len(sample)))
    paragraphs = [p for p in paragraphs if len(p) >= 8]
    types = sorted({m["doc_type"] for m in metas})
    years = sorted({int(m["issued_date"][:4]) for m in metas})

    def run_of(size: int) -> str:
        words = rng.choice(paragraphs)
        start = rng.randrange(len(words) - size)
        return " ".join(words[start : start + size])

    def single() -> str:
        return rng.choice(common if rng.random() < 0.6 else rarer)

    queries: list[BenchQuery] = []
    for _ in range(per_category):
        queries.append(BenchQuery("word", single()))
        queries.append(BenchQuery("words", run_of(rng.randint(2, 4))))
        queries.append(BenchQuery("words_noaccent", strip_accents(run_of(rng.randint(2, 4)))))
        queries.append(BenchQuery("phrase", f'"{run_of(rng.randint(2, 3))}"'))
        facet = BenchQuery("facet", single() if rng.random() < 0.5 else run_of(2))
        if rng.random() < 0.7:
            facet.doc_type = [rng.choice(types)]
        if not facet.doc_type or rng.random() < 0.5:
            facet.year = [rng.choice(years)]
        queries.append(facet)
        start = rng.choice(metas)["issued_date"][:7] + "-01"
        months = rng.randint(1, 3)
        year, month = int(start[:4]), int(start[5:7]) + months
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        end = f"{year:04d}-{month:02d}-01"
        queries.append(BenchQuery("browse", "", date_from=start, date_to=end, sort="newest"))
        number = rng.choice(metas)["number"]
        number = rng.choice([number, number.lower(), strip_accents(number).lower()])
        queries.append(BenchQuery("lookup", number=number))
    rng.shuffle(queries)
    return queries


# --- SQLite FTS5 baseline ----------------------------------------------------------------


def number_key(number: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", strip_accents(number).upper())


def build_fts(path: Path, archive: Path, metas: list[dict]) -> sqlite3.Connection:
    """An FTS5 table over the file texts and a metadata table with indexed columns."""
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.executescript(
        """
        CREATE VIRTUAL TABLE fts USING fts5(body, tokenize='unicode61 remove_diacritics 2');
        CREATE TABLE meta(rowid INTEGER PRIMARY KEY, id TEXT, number TEXT, number_key TEXT,
                          doc_type TEXT, year INTEGER, issued_date TEXT);
        """
    )
    for n, meta in enumerate(metas, 1):
        text = (archive / meta["path"]).read_text(encoding="utf-8")
        db.execute("INSERT INTO fts(rowid, body) VALUES (?, ?)", (n, text))
        db.execute(
            "INSERT INTO meta VALUES (?, ?, ?, ?, ?, ?, ?)",
            (n, meta["id"], meta["number"], number_key(meta["number"]), meta["doc_type"],
             int(meta["issued_date"][:4]), meta["issued_date"]),
        )  # fmt: skip
    db.executescript(
        """
        CREATE INDEX meta_number ON meta(number_key);
        CREATE INDEX meta_date ON meta(issued_date);
        INSERT INTO fts(fts) VALUES ('optimize');
        """
    )
    db.commit()
    return db


def fts_match(query: BenchQuery) -> str:
    tokens = WORD.findall(query.q)
    if query.category == "phrase":
        return '"' + " ".join(tokens) + '"'
    return " ".join(f'"{t}"' for t in tokens)


def fts_run(db: sqlite3.Connection, query: BenchQuery) -> int:
    """Run one query the FTS5 way; returns the number of matching documents."""
    if query.category == "lookup":
        sql = "SELECT id FROM meta WHERE number_key = ?"
        return len(db.execute(sql, (number_key(query.number or ""),)).fetchall())
    where, args = [], []
    if query.category == "browse":
        where.append("m.issued_date BETWEEN ? AND ?")
        args += [query.date_from, query.date_to]
        source = "meta m"
    else:
        where.append("fts MATCH ?")
        args.append(fts_match(query))
        source = "fts JOIN meta m ON m.rowid = fts.rowid"
    if query.doc_type:
        where.append(f"m.doc_type IN ({','.join('?' * len(query.doc_type))})")
        args += query.doc_type
    if query.year:
        where.append(f"m.year IN ({','.join('?' * len(query.year))})")
        args += query.year
    cond = " AND ".join(where)
    order = "m.issued_date DESC" if query.category == "browse" else "bm25(fts)"
    db.execute(f"SELECT m.id FROM {source} WHERE {cond} ORDER BY {order} LIMIT 10", args)
    facets = db.execute(
        f"SELECT m.doc_type, count(*) FROM {source} WHERE {cond} GROUP BY m.doc_type", args
    ).fetchall()
    return sum(count for _, count in facets)


# --- the service -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(args, archive: Path, index_dir: Path, port: int, log: Path, engine: dict):
    env = {
        **os.environ,
        "TRACUU_INDEX_DIR": str(index_dir),
        "TRACUU_CORPUS_DIR": str(archive),
        **engine,
    }
    if args.via_cli:
        tracuu = Path(sys.executable).parent / "tracuu"
        cmd = [str(tracuu), "serve", "--host", "127.0.0.1", "--port", str(port)]
    else:
        cmd = [sys.executable, "-m", "uvicorn", "api.app:app", "--host", "127.0.0.1",
               "--port", str(port), "--log-level", "warning", "--no-access-log"]  # fmt: skip
    with log.open("wb") as out:
        return subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def stop_server(proc: subprocess.Popen) -> None:
    """Stop the server we started (its own process group), politely, then firmly."""
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


def wait_healthy(client: httpx.Client, proc: subprocess.Popen, log: Path, timeout: float) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = log.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"the server exited with {proc.returncode}:\n{tail}")
        try:
            response = client.get("/healthz", timeout=2)
            if response.status_code == 200:
                return response.json()
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer /healthz within {timeout:.0f} s (see {log})")


def memory_kb(pid: int) -> dict[str, int]:
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
                fields[name] = int(value.split()[0])
    return fields


def mapped_kb(pid: int) -> dict[str, int]:
    """Resident pages of the server's file mappings, by file kind (suffix): which index
    files the RssFile figure is made of."""
    kinds: Counter = Counter()
    kind = None
    with open(f"/proc/{pid}/smaps") as smaps:
        for line in smaps:
            first = line.split(None, 6)
            if "-" in first[0] and len(first) >= 5 and ":" in first[3]:  # a mapping's header
                path = first[5].strip() if len(first) > 5 else ""
                kind = (Path(path).suffix or Path(path).name) if path.startswith("/") else None
            elif kind and first[0] == "Rss:":
                kinds[kind] += int(first[1])
    return dict(kinds.most_common())


# --- measuring ---------------------------------------------------------------------------


@dataclass
class Timings:
    ms: dict[str, list[float]] = field(default_factory=lambda: {c: [] for c in CATEGORIES})
    hits: dict[str, list[int]] = field(default_factory=lambda: {c: [] for c in CATEGORIES})
    errors: Counter = field(default_factory=Counter)
    stopped: str | None = None


def http_pass(client, queries, budget, timings: Timings | None) -> list[BenchQuery]:
    """Send each query once; record latencies in ``timings`` (None: warm-up).

    Returns the queries actually sent (fewer when the budget ran out), so the baseline
    runs exactly the same ones.
    """
    sent: list[BenchQuery] = []
    for query in queries:
        if budget.exhausted():
            if timings is not None:
                timings.stopped = budget.reason()
            break
        path, params = query.request()
        started = time.perf_counter()
        response = client.get(path, params=params)
        elapsed = 1000 * (time.perf_counter() - started)
        budget.used += 1
        sent.append(query)
        if timings is None:
            continue
        timings.ms[query.category].append(elapsed)
        ok = response.status_code == 200 or (
            query.category == "lookup" and response.status_code == 404
        )
        if not ok:
            timings.errors[f"{query.category} HTTP {response.status_code}"] += 1
            continue
        body = response.json()
        found = len(body.get("results", [])) if query.category == "lookup" else body.get("total")
        timings.hits[query.category].append(found or 0)
    return sent


def fts_pass(db, queries, timings: Timings | None) -> None:
    for query in queries:
        started = time.perf_counter()
        found = fts_run(db, query)
        elapsed = 1000 * (time.perf_counter() - started)
        if timings is not None:
            timings.ms[query.category].append(elapsed)
            timings.hits[query.category].append(found)


class Budget:
    def __init__(self, max_requests: int, seconds: float) -> None:
        self.max_requests, self.used = max_requests, 0
        self.deadline = time.monotonic() + seconds

    def exhausted(self) -> bool:
        return self.used >= self.max_requests or time.monotonic() >= self.deadline

    def reason(self) -> str:
        if self.used >= self.max_requests:
            return f"request cap ({self.max_requests}) reached"
        return "time limit reached"


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def report(tracuu: Timings, fts: Timings, memory: dict, health: dict) -> None:
    groups = [(c, [c]) for c in CATEGORIES]
    groups += [("search (all)", list(SEARCH_CATEGORIES)), ("all", list(CATEGORIES))]
    head = (f"{'category':<16}{'n':>5} | {'tracuu p50':>10}{'p95':>8}{'p99':>8} | "
            f"{'fts5 p50':>8}{'p95':>8}{'p99':>8} | {'ratio p50':>9}{'p95':>7} | "
            f"{'hits tracuu':>11}{'fts5':>8}")  # fmt: skip
    print(f"\nlatency in ms (tracuu over HTTP, FTS5 in-process); {health}")
    print(head)
    print("-" * len(head))
    summary = {}
    for name, cats in groups:
        t = [v for c in cats for v in tracuu.ms[c]]
        f = [v for c in cats for v in fts.ms[c]]
        th = [v for c in cats for v in tracuu.hits[c]]
        fh = [v for c in cats for v in fts.hits[c]]
        tp = [pct(t, q) for q in (50, 95, 99)]
        fp = [pct(f, q) for q in (50, 95, 99)]
        summary[name] = tp
        r50, r95 = tp[0] / fp[0] if fp[0] else 0, tp[1] / fp[1] if fp[1] else 0
        print(f"{name:<16}{len(t):>5} | {tp[0]:>10.1f}{tp[1]:>8.1f}{tp[2]:>8.1f} | "
              f"{fp[0]:>8.2f}{fp[1]:>8.2f}{fp[2]:>8.2f} | {r50:>9.1f}{r95:>7.1f} | "
              f"{np.mean(th) if th else 0:>11.0f}{np.mean(fh) if fh else 0:>8.0f}")  # fmt: skip
    if tracuu.errors:
        print("errors:", dict(tracuu.errors))
    if tracuu.stopped:
        print(f"stopped early: {tracuu.stopped}")
    rss, hwm = memory.get("VmRSS", 0) / 1024, memory.get("VmHWM", 0) / 1024
    anon, mapped = memory.get("RssAnon", 0) / 1024, memory.get("RssFile", 0) / 1024
    print(f"\nserver memory: VmRSS {rss:,.0f} MiB (RssAnon {anon:,.0f}: the process's own; "
          f"RssFile {mapped:,.0f}: pages of memory-mapped index files, page cache the "
          f"system can drop), VmHWM (peak) {hwm:,.0f} MiB")  # fmt: skip
    mapped_files = memory.get("mapped") or {}
    if mapped_files:
        print(
            "resident file pages by kind: "
            + ", ".join(
                f"{kind} {kb / 1024:,.0f} MiB" for kind, kb in mapped_files.items() if kb >= 1024
            )
        )
    print("\ntargets")
    checks = [
        ("search p50", summary["search (all)"][0], TARGETS["search_p50"], "ms"),
        ("search p95 (facets included)", summary["search (all)"][1], TARGETS["search_p95"], "ms"),
        ("lookup p95", summary["lookup"][1], TARGETS["lookup_p95"], "ms"),
        ("server memory (VmHWM)", hwm, TARGETS["memory_mb"], "MiB"),
    ]
    for label, value, target, unit in checks:
        verdict = "met" if value <= target else "NOT met"
        print(f"  {label:<30}{value:>9.1f} {unit:<4} target <= {target:g} {unit}: {verdict}")


def first_pass(cold: Timings) -> None:
    """The warm-up pass: each query's first sight, with the server's caches still cold."""
    search = [v for c in SEARCH_CATEGORIES for v in cold.ms[c]]
    print(
        f"\nfirst (warm-up) pass, caches cold: search p50 {pct(search, 50):.1f} ms, "
        f"p95 {pct(search, 95):.1f} ms; lookup p95 {pct(cold.ms['lookup'], 95):.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=50_000, help="documents in the archive")
    parser.add_argument("--per-category", type=int, default=60, help="queries per category")
    parser.add_argument("--rounds", type=int, default=1, help="timed passes over the set")
    parser.add_argument("--max-requests", type=int, default=5_000, help="HTTP request cap")
    parser.add_argument("--time-limit", type=float, default=600, help="seconds for HTTP")
    parser.add_argument("--start-timeout", type=float, default=600, help="seconds for healthz")
    parser.add_argument("--jobs", type=int, default=2, help="indexing processes")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data directory")
    parser.add_argument("--out", type=Path, default=OUT, help="archives and indexes go here")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--via-cli", action="store_true", help="start `tracuu serve` instead")
    parser.add_argument(
        "--backend",
        choices=("whoosh", "solr"),
        default="whoosh",
        help="solr: also the SolrCloud engine, next to Whoosh and FTS5",
    )
    parser.add_argument(
        "--solr-url",
        default=os.environ.get("TRACUU_SOLR_URL"),
        help="a running SolrCloud (default $TRACUU_SOLR_URL)",
    )
    parser.add_argument("--solr-shards", type=int, default=2, help="shards of the collection")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the finally blocks
    if args.backend == "solr" and not args.solr_url:
        parser.error(
            "--backend solr needs --solr-url or TRACUU_SOLR_URL "
            "(start one with `tracuu solr dev-cluster`)"
        )

    args.out.mkdir(parents=True, exist_ok=True)
    archive = (args.out / f"archive-{args.docs}").resolve()
    index_dir = (args.out / f"index-{args.docs}").resolve()
    ensure_archive(archive, args.docs, args.data, args.seed)
    _, metas = read_meta(archive)
    engines = {"whoosh": {"TRACUU_BACKEND": "whoosh"}}
    if args.backend == "solr":
        engines["solr"] = {
            "TRACUU_BACKEND": "solr",
            "TRACUU_SOLR_URL": args.solr_url,
            "TRACUU_SOLR_COLLECTION": f"tracuu_bench_{args.docs}",
        }
    for name, env in engines.items():
        if not args.via_cli:
            bring_up_to_date(args, name, env, archive, index_dir)
    queries = make_queries(archive, metas, args.per_category, args.seed)
    print(f"{len(queries)} queries, {args.per_category} per category: {', '.join(CATEGORIES)}")

    runs = {
        name: time_engine(args, env, archive, index_dir, queries) for name, env in engines.items()
    }

    print("building the SQLite FTS5 baseline ...", flush=True)
    started = time.perf_counter()
    fts_db = build_fts(args.out / f"fts-{args.docs}.sqlite", archive, metas)
    print(f"FTS5 built in {time.perf_counter() - started:.1f} s")
    fts = Timings()
    fts_pass(fts_db, queries, None)
    fts_pass(fts_db, runs["whoosh"].timed, fts)  # exactly the queries tracuu answered in time
    fts_db.close()
    for name, run in runs.items():
        print(f"\n=== engine: {name}")
        report(run.timings, fts, run.memory, run.health)
        first_pass(run.cold)
    if len(runs) > 1:
        side_by_side(runs, fts)


@dataclass
class EngineRun:
    timings: Timings
    cold: Timings
    memory: dict
    health: dict
    timed: list[BenchQuery]


def bring_up_to_date(args, name: str, env: dict, archive: Path, index_dir: Path) -> None:
    """``build_index`` into the engine (a no-op when it is up to date)."""
    from indexer.engine import EngineConfig

    config = EngineConfig(
        env["TRACUU_BACKEND"], env.get("TRACUU_SOLR_URL", ""), env.get("TRACUU_SOLR_COLLECTION", "")
    )
    if name == "solr":
        from indexer.engines.solr.client import SolrClient
        from indexer.engines.solr.setup import setup_collection

        client = SolrClient(config.solr_url, config.solr_collection)
        setup_collection(client, shards=args.solr_shards)
        client.close()
    print(f"bringing the {name} index up to date ...", flush=True)
    built, memory = build_in_child(archive, index_dir, args.jobs, config)
    print(
        f"{name} index: {built.documents:,} documents; added {built.added:,}, updated "
        f"{built.updated:,}, unchanged {built.unchanged:,} in {built.seconds:.1f} s "
        f"({built.docs_per_second:.1f} documents/s); peak of the build's process tree: RSS "
        f"{memory.peak_kb / 1024:,.0f} MiB summed, PSS {memory.peak_pss_kb / 1024:,.0f} MiB"
        + (f"; index {du(index_dir) / 2**20:,.0f} MiB on disk" if name == "whoosh" else "")
    )


def build_in_child(archive: Path, index_dir: Path, jobs: int, config):
    """``build_index`` in a fresh process, as ``tracuu index`` runs it: the memory measured
    is the build's own (its process and its workers), not this benchmark's (which holds
    the archive's metadata)."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_build, args=(archive, index_dir, jobs, config, send))
    child.start()
    send.close()
    try:
        with TreeMemory(root=child.pid) as memory:
            kind, value = receive.recv()
        child.join()
    finally:
        if child.is_alive():
            child.terminate()
            child.join()
    if kind == "error":
        raise RuntimeError(f"the build failed: {value}")
    return value, memory


def _build(archive: Path, index_dir: Path, jobs: int, config, send) -> None:
    from indexer.build import build_index

    try:
        send.send(("report", build_index(archive, index_dir, jobs=jobs, engine=config)))
    except BaseException as exc:
        send.send(("error", f"{type(exc).__name__}: {exc}"))
        raise


def time_engine(args, env: dict, archive: Path, index_dir: Path, queries) -> EngineRun:
    """Start the service on one engine, warm it up, time the passes, stop it."""
    tracuu = Timings()
    port = free_port()
    log = args.out / f"query_bench_server_{env['TRACUU_BACKEND']}.log"
    launched = time.perf_counter()
    proc = start_server(args, archive, index_dir, port, log, env)
    try:
        transport = httpx.HTTPTransport(retries=0)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30, trust_env=False,
                          transport=transport) as client:  # fmt: skip
            health = wait_healthy(client, proc, log, args.start_timeout)
            healthy = time.perf_counter()
            first = client.get("/api/search", params={"q": FIRST_QUERY})  # unaccented: needs
            answered = time.perf_counter()  # the suggestion vocabulary to restore accents
            first.raise_for_status()
            print(f"server pid {proc.pid} on port {port}: {health}", flush=True)
            print(
                f"start-up: launch to /healthz {healthy - launched:.2f} s; launch to the answer "
                f"of a first unaccented search ({FIRST_QUERY!r}) {answered - launched:.2f} s "
                f"(that request {1000 * (answered - healthy):.0f} ms)",
                flush=True,
            )
            check_facet_labels(client, queries)
            budget = Budget(args.max_requests, args.time_limit)
            cold = Timings()
            http_pass(client, queries, budget, cold)  # the warm-up pass, timed for the record
            timed = []
            for _ in range(args.rounds):
                timed += http_pass(client, queries, budget, tracuu)
            memory = memory_kb(proc.pid)
            memory["mapped"] = mapped_kb(proc.pid)
    finally:
        stop_server(proc)
    return EngineRun(tracuu, cold, memory, health, timed)


def side_by_side(runs: dict[str, EngineRun], fts: Timings) -> None:
    """p50 / p95 per category of every engine and FTS5, in one table."""
    names = list(runs)
    head = f"{'category':<16}" + "".join(f"{n + ' p50':>12}{'p95':>8}" for n in names)
    head += f"{'fts5 p50':>10}{'p95':>8}"
    print("\nside by side, ms (engines over HTTP, FTS5 in-process)")
    print(head)
    print("-" * len(head))
    groups = [(c, [c]) for c in CATEGORIES] + [("search (all)", list(SEARCH_CATEGORIES))]
    for label, cats in groups:
        line = f"{label:<16}"
        for name in names:
            values = [v for c in cats for v in runs[name].timings.ms[c]]
            line += f"{pct(values, 50):>12.1f}{pct(values, 95):>8.1f}"
        values = [v for c in cats for v in fts.ms[c]]
        print(line + f"{pct(values, 50):>10.2f}{pct(values, 95):>8.2f}")


def check_facet_labels(client: httpx.Client, queries: list[BenchQuery]) -> None:
    """Warn when the service labels types differently from the generator's metadata."""
    everything = {"q": "", "date_from": "1900-01-01", "date_to": "2100-12-31", "per_page": 1}
    facets = client.get("/api/search", params=everything).json().get("facets", {})
    served = {f.get("value") for f in facets.get("doc_type", [])}
    wanted = {t for q in queries for t in q.doc_type}
    if served and wanted - served:
        print(f"warning: doc_type labels not served: {sorted(wanted - served)}; "
              f"served: {sorted(served)}")  # fmt: skip


if __name__ == "__main__":
    main()
