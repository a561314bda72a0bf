"""Whatever a user types, search answers with results or a BadQuery: never anything else."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.errors import BadQuery, SearchTimeout
from search.models import SearchRequest
from search.query import MAX_QUERY_CHARS, MAX_TERMS, parse_query
from search.searcher import Engine

FIELDS = ("number", "type", "issuer", "signer", "year", "date", "Number", "TYPE", "foo", "")
VALUES = st.one_of(
    st.sampled_from(
        [
            "",
            '""',
            '"',
            "2021",
            "2019-2021",
            "2021..2019",
            "0000",
            "99999",
            "2021-07",
            "2021-13",
            "2021-02-31",
            "2021-07-01..2021-09-30",
            "..",
            "2021..",
            "..2021",
            "342-CV/TU",
            "1102/CĐ-TTG",
            '"Công văn"',
            '"Tỉnh ủy Ninh Bình"',
            "Công_văn",
            "*",
            "a*",
            "-",
            "OR",
            "(",
            ")",
            "<script>",
            "'",
            "\\",
            "\x00",
            "🙂",
        ]
    ),  # fmt: skip
    st.text(max_size=20),
    st.from_regex(r"\d{1,5}(-\d{1,3}){0,2}(\.\.\d{1,5}(-\d{1,3}){0,2})?", fullmatch=True),
)
WORDS = st.sampled_from([
    "covid", "Covid-19", "tại", "chỗ", "tai", "cho", "phòng", "chống", "dịch", "Đảng",
    "OR", "or", "-", "--", "-x", "*abc", "a*", "ab*", "?x", "*", '"', '""', '"tại chỗ"',
    "(", ")", "()", "((", "))", "\u201ctại chỗ\u201d", "«", "»", "AND", "NOT", "x:y",
    ":", "::", "number:342-CV/TU", "type:\"Công văn\"", "year:2021", "date:2021-07",
])  # fmt: skip


@st.composite
def field_filters(draw) -> str:
    name = draw(st.sampled_from(FIELDS))
    return f"{name}:{draw(VALUES)}"


@st.composite
def nested_groups(draw) -> str:
    depth = draw(st.integers(0, 200))
    inner = draw(st.one_of(st.just(""), WORDS, st.text(max_size=10)))
    return "(" * depth + inner + ")" * draw(st.integers(0, 200))


HOSTILE = st.one_of(
    st.text(),  # any Unicode, control characters included
    st.text(alphabet=st.characters(codec=None, categories=("Cc", "Cf", "Zs", "Zl", "Zp", "Mn"))),
    st.text(min_size=MAX_QUERY_CHARS - 5, max_size=MAX_QUERY_CHARS + 5),
    st.integers(0, 600).map(lambda n: '"' * n),
    st.integers(0, 60).map(lambda n: " ".join(["OR"] * n)),
    nested_groups(),
    field_filters(),
    st.lists(st.one_of(WORDS, field_filters(), nested_groups()), max_size=40).map(" ".join),
    st.just("x" * 10_000),
    st.just("tại " * 2_500),
)
RUNS = settings(
    max_examples=300, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)


@RUNS
@given(HOSTILE)
def test_parse_query_returns_a_query_or_raises_bad_query(text):
    try:
        query = parse_query(text)
    except BadQuery as exc:
        assert str(exc)
    else:
        assert len(query.terms()) <= MAX_TERMS


@RUNS
@given(
    q=HOSTILE,
    page=st.integers(-2, 1002),
    per_page=st.integers(-1, 102),
    sort=st.sampled_from(["relevance", "newest", "oldest", "", "random"]),
    date_from=st.one_of(st.none(), st.sampled_from(["2021-07-01", "2021-13-01", "x", ""])),
)
def test_engine_search_returns_results_or_raises_bad_query(
    ro_engine, q, page, per_page, sort, date_from
):
    request = SearchRequest(q=q, page=page, per_page=per_page, sort=sort, date_from=date_from)
    try:
        results = ro_engine.search(request)
    except BadQuery as exc:
        assert str(exc)
    else:
        assert 0 <= len(results.results) <= results.total
        assert len(results.results) <= per_page


@RUNS
@given(
    q=HOSTILE,
    page=st.one_of(st.integers(-5, 1005), st.just(10**9), st.sampled_from(["", "x", "1.5"])),
    per_page=st.one_of(st.integers(-1, 102), st.sampled_from(["", "x", "1e3"])),
)
def test_search_api_answers_200_or_400_with_detail(read_client, q, page, per_page):
    response = read_client.get("/api/search", params={"q": q, "page": page, "per_page": per_page})
    assert response.status_code in (200, 400), response.text
    if response.status_code == 400:
        body = response.json()
        assert list(body) == ["detail"] and isinstance(body["detail"], str) and body["detail"]
    else:
        assert isinstance(response.json()["total"], int)


@pytest.mark.parametrize("q", ["² tại chỗ", "x ³ y", "①"])
def test_non_decimal_digits_in_a_query_are_not_a_crash(ro_engine, q):
    assert ro_engine.search(SearchRequest(q=q)).total >= 0


@pytest.mark.parametrize(
    "params",
    [
        {"per_page": 0},
        {"per_page": 101},
        {"per_page": -1},
        {"page": 0},
        {"page": 10**9},
        {"page": -1},
        {"q": "*abc"},
        {"q": "?bc"},
        {"q": "a*"},
        {"q": "x" * 10_000},
        {"q": "x" * (MAX_QUERY_CHARS + 1)},
        {"q": " ".join(f"w{i}" for i in range(MAX_TERMS + 1))},
        {"q": "OR OR OR"},
        {"q": '"tại chỗ'},
        {"q": "year:20x1"},
        {"q": "date:2021-13"},
        {"q": "bogus:field"},
        {"sort": "random"},
        {"date_from": "2021-02-30"},
        {"year": "twenty"},
    ],
)
def test_limits_and_expensive_patterns_answer_400(read_client, params):
    response = read_client.get("/api/search", params=params)
    assert response.status_code == 400, response.text
    assert list(response.json()) == ["detail"]


@pytest.mark.parametrize(
    "q", ["", "((()))", "()", '"' * 500, "tai cho", "ab*", "Covid-19 OR vắc-xin", "year:2021"]
)
def test_odd_but_harmless_queries_answer_200(read_client, q):
    assert read_client.get("/api/search", params={"q": q}).status_code == 200


def test_search_past_its_time_budget_is_a_503_style_error(ro_index):
    hurried = Engine(ro_index, time_budget=0.0)
    try:
        with pytest.raises(SearchTimeout, match="took longer than 0 s") as caught:
            hurried.search(SearchRequest(q="covid phòng chống dịch"))
        assert caught.value.status == 503
    finally:
        hurried.close()


def test_api_reports_a_search_timeout_as_503_with_detail(ro_index):
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings

    app = create_app(Settings(index_dir=ro_index, search_time_budget=0.0))
    with TestClient(app) as client:
        response = client.get("/api/search", params={"q": "covid"})
    app.state.engine.close()
    assert response.status_code == 503
    assert "took longer than" in response.json()["detail"]
