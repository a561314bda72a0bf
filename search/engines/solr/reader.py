"""The SolrCloud engine, read side: one ``Plan`` -> one Solr request -> one ``Answer``.

- ``required`` is the scored query ``q`` (none: every document, ordered newest first);
- ``boosts`` are scored on the ``rerank_depth`` best candidates only and added to their
  scores, when ranked by relevance (a second request, filtered to those ids);
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
from search.engines.solr.translate import SCALE, quote, selection_filter, to_lucene
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
        reranked = _ranked(plan) and plan.boosts is not None
        if plan.limit is None or reranked:
            params["start"] = 0  # the page is cut here, from every hit or the candidates
            params["rows"] = self._pool(plan, params)
        answer = self._select(params, plan.time_budget)
        docs = answer["response"]["docs"]
        if _ranked(plan):
            hits = [(d[f.ID], d["score"] * SCALE) for d in docs]
            if reranked:
                check_time(started, plan.time_budget)
                hits = self._rerank(plan, hits)
            if plan.limit is None or reranked:
                hits = hits[plan.offset : None if plan.limit is None else plan.offset + plan.limit]
            hits = [(i, round(score, 4)) for i, score in hits]
        else:
            hits = [(d[f.ID], None) for d in docs]
            hits = hits[plan.offset :] if plan.limit is None else hits
        return self._answer(plan, answer, hits)

    def _pool(self, plan: Plan, params: dict) -> int:
        """How many hits to fetch: the rerank candidates (``rerank_depth``, or the whole
        page if deeper), or every hit when the plan wants them all (counted first)."""
        if plan.limit is not None:
            return max(plan.rerank_depth, plan.offset + plan.limit)
        counting = {k: v for k, v in params.items() if k != "json.facet"}
        counted = self._select({**counting, "rows": 0}, plan.time_budget)
        return counted["response"]["numFound"]

    def _rerank(self, plan: Plan, hits: list[tuple[str, float]]) -> list[tuple[str, float]]:
        """Boosts scored on the candidates only (one request, global statistics) and added.

        Not Solr's ReRank query parser: it scores the rerank query with each shard's own
        statistics (a title term scored 0.13 there, 0.29 with the collection's)."""
        if not hits:
            return hits
        ids = [i for i, _ in hits]
        answer = self._select(
            {
                "q": to_lucene(plan.boosts, self._expand),
                **_id_filter(ids),
                "fl": f"{f.ID},score",
                "rows": len(ids),
            },
            plan.time_budget,
        )
        extra = {d[f.ID]: d["score"] * SCALE for d in answer["response"]["docs"]}
        combined = [(i, score + extra.get(i, 0.0)) for i, score in hits]
        return sorted(combined, key=lambda hit: (-hit[1], hit[0]))

    def _params(self, plan: Plan) -> dict:
        ranked = _ranked(plan)
        unranked = plan.required is None and plan.sort == "relevance"
        sort = SORTS["newest"] if unranked else SORTS[plan.sort]
        params: dict = {
            "q": "*:*" if plan.required is None else to_lucene(plan.required, self._expand),
            "fq": [to_lucene(node, self._expand) for node in plan.filters],
            "sort": sort,
            "start": plan.offset,
            "rows": plan.limit if plan.limit is not None else 0,
            "fl": f"{f.ID},score" if ranked else f.ID,
            "shards.info": "true",
        }
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
