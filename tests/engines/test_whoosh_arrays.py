"""The Whoosh engine's posting arrays: written with every segment (new and merged), read
without unpickling, and an index from before them is rebuilt, not misread."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer.build import build_index
from indexer.engines.whoosh.arrays import EXTENSION, FORMAT_FILE
from indexer.engines.whoosh.schema import current_index_path
from search.errors import IndexUnavailable
from search.models import SearchRequest
from search.searcher import Engine
from tests.conftest import CORPUS, SEED


@pytest.fixture
def corpus(tmp_path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def hits(index_dir: Path, q: str) -> list[str]:
    with Engine(index_dir) as engine:
        return [h.id for h in engine.search(SearchRequest(q=q)).results]


def test_every_segment_has_its_arrays_after_updates_and_merges(corpus, tmp_path):
    index_dir = tmp_path / "ix"
    build_index(corpus, index_dir, jobs=1)
    for i in range(12):  # one small commit each: Whoosh merges some of the segments
        (corpus / f"extra{i}.txt").write_text(f"THÔNG BÁO\nBốn tại chỗ lần {i}.\n")
        build_index(corpus, index_dir, jobs=1, files=[corpus / f"extra{i}.txt"])
    generation = current_index_path(index_dir)
    segments = {p.name.split(".")[0] for p in generation.glob("*.trm")}
    arrays = {p.name.split(".")[0] for p in generation.glob(f"*{EXTENSION}")}
    assert segments == arrays and len(segments) >= 2
    assert len(hits(index_dir, '"bốn tại chỗ"')) == 4 + 12  # the seeds' and the extras'


def test_an_index_from_before_the_arrays_is_rebuilt_by_the_next_build(corpus, tmp_path):
    index_dir = tmp_path / "ix"
    build_index(corpus, index_dir, jobs=1)
    old = current_index_path(index_dir)
    (old / FORMAT_FILE).unlink()
    for path in old.glob(f"*{EXTENSION}"):
        path.unlink()
    with pytest.raises(IndexUnavailable, match="rebuild"), Engine(index_dir) as engine:
        engine.search(SearchRequest(q="covid"))
    report = build_index(corpus, index_dir, jobs=1)
    assert (report.added, report.unchanged, report.documents) == (5, 0, 5)
    assert current_index_path(index_dir) != old and not old.exists()
    assert hits(index_dir, "4 tai cho")[0] == SEED["001"]
