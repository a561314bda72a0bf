"""Many numbers looked up at once, each exactly as ``Engine.lookup`` looks up one."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from search.errors import BadQuery
from search.models import Hit
from search.searcher import Engine


def lookup_numbers(engine: Engine, numbers: Iterable[str]) -> dict[str, list[Hit]]:
    """``{number as given: its documents}``, in the order given ([] when none).

    A number ``Engine.lookup`` refuses (empty, over 100 characters) is a ``BadQuery``
    naming its position, so one bad line is found quickly in a list of a thousand.
    """
    results: dict[str, list[Hit]] = {}
    for position, number in enumerate(numbers):
        if number in results:
            continue
        try:
            results[number] = engine.lookup(number)
        except BadQuery as exc:
            raise BadQuery(f"numbers[{position}] ({number!r}): {exc}") from None
    return results


def read_numbers(lines: Iterable[str]) -> Iterator[str]:
    """The numbers of a text file: one a line, blank lines and ``#`` comments skipped.

    >>> list(read_numbers(["342-CV/TU\\n", "\\n", "# Thanh Hóa\\n", " 1767 - cv/tu \\n"]))
    ['342-CV/TU', '1767 - cv/tu']
    """
    for line in lines:
        text = line.strip()
        if text and not text.startswith("#"):
            yield text
