"""Saved searches in SQLite, beside the index: what was asked, and what was seen of it.

The database lives next to the index generations (``<index_dir>/saved-searches.sqlite3``
by default, never inside a ``gen-*`` directory), so it survives restarts, incremental
builds and ``--rebuild``. Three tables:

- ``saved_searches``: id, name, the search parameters (JSON), created_at, seen_at;
- ``seen_documents``: the ids that matched a saved search when it was last marked seen
  (so "new since last seen" is exact, whatever the documents' dates);
- ``feed_versions``: per feed, the ETag of its content and when that content last
  changed (the feeds' ``Last-Modified``).

Each call opens its own connection: the store is safe across threads and processes.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from search.errors import NotFound, SearchError
from search.models import SearchRequest
from search.searcher import Engine

DB_NAME = "saved-searches.sqlite3"
PARAMS = ("q", "doc_type", "issuer", "year", "signer", "date_from", "date_to", "sort")
MAX_ID = 2**63 - 1
MAX_FEED_VERSIONS = 10_000  # feeds of ad-hoc searches remembered; the least used go first
FEED_TIMEOUT = 1.0  # seconds a feed waits for another writer of the database, then goes on
WRITE_TIMEOUT = 5.0  # seconds a saved-search call waits for another writer, then 503
SCHEMA = """
CREATE TABLE IF NOT EXISTS saved_searches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    params TEXT NOT NULL,
    created_at TEXT NOT NULL,
    seen_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS seen_documents (
    search_id INTEGER NOT NULL REFERENCES saved_searches (id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL,
    PRIMARY KEY (search_id, doc_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS feed_versions (
    key TEXT PRIMARY KEY,
    etag TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    used_at TEXT NOT NULL
);
"""


class StoreUnavailable(SearchError):
    """The database cannot be opened or written; the message says what to do."""

    status = 503


@dataclass(slots=True)
class SavedSearch:
    """One saved search: its parameters as a (page 1) ``SearchRequest``."""

    id: int
    name: str
    request: SearchRequest
    created_at: str  # ISO 8601, UTC
    seen_at: str  # when its matches were last marked seen (at first: when it was saved)


@dataclass(slots=True)
class SavedStatus:
    """A saved search against the index as it is now."""

    saved: SavedSearch
    total: int  # documents matching now
    new_ids: list[str] = field(default_factory=list)  # matching now, not when last seen


def now() -> str:
    """The current time, ISO 8601 in UTC to the second (``2026-12-02T13:45:00+00:00``)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def params_of(request: SearchRequest) -> dict:
    """The stored parameters of a request (no page).

    >>> params_of(SearchRequest(q="4 tại chỗ", year=[2021]))["year"]
    [2021]
    """
    return {name: getattr(request, name) for name in PARAMS}


def request_of(params: dict) -> SearchRequest:
    """The request of stored parameters, page 1 (unknown keys ignored)."""
    return SearchRequest(**{k: v for k, v in params.items() if k in PARAMS})


class SavedSearches:
    """The saved-search database at ``path`` (created on first use)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._ready = False
        self.timeout = WRITE_TIMEOUT

    @contextmanager
    def _db(self, timeout: float | None = None) -> Iterator[sqlite3.Connection]:
        """One connection, one transaction (committed on success, rolled back on error).

        The first use checks the file: a damaged one is moved aside (kept, named
        ``...damaged-<time>``) and a new one made; so is a file deleted while serving."""
        if not self.path.parent.is_dir():  # no index yet: create no folders of our own
            raise StoreUnavailable(
                f"no folder {self.path.parent} for the saved searches: build the index "
                "(`tracuu index`) or set TRACUU_SAVED_DB"
            )
        if self._ready and not self.path.exists():
            self._ready = False  # deleted while serving: made again
        try:
            if not self._ready:
                self._check()
            with closing(sqlite3.connect(self.path, timeout=timeout or self.timeout)) as db:
                db.execute("PRAGMA foreign_keys = ON")
                if not self._ready:
                    db.execute("PRAGMA journal_mode = WAL")
                    db.executescript(SCHEMA)
                    self._ready = True
                with db:
                    yield db
        except sqlite3.DatabaseError as exc:  # locked past the timeout, disk full, damaged
            if not isinstance(exc, sqlite3.OperationalError):
                self._ready = False  # damaged: the next use checks it again
            raise StoreUnavailable(f"the saved-search database {self.path}: {exc}") from exc

    def check(self) -> None:
        """At start: a damaged database is moved aside and made anew (see ``_db``)."""
        if self.path.parent.is_dir():
            try:
                self._check()
            except sqlite3.OperationalError:
                pass  # locked by another process: its first use here will say so

    def _check(self) -> None:
        """Move a damaged database (and its journal) aside, keeping it for whoever can
        mend it; a new one is made in its place."""
        if not self.path.exists():
            return
        try:
            with closing(sqlite3.connect(self.path, timeout=5)) as db:
                verdict = db.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc):
                raise  # another process is writing: not damage
            verdict = str(exc)
        except sqlite3.DatabaseError as exc:
            verdict = str(exc)
        if verdict == "ok":
            return
        stamp = now().replace(":", "").replace("+0000", "Z")
        for suffix in ("", "-wal", "-shm"):
            part = self.path.with_name(self.path.name + suffix)
            if part.exists():
                part.replace(part.with_name(f"{part.name}.damaged-{stamp}"))

    # --- saved searches ----------------------------------------------------------------
    def add(self, name: str, request: SearchRequest, matching: Iterable[str]) -> SavedSearch:
        """Save a search; ``matching`` (the ids it finds now) counts as already seen."""
        stamp = now()
        params = json.dumps(params_of(request), ensure_ascii=False)
        with self._db() as db:
            cursor = db.execute(
                "INSERT INTO saved_searches (name, params, created_at, seen_at)"
                " VALUES (?, ?, ?, ?)",
                (name, params, stamp, stamp),
            )
            self._replace_seen(db, cursor.lastrowid, matching)
        return self.get(cursor.lastrowid)

    def all(self) -> list[SavedSearch]:
        """Every saved search, oldest first."""
        with self._db() as db:
            rows = db.execute("SELECT * FROM saved_searches ORDER BY id").fetchall()
        return [_saved(row) for row in rows]

    def get(self, search_id: int) -> SavedSearch:
        if not 0 < search_id <= MAX_ID:  # SQLite's integers are 64-bit
            raise NotFound(f"no saved search with id {search_id}")
        with self._db() as db:
            row = db.execute("SELECT * FROM saved_searches WHERE id = ?", (search_id,)).fetchone()
        if row is None:
            raise NotFound(f"no saved search with id {search_id}")
        return _saved(row)

    def delete(self, search_id: int) -> None:
        self.get(search_id)
        with self._db() as db:
            gone = db.execute("DELETE FROM saved_searches WHERE id = ?", (search_id,)).rowcount
        if not gone:
            raise NotFound(f"no saved search with id {search_id}")

    def mark_seen(self, search_id: int, matching: Iterable[str]) -> SavedSearch:
        """Remember ``matching`` as what the search finds when its owner last looked."""
        self.get(search_id)
        with self._db() as db:
            db.execute("UPDATE saved_searches SET seen_at = ? WHERE id = ?", (now(), search_id))
            self._replace_seen(db, search_id, matching)
        return self.get(search_id)

    def seen_ids(self, search_id: int) -> set[str]:
        with self._db() as db:
            rows = db.execute("SELECT doc_id FROM seen_documents WHERE search_id = ?", (search_id,))
            return {doc_id for (doc_id,) in rows}

    @staticmethod
    def _replace_seen(db: sqlite3.Connection, search_id: int, ids: Iterable[str]) -> None:
        db.execute("DELETE FROM seen_documents WHERE search_id = ?", (search_id,))
        db.executemany(
            "INSERT OR IGNORE INTO seen_documents (search_id, doc_id) VALUES (?, ?)",
            ((search_id, doc_id) for doc_id in ids),
        )

    # --- feed versions -----------------------------------------------------------------
    def feed_changed_at(self, key: str, etag: str) -> str:
        """When the feed ``key`` last changed: now if its content (``etag``) is new."""
        stamp = now()
        with self._db(timeout=FEED_TIMEOUT) as db:
            row = db.execute("SELECT etag, changed_at FROM feed_versions WHERE key = ?", (key,))
            known = row.fetchone()
            changed_at = known[1] if known and known[0] == etag else stamp
            db.execute(
                "INSERT INTO feed_versions (key, etag, changed_at, used_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (key) DO UPDATE SET etag = excluded.etag,"
                " changed_at = excluded.changed_at, used_at = excluded.used_at",
                (key, etag, changed_at, stamp),
            )
            if not known:
                _forget_old_feeds(db)
        return changed_at


def _forget_old_feeds(db: sqlite3.Connection) -> None:
    db.execute(
        "DELETE FROM feed_versions WHERE key NOT IN"
        " (SELECT key FROM feed_versions ORDER BY used_at DESC LIMIT ?)",
        (MAX_FEED_VERSIONS,),
    )


def _saved(row: tuple) -> SavedSearch:
    search_id, name, params, created_at, seen_at = row
    return SavedSearch(search_id, name, request_of(json.loads(params)), created_at, seen_at)


# --- against the index -----------------------------------------------------------------
def status(engine: Engine, store: SavedSearches, saved: SavedSearch) -> SavedStatus:
    """How many documents the saved search finds now, and which are new since last seen."""
    ids = engine.matching_ids(saved.request, ordered=False)
    seen = store.seen_ids(saved.id)
    return SavedStatus(saved, len(ids), [doc_id for doc_id in ids if doc_id not in seen])
