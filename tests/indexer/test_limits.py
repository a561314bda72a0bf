"""Per-file limits: a file past one is refused with a reason that names the setting."""

from __future__ import annotations

import pytest

from api.settings import Settings
from indexer.limits import LimitExceeded, Limits, TimeLimit
from indexer.pipeline import prepare
from indexer.records import Skipped
from indexer.sources import read_source
from tests.reliability._hostile import docx_bomb, pdf_one_page_repeated


def test_a_docx_bomb_is_refused_before_it_is_inflated(tmp_path):
    bomb = docx_bomb(tmp_path / "bom.docx", inflated_mb=150)
    with pytest.raises(LimitExceeded, match=r"inflates to 151 MB \(at most 100 MB"):
        read_source(bomb, tmp_path)
    assert prepare((bomb, tmp_path, None, Limits(max_inflated_mb=120))) == Skipped(
        "bom.docx",
        "inflates to 151 MB (at most 120 MB: TRACUU_MAX_INFLATED_MB); "
        "a zip bomb, or a document to split",
    )


def test_pages_and_characters_are_counted_before_the_text_is_kept(tmp_path):
    pdf = pdf_one_page_repeated(tmp_path / "lap.pdf", pages=300)
    assert prepare((pdf, tmp_path, None, Limits(max_pages=299))).reason == (
        "too many pages (300, at most 299: TRACUU_MAX_PAGES)"
    )
    skipped = prepare((pdf, tmp_path, None, Limits(max_pages=0, max_characters=5_000)))
    assert skipped.reason.startswith("too much text (more than 5,000 characters")
    assert prepare((pdf, tmp_path, None, Limits())).id == "lap"  # within the defaults


def test_a_time_limit_stops_python_work_in_the_main_thread():
    with pytest.raises(LimitExceeded, match="took longer than 0.2 s"):
        with TimeLimit(0.2) as timer:
            while True:
                pass
    assert timer.expired


def test_limits_are_settings(monkeypatch):
    monkeypatch.setenv("TRACUU_MAX_PAGES", "12")
    monkeypatch.setenv("TRACUU_MAX_SECONDS_PER_FILE", "3.5")
    assert Settings().limits() == Limits(max_pages=12, max_seconds=3.5)
