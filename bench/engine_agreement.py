"""How close the SolrCloud engine's answers are to the Whoosh engine's, on ALQAC 2022.

The 1,377 articles indexed by ``build_index`` into both engines (Whoosh in a temporary
directory, Solr in the collection ``tracuu_agreement`` of ``--solr-url`` /
``TRACUU_SOLR_URL``, 2 shards); all 520 judged questions, with and without accents, through
``Engine.search`` on each. Per run: totals and facet counts equal (must be all),
overlap@10 (shared ids in the two top 10s / 10), Kendall tau over the ids both top 10s hold,
same first hit, and each engine's MRR@10 against the judgements.

Usage: ``python bench/engine_agreement.py [--solr-url URL] [--jobs 2]``
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from relevance import DEFAULT_DATA, K, load_alqac, strip_accents, write_corpus  # noqa: E402

from indexer.build import build_index  # noqa: E402
from indexer.engine import EngineConfig  # noqa: E402
from indexer.engines.solr.client import SolrClient  # noqa: E402
from indexer.engines.solr.setup import setup_collection  # noqa: E402
from search.models import SearchRequest  # noqa: E402
from search.searcher import Engine  # noqa: E402


def kendall_tau(a: list[str], b: list[str]) -> float | None:
    """Kendall's tau of the order of the ids both lists hold (None: fewer than 2).

    >>> kendall_tau(["x", "y", "z"], ["x", "z", "y"]), kendall_tau(["x"], ["x"])
    (0.3333333333333333, None)
    """
    common = [i for i in a if i in set(b)]
    if len(common) < 2:
        return None
    where = {i: n for n, i in enumerate(b)}
    pairs = list(combinations(common, 2))
    concordant = sum(where[x] < where[y] for x, y in pairs)
    return (2 * concordant - len(pairs)) / len(pairs)


def compare(whoosh: Engine, solr: Engine, questions: dict, qrels: dict, stripped: bool) -> dict:
    same_total = same_facets = same_first = 0
    overlaps, taus, rr = [], [], {"whoosh": 0.0, "solr": 0.0}
    for qid, text in questions.items():
        request = SearchRequest(q=strip_accents(text) if stripped else text, per_page=K)
        want, got = whoosh.search(request), solr.search(request)
        same_total += want.total == got.total
        same_facets += want.facets == got.facets
        w, s = [h.id for h in want.results], [h.id for h in got.results]
        same_first += w[:1] == s[:1]
        if w or s:
            overlaps.append(len(set(w) & set(s)) / max(len(w), len(s)))
        tau = kendall_tau(w, s)
        if tau is not None:
            taus.append(tau)
        for name, ids in (("whoosh", w), ("solr", s)):
            rank = next((n for n, i in enumerate(ids, 1) if i in qrels[qid]), None)
            rr[name] += 1 / rank if rank else 0.0
    n = len(questions)
    return {"questions": n, "same total": same_total / n, "same facets": same_facets / n,
            "same first hit": same_first / n, "overlap@10": sum(overlaps) / len(overlaps),
            "kendall tau": sum(taus) / len(taus), "MRR@10 whoosh": rr["whoosh"] / n,
            "MRR@10 solr": rr["solr"] / n}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--solr-url", default=os.environ.get("TRACUU_SOLR_URL"))
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    if not args.solr_url:
        parser.error("needs --solr-url or TRACUU_SOLR_URL (`tracuu solr dev-cluster`)")
    articles, questions, qrels = load_alqac(args.data)
    with tempfile.TemporaryDirectory(prefix="tracuu-agreement-") as tmp:
        work = Path(tmp)
        mapping = write_corpus(articles, work / "corpus")
        qrels = {q: {name for name, doc in mapping.items() if doc in rel}
                 for q, rel in qrels.items()}  # fmt: skip
        solr = EngineConfig("solr", args.solr_url, "tracuu_agreement")
        client = SolrClient(solr.solr_url, solr.solr_collection)
        setup_collection(client, shards=2)
        client.close()
        for config in (EngineConfig(), solr):
            report = build_index(work / "corpus", work / "index", rebuild=True, jobs=args.jobs,
                                 engine=config)  # fmt: skip
            print(f"{config.backend or 'whoosh'}: {report.documents} documents in "
                  f"{report.seconds:.1f} s ({report.docs_per_second:.1f}/s)")  # fmt: skip
        with Engine(work / "index") as whoosh, Engine(work / "index", config=solr) as engine:
            for stripped in (False, True):
                figures = compare(whoosh, engine, questions, qrels, stripped)
                label = "stripped" if stripped else "accented"
                print(
                    f"\n{label}: "
                    + ", ".join(
                        f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                        for k, v in figures.items()
                    )
                )


if __name__ == "__main__":
    main()
