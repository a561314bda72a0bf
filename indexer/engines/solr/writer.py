"""The SolrCloud engine, write side: prepared files become Solr documents, sent in
batches and made visible by one commit at the end of ``apply``.

SolrCloud cannot roll back (a collection has no transaction), so "nothing visible on
error" holds up to the next commit: documents already sent before a failure become
visible with whatever commits next. ``tracuu index`` run again sends them again.
"""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Iterator
from pathlib import Path

from indexer import schema as f
from indexer.engine import EngineConfig, OnResult, Task
from indexer.engines.solr.client import EMPTY_TOKEN, SolrClient
from indexer.pipeline import prepare
from indexer.records import Skipped

TEXT_FIELDS = (f.BODY, f.BODY_FOLDED, f.WORDS, f.TITLE, f.TITLE_FOLDED, f.SUBJECT, f.SUBJECT_FOLDED)
BATCH_DOCS = 500  # documents per update request
BATCH_CHARS = 8_000_000  # or fewer, when their text is this long
PAGE = 10_000  # ids per page when reading every content hash


def solr_document(fields: dict) -> dict:
    """The engine-free fields of ``indexer.pipeline.index_fields`` as one Solr document.

    >>> doc = solr_document({"id": "a", "record": {"id": "a"}, "issued_date": "2021-07-22",
    ...                      "day": 20210722})
    >>> doc["issued_date"], doc["month"], doc["record"], doc["title"]
    ('2021-07-22T00:00:00Z', 202107, '{"id": "a"}', '␀')
    """
    doc = dict(fields)
    for name in TEXT_FIELDS:
        if not doc.get(name, "").strip():
            doc[name] = EMPTY_TOKEN
    doc[f.RECORD] = json.dumps(fields[f.RECORD], ensure_ascii=False)
    if doc.get(f.ISSUED_DATE):
        doc[f.ISSUED_DATE] = f"{doc[f.ISSUED_DATE]}T00:00:00Z"
    if doc.get(f.DAY):
        doc[f.MONTH] = doc[f.DAY] // 100
    return doc


def prepared(tasks: list[Task], jobs: int) -> Iterator:
    """``prepare`` of every task, in a pool of ``jobs`` processes when jobs > 1."""
    if jobs <= 1 or len(tasks) < 2:
        yield from map(prepare, tasks)
        return
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        yield from pool.imap_unordered(prepare, tasks, chunksize=4)


class SolrWriter:
    """Writes to the collection of ``config`` (``rebuild``: empties it in the same commit)."""

    name = "solr"

    def __init__(self, config: EngineConfig, rebuild: bool = False) -> None:
        self.client = SolrClient(config.solr_url, config.solr_collection)
        self.rebuild = rebuild

    def known_hashes(self) -> dict[str, str]:
        if self.rebuild:
            return {}
        hashes, cursor = {}, "*"
        while True:
            params = {
                "q": "*:*",
                "fl": f"{f.ID},{f.CONTENT_HASH}",
                "sort": f"{f.ID} asc",
                "rows": PAGE,
                "cursorMark": cursor,
            }
            answer = self.client.select(params)
            for doc in answer["response"]["docs"]:
                hashes[doc[f.ID]] = doc.get(f.CONTENT_HASH, "")
            if answer["nextCursorMark"] == cursor:
                return hashes
            cursor = answer["nextCursorMark"]

    def apply(
        self,
        tasks: list[Task],
        removed: list[str],
        replaced: set[str],
        jobs: int,
        on_result: OnResult,
    ) -> None:
        """Send deletions, then documents in batches (a document replaces the one of the
        same id, so ``replaced`` needs no deletion), then commit once."""
        if not tasks and not removed and not self.rebuild:
            return
        if self.rebuild:
            self.client.update({"delete": {"query": "*:*"}})
        if removed:
            self.client.update({"delete": list(removed)})
        batch: list[dict] = []
        chars = 0
        for item in prepared(tasks, jobs):
            if isinstance(item, Skipped):
                on_result(item)
                continue
            batch.append(solr_document(item.fields))
            chars += len(item.document.body)
            on_result((item.id, len(item.document.body)))
            if len(batch) >= BATCH_DOCS or chars >= BATCH_CHARS:
                self.client.update(batch)
                batch, chars = [], 0
        if batch:
            self.client.update(batch)
        self.client.update([], params={"commit": "true", "waitSearcher": "true"})

    def finish(self) -> None:
        """Nothing left to do: ``apply``'s commit already made the collection current."""

    def document_count(self) -> int:
        return self.client.select({"q": "*:*", "rows": 0})["response"]["numFound"]

    def close(self) -> None:
        self.client.close()


def open_writer(config: EngineConfig, index_dir: Path, rebuild: bool) -> SolrWriter:
    """The engine's entry point (``indexer.engines.open_writer``); ``index_dir`` is unused:
    the index is the collection ``config`` names."""
    return SolrWriter(config, rebuild)
