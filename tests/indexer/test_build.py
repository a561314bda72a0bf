"""Incremental, crash-safe builds of a real Whoosh index from real Vietnamese text."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from indexer.build import BuildError, build_index
from indexer.locking import IndexBusy, build_lock
from search.models import SearchRequest
from search.searcher import Engine
from tests.conftest import CORPUS, ROOT, SEED


@pytest.fixture
def corpus(tmp_path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def found(index_dir: Path, q: str) -> set[str]:
    engine = Engine(index_dir)
    try:
        return {h.id for h in engine.search(SearchRequest(q=q, per_page=100)).results}
    finally:
        engine.close()


def test_first_build_indexes_every_seed(corpus, tmp_path):
    report = build_index(corpus, tmp_path / "ix", jobs=1)
    assert (report.added, report.updated, report.removed, report.skipped) == (5, 0, 0, [])
    assert report.documents == 5 and report.characters > 25_000


def test_second_build_reindexes_nothing(corpus, tmp_path):
    build_index(corpus, tmp_path / "ix", jobs=1)
    report = build_index(corpus, tmp_path / "ix", jobs=1)
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, 5)


def test_edited_file_is_replaced(corpus, tmp_path):
    build_index(corpus, tmp_path / "ix", jobs=1)
    path = corpus / f"{SEED['002']}.txt"
    path.write_text(path.read_text() + "\nBổ sung: khẩn trương tiêm chủng mũi ba.\n")
    report = build_index(corpus, tmp_path / "ix", jobs=1)
    assert (report.added, report.updated, report.unchanged) == (0, 1, 4)
    assert found(tmp_path / "ix", '"tiêm chủng mũi ba"') == {SEED["002"]}
    with Engine(tmp_path / "ix") as engine:
        assert engine.document_count() == 5


def test_deleted_file_disappears(corpus, tmp_path):
    build_index(corpus, tmp_path / "ix", jobs=1)
    (corpus / f"{SEED['001']}.txt").unlink()
    report = build_index(corpus, tmp_path / "ix", jobs=1)
    assert report.removed == 1
    assert SEED["001"] not in found(tmp_path / "ix", "Trực Ninh")


def test_manifest_change_reindexes_that_document(corpus, tmp_path):
    build_index(corpus, tmp_path / "ix", jobs=1)
    manifest = corpus / "manifest.csv"
    manifest.write_text(manifest.read_text().replace("2021-07-21", "2021-07-20"))
    report = build_index(corpus, tmp_path / "ix", jobs=1)
    assert (report.updated, report.unchanged) == (1, 4)
    with Engine(tmp_path / "ix") as engine:
        assert engine.record(SEED["003"])["issued_date"] == "2021-07-20"


def test_rebuild_starts_over_in_a_new_generation(corpus, tmp_path):
    build_index(corpus, tmp_path / "ix", jobs=1)
    report = build_index(corpus, tmp_path / "ix", rebuild=True, jobs=1)
    assert report.added == 5
    assert (tmp_path / "ix" / "CURRENT").read_text() == "gen-000002"
    assert not (tmp_path / "ix" / "gen-000001").exists()


def test_parallel_build_gives_the_same_index(corpus, tmp_path):
    report = build_index(corpus, tmp_path / "ix2", jobs=2)
    build_index(corpus, tmp_path / "ix1", jobs=1)
    assert report.added == 5
    for q in ("4 tai cho", '"bốn tại chỗ"', "Tỉnh ủy", "vaccine"):
        assert found(tmp_path / "ix2", q) == found(tmp_path / "ix1", q)


def test_a_second_build_at_once_is_refused(corpus, tmp_path):
    with build_lock(tmp_path / "ix"), pytest.raises(IndexBusy, match="another `tracuu index`"):
        build_index(corpus, tmp_path / "ix", jobs=1)


def test_missing_corpus_is_a_clear_error(tmp_path):
    with pytest.raises(BuildError, match="corpus directory not found"):
        build_index(tmp_path / "nope", tmp_path / "ix")


def _many_documents(corpus: Path, n: int) -> None:
    text = (corpus / f"{SEED['000']}.txt").read_text()
    for i in range(n):
        (corpus / "more").mkdir(exist_ok=True)
        (corpus / "more" / f"doc{i:04d}.txt").write_text(text.replace("342", str(1000 + i)))


def test_kill_during_build_leaves_the_old_index_readable(corpus, tmp_path):
    index_dir = tmp_path / "ix"
    build_index(corpus, index_dir, jobs=1)
    _many_documents(corpus, 150)
    env = dict(os.environ, TRACUU_INDEX_DIR=str(index_dir))
    proc = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "index", str(corpus), "--quiet", "--jobs", "1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(2.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the build finished before it could be killed"
    with Engine(index_dir) as engine:
        assert engine.document_count() == 5
    assert SEED["000"] in found(index_dir, "4 tại chỗ")
    report = build_index(corpus, index_dir, jobs=2)
    assert (report.added, report.unchanged, report.documents) == (150, 5, 155)


def test_parallel_build_of_undated_documents_is_searchable(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(12):  # enough files for the parallel path: several worker segments
        (corpus / f"dieu{i:02d}.txt").write_text(
            f"Điều {i}. Quyền và nghĩa vụ\nCông dân có quyền khiếu nại, tố cáo số {i}.\n",
            encoding="utf-8",
        )
    report = build_index(corpus, tmp_path / "ix", jobs=2)
    assert (report.added, report.skipped) == (12, [])
    with Engine(tmp_path / "ix") as engine:
        assert engine.document_count() == 12
        results = engine.search(SearchRequest(q="khiếu nại", sort="newest", per_page=100))
    assert results.total == 12 and results.facets["year"] == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_segments_are_separate_files_not_compound_ones(tmp_path, jobs):
    """Whoosh copies a whole compound segment into memory when it opens one."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(12):
        (corpus / f"tin{i:02d}.txt").write_text(f"Thông báo số {i} về phòng chống dịch.\n")
    build_index(corpus, tmp_path / "ix", jobs=jobs)
    generation = tmp_path / "ix" / (tmp_path / "ix" / "CURRENT").read_text()
    names = [p.name for p in generation.iterdir()]
    assert not [n for n in names if n.endswith(".seg")], names
    assert [n for n in names if n.endswith(".pst")], names  # postings, one file per segment
