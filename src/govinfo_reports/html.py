"""HTML input: find the article in a published page and read it as a report.

Most reports are published as HTML pages, the article wrapped in the site's
chrome (navigation, banners, scripts, footers).  :func:`parse_html`

1. parses the page with lxml (a declared ``<meta charset>`` decides the
   encoding of bytes) and drops what is never content: scripts, styles,
   forms' controls, ``nav``, ``aside``, hidden elements, and headers, footers
   and share/print bars that hold no table;
2. finds the article: starting at ``<body>``, it descends into the child
   element that holds nearly all of the Chinese text outside links (or, holding
   most of it, every statistics table and numbered heading), through layout
   tables too, and stops at the element that holds the report;
3. renders the article as text, one line per text block (``<p>``, ``<div>``,
   ``<h1>``, ``<br>`` ...), and each ``<table>`` in layout B of formats.md;
4. parses that text with :func:`govinfo_reports.parse`: the nodes and their
   spans refer to this text rendering (:func:`html_to_text`);
5. keeps the true geometry of every ``<table>`` (:class:`HtmlTable`: each
   row's cells with their ``rowspan`` and ``colspan``), so the table stage
   does not have to infer merged cells.

A ``|`` in the page's text is rendered as the full-width ``｜`` so that no
paragraph reads as a table and no cell text closes a cell.

>>> page = '''<html><body><div class="nav"><a href="/">首页</a></div>
... <div class="content"><p>一、总体情况</p><p>全年主动公开信息10条。</p>
... <table><tr><td rowspan="2">收费</td><td>金额</td></tr><tr><td>0</td></tr></table></div>
... <div class="footer">版权所有</div></body></html>'''
>>> print(html_to_text(page), end="")
一、总体情况
全年主动公开信息10条。
| 收费
|
金额
|
| 0
|
|
>>> doc = read_html(page)
>>> [[(c.text, c.rowspan, c.colspan) for c in row] for row in doc.tables[0].rows]
[[('收费', 2, 1), ('金额', 1, 1)], [('0', 1, 1)]]
>>> report = parse_html(page)
>>> [s.title for s in report.sections]
['总体情况']
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import Any

import attrs

from govinfo_reports.errors import DecodeError
from govinfo_reports.nodes import Report

__all__ = ["HtmlCell", "HtmlDocument", "HtmlTable", "decode_html", "html_to_text", "parse_html", "read_html"]


@attrs.frozen
class HtmlCell:
    """A ``<td>`` or ``<th>`` as the page states it.

    >>> HtmlCell(("商业", "企业"), colspan=2).text
    '商业企业'
    """

    #: The cell's text lines (one per text block or ``<br>``), stripped, blank ones dropped.
    lines: tuple[str, ...]
    #: The ``rowspan`` attribute (1 when absent or invalid).
    rowspan: int = 1
    #: The ``colspan`` attribute (1 when absent or invalid).
    colspan: int = 1

    @property
    def text(self) -> str:
        """The cell's text, its lines joined without a separator (as :attr:`govinfo_reports.Cell.text`)."""
        return "".join(self.lines)


@attrs.frozen
class HtmlTable:
    """The true geometry of a ``<table>``: its rows, each listing the cells the page gives it.

    A row under a ``rowspan`` lists fewer cells, exactly as the page does;
    nothing is inferred.

    >>> t = HtmlTable(((HtmlCell(("a",), rowspan=2), HtmlCell(("b",))), (HtmlCell(("c",)),)), 3, 9)
    >>> t.width
    2
    """

    #: The rows, top to bottom, each the cells of one ``<tr>``, left to right.
    rows: tuple[tuple[HtmlCell, ...], ...]
    #: The first line (1-based) of the table in the text rendering.
    first_line: int
    #: The last line (1-based) of the table in the text rendering.
    last_line: int

    @property
    def width(self) -> int:
        """The number of grid columns: the widest row, counting colspans and the rowspans reaching into it."""
        occupied: dict[int, int] = {}  # row index -> columns taken by rowspans from above
        width = 0
        for index, row in enumerate(self.rows):
            used = occupied.get(index, 0) + sum(c.colspan for c in row)
            width = max(width, used)
            for cell in row:
                for below in range(index + 1, index + cell.rowspan):
                    occupied[below] = occupied.get(below, 0) + cell.colspan
        return width


@attrs.frozen
class HtmlDocument:
    """An HTML page read as text: what :func:`read_html` returns."""

    #: The article rendered as text (tables in layout B), the input of the parser.
    text: str
    #: The article's data tables, in document order.
    tables: tuple[HtmlTable, ...]


# ---------------------------------------------------------------------------
# decoding

_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def decode_html(data: bytes, *, path: str = "<bytes>") -> str:
    """Decode an HTML page: a BOM first, then the charset its ``<meta>`` declares, then UTF-8 or GB18030.

    GB2312 and GBK are read as GB18030, their superset (pages that declare
    GB2312 routinely use GBK characters).

    >>> decode_html('<meta charset="gbk"><p>总体情况</p>'.encode("gbk"))
    '<meta charset="gbk"><p>总体情况</p>'

    Raises:
        DecodeError: the data is binary, or decodes in none of these encodings.
    """
    from govinfo_reports.parser import decode

    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise DecodeError("starts with a UTF-16 BOM but is not UTF-16", path=path) from None
    if data.startswith(codecs.BOM_UTF8):
        return decode(data, path=path)
    if b"\x00" in data:
        raise DecodeError("binary file (NUL bytes), not an HTML page", path=path)
    m = _META_CHARSET.search(data[:8192])
    if m is not None:
        name = m.group(1).decode("ascii").lower()
        if name in {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "euc-cn"}:
            name = "gb18030"
        try:
            return data.decode(codecs.lookup(name).name)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect instead
    return decode(data, path=path)


# ---------------------------------------------------------------------------
# article extraction

#: Elements that are never content.
_DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "frame",
        "object",
        "embed",
        "svg",
        "canvas",
        "video",
        "audio",
        "nav",
        "aside",
        "select",
        "option",
        "button",
        "input",
        "textarea",
        "map",
        "head",
        "title",
        "meta",
        "link",
    }
)
#: Site chrome by class or id; dropped when small and holding no table.
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|position|location|footer|foot|header|head|top|"
    r"sidebar|side|share|bdshare|print|toolbar|tools?|related|relate|comment|copyright|banner|search|"
    r"login|weixin|wechat|qrcode|ewm|fontsize|font-size|pagination|pager)(?:$|[\s_-])",
    re.IGNORECASE,
)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CHROME_LIMIT = 200

#: Elements that start and end a line of text.
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "center",
        "address",
        "figure",
        "figcaption",
        "caption",
        "tr",
        "td",
        "th",
        "tbody",
        "thead",
        "tfoot",
        "table",
        "hr",
        "form",
        "fieldset",
        "header",
        "footer",
        "body",
        "html",
    }
)
#: Elements the article search may descend into (never a paragraph or a heading).
_CONTAINERS = frozenset(
    {
        "html",
        "body",
        "div",
        "section",
        "article",
        "main",
        "center",
        "form",
        "table",
        "tbody",
        "thead",
        "tr",
        "td",
        "th",
        "font",
        "span",
        "blockquote",
    }
)
_SHARE = 0.85  # the child holds this share of the text: it holds the article
_MARKED_SHARE = 0.5  # ... or this share, with every table and numbered heading

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CN_HEADING = re.compile(r"^[\s\u3000\u00a0]*[一二三四五六七八九十]+[ \t]*、")
_LINE_STRIP = " \t\r\n\f\v\u3000\u00a0\ufeff\u200b"


def _tag(element: Any) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def _attr_text(element: Any) -> str:
    return f"{element.get('class', '')} {element.get('id', '')}"


def _cjk(text: str | None) -> int:
    return len(_CJK.findall(text)) if text else 0


def _text_weights(root: Any) -> dict[Any, int]:
    """Chinese characters outside links under each element (iterative: pages nest deeply)."""
    order = [e for e in root.iter() if isinstance(e.tag, str)]
    weights: dict[Any, int] = {}
    for element in reversed(order):
        own = 0 if _tag(element) == "a" else _cjk(element.text)
        for child in element:
            own += weights.get(child, 0) + _cjk(child.tail)
        weights[element] = own
    return weights


def _drop_chrome(root: Any) -> None:
    from lxml import etree

    for comment in root.iter(etree.Comment, etree.ProcessingInstruction):
        comment.drop_tree()
    doomed = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = _tag(element)
        if tag in _DROP_TAGS or _HIDDEN.search(element.get("style", "")):
            doomed.append(element)
    for element in doomed:
        element.drop_tree()
    weights = _text_weights(root)
    doomed = []
    for element in root.iter():
        if not isinstance(element.tag, str) or _tag(element) in {"html", "body"}:
            continue
        chrome = _tag(element) in {"header", "footer"} or _CHROME.search(_attr_text(element))
        if chrome and weights.get(element, 0) < _CHROME_LIMIT and not element.xpath(".//table"):
            doomed.append(element)
    for element in doomed:
        element.drop_tree()


def _markers(element: Any) -> tuple[int, int]:
    """The data tables and the numbered top-level headings (一、…) under an element."""
    tables = sum(1 for t in element.iter("table") if _is_data_table(t))
    headings = 0
    for block in element.iter("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "span", "strong", "b", "font"):
        if _CN_HEADING.match(block.text or "") and not block.xpath("./p|./div"):
            headings += 1
    return tables, headings


def find_article(root: Any) -> Any:
    """The element holding the report's text in a parsed page (chrome dropped beforehand)."""
    body = root.find(".//body")
    node = body if body is not None else root
    weights = _text_weights(node)
    while True:
        total = weights.get(node, 0)
        children = [c for c in node if isinstance(c.tag, str)]
        if total == 0 or not children:
            return node
        best = max(children, key=lambda c: weights.get(c, 0))
        if _tag(best) not in _CONTAINERS or (_tag(best) == "table" and _is_data_table(best)):
            return node
        share = weights.get(best, 0) / total
        if share >= _SHARE or (share >= _MARKED_SHARE and _markers(best) == _markers(node) != (0, 0)):
            node = best
            continue
        return node


def _rows(table: Any) -> list[Any]:
    return list(table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"))


def _cells(row: Any) -> list[Any]:
    return list(row.xpath("./td|./th"))


def _is_data_table(table: Any) -> bool:
    """A table of data, not one laying out the page: no nested table, and not a single cell."""
    if table.xpath(".//table"):
        return False
    rows = _rows(table)
    return bool(rows) and (len(rows) > 1 or len(_cells(rows[0])) > 1)


# ---------------------------------------------------------------------------
# rendering


def _span_attr(cell: Any, name: str, limit: int) -> int:
    raw = (cell.get(name) or "").strip()
    m = re.match(r"\d+", raw)
    if m is None:
        return 1
    return min(max(int(m.group(0)), 1), limit)


@attrs.define
class _Writer:
    """Collects the text lines of an element: block elements and ``<br>`` end lines."""

    lines: list[str] = attrs.Factory(list)
    buffer: list[str] = attrs.Factory(list)
    tables: list[HtmlTable] = attrs.Factory(list)

    def text(self, value: str | None) -> None:
        if value:
            self.buffer.append(value)

    def newline(self) -> None:
        if self.buffer:
            line = _normalise("".join(self.buffer))
            self.buffer.clear()
            if line:
                self.lines.append(line)

    def walk(self, element: Any, *, tables: bool = True) -> None:
        tag = _tag(element)
        if tag == "br":
            self.newline()
        elif tag == "table" and tables and _is_data_table(element):
            self.newline()
            self.table(element)
        elif tag in _BLOCK_TAGS:
            self.newline()
            self.text(element.text)
            for child in element:
                self.walk(child, tables=tables)
                self.text(child.tail)
            self.newline()
        elif tag:
            self.text(element.text)
            for child in element:
                self.walk(child, tables=tables)
                self.text(child.tail)

    def table(self, table: Any) -> None:
        rows: list[tuple[HtmlCell, ...]] = []
        for tr in _rows(table):
            cells = []
            for td in _cells(tr):
                inner = _Writer()
                inner.text(td.text)
                for child in td:
                    inner.walk(child, tables=False)
                    inner.text(child.tail)
                inner.newline()
                cells.append(
                    HtmlCell(tuple(inner.lines), _span_attr(td, "rowspan", 65534), _span_attr(td, "colspan", 1000))
                )
            rows.append(tuple(cells))
        geometry = HtmlTable(tuple(rows), 0, 0)
        first = len(self.lines) + 1
        width = geometry.width
        for row in rows:
            for index, cell in enumerate(row):
                head, *rest = cell.lines or ("",)
                if index == 0:
                    self.lines.append(f"| {head}")
                elif head:
                    self.lines.append(head)
                self.lines.extend(rest)
                self.lines.append("|")
            if width > len(row):
                self.lines.append("|" * (width - len(row)))
        if len(self.lines) >= first:
            self.tables.append(HtmlTable(tuple(rows), first, len(self.lines)))


_WS_RUN = re.compile(r"[ \t\r\n\f\v]+")


def _normalise(text: str) -> str:
    """Collapse white space as a browser does; a line break between two Chinese characters vanishes."""

    def space(m: re.Match[str]) -> str:
        if "\n" in m.group(0):
            before = text[m.start() - 1] if m.start() > 0 else ""
            after = text[m.end()] if m.end() < len(text) else ""
            if _CJK.match(before) or _CJK.match(after):
                return ""
        return " "

    return _WS_RUN.sub(space, text).replace("|", "｜").strip(_LINE_STRIP)


# ---------------------------------------------------------------------------
# public API


def _root(html: str | bytes, path: str) -> Any:
    import lxml.html
    from lxml import etree

    text = decode_html(html, path=path) if isinstance(html, bytes) else html
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        return None
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None  # nothing that lxml can read as a document: no content


def read_html(html: str | bytes, *, source_name: str | None = None) -> HtmlDocument:
    """Find the article of an HTML page and render it as text, keeping the tables' true geometry.

    Args:
        html: The page, as text or as bytes (decoded by :func:`decode_html`).
        source_name: A file name to show in error messages.

    Raises:
        DecodeError: ``html`` is bytes that cannot be decoded.
    """
    root = _root(html, source_name or "<html>")
    if root is None:
        return HtmlDocument("", ())
    _drop_chrome(root)
    article = find_article(root)
    writer = _Writer()
    writer.walk(article)
    writer.newline()
    return HtmlDocument("".join(line + "\n" for line in writer.lines), tuple(writer.tables))


def html_to_text(html: str | bytes) -> str:
    """The article of an HTML page as text: one line per text block, tables in layout B."""
    return read_html(html).text


def iter_table_geometry(report: Report, document: HtmlDocument) -> Iterator[tuple[Any, tuple[HtmlTable, ...]]]:
    """Pair each table node of ``report`` (parsed from ``document.text``) with the HTML tables it renders.

    Two ``<table>`` elements with nothing between them render as one run of
    pipe lines, hence one table node holding both.
    """
    for node in report.tables:
        inside = tuple(t for t in document.tables if node.span.line <= t.first_line <= node.span.end_line)
        yield node, inside


def parse_html(html: str | bytes, *, strict: bool = False, source_name: str | None = None) -> Report:
    """Parse an HTML report page (see the module documentation for how).

    Args:
        html: The page, as text or as bytes (the declared charset is honoured).
        strict: As for :func:`govinfo_reports.parse`.
        source_name: A file name to show in error messages.

    Returns:
        The report; node spans refer to :func:`html_to_text` of the page.

    Raises:
        DecodeError: ``html`` is bytes that cannot be decoded.
        ParseError: strict mode only.
    """
    from govinfo_reports.parser import parse

    document = read_html(html, source_name=source_name)
    return parse(document.text, strict=strict, source_name=source_name)
