"""Web pages (.html .htm): the visible text, without scripts, styles and page furniture
(menus, related lists, footers: ``indexer.webpage``)."""

from __future__ import annotations

import codecs
import re
import warnings
from pathlib import Path

from indexer.limits import Limits
from indexer.sources.errors import SourceError
from indexer.sources.text import BOMS, SAMPLE, decode_bytes, looks_binary
from indexer.webpage import drop_furniture

FORMATS = {".html": "html", ".htm": "html"}
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_BLOCKS = ("p", "div", "li", "tr", "table", "ul", "ol", "dl", "dt", "dd", "section",
           "article", "header", "footer", "main", "aside", "blockquote", "pre", "title",
           "h1", "h2", "h3", "h4", "h5", "h6", "hr", "form", "figure", "figcaption")  # fmt: skip
_HIDDEN_TAGS = ("script", "style", "nav", "noscript", "template")


def read(path: Path, data: bytes, limits: Limits) -> str:
    return html_text(data)


def html_text(data: bytes) -> str:
    """Visible text of a page, a line per block; scripts, styles and page furniture
    (menus, related-news lists, footers: ``indexer.webpage``) dropped."""
    from bs4 import (
        BeautifulSoup,
        MarkupResemblesLocatorWarning,
        NavigableString,
        XMLParsedAsHTMLWarning,
    )

    markup = _decode_html(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(markup, "lxml")
    for tag in soup(_HIDDEN_TAGS):
        tag.decompose()
    drop_furniture(soup)
    for string in soup.find_all(string=True):
        if type(string) is NavigableString and string.find_parent("pre") is None:
            string.replace_with(re.sub(r"\s+", " ", string))  # a line break in markup is a space
    for tag in soup("br"):
        tag.replace_with("\n")
    for tag in soup(("td", "th")):
        tag.append(" ")
    for tag in soup(_BLOCKS):
        tag.insert_before("\n")
        tag.append("\n")
    text = re.sub(r"[ \t\f\v\r]+", " ", soup.get_text())
    return re.sub(r"\n{3,}", "\n\n", re.sub(r" ?\n ?", "\n", text)).strip()


def _decode_html(data: bytes) -> str:
    """HTML bytes as text: a byte-order mark, else the meta charset, else detection."""
    if not data.strip():
        raise SourceError("empty file")
    declared = _META_CHARSET.search(data[:4096])
    if declared and not data.startswith(tuple(bom for bom, _ in BOMS)):
        try:
            name = codecs.lookup(declared.group(1).decode("ascii")).name
            text = data.decode(name)
            if not looks_binary(text[:SAMPLE]):
                return text
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: detect instead
    text, _ = decode_bytes(data)
    if looks_binary(text[:SAMPLE]):
        raise SourceError("binary file (not text)")
    return text
