"""The suggestion vocabulary is stored by the Whoosh writer at every commit, read by a
fresh server instead of merging every term, and rebuilt from the terms when it is missing
or damaged: the answers are the same either way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer.build import build_index, remove_documents
from indexer.engines.whoosh.schema import current_index_path
from indexer.vocabulary import Vocabulary
from search.models import SearchRequest
from search.searcher import Engine
from tests.conftest import CORPUS, SEED


@pytest.fixture
def corpus(tmp_path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def stored(index_dir: Path) -> list[Path]:
    return sorted(current_index_path(index_dir).glob("vocabulary-*.pickle"))


def test_the_stored_vocabulary_is_the_one_built_from_the_terms(corpus, tmp_path):
    index_dir = tmp_path / "ix"
    build_index(corpus, index_dir, jobs=1)
    assert len(stored(index_dir)) == 1
    with Engine(index_dir) as engine:
        vocabulary = engine.reader.vocabulary()
        assert vocabulary == Vocabulary.from_terms(engine.reader.terms)
        assert vocabulary.words["tai_cho"] == ("tại_chỗ", 4)
        assert vocabulary.syllables["bon"][0] == "bốn" and "bon" in vocabulary.folded


def test_each_commit_stores_its_own_and_drops_the_last(corpus, tmp_path):
    index_dir = tmp_path / "ix"
    build_index(corpus, index_dir, jobs=1)
    (first,) = stored(index_dir)
    (corpus / "extra.txt").write_text("THÔNG BÁO\nXyzzyvác chống dịch tại chỗ.\n")
    build_index(corpus, index_dir, jobs=1, files=[corpus / "extra.txt"])
    (second,) = stored(index_dir)
    assert second != first
    with Engine(index_dir) as engine:
        vocabulary = engine.reader.vocabulary()
        assert "xyzzyvac" in vocabulary.folded and vocabulary.syllables["xyzzyvac"][1] == 1
        found = engine.search(SearchRequest(q="xyzzyvac"))
        assert [h.id for h in found.results] == ["extra"]
    remove_documents(index_dir, ["extra"])
    (third,) = stored(index_dir)
    assert third != second


@pytest.mark.parametrize("damage", ["missing", "garbage"])
def test_without_a_good_stored_vocabulary_the_answers_are_the_same(corpus, tmp_path, damage):
    index_dir = tmp_path / "ix"
    build_index(corpus, index_dir, jobs=1)
    with Engine(index_dir) as engine:
        before = engine.search(SearchRequest(q="4 tai cho"))
    (path,) = stored(index_dir)
    if damage == "missing":
        path.unlink()
    else:
        path.write_bytes(b"\x80\x05 not a pickle")
    with Engine(index_dir) as engine:
        assert engine.reader.vocabulary() is None
        after = engine.search(SearchRequest(q="4 tai cho"))
    assert after.suggestion == before.suggestion == "4 tại chỗ"
    assert [h.id for h in after.results] == [h.id for h in before.results]
    assert after.results[0].id == SEED["001"]
