"""Engines for the contract suite: every engine present, each over the sample archive.

Whoosh always runs. Solr runs on the SolrCloud that ``TRACUU_SOLR_URL`` names (CI starts a
2-node dev cluster); without one the Solr cases are skipped with how to run them, except
in CI (``CI`` set), where a missing cluster is a failure.
"""

from __future__ import annotations

import os

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
    if request.param == "whoosh":
        settings = Settings(index_dir=sample_index, corpus_dir=sample_corpus)
    else:
        config = request.getfixturevalue("solr_sample")
        settings = Settings(
            index_dir=sample_index,
            corpus_dir=sample_corpus,
            backend="solr",
            solr_url=config.solr_url,
            solr_collection=config.solr_collection,
        )
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
