"""Page furniture of saved web pages: what is not the document's own text.

A news item or a directive saved from a portal comes with the portal around it: menus,
breadcrumbs, "Tin liên quan" / "Tin cùng chuyên mục" lists, share buttons, footers with
the portal's address and copyright. Indexed as the document's text, they make it match
queries about other documents and cite numbers it never cites. ``drop_furniture`` takes a
parsed page (BeautifulSoup) and removes, in place:

- the tags that are furniture by definition (``nav``, ``aside``, ``footer``, forms, frames),
  and the site's own ``header`` (not an article's);
- elements whose ``id`` or ``class`` names furniture (``menu``, ``breadcrumb``, ``footer``,
  ``related``, ``tin-lien-quan``, ``share``, ``sidebar``…);
- headings of related lists (``Tin liên quan``, ``Văn bản liên quan``, ``Xem thêm``…) and
  the list after them;
- blocks that are mostly links (menus and link lists under any name);
- copyright and publisher lines (``Bản quyền``, ``Cơ quan chủ quản``, ``©``);
- the page ``<title>`` when the page has its own ``<h1>`` (it repeats the headline with the
  portal's name), else the portal's name after its last `` - `` or `` | ``.

A page saved as markdown keeps the same furniture as link lines: ``drop_link_lines`` removes
runs of lines that are only links (menus, related lists) and the heading over them.
"""

from __future__ import annotations

import re

_TAGS = ("nav", "aside", "footer", "form", "iframe", "button", "select", "svg")
_NAMES = re.compile(
    r"(?:^|[-_ ])(?:menu|nav|navbar|breadcrumbs?|footer|sidebar|related|relate|lien-?quan|"
    r"tin-?khac|other-?news|share|social|comments?|banner|ads|advert|widget|tags|toolbar)"
    r"(?:$|[-_ ])",
    re.IGNORECASE,
)
_SITE_HEADER = re.compile(r"^(?:site-?|page-?|top-?)?header$", re.IGNORECASE)
_LIST_HEADING = re.compile(
    r"^(?:(?:Các )?(?:tin|bài|văn bản)(?: viết)? (?:liên quan|khác|cùng chuyên mục|mới(?: nhất)?|"
    r"đọc nhiều|đã đưa)|Xem thêm|Đọc thêm)\s*:?$",
    re.IGNORECASE,
)
_IMPRINT = re.compile(
    r"^(?:©|Copyright|Bản quyền|Cơ quan chủ quản|Giấy phép|Ghi rõ nguồn|Chịu trách nhiệm)",
    re.IGNORECASE,
)
_LINK_SHARE = 0.6  # a block whose text is this much link text is a menu or a link list


def drop_furniture(soup) -> None:
    """Remove the page furniture from ``soup`` in place (see the module's docstring).

    >>> from bs4 import BeautifulSoup
    >>> soup = BeautifulSoup('<div class="menu"><a>Trang chủ</a> <a>Tin tức</a></div>'
    ...     '<p>Nội dung.</p><h3>Tin liên quan</h3><ul><li><a>Khác</a></li></ul>', "html.parser")
    >>> drop_furniture(soup); soup.get_text()
    'Nội dung.'
    """
    for tag in soup("title"):
        site = re.match(r"^(?P<page>.+\S)\s+[-|–]\s+[^-|–]+$", tag.get_text(" ", strip=True))
        if soup.find("h1") is not None:
            tag.extract()
        elif site:
            tag.string = site["page"]  # "Headline - Portal name": the portal's name is furniture
    for tag in soup(_TAGS):
        tag.extract()
    for tag in soup("header"):
        if tag.find_parent(("article", "main")) is None:
            tag.extract()
    for tag in soup.find_all(_is_named_furniture):
        tag.extract()
    for tag in soup.find_all(("h2", "h3", "h4", "h5", "h6", "p", "div", "span", "strong")):
        if _LIST_HEADING.match(tag.get_text(" ", strip=True)):
            following = tag.find_next_sibling()
            if following is not None and following.name in ("ul", "ol", "div", "table"):
                following.extract()
            tag.extract()
    for tag in soup.find_all(("ul", "ol", "div", "section", "table", "p")):
        if _is_link_list(tag) or _IMPRINT.match(tag.get_text(" ", strip=True)):
            tag.extract()


def _is_named_furniture(tag) -> bool:
    if tag.name in ("html", "body", "article", "main"):
        return False
    names = [tag.get("id") or "", *(tag.get("class") or [])]
    if tag.get("id") and _SITE_HEADER.match(tag.get("id")):
        return True
    return any(_NAMES.search(name) for name in names if name)


def _is_link_list(tag) -> bool:
    """Mostly link text, and either two links or more, or a lone link as a whole paragraph."""
    links = tag.find_all("a")
    if not links:
        return False
    text = len(tag.get_text(" ", strip=True))
    linked = sum(len(a.get_text(" ", strip=True)) for a in links)
    if tag.name == "p":
        return text > 0 and linked >= 0.9 * text
    return len(links) >= 2 and text > 0 and linked >= _LINK_SHARE * text


_LINK_LINE = re.compile(r"^\s*(?:[-*+]\s+|\d+\.\s+)?(?:\[[^\]]*\]\([^)]*\)[\s|»>/•·-]*)+$")


def drop_link_lines(text: str) -> str:
    """Markdown without its link-only runs (two lines or more: a menu, a related list) and
    the related-list headings over them (``**Tin liên quan**``, ``## Xem thêm``).

    >>> drop_link_lines("[Trang chủ](/) | [Tin tức](/t)\\nNội dung [xem](/x).\\n\\n"
    ...     "**Tin liên quan:**\\n- [Một](/1)\\n- [Hai](/2)\\n")
    'Nội dung [xem](/x).\\n\\n'
    """
    lines = text.splitlines(keepends=True)
    links = [bool(_LINK_LINE.match(line)) for line in lines]

    def _links_after(i: int) -> bool:
        after = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
        return after is not None and links[after]

    keep: list[str] = []
    for i, line in enumerate(lines):
        in_run = links[i] and (
            (i > 0 and links[i - 1]) or (i + 1 < len(lines) and links[i + 1]) or "|" in line
        )
        if in_run or (_LIST_HEADING.match(line.strip().strip("#*_ ").strip()) and _links_after(i)):
            continue
        keep.append(line)
    return "".join(keep)
