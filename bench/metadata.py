"""Metadata accuracy: precision and recall per field over a generated archive.

The documents of ``bench/metadata_docs.py`` (State and Party headers, joint documents,
relations in lists, partial repeals, annexes, one-line signatures...) are written in every
format tracuu reads (``bench/metadata_render.py``: txt in three layouts, markdown, portal
HTML, Word HTML, docx, PDF) into a temporary directory, read with the indexing pipeline
(``indexer.pipeline.prepare``: sources -> metadata -> display text -> relations), and
compared with their true metadata.

Per field, over all documents: precision = right values / values extracted, recall = right
values / true values (a list field, such as a joint document's issuers, counts each value;
a scalar field counts one or none). Text fields compare case-blind with spaces squashed;
relations compare as ``(type, number key, scope)`` (``partly_repeals`` is ``repeals``
with a scope); ``typed`` is relations other than
``cites``; ``signature`` is each block whole, ``(signer, title, capacity)``, so that a
joint document's two signers are not credited with each other's titles. The goal is every
field >= 0.97.

``--held-out`` runs the documents of ``HELD_OUT`` instead: written after the extraction was
tuned on the others, they say how far it carries to layouts it was not tuned on.

Usage: ``python bench/metadata.py [--held-out] [--show-misses] [--format txt ...] [--keep DIR]``
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from metadata_docs import HELD_OUT, SPECS  # noqa: E402
from metadata_render import FORMATS, write  # noqa: E402

from indexer.metadata.numbers import number_key  # noqa: E402
from indexer.pipeline import prepare  # noqa: E402
from indexer.records import Document  # noqa: E402

FIELDS = ("number", "doc_type", "issued_date", "issuer", "signer", "signer_title",
          "capacity", "signature", "title", "subject", "relations", "typed")  # fmt: skip
GOAL = 0.97


def _text(value) -> str:
    return re.sub(r"\s+", " ", str(value)).strip().casefold()


def extracted(doc: Document) -> dict[str, set]:
    """What tracuu read of one document, field -> set of comparable values."""

    def many(plural: str, singular: str) -> set:
        values = getattr(doc, plural, None) or [getattr(doc, singular, None)]
        return {_text(v) for v in values if v}

    relations = {
        (
            r.type.removeprefix("partly_"),
            number_key(r.number),
            _text(getattr(r, "scope", None) or "-"),
        )
        for r in doc.relations
    }  # a partial repeal is ("repeals", its scope), whatever type name carries it
    signatures = getattr(doc, "signatures", None) or [
        {"signer": doc.signer, "title": doc.signer_title,
         "capacity": getattr(doc, "signer_capacity", None)}
    ]  # fmt: skip
    out = {
        "number": {doc.number} - {None},
        "doc_type": {doc.doc_type} - {None},
        "issued_date": {getattr(doc, "issued_month", None) or doc.issued_date} - {None},
        "issuer": many("issuers", "issuer"),
        "signer": {_text(s["signer"]) for s in signatures if s["signer"]},
        "signer_title": {_text(s["title"]) for s in signatures if s["title"]},
        "capacity": {_text(s["capacity"]) for s in signatures if s["capacity"]},
        "signature": {
            (_text(s["signer"]), _text(s["title"] or "-"), _text(s["capacity"] or "-"))
            for s in signatures
            if s["signer"]
        },
        "title": {_text(doc.title)} if doc.title else set(),
        "subject": {_text(doc.subject)} if doc.subject else set(),
        "relations": relations,
        "typed": {r for r in relations if r[0] != "cites"},
    }
    return out


def expected(truth: dict) -> dict[str, set]:
    def many(name: str) -> set:
        return {_text(v) for v in truth[name] if v}

    relations = {(t, number_key(n), _text(s or "-")) for t, n, s in truth["relations"]}
    return {
        "number": {truth["number"]},
        "doc_type": {truth["doc_type"]},
        "issued_date": {truth["issued_date"]},
        "issuer": many("issuer"),
        "signer": many("signer"),
        "signer_title": many("signer_title"),
        "capacity": many("capacity"),
        "signature": {
            (
                _text(signer),
                _text(_nth(truth["signer_title"], i)),
                _text(_nth(truth["capacity"], i)),
            )
            for i, signer in enumerate(truth["signer"])
        },
        "title": {_text(truth["title"])} if truth["title"] else set(),
        "subject": {_text(truth["subject"])} if truth["subject"] else set(),
        "relations": relations,
        "typed": {r for r in relations if r[0] != "cites"},
    }


def _nth(values: list, i: int) -> str:
    return values[i] if i < len(values) and values[i] else "-"


def run(root: Path, formats: tuple[str, ...], specs: list) -> tuple[dict, list]:
    """Counts per field (true positives, extracted, expected) and the misses."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    misses = []
    tasks = []
    for i, spec in enumerate(specs):
        for fmt in formats:
            tasks.append((spec, write(spec, i, fmt, root)))
    for spec, path in tasks:
        result = prepare((path, root, None))
        doc = getattr(result, "document", None)
        if doc is None:
            misses.append((path.name, "skipped", getattr(result, "reason", ""), ""))
            continue
        got, want = extracted(doc), expected(spec.truth)
        for name in FIELDS:
            right = got[name] & want[name]
            counts[name][0] += len(right)
            counts[name][1] += len(got[name])
            counts[name][2] += len(want[name])
            if got[name] != want[name]:
                misses.append((path.relative_to(root).as_posix(), name, want[name], got[name]))
    return counts, misses


def table(counts: dict, documents: int) -> str:
    lines = [f"{documents} documents", f"{'field':<14}{'precision':>10}{'recall':>8}{'n':>6}"]
    for name in FIELDS:
        tp, got, want = counts[name]
        precision = tp / got if got else 1.0
        recall = tp / want if want else 1.0
        flag = "" if min(precision, recall) >= GOAL else "  <"
        lines.append(f"{name:<14}{precision:>10.3f}{recall:>8.3f}{want:>6}{flag}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--format", action="append", choices=FORMATS)
    parser.add_argument("--keep", type=Path, help="write the documents here and keep them")
    parser.add_argument(
        "--held-out", action="store_true",
        help="the documents written after the extraction was tuned (HELD_OUT) instead",
    )  # fmt: skip
    args = parser.parse_args()
    formats = tuple(args.format or FORMATS)
    specs = HELD_OUT if args.held_out else SPECS
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        counts, misses = run(root, formats, specs)
    print(table(counts, len(specs) * len(formats)))
    if args.show_misses:
        for name, field, want, got in misses:
            print(f"- {name} {field}: want {sorted(want)} got {sorted(got)}")


if __name__ == "__main__":
    main()
