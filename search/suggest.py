"""Query suggestions from the index's own vocabulary.

- A query typed without accents gets its most likely accented form: whole words first
  (underthesea words of the archive, ``tai cho`` -> ``tại chỗ``), then single syllables,
  each the most frequent accented spelling with that folded form.
- A query with no hits gets the closest query that has hits (each unknown syllable replaced
  by the nearest known one).
"""

from __future__ import annotations

from collections.abc import Callable

from indexer.analysis import fold
from indexer.vocabulary import Vocabulary
from search.query import Query

MAX_WORD = 4


def load_vocabulary(reader) -> Vocabulary:
    """The vocabulary of an engine's index (a ``search.plan.Reader``): the one its writer
    stored for this version, else built from its terms."""
    return reader.vocabulary() or Vocabulary.from_terms(reader.terms)


def restore_tokens(tokens: list[str], vocab: Vocabulary) -> list[str]:
    """Accented forms for folded tokens, longest known word first.

    >>> v = Vocabulary(words={"tai_cho": ("tại_chỗ", 5)}, syllables={"cho": ("cho", 50)})
    >>> restore_tokens(["4", "tai", "cho"], v)
    ['4', 'tại', 'chỗ']
    """
    out, i = [], 0
    while i < len(tokens):
        for size in range(min(MAX_WORD, len(tokens) - i), 1, -1):
            hit = vocab.words.get("_".join(tokens[i : i + size]))
            if hit:
                out.extend(hit[0].split("_"))
                i += size
                break
        else:
            hit = vocab.syllables.get(tokens[i])
            out.append(hit[0] if hit else tokens[i])
            i += 1
    return out


def _render(
    query: Query, replace: Callable[[list[str]], list[str]], folded_input: bool = True
) -> str:
    parts = []
    for group in query.groups:
        texts = []
        for text in group:
            tokens = [fold(t) for t in text.tokens] if folded_input else list(text.tokens)
            words = " ".join(replace(tokens))
            texts.append(f'"{words}"' if text.phrase and len(text.tokens) > 1 else words)
        parts.append(" OR ".join(texts))
    return " ".join(parts)


def restore_accents(query: Query, vocab: Vocabulary) -> str | None:
    """The accented form of an unaccented query's words, or None when nothing changes."""
    plain = [fold(t) for g in query.groups for text in g for t in text.tokens]
    flat = restore_tokens(plain, vocab)
    if flat == plain:
        return None
    it = iter(flat)
    return _render(query, lambda toks: [next(it) for _ in toks])


def closest_query(query: Query, vocab: Vocabulary, has_hits: Callable[[str], bool]) -> str | None:
    """Replace unknown syllables by the nearest known ones; None unless that finds something.

    >>> from search.query import parse_query
    >>> v = Vocabulary(syllables={"chong": ("chống", 9)}, folded={"chong"})
    >>> closest_query(parse_query("chốngg"), v, lambda q: True)
    'chống'
    """
    import difflib

    if query.accented:
        known = {form for form, _ in vocab.syllables.values()}
    else:
        known = vocab.folded

    def fix(tokens: list[str]) -> list[str]:
        out = []
        for tok in tokens:
            if tok in known:
                out.append(tok)
                continue
            pool = [k for k in known if k[:1] == tok[:1] and abs(len(k) - len(tok)) <= 2]
            near = difflib.get_close_matches(tok, pool, n=1, cutoff=0.75)
            out.append(near[0] if near else tok)
        return out

    candidate = _render(query, fix, folded_input=not query.accented)
    unchanged = _render(query, lambda t: t, folded_input=not query.accented)
    if candidate and candidate != unchanged and has_hits(candidate):
        return candidate
    return None
