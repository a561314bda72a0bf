"""The engines that can hold an index, write side; ``open_writer`` picks one.

An engine is a folder here (and its read side one in ``search/engines/``) whose
``writer`` module has ``open_writer``; its name is the folder's, the value of
``TRACUU_BACKEND``. It is imported only when chosen, so a deployment needs only its own
engine's libraries, and adding an engine changes nothing outside its folders.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from indexer.engine import EngineConfig, Writer


def open_writer(config: EngineConfig, index_dir: Path, rebuild: bool = False) -> Writer:
    """A writer on the index ``config`` names (``index_dir`` for a local engine);
    ``rebuild`` starts an empty index that replaces the current one at ``finish``."""
    module = import_module(f"{__name__}.{config.checked().backend}.writer")
    return module.open_writer(config, Path(index_dir), rebuild)


def check_index(config: EngineConfig, index_dir: Path, full: bool = False) -> list[str]:
    """What is wrong with the index (empty: nothing found): the engine's ``integrity``
    module checks sizes, or with ``full`` every byte and record; an engine without one
    (a server's own checks) finds nothing."""
    try:
        module = import_module(f"{__name__}.{config.checked().backend}.integrity")
    except ModuleNotFoundError:
        return []
    return module.check(Path(index_dir), full=full)
