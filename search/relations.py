"""Relations read back: what a document's cited numbers resolve to, which documents point
at it, its status, and its family (what implements or guides it), on any engine.

A document's status depends on *other* documents (the ones that replace, amend or repeal
its number), and the index changes one document at a time, so it is never stored with
the document: ``load_statuses`` derives every status from the relation keys
(``indexer.schema.RELATION_KEYS``, ``"replaces:15CTUBND"``) through the ``Reader``
protocol alone, and the search facade caches the result per index version.

Which relation decides: one that ends the document (``replaces``, ``repeals``) wins over
one that touches parts of it (``amends``, ``partly_repeals``: it stays in force, as
``amended`` or ``partly_repealed``), whatever their dates, since nothing amends a document
after it is gone; among those of one kind the latest wins (by the pointing document's
issue date; undated ones count as oldest; on one date a replacement before a repeal, a
partial repeal before an amendment). Each document's status is its own: A replaced by B,
B amended by C, C repealed by D gives A replaced, B amended, C repealed; the reading
page follows ``status_by`` from one to the next (``web.pages``). Where one number names
several archived documents (15/CT-UBND of two provinces or years), a relation means the
one of the date it cites, else those not newer than the document that points at them.
The manifest's ``status`` column (``STATUS_OVERRIDE``) wins over relations.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from indexer import schema as f
from indexer.metadata.numbers import number_key
from search.compile import number_key_form
from search.plan import Any, Everything, Node, Plan, Reader, Term, Without

RELATION_TYPES, STATUSES = f.RELATION_TYPES, f.STATUSES
STATUS_FACET = f.DERIVED_FACETS[0]
STATUS_OF = {
    "replaces": "replaced", "repeals": "repealed",
    "amends": "amended", "partly_repeals": "partly_repealed",
}  # fmt: skip
# Which relation decides, on the same document (lower first): ending ones before partial.
STRENGTH = {"replaces": 0, "repeals": 1, "partly_repeals": 2, "amends": 3}
FAMILY_TYPES = ("implements", "guides")
FAMILY_DEPTH = 4  # implementation chains followed: Trung ương -> tỉnh -> huyện -> xã
FAMILY_LIMIT = 300  # documents on one family page
COUNT_BY_IDS = 20_000  # status counts from the matching ids up to this many matches
DISAMBIGUATION_RECORDS = 5_000  # records read to tell apart documents sharing a number
SUMMARY_FIELDS = ("id", "number", "doc_type", "issuer", "issued_date", "title", "subject")


@dataclass(frozen=True, slots=True)
class Status:
    """A document's status and the id of the document whose relation decided it (None
    when the manifest states it)."""

    status: str
    by: str | None = None
    relation: str | None = None  # the deciding relation's type


ACTIVE = Status("active")


@dataclass(slots=True)
class Statuses:
    """Every document that is not active (the others are): id -> ``Status``."""

    by_id: dict[str, Status] = field(default_factory=dict)

    def of(self, doc_id: str) -> Status:
        return self.by_id.get(doc_id, ACTIVE)

    def ids(self, status: str) -> list[str]:
        return sorted(i for i, s in self.by_id.items() if s.status == status)


def _split(token: str) -> tuple[str, str]:
    kind, _, key = token.partition(":")
    return kind, key


def load_statuses(reader: Reader) -> Statuses:
    """The status of every document that some live document replaces, amends or repeals,
    or that the manifest gives a status."""
    statuses = Statuses(_derived(reader))
    for status in STATUSES:
        for doc_id in reader.ids_with(f.STATUS_OVERRIDE, status):
            statuses.by_id.pop(doc_id, None)
            if status != "active":
                statuses.by_id[doc_id] = Status(status)
    return statuses


def _derived(reader: Reader) -> dict[str, Status]:
    """Target id -> the status its deciding relation gives (module docstring): ending
    relations first, then the newest (on the same date: ``STRENGTH``)."""
    archived = {key for key, _ in reader.terms(f.NUMBER_KEY)}  # most cited numbers are not
    tokens = [
        t
        for t, _ in reader.terms(f.RELATION_KEYS)
        if _split(t)[0] in STATUS_OF and _split(t)[1] in archived
    ]
    if not tokens:
        return {}
    sources = Any(tuple(Term(f.RELATION_KEYS, t) for t in tokens))
    newest = reader.run(Plan(filters=(sources,), sort="newest", limit=None))
    rank = {doc_id: i for i, (doc_id, _) in enumerate(newest.hits)}
    best: dict[str, tuple[bool, int, int, str, str]] = {}
    read = [0]  # records read to tell apart documents that share a number
    for token in tokens:
        kind, key = _split(token)
        pointing = [s for s in reader.ids_with(f.RELATION_KEYS, token) if s in rank]
        targets = reader.ids_with(f.NUMBER_KEY, key)
        pairs = [(t, s) for t in targets for s in pointing]
        if len(targets) > 1:
            pairs = _meant(reader, kind, key, targets, pointing, read)
        for target, source in pairs:
            candidate = (STRENGTH[kind] > 1, rank[source], STRENGTH[kind], source, kind)
            if source != target and (target not in best or candidate < best[target]):
                best[target] = candidate
    return {t: Status(STATUS_OF[k], s, k) for t, (*_, s, k) in best.items()}


def _meant(
    reader: Reader, kind: str, key: str, targets: list[str], pointing: list[str], read: list
) -> list[tuple[str, str]]:
    """(target, source) pairs where a number names several archived documents (15/CT-UBND
    of two provinces or years): a source's relation means the one of the date it gives
    (``Chỉ thị số 15/CT-UBND ngày 10/4/2020``), else those not newer than the source.
    Past ``DISAMBIGUATION_RECORDS`` records read, every pair counts (as before)."""
    everyone = [(t, s) for t in targets for s in pointing]
    if read[0] + len(targets) + len(pointing) > DISAMBIGUATION_RECORDS:
        return everyone
    records = reader.records(sorted({*targets, *pointing}))
    read[0] += len(records)
    days = {i: (records.get(i) or {}).get("issued_date") for i in (*targets, *pointing)}
    out = []
    for source in pointing:
        cited = next(
            (
                r.get("date")
                for r in (records.get(source) or {}).get("relations") or []
                if r["type"] == kind and number_key(r["number"]) == key
            ),
            None,
        )
        for target in targets:
            day, since = days[target], days[source]
            if cited and day and day != cited:
                continue  # another document with the same number
            if not cited and day and since and day > since:
                continue  # a document cannot be replaced by an older one
            out.append((target, source))
    return out


def status_filter(statuses: Statuses, selected: list[str]) -> Node:
    """A plan filter for documents whose status is one of ``selected`` (OR)."""
    chosen = set(selected)
    if "active" in chosen:
        others = [i for i, s in statuses.by_id.items() if s.status not in chosen]
        if not others:
            return Everything()
        return Without(Everything(), _ids_node(sorted(others)))
    return _ids_node(sorted(i for i, s in statuses.by_id.items() if s.status in chosen))


def _ids_node(ids: list[str]) -> Node:
    """Documents with one of these ids (none: nothing, in a form every engine runs)."""
    if not ids:
        return Without(Everything(), Everything())
    return Any(tuple(Term(f.ID, i) for i in ids))


def status_counts(
    reader: Reader, plan: Plan, statuses: Statuses, by_ids: int = COUNT_BY_IDS
) -> dict[str, int]:
    """{status: count} of the documents ``plan`` matches (statuses with a count above 0).

    Up to ``by_ids`` matches, their ids are fetched once and looked up (one run; a
    filter of many ids costs an engine one term per id); beyond, one count per status
    some document has, active being the rest."""
    total = reader.run(plan).total
    if not total or not statuses.by_id:
        return {"active": total} if total else {}
    counts = dict.fromkeys(STATUSES, 0)
    if total <= by_ids:
        for doc_id, _ in reader.run(replace(plan, sort="oldest", limit=None)).hits:
            counts[statuses.of(doc_id).status] += 1
        return {k: v for k, v in counts.items() if v}
    for status in STATUSES[1:]:
        ids = statuses.ids(status)
        if ids:
            narrowed = replace(plan, filters=(*plan.filters, _ids_node(ids)))
            counts[status] = reader.run(narrowed).total
    counts["active"] = total - sum(counts.values())
    return {k: v for k, v in counts.items() if v}


def check_statuses(selected: list[str]) -> list[str]:
    """``selected`` when every value is a status, else a ``ValueError`` naming them."""
    wrong = [s for s in selected if s not in STATUSES]
    if wrong:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {wrong[0]!r}")
    return selected


def resolve(reader: Reader, number: str) -> str | None:
    """The id of the live document with this number (by ``number_key``), or None."""
    ids = reader.ids_with(*number_key_form(number))
    return ids[0] if ids else None


def summary(record: dict) -> dict:
    """The fields of a record that a list of related documents shows."""
    return {k: record.get(k) for k in SUMMARY_FIELDS}


def pointing_at(reader: Reader, number: str, types=RELATION_TYPES) -> list[tuple[str, str]]:
    """(type, id) of the documents with a relation of one of ``types`` to ``number``."""
    key = number_key(number)
    return [
        (kind, doc_id)
        for kind in types
        for doc_id in reader.ids_with(f.RELATION_KEYS, f.relation_key(kind, key))
    ]


def related_by(reader: Reader, record: dict) -> list[dict]:
    """``[{"type", "id", "number", "issued_date", "doc_type", ..., "scope"}]``: the
    documents that replace, amend, repeal, implement, guide or cite ``record``, oldest
    first per type; ``scope`` the parts of ``record`` their relation touches (or None)."""
    if not record.get("number"):
        return []
    pairs = [(k, i) for k, i in pointing_at(reader, record["number"]) if i != record["id"]]
    records = reader.records(sorted({i for _, i in pairs}))
    key = number_key(record["number"])
    out = [
        {"type": k, **summary(records[i]), "scope": _scope_of(records[i], k, key)}
        for k, i in pairs
        if i in records
    ]
    order = {t: n for n, t in enumerate(RELATION_TYPES)}
    return sorted(out, key=lambda r: (order[r["type"]], r["issued_date"] or "9999", r["id"]))


def _scope_of(source: dict, kind: str, key: str) -> str | None:
    """The scope of ``source``'s relation of type ``kind`` to the number keyed ``key``."""
    return next(
        (
            r.get("scope")
            for r in source.get("relations") or []
            if r["type"] == kind and number_key(r["number"]) == key
        ),
        None,
    )


def relations(reader: Reader, record: dict) -> list[dict]:
    """The record's typed relations, each with the id its number resolves to (or None)."""
    return [
        {"type": r["type"], "number": r["number"], "date": r.get("date"),
         "scope": r.get("scope"), "id": resolve(reader, r["number"])}
        for r in record.get("relations") or []
    ]  # fmt: skip


def family(reader: Reader, record: dict) -> list[dict]:
    """Everything that implements or guides ``record``, and what implements or guides
    those, ``FAMILY_DEPTH`` steps down: summaries with ``type``, ``parent`` (the id it
    implements or guides) and ``depth`` (1 = directly), each document once."""
    seen = {record["id"]}
    out: list[dict] = []
    frontier = [record]
    for depth in range(1, FAMILY_DEPTH + 1):
        found: list[tuple[str, str, str]] = []
        for parent in frontier:
            if parent.get("number"):
                found += [
                    (k, i, parent["id"])
                    for k, i in pointing_at(reader, parent["number"], FAMILY_TYPES)
                    if i not in seen
                ]
        first = {doc_id: (kind, doc_id, parent) for kind, doc_id, parent in reversed(found)}
        fresh = sorted(first.values(), key=found.index)[: FAMILY_LIMIT - len(out)]
        records = reader.records([i for _, i, _ in fresh])
        frontier = []
        for kind, doc_id, parent in fresh:
            if doc_id in records:
                seen.add(doc_id)
                out.append({**summary(records[doc_id]), "type": kind, "parent": parent,
                            "depth": depth})  # fmt: skip
                frontier.append(records[doc_id])
        if not frontier or len(out) >= FAMILY_LIMIT:
            break
    return out
