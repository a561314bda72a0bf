"""The engines that can answer searches, read side; ``open_reader`` picks one.

An engine is a folder here whose ``reader`` module has ``open_reader``, named as its
write side in ``indexer/engines``; it is imported only when chosen.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from indexer.engine import EngineConfig
from search.plan import Reader


def open_reader(config: EngineConfig, index_dir: Path) -> Reader:
    """A reader on the index ``config`` names (``index_dir`` for a local engine)."""
    module = import_module(f"{__name__}.{config.checked().backend}.reader")
    return module.open_reader(config, Path(index_dir))
