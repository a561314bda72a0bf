"""The search engine facade: search, lookup, read, timeline, export over one index.

``Engine`` keeps one Whoosh searcher and its in-memory columns, refreshed when the index
changes (a new commit or a rebuilt generation), and serializes access with a lock. It
returns the plain structures of ``search.models``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import numpy as np
from whoosh import query as wq

from indexer import schema as f
from search import compile as qc
from search.errors import BadQuery, NotFound, SearchError
from search.facets import count_facet, count_years, facet_mask, histogram
from search.highlight import mark_all, patterns_for, snippet
from search.models import (
    MAX_PAGE,
    MAX_PER_PAGE,
    SORTS,
    Bucket,
    DocumentView,
    Hit,
    Reference,
    SearchRequest,
    SearchResults,
)
from search.opened import OpenIndex, current, damage_reported
from search.query import Query, parse_date_range, parse_query, parse_year_range
from search.suggest import Vocabulary, closest_query, restore_accents

MAX_AND_TERMS = 8  # longer queries are questions: rank by any word (BM25), never require all
RERANK_DEPTH = 100  # candidates whose scores the boosting clauses may reorder
FACET_PARAMS = {"doc_type": "type", "issuer": "issuer", "signer": "signer"}
SEARCH_TIME_BUDGET = 5.0  # seconds one search may take before it gives up (503)


class SearchTimeout(SearchError):
    """A search that ran past the engine's time budget; the message says what to do."""

    status = 503


class Engine:
    """Search calls over the index in ``index_dir`` (thread-safe)."""

    def __init__(self, index_dir: Path, time_budget: float = SEARCH_TIME_BUDGET) -> None:
        self.index_dir = Path(index_dir)
        self.time_budget = time_budget
        self._lock = threading.RLock()
        self._state: OpenIndex | None = None

    # --- index state -------------------------------------------------------------------
    @contextmanager
    def _reading(self) -> Iterator[None]:
        """Hold the lock; report damage found while reading as such."""
        with self._lock, damage_reported(self.index_dir):
            yield

    def _current(self) -> OpenIndex:
        self._state = current(self.index_dir, self._state)
        return self._state

    def document_count(self) -> int:
        with self._reading():
            return int(self._current().columns.live.sum())

    def close(self) -> None:
        with self._lock:
            if self._state is not None:
                self._state.searcher.close()
                self._state = None

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- search ------------------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResults:
        """Ranked, filtered, faceted, highlighted results for one request."""
        started = time.perf_counter()
        _check(request)
        query = parse_query(request.q)
        with self._reading():
            state = self._current()
            scores, base, selections, final = self._select(state, query, request)
            self._within_budget(started)
            facets = self._facets(state, base, selections, request, query)
            page = self._page(state, query, scores, final, request)
            self._within_budget(started)
            groups = patterns_for(query)
            hits = [self._hit(state, docnum, score, groups) for docnum, score in page]
            total = int(final.sum())
            suggestion = self._suggest(state, query, total)
        return SearchResults(
            query=request.q,
            total=total,
            page=request.page,
            per_page=request.per_page,
            took_ms=round((time.perf_counter() - started) * 1000, 2),
            results=hits,
            facets=facets,
            suggestion=suggestion,
            sort=request.sort,
            terms=query.terms(),
        )

    def _within_budget(self, started: float) -> None:
        """Checked between the stages of a search (Whoosh cannot be interrupted inside one)."""
        if time.perf_counter() - started > self.time_budget:
            raise SearchTimeout(
                f"the search took longer than {self.time_budget:g} s; "
                "narrow it with more words, a phrase or filters, and try again"
            )

    def _select(self, state: OpenIndex, query: Query, request: SearchRequest) -> tuple:
        """(text scores, base set, facet masks, final set) of a request."""
        scores, matched = self._match(state, query)
        base, selections = self._filters(state, query, request, matched)
        final = base.copy()
        for mask in selections.values():
            final &= mask
        return scores, base, selections, final

    def _match(self, state: OpenIndex, query: Query) -> tuple[np.ndarray | None, np.ndarray]:
        """Scores of the text query (None: no text) and the documents it matches (AND,
        else OR for long queries and for AND queries that match nothing)."""
        live = state.columns.live
        reader = state.searcher.reader()
        long_question = len(query.terms()) > MAX_AND_TERMS
        required = qc.required_query(query, reader, any_group=long_question)
        if required is None:
            return None, live.copy()
        found = state.evaluator.run(required)
        if not (found.mask & live).any() and len(query.terms()) > 1 and not long_question:
            found = state.evaluator.run(qc.required_query(query, reader, any_group=True))
        return found.scores, found.mask & live

    def _docs(self, state: OpenIndex, q: wq.Query) -> np.ndarray:
        mask = np.zeros(len(state.columns.live), dtype=bool)
        docnums = np.fromiter(state.searcher.docs_for_query(q), dtype=np.int64)
        mask[docnums] = True
        return mask & state.columns.live

    def _filters(self, state, query, request, matched) -> tuple[np.ndarray, dict]:
        """The base set (text, dates, numbers) and one mask per selected facet."""
        cols = state.columns
        base = matched
        for value in query.filters.get("number", []):
            base = base & self._docs(
                state, wq.Or([qc.number_query(value), qc.number_query(value, exact=False)])
            )
        for value in query.filters.get("date", []):
            low, high = parse_date_range(value)
            base = base & (cols.day >= low) & (cols.day <= high)
        for value in query.filters.get("year", []):
            low, high = parse_year_range(value)
            base = base & (cols.year >= low) & (cols.year <= high)
        if request.date_from or request.date_to:
            low = _iso_day(request.date_from, "date_from") if request.date_from else 0
            high = _iso_day(request.date_to, "date_to") if request.date_to else f.UNKNOWN_DAY - 1
            base = base & (cols.day >= low) & (cols.day <= high)
        selections = {}
        for name, param in FACET_PARAMS.items():
            values = request.facet_selection(name) + query.filters.get(param, [])
            if values:
                selections[name] = facet_mask(cols.facets[name], values)
        if request.year:
            selections["year"] = np.isin(cols.year, [int(y) for y in request.year])
        return base, selections

    def _facets(self, state, base, selections, request, query) -> dict:
        out = {}
        for name in ("doc_type", "issuer", "year", "signer"):
            mask = base.copy()
            for other, sel in selections.items():
                if other != name:
                    mask &= sel
            chosen = request.facet_selection(name) + query.filters.get(
                FACET_PARAMS.get(name, ""), []
            )
            if name == "year":
                out[name] = count_years(state.columns.year, mask, chosen)
            else:
                out[name] = count_facet(state.columns.facets[name], mask, chosen)
        return out

    def _page(self, state, query, scores, final, request) -> list:
        start = (request.page - 1) * request.per_page
        stop = start + request.per_page
        return self._ordered(state, query, scores, final, request.sort, stop)[start:]

    def _ordered(self, state, query, scores, final, sort, limit) -> list:
        """Matching (document number, score) in the requested order, at most ``limit``
        (None: all)."""
        if scores is not None and sort == "relevance" and final.any():
            return self._ranked(state, query, scores, final, limit)
        docnums = np.flatnonzero(final)
        day = state.columns.day[docnums]
        if sort == "oldest":
            order = np.lexsort((docnums, day))
        else:  # newest first; documents without a date last
            order = np.lexsort((-docnums, np.where(day == f.UNKNOWN_DAY, -1, day)))[::-1]
        return [(int(d), None) for d in docnums[order[:limit]]]

    def _ranked(self, state, query, scores, final, limit) -> list:
        """BM25F over the required clauses picks candidates; boosts (phrase, whole words,
        the number, title and subject) are scored on those candidates only and added."""
        docnums = np.flatnonzero(final)
        ranking = scores[docnums]
        pool = len(docnums) if limit is None else min(len(docnums), max(limit, RERANK_DEPTH))
        if pool < len(docnums):
            best = np.argpartition(-ranking, pool - 1)[:pool]
            docnums, ranking = docnums[best], ranking[best]
        boosts = qc.boost_query(query, headings=len(query.terms()) <= MAX_AND_TERMS)
        if boosts is not None:
            within = np.zeros(len(final), dtype=bool)
            within[docnums] = True
            ranking = ranking + state.evaluator.run(boosts, within).scores[docnums]
        order = np.lexsort((docnums, -ranking))[:limit]
        pairs = zip(docnums[order].tolist(), ranking[order].tolist(), strict=True)
        return [(d, round(s, 4)) for d, s in pairs]

    def _hit(self, state, docnum: int, score: float | None, groups: list) -> Hit:
        record = state.searcher.stored_fields(docnum)[f.RECORD]
        return Hit(
            id=record["id"],
            number=record.get("number"),
            title=record.get("title") or record.get("subject"),
            doc_type=record.get("doc_type"),
            issuer=record.get("issuer"),
            issued_date=record.get("issued_date"),
            snippet=snippet(record.get("body") or "", groups),
            score=score,
            subject=record.get("subject"),
        )

    def _suggest(self, state: OpenIndex, query: Query, total: int) -> str | None:
        if not query.groups or (query.accented and total):
            return None
        if state.vocabulary is None:
            state.vocabulary = Vocabulary.load(state.searcher.reader())
        if not query.accented:
            restored = restore_accents(query, state.vocabulary)
            if restored:
                return restored
        if total == 0:
            return closest_query(query, state.vocabulary, lambda q: self._has_hits(state, q))
        return None

    def _has_hits(self, state: OpenIndex, text: str) -> bool:
        scores, mask = self._match(state, parse_query(text))
        return scores is not None and bool(mask.any())

    # --- documents ---------------------------------------------------------------------
    def lookup(self, number: str) -> list[Hit]:
        """Documents whose number is ``number`` (tolerant of case, spaces, dashes, accents)."""
        if not number or not number.strip() or len(number) > 100:
            raise BadQuery("number must be 1 to 100 characters, e.g. 342-CV/TU")
        with self._reading():
            state = self._current()
            docnums: list[int] = []
            for q in qc.number_queries(number):
                docnums = [d for d in state.searcher.docs_for_query(q) if state.columns.live[d]]
                if docnums:
                    break
            return [self._hit(state, d, None, []) for d in sorted(docnums)]

    def document(self, doc_id: str, q: str = "") -> DocumentView:
        """One document with its references resolved and the documents that cite it."""
        with self._reading():
            state = self._current()
            docnum = state.searcher.document_number(**{f.ID: doc_id})
            if docnum is None:
                raise NotFound(f"no document with id {doc_id!r}")
            record = dict(state.searcher.stored_fields(docnum)[f.RECORD])
            references = [Reference(n, self._id_of(state, n)) for n in record.get("references", [])]
            cited_by = []
            if record.get("number"):
                for other in sorted(
                    state.searcher.docs_for_query(qc.cited_by_query(record["number"]))
                ):
                    if other != docnum and state.columns.live[other]:
                        rec = state.searcher.stored_fields(other)[f.RECORD]
                        cited_by.append(
                            {
                                k: rec.get(k)
                                for k in ("id", "number", "title", "doc_type", "issued_date")
                            }
                        )
            if q:
                record["body_html"] = mark_all(
                    record.get("body") or "", patterns_for(parse_query(q))
                )
        return DocumentView(record=record, references=references, cited_by=cited_by)

    def _id_of(self, state: OpenIndex, number: str) -> str | None:
        for docnum in state.searcher.docs_for_query(qc.number_query(number, exact=False)):
            if state.columns.live[docnum]:
                return state.columns.ids[docnum]
        return None

    def timeline(self, request: SearchRequest, interval: str = "year") -> list[Bucket]:
        """Counts of matching documents per year or month."""
        if interval not in ("year", "month"):
            raise BadQuery("interval must be year or month")
        _check(request)
        query = parse_query(request.q)
        with self._reading():
            state = self._current()
            final = self._select(state, query, request)[-1]
            keys = state.columns.year if interval == "year" else state.columns.month
            pairs = histogram(keys, final)
        fmt = (lambda k: str(k)) if interval == "year" else (lambda k: f"{k // 100}-{k % 100:02d}")
        return [Bucket(fmt(k), c) for k, c in pairs]

    def export(self, request: SearchRequest) -> list[dict]:
        """Metadata of every matching document (no body), in the request's order."""
        _check(request)
        query = parse_query(request.q)
        with self._reading():
            state = self._current()
            scores, *_, final = self._select(state, query, request)
            ordered = self._ordered(state, query, scores, final, request.sort, None)
            records = []
            for docnum, _ in ordered:
                record = dict(state.searcher.stored_fields(docnum)[f.RECORD])
                record.pop("body", None)
                records.append(record)
        return records

    def record(self, doc_id: str) -> dict:
        with self._reading():
            state = self._current()
            docnum = state.searcher.document_number(**{f.ID: doc_id})
            if docnum is None:
                raise NotFound(f"no document with id {doc_id!r}")
            record = dict(state.searcher.stored_fields(docnum)[f.RECORD])
        record.pop("body", None)
        return record


def _check(request: SearchRequest) -> None:
    if request.sort not in SORTS:
        raise BadQuery(f"sort must be one of {', '.join(SORTS)}")
    if not 1 <= request.page <= MAX_PAGE:
        raise BadQuery(f"page must be between 1 and {MAX_PAGE}")
    if not 1 <= request.per_page <= MAX_PER_PAGE:
        raise BadQuery(f"per_page must be between 1 and {MAX_PER_PAGE}")


def _iso_day(value: str, name: str) -> int:
    try:
        return int(date.fromisoformat(value).strftime("%Y%m%d"))
    except ValueError:
        raise BadQuery(f"{name} must be a date like 2021-07-22, not {value!r}") from None
