"""``tracuu solr dev-cluster``: a real local SolrCloud for tests and demos.

One JVM per node on 127.0.0.1 (ports ``base_port``, ``base_port + 1``...); the first also
runs ZooKeeper on ``base_port + 1000`` (Solr's own convention). ``DIR/nodeN/`` holds each
node's data, ``console.log`` and ``solr.log``; ``DIR/nodes.json`` lists
``[{"url": ..., "pid": ...}]`` once every node has joined the cluster, and is removed
when the cluster stops.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from indexer.engines.solr.client import SolrClient, SolrError
from indexer.engines.solr.launcher_build import (
    MAIN_CLASS,
    LauncherError,
    OnProgress,
    build_launcher,
    classpath,
)

ZK_OFFSET = 1000
NODE_HEAP = "512m"  # each node's JVM heap; $TRACUU_SOLR_HEAP overrides (e.g. 2g)
START_TIMEOUT = 180.0  # seconds for one node to say READY
STOP_TIMEOUT = 30.0  # seconds a node gets to stop before SIGKILL
NODES_FILE = "nodes.json"
PR_SET_PDEATHSIG = 1


@dataclass
class Node:
    url: str
    process: subprocess.Popen
    log: Path


class DevCluster:
    """Running nodes; ``stop()`` ends them all (and removes ``nodes.json``)."""

    def __init__(self, directory: Path, nodes: list[Node]) -> None:
        self.directory = directory
        self.nodes = nodes

    def describe(self) -> list[dict]:
        return [{"url": n.url, "pid": n.process.pid} for n in self.nodes]

    def write_nodes_file(self) -> Path:
        path = self.directory / NODES_FILE
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.describe(), indent=2) + "\n")
        tmp.replace(path)
        return path

    def alive(self) -> list[Node]:
        return [n for n in self.nodes if n.process.poll() is None]

    def stop(self) -> None:
        (self.directory / NODES_FILE).unlink(missing_ok=True)
        for node in reversed(self.nodes):  # ZooKeeper's node last
            _stop(node.process)


def java_command() -> str:
    """``$TRACUU_JAVA``, else Java 17 at /usr/bin/java, else ``java`` on PATH."""
    return os.environ.get("TRACUU_JAVA") or (
        "/usr/bin/java" if Path("/usr/bin/java").exists() else "java"
    )


def start_cluster(
    nodes: int, base_port: int, directory: Path, on_progress: OnProgress = lambda _: None
) -> DevCluster:
    """Build the launcher if needed, start ``nodes`` nodes and wait until all have joined."""
    if nodes < 1:
        raise LauncherError("a cluster needs at least one node")
    directory = Path(directory).resolve()
    directory.mkdir(parents=True, exist_ok=True)
    ports = [base_port + i for i in range(nodes)] + [base_port + ZK_OFFSET]
    busy = [p for p in ports if _in_use(p)]
    if busy:
        raise LauncherError(f"port(s) {busy} already in use on 127.0.0.1; choose --base-port")
    build = build_launcher(on_progress)
    zk_host = f"127.0.0.1:{base_port + ZK_OFFSET}"
    cluster = DevCluster(directory, [])
    try:
        on_progress(f"starting ZooKeeper and node 1 on port {base_port}")
        cluster.nodes.append(_launch(build, directory / "node1", base_port, zk_host, True))
        _wait_ready(cluster.nodes[0])
        if nodes > 1:
            on_progress(f"starting {nodes - 1} more node(s)")
        rest = [
            _launch(build, directory / f"node{i + 1}", base_port + i, zk_host, False)
            for i in range(1, nodes)
        ]
        cluster.nodes.extend(rest)
        for node in rest:
            _wait_ready(node)
        _wait_joined(cluster.nodes[0].url, nodes)
    except BaseException:
        cluster.stop()
        raise
    return cluster


def run_foreground(cluster: DevCluster) -> None:
    """Wait until SIGINT or SIGTERM (or every node has died), then stop every node."""

    def stop(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        while cluster.alive():
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        cluster.stop()


def _launch(build: Path, home: Path, port: int, zk_host: str, embed_zk: bool) -> Node:
    home.mkdir(parents=True, exist_ok=True)
    log = home / "console.log"
    command = [
        java_command(),
        f"-Xmx{os.environ.get('TRACUU_SOLR_HEAP', NODE_HEAP)}",
        "-cp",
        classpath(build),
        MAIN_CLASS,
        "--port",
        str(port),
        "--home",
        str(home),
        "--zk-host",
        zk_host,
    ]
    if embed_zk:
        command.append("--embed-zk")
    with open(log, "wb") as out:
        process = subprocess.Popen(
            command,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            preexec_fn=_die_with_parent,
        )
    return Node(f"http://127.0.0.1:{port}/solr", process, log)


def _die_with_parent() -> None:
    """In the child, before exec: SIGTERM when the parent dies, so no node outlives it."""
    try:
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def _wait_ready(node: Node) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        text = node.log.read_text(errors="replace") if node.log.exists() else ""
        if "READY " in text:
            return
        if "FAILED " in text or node.process.poll() is not None:
            raise LauncherError(
                f"the node at {node.url} did not start; see {node.log} "
                f"and {node.log.parent / 'solr.log'}"
            )
        time.sleep(0.2)
    raise LauncherError(f"the node at {node.url} did not start within {START_TIMEOUT:g} s")


def _wait_joined(url: str, nodes: int) -> None:
    """Until ZooKeeper lists ``nodes`` live nodes."""
    client = SolrClient(url, "")
    deadline = time.monotonic() + START_TIMEOUT
    try:
        while time.monotonic() < deadline:
            try:
                status = client.admin("admin/collections", {"action": "CLUSTERSTATUS"})
                if len(status["cluster"]["live_nodes"]) >= nodes:
                    return
            except SolrError:
                pass
            time.sleep(0.3)
    finally:
        client.close()
    raise LauncherError(f"fewer than {nodes} nodes joined the cluster within {START_TIMEOUT:g} s")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _in_use(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False
