"""Engines for the contract suite: every engine present, each over the sample archive.

Whoosh always runs. Solr runs on the SolrCloud that ``TRACUU_SOLR_URL`` names (CI starts a
2-node dev cluster); without one the Solr cases are skipped with how to run them, except
in CI (``CI`` set), where a missing cluster is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from indexer.build import build_index
from indexer.engine import EngineConfig
from indexer.engines.solr.client import SolrClient, SolrError
from indexer.engines.solr.setup import setup_collection
from search.searcher import Engine

COLLECTION = "tracuu_contract"
HOW_TO_RUN = (
    "no SolrCloud configured: run `tracuu solr dev-cluster --nodes 2 --dir data/solr` in "
    "another shell, then `TRACUU_SOLR_URL=http://127.0.0.1:8983/solr make test`"
)


def solr_url() -> str:
    """The cluster to test on; skips (fails in CI) without one."""
    url = os.environ.get("TRACUU_SOLR_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI runs the Solr contract cases: TRACUU_SOLR_URL is not set")
        pytest.skip(HOW_TO_RUN)
    return url


def fresh_collection(url: str, name: str, shards: int, replicas: int) -> EngineConfig:
    """An empty collection ``name`` (deleted first if it exists)."""
    client = SolrClient(url, name)
    try:
        try:
            client.admin("admin/collections", {"action": "DELETE", "name": name}, timeout=120)
        except SolrError as exc:
            if "not" not in str(exc).lower():  # "Could not find collection"
                raise
        setup_collection(client, shards, replicas)
    finally:
        client.close()
    return EngineConfig("solr", url, name)


def on_solr(settings: Settings, config: EngineConfig) -> Settings:
    """The same settings with the Solr collection of ``config`` as the engine."""
    return settings.model_copy(
        update={
            "backend": "solr",
            "solr_url": config.solr_url,
            "solr_collection": config.solr_collection,
        }
    )


@pytest.fixture(scope="session")
def solr_sample(sample_corpus, tmp_path_factory) -> EngineConfig:
    """The sample archive in a 2-shard collection, built by the real ``build_index``."""
    config = fresh_collection(solr_url(), COLLECTION, shards=2, replicas=1)
    report = build_index(sample_corpus, tmp_path_factory.mktemp("unused"), jobs=1, engine=config)
    assert (report.skipped, report.documents) == ([], 5)
    return config


@pytest.fixture(scope="session", params=["whoosh", "solr"])
def backend(request, sample_index, sample_corpus):
    """(engine name, Engine, TestClient of the app) for each engine present."""
    settings = Settings(index_dir=sample_index, corpus_dir=sample_corpus)
    if request.param == "solr":
        settings = on_solr(settings, request.getfixturevalue("solr_sample"))
    engine = Engine(sample_index, config=settings.engine_config())
    with TestClient(create_app(settings)) as client:
        yield request.param, engine, client
    engine.close()


@pytest.fixture(scope="session")
def whoosh_engine(sample_index):
    engine = Engine(sample_index)
    yield engine
    engine.close()


@pytest.fixture(scope="session")
def solr_engine(solr_sample, sample_index):
    engine = Engine(sample_index, config=solr_sample)
    yield engine
    engine.close()


CITING = (  # three documents that cite the sample's 342-CV/TU
    "HUYỆN ỦY KIM SƠN\nSố 17-CV/HU\nKim Sơn, ngày 25 tháng 7 năm 2021\nV/v thực hiện "
    "Công văn 342-CV/TU\nThực hiện Công văn số 342-CV/TU ngày 22/7/2021 của Ban Thường vụ "
    "Tỉnh ủy, Ban Thường vụ Huyện ủy yêu cầu các cấp ủy triển khai ngay.\n",
    "ĐẢNG ỦY XÃ KIM CHÍNH\nSố 05-CV/ĐU\nKim Chính, ngày 26 tháng 7 năm 2021\nTriển khai "
    "Công văn số 342-CV/TU của Tỉnh ủy và Công văn số 17-CV/HU của Huyện ủy về phòng, chống "
    "dịch.\n",
    "HUYỆN ỦY YÊN MÔ\nSố 20-CV/HU\nYên Mô, ngày 27 tháng 7 năm 2021\nCăn cứ Công văn số "
    "342-CV/TU, 342 cv tu nêu trên, các chi bộ báo cáo kết quả.\n",
)


@pytest.fixture(scope="session")
def mixed_corpus(sample_corpus, tmp_path_factory) -> Path:
    """The sample, 300 documents generated from real Wikipedia sentences under
    administrative headers (``bench/generate.py``, from ``../shared/data``), and three
    documents citing the sample's 342-CV/TU: a few hundred documents whose common words
    are in most of them."""
    import shutil
    import sys

    root = tmp_path_factory.mktemp("mixed") / "corpus"
    shutil.copytree(sample_corpus, root)
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from generate import DEFAULT_DATA, generate_archive

    generate_archive(root, 300, DEFAULT_DATA, seed=7)
    for i, text in enumerate(CITING):
        (root / f"citing_{i}.txt").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def mixed_index(mixed_corpus, tmp_path_factory) -> Path:
    index_dir = tmp_path_factory.mktemp("mixed-index")
    report = build_index(mixed_corpus, index_dir)
    assert (report.skipped, report.documents) == ([], 308)
    return index_dir


@pytest.fixture(scope="session", params=["whoosh", "solr"])
def mixed(request, mixed_index, mixed_corpus):
    """(engine name, TestClient of the app) over the mixed archive, for each engine."""
    settings = Settings(index_dir=mixed_index, corpus_dir=mixed_corpus)
    if request.param == "solr":
        config = fresh_collection(solr_url(), "tracuu_mixed", shards=2, replicas=1)
        report = build_index(mixed_corpus, mixed_index.parent / "unused", engine=config)
        assert (report.skipped, report.documents) == ([], 308)
        settings = on_solr(settings, config)
    with TestClient(create_app(settings)) as client:
        yield request.param, client
