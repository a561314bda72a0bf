"""Uploads of a scan and of a Word 97-2003 file are indexed like any other file: the scan
through OCR (in the upload's memory-bounded child process), the .doc through antiword."""

from __future__ import annotations

import io

from tests.indexer.test_msword import WORD
from tests.indexer.test_ocr import BODY, HEADER, pytestmark, render  # noqa: F401
from tests.reliability.conftest import API_KEY

KEY = {"X-API-Key": API_KEY}


def test_an_uploaded_scan_and_doc_are_found_by_phrase_and_number(writable, tmp_path, monkeypatch):
    client, _, _ = writable
    monkeypatch.setenv("TRACUU_OCR_CACHE_DIR", str(tmp_path / "ocr-cache"))
    scan = io.BytesIO()
    render(HEADER, BODY).save(scan, format="PNG", dpi=(300, 300))
    for name, data in (("cv342.png", scan.getvalue()),
                       ("cv215.doc", (WORD / "cv_215_tu.doc").read_bytes())):  # fmt: skip
        response = client.post("/api/documents", files={"file": (name, data)}, headers=KEY)
        assert response.status_code == 201, response.text
    looked_up = client.get("/api/lookup", params={"number": "342/ubnd-vx"}).json()["results"]
    assert [r["id"] for r in looked_up] == ["uploads/cv342"]
    hits = client.get("/api/search", params={"q": '"phương châm 4 tại chỗ"'}).json()["results"]
    assert {"uploads/cv342", "uploads/cv215"} <= {h["id"] for h in hits}
