"""Page data of the reading and family pages: status line, relations grouped by type,
anchors in the body, and the family timeline (issuers by date).

Plain dicts and strings out, for the templates; text from documents stays text (the
templates escape it), and the one HTML helper (``anchored``) only inserts empty anchors
into HTML that the search layer already escaped.
"""

from __future__ import annotations

import re
from html import escape

from web.views import vietnamese_date

# How this document relates to others (its own relations) ...
OUTGOING = {
    "replaces": "Thay thế",
    "amends": "Sửa đổi, bổ sung",
    "repeals": "Bãi bỏ",
    "partly_repeals": "Bãi bỏ một phần",
    "implements": "Triển khai thực hiện",
    "guides": "Hướng dẫn thực hiện",
    "cites": "Dẫn chiếu",
}
# ... and how others relate to it (their relations, read from this side)
INCOMING = {
    "replaces": "Bị thay thế bởi",
    "amends": "Được sửa đổi, bổ sung bởi",
    "repeals": "Bị bãi bỏ bởi",
    "partly_repeals": "Bị bãi bỏ một phần bởi",
    "implements": "Được triển khai thực hiện bởi",
    "guides": "Được hướng dẫn thực hiện bởi",
    "cites": "Được dẫn chiếu bởi",
}
STATUS_LINES = {
    "amended": "Đã được sửa đổi, bổ sung",
    "partly_repealed": "Đã bị bãi bỏ một phần",
    "replaced": "Đã bị thay thế",
    "repealed": "Đã bị bãi bỏ",
}
# ... and with the parts touched: "Đã bị bãi bỏ khoản 4 Điều 15 bởi ..."
SCOPED_LINES = {
    "amended": "Đã được sửa đổi, bổ sung {scope}",
    "partly_repealed": "Đã bị bãi bỏ {scope}",
    "replaced": "Đã bị thay thế {scope}",
    "repealed": "Đã bị bãi bỏ {scope}",
}
# One step of a status chain, said of another document: "... đã bị bãi bỏ bởi ..."
CHAIN_VERBS = {
    "amended": "được sửa đổi, bổ sung",
    "partly_repealed": "bị bãi bỏ một phần",
    "replaced": "bị thay thế",
    "repealed": "bị bãi bỏ",
}
UNDATED = "Chưa rõ ngày"
MAX_DAY_COLUMNS = 12  # a family with more dates than this is laid out by month


def document_name(doc: dict) -> str:
    """How a list names a document: ``Quyết định 07/2022/QĐ-UBND``, else its title or id.

    >>> document_name({"id": "x", "doc_type": "Quyết định", "number": "07/2022/QĐ-UBND"})
    'Quyết định 07/2022/QĐ-UBND'
    """
    named = " ".join(p for p in (doc.get("doc_type"), doc.get("number")) if p)
    return named or doc.get("title") or doc.get("subject") or doc["id"]


def status_line(status: str, by: dict | None, scope: str | None = None) -> dict | None:
    """The reading page's status sentence (``text``), as ``lead`` + a link to ``by``
    when a document decided it, naming the parts touched (``scope``); None when the
    document is in force.

    >>> by = {"id": "q", "doc_type": "Quyết định", "number": "07/2022/QĐ-UBND"}
    >>> status_line("replaced", by)["text"]
    'Đã bị thay thế bởi Quyết định 07/2022/QĐ-UBND'
    >>> status_line("partly_repealed", by, "khoản 4 Điều 15")["text"]
    'Đã bị bãi bỏ khoản 4 Điều 15 bởi Quyết định 07/2022/QĐ-UBND'
    >>> status_line("repealed", None)["text"], status_line("active", None)
    ('Đã bị bãi bỏ (theo danh mục của kho)', None)
    """
    if status not in STATUS_LINES:
        return None
    if by is None:
        text = f"{STATUS_LINES[status]} (theo danh mục của kho)"
        return {"text": text, "lead": text, "by": None}
    said = SCOPED_LINES[status].format(scope=scope) if scope else STATUS_LINES[status]
    lead = f"{said} bởi"
    return {"text": f"{lead} {document_name(by)}", "lead": lead, "by": by}


def scope_of(related_by: list[dict], by: dict | None) -> str | None:
    """The parts of this document that ``by`` (the document deciding its status, with
    its relation ``type``) touches, from the documents pointing at it."""
    if by is None:
        return None
    return next(
        (r.get("scope") for r in related_by if r["id"] == by["id"] and r["type"] == by["type"]),
        None,
    )


def chain_lines(steps: list[dict]) -> list[dict]:
    """The status chain after its first step, one sentence each: ``{"of", "verb",
    "scope", "by"}`` for "<of> đã <verb> [<scope>] bởi <by>".

    >>> b = {"id": "b", "doc_type": "Quyết định", "number": "2/QĐ"}
    >>> c = {"id": "c", "doc_type": "Quyết định", "number": "3/QĐ"}
    >>> steps = [{"status": "replaced", "of": {"id": "a"}, "by": b, "scope": None},
    ...          {"status": "amended", "of": b, "by": c, "scope": "Điều 2"}]
    >>> [(x["of"]["id"], x["verb"], x["scope"], x["by"]["id"]) for x in chain_lines(steps)]
    [('b', 'được sửa đổi, bổ sung', 'Điều 2', 'c')]
    """
    return [
        {"of": s["of"], "verb": CHAIN_VERBS[s["status"]], "scope": s["scope"], "by": s["by"]}
        for s in steps[1:]
        if s["status"] in CHAIN_VERBS
    ]


def outgoing_groups(relations: list[dict], references: list) -> list[dict]:
    """This document's relations by type: ``[{"type", "label", "items"}]``, each item
    ``{"number", "id", "date"}``; references the text does not type (the manifest's) are
    cited."""
    items = list(relations)
    typed = {r["number"] for r in relations}
    items += [
        {"type": "cites", "number": ref.number, "id": ref.id, "date": None}
        for ref in references
        if ref.number not in typed
    ]
    return _grouped(items, OUTGOING)


def incoming_groups(related_by: list[dict]) -> list[dict]:
    """The documents pointing at this one, by the type of their relation."""
    return _grouped(related_by, INCOMING)


def _grouped(items: list[dict], labels: dict[str, str]) -> list[dict]:
    return [
        {"type": kind, "label": label, "items": [i for i in items if i["type"] == kind]}
        for kind, label in labels.items()
        if any(i["type"] == kind for i in items)
    ]


def anchored(html: str, anchors: list[tuple[int, str]]) -> str:
    """Escaped ``html`` of a text with an empty ``<span id>`` before the characters at
    the given text offsets (entities count as one character, tags as none).

    >>> anchored("&lt;b&gt; <mark>c</mark>", [(0, "x"), (4, "y")]).replace(' class="anchor"', "")
    '<span id="x"></span>&lt;b&gt; <span id="y"></span><mark>c</mark>'
    """
    pending = sorted(anchors)
    out: list[str] = []
    pos = 0
    for token in re.finditer(r"<[^>]*>|&[^;\s]*;|[^<&]+", html):
        piece = token.group()
        if piece.startswith("</"):
            out.append(piece)
            continue
        if piece.startswith("<"):  # an anchor at the text a <mark> opens goes before it
            _flush(out, pending, pos)
            out.append(piece)
            continue
        length = 1 if piece.startswith("&") else len(piece)  # an entity is one character
        done = 0
        while pending and pending[0][0] - pos < length:
            cut = max(pending[0][0] - pos, done)
            out.append(piece[done:cut])
            done = cut
            out.append(_span(pending.pop(0)[1]))
        out.append(piece[done:])
        pos += length
    return "".join(out)


def _span(anchor: str) -> str:
    return f'<span class="anchor" id="{escape(anchor)}"></span>'


def _flush(out: list[str], pending: list[tuple[int, str]], pos: int) -> None:
    while pending and pending[0][0] <= pos:
        out.append(_span(pending.pop(0)[1]))


def family_timeline(document: dict, members: list[dict]) -> dict:
    """The family as a grid: one row per issuer, one column per date (per month when
    there are more than ``MAX_DAY_COLUMNS`` dates, per year when the family spans more
    than three years), each cell the documents of that issuer then.
    ``{"columns": [label], "rows": [{"issuer", "cells": [[doc]]}]}``; undated last."""
    docs = [{**document, "root": True}, *members]
    days = sorted({d["issued_date"] for d in docs if d.get("issued_date")})
    if len(days) <= MAX_DAY_COLUMNS:
        width = 10
    else:
        width = 4 if int(days[-1][:4]) - int(days[0][:4]) > 3 else 7
    columns = sorted({_period(d, width) for d in docs if d.get("issued_date")})
    if any(not d.get("issued_date") for d in docs):
        columns.append(UNDATED)
    rows: dict[str, list[list[dict]]] = {}
    for doc in sorted(docs, key=lambda d: (d.get("issued_date") or "9999", d["id"])):
        cells = rows.setdefault(doc.get("issuer") or "Không rõ cơ quan", [[] for _ in columns])
        cells[columns.index(_period(doc, width))].append(doc)
    return {
        "columns": [_column_label(c) for c in columns],
        "rows": [{"issuer": issuer, "cells": cells} for issuer, cells in rows.items()],
    }


def _period(doc: dict, width: int) -> str:
    """The column of a document: its ISO date cut to ``width`` (10 day, 7 month, 4 year)."""
    iso = doc.get("issued_date")
    return iso[:width] if iso else UNDATED


def _column_label(key: str) -> str:
    """``2021-06-15`` -> ``15/06/2021``, ``2021-06`` -> ``6/2021``; a year unchanged.

    >>> _column_label("2021-06-15"), _column_label("2021-06"), _column_label("2021")
    ('15/06/2021', '6/2021', '2021')
    """
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", key):
        return vietnamese_date(key)
    if re.fullmatch(r"\d{4}-\d{2}", key):
        return f"{int(key[5:])}/{key[:4]}"
    return key


def family_names(document: dict, members: list[dict]) -> dict[str, str]:
    """Id -> name of everyone on a family page (to say what each one implements)."""
    return {d["id"]: document_name(d) for d in (document, *members)}


def short_date(iso: str | None) -> str:
    return vietnamese_date(iso) if iso else UNDATED
