"""What an office opens: the CSV in Excel on Windows (a BOM, a name saying what and when)
and times on the office's clock (TRACUU_TIMEZONE, Vietnam by default)."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime

from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from tests.service.conftest import KEY


def test_csv_for_excel_starts_with_a_bom_and_is_named_after_the_query_and_day(client):
    response = client.get("/api/export", params={"q": "4 tại chỗ", "format": "csv", "bom": True})
    assert response.content.startswith(b"\xef\xbb\xbfid,number,doc_type,")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert "342-CV/TU" in [r["number"] for r in rows]
    today = Settings(timezone="Asia/Ho_Chi_Minh").today().isoformat()
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="tracuu-4-tai-cho-{today}.csv"'
    )


def test_csv_for_programs_has_no_bom(client):
    response = client.get("/api/export", params={"q": "covid", "format": "csv"})
    assert response.content.startswith(b"id,number,")


def test_search_page_offers_the_csv_with_a_bom(client):
    html = client.get("/", params={"q": "covid"}, headers={"Accept": "text/html"}).text
    assert 'href="/api/export?q=covid&amp;format=csv&amp;bom=true" download' in html


def _seen_on_page(archive, zone: str | None) -> tuple[str, str]:
    settings = archive.settings.model_copy(update={"timezone": zone} if zone else {})
    with TestClient(create_app(settings)) as client:
        client.post("/api/saved-searches", json={"name": "Covid", "q": "covid"}, headers=KEY)
        seen_at = client.get("/api/saved-searches").json()["results"][0]["seen_at"]
        page = client.get("/saved", headers={"Accept": "text/html"}).text
    [shown] = re.findall(r"Xem lần cuối: ([^<]+)<", page)
    return seen_at, shown.strip()


def test_saved_searches_show_vietnam_time_by_default(archive):
    seen_at, shown = _seen_on_page(archive, None)
    stored = datetime.fromisoformat(seen_at)
    assert stored.utcoffset().total_seconds() == 0
    hanoi = stored.astimezone(UTC).timestamp() + 7 * 3600  # Vietnam: UTC+7, no summer time
    assert shown == datetime.fromtimestamp(hanoi, UTC).strftime("%d/%m/%Y %H:%M")
    assert "UTC" not in shown


def test_the_time_zone_is_a_setting(archive):
    seen_at, shown = _seen_on_page(archive, "UTC")
    assert shown == datetime.fromisoformat(seen_at).strftime("%d/%m/%Y %H:%M")
