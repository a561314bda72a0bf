"""Shared fixtures: real indexes built once with ``build_index``, real apps over them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from indexer.build import build_index
from search.searcher import Engine

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
API_KEY = "tracuu-test-key-8c1f"


@pytest.fixture(scope="session")
def ro_index(tmp_path_factory) -> Path:
    """The index of the sample corpus (read-only tests share it)."""
    index_dir = tmp_path_factory.mktemp("sample") / "index"
    build_index(CORPUS, index_dir, jobs=1)
    return index_dir


@pytest.fixture(scope="session")
def ro_engine(ro_index) -> Engine:
    engine = Engine(ro_index)
    yield engine
    engine.close()


@pytest.fixture(scope="session")
def read_client(ro_index) -> TestClient:
    """A client of an app over the shared sample index; for read-only requests."""
    app = create_app(Settings(index_dir=ro_index, corpus_dir=CORPUS, api_key=API_KEY))
    with TestClient(app) as client:
        yield client
    app.state.engine.close()


def copy_corpus(target: Path) -> Path:
    """A writable copy of the sample corpus at ``target``."""
    shutil.copytree(CORPUS, target)
    return target


@pytest.fixture
def writable(tmp_path):
    """A private corpus copy with its index, and a client with the write key."""
    corpus = copy_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    build_index(corpus, index_dir, jobs=1)
    app = create_app(Settings(index_dir=index_dir, corpus_dir=corpus, api_key=API_KEY))
    with TestClient(app) as client:
        yield client, corpus, index_dir
    app.state.engine.close()
