"""Page data built from the search structures: URLs, facets, timeline, pagination, groups.

Every helper takes a ``SearchRequest`` (what the page was asked) and returns plain dicts
the templates print as links, so facets, sort, timeline and pages work without JavaScript.
A facet follows Datasette's shape:
``{"name", "label", "results": [{"value", "label", "count", "toggle_url", "selected"}]}``.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

from search.errors import BadQuery
from search.facets import label_matches
from search.models import MAX_PAGE, MAX_PER_PAGE, SORTS, Bucket, FacetValue, SearchRequest

FACET_LABELS = {
    "doc_type": "Loại văn bản",
    "issuer": "Cơ quan ban hành",
    "year": "Năm",
    "signer": "Người ký",
    "status": "Hiệu lực",
}
STATUS_LABELS = {
    "active": "Còn hiệu lực",
    "amended": "Đã được sửa đổi, bổ sung",
    "partly_repealed": "Đã bị bãi bỏ một phần",
    "replaced": "Đã bị thay thế",
    "repealed": "Đã bị bãi bỏ",
}
LIST_PARAMS = ("doc_type", "issuer", "year", "signer", "status")  # repeatable parameters
SORT_LABELS = {"relevance": "Liên quan", "newest": "Mới nhất", "oldest": "Cũ nhất"}
MAX_QUERY_CHARS = 2000
PER_PAGE = {"/": 20, "/browse": MAX_PER_PAGE}  # default page size of each listing page
BAR_LEVELS = 10
FACET_TOP = 10  # values of a facet shown before "Xem thêm"
# Vietnamese wording for the search layer's (English) BadQuery messages, by prefix.
QUERY_MESSAGES = (
    ("unbalanced quote", 'Thiếu dấu ngoặc kép đóng: hãy đóng cụm từ bằng một dấu " thứ hai.'),
    ("query too long", "Câu tìm kiếm quá dài."),
    ("too many terms", "Câu tìm kiếm có quá nhiều từ."),
    ('"-" must', 'Dấu "-" phải đứng ngay trước từ hoặc cụm từ cần loại trừ.'),
    ("leading wildcards", "Không hỗ trợ dấu * ở đầu từ."),
    ("a prefix needs", "Cần ít nhất vài chữ cái trước dấu *."),
    ("OR ", "OR cần một từ hoặc cụm từ ở mỗi bên và không nối với phần loại trừ."),
    ("unknown field", "Trường tìm kiếm không tồn tại."),
    ("year", "Năm không hợp lệ: viết như 2021 hoặc 2019-2021."),
    ("date", "Ngày không hợp lệ: viết như 2021-07-22."),
    ("no such date", "Ngày không tồn tại."),
)


UNDERSTOOD_NOT = "Không hiểu được câu tìm kiếm."
STATUS_MESSAGES = {  # errors that are not the query's fault
    401: "Cần nhập khóa API.",
    403: "Khóa API không đúng, hoặc máy chủ không cho phép ghi.",
    404: "Không tìm thấy văn bản.",
    429: "Đã nhập sai khóa quá nhiều lần; hãy thử lại sau ít phút.",
    500: "Máy chủ gặp lỗi ngoài dự kiến; hãy thử lại, hoặc báo quản trị viên.",
    503: "Máy chủ đang bận hoặc tìm kiếm mất quá nhiều thời gian; hãy thử lại sau ít phút.",
}


def vietnamese_error(exc: Exception) -> str:
    """A Vietnamese message for a search error (the original detail is shown beside it).

    >>> vietnamese_error(BadQuery('unbalanced quote: close the phrase with a second "'))
    'Thiếu dấu ngoặc kép đóng: hãy đóng cụm từ bằng một dấu " thứ hai.'
    """
    text = str(exc)
    if getattr(exc, "vietnamese", False):
        return text
    for prefix, message in QUERY_MESSAGES:
        if text.startswith(prefix):
            return message
    return STATUS_MESSAGES.get(getattr(exc, "status", 400), UNDERSTOOD_NOT)


def error_detail(exc: Exception) -> str | None:
    """The English detail a page shows beside its message: only when the message is a
    general one (a query we could not name the fault of), never a second, English
    version of what the Vietnamese message already says.

    >>> error_detail(BadQuery('unbalanced quote: close the phrase with a second "')) is None
    True
    >>> error_detail(BadQuery("a new fault"))
    'a new fault'
    """
    return str(exc) if vietnamese_error(exc) == UNDERSTOOD_NOT else None


class PageError(BadQuery):
    """A malformed page parameter; its message is already Vietnamese."""

    vietnamese = True


def read_request(params, path: str = "/") -> SearchRequest:
    """A SearchRequest from a page's query string (the same parameters as the API).

    Raises ``PageError`` (400) with a Vietnamese message for malformed values.
    """
    q = params.get("q", "") or ""
    if len(q) > MAX_QUERY_CHARS:
        raise PageError(f"Câu tìm kiếm quá dài (tối đa {MAX_QUERY_CHARS} ký tự).")
    sort = params.get("sort") or "relevance"
    if sort not in SORTS:
        raise PageError("Cách sắp xếp không hợp lệ.")
    if not q.strip() and sort == "relevance":
        sort = "newest"
    return SearchRequest(
        q=q,
        doc_type=_values(params, "doc_type"),
        issuer=_values(params, "issuer"),
        year=[_int(v, "Năm", 1, 9999) for v in _values(params, "year")],
        signer=_values(params, "signer"),
        status=_statuses(_values(params, "status")),
        date_from=_date(params.get("date_from"), "Từ ngày"),
        date_to=_date(params.get("date_to"), "Đến ngày"),
        sort=sort,
        page=_int(params.get("page") or "1", "Trang", 1, MAX_PAGE),
        per_page=_int(
            params.get("per_page") or str(PER_PAGE[path]), "Số văn bản mỗi trang", 1, MAX_PER_PAGE
        ),
    )


def _statuses(values: list[str]) -> list[str]:
    wrong = [v for v in values if v not in STATUS_LABELS]
    if wrong:
        choices = ", ".join(STATUS_LABELS)
        raise PageError(f"Hiệu lực «{wrong[0]}» không hợp lệ: chọn một trong {choices}.")
    return values


def _values(params, name: str) -> list[str]:
    return [v.strip() for v in params.getlist(name) if v.strip()]


def _int(text: str, label: str, low: int, high: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise PageError(f"{label} phải là một số, không phải «{text}».") from None
    if not low <= value <= high:
        raise PageError(f"{label} phải từ {low} đến {high}.")
    return value


def _date(text: str | None, label: str) -> str | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise PageError(f"{label} phải là một ngày như 2021-07-22, không phải «{text}».") from None


def page_url(path: str, request: SearchRequest, **changes) -> str:
    """``path`` with ``request`` (plus ``changes``) as a query string; defaults left out.

    >>> page_url("/", SearchRequest(q="4 tại chỗ", doc_type=["Công văn"]), page=2)
    '/?q=4+t%E1%BA%A1i+ch%E1%BB%97&doc_type=C%C3%B4ng+v%C4%83n&page=2'
    """
    r = replace(request, **changes)
    default_sort = "relevance" if r.q.strip() else "newest"
    pairs: list[tuple[str, object]] = [("q", r.q)] if r.q else []
    for name in LIST_PARAMS:
        pairs += [(name, v) for v in getattr(r, name)]
    pairs += [(n, getattr(r, n)) for n in ("date_from", "date_to") if getattr(r, n)]
    if r.sort != default_sort:
        pairs.append(("sort", r.sort))
    if r.page != 1:
        pairs.append(("page", r.page))
    if r.per_page != PER_PAGE.get(path, 20):
        pairs.append(("per_page", r.per_page))
    return path + ("?" + urlencode(pairs) if pairs else "")


def document_url(doc_id: str, q: str = "", mark: int | None = None) -> str:
    """The reading page of a document; with a query, opened at a highlight: the hit's own
    (``mark``, the one its snippet shows, in the section the snippet names), else the first.

    >>> document_url("a/b", "tại chỗ", 3)
    '/documents/a/b?q=t%E1%BA%A1i+ch%E1%BB%97#hit-3'
    """
    url = "/documents/" + quote(doc_id, safe="/")
    return url + "?" + urlencode({"q": q}) + f"#hit-{mark or 1}" if q.strip() else url


def family_url(doc_id: str) -> str:
    return "/family/" + quote(doc_id, safe="/")


def facets_view(path: str, request: SearchRequest, facets: dict[str, list[FacetValue]]) -> list:
    """Datasette-style facets whose values link to the page with that value toggled."""
    out = []
    for name, label in FACET_LABELS.items():
        values = [v for v in facets.get(name) or [] if v.count or v.selected]  # no "0" offers
        results = [_facet_value(path, request, name, v) for v in values]
        if results:
            shown, more = split_facet(results)
            out.append({"name": name, "label": label, "results": shown, "more": more})
    return out


def split_facet(results: list[dict], top: int = FACET_TOP) -> tuple[list[dict], list[dict]]:
    """The values shown at once (the ``top`` first, and any selected one) and the rest,
    behind "Xem thêm" (a ``<details>``: no JavaScript), each part in its order.

    >>> values = [{"value": str(n), "selected": n == 12} for n in range(14)]
    >>> shown, more = split_facet(values, 3)
    >>> [v["value"] for v in shown], [v["value"] for v in more]
    (['0', '1', '2', '12'], ['3', '4', '5', '6', '7', '8', '9', '10', '11', '13'])
    """
    if len(results) <= top + 1:  # "Xem thêm 1" hides less than it costs
        return results, []
    shown = [v for i, v in enumerate(results) if i < top or v["selected"]]
    return shown, [v for i, v in enumerate(results) if i >= top and not v["selected"]]


def _facet_value(path: str, request: SearchRequest, name: str, value: FacetValue) -> dict:
    current = [str(v) for v in getattr(request, name)]
    if value.selected:
        chosen = [v for v in current if not label_matches(v, value.value)]
    else:
        chosen = current + [value.value]
    if name == "year":
        chosen = [int(v) for v in chosen]
    return {
        "value": value.value,
        "label": STATUS_LABELS.get(value.value, value.value) if name == "status" else value.value,
        "count": value.count,
        "selected": value.selected,
        "toggle_url": page_url(path, request, page=1, **{name: chosen}),
    }


def active_filters(path: str, request: SearchRequest) -> list[dict]:
    """The filters in force, each with a link that removes it."""
    out = []
    for name, label in FACET_LABELS.items():
        values = getattr(request, name)
        for v in values:
            rest = [x for x in values if x != v]
            shown = STATUS_LABELS.get(v, v) if name == "status" else v
            out.append(
                {
                    "label": f"{label}: {shown}",
                    "url": page_url(path, request, page=1, **{name: rest}),
                }
            )
    for name, label in (("date_from", "Từ ngày"), ("date_to", "Đến ngày")):
        if getattr(request, name):
            text = vietnamese_date(getattr(request, name))
            out.append(
                {
                    "label": f"{label}: {text}",
                    "url": page_url(path, request, page=1, **{name: None}),
                }
            )
    return out


def sort_links(path: str, request: SearchRequest) -> list[dict]:
    sorts = SORTS if request.q.strip() else ("newest", "oldest")
    return [
        {
            "label": SORT_LABELS[s],
            "url": page_url(path, request, sort=s, page=1),
            "selected": s == request.sort,
        }
        for s in sorts
    ]


def pagination(path: str, request: SearchRequest, total: int) -> dict | None:
    """Previous/next and a window of page numbers; None when everything fits on one page."""
    last = min(MAX_PAGE, math.ceil(total / request.per_page))
    if last <= 1:
        return None
    current = request.page
    shown = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    pages, previous = [], 0
    for n in shown:
        if n - previous > 1:
            pages.append(None)  # a gap, printed as "…"
        pages.append({"number": n, "url": page_url(path, request, page=n), "current": n == current})
        previous = n
    return {
        "pages": pages,
        "previous": page_url(path, request, page=current - 1) if current > 1 else None,
        "next": page_url(path, request, page=current + 1) if current < last else None,
    }


def timeline_interval(request: SearchRequest) -> str:
    return "month" if len(request.year) == 1 else "year"


def timeline_view(path: str, request: SearchRequest, buckets: list[Bucket]) -> dict | None:
    """Bars of hits by year (by month once one year is chosen), each linking to its period."""
    counts = {b.key: b.count for b in buckets}
    if timeline_interval(request) == "month":
        year = request.year[0]
        keys = [f"{year}-{m:02d}" for m in range(1, 13)]
        bars = [_month_bar(path, request, k, counts.get(k, 0)) for k in keys]
        title = f"Theo tháng, năm {year}"
    else:
        if not counts:
            return None
        years = [int(k) for k in counts]
        keys = [str(y) for y in range(min(years), max(years) + 1)]
        bars = [_year_bar(path, request, k, counts.get(k, 0)) for k in keys]
        title = "Theo năm"
    highest = max((b["count"] for b in bars), default=0)
    for bar in bars:
        bar["level"] = math.ceil(bar["count"] * BAR_LEVELS / highest) if highest else 0
    return {"title": title, "bars": bars, "interval": timeline_interval(request)}


def _year_bar(path: str, request: SearchRequest, key: str, count: int) -> dict:
    return {
        "key": key,
        "label": key,
        "long_label": f"Năm {key}",
        "count": count,
        "url": page_url(path, request, year=[int(key)], page=1) if count else None,
        "selected": [int(key)] == list(request.year),
    }


def _month_bar(path: str, request: SearchRequest, key: str, count: int) -> dict:
    year, month = (int(p) for p in key.split("-"))
    first = date(year, month, 1).isoformat()
    last = date(year, month, calendar.monthrange(year, month)[1]).isoformat()
    url = page_url(path, request, date_from=first, date_to=last, page=1)
    return {
        "key": key,
        "label": f"T{month}",
        "long_label": f"Tháng {month}/{year}",
        "count": count,
        "url": url if count else None,
        "selected": (request.date_from, request.date_to) == (first, last),
    }


def vietnamese_date(iso: str | None) -> str:
    """``2021-07-22`` -> ``22/07/2021``; anything else unchanged.

    >>> vietnamese_date("2021-07-22"), vietnamese_date(None)
    ('22/07/2021', '')
    """
    if not iso:
        return ""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso)
    return f"{match[3]}/{match[2]}/{match[1]}" if match else iso


def local_time(iso: str, zone: str = "Asia/Ho_Chi_Minh") -> str:
    """A stored UTC time (ISO) as the office's clock shows it (TRACUU_TIMEZONE).

    >>> local_time("2026-12-07T20:30:00+00:00")
    '08/12/2026 03:30'
    >>> local_time("2026-12-07T20:30:00+00:00", "UTC")
    '07/12/2026 20:30'
    """
    when = datetime.fromisoformat(iso)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(ZoneInfo(zone)).strftime("%d/%m/%Y %H:%M")


def vietnamese_number(value: float, digits: int = 1) -> str:
    """A decimal with a comma, as Vietnamese writes it: ``18.51`` -> ``18,5``."""
    return f"{value:.{digits}f}".replace(".", ",")


def sentence_case(text: str | None) -> str:
    """A title whose first letter is a capital (trích yếu often starts in lower case).

    >>> sentence_case("triển khai thực hiện"), sentence_case("Covid-19"), sentence_case(None)
    ('Triển khai thực hiện', 'Covid-19', '')
    """
    return text[:1].upper() + text[1:] if text else ""


def group_by_month(hits: list) -> list[dict]:
    """Hits (newest first) as ``[{"year", "months": [{"month", "hits"}]}]``; undated last."""
    years: list[dict] = []
    for hit in hits:
        iso = hit.issued_date or ""
        year, month = (int(iso[:4]), int(iso[5:7])) if len(iso) >= 7 else (None, None)
        if not years or years[-1]["year"] != year:
            years.append({"year": year, "months": []})
        months = years[-1]["months"]
        if not months or months[-1]["month"] != month:
            months.append({"month": month, "hits": []})
        months[-1]["hits"].append(hit)
    return years


def number_marks(body_html: str) -> tuple[str, int]:
    """Give each ``<mark>`` of escaped, highlighted text an id ``hit-N``; also the count.

    >>> number_marks("a <mark>b</mark> c <mark>d</mark>")
    ('a <mark id="hit-1">b</mark> c <mark id="hit-2">d</mark>', 2)
    """
    count = 0

    def numbered(_match: re.Match) -> str:
        nonlocal count
        count += 1
        return f'<mark id="hit-{count}">'

    return re.sub(r"<mark>", numbered, body_html), count


def follow_view(request: SearchRequest) -> dict:
    """The search's feed, its exported files and the fields of its "Lưu tìm kiếm" form.

    >>> follow_view(SearchRequest(q="4 tại chỗ", sort="newest"))["feed_url"]
    '/feeds/search.atom?q=4+t%E1%BA%A1i+ch%E1%BB%97&sort=newest'
    """
    first = replace(request, page=1, per_page=PER_PAGE["/"])
    query = page_url("", first).removeprefix("?")
    joined = (query + "&") if query else ""
    fields = [("q", first.q)] if first.q else []
    for name in ("doc_type", "issuer", "year", "signer"):
        fields += [(name, v) for v in getattr(first, name)]
    fields += [(n, getattr(first, n)) for n in ("date_from", "date_to") if getattr(first, n)]
    return {
        "feed_url": "/feeds/search.atom" + ("?" + query if query else ""),
        "exports": [
            {"label": kind.upper(), "url": f"/api/export?{joined}format={kind}{extra}"}
            for kind, extra in (("csv", "&bom=true"), ("docx", ""), ("pdf", ""))
        ],
        "fields": fields + [("sort", first.sort)],
        "name": first.q.strip(),
    }


def related_feed_url(doc_id: str) -> str:
    """The feed of the documents that cite ``doc_id``."""
    return "/feeds/related/" + quote(doc_id, safe="/") + ".atom"
