"""Body structure now lives in ``indexer.metadata.structure``; this module keeps the old
import path for the modules that have not moved to the new one yet."""

from __future__ import annotations

from indexer.metadata.structure import detect_sections

__all__ = ["detect_sections"]
