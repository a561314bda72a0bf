"""Exact means exact: a quoted phrase is only that phrase, and an answer that had to let
words go says so (API, export, timeline, page, CLI)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from api.cli import main
from tests.conftest import SEED

ABSENT_PHRASES = ['"chỗ tại"', '"bình ninh"', '"tại chỗ bốn"']


@pytest.mark.parametrize("q", ABSENT_PHRASES)
def test_a_phrase_no_document_has_finds_nothing(client, q):
    body = client.get("/api/search", params={"q": q}).json()
    assert (body["total"], body["results"], body["relaxed"]) == (0, [], False)
    assert body["facets"]["doc_type"] == []


def test_a_phrase_with_no_hit_suggests_its_words_unquoted(client):
    body = client.get("/api/search", params={"q": '"chỗ tại"'}).json()
    assert body["suggestion"] == "chỗ tại"
    assert client.get("/api/search", params={"q": "chỗ tại"}).json()["total"] == 5


def test_words_that_no_document_has_together_are_relaxed_and_say_so(client):
    body = client.get("/api/search", params={"q": "covid xyzzy"}).json()
    assert (body["relaxed"], body["total"]) == (True, 5)


def test_words_every_hit_has_are_not_relaxed(client):
    body = client.get("/api/search", params={"q": "covid tỉnh ủy"}).json()
    assert (body["relaxed"], body["total"]) == (False, 5)


def test_a_relaxed_query_keeps_its_quoted_phrase_whole(client):
    body = client.get("/api/search", params={"q": '"bốn tại chỗ" xyzzy'}).json()
    assert body["relaxed"] is True
    assert {r["id"] for r in body["results"]} == {SEED[s] for s in ("000", "001", "002", "003")}


def test_a_single_word_is_never_relaxed(client):
    body = client.get("/api/search", params={"q": "xyzzy"}).json()
    assert (body["total"], body["relaxed"]) == (0, False)


def test_filters_do_not_relax_words_some_document_has(client):
    params = {"q": "covid tỉnh ủy", "doc_type": "Không có loại này"}
    body = client.get("/api/search", params=params).json()
    assert (body["total"], body["relaxed"]) == (0, False)


def test_export_and_timeline_follow_the_same_rule(client):
    assert json.loads(client.get("/api/export", params={"q": '"chỗ tại"'}).text)["total"] == 0
    assert client.get("/api/timeline", params={"q": '"chỗ tại"'}).json() == {"buckets": []}
    rows = list(csv.DictReader(io.StringIO(
        client.get("/api/export", params={"q": "covid xyzzy", "format": "csv"}).text
    )))  # fmt: skip
    assert len(rows) == 5
    relaxed = client.get("/api/timeline", params={"q": "covid xyzzy"}).json()
    assert relaxed == client.get("/api/timeline", params={"q": "covid"}).json() != {"buckets": []}


def test_the_cli_says_so_too(sample_index):
    runner = CliRunner()
    relaxed = runner.invoke(main, ["search", "covid xyzzy", "--index-dir", str(sample_index)])
    assert relaxed.exit_code == 0
    assert "Không có văn bản nào chứa tất cả các từ" in relaxed.output
    phrase = runner.invoke(main, ["search", '"chỗ tại"', "--index-dir", str(sample_index)])
    assert phrase.output.splitlines()[0].startswith("0 documents")
    data = json.loads(
        runner.invoke(
            main, ["search", "covid xyzzy", "--json", "--index-dir", str(sample_index)]
        ).output
    )
    assert (data["relaxed"], data["partial"]) == (True, False)
