"""Where a search's time goes: the query set of ``query_bench.py`` run in this process on an
index that ``query_bench.py --docs N`` built, each category timed, the slowest one (or
``--category``) profiled with cProfile.

No HTTP here: the figures are the engine's own (parse, plan, Whoosh, records, facets,
highlights), which is what a profile can act on; ``query_bench.py`` gives the service's.

1. a freshly opened ``Engine``, warmed as the server warms it at start, then a first pass
   over the set (the cold figures: only the warm-up cached in the process; the operating
   system's page cache may still hold the files);
2. ``--rounds`` warm passes, p50/p95 by category;
3. the slowest category by warm p95 run again under cProfile: the top functions by
   cumulative and by own time.

Usage: ``python bench/query_profile.py --docs 100000 [--category words] [--top 25]``
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import read_meta  # noqa: E402
from query_bench import CATEGORIES, OUT, BenchQuery, make_queries, pct  # noqa: E402

from search.models import SearchRequest  # noqa: E402
from search.searcher import Engine  # noqa: E402


def run(engine: Engine, query: BenchQuery) -> None:
    if query.category == "lookup":
        engine.lookup(query.number or "")
        return
    engine.search(
        SearchRequest(
            q=query.q,
            doc_type=query.doc_type,
            year=query.year,
            date_from=query.date_from,
            date_to=query.date_to,
            sort=query.sort,
            per_page=10,
        )
    )


def timed_pass(engine: Engine, queries: list[BenchQuery]) -> dict[str, list[float]]:
    times: dict[str, list[float]] = defaultdict(list)
    for query in queries:
        started = time.perf_counter()
        run(engine, query)
        times[query.category].append((time.perf_counter() - started) * 1000)
    return times


def table(title: str, times: dict[str, list[float]]) -> None:
    print(f"\n{title}\n{'category':16s} {'n':>4s} {'p50 ms':>8s} {'p95 ms':>8s} {'max ms':>8s}")
    for name in CATEGORIES:
        values = times.get(name, [])
        if values:
            print(
                f"{name:16s} {len(values):4d} {pct(values, 50):8.1f} "
                f"{pct(values, 95):8.1f} {max(values):8.1f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=50_000, help="size of the built index")
    parser.add_argument("--per-category", type=int, default=60, help="queries per category")
    parser.add_argument("--rounds", type=int, default=2, help="warm passes")
    parser.add_argument("--category", choices=CATEGORIES, help="profile this one")
    parser.add_argument("--top", type=int, default=25, help="functions printed")
    parser.add_argument("--out", type=Path, default=OUT, help="where query_bench put them")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    archive = (args.out / f"archive-{args.docs}").resolve()
    index_dir = (args.out / f"index-{args.docs}").resolve()
    if not index_dir.is_dir():
        parser.error(f"no index in {index_dir}: run query_bench.py --docs {args.docs} first")
    _, metas = read_meta(archive)
    queries = make_queries(archive, metas, args.per_category, args.seed)

    started = time.perf_counter()
    engine = Engine(index_dir)
    print(f"opened {engine.document_count():,} documents in {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    engine.warm()  # as the server does at start
    print(f"warm-up (labels, vocabulary, underthesea) {time.perf_counter() - started:.2f} s")
    table("first pass (after the warm-up, as on a fresh server)", timed_pass(engine, queries))
    warm: dict[str, list[float]] = defaultdict(list)
    for _ in range(args.rounds):
        for name, values in timed_pass(engine, queries).items():
            warm[name] += values
    table(f"warm ({args.rounds} passes)", warm)

    name = args.category or max(warm, key=lambda c: pct(warm[c], 95))
    chosen = [q for q in queries if q.category == name]
    profile = cProfile.Profile()
    profile.enable()
    for query in chosen:
        run(engine, query)
    profile.disable()
    engine.close()
    for order in ("cumulative", "tottime"):
        text = io.StringIO()
        pstats.Stats(profile, stream=text).sort_stats(order).print_stats(args.top)
        body = text.getvalue()
        print(f"\n=== profile of '{name}' ({len(chosen)} queries), by {order}")
        print(body[body.find("   ncalls") :].rstrip())


if __name__ == "__main__":
    main()
