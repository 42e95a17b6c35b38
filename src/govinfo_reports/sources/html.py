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
   does not have to infer merged cells;
6. remembers where each line of the text comes from in the page
   (:meth:`HtmlDocument.source_line`), so that findings can point at the
   page's own lines.

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
>>> [[(c.text, c.rowspan, c.colspan, c.span.line) for c in row] for row in doc.tables[0].rows]
[[('收费', 2, 1, 3), ('金额', 1, 1, 5)], [('0', 1, 1, 7)]]
>>> report = parse_html(page)
>>> [s.title for s in report.sections]
['总体情况']
>>> [[c.text for c in row] for row in report.tables[0].observed]
[['收费', '金额'], ['0']]
"""

from __future__ import annotations

import codecs
import html as html_module
import re
from typing import Any

import attrs

from govinfo_reports.errors import DecodeError, GovinfoError, ParseError
from govinfo_reports.sources.text import decode, text_codec
from govinfo_reports.syntax.nodes import (
    Attachment,
    Block,
    Diagnostic,
    ObservedCell,
    Preamble,
    Report,
    Section,
    Span,
    Table,
)
from govinfo_reports.syntax.parser import parse

__all__ = [
    "MAX_TABLE_CELLS",
    "MAX_TABLE_COLUMNS",
    "HtmlDocument",
    "HtmlTable",
    "decode_html",
    "find_article",
    "html_to_text",
    "parse_html",
    "read_html",
]

#: The widest ``<table>`` (in grid columns, counting colspans) whose merged cells are kept.
MAX_TABLE_COLUMNS = 100
#: The largest ``<table>`` (grid columns × rows, and the cells its spans cover) whose merged cells are kept.
#: A larger one is read with every span clamped to 1 and its rows not padded to the table's width, and a
#: diagnostic says so: the rendering stays proportional to the page (colspans and rowspans multiply).
MAX_TABLE_CELLS = 50_000


@attrs.frozen
class HtmlTable:
    """The true geometry of a ``<table>``: its rows, each listing the cells the page gives it.

    A row under a ``rowspan`` lists fewer cells, exactly as the page does;
    nothing is inferred.

    >>> t = HtmlTable(((ObservedCell(("a",), rowspan=2), ObservedCell(("b",))), (ObservedCell(("c",)),)), 3, 9)
    >>> t.width
    2
    """

    #: The rows, top to bottom, each the cells of one ``<tr>``, left to right.
    rows: tuple[tuple[ObservedCell, ...], ...]
    #: The first line (1-based) of the table in the text rendering.
    first_line: int
    #: The last line (1-based) of the table in the text rendering.
    last_line: int

    @property
    def width(self) -> int:
        """The number of grid columns: the widest row, counting colspans and the rowspans reaching into it."""
        return _width([[_RawCell(c.lines, c.rowspan, c.colspan, c.is_header) for c in row] for row in self.rows])


@attrs.frozen
class HtmlDocument:
    """An HTML page read as text: what :func:`read_html` returns.

    >>> doc = read_html("<html><body>\\n<p>一、总体情况</p>\\n<p>全年公开10条。</p></body></html>")
    >>> doc.text
    '一、总体情况\\n全年公开10条。\\n'
    >>> doc.source_line(2)
    3
    >>> [s.title for s in doc.parse().sections]
    ['总体情况']
    """

    #: The article rendered as text (tables in layout B), the input of the parser.
    text: str
    #: The article's data tables, in document order.
    tables: tuple[HtmlTable, ...]
    #: For each line of :attr:`text`, the line of the page's source where the element it comes from starts.
    source_lines: tuple[int, ...] = ()
    #: What reading the page had to give up (a limit hit); their spans refer to :attr:`text`.
    diagnostics: tuple[Diagnostic, ...] = ()

    def source_line(self, line: int) -> int | None:
        """The line of the page's source that a (1-based) line of :attr:`text` comes from, if known."""
        if 1 <= line <= len(self.source_lines) and self.source_lines[line - 1] > 0:
            return self.source_lines[line - 1]
        return None

    def parse(self, *, strict: bool = False, source_name: str | None = None) -> Report:
        """Parse :attr:`text`; every table node gets the true cells of its ``<table>`` (:attr:`Table.observed`).

        Args:
            strict: As for :func:`govinfo_reports.parse`.
            source_name: A file name to show in error messages.

        Raises:
            ParseError: strict mode only.
        """
        if strict and self.diagnostics:
            first = self.diagnostics[0]
            raise ParseError(
                first.message,
                text=self.text,
                line=first.span.line,
                column=first.span.column,
                code=first.code,
                source_name=source_name,
            )
        report = parse(self.text, strict=strict, source_name=source_name)
        if self.diagnostics:
            merged = sorted((*report.diagnostics, *self.diagnostics), key=lambda d: d.span.start)
            report = attrs.evolve(report, diagnostics=tuple(merged))
        if not self.tables:
            return report
        return attrs.evolve(report, children=tuple(_attach(c, self) for c in report.children))


# ---------------------------------------------------------------------------
# decoding

_META_CHARSET = re.compile(rb"""<meta[^<>]+?charset\s*=\s*(?:["']\s*)?([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_NOT_DECLARABLE = frozenset(
    {"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "utf-7", "idna", "punycode"}
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
#: What lxml cannot hold in a tree: lone surrogates (from Python code) and control characters.
_NOT_XML = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def decode_html(data: bytes, *, path: str = "<bytes>") -> str:
    """Decode an HTML page: a BOM first, then the charset its ``<meta>`` declares, then UTF-8 or GB18030.

    GB2312 and GBK are read as GB18030, their superset (pages that declare
    GB2312 routinely use GBK characters).  A page in its declared encoding
    but for a few bad bytes (at most one character in 200) reads them as
    U+FFFD, as a browser does.

    >>> decode_html('<meta charset="gbk"><p>总体情况</p>'.encode("gbk"))
    '<meta charset="gbk"><p>总体情况</p>'

    Raises:
        DecodeError: the data is binary, or decodes in none of these encodings.
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
        return decode(data, path=path)
    if b"\x00" in data:
        raise DecodeError("binary file (NUL bytes), not an HTML page", path=path)
    m = _META_CHARSET.search(data[:8192])
    if m is not None:
        name = m.group(1).decode("ascii").lower()
        if name in {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "euc-cn"}:
            name = "gb18030"
        # an unknown name, or a codec that is no text encoding (base64, rot13, zlib ...): detect instead;
        # so for UTF-16 and UTF-32 without a BOM and UTF-7 (which the HTML standard refuses)
        codec = text_codec(name)
        if codec in _NOT_DECLARABLE:
            codec = None
        if codec is not None:
            try:
                return data.decode(codec)
            except UnicodeError:
                pass
            try:
                # A few bad bytes in a page that is otherwise in its declared encoding
                # read as U+FFFD, as browsers do; a wrong declaration is detected instead.
                text = data.decode(codec, errors="replace")
            except UnicodeError:  # a codec without error handling (idna, punycode)
                text = ""
            if text and text.count("\ufffd") * 200 <= len(text):
                return text
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
    return _CJK.subn("", text)[1] if text else 0  # subn: no list of a match per character


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
        if element.getparent() is None:
            continue  # the root: a page hidden as a whole still holds its text (fuzz/crashes/html-hidden-root.html)
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


_LAYOUT_BLOCKS = ".//h1|.//h2|.//h3|.//h4|.//h5|.//h6|.//ul|.//ol|.//dl|.//form"
_LAYOUT_CELL_TEXT = 300  # no cell of a statistics table holds this much text


def _is_data_table(table: Any) -> bool:
    """A table of data, not one laying out the page.

    A layout table nests tables, has a single cell, holds headings or lists,
    or has a cell with more text than any statistics table's cell.
    """
    if table.xpath(".//table") or table.xpath(_LAYOUT_BLOCKS):
        return False
    rows = _rows(table)
    if not rows or (len(rows) == 1 and len(_cells(rows[0])) <= 1):
        return False
    return all(_cjk(cell.text_content()) < _LAYOUT_CELL_TEXT for row in rows for cell in _cells(row))


# ---------------------------------------------------------------------------
# rendering


def _span_attr(cell: Any, name: str, limit: int) -> int:
    """A ``rowspan``/``colspan`` value: 1 when absent or unreadable, 0 kept (rowspan="0": to the end)."""
    m = _SPAN_VALUE.match(cell.get(name) or "")
    if m is None:
        return 1
    digits = m.group(1).lstrip("0")
    # int() refuses strings of more than 4,300 digits: a long one is over the limit anyway
    return limit if len(digits) > 9 else min(int(digits or "0"), limit)


_SPAN_VALUE = re.compile(r"\s*(\d+)")


@attrs.define
class _RawCell:
    """A cell as rendered: its text and spans, and the lines it occupies in the rendering."""

    lines: tuple[str, ...]
    rowspan: int
    colspan: int
    is_header: bool
    origins: tuple[int, ...] = ()  # the source line of each of ``lines``
    source_line: int = 0  # of the <td>
    first_line: int = 0  # 0-based index into the rendered lines
    first_column: int = 1
    last_line: int = 0


@attrs.define
class _RawTable:
    rows: list[list[_RawCell]]
    first_line: int
    last_line: int


@attrs.define
class _Writer:
    """Collects the text lines of an element: block elements and ``<br>`` end lines."""

    lines: list[str] = attrs.Factory(list)
    #: The source line of each of :attr:`lines` (0: unknown).
    origins: list[int] = attrs.Factory(list)
    buffer: list[str] = attrs.Factory(list)
    buffer_origin: int = 0
    tables: list[_RawTable] = attrs.Factory(list)
    #: Limits hit, as (index of the line they concern, code, message).
    problems: list[tuple[int, str, str]] = attrs.Factory(list)

    def text(self, value: str | None, origin: int | None) -> None:
        if value:
            if not self.buffer or not self.buffer_origin:
                self.buffer_origin = origin or 0 if value.strip(_LINE_STRIP) else self.buffer_origin
            self.buffer.append(value)

    def emit(self, line: str, origin: int | None) -> None:
        self.lines.append(line)
        self.origins.append(origin or 0)

    def newline(self) -> None:
        if self.buffer:
            line = _normalise("".join(self.buffer))
            self.buffer.clear()
            if line:
                self.emit(line, self.buffer_origin)
            self.buffer_origin = 0

    def walk(self, element: Any, *, tables: bool = True) -> None:
        """Write an element: its text, its children's, block elements on lines of their own."""
        self._run([(_WALK, element)], tables)

    def children(self, element: Any, tables: bool) -> None:
        """Write an element's content (its text and children), not the element's own line breaks."""
        stack: list[tuple[int, Any]] = []
        _push_content(stack, element)
        self._run(stack, tables)

    def _run(self, stack: list[tuple[int, Any]], tables: bool) -> None:
        # An explicit stack, not recursion: a page may nest thousands of elements deep.
        while stack:
            action, item = stack.pop()
            if action == _TEXT:
                self.text(*item)
            elif action == _NEWLINE:
                self.newline()
            else:
                tag = _tag(item)
                if tag == "br":
                    self.newline()
                elif tag == "table" and tables and _is_data_table(item):
                    self.newline()
                    self.table(item)
                elif tag in _BLOCK_TAGS:
                    self.newline()
                    stack.append((_NEWLINE, None))
                    _push_content(stack, item)
                elif tag:
                    _push_content(stack, item)

    def table(self, table: Any) -> None:
        trs = _rows(table)
        rows: list[list[_RawCell]] = []
        for index, tr in enumerate(trs):
            cells = []
            for td in _cells(tr):
                inner = _Writer()
                inner.children(td, False)
                inner.newline()
                left = len(trs) - index  # a rowspan ends with the table (HTML clips it; 0 means "to the end")
                rowspan = _span_attr(td, "rowspan", left) or left
                colspan = _span_attr(td, "colspan", MAX_TABLE_COLUMNS + 1) or 1
                is_header = _tag(td) == "th"
                cells.append(
                    _RawCell(tuple(inner.lines), rowspan, colspan, is_header, tuple(inner.origins), td.sourceline or 0)
                )
            rows.append(cells)
        first = len(self.lines)
        width = _width(rows)
        covered = sum(c.rowspan * c.colspan for row in rows for c in row)
        if width > MAX_TABLE_COLUMNS or max(width * len(rows), covered) > MAX_TABLE_CELLS:
            self.problems.append(
                (
                    first,
                    "html-table-too-large",
                    f"a table of {width} columns and {len(rows)} rows (its spans covering {covered} cells) is over the "
                    f"limits ({MAX_TABLE_COLUMNS} columns, {MAX_TABLE_CELLS} cells): its rowspans and colspans are "
                    "read as 1 and its rows are not padded to its width",
                )
            )
            for row in rows:
                for cell in row:
                    cell.rowspan = cell.colspan = 1
            width = 0  # no padding
        for tr, cells in zip(trs, rows, strict=True):
            for index, cell in enumerate(cells):
                head, *rest = cell.lines or ("",)
                origins = cell.origins or (cell.source_line,)
                cell.first_line = len(self.lines)
                if index == 0:
                    # "| " with nothing after it opens a row with an empty first cell (grammar.lark)
                    self.emit(f"| {head}", origins[0])
                    cell.first_column = 2
                elif head:
                    self.emit(head, origins[0])
                for line, origin in zip(rest, origins[1:], strict=True):
                    self.emit(line, origin)
                self.emit("|", cell.source_line)
                cell.last_line = len(self.lines) - 1
            if width > len(cells):
                self.emit("|" * (width - len(cells)), tr.sourceline)
        if len(self.lines) > first:
            self.tables.append(_RawTable(rows, first, len(self.lines) - 1))


_WALK, _TEXT, _NEWLINE = range(3)


def _push_content(stack: list[tuple[int, Any]], element: Any) -> None:
    """Push the writing of an element's text and children (with their tails), to be popped in document order."""
    for child in reversed(element):
        # lxml knows where an element starts, not where it ends: the tail is placed at its start
        stack.append((_TEXT, (child.tail, child.sourceline)))
        stack.append((_WALK, child))
    stack.append((_TEXT, (element.text, element.sourceline)))


def _width(rows: list[list[_RawCell]]) -> int:
    """The grid width of rows: the widest row, counting colspans and the rowspans reaching into it."""
    # rowspans as differences: a cell adds its colspan to the rows below it and takes it off where it ends
    change = [0] * (len(rows) + 1)
    occupied = width = 0
    for index, row in enumerate(rows):
        occupied += change[index]
        width = max(width, occupied + sum(c.colspan for c in row))
        for cell in row:
            if cell.rowspan > 1:
                change[index + 1] += cell.colspan
                change[min(index + cell.rowspan, len(rows))] -= cell.colspan
    return width


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


def _lxml_html(path: str) -> Any:
    try:
        import lxml.html
    except ImportError:
        raise GovinfoError(
            f"{path}: reading HTML needs lxml: install the html extra (pip install 'govinfo-reports[html]')"
        ) from None
    return lxml.html


def _root(html: str | bytes, path: str) -> tuple[str, Any, str | None]:
    """The page's text, its tree (``None`` when it holds nothing) and, if the parser hit a limit, what it said."""
    lxml_html = _lxml_html(path)
    from lxml import etree

    text = decode_html(html, path=path) if isinstance(html, bytes) else html
    text = _NOT_XML.sub("\ufffd", _XML_DECL.sub("", text, count=1))
    if not text.strip():
        return text, None, None
    # huge_tree lifts libxml2's limits on a text node's size (10 MB) and on nesting (256 levels, now
    # 2,048; _Writer does not recurse); the HTML parser expands no entities, and no_network keeps it
    # from fetching anything.
    parser = lxml_html.HTMLParser(huge_tree=True, no_network=True)
    try:
        root = lxml_html.document_fromstring(text, parser=parser)
    except (etree.LxmlError, ValueError):
        return text, None, None  # nothing that lxml can read as a document: no content
    # At a resource limit libxml2 stops: the rest of the page is missing from the tree.
    limit = next((e.message for e in parser.error_log if e.type_name == "ERR_RESOURCE_LIMIT"), None)
    return text, root, limit


# (a name, then what follows it: no two repetitions can take the same characters)
_MARKUP = re.compile(r"<(?:/?([A-Za-z][^\s/<>]*)(?:[\s/][^<>]*)?|[!?][^<>]*)>")


def _plain_text(page: str) -> list[str]:
    """The lines of a page read without a tree: tags dropped (block tags end lines), entities resolved."""

    def tag(m: re.Match[str]) -> str:
        name = (m.group(1) or "").lower()
        return "\n" if name in _BLOCK_TAGS or name == "br" else ""

    lines = []
    for raw in _MARKUP.sub(tag, page).split("\n"):
        line = _normalise(html_module.unescape(raw))
        if line:
            lines.append(line)
    return lines


def read_html(html: str | bytes, *, source_name: str | None = None) -> HtmlDocument:
    """Find the article of an HTML page and render it as text, keeping the tables' true geometry.

    When the page is beyond what the HTML parser holds (nested more than
    2,048 levels deep, say), the whole page is read as plain text instead,
    with a diagnostic: no text is lost, the tables' geometry is.

    Args:
        html: The page, as text or as bytes (decoded by :func:`decode_html`).
        source_name: A file name to show in error messages.

    Raises:
        DecodeError: ``html`` is bytes that cannot be decoded.
        GovinfoError: lxml (the ``html`` extra) is not installed.
    """
    page, root, limit = _root(html, source_name or "<html>")
    if limit is not None:
        lines = _plain_text(page)
        first = len(lines[0]) if lines else 0
        diagnostic = Diagnostic(
            "html-parser-limit",
            f"the HTML parser stopped at one of its limits ({limit.strip()}): the page is read as plain text",
            span=Span(0, first, 1, 1, 1, first + 1),
        )
        return HtmlDocument("".join(line + "\n" for line in lines), (), (0,) * len(lines), (diagnostic,))
    if root is None:
        return HtmlDocument("", (), ())
    _drop_chrome(root)
    article = find_article(root)
    writer = _Writer()
    writer.walk(article)
    writer.newline()
    offsets = [0]
    for line in writer.lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def span(cell: _RawCell) -> Span:
        start = offsets[cell.first_line] + cell.first_column - 1
        end = offsets[cell.last_line] + 1  # after the closing pipe
        return Span(start, end, cell.first_line + 1, cell.first_column, cell.last_line + 1, 2)

    tables = tuple(
        HtmlTable(
            tuple(
                tuple(ObservedCell(c.lines, c.rowspan, c.colspan, c.is_header, span=span(c)) for c in row)
                for row in raw.rows
            ),
            raw.first_line + 1,
            raw.last_line + 1,
        )
        for raw in writer.tables
    )
    diagnostics = tuple(
        Diagnostic(
            code,
            message,
            span=Span(
                offsets[index], offsets[index + 1] - 1, index + 1, 1, index + 1, offsets[index + 1] - offsets[index]
            ),
        )
        for index, code, message in writer.problems
        if index < len(writer.lines)
    )
    return HtmlDocument("".join(line + "\n" for line in writer.lines), tables, tuple(writer.origins), diagnostics)


def html_to_text(html: str | bytes) -> str:
    """The article of an HTML page as text: one line per text block, tables in layout B."""
    return read_html(html).text


def _observed_rows(table: Table, document: HtmlDocument) -> tuple[tuple[ObservedCell, ...], ...]:
    """The rows of the ``<table>`` elements a table node renders (two adjacent ones render as one run)."""
    inside = [t for t in document.tables if table.span.line <= t.first_line <= table.span.end_line]
    return tuple(row for t in inside for row in t.rows)


def _attach(block: Block, document: HtmlDocument) -> Block:
    if isinstance(block, Table):
        return attrs.evolve(block, observed=_observed_rows(block, document))
    if isinstance(block, Section | Attachment | Preamble):
        return attrs.evolve(block, children=tuple(_attach(c, document) for c in block.children))
    return block


def parse_html(html: str | bytes, *, strict: bool = False, source_name: str | None = None) -> Report:
    """Parse an HTML report page (see the module documentation for how).

    Every table node of the result carries the rows of its ``<table>`` with
    their true spans in :attr:`Table.observed <govinfo_reports.Table.observed>`.

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
    return read_html(html, source_name=source_name).parse(strict=strict, source_name=source_name)
