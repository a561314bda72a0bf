"""Dates in a header: the ``<place>, ngày … tháng … năm …`` line (VIETNAMESE.md section 6)
in any spacing and dressing, ``ngày 5/8/2021`` and ``ngày 5-8-2021``, and the line whose
day is left blank (``ngày      tháng 3 năm 2024``), which gives a month.
"""

from __future__ import annotations

import datetime as dt
import re

from indexer.metadata.lines import plain, squash

DATE = re.compile(
    r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
    r"|ngày\s+(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\5\s*(\d{4})",
    re.IGNORECASE,
)


def iso(year: int, month: int, day: int) -> str | None:
    """``YYYY-MM-DD``, or None for a day the calendar does not have.

    >>> iso(2021, 8, 5), iso(2021, 2, 30)
    ('2021-08-05', None)
    """
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def date_of(match: re.Match[str]) -> str | None:
    """The ISO date of a ``DATE`` match.

    >>> date_of(DATE.search("ngày 05 tháng 8 năm 2021")), date_of(DATE.search("ngày 5-8-2021"))
    ('2021-08-05', '2021-08-05')
    """
    d, m, y = (int(g) for g in match.groups() if g is not None and g.isdigit())
    return iso(y, m, d)


def date_line(line: str) -> tuple[str | None, str | None] | None:
    """``(place, iso_date)`` when ``line`` is a header date line; else None.

    >>> date_line("*Hà Nội, ngày  05  tháng 8 năm 2021*"), date_line("Huế, ngày 5/8/2021.")
    (('Hà Nội', '2021-08-05'), ('Huế', '2021-08-05'))
    """
    text = plain(line).rstrip(" .*_")
    match = next((m for m in DATE.finditer(text) if m.end() == len(text)), None)
    day = date_of(match) if match else None
    if day is None:
        return None
    before = text[: match.start()].rstrip()
    if not before:
        return None, day
    place = squash(re.split(r"\s{2,}|\|", before.rstrip(",").strip())[-1])
    if not before.endswith(",") or not place[:1].isupper() or len(place.split()) > 6:
        return None
    return place, day


_MONTH_ONLY = re.compile(
    r"ngày[\s._…]*tháng\s+(\d{1,2})\s+năm\s+(\d{4})$|^tháng\s+(\d{1,2})\s+năm\s+(\d{4})$",
    re.IGNORECASE,
)


def month_line(line: str) -> tuple[str | None, str] | None:
    """``(place, YYYY-MM)`` of a header date line whose day is left blank (a copy made
    before the day was filled in: ``Châu Thành, ngày      tháng 3 năm 2024``); else None.

    >>> month_line("Châu Thành, ngày      tháng 3 năm 2024")
    ('Châu Thành', '2024-03')
    >>> month_line("ngày ... tháng 12 năm 2023")
    (None, '2023-12')
    >>> month_line("Hà Nội, ngày 5 tháng 3 năm 2024")
    """
    text = plain(line).rstrip(" .*_")
    match = _MONTH_ONLY.search(text)
    if match is None:
        return None
    month, year = (int(g) for g in match.groups() if g is not None)
    if not 1 <= month <= 12:
        return None
    before = text[: match.start()].rstrip()
    place = squash(before.rstrip(",")) if before.endswith(",") else None
    if before and (place is None or not place[:1].isupper() or len(place.split()) > 6):
        return None
    return place, f"{year:04d}-{month:02d}"
