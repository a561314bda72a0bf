"""Typed relations now live in ``indexer.metadata.relations``; this module keeps the old
import path for the modules that have not moved to the new one yet."""

from __future__ import annotations

from indexer.metadata.relations import extract_relations

__all__ = ["extract_relations"]
