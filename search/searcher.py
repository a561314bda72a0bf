"""The search facade: search, lookup, read, timeline, export, over any engine.

``Engine`` turns requests into engine-free ``Plan``s (``search.compile``), runs them on a
``Reader`` (``search.engines``) and shapes the answers into the plain structures of
``search.models``: facet tolerance, relaxation, highlighting and suggestions happen here,
above the seam, so that every engine behaves the same.
"""

from __future__ import annotations

import functools
import threading
import time
from dataclasses import replace
from datetime import date
from html import escape
from pathlib import Path

from indexer import schema as f
from indexer.analysis import words
from indexer.engine import EngineConfig
from search import compile as qc
from search import ranking
from search.engines import open_reader
from search.errors import BadQuery, NotFound, check_time
from search.facets import facet_values, selected_labels
from search.highlight import mark_all, passage, patterns_for
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
from search.plan import MONTH, YEAR, Answer, Plan, Range
from search.query import FACET_FILTERS, Query, parse_date_range, parse_query, parse_year_range
from search.relations import (
    STATUS_FACET,
    Statuses,
    check_statuses,
    family,
    load_statuses,
    related_by,
    relations,
    status_counts,
    status_filter,
    summary,
)
from search.sections import outline, section_at
from search.suggest import Vocabulary, load_vocabulary, suggestion, typed_right

MAX_AND_TERMS = 8  # longer queries are questions: rank by any word (BM25), never require all
SEARCH_TIME_BUDGET = 5.0  # seconds one search may take before it gives up (503)
CITED_BY_FIELDS = ("id", "number", "title", "doc_type", "issued_date")


WARM_QUERIES = ("khởi động", "khoi dong")  # the searches of the warm-up
_OUTSIDE = object()  # no call of ``Engine`` is under way in this thread


def _consistent(method):
    """Run ``method`` on one version of the index (``Reader.snapshot``), asking the
    engine for that version once (for Solr it is a request) however many caches use it."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        outer = self._call.__dict__.get("version", _OUTSIDE)
        self._call.version = None  # not asked yet
        try:
            with self.reader.snapshot():
                return method(self, *args, **kwargs)
        finally:
            if outer is _OUTSIDE:
                del self._call.version
            else:
                self._call.version = outer

    return wrapper


class Engine:
    """Search calls over one index (thread-safe): Whoosh in ``index_dir`` unless
    ``config`` names another engine."""

    def __init__(
        self,
        index_dir: Path,
        time_budget: float = SEARCH_TIME_BUDGET,
        config: EngineConfig | None = None,
    ) -> None:
        self.index_dir = Path(index_dir)
        self.time_budget = time_budget
        self.reader = open_reader(config or EngineConfig(), self.index_dir)
        self._cache: dict[str, tuple[str, object]] = {}  # name -> (index version, value)
        self._call = threading.local()  # the index version seen by this thread's call
        self._loading: dict[str, threading.Lock] = {}  # name -> held while it loads
        self._closing = threading.Lock()  # ``warm`` and ``close`` do not overlap
        self._closed = False

    def document_count(self) -> int:
        return self.reader.document_count()

    def health(self) -> dict:
        return {"backend": self.reader.name, **self.reader.health()}

    def close(self) -> None:
        with self._closing:
            self._closed = True
            self.reader.close()

    def warm(self) -> None:
        """Load what the first searches would otherwise wait for, in the order a first
        search needs them: the open index, the suggestion vocabulary, underthesea's model,
        the documents' statuses, the facet labels, then a search typed with and without
        accents (the field lengths and files that scoring and records read). Stops once
        closed; errors are left for the searches to report."""
        steps = [self.reader.document_count, self._vocabulary, lambda: words("khởi động")]
        steps += [self._statuses]
        steps += [lambda field=field: self._labels(field) for field in f.FACETS.values()]
        steps += [lambda q=q: self.search(SearchRequest(q=q)) for q in WARM_QUERIES]
        for step in steps:
            with self._closing:
                if self._closed:
                    return
                try:
                    self._at_one_version(step)
                except Exception:  # noqa: BLE001 - a search will meet it and say what it is
                    return

    @_consistent
    def _at_one_version(self, step) -> None:
        """``step()`` as an Engine call: it takes the reader's lock before any of
        ``_cached``'s, as the searches do (the other order would deadlock with them)."""
        step()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- search ------------------------------------------------------------------------
    @_consistent
    def search(self, request: SearchRequest) -> SearchResults:
        """Ranked, filtered, faceted, highlighted results for one request."""
        started = time.perf_counter()
        _check(request)
        query = parse_query(request.q)
        start = (request.page - 1) * request.per_page
        answer, relaxed = self._answer(
            query, request, facets=f.FACET_NAMES, offset=start, limit=request.per_page
        )
        check_time(started, self.time_budget)
        groups = patterns_for(self._shown(query))
        records = self.reader.records([doc_id for doc_id, _ in answer.hits])
        statuses = self._statuses()
        hits = [
            _explained(_hit(records[doc_id], score, groups, statuses), answer, i)
            for i, (doc_id, score) in enumerate(answer.hits)
            if doc_id in records
        ]
        facets = self._facets(answer, request, query)
        facets[STATUS_FACET] = self._status_facet(query, request, relaxed, answer.total)
        return SearchResults(
            query=request.q,
            total=answer.total,
            page=request.page,
            per_page=request.per_page,
            took_ms=round((time.perf_counter() - started) * 1000, 2),
            results=hits,
            facets=facets,
            suggestion=suggestion(
                query,
                self._vocabulary(),
                [hit.tier for hit in hits[:1]],
                answer.total == 0 or relaxed,
                self._has_hits,
            ),
            sort=request.sort,
            terms=query.terms(),
            relaxed=relaxed,
            partial=answer.partial,
            missing=answer.missing,
        )

    def _answer(
        self, query: Query, request: SearchRequest, ranked: bool = True, **page
    ) -> tuple[Answer, bool]:
        """The answer to a request, and whether its words were relaxed to any-word: only
        when no document has them all (a quoted phrase stays whole)."""
        long_question = len(query.terms()) > MAX_AND_TERMS
        answer = self.reader.run(self._plan(query, request, long_question, ranked, **page))
        relaxable = qc.can_relax(query)
        if long_question:
            return answer, relaxable and not self._count(qc.required_query(query))
        if answer.total or not relaxable or self._count(qc.required_query(query)):
            return answer, False
        return self.reader.run(self._plan(query, request, True, ranked, **page)), True

    def _status_facet(self, query: Query, request: SearchRequest, relaxed: bool, total: int):
        """Counts per status under every selection but the status one."""
        statuses = self._statuses()
        if request.status or statuses.by_id:
            unselected = replace(request, status=[])
            long_question = len(query.terms()) > MAX_AND_TERMS
            plan = self._plan(query, unselected, relaxed or long_question, ranked=False, limit=0)
            counts = status_counts(self.reader, plan, statuses)
        else:
            counts = {"active": total}
        return facet_values(STATUS_FACET, counts, request.status, tuple(request.status))

    def _statuses(self) -> Statuses:
        """Every document's status, derived once per index version."""
        return self._cached("statuses", lambda: load_statuses(self.reader))

    def _count(self, node) -> int:
        return self.reader.run(Plan(required=node, limit=0, time_budget=self.time_budget)).total

    def _plan(
        self, query: Query, request: SearchRequest, any_group: bool, ranked: bool = True, **page
    ) -> Plan:
        """The plan of a request; not ``ranked`` (or no page of hits asked for: counts
        only): no tiers and no boosts."""
        ranked = ranked and page.get("limit", 1) != 0
        long_question = len(query.terms()) > MAX_AND_TERMS
        right = self._typed_right(query) if ranked else None
        return Plan(
            required=qc.required_query(query, any_group=any_group),
            boosts=ranking.boosts(*_as_ranked(query, right), long_question) if ranked else (),
            tiers=ranking.tiers(query, right) if ranked and not long_question else (),
            filters=self._filters(query, request),
            selections=self._selections(query, request),
            sort=request.sort,
            time_budget=self.time_budget,
            explain=request.explain,
            **page,
        )

    def _filters(self, query: Query, request: SearchRequest) -> tuple:
        """Numbers and dates: what a document must also match."""
        filters = [qc.number_filter(value) for value in query.filters.get("number", [])]
        for value in query.filters.get("date", []):
            filters.append(Range(f.DAY, *parse_date_range(value)))
        for value in query.filters.get("year", []):
            low, high = parse_year_range(value)
            filters.append(Range(f.DAY, low * 10000 + 101, high * 10000 + 1231))
        if request.date_from or request.date_to:
            low = _iso_day(request.date_from, "date_from") if request.date_from else 0
            high = _iso_day(request.date_to, "date_to") if request.date_to else f.UNKNOWN_DAY - 1
            filters.append(Range(f.DAY, low, high))
        if request.status:
            filters.append(status_filter(self._statuses(), check_status(request.status)))
        return tuple(filters)

    def _chosen(self, query: Query, request: SearchRequest, name: str) -> list[str]:
        """What the user selected in facet ``name``: parameters and query filters."""
        by_filter = [
            v
            for alias, facet in FACET_FILTERS.items()
            if facet == name
            for v in query.filters.get(alias, [])
        ]
        return request.facet_selection(name) + by_filter

    def _selections(self, query: Query, request: SearchRequest) -> dict[str, tuple[str, ...]]:
        selections = {}
        for name, field in f.FACETS.items():
            values = self._chosen(query, request, name)
            if values:
                selections[name] = selected_labels(values, self._labels(field))
        if request.year:
            selections[YEAR] = tuple(str(int(y)) for y in request.year)
        return selections

    def _labels(self, field: str) -> list[str]:
        return self._cached(
            f"labels:{field}", lambda: sorted(t for t, _ in self.reader.terms(field))
        )

    def _cached(self, name: str, load):
        """``load()`` for this index version, computed once: a caller that finds another
        thread loading it (the warm-up, say) waits for that instead of loading it too."""
        version = getattr(self._call, "version", None)
        if version is None:
            version = self.reader.version()
            if hasattr(self._call, "version"):  # inside a call: the same for all of it
                self._call.version = version
        hit = self._cache.get(name)
        if hit is None or hit[0] != version:
            with self._loading.setdefault(name, threading.Lock()):
                hit = self._cache.get(name)
                if hit is None or hit[0] != version:
                    hit = self._cache[name] = (version, load())
        return hit[1]

    def _facets(self, answer: Answer, request: SearchRequest, query: Query) -> dict:
        selections = self._selections(query, request)  # the labels the plan selected
        out = {}
        for name in f.FACET_NAMES:
            chosen = self._chosen(query, request, name)
            labels = selections.get(name, ()) if name in f.FACETS else ()
            out[name] = facet_values(name, answer.facets.get(name, {}), chosen, labels)
        return out

    def _shown(self, query: Query) -> Query:
        """What the marks of snippets and reading pages show: a query typed with slips, as
        corrected (what ranking put first); any other query as typed."""
        right = self._typed_right(query) if query.accented else None
        return right or query

    def _typed_right(self, query: Query) -> Query | None:
        """The query as its likeliest accented form (``suggest.typed_right``), parsed."""
        text = typed_right(query, self._vocabulary())
        return parse_query(text) if text else None

    def _vocabulary(self) -> Vocabulary:
        return self._cached("vocabulary", lambda: load_vocabulary(self.reader))

    def _has_hits(self, text: str) -> bool:
        node = qc.required_query(parse_query(text))
        return node is not None and self._count(node) > 0

    # --- documents ---------------------------------------------------------------------
    @_consistent
    def lookup(self, number: str) -> list[Hit]:
        """Documents whose number is ``number`` (tolerant of case, spaces, dashes, accents)."""
        if not number or not number.strip() or len(number) > 100:
            raise BadQuery("number must be 1 to 100 characters, e.g. 342-CV/TU")
        ids = self._ids_for_number(number)
        records = self.reader.records(ids)
        statuses = self._statuses()
        return [_hit(records[i], None, [], statuses) for i in ids if i in records]

    def _ids_for_number(self, number: str, exact_first: bool = True) -> list[str]:
        """Ids of the documents numbered ``number``: the first of its forms that finds any
        (as written, then without diacritics: ``12/ĐA-UBND`` is not ``12/DA-UBND``), else
        its separator-blind key."""
        if exact_first:
            for field, value in qc.number_forms(number):
                found = self.reader.ids_with(field, value)
                if found:
                    return found
        field, value = qc.number_key_form(number)
        return self.reader.ids_with(field, value)

    @_consistent
    def document(self, doc_id: str, q: str = "") -> DocumentView:
        """One document with its references resolved and the documents that cite it."""
        record = self._record(doc_id)
        references = [
            Reference(n, next(iter(self._ids_for_number(n, exact_first=False)), None))
            for n in record.get("references", [])
        ]
        cited_by = []
        if record.get("number"):
            field, value = qc.cited_by_form(record["number"])
            citing = [i for i in self.reader.ids_with(field, value) if i != doc_id]
            records = self.reader.records(citing)
            cited_by = [
                {k: records[i].get(k) for k in CITED_BY_FIELDS} for i in citing if i in records
            ]
        if q:
            shown = self._shown(parse_query(q))
            record["body_html"] = mark_all(record.get("body") or "", patterns_for(shown))
        status = self._statuses().of(doc_id)
        by = self.reader.records([status.by]).get(status.by) if status.by else None
        return DocumentView(
            record=record,
            references=references,
            cited_by=cited_by,
            relations=relations(self.reader, record),
            related_by=related_by(self.reader, record),
            status=status.status,
            status_by={**summary(by), "type": status.relation} if by else None,
            outline=outline(record.get("sections") or []),
        )

    @_consistent
    def family(self, doc_id: str) -> tuple[dict, list[dict]]:
        """A document's summary and everything that implements or guides it, down the
        chain (``search.relations.family``), each with its status."""
        record = self._record(doc_id)
        statuses = self._statuses()
        members = family(self.reader, record)
        for member in members:
            member["status"] = statuses.of(member["id"]).status
        return {**summary(record), "status": statuses.of(doc_id).status}, members

    def _record(self, doc_id: str) -> dict:
        record = self.reader.records([doc_id]).get(doc_id)
        if record is None:
            raise NotFound(f"no document with id {doc_id!r}")
        return record

    @_consistent
    def timeline(self, request: SearchRequest, interval: str = "year") -> list[Bucket]:
        """Counts of matching documents per year or month."""
        if interval not in (YEAR, MONTH):
            raise BadQuery("interval must be year or month")
        _check(request)
        query = parse_query(request.q)
        answer, _ = self._answer(query, request, histogram=interval, limit=0)
        fmt = (lambda k: str(k)) if interval == YEAR else (lambda k: f"{k // 100}-{k % 100:02d}")
        return [Bucket(fmt(k), c) for k, c in answer.histogram]

    @_consistent
    def matching_ids(self, request: SearchRequest, ordered: bool = True) -> list[str]:
        """Ids of every matching document, in the request's order (no record is read);
        not ``ordered``: in an order that skips ranking (for counts and sets of ids)."""
        _check(request)
        answer, _ = self._answer(parse_query(request.q), request, limit=None, ranked=ordered)
        return [doc_id for doc_id, _ in answer.hits]

    @_consistent
    def export(self, request: SearchRequest) -> list[dict]:
        """Metadata of every matching document (no body), in the request's order."""
        ids = self.matching_ids(request)
        records = self.reader.records(ids)
        statuses = self._statuses()
        return [
            {**_without_body(records[i]), "status": statuses.of(i).status}
            for i in ids
            if i in records
        ]

    @_consistent
    def record(self, doc_id: str) -> dict:
        return _without_body(self._record(doc_id))


def _as_ranked(query: Query, right: Query | None) -> tuple[Query, Query | None]:
    """(query, its likeliest form) as the boosts score them: a query typed with slips is
    scored as corrected (its field, proximity and word boosts too); one typed without
    accents as typed, with its restored form as the ``restored`` boost."""
    if query.accented and right is not None:
        return right, None
    return query, right


def _explained(hit: Hit, answer: Answer, i: int) -> Hit:
    """The ``i``-th hit with its tier (by name) and, when asked for, its score's parts."""
    if i < len(answer.tiers):
        hit.tier = ranking.TIER_NAMES[answer.tiers[i]]
    if i < len(answer.parts):
        hit.explain = {"tier": hit.tier, **answer.parts[i]}
    return hit


def _without_body(record: dict) -> dict:
    """A record for export and metadata: no body, no sections, no manifest status (the
    status itself is added where it is known); relations stay."""
    record = dict(record)
    for name in ("body", "sections", "status_override"):
        record.pop(name, None)
    return record


def _hit(record: dict, score: float | None, groups: list, statuses: Statuses) -> Hit:
    """One result; its snippet begins with the section it falls in (``Điều 2, khoản 2``)."""
    text, offset, mark = passage(record.get("body") or "", groups)
    section = section_at(record.get("sections") or [], offset) if offset is not None else None
    if section:
        text = f"{escape(section['label'])}: {text}"
    status = statuses.of(record["id"]).status
    return Hit.of(record, text, score, status=status, section=section, mark=mark)


def check_status(selected: list[str]) -> list[str]:
    try:
        return check_statuses(selected)
    except ValueError as exc:
        raise BadQuery(str(exc)) from None


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
