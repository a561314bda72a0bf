"""What SolrCloud says of a collection's shards: which are up (CLUSTERSTATUS), and which
failed in one answer (``shards.info``)."""

from __future__ import annotations

import re


def shard_states(status: dict, collection: str) -> dict:
    """Shard -> {"up": a live active replica exists, "replicas": [{node, state, leader}]};
    a replica on a node that left the cluster is "down" whatever its last state was.

    >>> status = {"cluster": {"live_nodes": ["a:1_solr"], "collections": {"c": {"shards": {
    ...     "shard1": {"replicas": {"r1": {"node_name": "b:2_solr", "state": "active"}}}}}}}}
    >>> shard_states(status, "c")["shard1"]["up"]
    False
    """
    live = set(status["cluster"]["live_nodes"])
    shards = status["cluster"]["collections"][collection]["shards"]
    out = {}
    for name, shard in sorted(shards.items()):
        replicas = [
            {
                "node": r["node_name"],
                "state": r["state"] if r["node_name"] in live else "down",
                "leader": r.get("leader") == "true",
            }
            for r in shard["replicas"].values()
        ]
        out[name] = {"up": any(r["state"] == "active" for r in replicas), "replicas": replicas}
    return out


def failed_shards(answer: dict) -> list[str]:
    """The shards whose part of a distributed answer failed (``shards.info`` keys are the
    replica URLs tried for one shard, joined by ``|``)."""
    info = answer.get("shards.info", {})
    failed = [key for key, value in info.items() if value.get("error")]
    return sorted({shard_of(url) for key in failed for url in key.split("|") if url})


def shard_of(url: str) -> str:
    """The shard a replica's core URL belongs to (SolrCloud names cores after it).

    >>> shard_of("http://127.0.0.1:8984/solr/tracuu_shard2_replica_n4/")
    'shard2'
    """
    found = re.search(r"_(shard[^/_]+)_replica", url)
    return found.group(1) if found else url
