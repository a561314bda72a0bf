"""Ranking: a query typed without accents is also scored in its most likely accented form
(from the index's own vocabulary), and adjacent query syllables count where the text has
them adjacent; neither changes which documents match."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from indexer.build import build_index

DOCUMENTS = {
    "dang_uy": "Đảng ủy xã lãnh đạo toàn diện công tác phòng, chống dịch; Đảng bộ vững mạnh.",
    "dang_vien": "Ban Thường vụ Đảng ủy họp định kỳ; mỗi đảng viên gương mẫu chấp hành.",
    "dang_thi_cong": "Công trình đang thi công, đang hoàn thiện, đang chờ nghiệm thu.",
    "tai_cho": "Thực hiện phương châm bốn tại chỗ: chỉ huy tại chỗ, lực lượng tại chỗ.",
    "tai_chinh": "Cân đối tài chính, chợ đầu mối, tái cơ cấu ngân sách; tài chính công khai.",
    "chi_dao": "Ban chỉ đạo tỉnh họp khẩn cấp về dịch bệnh.",
    "chi_roi_dao": "Chỉ có đạo đức công vụ giúp đẩy lùi dịch bệnh.",
}


@pytest.fixture(scope="module")
def ranked(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("ranked") / "corpus"
    corpus.mkdir()
    for name, text in DOCUMENTS.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("ranked-index")
    assert build_index(corpus, index_dir, jobs=1).skipped == []
    with TestClient(create_app(Settings(index_dir=index_dir, corpus_dir=corpus))) as client:
        yield client


def order(client, q: str) -> tuple[list[str], str | None]:
    body = client.get("/api/search", params={"q": q}).json()
    return [r["id"] for r in body["results"]], body["suggestion"]


def test_unaccented_dang_ranks_the_likeliest_accented_form_first(ranked):
    ids, suggestion = order(ranked, "dang")
    assert suggestion == "đảng"
    assert sorted(ids[:2]) == ["dang_uy", "dang_vien"]
    assert ids[2:] == ["dang_thi_cong"]  # still found: a boost, not a filter


def test_restoration_does_not_change_the_match_set(ranked):
    assert sorted(order(ranked, "dang")[0]) == sorted(order(ranked, "Dang")[0])
    assert len(order(ranked, "dang")[0]) == 3


def test_unaccented_tai_cho_ranks_tai_cho_above_tai_chinh_cho(ranked):
    ids, suggestion = order(ranked, "tai cho")
    assert (ids, suggestion) == (["tai_cho", "tai_chinh"], "tại chỗ")


@pytest.mark.parametrize("q", ["chỉ đạo dịch bệnh", "chi dao dich benh"])
def test_adjacent_syllables_rank_above_scattered_ones(ranked, q):
    # both hold chỉ, đạo, dịch, bệnh; one has "chỉ đạo" side by side
    assert order(ranked, q)[0] == ["chi_dao", "chi_roi_dao"]


def test_proximity_boost_holds_each_adjacent_pair_of_the_query():
    from indexer import schema as f
    from search.plan import Any, Phrase
    from search.query import parse_query
    from search.ranking import PAIR_BOOST, boosts

    named = dict(boosts(parse_query("chi dao dich"), None, long=True))
    assert named == {
        "proximity": Any(
            (
                Phrase(f.BODY_FOLDED, ("chi", "dao"), slop=1, boost=PAIR_BOOST),
                Phrase(f.BODY_FOLDED, ("dao", "dich"), slop=1, boost=PAIR_BOOST),
            )
        )
    }
