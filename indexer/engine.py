"""The engine seam, write side: which engine holds the index, and the ``Writer`` protocol
every engine implements (the read side is ``search.plan``).

An engine receives what ``indexer.pipeline.prepare`` makes of each file: its fields,
keyed by the names of ``indexer.schema``, engine-free (``index_fields``):
- text fields (``BODY``, ``BODY_FOLDED``, ``WORDS``, ``TITLE``...): analyzed tokens joined
  by single spaces; an engine only splits them on spaces (and lower-cases, a no-op);
- keyword fields (``ID``, ``NUMBER``..., ``DOC_TYPE``, ``ISSUER``, ``SIGNER``, ``PLACE``,
  ``STATUS_OVERRIDE``):
  one string; ``REFERENCES``, ``REFERENCE_KEYS`` and ``RELATION_KEYS``: lists of strings;
- ``ISSUED_DATE``: ISO ``YYYY-MM-DD``; ``DAY`` (YYYYMMDD) and ``YEAR``: ints;
- ``RECORD``: the whole ``Document.to_dict()``, stored for display, not searched.
A field a document does not have is absent.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from importlib import import_module
from pathlib import Path
from typing import Protocol

ENGINES = Path(__file__).parent / "engines"  # one folder per engine

Task = tuple  # (path, corpus root, manifest overrides or None, Limits): what ``prepare`` takes
OnResult = Callable[[object], None]  # called with each ``(id, characters)`` or ``Skipped``


def engine_names() -> list[str]:
    """The engines this installation has: the folders of ``indexer/engines``."""
    return sorted(p.name for p in ENGINES.iterdir() if (p / "__init__.py").is_file())


def default_engine() -> str:
    """The engine whose package says ``DEFAULT = True`` (the embedded Whoosh engine)."""
    for name in engine_names():
        if getattr(import_module(f"indexer.engines.{name}"), "DEFAULT", False):
            return name
    raise RuntimeError("no engine in indexer/engines says DEFAULT = True")


@dataclass(frozen=True, slots=True)
class EngineConfig:
    """Which engine, and where: the default one in a local directory, or a SolrCloud
    collection. An empty ``backend`` means the default engine."""

    backend: str = ""
    solr_url: str = "http://127.0.0.1:8983/solr"
    solr_collection: str = "tracuu"

    def checked(self) -> EngineConfig:
        """This config with its backend named and known (``ValueError`` otherwise)."""
        name = (self.backend or default_engine()).strip().lower()
        if name not in engine_names():
            known = ", ".join(engine_names())
            raise ValueError(f"TRACUU_BACKEND must be one of {known}, not {self.backend!r}")
        return replace(self, backend=name)

    @classmethod
    def from_env(cls) -> EngineConfig:
        """``TRACUU_BACKEND``, ``TRACUU_SOLR_URL``, ``TRACUU_SOLR_COLLECTION``."""
        default = cls()
        return cls(
            backend=os.environ.get("TRACUU_BACKEND", default.backend),
            solr_url=os.environ.get("TRACUU_SOLR_URL", default.solr_url),
            solr_collection=os.environ.get("TRACUU_SOLR_COLLECTION", default.solr_collection),
        )


class BuildError(Exception):
    """An index that cannot be built or written; the message says what to do."""


class Writer(Protocol):
    """The write side of an engine: one index, changed by atomic commits."""

    name: str

    def known_hashes(self) -> dict[str, str]:
        """Document id -> content hash of every document in the index."""

    def apply(
        self,
        tasks: list[Task],
        removed: list[str],
        replaced: set[str],
        jobs: int,
        on_result: OnResult,
    ) -> None:
        """Prepare and add the files of ``tasks`` (their documents replace those of the
        same id, the ids in ``replaced``), delete the ``removed`` ids, and make it all
        visible in one commit; on any error, nothing of it becomes visible."""

    def finish(self) -> None:
        """Make this index the live one (a rebuilt index replaces the old one only now)."""

    def document_count(self) -> int: ...

    def close(self) -> None: ...
