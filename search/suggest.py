"""Query suggestions from the index's own vocabulary.

- A query typed without accents gets its most likely accented form: whole words first
  (underthesea words of the archive, ``tai cho`` -> ``tại chỗ``), then single syllables,
  each the most frequent accented spelling with that folded form.
- A query typed with accents gets its likely form where what was typed is a slip
  (``chỉ thi`` -> ``chỉ thị``, ``tỉnh ũy`` -> ``tỉnh ủy``; and, when what was typed is not
  found side by side, ``phòng chóng`` -> ``phòng chống``): ``correct_tokens``.
- A query with no hits, or relaxed to any word, gets the closest query that has hits
  (each unknown syllable replaced by the nearest known one).
"""

from __future__ import annotations

from collections.abc import Callable

from indexer.analysis import fold, has_diacritics
from indexer.vocabulary import Vocabulary
from search.query import Query

MAX_WORD = 4
UNLIKELY = 10  # a spelling this many times rarer than the usual one is taken for a slip


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
            if text.prefix:
                words += "*"
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


def correct_tokens(keys: list[str], vocab: Vocabulary, strict: bool = True) -> list[str]:
    """Accented keys with their slips mended, from the archive's own spellings.

    ``strict`` (what ranking trusts): a syllable the archive never writes (``ũy``) takes
    its usual spelling; syllables typed without accents take those of the word they form
    with their neighbours (``chỉ thi`` -> ``chỉ thị``) when the archive never writes the
    typed form as that word and writes each of them less often than the word's spelling.
    Not ``strict`` (a suggestion, when what was typed is not found side by side): any word
    the archive writes ``UNLIKELY`` times less often than its usual spelling (``phòng
    chóng`` -> ``phòng chống``).

    >>> v = Vocabulary(words={"chi_thi": ("chỉ_thị", 40), "phong_chong": ("phòng_chống", 90)},
    ...     syllables={"thi": ("thị", 90), "uy": ("ủy", 50), "chong": ("chống", 90)},
    ...     others={"thi": 30, "chóng": 60})
    >>> correct_tokens(["chỉ", "thi", "ũy"], v), correct_tokens(["thi", "thị"], v)
    (['chỉ', 'thị', 'ủy'], ['thi', 'thị'])
    >>> correct_tokens(["phòng", "chóng"], v), correct_tokens(["phòng", "chóng"], v, False)
    (['phòng', 'chóng'], ['phòng', 'chống'])
    """
    out, i = [], 0
    while i < len(keys):
        for size in range(min(MAX_WORD, len(keys) - i), 1, -1):
            window = keys[i : i + size]
            best = vocab.words.get(fold("_".join(window)))
            if best is None:
                continue
            typed = "_".join(window)
            if typed == best[0] or not _slip(window, best, vocab, strict):
                out.extend(window)
            else:
                out.extend(best[0].split("_"))
            i += size
            break
        else:
            out.append(_likely_syllable(keys[i], vocab))
            i += 1
    return out


def _slip(window: list[str], best: tuple[str, int], vocab: Vocabulary, strict: bool) -> bool:
    """Whether ``window`` (typed) is a slip for the word ``best``."""
    typed = vocab.count("_".join(window))
    if not strict:
        return typed * UNLIKELY < best[1]
    usual = best[0].split("_")
    return typed == 0 and all(
        t == u or not vocab.count(t) or not has_diacritics(t) and vocab.count(t) < vocab.count(u)
        for t, u in zip(window, usual, strict=True)
    )


def _likely_syllable(key: str, vocab: Vocabulary) -> str:
    """A syllable typed with accents that the archive never writes: its usual spelling."""
    best = vocab.syllables.get(fold(key))
    if best is None or best[0] == key or not has_diacritics(key) or vocab.count(key):
        return key
    return best[0]


def correct_accents(query: Query, vocab: Vocabulary, strict: bool = True) -> str | None:
    """The likely form of a query typed with accents (``correct_tokens``), or None when
    nothing changes."""
    keys = [t for g in query.groups for text in g for t in text.tokens]
    fixed = correct_tokens(keys, vocab, strict)
    if fixed == keys:
        return None
    it = iter(fixed)
    return _render(query, lambda toks: [next(it) for _ in toks], folded_input=False)


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


def typed_right(query: Query, vocab: Vocabulary) -> str | None:
    """A query's likeliest accented form: restored when typed without accents, corrected
    (``strict``) when typed with slips; None when there is nothing to restore or correct."""
    if not query.groups:
        return None
    if query.accented:
        return correct_accents(query, vocab)
    return restore_accents(query, vocab)


def suggestion(
    query: Query,
    vocab: Vocabulary,
    first_tier: list[str],
    lacking: bool,
    has_hits: Callable[[str], bool],
) -> str | None:
    """What "Có phải bạn muốn tìm" offers: the likeliest accented form of what was typed;
    else, when the first hit (its tier: ``first_tier``, empty without hits) does not hold
    what was typed side by side, a likelier spelling; else, when ``lacking`` (no hits, or
    only some of the words), the closest query that has hits. Nothing when the query named
    the first hit by its number."""
    if first_tier == ["number"]:
        return None
    right = typed_right(query, vocab)
    if right:
        return right
    if query.accented and first_tier != ["exact"]:
        likelier = correct_accents(query, vocab, strict=False)
        if likelier:
            return likelier
    if lacking:
        return closest_query(query, vocab, has_hits) or loosened(query, has_hits)
    return None


def loosened(query: Query, has_hits: Callable[[str], bool]) -> str | None:
    """For quoted phrases that no document has: the same words unquoted, if some
    document has them all."""
    if not any(t.phrase and len(t.tokens) > 1 for g in query.groups for t in g):
        return None
    words = query.text.replace('"', " ").replace("“", " ").replace("”", " ")
    words = " ".join(words.split())
    return words if words and has_hits(words) else None
