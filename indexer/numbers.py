"""Document numbers now live in ``indexer.metadata.numbers``; this module keeps the old
import path for the modules that have not moved to the new one yet."""

from __future__ import annotations

from indexer.metadata.numbers import (
    DOC_TYPES,
    LookupForms,
    doc_type_of,
    find_numbers,
    fold_number,
    lookup_forms,
    normalize_number,
    number_key,
)

__all__ = [
    "DOC_TYPES",
    "LookupForms",
    "doc_type_of",
    "find_numbers",
    "fold_number",
    "lookup_forms",
    "normalize_number",
    "number_key",
]
