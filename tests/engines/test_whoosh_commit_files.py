"""The suggestion vocabulary and the columns are stored by the Whoosh writer at every
commit, read by a fresh server instead of merging every term and reading every document's
columns from Whoosh, and derived again when missing or damaged: the answers are the same
either way."""

from __future__ import annotations

import dataclasses
import pickle
import shutil
from pathlib import Path

import numpy as np
import pytest
from whoosh import index as whoosh_index

from indexer.build import build_index, remove_documents
from indexer.engines.whoosh.arrays import commit_file
from indexer.engines.whoosh.columns import Columns, load_columns
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


def stored(index_dir: Path, kind: str = "vocabulary") -> list[Path]:
    return sorted(current_index_path(index_dir).glob(f"{kind}-*.pickle"))


def same_columns(a: Columns, b: Columns) -> bool:
    arrays = ("live", "day", "year", "month", "id_rank")
    return (
        all(np.array_equal(getattr(a, n), getattr(b, n)) for n in arrays)
        and a.ids == b.ids
        and a.facets.keys() == b.facets.keys()
        and all(
            np.array_equal(a.facets[n].codes, b.facets[n].codes)
            and a.facets[n].labels == b.facets[n].labels
            and a.facets[n].index == b.facets[n].index
            for n in a.facets
        )
    )


def stored_and_read(index_dir: Path) -> tuple[Columns | None, Columns]:
    """The columns stored for the live commit, and those read from Whoosh."""
    ix = whoosh_index.open_dir(str(current_index_path(index_dir)))
    with ix.reader() as reader:
        path = commit_file(Path(ix.storage.folder), "columns", reader.generation())
        result = Columns.read(path, reader.doc_count_all()), load_columns(reader)
    ix.close()
    return result


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


def test_the_stored_columns_are_those_whoosh_holds_after_every_commit(corpus, tmp_path):
    index_dir = tmp_path / "ix"
    build_index(corpus, index_dir, jobs=1)
    (first,) = stored(index_dir, "columns")
    kept, read = stored_and_read(index_dir)
    assert kept is not None and same_columns(kept, read) and int(kept.live.sum()) == 5
    (corpus / "extra.txt").write_text("THÔNG BÁO\nXyzzyvác chống dịch tại chỗ.\n")
    build_index(corpus, index_dir, jobs=1, files=[corpus / "extra.txt"])
    (second,) = stored(index_dir, "columns")
    kept, read = stored_and_read(index_dir)
    assert second != first and same_columns(kept, read) and int(kept.live.sum()) == 6
    remove_documents(index_dir, ["extra"])
    kept, read = stored_and_read(index_dir)
    assert same_columns(kept, read) and int(kept.live.sum()) == 5  # the deletion is in it
    with Engine(index_dir) as engine:
        assert engine.document_count() == 5
        assert engine.search(SearchRequest(q="xyzzyvac")).total == 0


def test_stored_columns_of_another_size_are_not_used(corpus, tmp_path):
    index_dir = tmp_path / "ix"
    build_index(corpus, index_dir, jobs=1)
    (path,) = stored(index_dir, "columns")
    assert Columns.read(path, 5) is not None
    assert Columns.read(path, 6) is None


@pytest.mark.parametrize("kind", ["vocabulary", "columns"])
@pytest.mark.parametrize("damage", ["missing", "garbage", "other data"])
def test_without_a_good_stored_file_the_answers_are_the_same(corpus, tmp_path, kind, damage):
    index_dir = tmp_path / "ix"
    build_index(corpus, index_dir, jobs=1)
    request = SearchRequest(q="4 tai cho", doc_type=["Công văn"], sort="newest")
    with Engine(index_dir) as engine:
        before = engine.search(SearchRequest(q="4 tai cho"))
        filtered = dataclasses.replace(engine.search(request), took_ms=0)
    assert filtered.total == 2 and filtered.facets
    (path,) = stored(index_dir, kind)
    if damage == "missing":
        path.unlink()
    elif damage == "garbage":
        path.write_bytes(b"\x80\x05 not a pickle")
    else:
        path.write_bytes(pickle.dumps({"not": "it"}))
    with Engine(index_dir) as engine:
        if kind == "vocabulary":
            assert engine.reader.vocabulary() is None
        after = engine.search(SearchRequest(q="4 tai cho"))
        assert dataclasses.replace(engine.search(request), took_ms=0) == filtered
    assert after.suggestion == before.suggestion == "4 tại chỗ"
    assert [h.id for h in after.results] == [h.id for h in before.results]
    assert after.results[0].id == SEED["001"]
