"""The Whoosh engine's numpy evaluator gives Whoosh's own answers: the same matches for
every kind of plan node, the same BM25F scores for terms and their AND/OR, on a
multi-segment index (each node is also turned into the Whoosh query that means the same)."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from whoosh import index as whoosh_index
from whoosh import query as wq

from indexer import schema as f
from indexer.analysis import analyze
from indexer.build import build_index
from indexer.engines.whoosh.columns import load_columns
from indexer.engines.whoosh.schema import current_index_path
from search.engines.whoosh.evaluate import Evaluator
from search.engines.whoosh.opened import WEIGHTING
from search.engines.whoosh.postings import Postings
from search.plan import All, Any, Phrase, Term, Without
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
    ix = whoosh_index.open_dir(str(current_index_path(index_dir)))
    searcher = ix.searcher(weighting=WEIGHTING)
    assert len(list(searcher.reader().leaf_readers())) >= 2  # several segments
    yield searcher
    searcher.close()


def words(text: str, folded: bool = False) -> tuple[str, ...]:
    view = analyze(text, with_words=False)
    return tuple((view.folded if folded else view.accented).split())


def queries() -> dict:
    cho = Term(f.BODY, "chỗ")
    tai = Term(f.BODY_FOLDED, "tai", boost=0.3)
    return {
        "term": cho,
        "missing term": Term(f.BODY, "khôngcótừnày"),
        "and": All((cho, Term(f.BODY, "bốn"))),
        "or": Any((cho, tai, Term(f.TITLE_FOLDED, "thong"))),
        "and not": Without(Any((cho, tai)), Term(f.BODY, "vắc")),
        "phrase": Phrase(f.BODY, words("bốn tại chỗ")),
        "folded phrase": Phrase(f.BODY_FOLDED, words("4 tai cho", folded=True)),
        "reversed phrase": Phrase(f.BODY, words("chỗ tại")),
        "repeated words": Phrase(f.BODY, words("tại chỗ tại chỗ")),
        "loose phrase": Phrase(f.BODY, words("phương tại"), slop=4),
        "words field": Term(f.WORDS, "tại_chỗ", boost=1.5),
        "number": Term(f.NUMBER_KEY, "342CVTU", boost=50.0),
        "nested": Any((All((cho, Phrase(f.BODY, words("ủy ban")))), tai)),
    }


def whoosh_query(node) -> wq.Query:
    """The Whoosh query that means what ``node`` means."""
    if isinstance(node, Term):
        return wq.Term(node.field, node.text, boost=node.boost)
    if isinstance(node, Phrase):
        return wq.Phrase(node.field, list(node.words), slop=node.slop, boost=node.boost)
    if isinstance(node, Without):
        return wq.AndNot(whoosh_query(node.positive), whoosh_query(node.negative))
    kind = wq.And if isinstance(node, All) else wq.Or
    return kind([whoosh_query(c) for c in node.clauses], boost=node.boost)


def evaluator(searcher, cache_bytes: int | None = None) -> Evaluator:
    reader = searcher.reader()
    postings = Postings(reader) if cache_bytes is None else Postings(reader, cache_bytes)
    return Evaluator(postings, searcher.schema, load_columns(reader).day, None)


@pytest.mark.parametrize("name", list(queries()))
def test_matches_are_whooshs(reader, name):
    q = queries()[name]
    found = evaluator(reader).run(q)
    expected = sorted(reader.docs_for_query(whoosh_query(q)))
    assert np.flatnonzero(found.mask).tolist() == expected
    assert name.startswith("missing") or expected


@pytest.mark.parametrize("name", ["term", "and", "or", "and not", "words field", "number"])
def test_scores_are_whooshs(reader, name):
    q = queries()[name]
    found = evaluator(reader).run(q)
    expected = {hit.docnum: hit.score for hit in reader.search(whoosh_query(q), limit=None)}
    got = {int(d): found.scores[d] for d in np.flatnonzero(found.mask)}
    assert got.keys() == expected.keys()
    for docnum, score in expected.items():
        assert got[docnum] == pytest.approx(score, rel=1e-5), docnum


def test_within_restricts_to_those_documents(reader):
    q = Any((Phrase(f.BODY, words("tại chỗ")), Term(f.BODY, "ủy")))
    evaluate = evaluator(reader)
    everything = evaluate.run(q)
    within = np.zeros_like(everything.mask)
    within[np.flatnonzero(everything.mask)[::2]] = True
    part = evaluate.run(q, within)
    assert (part.mask == (everything.mask & within)).all()
    assert np.allclose(part.scores[part.mask], everything.scores[part.mask])


def test_a_small_cache_gives_the_same_answers(reader):
    q = queries()["nested"]
    roomy = evaluator(reader).run(q)
    tight = evaluator(reader, cache_bytes=1).run(q)
    assert (roomy.mask == tight.mask).all() and np.allclose(roomy.scores, tight.scores)


@pytest.mark.parametrize(("field", "text"), [(f.BODY, "chỗ"), (f.BODY_FOLDED, "tai")])
def test_postings_read_from_the_arrays_are_whooshs(reader, field, text):
    postings = Postings(reader.reader(), cache_bytes=1)  # read from the files every time
    expected = dict(reader.reader().postings(field, text).items_as("positions"))
    ids, weights = postings.term(field, text)
    assert ids.tolist() == sorted(expected) and len(expected) > 16  # across the segments
    assert weights.tolist() == [len(expected[d]) for d in ids.tolist()]
    assert postings.positions(field, text, ids) == expected


def test_remembered_terms_and_phrases_give_the_same_answers(reader):
    """Inside ``memoized`` (a plan's tiers and boosts ask the same terms and phrases
    again, over the whole index, over the matches, with other boosts), every answer is
    the one computed afresh."""
    fresh, remembering = evaluator(reader), evaluator(reader)
    within = np.zeros(fresh.size, dtype=bool)
    within[::3] = True
    asked = [(q, w) for q in queries().values() for w in (None, within)]
    asked += [(Phrase(f.BODY, words("tại chỗ"), boost=2.5), within),
              (Term(f.BODY, "chỗ", boost=0.3), None)]  # fmt: skip
    with remembering.memoized():
        for _ in range(2):
            for q, w in asked:
                want, got = fresh.run(q, w), remembering.run(q, w)
                assert (got.mask == want.mask).all() and np.allclose(got.scores, want.scores)
