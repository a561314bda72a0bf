"""Reading what a document says about itself: ``RawDocument`` text in, metadata out.

Apart from file reading (``indexer.sources``) and from analysis (``indexer.analysis``), so
that the layout rules of Vietnamese administrative documents live together:

- ``extract``: ``extract_metadata``, the whole record of one document;
- ``header``: the two-column header (issuer | quốc hiệu, number | place and date), the
  type heading and its title, the trích yếu;
- ``signature``: signature blocks, their capacity (TM., KT., TL., TUQ., Q.) and signer;
- ``numbers``: document numbers, their one normalization and look-up keys;
- ``relations`` and ``scope``: what a document replaces, amends, repeals, implements,
  guides or cites, and which parts;
- ``structure``: parts, chapters, articles, clauses and points of the body;
- ``casing``: proper Vietnamese case for names of bodies, offices and people;
- ``lines``: converted text's lines as these readers see them; ``news``: news items.
"""

from __future__ import annotations

from indexer.metadata.extract import extract_metadata

__all__ = ["extract_metadata"]
