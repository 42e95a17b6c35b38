"""Reports drawn as HTML: one static, self-contained page per report, and the notebook views.

:func:`report_page` gives the page ``govinfo-reports show FILE -o out.html``
writes: the report's identity and outline, its text (headings, paragraphs,
signature, attachments), each table drawn as its grid (merged cells as
``rowspan``/``colspan``, from :mod:`govinfo_reports.tables.grid`), and every
finding numbered, with the cells and numbers it involves highlighted and its
message beside them.  The page has no script and loads nothing: its style is
inline.

The same drawing serves the ``_repr_html_`` of :class:`~govinfo_reports.Report`,
:class:`~govinfo_reports.Table` and :class:`~govinfo_reports.Finding` in a
notebook (:func:`fragment`); :mod:`govinfo_reports` registers it, and imports this module on first use.

A report is untrusted input: the page is built as an element tree
(:mod:`xml.etree.ElementTree`, serialised as HTML), so every text and
attribute value is escaped by the serialiser, never pasted into markup.

>>> from govinfo_reports import parse
>>> page = report_page(parse("一、总体情况\\n<b>全年</b>主动公开政府信息200条。\\n"))
>>> page.startswith("<!DOCTYPE html>"), "<b>" in page, "&lt;b&gt;全年&lt;/b&gt;" in page
(True, False, True)
"""

from __future__ import annotations

import bisect
import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Sequence

import attrs

from govinfo_reports.facts import Extraction, Fact
from govinfo_reports.findings import Finding
from govinfo_reports.identity import identify
from govinfo_reports.syntax.nodes import (
    NO_SPAN,
    SPACES,
    Attachment,
    AttachmentList,
    Blank,
    Block,
    FileName,
    Paragraph,
    Preamble,
    PublicationDate,
    Report,
    Section,
    Signature,
    Span,
    Table,
)
from govinfo_reports.tables.extract import extract
from govinfo_reports.tables.grid import Grid
from govinfo_reports.validate import validate

__all__ = ["fragment", "grid_size", "report_page", "showable", "table_grids"]

#: Says where a span is, for the notes: ``line 8:101`` by default; the command line gives
#: ``path:line:col`` in the file (the page's line for HTML, the page of a PDF).
Locate = Callable[[Span], str]

STYLE = """
.govinfo-view { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif;
  line-height: 1.5; color: #1d1d1f; max-width: 1400px; }
.govinfo-view h1 { font-size: 1.5em; margin: 0.2em 0; }
.govinfo-view .meta { color: #555; margin: 0 0 1em; }
.govinfo-view nav.outline ol { margin: 0.1em 0; padding-left: 1.4em; }
.govinfo-view nav.outline, .govinfo-view .summary, .govinfo-view .diagnostics {
  background: #f6f6f8; border: 1px solid #ddd; border-radius: 4px; padding: 0.4em 1em; margin: 0.6em 0; }
.govinfo-view h2.part { font-size: 1.1em; margin: 0.3em 0; }
.govinfo-view .row { display: flex; gap: 1em; align-items: flex-start; }
.govinfo-view .row > .body { flex: 1 1 auto; min-width: 0; }
.govinfo-view .flagged > .body { border-left: 4px solid #c62828; padding-left: 0.5em; }
.govinfo-view .flagged.warning > .body { border-left-color: #ef6c00; }
.govinfo-view aside.notes { flex: 0 0 22em; font-size: 0.9em; }
.govinfo-view aside.notes ol { list-style: none; margin: 0; padding: 0; }
.govinfo-view .note { border: 1px solid #e0b4b4; background: #fff6f6; border-radius: 4px; padding: 0.3em 0.6em;
  margin-bottom: 0.4em; }
.govinfo-view .note.warning { border-color: #f0c68a; background: #fffaf0; }
.govinfo-view .note.info { border-color: #b4c8e0; background: #f4f8ff; }
.govinfo-view .note p { margin: 0.2em 0; }
.govinfo-view .badge { display: inline-block; min-width: 1.3em; text-align: center; border-radius: 0.7em;
  background: #c62828; color: #fff; font-size: 0.75em; font-weight: bold; padding: 0 0.3em; margin-left: 0.2em; }
.govinfo-view .warning .badge, .govinfo-view .badge.warning { background: #ef6c00; }
.govinfo-view .info .badge, .govinfo-view .badge.info { background: #1565c0; }
.govinfo-view .where { color: #555; font-family: monospace; }
.govinfo-view code { background: #eee; padding: 0 0.2em; border-radius: 3px; }
.govinfo-view section { margin-left: 0.8em; }
.govinfo-view .heading { margin: 0.6em 0 0.2em; }
.govinfo-view p.text { margin: 0.2em 0; white-space: pre-wrap; }
.govinfo-view .signature { text-align: right; }
.govinfo-view .table-wrap { overflow-x: auto; margin: 0.4em 0; }
.govinfo-view table.grid { border-collapse: collapse; font-size: 0.85em; }
.govinfo-view table.grid caption { text-align: left; color: #555; padding-bottom: 0.2em; }
.govinfo-view table.grid td, .govinfo-view table.grid th { border: 1px solid #999; padding: 0.15em 0.4em;
  vertical-align: middle; }
.govinfo-view table.grid th { background: #eef1f5; font-weight: normal; }
.govinfo-view table.grid td.value { text-align: right; }
.govinfo-view table.grid td.gap { background: #fafafa; }
.govinfo-view .hit { background: #ffe08a; outline: 2px solid #c62828; }
.govinfo-view .hit.warning { outline-color: #ef6c00; }
.govinfo-view mark.hit { padding: 0 0.1em; }
.govinfo-view pre.lines { background: #f6f6f8; padding: 0.4em; overflow-x: auto; }
"""

_IDS = itertools.count(1)

#: The outline lists the headings down to this level (and every attachment).
_OUTLINE_DEPTH = 2


def report_page(
    report: Report,
    findings: Sequence[Finding] | None = None,
    *,
    title: str | None = None,
    locate: Locate | None = None,
) -> str:
    """The static HTML page of a report: outline, text, tables as grids, findings beside the cells they involve.

    Args:
        report: The parsed report.
        findings: What to show; ``None`` runs :func:`~govinfo_reports.validate` with the default rules.
        title: The page's ``<title>`` (and heading when the report has no title line): a file name, say.
        locate: Says where a span is, for the notes (``line 8:101`` by default).

    Returns:
        A whole HTML document (``<!DOCTYPE html>``), UTF-8 declared, with no script and no external resource.
    """
    html = ET.Element("html", {"lang": "zh"})
    head = ET.SubElement(html, "head")
    ET.SubElement(head, "meta", {"charset": "utf-8"})
    ET.SubElement(head, "meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"})
    ET.SubElement(head, "meta", {"name": "generator", "content": "govinfo-reports"})
    _text(head, "title", report.title or title or "report")
    _text(head, "style", STYLE)
    body = ET.SubElement(html, "body")
    body.append(_report_view(report, findings, title=title, locate=locate, prefix=""))
    return "<!DOCTYPE html>\n" + _serialise(html) + "\n"


def fragment(node: object) -> str:
    """A report, table or finding as an HTML fragment with its own scoped style (what a notebook shows).

    >>> from govinfo_reports import parse
    >>> table = parse("规章 |\\n0 |\\n合计 |\\n|\\n").tables[0]
    >>> "<table" in fragment(table) and "规章" in fragment(table)
    True
    """
    prefix = f"gv{next(_IDS)}-"
    if isinstance(node, Report):
        view = _report_view(node, None, title=None, locate=None, prefix=prefix)
    elif isinstance(node, Table):
        view = _view_root()
        _table(view, node, _grid(node, None), _Marks.empty(), None)
    elif isinstance(node, Finding):
        view = _view_root()
        _finding_card(view, node, 1, _default_locate)
    else:
        raise TypeError(f"no HTML view for {type(node).__name__}")
    style = ET.Element("style")
    style.text = STYLE
    return _serialise(style) + _serialise(view)


def table_grids(report: Report, extraction: Extraction | None = None) -> list[tuple[Table, Grid | None, str | None]]:
    """Each table of the report with the grid the facts were read from and what it was read as (``三``, ``legacy``).

    A table whose source states its spans (an HTML page) is drawn with them (:meth:`Grid.from_table`);
    a flattened one with the reader's grid (laid out by its template) when it has one, else the grid
    rebuilt from its text; ``None`` when none can be made.  ``extraction`` is the report's
    (:func:`~govinfo_reports.extract`), when already made.
    """
    tables = report.tables
    readings = (extraction or extract(report)).tables
    kinds: list[str | None] = [r.kind for r in readings] if len(readings) == len(tables) else [None] * len(tables)
    out: list[tuple[Table, Grid | None, str | None]] = []
    for i, table in enumerate(tables):
        grid: Grid | None = None
        if kinds[i] is not None and table.observed is None:  # the source's own spans come first
            try:
                grid = readings[i].grid
            except Exception:  # lenient: a view never fails on a table it cannot lay out
                grid = None
        out.append((table, _grid(table, grid), kinds[i]))
    return out


def grid_size(grid: Grid) -> tuple[int, int]:
    """The rows and columns a grid's cells take up: its own size, or more when a cell lies beyond it
    (such a cell is drawn, never dropped)."""
    rows = max([grid.n_rows, *(c.row + c.rowspan for c in grid.cells)])
    cols = max([grid.n_cols, *(c.col + c.colspan for c in grid.cells)])
    return rows, cols


# --- building blocks -------------------------------------------------------------------------


def _serialise(element: ET.Element) -> str:
    return ET.tostring(element, encoding="unicode", method="html")


#: What HTML cannot carry as text: C0 controls but tab and line breaks (a browser drops NUL, the
#: others are invisible), DEL, and lone surrogates (no UTF-8 for them).
_UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ ␁ … : the Control Pictures
    return "\u2421" if code == 0x7F else "\ufffd"


def showable(text: str) -> str:
    r"""``text`` as the page shows it: control characters as their Control Pictures (NUL as ``␀``),
    lone surrogates as ``�``; everything else as it is (escaping is the serialiser's job).

    >>> showable("a\x00b\tc")
    'a␀b\tc'
    """
    return _UNSHOWABLE.sub(_picture, text) if _UNSHOWABLE.search(text) else text


def _text(parent: ET.Element, tag: str, text: str, attrib: dict[str, str] | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: showable(v) for k, v in (attrib or {}).items()})
    element.text = showable(text)
    return element


def _view_root() -> ET.Element:
    return ET.Element("div", {"class": "govinfo-view"})


def _default_locate(span: Span) -> str:
    return f"line {span.line}:{span.column}"


def _grid(table: Table, grid: Grid | None) -> Grid | None:
    if grid is not None and grid.cells:
        return grid
    try:
        rebuilt = Grid.from_table(table)
    except Exception:  # lenient: drawn as its lines instead
        return None
    return rebuilt if rebuilt.cells else None


@attrs.frozen
class _Marks:
    """Where each finding is: the spans it highlights, and the block its message stands beside."""

    #: ``(start, end)`` of every involved fact's span → the numbers of the findings involving it.
    spans: dict[tuple[int, int], list[int]]
    #: The starts of :attr:`spans`, sorted (to find the ones inside a paragraph).
    starts: list[tuple[int, int]]
    #: ``id`` of a block → the findings whose message stands beside it, with their numbers.
    notes: dict[int, list[tuple[int, Finding]]]
    #: Findings with no place in the text (unlocated, or outside every block).
    loose: list[tuple[int, Finding]]
    #: The worst severity involving each marked span.
    severity: dict[tuple[int, int], str]
    #: What the ids of the page's elements start with (unique per notebook view).
    prefix: str = ""

    @classmethod
    def empty(cls) -> _Marks:
        return cls({}, [], {}, [], {})

    @classmethod
    def of(cls, report: Report, findings: Sequence[Finding], prefix: str) -> _Marks:
        spans: dict[tuple[int, int], list[int]] = {}
        severity: dict[tuple[int, int], str] = {}
        for number, finding in enumerate(findings, start=1):
            for fact in finding.facts:
                if fact.span is NO_SPAN:
                    continue
                key = (fact.span.start, fact.span.end)
                numbers = spans.setdefault(key, [])
                if number not in numbers:
                    numbers.append(number)
                if severity.get(key) != "error":
                    severity[key] = finding.severity.value
        leaves = list(_leaves(report))
        starts = [start for start, _, _ in leaves]
        notes: dict[int, list[tuple[int, Finding]]] = {}
        loose: list[tuple[int, Finding]] = []
        for number, finding in enumerate(findings, start=1):
            location = finding.location
            index = bisect.bisect_right(starts, location.start) - 1
            if location is NO_SPAN or index < 0 or location.start >= leaves[index][1]:
                loose.append((number, finding))
            else:
                notes.setdefault(leaves[index][2], []).append((number, finding))
        return cls(spans, sorted(spans), notes, loose, severity, prefix)

    def inside(self, start: int, end: int) -> list[tuple[int, int]]:
        """The marked spans lying within ``[start, end)``, in order."""
        i = bisect.bisect_left(self.starts, (start, start))
        out = []
        while i < len(self.starts) and self.starts[i][0] < end:
            if self.starts[i][1] <= end:
                out.append(self.starts[i])
            i += 1
        return out


def _leaves(report: Report) -> Iterable[tuple[int, int, int]]:
    """``(start, end, id)`` of the blocks a finding's message can stand beside, in document order."""
    for block in report.walk():
        span = block.span
        if span is NO_SPAN or isinstance(block, Blank | Preamble):
            continue
        if isinstance(block, Section | Attachment):
            line = len(block.indent + block.heading) if isinstance(block, Section) else len(block.text)
            yield span.start, span.start + line + 1, id(block)
        else:
            yield span.start, span.end, id(block)


def _report_view(
    report: Report,
    findings: Sequence[Finding] | None,
    *,
    title: str | None,
    locate: Locate | None,
    prefix: str,
) -> ET.Element:
    if findings is None:
        findings = validate(report)
    findings = sorted(findings, key=Finding.sort_key)
    where = locate or _default_locate
    marks = _Marks.of(report, findings, prefix)
    extraction = extract(report)
    grids = {id(t): (g, kind) for t, g, kind in table_grids(report, extraction)}
    view = _view_root()
    header = ET.SubElement(view, "header")
    _text(header, "h1", report.title or title or "report")
    who = identify(report)
    errors = sum(f.severity.value == "error" for f in findings)
    meta = [
        who.office or "office not stated",
        f"{who.year}" if who.year is not None else "year not stated",
        extraction.template or "no statistics table",
        f"{len(report.tables)} tables",
        f"{len(extraction.facts)} facts",
        f"{len(findings)} findings ({errors} errors)",
    ]
    _text(header, "p", " · ".join(meta), {"class": "meta"})
    _outline(view, report, prefix)
    _summary(view, findings, where, prefix)
    _diagnostics(view, report, extraction)
    article = ET.SubElement(view, "article")
    if marks.loose:
        _notes(article, marks.loose, where, prefix)
    state = _State(marks, grids, where, prefix, itertools.count(1))
    for child in report.children:
        _block(article, child, state)
    return view


@attrs.define
class _State:
    marks: _Marks
    grids: dict[int, tuple[Grid | None, str | None]]
    where: Locate
    prefix: str
    sections: Iterator[int]

    def next_section(self) -> str:
        return f"{self.prefix}s-{next(self.sections)}"


def _outline(view: ET.Element, report: Report, prefix: str) -> None:
    nav = ET.SubElement(view, "nav", {"class": "outline"})
    _text(nav, "h2", "Outline", {"class": "part"})
    numbers = itertools.count(1)

    def entries(parent: ET.Element, blocks: Sequence[Block]) -> None:
        items = [b for b in blocks if isinstance(b, Section | Attachment)]
        if not items:
            return
        ol = ET.SubElement(parent, "ol")
        for block in items:
            anchor = f"#{prefix}s-{next(numbers)}"  # every section has its number, shown in the outline or not
            if isinstance(block, Section) and block.level > _OUTLINE_DEPTH:
                entries(parent, block.children)
                continue
            li = ET.SubElement(ol, "li")
            if isinstance(block, Section):
                label = f"{block.number.raw.strip(SPACES)}{block.title}"
            else:
                label = f"{block.label} {block.title}".strip()
            _text(li, "a", label, {"href": anchor})
            entries(li, block.children)
        if not len(ol):
            parent.remove(ol)

    entries(nav, report.children)
    if len(nav) == 1:
        _text(nav, "p", "no headings")


def _summary(view: ET.Element, findings: Sequence[Finding], where: Locate, prefix: str) -> None:
    box = ET.SubElement(view, "div", {"class": "summary"})
    _text(box, "h2", f"Findings ({len(findings)})", {"class": "part"})
    if not findings:
        _text(box, "p", "none: the report agrees with itself on every rule that applies")
        return
    ol = ET.SubElement(box, "ol")
    for number, finding in enumerate(findings, start=1):
        li = ET.SubElement(ol, "li", {"class": finding.severity.value})
        _text(li, "a", str(number), {"href": f"#{prefix}finding-{number}", "class": f"badge {finding.severity.value}"})
        place = where(finding.location) if finding.location is not NO_SPAN else "unlocated"
        _text(li, "span", f" {place} ", {"class": "where"})
        _text(li, "b", finding.severity.value).tail = " "
        _text(li, "code", finding.rule).tail = " " + showable(finding.message)


def _diagnostics(view: ET.Element, report: Report, extraction: Extraction) -> None:
    found = list(report.diagnostics) + list(extraction.diagnostics)
    if not found:
        return
    box = ET.SubElement(view, "details", {"class": "diagnostics"})
    _text(box, "summary", f"What the reader had to guess ({len(found)})")
    ul = ET.SubElement(box, "ul")
    for diagnostic in found:
        li = ET.SubElement(ul, "li")
        _text(li, "span", f"line {diagnostic.span.line}:{diagnostic.span.column} ", {"class": "where"})
        _text(li, "code", diagnostic.code).tail = " " + showable(diagnostic.message)


def _notes(parent: ET.Element, notes: Sequence[tuple[int, Finding]], where: Locate, prefix: str) -> None:
    aside = ET.SubElement(parent, "aside", {"class": "notes"})
    ol = ET.SubElement(aside, "ol")
    for number, finding in notes:
        li = ET.SubElement(ol, "li", {"id": f"{prefix}finding-{number}", "class": f"note {finding.severity.value}"})
        _finding_lines(li, finding, number, where)


def _finding_lines(parent: ET.Element, finding: Finding, number: int, where: Locate) -> None:
    top = ET.SubElement(parent, "p")
    _text(top, "span", str(number), {"class": f"badge {finding.severity.value}"}).tail = " "
    _text(top, "b", finding.severity.value).tail = " "
    _text(top, "code", finding.rule).tail = " "
    if finding.location is not NO_SPAN:
        _text(top, "span", where(finding.location), {"class": "where"})
    _text(parent, "p", finding.message, {"class": "message"})
    if finding.expected is not None and finding.actual is not None:
        _text(
            parent,
            "p",
            f"expected {finding.expected}, stated {finding.actual}, difference {finding.difference}",
            {"class": "arithmetic"},
        )


def _finding_card(view: ET.Element, finding: Finding, number: int, where: Locate) -> None:
    card = ET.SubElement(view, "div", {"class": f"note {finding.severity.value}"})
    _finding_lines(card, finding, number, where)
    if not finding.facts:
        return
    table = ET.SubElement(card, "table", {"class": "grid"})
    _text(table, "caption", "The cells and numbers involved")
    head = ET.SubElement(table, "tr")
    for name in ("table", "labels", "column", "as written", "where"):
        _text(head, "th", name)
    for fact in finding.facts:
        tr = ET.SubElement(table, "tr")
        _fact_row(tr, fact, finding.severity.value, where)


def _fact_row(tr: ET.Element, fact: Fact, severity: str, where: Locate) -> None:
    _text(tr, "td", fact.table)
    _text(tr, "td", " / ".join(fact.label_path))
    _text(tr, "td", fact.column)
    _text(tr, "td", fact.text, {"class": f"value hit {severity}"})
    _text(tr, "td", where(fact.span) if fact.span is not NO_SPAN else "", {"class": "where"})


def _row(parent: ET.Element, block: Block, state: _State, css: str) -> ET.Element:
    """The element a block is drawn into: with its notes beside it when findings stand there."""
    notes = state.marks.notes.get(id(block))
    if not notes:
        return ET.SubElement(parent, "div", {"class": f"body {css}"})
    worst = min((f.severity for _, f in notes), key=lambda s: s.rank).value
    row = ET.SubElement(parent, "div", {"class": f"row flagged {worst}"})
    body = ET.SubElement(row, "div", {"class": f"body {css}"})
    _notes(row, notes, state.where, state.prefix)
    return body


def _block(parent: ET.Element, block: Block, state: _State) -> None:
    if isinstance(block, Blank):
        return
    if isinstance(block, Preamble):
        for child in block.children:
            _block(parent, child, state)
    elif isinstance(block, Section):
        section = ET.SubElement(parent, "section", {"id": state.next_section()})
        heading = _row(section, block, state, "heading")
        tag = f"h{min(block.level + 1, 6)}"
        start = block.span.start + len(block.indent)
        # The heading as written: its number and title, then any text run on after the title (its own paragraph).
        head = f"{block.number.raw}{block.gap}{block.title}" + ("。" if block.body_text else "")
        _marked(_attrs(ET.SubElement(heading, tag, {"class": "heading"}), block.span), head, start, state.marks)
        if block.body_text:
            text = ET.SubElement(heading, "p", {"class": "text"})
            _marked(text, block.body_text, start + len(head), state.marks)
        for child in block.children:
            _block(section, child, state)
    elif isinstance(block, Attachment):
        section = ET.SubElement(parent, "section", {"id": state.next_section(), "class": "attachment"})
        heading = _row(section, block, state, "heading")
        _text(heading, "h2", block.text.strip(SPACES), {"class": "heading"})
        for child in block.children:
            _block(section, child, state)
    elif isinstance(block, Paragraph):
        body = _row(parent, block, state, "paragraph")
        _marked(
            _attrs(ET.SubElement(body, "p", {"class": "text"}), block.span), block.text, block.span.start, state.marks
        )
    elif isinstance(block, Table):
        body = _row(parent, block, state, "table")
        grid, kind = state.grids.get(id(block), (None, None))
        _table(body, block, grid, state.marks, kind)
    elif isinstance(block, Signature):
        body = _row(parent, block, state, "signature")
        p = _attrs(_text(body, "p", block.issuer, {"class": "text signature"}), block.span)
        ET.SubElement(p, "br").tail = showable(block.date_text.strip(SPACES))
    elif isinstance(block, AttachmentList):
        body = _row(parent, block, state, "attachment-list")
        ul = ET.SubElement(body, "ul")
        for entry in block.entries:
            _text(ul, "li", entry.text.strip(SPACES))
    elif isinstance(block, PublicationDate | FileName):
        body = _row(parent, block, state, "published" if isinstance(block, PublicationDate) else "file-name")
        _attrs(_text(body, "p", block.text.strip(SPACES), {"class": "text"}), block.span)


def _attrs(element: ET.Element, span: Span) -> ET.Element:
    if span is not NO_SPAN:
        element.set("data-line", str(span.line))
    return element


def _marked(element: ET.Element, text: str, start: int, marks: _Marks) -> None:
    """Put ``text`` (which starts at offset ``start`` of the source) into ``element``, its marked numbers in ``<mark>``."""
    cursor = 0
    last: ET.Element | None = None
    for a, b in marks.inside(start, start + len(text)):
        lo, hi = a - start, b - start
        if lo < cursor:  # overlapping marks: the first one wins
            continue
        piece = showable(text[cursor:lo])
        if last is None:
            element.text = (element.text or "") + piece
        else:
            last.tail = (last.tail or "") + piece
        numbers = marks.spans[(a, b)]
        severity = marks.severity[(a, b)]
        last = _text(element, "mark", text[lo:hi], {"class": f"hit {severity}", "title": _titles(numbers)})
        _badges(last, numbers, severity, marks.prefix)
        cursor = hi
    rest = showable(text[cursor:])
    if last is None:
        element.text = (element.text or "") + rest
    else:
        last.tail = (last.tail or "") + rest


def _titles(numbers: Sequence[int]) -> str:
    return "finding " + ", ".join(str(n) for n in numbers)


def _badges(element: ET.Element, numbers: Sequence[int], severity: str, prefix: str) -> None:
    """The numbers of the findings a cell or number is in, each a link to its note."""
    sup = ET.SubElement(element, "sup", {"class": f"badge {severity}"})
    for i, number in enumerate(numbers):
        link = _text(sup, "a", str(number), {"href": f"#{prefix}finding-{number}"})
        if i < len(numbers) - 1:
            link.tail = ","


def _table(parent: ET.Element, table: Table, grid: Grid | None, marks: _Marks, kind: str | None) -> None:
    wrap = ET.SubElement(parent, "div", {"class": "table-wrap"})
    where = f"lines {table.span.line}-{table.span.end_line}" if table.span is not NO_SPAN else ""
    name = f"table {kind}" if kind and kind != "legacy" else "table"
    if grid is None:
        _text(wrap, "p", f"{name}, {where}: its grid could not be rebuilt; its lines as written:")
        _text(wrap, "pre", "\n".join(line.text for line in table.lines), {"class": "lines"})
        return
    element = _attrs(ET.SubElement(wrap, "table", {"class": "grid"}), table.span)
    n_rows, n_cols = grid_size(grid)
    size = f"{n_rows} rows × {n_cols} columns"
    observed = "spans as the source states them" if table.observed is not None else "spans rebuilt from the text"
    _text(element, "caption", ", ".join(p for p in (name, size, observed, where) if p))
    for r in range(n_rows):
        tr = ET.SubElement(element, "tr")
        for c in range(n_cols):
            cell = grid.at(r, c)
            if cell is None:
                ET.SubElement(tr, "td", {"class": "gap"})
                continue
            if (cell.row, cell.col) != (r, c):
                continue  # covered by a cell spanning from above or from the left
            classes = ["value"] if c >= grid.label_columns and not cell.is_header else []
            td = ET.SubElement(tr, "th" if cell.is_header else "td")
            if cell.rowspan > 1:
                td.set("rowspan", str(cell.rowspan))
            if cell.colspan > 1:
                td.set("colspan", str(cell.colspan))
            td.text = showable(cell.text)
            key = (cell.span.start, cell.span.end)
            if cell.span is not NO_SPAN:
                td.set("data-line", str(cell.span.line))
                numbers = marks.spans.get(key)
                if numbers:
                    classes += ["hit", marks.severity[key]]
                    td.set("title", _titles(numbers))
                    _badges(td, numbers, marks.severity[key], marks.prefix)
            if classes:
                td.set("class", " ".join(classes))
