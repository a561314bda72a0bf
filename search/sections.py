"""Sections read back from a record (``indexer.metadata.structure`` stored them): the outline a
reader navigates by, and the place of an offset in the body, for a hit's snippet.

A stored section is ``{"kind", "label", "title", "start", "anchor", "level", "path"}``.
"""

from __future__ import annotations

from bisect import bisect_right

OUTLINE_FIELDS = ("label", "title", "anchor", "level")


def outline(sections: list[dict]) -> list[dict]:
    """``[{"label", "title", "anchor", "level"}]`` of the sections in the outline (level > 0).

    >>> outline([{"label": "Điều 1", "title": "Phạm vi", "anchor": "dieu-1", "level": 1,
    ...           "kind": "article", "start": 0, "path": "Điều 1"},
    ...          {"label": "khoản 1", "title": None, "anchor": "dieu-1-khoan-1", "level": 0,
    ...           "kind": "clause", "start": 9, "path": "Điều 1, khoản 1"}])
    [{'label': 'Điều 1', 'title': 'Phạm vi', 'anchor': 'dieu-1', 'level': 1}]
    """
    out = [{k: s.get(k) for k in OUTLINE_FIELDS} for s in sections if s.get("level")]
    for entry in out:  # "mục 1" -> "Mục 1": an outline entry starts a line
        entry["label"] = entry["label"][:1].upper() + entry["label"][1:]
    return out


def section_at(sections: list[dict], offset: int) -> dict | None:
    """``{"label": "Điều 2, khoản 2", "anchor"}`` of the innermost section holding
    ``offset``, or None before the first one.

    >>> sections = [{"start": 0, "path": "Điều 1", "anchor": "dieu-1"},
    ...             {"start": 20, "path": "Điều 1, khoản 2", "anchor": "dieu-1-khoan-2"}]
    >>> section_at(sections, 25), section_at(sections, 5)["label"]
    ({'label': 'Điều 1, khoản 2', 'anchor': 'dieu-1-khoan-2'}, 'Điều 1')
    """
    at = bisect_right([s["start"] for s in sections], offset)
    if at == 0:
        return None
    section = sections[at - 1]
    return {"label": section["path"], "anchor": section["anchor"]}
