"""The SolrCloud engine, read side: one ``Plan`` -> one Solr request -> one ``Answer``.

- ``required`` is the scored query ``q`` (none: every document, ordered newest first);
- ranked by relevance, ``boosts`` are optional clauses of ``q`` (scored on every match and
  added) and the tier is a function query sorted on first (``translate.tier_params``), so
  that Solr pages the same order as Whoosh with ``start``/``rows``;
- ``filters`` are ``fq``; each facet selection is a tagged ``fq`` that its own facet's
  count excludes (JSON Facet API, ``excludeTags``);
- shards that do not answer make a partial answer (``shards.tolerant``), naming them.
"""

from __future__ import annotations

import json
import time
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from indexer import schema as f
from indexer.engines.solr.client import (
    EMPTY_TOKEN,
    SolrClient,
    SolrError,
    SolrTimeout,
    SolrUnreachable,
)
from search.engines.solr.cluster_state import failed_shards, shard_states
from search.engines.solr.translate import (
    SCALE,
    TIER,
    quote,
    selection_filter,
    tier_sort,
    to_lucene,
)
from search.errors import IndexUnavailable, SearchTimeout, check_time
from search.plan import YEAR, Answer, Plan

if TYPE_CHECKING:
    from indexer.engine import EngineConfig

PAGE = 10_000  # ids per request when listing many
HISTOGRAM = "_histogram"
SORTS = {
    "relevance": f"score desc,{f.ID} asc",
    "newest": f"{f.DAY} desc,{f.ID} asc",  # undated last: the field sorts missing last
    "oldest": f"{f.DAY} asc,{f.ID} asc",
}


class SolrReader:
    """Reads the collection of ``config``."""

    name = "solr"

    def __init__(self, config: EngineConfig) -> None:
        self.url = config.solr_url
        self.collection = config.solr_collection
        self.client = SolrClient(config.solr_url, config.solr_collection)

    def snapshot(self):
        """Solr cannot pin one index version across requests: each call sees the latest
        commit (commits are rare: one per indexing run)."""
        return nullcontext()

    def version(self) -> str:
        """Live documents and the newest ``_version_``: any add, update or delete
        changes one of them."""
        answer = self._call(
            self._query,
            {"q": "*:*", "rows": 1, "fl": "_version_", "sort": "_version_ desc"},
        )
        docs = answer["response"]["docs"]
        return f"{answer['response']['numFound']}/{docs[0]['_version_'] if docs else 0}"

    # --- searching ---------------------------------------------------------------------
    def run(self, plan: Plan) -> Answer:
        started = time.perf_counter()
        params = self._params(plan)
        if plan.limit is None:  # every hit: counted first, then fetched in one request
            params["start"] = 0
            params["rows"] = self._count(params, plan)
        answer = self._select(params, plan.time_budget)
        docs = answer["response"]["docs"]
        if plan.limit is None:
            docs = docs[plan.offset :]
        tiers: list[int] = []
        parts: list[dict[str, float]] = []
        if _ranked(plan):
            hits = [(d[f.ID], round(d["score"] * SCALE, 4)) for d in docs]
            tiers = [int(d.get(TIER, 0)) for d in docs] if plan.tiers else [0] * len(docs)
            if plan.explain and hits:
                check_time(started, plan.time_budget)
                parts = self._parts(plan, [i for i, _ in hits])
        else:
            hits = [(d[f.ID], None) for d in docs]
        result = self._answer(plan, answer, hits)
        result.tiers, result.parts = tiers, parts
        return result

    def _count(self, params: dict, plan: Plan) -> int:
        counting = {k: v for k, v in params.items() if k not in ("json.facet", "sort", "fl")}
        counted = self._select({**counting, "rows": 0}, plan.time_budget)
        return counted["response"]["numFound"]

    def _parts(self, plan: Plan, ids: list[str]) -> list[dict[str, float]]:
        """Each hit's score by part (``explain``): one request per part, on these ids."""
        named = [("terms", plan.required), *plan.boosts]
        parts: list[dict[str, float]] = [{} for _ in ids]
        for name, node in named:
            answer = self._select(
                {
                    "q": to_lucene(node, self._expand),
                    **_id_filter(ids),
                    "fl": f"{f.ID},score",
                    "rows": len(ids),
                },
                plan.time_budget,
            )
            scored = {d[f.ID]: d["score"] * SCALE for d in answer["response"]["docs"]}
            for i, doc_id in enumerate(ids):
                value = round(scored.get(doc_id, 0.0), 4)
                parts[i][name] = round(parts[i].get(name, 0.0) + value, 4)
        return parts

    def _params(self, plan: Plan) -> dict:
        ranked = _ranked(plan)
        unranked = plan.required is None and plan.sort == "relevance"
        sort = SORTS["newest"] if unranked else SORTS[plan.sort]
        q = "*:*" if plan.required is None else to_lucene(plan.required, self._expand)
        params: dict = {
            "fq": [to_lucene(node, self._expand) for node in plan.filters],
            "start": plan.offset,
            "rows": plan.limit if plan.limit is not None else 0,
            "fl": f"{f.ID},score" if ranked else f.ID,
            "shards.info": "true",
        }
        if ranked and plan.boosts:  # scored on every match: +required, each boost optional
            boosts = " ".join(to_lucene(node, self._expand) for _, node in plan.boosts)
            q = f"(+{q} {boosts})"
        if ranked and plan.tiers:
            function, tier_queries = tier_sort(plan.tiers, self._expand)
            params.update(tier_queries)
            sort = f"{function} desc,{sort}"
            params["fl"] += f",{TIER}:{function}"
        params["q"], params["sort"] = q, sort
        for name, labels in plan.selections.items():
            params["fq"].append(selection_filter(name, labels))
        facets = {
            name: {
                "type": "terms",
                "field": name,
                "limit": -1,
                "mincount": 1,
                "domain": {"excludeTags": f"sel_{name}"},
            }
            for name in plan.facets
        }
        if plan.histogram:
            field = f.YEAR if plan.histogram == YEAR else f.MONTH
            facets[HISTOGRAM] = {
                "type": "terms",
                "field": field,
                "limit": -1,
                "mincount": 1,
                "sort": "index asc",
            }
        if facets:
            params["json.facet"] = json.dumps(facets, ensure_ascii=False)
        return params

    def _answer(self, plan: Plan, answer: dict, hits: list) -> Answer:
        facets_in = answer.get("facets", {})
        facets = {
            name: {str(b["val"]): b["count"] for b in facets_in.get(name, {}).get("buckets", [])}
            for name in plan.facets
        }
        histogram = [
            (int(b["val"]), b["count"]) for b in facets_in.get(HISTOGRAM, {}).get("buckets", [])
        ]
        partial = bool(answer.get("responseHeader", {}).get("partialResults"))
        return Answer(
            total=answer["response"]["numFound"],
            hits=hits,
            facets=facets,
            histogram=histogram,
            partial=partial,
            missing=self._missing(answer) if partial else [],
        )

    def _missing(self, answer: dict) -> list[str]:
        """The shards whose request failed, else those without a live replica."""
        names = failed_shards(answer)
        if names:
            return names
        try:
            return [name for name, shard in self._shards().items() if not shard["up"]]
        except IndexUnavailable:
            return []

    def _expand(self, field: str, prefix: str, limit: int) -> list[str]:
        """The first ``limit`` terms of ``field`` beginning with ``prefix``, in index order."""
        answer = self._call(
            self._query,
            {
                "terms.fl": field,
                "terms.prefix": prefix,
                "terms.limit": limit,
                "terms.sort": "index",
                "terms.mincount": 1,
            },
            "terms",
        )
        flat = answer.get("terms", {}).get(field, [])
        return flat[0::2] if isinstance(flat, list) else list(flat)

    def _query(self, params: dict, handler: str = "select", timeout: float | None = None):
        """Every read tolerates missing shards; ``run`` reports them (``partial``)."""
        return self.client.select({**params, "shards.tolerant": "true"}, handler, timeout)

    def _select(self, params: dict, budget: float) -> dict:
        return self._call(self._query, params, timeout=budget + 1.0)

    # --- documents ---------------------------------------------------------------------
    def records(self, ids: list[str]) -> dict[str, dict]:
        found: dict[str, dict] = {}
        for start in range(0, len(ids), PAGE):
            chunk = ids[start : start + PAGE]
            params = {"q": "*:*", **_id_filter(chunk), "fl": f"{f.ID},{f.RECORD}"}
            answer = self._call(self._query, {**params, "rows": len(chunk)})
            for doc in answer["response"]["docs"]:
                found[doc[f.ID]] = json.loads(doc[f.RECORD])
        return found

    def ids_with(self, field: str, value: str) -> list[str]:
        return self._ids(f"{field}:{quote(value)}")

    def _ids(self, q: str) -> list[str]:
        ids, cursor = [], "*"
        while True:
            params = {"q": q, "fl": f.ID, "sort": f"{f.ID} asc", "rows": PAGE, "cursorMark": cursor}
            answer = self._call(self._query, params)
            ids.extend(d[f.ID] for d in answer["response"]["docs"])
            if answer["nextCursorMark"] == cursor:
                return ids
            cursor = answer["nextCursorMark"]

    def vocabulary(self) -> None:
        return None  # Solr's writer stores none: it is built from ``terms``

    def terms(self, field: str):
        lower = None
        while True:
            params = {
                "terms.fl": field,
                "terms.limit": PAGE,
                "terms.sort": "index",
                "terms.mincount": 1,
            }
            if lower is not None:
                params.update({"terms.lower": lower, "terms.lower.incl": "false"})
            flat = self._call(self._query, params, "terms").get("terms", {}).get(field, [])
            yield from (
                (t, n) for t, n in zip(flat[0::2], flat[1::2], strict=True) if t != EMPTY_TOKEN
            )
            if len(flat) < 2 * PAGE:
                return
            lower = flat[-2]

    def document_count(self) -> int:
        return self._call(self._query, {"q": "*:*", "rows": 0})["response"]["numFound"]

    # --- cluster -----------------------------------------------------------------------
    def health(self) -> dict:
        """Live nodes, and each shard's replicas (node, state, leader) and whether it is up."""
        status = self._cluster_status()
        return {
            "url": self.url,
            "collection": self.collection,
            "live_nodes": sorted(status["cluster"]["live_nodes"]),
            "shards": self._shards(status),
        }

    def _cluster_status(self) -> dict:
        return self._call(
            self.client.admin,
            "admin/collections",
            {"action": "CLUSTERSTATUS", "collection": self.collection},
        )

    def _shards(self, status: dict | None = None) -> dict:
        return shard_states(status or self._cluster_status(), self.collection)

    def _call(self, method, *args, **kwargs) -> dict:
        """A Solr call; a cluster that cannot be reached or answers an error is a 503."""
        try:
            return method(*args, **kwargs)
        except SolrTimeout as exc:
            raise SearchTimeout(
                f"Solr did not answer within the search's time budget ({exc}); narrow the "
                "search with more words, a phrase or filters, and try again"
            ) from exc
        except SolrUnreachable as exc:
            raise IndexUnavailable(
                f"the Solr collection {self.collection!r} cannot be reached at {self.url} "
                f"({exc.__cause__ or exc}); start Solr or set TRACUU_SOLR_URL"
            ) from exc
        except SolrError as exc:
            raise IndexUnavailable(f"the Solr collection {self.collection!r}: {exc}") from exc

    def close(self) -> None:
        self.client.close()


def open_reader(config: EngineConfig, index_dir: Path) -> SolrReader:
    """The engine's entry point (``search.engines.open_reader``); ``index_dir`` is unused."""
    return SolrReader(config)


def _ranked(plan: Plan) -> bool:
    return plan.required is not None and plan.sort == "relevance"


def _id_filter(ids: list[str]) -> dict:
    """Params filtering on these ids (the terms query parser: no clause limit; ids are
    file paths, which may hold commas but no line breaks). Not named ``ids``: distributed
    search uses that parameter itself."""
    return {
        "fq": f"{{!terms f={f.ID} separator=$tracuu_sep v=$tracuu_ids}}",
        "tracuu_sep": "\n",
        "tracuu_ids": "\n".join(ids),
    }
