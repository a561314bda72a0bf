"""Ranking on every engine (``mixed``: Whoosh, and Solr when a cluster is configured),
through the API, on a mixed archive: the sample, 300 documents generated from real
Wikipedia sentences, and three that cite 342-CV/TU. What was typed, side by side, comes
first; the order is one whatever the page; a number typed in the box puts its document
first; accents typed wrong rank as if typed right; ``explain`` says why."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from tests.conftest import SEED

SAYS_FOUR = {SEED["001"], SEED["002"]}  # "4 tại chỗ", word for word
SAYS_FOUR_IN_WORDS = {SEED["000"], SEED["003"]}  # "bốn tại chỗ"
CITING = {"citing_0", "citing_1", "citing_2"}
HIT_LINK = re.compile(r'class="hit-title"><a href="/documents/([^"?#]+)')


def search(client, **params) -> dict:
    response = client.get("/api/search", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def ids(body: dict) -> list[str]:
    return [hit["id"] for hit in body["results"]]


@pytest.mark.parametrize("q", ["4 tại chỗ", "4 tai cho", "4 TẠI CHỖ"])
def test_the_documents_that_say_what_was_typed_come_first(mixed, q):
    _, client = mixed
    body = search(client, q=q, per_page=20)
    first = ids(body)[:4]
    assert (set(first[:2]), set(first[2:])) == (SAYS_FOUR, SAYS_FOUR_IN_WORDS)
    tiers = [hit["tier"] for hit in body["results"]]
    assert tiers[:4] == ["exact", "exact", "equivalent", "equivalent"]
    assert set(tiers[4:]) <= {"folded", "words", "other"} and body["total"] > 20


def page_ids(client, q: str, per_page: int) -> tuple[list[str], int]:
    first = search(client, q=q, per_page=per_page)
    found = ids(first)
    pages = -(-first["total"] // per_page)
    for page in range(2, pages + 1):
        found += ids(search(client, q=q, per_page=per_page, page=page))
    return found, first["total"]


@pytest.mark.parametrize("q", ["của các", "cua cac", "tỉnh ủy", "tinh uy"])
def test_one_order_whatever_the_page(mixed, q):
    _, client = mixed
    by_20, total = page_ids(client, q, 20)
    assert total > 100  # common words: most of the archive matches
    assert len(by_20) == len(set(by_20)) == total
    by_100, _ = page_ids(client, q, 100)
    assert by_100 == by_20
    exported = client.get("/api/export", params={"q": q, "format": "json"}).json()
    assert [r["id"] for r in exported["results"]] == by_20
    page = client.get("/", params={"q": q, "page": 2})
    assert [unquote(i) for i in HIT_LINK.findall(page.text)] == by_20[20:40]


def test_the_cli_lists_the_order_of_the_api(mixed_index, mixed_corpus):
    """On the default engine (the CLI's engine is the one its environment names)."""
    import json

    from click.testing import CliRunner
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.cli import main
    from api.settings import Settings

    args = ["search", "cua cac", "--page", "3", "--per-page", "20", "--json"]
    result = CliRunner().invoke(main, [*args, "--index-dir", str(mixed_index)])
    assert result.exit_code == 0, result.output
    cli = [hit["id"] for hit in json.loads(result.output)["results"]]
    settings = Settings(index_dir=mixed_index, corpus_dir=mixed_corpus)
    with TestClient(create_app(settings)) as client:
        assert cli == ids(search(client, q="cua cac", per_page=20, page=3))


@pytest.mark.parametrize("q", ["342-CV/TU", "342 cv tu", "công văn 342-CV/TU", "342/cv-tu"])
def test_a_number_in_the_box_puts_its_document_first(mixed, q):
    _, client = mixed
    body = search(client, q=q)
    first = body["results"][0]
    assert (first["id"], first["tier"], body["suggestion"]) == (SEED["000"], "number", None)
    assert CITING <= set(ids(body)[1:])
    page = client.get("/", params={"q": q}).text
    assert page.count("Văn bản số 342-CV/TU") == 1
    card = page[page.index('class="number-card"') :]
    assert unquote(HIT_LINK.search(card).group(1)) == SEED["000"]


@pytest.mark.parametrize("typed, right", [("chỉ thi", "chỉ thị"), ("tỉnh ũy", "tỉnh ủy")])
def test_accents_partly_typed_rank_as_if_typed_right(mixed, typed, right):
    _, client = mixed
    wrong, proper = search(client, q=typed), search(client, q=right)
    assert (wrong["suggestion"], proper["suggestion"]) == (right, None)
    # what the archive writes, side by side, first: the same tiers as typed right
    assert [h["tier"] for h in wrong["results"]] == [h["tier"] for h in proper["results"]]
    assert wrong["results"][0]["tier"] == "exact"
    assert set(ids(wrong)) & set(ids(proper))


@pytest.mark.parametrize(
    "typed, right", [("phòng chóng dịch", "phòng chống dịch"), ("covd", "covid")]
)
def test_a_word_one_letter_off_gets_a_suggestion(mixed, typed, right):
    _, client = mixed
    assert search(client, q=typed)["suggestion"] == right


@pytest.mark.parametrize("q", ["được sử dụng", "trong năm", "thì được", "công ty"])
def test_words_typed_right_are_left_alone(mixed, q):
    _, client = mixed
    body = search(client, q=q)
    assert (body["suggestion"], body["results"][0]["tier"]) == (None, "exact")


def test_explain_gives_the_tier_and_the_parts_of_each_score(mixed):
    _, client = mixed
    body = search(client, q="4 tai cho", explain=True)
    for hit in body["results"]:
        parts = dict(hit["explain"])
        assert parts.pop("tier") == hit["tier"]
        assert {"terms", "proximity", "fields", "restored"} <= set(parts)
        assert sum(parts.values()) == pytest.approx(hit["score"], rel=1e-3, abs=1e-3)
    assert body["results"][0]["explain"]["proximity"] > 0
    assert all(hit["explain"] is None for hit in search(client, q="4 tai cho")["results"])


def test_snippets_of_a_corrected_query_mark_what_ranked_them(mixed):
    _, client = mixed
    first = search(client, q="chỉ thi")["results"][0]
    assert "<mark>chỉ thị</mark>" in first["snippet"].lower()
