"""Number look-ups as people type and paste them, through the CLI and the HTTP API, on a
real index of documents in State and Party shapes (and the seeds)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from api.app import create_app
from api.cli import main
from api.settings import Settings
from indexer.build import build_index
from tests.conftest import SEED
from tests.search.numbered import write_numbered


@pytest.fixture(scope="module")
def numbered(tmp_path_factory):
    """(corpus, index) of the numbered documents."""
    corpus = write_numbered(tmp_path_factory.mktemp("numbered") / "corpus")
    index_dir = tmp_path_factory.mktemp("numbered-index")
    report = build_index(corpus, index_dir, jobs=1)
    assert report.skipped == []
    return corpus, index_dir


@pytest.fixture(scope="module")
def numbered_client(numbered):
    corpus, index_dir = numbered
    with TestClient(create_app(Settings(index_dir=index_dir, corpus_dir=corpus))) as client:
        yield client


def found(client, number: str) -> list[tuple[str, str]]:
    response = client.get("/api/lookup", params={"number": number})
    if response.status_code == 404:
        return []
    assert response.status_code == 200, response.text
    return [(r["id"], r["number"]) for r in response.json()["results"]]


@pytest.mark.parametrize(
    "typed",
    [
        "Số: 15/CT-UBND",
        "Số 15/CT-UBND",
        "số 15/ct-ubnd",
        "SỐ: 15 / CT - UBND",
        "So 15/CT-UBND",
        "15/ct-ubnd",
        "  Số:15/CT--UBND. ",
    ],
)
def test_state_number_is_found_as_printed_or_typed(numbered_client, typed):
    assert found(numbered_client, typed) == [("chi_thi_15", "15/CT-UBND")]


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("Số: 123/2021/QĐ-UBND", ("quyet_dinh_123", "123/2021/QĐ-UBND")),
        ("123/2021/qd-ubnd", ("quyet_dinh_123", "123/2021/QĐ-UBND")),
        ("Số 05-NQ/TW", ("nghi_quyet_05", "05-NQ/TW")),
        ("05 - nq/tw", ("nghi_quyet_05", "05-NQ/TW")),
        ("10-QĐi/TW", ("quy_dinh_10", "10-QĐi/TW")),
        ("số 10-qdi/tw", ("quy_dinh_10", "10-QĐi/TW")),
    ],
)
def test_state_and_party_shapes_find_their_document(numbered_client, typed, expected):
    assert found(numbered_client, typed) == [expected]


def test_de_an_and_du_an_stay_apart_when_typed_exactly(numbered_client):
    assert found(numbered_client, "Số: 12/ĐA-UBND") == [("de_an_12", "12/ĐA-UBND")]
    assert found(numbered_client, "12/DA-UBND") == [("du_an_12", "12/DA-UBND")]
    assert found(numbered_client, "12/đa-ubnd") == [("de_an_12", "12/ĐA-UBND")]


def test_a_swapped_separator_falls_back_to_both_folded_forms(numbered_client):
    assert found(numbered_client, "12-DA/UBND") == [
        ("de_an_12", "12/ĐA-UBND"),
        ("du_an_12", "12/DA-UBND"),
    ]


def test_number_types_keep_their_distinctions(numbered_client):
    types = {
        r["id"]: r["doc_type"]
        for r in numbered_client.get("/api/search", params={"q": "", "per_page": 50}).json()[
            "results"
        ]
    }
    assert types == {
        "chi_thi_15": "Chỉ thị",
        "quyet_dinh_123": "Quyết định",
        "de_an_12": "Đề án",
        "du_an_12": "Dự án",
        "nghi_quyet_05": "Nghị quyết",
        "quy_dinh_10": "Quy định",
    }


def test_api_lookup_of_a_pasted_number_line(client):
    assert found(client, "Số 342-CV/TU") == [(SEED["000"], "342-CV/TU")]
    assert found(client, "Số: 1102/CĐ-TTg") == []  # cited by 004, not in the archive


def test_cli_lookup_of_a_pasted_number_line(sample_index):
    runner = CliRunner()
    result = runner.invoke(
        main, ["lookup", "Số 342-CV/TU", "--json", "--index-dir", str(sample_index)]
    )
    assert result.exit_code == 0, result.output
    hits = json.loads(result.output)["results"]
    assert [(h["id"], h["number"]) for h in hits] == [(SEED["000"], "342-CV/TU")]


def test_cli_lookup_of_a_state_number_with_its_label(numbered):
    _, index_dir = numbered
    result = CliRunner().invoke(main, ["lookup", "Số: 15/CT-UBND", "--index-dir", str(index_dir)])
    assert result.exit_code == 0, result.output
    assert result.output.split()[:3] == ["chi_thi_15", "15/CT-UBND", "Chỉ"]


def test_search_for_a_number_ranks_its_document_first(numbered_client):
    results = numbered_client.get("/api/search", params={"q": "Số: 15/CT-UBND"}).json()
    assert results["results"][0]["id"] == "chi_thi_15"


def test_citations_resolve_through_the_same_forms(numbered_client):
    citing = numbered_client.get("/api/documents/quyet_dinh_123").json()
    assert citing["references"] == [
        {"number": "15/CT-UBND", "id": "chi_thi_15"},
        {"number": "05-NQ/TW", "id": "nghi_quyet_05"},
    ]
    cited = numbered_client.get("/api/documents/chi_thi_15").json()
    assert [c["id"] for c in cited["cited_by"]] == ["quyet_dinh_123"]
