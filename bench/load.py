"""Load test: many clients search the real service while the archive is re-indexed.

Starts ``uvicorn api.app:app`` on a free loopback port over a generated archive, runs
``--clients`` threads that search (and read every hit) for ``--seconds``, while one loop
adds, changes and removes documents and runs ``tracuu index --quiet``. Every fixture
document holds the marker word in its title and its body, so each answer can be checked:
no failed request, no duplicate or partial hit, ``total == len(results)`` for small
answers, and every hit readable (200) unless its file was removed (a consistent 404).

Usage: ``python bench/load.py [--clients 32] [--seconds 30] [--docs 80]``
(loopback only; bounded in time; cleans up after itself).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

MARKER = "mốctiêu"
ROOT = Path(__file__).resolve().parents[1]
TRACUU = str(Path(sys.executable).with_name("tracuu"))
SENTENCES = (
    "Các cấp ủy, chính quyền tiếp tục thực hiện nghiêm phương châm bốn tại chỗ.",
    "Ban Chỉ đạo phòng, chống dịch Covid-19 tỉnh theo dõi sát diễn biến dịch bệnh.",
    "Sở Y tế chủ trì, phối hợp với các đơn vị liên quan triển khai tiêm vắc xin.",
    "Tăng cường kiểm tra, giám sát việc chấp hành quy định tại các khu công nghiệp.",
)


def document(n: int, version: int = 0) -> str:
    """A short công văn with the marker and its own word ``mãvb<n>`` in title and body."""
    rng = random.Random(n * 1000 + version)
    body = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 8)))
    return (
        f"TỈNH ỦY NINH BÌNH\nSố {n}-CV/TU\nNinh Bình, ngày 2 tháng 8 năm 2021\n"
        f"V/v {MARKER} mãvb{n} lần {version}\n{body}\n"
        f"Nội dung {MARKER} mãvb{n} được thực hiện nghiêm túc.\nPHÓ BÍ THƯ\nNguyễn Văn An\n"
    )


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    requests: int = 0
    failures: list[str] = field(default_factory=list)
    reads_404: int = 0
    index_runs: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fail(self, message: str) -> None:
        with self.lock:
            if len(self.failures) < 50:
                self.failures.append(message)

    def summary(self, seconds: float) -> dict:
        lat = sorted(self.latencies)

        def pct(p: float) -> float:
            return round(lat[min(len(lat) - 1, int(p * len(lat)))] * 1000, 1) if lat else 0.0

        return {
            "requests": self.requests,
            "searches": len(lat),
            "seconds": round(seconds, 1),
            "rps": round(self.requests / seconds, 1) if seconds else 0.0,
            "p50_ms": pct(0.50),
            "p95_ms": pct(0.95),
            "p99_ms": pct(0.99),
            "failed": len(self.failures),
            "consistent_404s": self.reads_404,
            "index_runs": self.index_runs,
            "failures": self.failures[:10],
        }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Archive:
    """The archive on disk and what has ever been removed from it."""

    def __init__(self, root: Path, docs: int) -> None:
        self.root, self.next, self.removed = root, docs, set()
        self.versions: dict[int, int] = {}
        self.lock = threading.Lock()
        for n in range(docs):
            self.write(n)

    def path(self, n: int) -> Path:
        return self.root / "lt" / f"vb{n:05d}.txt"

    def write(self, n: int) -> None:
        self.path(n).parent.mkdir(parents=True, exist_ok=True)
        self.versions[n] = self.versions.get(n, -1) + 1
        self.path(n).write_text(document(n, self.versions[n]))

    def churn(self, rng: random.Random) -> None:
        """Add three documents, change two and remove two."""
        with self.lock:
            for _ in range(3):
                self.write(self.next)
                self.next += 1
            live = sorted(n for n in self.versions if n not in self.removed)
            for n in rng.sample(live, 2):
                self.write(n)
            for n in rng.sample(live, 2):
                self.path(n).unlink()
                self.removed.add(n)

    def was_removed(self, doc_id: str) -> bool:
        with self.lock:
            return int(doc_id.rsplit("vb", 1)[1]) in self.removed


def client_loop(base: str, archive: Archive, stats: Stats, stop: float, seed: int) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=30) as http:
        while time.monotonic() < stop:
            try:
                check_one(http, archive, stats, rng)
            except Exception as exc:  # every failure counts; the loop goes on
                stats.fail(f"{type(exc).__name__}: {exc}")


def check_one(http: httpx.Client, archive: Archive, stats: Stats, rng: random.Random) -> None:
    own = rng.random() < 0.5
    q = f"mãvb{rng.randrange(archive.next)}" if own else MARKER
    started = time.perf_counter()
    response = http.get("/api/search", params={"q": q, "per_page": 100})
    elapsed = time.perf_counter() - started
    with stats.lock:
        stats.requests += 1
        stats.latencies.append(elapsed)
    if response.status_code != 200:
        return stats.fail(f"search {q!r}: {response.status_code} {response.text[:200]}")
    body = response.json()
    ids = [hit["id"] for hit in body["results"]]
    if len(set(ids)) != len(ids):
        stats.fail(f"search {q!r}: duplicate hits")
    if body["total"] <= 100 and body["total"] != len(ids):
        stats.fail(f"search {q!r}: total {body['total']} but {len(ids)} results")
    if own and len(ids) > 1:
        stats.fail(f"search {q!r}: {len(ids)} hits for one document's own word")
    for hit in body["results"]:
        if MARKER not in (hit["title"] or ""):
            stats.fail(f"search {q!r}: hit {hit['id']} without its title")
    for doc_id in rng.sample(ids, min(2, len(ids))):
        read = http.get(f"/api/documents/{doc_id}")
        with stats.lock:
            stats.requests += 1
        if read.status_code == 404 and archive.was_removed(doc_id):
            with stats.lock:
                stats.reads_404 += 1
        elif read.status_code != 200 or MARKER not in read.json()["body"]:
            stats.fail(f"read {doc_id}: {read.status_code}")


def writer_loop(archive: Archive, env: dict, stats: Stats, stop: float, seed: int) -> None:
    rng = random.Random(seed)
    while time.monotonic() < stop:
        archive.churn(rng)
        done = subprocess.run([TRACUU, "index", "--quiet", "--jobs", "1"], env=env,
                              capture_output=True, text=True, timeout=120)  # fmt: skip
        if done.returncode != 0:
            stats.fail(f"tracuu index exited {done.returncode}: {done.stderr[-300:]}")
        stats.index_runs += 1
        time.sleep(0.2)


def start_server(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "api.app:app", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"server exited: {server.stderr.read().decode()[-500:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("server did not start within 60 s")


def run_load(clients: int = 32, seconds: float = 30.0, docs: int = 80) -> dict:
    """Run the load test in a fresh temporary directory; returns the figures."""
    with tempfile.TemporaryDirectory(prefix="tracuu-load-") as tmp:
        archive = Archive(Path(tmp) / "corpus", docs)
        env = dict(os.environ, TRACUU_CORPUS_DIR=str(archive.root),
                   TRACUU_INDEX_DIR=str(Path(tmp) / "index"))  # fmt: skip
        env.pop("TRACUU_API_KEY", None)
        subprocess.run([TRACUU, "index", "--quiet"], env=env, check=True, timeout=300)
        port = free_port()
        server = start_server(env, port)
        stats = Stats()
        try:
            started = time.monotonic()
            stop = started + seconds
            threads = [threading.Thread(target=writer_loop, args=(archive, env, stats, stop, 1))]
            threads += [
                threading.Thread(target=client_loop,
                                 args=(f"http://127.0.0.1:{port}", archive, stats, stop, i))
                for i in range(clients)
            ]  # fmt: skip
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=seconds + 180)
            elapsed = time.monotonic() - started
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            server.stderr.close()
        return stats.summary(elapsed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--docs", type=int, default=80)
    args = parser.parse_args()
    figures = run_load(min(args.clients, 64), min(args.seconds, 600), args.docs)
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    sys.exit(1 if figures["failed"] else 0)


if __name__ == "__main__":
    main()
