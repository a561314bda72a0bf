"""Search through the HTTP API on the sample archive (real index, real FastAPI app)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from tests.conftest import SEED


def ids(response) -> set[str]:
    assert response.status_code == 200, response.text
    return {hit["id"] for hit in response.json()["results"]}


FOUR_ON_SITE = {SEED["000"], SEED["001"], SEED["002"], SEED["003"]}


@pytest.mark.parametrize("q", ["4 tại chỗ", "4 tai cho", '"bốn tại chỗ"', '"4 tai cho"'])
def test_four_on_site_finds_every_spelling(client, q):
    assert FOUR_ON_SITE <= ids(client.get("/api/search", params={"q": q}))


def test_exact_phrase_hits_rank_above_scattered_ones(client):
    results = client.get("/api/search", params={"q": "4 tại chỗ"}).json()["results"]
    assert {r["id"] for r in results[:4]} == FOUR_ON_SITE


def test_old_tone_placement_is_found_by_new(client):
    assert SEED["003"] in ids(client.get("/api/search", params={"q": "Tỉnh ủy"}))
    assert SEED["003"] in ids(client.get("/api/search", params={"q": '"sức khỏe"'}))


def test_vaccine_finds_vac_xin_spellings(client):
    assert {SEED["000"], SEED["003"], SEED["004"]} <= ids(
        client.get("/api/search", params={"q": "vaccine"})
    )
    assert {SEED["000"], SEED["003"], SEED["004"]} <= ids(
        client.get("/api/search", params={"q": "vắc xin"})
    )


def test_abbreviation_finds_long_form(client, sample_corpus):
    saying = {
        p.stem for p in sample_corpus.glob("*.txt") if "ủy ban nhân dân" in p.read_text().lower()
    }
    assert saying and saying <= ids(client.get("/api/search", params={"q": "UBND"}))
    assert SEED["000"] in ids(client.get("/api/search", params={"q": '"Ủy ban nhân dân"'}))


def test_query_without_accents_also_matches_dang(client):
    found = ids(client.get("/api/search", params={"q": "dang"}))
    assert found == set(SEED.values())


def test_accented_match_ranks_above_folded_only(client):
    results = client.get("/api/search", params={"q": "đảng", "per_page": 10}).json()["results"]
    scores = {r["id"]: r["score"] for r in results}
    assert len(scores) == 5
    # every document says Đảng; all are accented hits and rank with positive scores
    assert all(s > 0 for s in scores.values())


@pytest.mark.parametrize("number", ["342-cv/tu", "342 - CV/TU", "342–CV/TU", "Số 342-CV/TU"])
def test_lookup_tolerates_case_spaces_and_dashes(client, number):
    if number.startswith("Số"):
        number = number[3:]
    response = client.get("/api/lookup", params={"number": number})
    assert [r["id"] for r in response.json()["results"]] == [SEED["000"]]


def test_lookup_with_swapped_separators_falls_back(client):
    response = client.get("/api/lookup", params={"number": "1767/CV-TU"})
    assert [r["id"] for r in response.json()["results"]] == [SEED["002"]]


def test_lookup_of_unknown_number_is_404_with_detail(client):
    response = client.get("/api/lookup", params={"number": "999-CV/TU"})
    assert response.status_code == 404
    assert set(response.json()) == {"detail"}


def test_number_query_puts_that_document_first(client):
    results = client.get("/api/search", params={"q": "342-CV/TU"}).json()["results"]
    assert results[0]["id"] == SEED["000"]


def test_type_filter_and_doc_type_facet_agree(client):
    by_query = ids(client.get("/api/search", params={"q": 'type:"Công văn"'}))
    by_facet = ids(client.get("/api/search", params={"doc_type": "Công văn"}))
    assert by_query == by_facet == {SEED["000"], SEED["002"]}


def test_facet_counts_equal_the_hits_they_filter_to(client):
    body = client.get("/api/search", params={"q": "dịch"}).json()
    for name in ("doc_type", "issuer", "year"):
        for value in body["facets"][name]:
            filtered = client.get(
                "/api/search", params={"q": "dịch", name: value["value"], "per_page": 100}
            ).json()
            assert filtered["total"] == value["count"], (name, value)


def test_facet_counts_ignore_their_own_selection(client):
    body = client.get("/api/search", params={"q": "dịch", "doc_type": "Công văn"}).json()
    counts = {v["value"]: (v["count"], v["selected"]) for v in body["facets"]["doc_type"]}
    assert counts["Công văn"] == (2, True)
    assert counts["Thông báo"] == (1, False)
    assert body["total"] == 2


def test_two_values_of_one_facet_combine_with_or(client):
    found = ids(
        client.get("/api/search", params=[("doc_type", "Công văn"), ("doc_type", "Thông báo")])
    )
    assert found == {SEED["000"], SEED["001"], SEED["002"]}


def test_newest_first_sorting(client):
    results = client.get("/api/search", params={"q": "dịch", "sort": "newest"}).json()["results"]
    order = [r["id"] for r in results]
    assert order.index(SEED["000"]) < order.index(SEED["002"])
    assert order[:3] == [SEED["000"], SEED["003"], SEED["002"]]


def test_empty_query_browses_newest_first(client):
    results = client.get("/api/search", params={"year": 2021}).json()["results"]
    assert [r["id"] for r in results] == [SEED["000"], SEED["003"]]


def test_date_range_filter(client):
    found = ids(
        client.get("/api/search", params={"date_from": "2021-01-01", "date_to": "2021-07-21"})
    )
    assert found == {SEED["003"]}


def test_snippets_are_escaped_and_marked(client):
    for q in ["4 tai cho", "Tỉnh ủy", "vaccine"]:
        for hit in client.get("/api/search", params={"q": q}).json()["results"]:
            assert "<mark>" in hit["snippet"], (q, hit["id"])
            assert re.sub(r"</?mark>", "", hit["snippet"]).count("<") == 0


def test_folded_query_marks_the_accented_and_number_word_text(client):
    results = client.get("/api/search", params={"q": "4 tai cho"}).json()["results"]
    snippet = next(r["snippet"] for r in results if r["id"] == SEED["000"])
    assert "<mark>bốn tại chỗ</mark>" in snippet


def test_suggestion_restores_accents(client):
    body = client.get("/api/search", params={"q": "tai cho"}).json()
    assert body["suggestion"] == "tại chỗ"
    assert client.get("/api/search", params={"q": "tại chỗ"}).json()["suggestion"] is None


def test_suggestion_for_a_query_without_hits(client):
    body = client.get("/api/search", params={"q": "chốngg"}).json()
    assert body["total"] == 0
    assert body["suggestion"] == "chống"
    body = client.get("/api/search", params={"q": "phongg"}).json()
    assert (body["total"], body["suggestion"]) == (0, "phong")


def test_references_outside_the_archive_have_null_id(client):
    doc = client.get(f"/api/documents/{SEED['000']}").json()
    assert doc["references"] == [
        {"number": "07-KL/TW", "id": None},
        {"number": "68/NQ-CP", "id": None},
    ]
    assert doc["cited_by"] == []


def test_document_has_all_metadata(client):
    doc = client.get(f"/api/documents/{SEED['002']}").json()
    assert {k: doc[k] for k in ("number", "doc_type", "issued_date", "issuer", "urgency")} == {
        "number": "1767-CV/TU",
        "doc_type": "Công văn",
        "issued_date": "2020-07-30",
        "issuer": "Tỉnh ủy Thanh Hóa",
        "urgency": "Khẩn",
    }


def test_unknown_document_is_404(client):
    response = client.get("/api/documents/nope")
    assert response.status_code == 404
    assert "nope" in response.json()["detail"]


def test_timeline_by_year_and_month(client):
    years = client.get("/api/timeline", params={"q": "dịch"}).json()["buckets"]
    assert years == [{"key": "2020", "count": 1}, {"key": "2021", "count": 2}]
    months = client.get("/api/timeline", params={"year": 2021, "interval": "month"}).json()
    assert months["buckets"] == [{"key": "2021-07", "count": 2}]


def test_export_csv_and_json(client):
    response = client.get("/api/export", params={"format": "csv", "doc_type": "Công văn"})
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["number"] for r in rows] == ["342-CV/TU", "1767-CV/TU"]
    data = json.loads(client.get("/api/export", params={"q": "dịch"}).text)
    assert data["total"] == len(data["results"]) == 5
    assert "body" not in data["results"][0]


def test_search_response_shape(client):
    body = client.get("/api/search", params={"q": "covid", "per_page": 2, "page": 2}).json()
    assert set(body) == {
        "query", "total", "page", "per_page", "took_ms", "results", "facets", "suggestion",
        "relaxed", "partial", "missing",
    }  # fmt: skip
    assert (body["page"], body["per_page"], len(body["results"]), body["total"]) == (2, 2, 2, 5)
    assert set(body["facets"]) == {"doc_type", "issuer", "year", "signer"}


@pytest.mark.parametrize(
    "params",
    [
        {"q": '"tại chỗ'},
        {"q": "-"},
        {"q": "foo:bar"},
        {"q": "OR"},
        {"q": "tại OR"},
        {"q": "*abc"},
        {"q": "a*"},
        {"q": "year:hai"},
        {"q": "date:2021-13"},
        {"q": "x" * 2001},
        {"q": "x " * 400},
        {"page": 0},
        {"per_page": 101},
        {"per_page": "many"},
        {"sort": "random"},
        {"date_from": "22/07/2021"},
        {"year": "two"},
    ],
)
def test_malformed_input_is_400_with_a_message(client, params):
    response = client.get("/api/search", params=params)
    assert response.status_code == 400, response.text
    assert set(response.json()) == {"detail"}
    assert isinstance(response.json()["detail"], str) and response.json()["detail"]


def test_health_counts_documents(client):
    assert client.get("/healthz").json() == {
        "status": "ok", "documents": 5, "backend": "whoosh", "engine": {}
    }  # fmt: skip


def test_citation_links_both_ways(tmp_path):
    import shutil

    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings
    from indexer.build import build_index
    from tests.conftest import CORPUS

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "900_tiep_theo.txt").write_text(
        "TỈNH ỦY NINH BÌNH\n\nSố 401-CV/TU\n\nV/v thực hiện Công văn số 342-CV/TU\n\n"
        "Ninh Bình, ngày 02 tháng 8 năm 2021\n\n"
        "Thực hiện Công văn số 342-CV/TU ngày 22/7/2021 của Ban Thường vụ Tỉnh ủy và "
        "Kết luận số 07-KL/TW, các cấp ủy tiếp tục phòng, chống dịch Covid-19.\n",
        encoding="utf-8",
    )
    build_index(corpus, tmp_path / "ix", jobs=1)
    app = create_app(Settings(index_dir=tmp_path / "ix", corpus_dir=corpus))
    with TestClient(app) as client:
        citing = client.get("/api/documents/900_tiep_theo").json()
        cited = client.get(f"/api/documents/{SEED['000']}").json()
    assert citing["references"] == [
        {"number": "342-CV/TU", "id": SEED["000"]},
        {"number": "07-KL/TW", "id": None},
    ]
    assert [(c["id"], c["number"]) for c in cited["cited_by"]] == [("900_tiep_theo", "401-CV/TU")]
