"""The numpy evaluator gives Whoosh's own answers: the same matches for every kind of
query, the same BM25F scores for terms and their AND/OR, on a multi-segment index."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from whoosh import index as whoosh_index
from whoosh import query as wq

from indexer import schema as f
from indexer.analysis import analyze
from indexer.build import build_index
from search.compile import WEIGHTING
from search.evaluate import Evaluator
from search.postings import Postings
from tests.conftest import CORPUS

LINES = [
    "Các cấp ủy tiếp tục thực hiện phương châm bốn tại chỗ trên địa bàn.",
    "Tại chỗ này, bốn đơn vị đã hoàn thành; chỗ tại đó thì chưa.",
    "Ủy ban nhân dân tỉnh chỉ đạo tiêm vắc xin cho người dân tại chỗ.",
    "Tỉnh uỷ yêu cầu thực hiện nghiêm phương châm 4 tại chỗ, tại chỗ tại chỗ.",
]


@pytest.fixture(scope="module")
def reader(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("evaluate") / "corpus"
    shutil.copytree(CORPUS, corpus)
    for i in range(16):
        text = "\n".join(LINES[j % len(LINES)] for j in range(i, i + 1 + i % 3))
        (corpus / f"extra{i:02d}.txt").write_text(f"THÔNG BÁO\n{text}\n")
    index_dir = corpus.parent / "index"
    build_index(corpus, index_dir, jobs=2)
    ix = whoosh_index.open_dir(str(f.current_index_path(index_dir)))
    searcher = ix.searcher(weighting=WEIGHTING)
    assert len(list(searcher.reader().leaf_readers())) >= 2  # several segments
    yield searcher
    searcher.close()


def words(text: str, folded: bool = False) -> list[str]:
    view = analyze(text, with_words=False)
    return (view.folded if folded else view.accented).split()


def queries() -> dict[str, wq.Query]:
    cho = wq.Term(f.BODY, "chỗ")
    tai = wq.Term(f.BODY_FOLDED, "tai", boost=0.3)
    return {
        "term": cho,
        "missing term": wq.Term(f.BODY, "khôngcótừnày"),
        "and": wq.And([cho, wq.Term(f.BODY, "bốn")]),
        "or": wq.Or([cho, tai, wq.Term(f.TITLE_FOLDED, "thong")]),
        "and not": wq.AndNot(wq.Or([cho, tai]), wq.Term(f.BODY, "vắc")),
        "phrase": wq.Phrase(f.BODY, words("bốn tại chỗ")),
        "folded phrase": wq.Phrase(f.BODY_FOLDED, words("4 tai cho", folded=True)),
        "reversed phrase": wq.Phrase(f.BODY, words("chỗ tại")),
        "repeated words": wq.Phrase(f.BODY, words("tại chỗ tại chỗ")),
        "loose phrase": wq.Phrase(f.BODY, words("phương tại"), slop=4),
        "words field": wq.Term(f.WORDS, "tại_chỗ", boost=1.5),
        "number": wq.Term(f.NUMBER_KEY, "342CVTU", boost=50.0),
        "nested": wq.Or([wq.And([cho, wq.Phrase(f.BODY, words("ủy ban"))]), tai]),
    }


@pytest.mark.parametrize("name", list(queries()))
def test_matches_are_whooshs(reader, name):
    q = queries()[name]
    found = Evaluator(Postings(reader.reader()), reader.schema).run(q)
    expected = sorted(reader.docs_for_query(q))
    assert np.flatnonzero(found.mask).tolist() == expected
    assert name.startswith("missing") or expected


@pytest.mark.parametrize("name", ["term", "and", "or", "and not", "words field", "number"])
def test_scores_are_whooshs(reader, name):
    q = queries()[name]
    found = Evaluator(Postings(reader.reader()), reader.schema).run(q)
    expected = {hit.docnum: hit.score for hit in reader.search(q, limit=None)}
    got = {int(d): found.scores[d] for d in np.flatnonzero(found.mask)}
    assert got.keys() == expected.keys()
    for docnum, score in expected.items():
        assert got[docnum] == pytest.approx(score, rel=1e-5), docnum


def test_within_restricts_to_those_documents(reader):
    q = wq.Or([wq.Phrase(f.BODY, words("tại chỗ")), wq.Term(f.BODY, "ủy")])
    evaluator = Evaluator(Postings(reader.reader()), reader.schema)
    everything = evaluator.run(q)
    within = np.zeros_like(everything.mask)
    within[np.flatnonzero(everything.mask)[::2]] = True
    part = evaluator.run(q, within)
    assert (part.mask == (everything.mask & within)).all()
    assert np.allclose(part.scores[part.mask], everything.scores[part.mask])


def test_a_small_cache_gives_the_same_answers(reader):
    q = queries()["nested"]
    roomy = Evaluator(Postings(reader.reader()), reader.schema).run(q)
    tight = Evaluator(Postings(reader.reader(), cache_bytes=1), reader.schema).run(q)
    assert (roomy.mask == tight.mask).all() and np.allclose(roomy.scores, tight.scores)
