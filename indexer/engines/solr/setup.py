"""``tracuu solr setup``: upload the configset shipped in this package and create the
collection, idempotently (a second run only refreshes the configset and reloads).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from indexer.engines.solr.client import SolrClient, SolrError

CONFIGSET_DIR = Path(__file__).parent / "configset"


class SetupError(Exception):
    """The collection cannot be set up as asked; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class SetupReport:
    collection: str
    created: bool  # False: it existed, its configset was refreshed and it was reloaded
    shards: int
    replicas: int


def configset_zip(directory: Path = CONFIGSET_DIR) -> bytes:
    """The configset's files, zipped at the root (what the configset API takes).

    >>> sorted(zipfile.ZipFile(io.BytesIO(configset_zip())).namelist())
    ['schema.xml', 'solrconfig.xml']
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(directory.iterdir()):
            if path.is_file():
                archive.write(path, path.name)
    return buffer.getvalue()


def setup_collection(client: SolrClient, shards: int = 1, replicas: int = 1) -> SetupReport:
    """Upload the configset (named like the collection) and create or reload the collection.

    An existing collection of another shard count is an error (re-sharding is Solr's
    SPLITSHARD, not a set-up step)."""
    name = client.collection
    client.admin(
        "admin/configs",
        {"action": "UPLOAD", "name": name, "overwrite": "true", "cleanup": "true"},
        method="POST",
        content=configset_zip(),
        headers={"Content-Type": "application/octet-stream"},
    )
    existing = _shape(client, name)
    if existing is None:
        client.admin(
            "admin/collections",
            {
                "action": "CREATE",
                "name": name,
                "numShards": shards,
                "replicationFactor": replicas,
                "collection.configName": name,
                "waitForFinalState": "true",
            },
            timeout=180,
        )
        return SetupReport(name, True, shards, replicas)
    have_shards, have_replicas = existing
    if have_shards != shards:
        raise SetupError(
            f"collection {name!r} exists with {have_shards} shard(s), not {shards}; "
            f"delete it (DELETE of the Collections API) or use --shards {have_shards}"
        )
    client.admin("admin/collections", {"action": "RELOAD", "name": name}, timeout=180)
    return SetupReport(name, False, have_shards, have_replicas)


def _shape(client: SolrClient, name: str) -> tuple[int, int] | None:
    """(shards, replicas of the first shard) of an existing collection, or None."""
    try:
        status = client.admin("admin/collections", {"action": "CLUSTERSTATUS", "collection": name})
    except SolrError as exc:
        if exc.status in (400, 404) and "not found" in str(exc).lower():
            return None
        raise
    shards = status["cluster"]["collections"][name]["shards"]
    first = next(iter(shards.values()), {"replicas": {}})
    return len(shards), len(first["replicas"])
