"""``tracuu solr ...``: set up a SolrCloud collection, run a local dev cluster."""

from __future__ import annotations

from pathlib import Path

import click

from indexer.engine import EngineConfig
from indexer.engines.solr.client import SolrClient, SolrError
from indexer.engines.solr.cluster import run_foreground, start_cluster
from indexer.engines.solr.launcher_build import LauncherError
from indexer.engines.solr.setup import SetupError, setup_collection


@click.group()
def solr() -> None:
    """The SolrCloud engine (TRACUU_BACKEND=solr)."""


@solr.command()
@click.option("--shards", default=1, show_default=True, type=click.IntRange(1, 1024))
@click.option(
    "--replicas",
    default=1,
    show_default=True,
    type=click.IntRange(1, 16),
    help="Replicas of each shard",
)
def setup(shards: int, replicas: int) -> None:
    """Upload the configset and create the collection on $TRACUU_SOLR_URL."""
    config = EngineConfig.from_env()
    client = SolrClient(config.solr_url, config.solr_collection)
    try:
        report = setup_collection(client, shards, replicas)
    except (SolrError, SetupError) as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        client.close()
    verb = "created" if report.created else "exists; configset refreshed and reloaded"
    click.echo(
        f"collection {report.collection!r} {verb}: {report.shards} shard(s) x "
        f"{report.replicas} replica(s) on {config.solr_url}",
        err=True,
    )


@solr.command("dev-cluster")
@click.option("--nodes", default=2, show_default=True, type=click.IntRange(1, 16))
@click.option("--base-port", default=8983, show_default=True, type=click.IntRange(1024, 64000))
@click.option(
    "--dir",
    "directory",
    default="data/solr",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
)
@click.option("--quiet", is_flag=True, help="No progress messages")
def dev_cluster(nodes: int, base_port: int, directory: Path, quiet: bool) -> None:
    """Run a local SolrCloud (ZooKeeper + one JVM per node) until Ctrl-C or SIGTERM."""

    def say(message: str) -> None:
        if not quiet:
            click.echo(message, err=True)

    try:
        cluster = start_cluster(nodes, base_port, directory, say)
    except LauncherError as exc:
        raise click.ClickException(str(exc)) from exc
    path = cluster.write_nodes_file()
    say(
        f"{nodes} node(s) up: {cluster.nodes[0].url} (list in {path}); "
        f"export TRACUU_SOLR_URL={cluster.nodes[0].url}; Ctrl-C stops"
    )
    run_foreground(cluster)
    say("cluster stopped")
