"""Faults are never silent: a real 2-node dev cluster of its own, 2 shards x 2 replicas.

SIGKILL of one node: searches still answer in full. A whole shard gone: the answer says
``partial`` and names the shard (API and page), never a smaller total presented as
complete. The cluster stopped: a 503 with a message.
"""

from __future__ import annotations

import os
import signal
import time

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from indexer.build import build_index
from indexer.engines.solr.client import SolrClient
from indexer.engines.solr.cluster import ZK_OFFSET, _in_use, start_cluster
from tests.contract.conftest import fresh_collection, solr_url

pytestmark = pytest.mark.slow
QUERIES = ["tại chỗ", "4 tai cho", "", "dịch", '"bốn tại chỗ"']


def free_base_port() -> int:
    for base in range(23000, 30000, 37):
        if not any(_in_use(p) for p in (base, base + 1, base + ZK_OFFSET)):
            return base
    raise RuntimeError("no free ports for a test cluster")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    solr_url()  # only where Solr runs (CI, or a developer who configured one)
    running = start_cluster(2, free_base_port(), tmp_path_factory.mktemp("faults"))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def app(cluster, sample_corpus, tmp_path_factory):
    url = cluster.nodes[0].url  # the node that also runs ZooKeeper stays up
    config = fresh_collection(url, "tracuu_faults", shards=2, replicas=2)
    build_index(sample_corpus, tmp_path_factory.mktemp("unused"), jobs=1, engine=config)
    settings = Settings(
        index_dir=tmp_path_factory.mktemp("unused2"),
        corpus_dir=sample_corpus,
        backend="solr",
        solr_url=url,
        solr_collection=config.solr_collection,
    )
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


def answers(client) -> dict:
    out = {}
    for q in QUERIES:
        body = client.get("/api/search", params={"q": q, "per_page": 100}).json()
        out[q] = (body["total"], sorted(r["id"] for r in body["results"]), body["partial"])
    return out


def test_faults_are_never_silent(cluster, app):
    shards = app.get("/healthz").json()["engine"]["shards"]
    for shard in shards.values():  # each shard has a replica on each node
        assert len({r["node"] for r in shard["replicas"]}) == 2
    full = answers(app)
    assert all(total > 0 and not partial for total, _, partial in full.values())

    killed = cluster.nodes[1].process
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait()
    assert answers(app) == full  # one node down: every shard still has a replica

    _delete_live_replica(cluster.nodes[0].url, "tracuu_faults", "shard2")
    body = app.get("/api/search", params={"q": "tại chỗ", "per_page": 100}).json()
    assert "partial" in body, body
    assert (body["partial"], body["missing"]) == (True, ["shard2"])
    assert body["total"] < full["tại chỗ"][0]
    page = app.get("/", params={"q": "tại chỗ"})
    assert "Một phần chỉ mục không trả lời (shard2)" in page.text

    cluster.stop()
    response = app.get("/api/search", params={"q": "tại chỗ"})
    assert response.status_code == 503
    assert "cannot be reached" in response.json()["detail"]


def _delete_live_replica(url: str, collection: str, shard: str) -> None:
    """Remove the shard's replica on the node still up: no replica of it answers now."""
    client = SolrClient(url, collection)
    try:
        status = client.admin(
            "admin/collections", {"action": "CLUSTERSTATUS", "collection": collection}
        )
        replicas = status["cluster"]["collections"][collection]["shards"][shard]["replicas"]
        live = set(status["cluster"]["live_nodes"])
        node = url.split("//")[1].replace("/solr", "_solr")
        name = next(n for n, r in replicas.items() if r["node_name"] == node and node in live)
        client.admin(
            "admin/collections",
            {"action": "DELETEREPLICA", "collection": collection, "shard": shard, "replica": name},
            timeout=120,
        )
    finally:
        client.close()
    time.sleep(1)  # the cluster state reaches every node
