"""The write-path attack of issue 26, on a real `tracuu serve` over a copy of the corpus,
while 8 clients search: hostile files, refused and concurrent uploads, clashing names,
oversized bodies, repeated parameters, wrong keys, inputs that gave 500s, a killed server.

Prints one table: per attack, requests tried, failed (an answer other than the expected
one, or any 5xx) and acknowledged documents lost (not fetchable at the end), then the
searches answered meanwhile and the slowest. Not run by the tests.

    python bench/attack.py
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.reliability._hostile import docx_bomb, pdf_one_page_repeated  # noqa: E402

KEY = "attack-key-26"
TRACUU = str(Path(sys.executable).with_name("tracuu"))
DOC = "THÔNG BÁO\nVề việc kiểm tra {w} tại chỗ trên địa bàn tỉnh Ninh Bình.\n"
rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tried, failed, lost
acknowledged: dict[str, bytes] = {}  # id -> the bytes last acknowledged
fivexx = [0]


def expect(attack: str, response: httpx.Response, *statuses: int) -> httpx.Response:
    rows[attack][0] += 1
    if response.status_code >= 500:
        fivexx[0] += 1
    if response.status_code not in statuses:
        rows[attack][1] += 1
        print(f"  {attack}: {response.status_code} {response.text[:120]}")  # noqa: T201
    return response


def upload(client, attack, name, data, *statuses, key=KEY):
    response = client.post("/api/documents", files={"file": (name, data)},
                           headers={"X-API-Key": key})  # fmt: skip
    expect(attack, response, *statuses)
    if response.status_code == 201:
        acknowledged[response.json()["id"]] = data
    return response


def serve(corpus: Path, index_dir: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "TRACUU_API_KEY": KEY}
    server = subprocess.Popen([TRACUU, "serve", "--port", str(port), "--quiet", "--index-dir",
                               str(index_dir), "--corpus-dir", str(corpus)],
                              env=env, stderr=subprocess.DEVNULL)  # fmt: skip
    for _ in range(600):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start")


def searchers(base: str, stop: threading.Event, figures: dict) -> list[threading.Thread]:
    def run() -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            while not stop.is_set():
                started = time.perf_counter()
                try:
                    ok = client.get("/api/search", params={"q": "tại chỗ"}).status_code == 200
                except httpx.HTTPError:
                    ok = False
                figures["searches"] += 1
                figures["failed"] += not ok
                figures["slowest"] = max(figures["slowest"], time.perf_counter() - started)

    return [threading.Thread(target=run, daemon=True) for _ in range(8)]


def attacks(client: httpx.Client, work: Path, port: int) -> None:
    for n in range(30):
        upload(client, "good uploads", f"tot-{n}.txt", DOC.format(w=f"tot{n}").encode(), 201)
    for n, bad in enumerate([b"", b"  \n ", bytes(range(256)) * 20, b"\x00\x01" * 900] * 3):
        upload(client, "refused over a kept file", f"tot-{n}.txt", bad, 400)
    bomb = docx_bomb(work / "bom.docx").read_bytes()
    pages = pdf_one_page_repeated(work / "lap.pdf").read_bytes()
    for name, data in [("bom.docx", bomb), ("lap.pdf", pages)] * 2:
        upload(client, "hostile files", name, data, 400)
    threads = [threading.Thread(target=upload, args=(client, "one name, 8 at once", "cung.txt",
                                                     DOC.format(w=f"cung{n}").encode(), 201))
               for n in range(8)]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    names = [("README.txt", 400), ("a" * 200 + ".txt", 400), ("x.txt", 201), ("x.html", 409),
             ("x.md", 409), (unicodedata.normalize("NFD", "Tỉnh ủy.txt"), 201),
             ("Tỉnh ủy.txt", 201)]  # fmt: skip
    for name, status in names:
        upload(client, "names", name, DOC.format(w="ten").encode(), status)
    with socket.create_connection(("127.0.0.1", port)) as raw:  # 300 MB declared, no key
        raw.sendall(b"POST /api/documents HTTP/1.1\r\nHost: x\r\nContent-Length: 314572800\r\n"
                    b"Content-Type: multipart/form-data; boundary=b\r\n\r\n")  # fmt: skip
        answer = raw.recv(200)
    rows["body 300 MB, no key"][0] += 1
    rows["body 300 MB, no key"][1] += b" 413 " not in answer.split(b"\r\n")[0] + b" "
    expect("1,500 year= values", client.get("/api/search", params=[("year", 2021)] * 1500), 400)
    expect("1,500 year= values", client.get("/", params=[("year", 2021)] * 1500), 400)
    long_q = " ".join(["phòng chống dịch covid tại chỗ"] * 9)
    expect("once 500", client.get("/api/export", params={"q": long_q, "format": "docx"}), 200)
    body = json.dumps({"name": "\ud800", "q": "covid"})
    expect("once 500", client.post("/api/saved-searches", content=body,
                                   headers={"X-API-Key": KEY,
                                            "Content-Type": "application/json"}), 400)  # fmt: skip

    for n in range(30):
        expect("wrong keys", client.delete("/api/documents/x", headers={"X-API-Key": f"k{n}"}),
               403 if n < 20 else 429)  # fmt: skip


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="tracuu-attack-"))
    corpus, index_dir = work / "corpus", work / "index"
    shutil.copytree(ROOT / "corpus", corpus)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = serve(corpus, index_dir, port)
    base = f"http://127.0.0.1:{port}"
    stop, figures = threading.Event(), {"searches": 0, "failed": 0, "slowest": 0.0}
    readers = searchers(base, stop, figures)
    for reader in readers:
        reader.start()
    with httpx.Client(base_url=base, timeout=600) as client:
        attacks(client, work, port)
        (index_dir / "saved-searches.sqlite3").write_bytes(b"damaged " * 500)
        expect("damaged saved searches", client.get("/api/saved-searches"), 503, 200)
        expect("damaged saved searches", client.get("/api/search", params={"q": "covid"}), 200)
    stop.set()
    for reader in readers:
        reader.join()
    os.kill(server.pid, signal.SIGKILL)  # then a restart over the same files
    server.wait()
    rows["server SIGKILL, restart"][0] += 1
    server = serve(corpus, index_dir, port)
    with httpx.Client(base_url=base, timeout=60) as client:
        for doc_id, data in acknowledged.items():
            original = client.get(f"/api/documents/{doc_id}/original")
            if original.status_code != 200 or (
                doc_id != "uploads/cung" and original.content != data
            ):
                rows["good uploads"][2] += 1
    server.terminate()
    server.wait()
    for name in ("bom.docx", "lap.pdf"):
        shutil.copy(work / name, corpus / name)
    done = subprocess.run([TRACUU, "index", str(corpus), "--index-dir", str(index_dir)],
                          capture_output=True, text=True)  # fmt: skip
    rows["tracuu index, hostile files"][0] += 2
    rows["tracuu index, hostile files"][1] += sum(
        f"skipped {name}" not in done.stderr for name in ("bom.docx", "lap.pdf")
    ) + (done.returncode != 2)
    print(f"{'attack':28} {'tried':>6} {'failed':>6} {'lost':>5}")  # noqa: T201
    for attack, (tried, failed, lost) in rows.items():
        print(f"{attack:28} {tried:6} {failed:6} {lost:5}")  # noqa: T201
    print(f"5xx answers: {fivexx[0]}; acknowledged documents: {len(acknowledged)}")  # noqa: T201
    print(f"searches meanwhile: {figures['searches']}, failed {figures['failed']}, "  # noqa: T201
          f"slowest {figures['slowest']:.2f} s")  # fmt: skip
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
