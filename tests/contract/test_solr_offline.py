"""Solr set-up and errors: the configset agrees with ``indexer.schema``, a Solr that cannot
be reached is a clear error (CLI) and a 503 with a message (API), ``tracuu solr setup`` is
idempotent (this last case on the configured cluster)."""

from __future__ import annotations

import socket
import xml.etree.ElementTree as ET

from click.testing import CliRunner
from fastapi.testclient import TestClient

from api.app import create_app
from api.cli import main
from api.settings import Settings
from indexer import schema as f
from indexer.engines.solr.setup import CONFIGSET_DIR


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_configset_declares_exactly_the_schema_fields():
    tree = ET.parse(CONFIGSET_DIR / "schema.xml")
    declared = {field.get("name") for field in tree.getroot().iter("field")}
    names = {v for k, v in vars(f).items() if k.isupper() and isinstance(v, str)}
    names -= {f.CURRENT_FILE} if hasattr(f, "CURRENT_FILE") else set()
    assert declared - {"_version_"} == names
    similarity = tree.getroot().find("similarity")
    params = {p.get("name"): float(p.text) for p in similarity}
    assert (similarity.get("class"), params) == ("solr.BM25SimilarityFactory",
                                                  {"k1": 1.2, "b": 0.75})  # fmt: skip
    assert "ExactStatsCache" in (CONFIGSET_DIR / "solrconfig.xml").read_text()


def test_setup_without_a_cluster_says_it_cannot_reach_it(monkeypatch):
    url = f"http://127.0.0.1:{closed_port()}/solr"
    monkeypatch.setenv("TRACUU_SOLR_URL", url)
    result = CliRunner().invoke(main, ["solr", "setup"])
    assert result.exit_code == 1
    assert f"Solr at {url} cannot be reached" in result.output


def test_search_on_an_unreachable_solr_is_503_with_a_message(sample_index, sample_corpus):
    url = f"http://127.0.0.1:{closed_port()}/solr"
    settings = Settings(
        index_dir=sample_index, corpus_dir=sample_corpus, backend="solr", solr_url=url
    )
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        for path, params in [("/api/search", {"q": "tại chỗ"}),
                             ("/api/lookup", {"number": "342-CV/TU"}),
                             ("/api/documents/x", {})]:  # fmt: skip
            response = client.get(path, params=params)
            assert response.status_code == 503, (path, response.text)
            assert "cannot be reached" in response.json()["detail"]


def test_setup_is_idempotent_and_refuses_another_shard_count(monkeypatch):
    from tests.contract.conftest import fresh_collection, solr_url

    url = solr_url()
    fresh_collection(url, "tracuu_setup", shards=1, replicas=1)
    monkeypatch.setenv("TRACUU_SOLR_URL", url)
    monkeypatch.setenv("TRACUU_SOLR_COLLECTION", "tracuu_setup")
    again = CliRunner().invoke(main, ["solr", "setup"])
    assert again.exit_code == 0 and "configset refreshed and reloaded" in again.output
    other = CliRunner().invoke(main, ["solr", "setup", "--shards", "2"])
    assert other.exit_code == 1 and "exists with 1 shard(s), not 2" in other.output
