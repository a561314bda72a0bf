"""Shared fixtures: the sample archive indexed once per session with the real build."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from indexer.build import build_index
from search.searcher import Engine

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED = {
    "000": "000_86f9552143f492ea",
    "001": "001_093e01689cb64f89",
    "002": "002_8a5523bcdb22fb49",
    "003": "003_394cdeaefd9f1654",
    "004": "004_f7e6265e96402aee",
}


@pytest.fixture(scope="session")
def sample_corpus(tmp_path_factory) -> Path:
    """A copy of corpus/ (tests may not write to the project's own)."""
    target = tmp_path_factory.mktemp("sample") / "corpus"
    shutil.copytree(CORPUS, target)
    return target


@pytest.fixture(scope="session")
def sample_index(sample_corpus, tmp_path_factory) -> Path:
    index_dir = tmp_path_factory.mktemp("sample-index")
    report = build_index(sample_corpus, index_dir, jobs=1)
    assert report.skipped == []
    return index_dir


@pytest.fixture(scope="session")
def engine(sample_index) -> Engine:
    return Engine(sample_index)


@pytest.fixture(scope="session")
def client(sample_index, sample_corpus) -> TestClient:
    app = create_app(Settings(index_dir=sample_index, corpus_dir=sample_corpus))
    with TestClient(app) as test_client:
        yield test_client


RELATIONS = ROOT / "tests" / "fixtures" / "relations"


@pytest.fixture(scope="session")
def relations_corpus(tmp_path_factory) -> Path:
    """A copy of tests/fixtures/relations: State and Party documents that replace, amend,
    repeal, implement and guide each other (and a manifest that states one status)."""
    target = tmp_path_factory.mktemp("relations") / "corpus"
    shutil.copytree(RELATIONS, target)
    return target


@pytest.fixture(scope="session")
def relations_index(relations_corpus) -> Path:
    index_dir = relations_corpus.parent / "index"
    report = build_index(relations_corpus, index_dir, jobs=1)
    assert report.skipped == []
    return index_dir


@pytest.fixture(scope="session")
def relations_client(relations_index, relations_corpus) -> TestClient:
    app = create_app(Settings(index_dir=relations_index, corpus_dir=relations_corpus))
    with TestClient(app) as test_client:
        yield test_client


@contextmanager
def archive_client(root: Path, documents: dict[str, str]) -> Iterator[TestClient]:
    """The app over ``documents`` (name -> text, one ``.txt`` each) indexed in ``root``."""
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in documents.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    assert build_index(corpus, root / "index", jobs=1).skipped == []
    with TestClient(create_app(Settings(index_dir=root / "index", corpus_dir=corpus))) as c:
        yield c
